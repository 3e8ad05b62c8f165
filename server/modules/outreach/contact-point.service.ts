import type { z } from 'zod';
import { sql } from 'drizzle-orm';
import {
  CONTACT_POINT_KINDS,
  CONTACT_POINT_SORTS,
  type ContactPoint,
  type ContactPointDetail,
  type ContactPointFilter,
  type createContactPoint,
  type listContactPoints,
  type OutreachSummary,
  type updateContactPoint,
} from '../../../common/contracts/outreach';
import { BRANCH_KINDS } from '../../../common/contracts/outreach-branches';
import { maskPhone } from '../../../common/masking';
import { normalizeText, parsePhone } from '../../../common/validators';
import { assertUnitInScope } from '../../platform/access/scope';
import { decryptField, encryptField } from '../../platform/crypto/field-crypto';
import { badRequest, conflict, staleVersion } from '../../platform/http/errors';
import * as repo from './contact-point.repo';
import * as branches from './league-branch.repo';
import { countsInOrder, iso, orderOf, unitFilterOf, type OutreachCtx as Ctx } from './outreach.context';

/** 联系点: where emerging youth gather; the contact person's phone is stored encrypted, shown masked. */

type ListQuery = z.output<NonNullable<(typeof listContactPoints)['query']>>;
type CreateBody = z.output<NonNullable<(typeof createContactPoint)['body']>>;
type UpdateBody = z.output<NonNullable<(typeof updateContactPoint)['body']>>;

export function presentContactPoint(ctx: Pick<Ctx, 'keys'>, r: repo.ContactPointRow): ContactPoint {
  return {
    id: r.id,
    unit: { id: r.unitId, name: r.unitName },
    name: r.name,
    kind: r.kind,
    address: r.address,
    contactName: r.contactName,
    contactPhone: r.contactPhoneEnc ? maskPhone(decryptField(ctx.keys, r.contactPhoneEnc)) : null,
    relation: r.relation,
    since: r.since,
    youthEstimate: r.youthEstimate,
    remark: r.remark,
    active: r.active,
    activeBranches: r.activeBranches,
    members: r.members,
    version: r.version,
  };
}

/** undefined: leave as is; null or empty: clear; otherwise a valid phone, encrypted. */
function phoneValue(ctx: Ctx, phone: string | null | undefined): string | null | undefined {
  if (phone === undefined) return undefined;
  if (phone === null || phone.trim() === '') return null;
  const parsed = parsePhone(phone);
  if (!parsed.ok)
    throw badRequest(`联系电话：${parsed.error}`, [{ path: 'contactPhone', message: parsed.error }]);
  return encryptField(ctx.keys, parsed.value);
}

export async function resolveFilter(
  ctx: Ctx,
  f: Partial<ContactPointFilter>,
): Promise<repo.ContactPointQuery> {
  const q = f.q ? normalizeText(f.q) : '';
  return {
    kind: f.kind,
    relation: f.relation,
    active: f.active,
    unit: await unitFilterOf(ctx, f.unitId, f.includeDescendants),
    q: q || undefined,
  };
}

export const contactPointOrder = (sort: string | undefined) =>
  orderOf(sort, repo.CONTACT_POINT_ORDER, CONTACT_POINT_SORTS, sql`cp.active desc, cp.created_at desc`);

export async function list(ctx: Ctx, query: ListQuery) {
  const q = await resolveFilter(ctx, query);
  const [rows, total, kinds] = await Promise.all([
    repo.listContactPointRows(ctx.db, ctx.viewer, q, {
      order: contactPointOrder(query.sort),
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    }),
    repo.countContactPoints(ctx.db, ctx.viewer, q),
    repo.countByKind(ctx.db, ctx.viewer, q),
  ]);
  return {
    items: rows.map((r) => presentContactPoint(ctx, r)),
    total,
    page: query.page,
    pageSize: query.pageSize,
    byKind: countsInOrder(CONTACT_POINT_KINDS, kinds),
  };
}

export async function detail(ctx: Ctx, id: number): Promise<ContactPointDetail> {
  const row = await repo.findContactPoint(ctx.db, ctx.viewer, id);
  const at = await branches.branchesAtContactPoint(ctx.db, id);
  return {
    ...presentContactPoint(ctx, row),
    branches: at.map((b) => ({
      id: b.id,
      name: b.name,
      kind: b.kind,
      status: b.status,
      establishedOn: b.establishedOn,
      dissolvedOn: b.dissolvedOn,
      unit: { id: b.unitId, name: b.unitName },
      members: b.members,
    })),
    createdBy: row.createdBy,
    createdAt: iso(row.createdAt)!,
    updatedAt: iso(row.updatedAt)!,
  };
}

