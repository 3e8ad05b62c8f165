import type { z } from 'zod';
import type { createInstitution, updateInstitution } from '../../../common/contracts/training';
import { maskPhone } from '../../../common/masking';
import { parsePhone } from '../../../common/validators';
import { assertUnitInScope } from '../../platform/access/scope';
import { decryptField, encryptField } from '../../platform/crypto/field-crypto';
import { badRequest, conflict, staleVersion } from '../../platform/http/errors';
import type { TrainingCtx as Ctx } from './training.context';
import * as repo from './training-institution.repo';

/** 培训机构: the partners a unit trains with; the contact phone is stored encrypted and shown masked. */

type CreateBody = z.output<NonNullable<(typeof createInstitution)['body']>>;
type UpdateBody = z.output<NonNullable<(typeof updateInstitution)['body']>>;

export function presentInstitution(ctx: Pick<Ctx, 'keys'>, r: repo.InstitutionRow) {
  return {
    id: r.id,
    unit: { id: r.unitId, name: r.unitName },
    name: r.name,
    kind: r.kind,
    backing: r.backing,
    contactName: r.contactName,
    contactPhone: r.contactPhoneEnc ? maskPhone(decryptField(ctx.keys, r.contactPhoneEnc)) : null,
    address: r.address,
    remark: r.remark,
    enabled: r.enabled,
    classCount: r.classCount,
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

export async function list(
  ctx: Ctx,
  q: { page: number; pageSize: number; q?: string; enabledOnly?: 'true' | 'false' },
) {
  const { rows, total } = await repo.listInstitutionRows(ctx.db, ctx.viewer, {
    q: q.q,
    enabledOnly: q.enabledOnly === 'true',
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return { items: rows.map((r) => presentInstitution(ctx, r)), total, page: q.page, pageSize: q.pageSize };
}

export async function create(ctx: Ctx, body: CreateBody) {
  const unitId = body.unitId ?? ctx.viewer.unitId;
  await assertUnitInScope(ctx.db, unitId, ctx.viewer);
  const id = await ctx.db.transaction(async (tx) => {
    const newId = await repo.insertInstitution(tx, {
      unitId,
      name: body.name,
      kind: body.kind,
      backing: body.backing ?? null,
      contactName: body.contactName ?? null,
      contactPhoneEnc: phoneValue(ctx, body.contactPhone) ?? null,
      address: body.address ?? null,
      remark: body.remark ?? null,
      enabled: body.enabled ?? true,
      createdBy: ctx.viewer.userId,
    });
    await ctx.audit(
      {
        action: 'training.institution_created',
        targetType: 'training_institution',
        targetId: newId,
        targetLabel: body.name,
      },
      tx,
    );
    return newId;
  });
  return presentInstitution(ctx, await repo.findInstitution(ctx.db, ctx.viewer, id));
}

export async function update(ctx: Ctx, id: number, body: UpdateBody) {
  const before = await repo.findInstitution(ctx.db, ctx.viewer, id);
  if (before.version !== body.version) throw staleVersion();
  if (body.unitId !== undefined && body.unitId !== before.unitId) {
    await assertUnitInScope(ctx.db, body.unitId, ctx.viewer);
  }
  const phone = phoneValue(ctx, body.contactPhone);
  const changed = Object.keys(body).filter(
    (k) => k !== 'version' && body[k as keyof UpdateBody] !== undefined,
  );
  await ctx.db.transaction(async (tx) => {
    const ok = await repo.updateInstitutionRow(tx, id, body.version, {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.kind !== undefined ? { kind: body.kind } : {}),
      ...(body.backing !== undefined ? { backing: body.backing } : {}),
      ...(body.contactName !== undefined ? { contactName: body.contactName } : {}),
      ...(phone !== undefined ? { contactPhoneEnc: phone } : {}),
      ...(body.address !== undefined ? { address: body.address } : {}),
      ...(body.remark !== undefined ? { remark: body.remark } : {}),
      ...(body.enabled !== undefined ? { enabled: body.enabled } : {}),
      ...(body.unitId !== undefined ? { unitId: body.unitId } : {}),
    });
    if (!ok) throw staleVersion();
    await ctx.audit(
      {
        action: 'training.institution_updated',
        targetType: 'training_institution',
        targetId: id,
        targetLabel: body.name ?? before.name,
        detail: { changed },
      },
      tx,
    );
  });
  return presentInstitution(ctx, await repo.findInstitution(ctx.db, ctx.viewer, id));
}

export async function remove(ctx: Ctx, id: number) {
  const before = await repo.findInstitution(ctx.db, ctx.viewer, id);
  if (before.classCount > 0)
    throw conflict(`已有 ${before.classCount} 个培训班使用该机构，不能删除，可改为停用`);
  await ctx.db.transaction(async (tx) => {
    await repo.deleteInstitutionRow(tx, id);
    await ctx.audit(
      {
        action: 'training.institution_deleted',
        targetType: 'training_institution',
        targetId: id,
        targetLabel: before.name,
      },
      tx,
    );
  });
  return { ok: true as const };
}
