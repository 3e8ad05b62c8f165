import type { z } from 'zod';
import { sql } from 'drizzle-orm';
import {
  BRANCH_KINDS,
  BRANCH_SORTS,
  type BranchDetail,
  type BranchFilter,
  type BranchListItem,
  type createBranch,
  type listBranches,
  type updateBranch,
} from '../../../common/contracts/outreach-branches';
import { normalizeText, todayInChina } from '../../../common/validators';
import { assertUnitInScope } from '../../platform/access/scope';
import { badRequest, conflict, staleVersion } from '../../platform/http/errors';
import * as members from './league-branch-members.repo';
import * as repo from './league-branch.repo';
import { countsInOrder, iso, orderOf, unitFilterOf, type OutreachCtx as Ctx } from './outreach.context';

/**
 * 团组织 among emerging youth. It sits at a contact point or a society kept by its own unit or a unit
 * above it (so whoever sees the place sees every organisation there), or with a named host; its
 * members are kept by its unit or below (so whoever sees it sees all its members).
 */

type ListQuery = z.output<NonNullable<(typeof listBranches)['query']>>;
type CreateBody = z.output<NonNullable<(typeof createBranch)['body']>>;
type UpdateBody = z.output<NonNullable<(typeof updateBranch)['body']>>;
type Location = { contactPointId?: number | null; societyId?: number | null; host?: string | null };

export function locationOf(r: Pick<repo.BranchRow, 'contactPointName' | 'societyName' | 'host'>) {
  return r.contactPointName ?? r.societyName ?? r.host ?? '—';
}

export function presentBranchItem(r: repo.BranchRow): BranchListItem {
  return {
    id: r.id,
    unit: { id: r.unitId, name: r.unitName },
    name: r.name,
    kind: r.kind,
    contactPoint: r.contactPointId ? { id: r.contactPointId, name: r.contactPointName ?? '' } : null,
    society: r.societyId ? { id: r.societyId, name: r.societyName ?? '' } : null,
    host: r.host,
    location: locationOf(r),
    establishedOn: r.establishedOn,
    status: r.status,
    dissolvedOn: r.dissolvedOn,
    members: r.members,
    secretary: r.secretary,
    version: r.version,
  };
}

export function presentMember(m: members.MemberRow) {
  return {
    youthId: m.youthId,
    name: m.name,
    unit: { id: m.unitId, name: m.unitName },
    stage: m.stage,
    category: m.category,
    role: m.role,
    joinedOn: m.joinedOn,
    leftOn: m.leftOn,
  };
}

/** A date of the organisation's life: not after today. */
export function notInFuture(date: string, label: string) {
  if (date > todayInChina()) throw badRequest(`${label}不能晚于今天`);
}

export async function resolveFilter(ctx: Ctx, f: Partial<BranchFilter>): Promise<repo.BranchQuery> {
  const q = f.q ? normalizeText(f.q) : '';
  return {
    kind: f.kind,
    status: f.status,
    contactPointId: f.contactPointId,
    unit: await unitFilterOf(ctx, f.unitId, f.includeDescendants),
    q: q || undefined,
  };
}

export const branchOrder = (sort: string | undefined) =>
  orderOf(sort, repo.BRANCH_ORDER, BRANCH_SORTS, sql`b.status, b.established_on desc`);

export async function list(ctx: Ctx, query: ListQuery) {
  const q = await resolveFilter(ctx, query);
  const [rows, totals] = await Promise.all([
    repo.listBranchRows(ctx.db, ctx.viewer, q, {
      order: branchOrder(query.sort),
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    }),
    repo.branchTotals(ctx.db, ctx.viewer, q),
  ]);
  return {
    items: rows.map(presentBranchItem),
    total: totals.branches,
    page: query.page,
    pageSize: query.pageSize,
    totals: {
      branches: totals.branches,
      active: totals.active,
      members: totals.members,
      byKind: countsInOrder(BRANCH_KINDS, totals.kinds),
    },
  };
}

export async function detail(ctx: Pick<Ctx, 'db' | 'viewer'>, id: number): Promise<BranchDetail> {
  const row = await repo.findBranchRow(ctx.db, ctx.viewer, id);
  const list = await members.listMembers(ctx.db, id);
  return {
    ...presentBranchItem(row),
    remark: row.remark,
    memberList: list.map(presentMember),
    createdBy: row.createdBy,
    createdAt: iso(row.createdAt)!,
    updatedAt: iso(row.updatedAt)!,
  };
}

/** Exactly one of contact point, society or host; the place must be in the viewer's scope. */
async function resolvePlace(ctx: Ctx, loc: Location) {
  const host = loc.host?.trim() || null;
  const given = [loc.contactPointId, loc.societyId, host].filter((v) => v !== null && v !== undefined);
  if (given.length !== 1) throw badRequest('请选择所在联系点或青年社团，或填写依托单位名称（三者选其一）');
  if (loc.contactPointId) {
    const place = await repo.contactPointPlace(ctx.db, ctx.viewer, loc.contactPointId);
    return { values: { contactPointId: place.id, societyId: null, host: null }, place, label: '联系点' };
  }
  if (loc.societyId) {
    const place = await repo.societyPlace(ctx.db, ctx.viewer, loc.societyId);
    return { values: { contactPointId: null, societyId: place.id, host: null }, place, label: '青年社团' };
  }
  return { values: { contactPointId: null, societyId: null, host }, place: null, label: '' };
}