export async function create(ctx: Ctx, body: CreateBody) {
  const unitId = body.unitId ?? ctx.viewer.unitId;
  await assertUnitInScope(ctx.db, unitId, ctx.viewer);
  const phone = phoneValue(ctx, body.contactPhone);
  const id = await ctx.db.transaction(async (tx) => {
    const newId = await repo.insertContactPoint(tx, {
      unitId,
      name: body.name,
      kind: body.kind,
      address: body.address || null,
      contactName: body.contactName || null,
      contactPhoneEnc: phone ?? null,
      relation: body.relation,
      since: body.since ?? null,
      youthEstimate: body.youthEstimate ?? null,
      remark: body.remark || null,
      active: body.active ?? true,
      createdBy: ctx.viewer.userId,
    });
    await ctx.audit(
      {
        action: 'contact_point.created',
        targetType: 'contact_point',
        targetId: newId,
        targetLabel: body.name,
        detail: { kind: body.kind, relation: body.relation, unitId },
      },
      tx,
    );
    return newId;
  });
  return detail(ctx, id);
}

export async function update(ctx: Ctx, id: number, body: UpdateBody) {
  const before = await repo.findContactPoint(ctx.db, ctx.viewer, id);
  if (body.unitId !== undefined && body.unitId !== before.unitId) {
    const path = await assertUnitInScope(ctx.db, body.unitId, ctx.viewer);
    const outside = await branches.branchesOutside(ctx.db, { contactPointId: id }, path);
    if (outside.length) {
      throw badRequest(
        `改为该登记单位后，${outside.join('、')}等团组织不在其范围内，请先调整这些团组织的所属单位`,
      );
    }
  }
  const phone = phoneValue(ctx, body.contactPhone);
  const changed = Object.keys(body).filter(
    (k) => k !== 'version' && body[k as keyof UpdateBody] !== undefined,
  );
  await ctx.db.transaction(async (tx) => {
    await repo.lockContactPoint(tx, ctx.viewer, id);
    const ok = await repo.updateContactPointRow(tx, id, body.version, {
      ...(body.unitId !== undefined ? { unitId: body.unitId } : {}),
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.kind !== undefined ? { kind: body.kind } : {}),
      ...(body.address !== undefined ? { address: body.address || null } : {}),
      ...(body.contactName !== undefined ? { contactName: body.contactName || null } : {}),
      ...(phone !== undefined ? { contactPhoneEnc: phone } : {}),
      ...(body.relation !== undefined ? { relation: body.relation } : {}),
      ...(body.since !== undefined ? { since: body.since } : {}),
      ...(body.youthEstimate !== undefined ? { youthEstimate: body.youthEstimate } : {}),
      ...(body.remark !== undefined ? { remark: body.remark || null } : {}),
      ...(body.active !== undefined ? { active: body.active } : {}),
    });
    if (!ok) throw staleVersion();
    await ctx.audit(
      {
        action: 'contact_point.updated',
        targetType: 'contact_point',
        targetId: id,
        targetLabel: body.name ?? before.name,
        detail: { fields: changed },
      },
      tx,
    );
  });
  return detail(ctx, id);
}

export async function remove(ctx: Ctx, id: number) {
  await ctx.db.transaction(async (tx) => {
    const row = await repo.lockContactPoint(tx, ctx.viewer, id);
    const n = await repo.branchCount(tx, id);
    if (n > 0) throw conflict(`该联系点已建立 ${n} 个团组织，不能删除，可改为“停止联系”`);
    await repo.deleteContactPointRow(tx, id);
    await ctx.audit(
      { action: 'contact_point.deleted', targetType: 'contact_point', targetId: id, targetLabel: row.name },
      tx,
    );
  });
  return { ok: true as const };
}

export async function summary(ctx: Pick<Ctx, 'db' | 'viewer'>): Promise<OutreachSummary> {
  const s = await repo.scopeSummary(ctx.db, ctx.viewer);
  const byKind = countsInOrder(CONTACT_POINT_KINDS, s.points);
  const branchKinds = countsInOrder(BRANCH_KINDS, s.branches);
  return {
    contactPoints: { active: byKind.reduce((n, k) => n + k.count, 0), byKind },
    branches: { active: branchKinds.reduce((n, k) => n + k.count, 0), byKind: branchKinds },
    members: s.members,
  };
}