function assertUnitAtPlace(unitPath: string, placed: Awaited<ReturnType<typeof resolvePlace>>) {
  if (placed.place && !unitPath.startsWith(placed.place.unitPath)) {
    throw badRequest(`团组织的所属单位须为该${placed.label}的登记单位或其下级单位`);
  }
}

export async function create(ctx: Ctx, body: CreateBody) {
  notInFuture(body.establishedOn, '成立日期');
  const placed = await resolvePlace(ctx, body);
  const unitId = body.unitId ?? placed.place?.unitId ?? ctx.viewer.unitId;
  const unitPath = await assertUnitInScope(ctx.db, unitId, ctx.viewer);
  assertUnitAtPlace(unitPath, placed);
  const id = await ctx.db.transaction(async (tx) => {
    const newId = await repo.insertBranch(tx, {
      unitId,
      name: body.name,
      kind: body.kind,
      ...placed.values,
      establishedOn: body.establishedOn,
      remark: body.remark || null,
      createdBy: ctx.viewer.userId,
    });
    await ctx.audit(
      {
        action: 'league_branch.created',
        targetType: 'league_branch',
        targetId: newId,
        targetLabel: body.name,
        detail: { kind: body.kind, unitId, ...placed.values, establishedOn: body.establishedOn },
      },
      tx,
    );
    return newId;
  });
  return detail(ctx, id);
}

export async function update(ctx: Ctx, id: number, body: UpdateBody) {
  const before = await repo.findBranchRow(ctx.db, ctx.viewer, id);
  if (body.establishedOn !== undefined) notInFuture(body.establishedOn, '成立日期');
  const moving = body.contactPointId !== undefined || body.societyId !== undefined || body.host !== undefined;
  const placed = await resolvePlace(
    ctx,
    moving ? body : { contactPointId: before.contactPointId, societyId: before.societyId, host: before.host },
  );
  const unitId = body.unitId ?? before.unitId;
  const unitPath = await assertUnitInScope(ctx.db, unitId, ctx.viewer);
  if (unitId !== before.unitId) {
    const outside = await members.membersOutside(ctx.db, id, unitPath);
    if (outside.length) {
      throw badRequest(`改为该所属单位后，${outside.join('、')}等成员不在其范围内，请先办理离开或转接`);
    }
  }
  if (moving || unitId !== before.unitId) assertUnitAtPlace(unitPath, placed);
  const changed = Object.keys(body).filter(
    (k) => k !== 'version' && body[k as keyof UpdateBody] !== undefined,
  );
  await ctx.db.transaction(async (tx) => {
    await repo.lockBranch(tx, ctx.viewer, id);
    const ok = await repo.updateBranchRow(tx, id, body.version, {
      ...(body.unitId !== undefined ? { unitId: body.unitId } : {}),
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.kind !== undefined ? { kind: body.kind } : {}),
      ...(moving ? placed.values : {}),
      ...(body.establishedOn !== undefined ? { establishedOn: body.establishedOn } : {}),
      ...(body.remark !== undefined ? { remark: body.remark || null } : {}),
    });
    if (!ok) throw staleVersion();
    await ctx.audit(
      {
        action: 'league_branch.updated',
        targetType: 'league_branch',
        targetId: id,
        targetLabel: body.name ?? before.name,
        detail: { fields: changed },
      },
      tx,
    );
  });
  return detail(ctx, id);
}

/** 撤销: the organisation is kept with its date; every current member leaves on that day. */
export async function dissolve(ctx: Ctx, id: number, body: { dissolvedOn: string; version: number }) {
  notInFuture(body.dissolvedOn, '撤销日期');
  await ctx.db.transaction(async (tx) => {
    const b = await repo.lockBranch(tx, ctx.viewer, id);
    if (b.status === 'dissolved') throw conflict('该团组织已撤销');
    if (b.version !== body.version) throw staleVersion();
    if (body.dissolvedOn < b.establishedOn) throw badRequest('撤销日期不能早于成立日期');
    const latest = await members.latestJoin(tx, id);
    if (latest && body.dissolvedOn < latest)
      throw badRequest(`撤销日期不能早于成员最近的加入日期（${latest}）`);
    const left = await members.leaveAll(tx, id, body.dissolvedOn);
    await repo.updateBranchRow(tx, id, body.version, { status: 'dissolved', dissolvedOn: body.dissolvedOn });
    await ctx.audit(
      {
        action: 'league_branch.dissolved',
        targetType: 'league_branch',
        targetId: id,
        targetLabel: b.name,
        detail: { dissolvedOn: body.dissolvedOn, membersLeft: left },
      },
      tx,
    );
  });
  return detail(ctx, id);
}

export async function societies(ctx: Ctx, q: string | undefined) {
  const text = q ? normalizeText(q) : '';
  return repo.findSocieties(ctx.db, ctx.viewer, text || undefined);
}
