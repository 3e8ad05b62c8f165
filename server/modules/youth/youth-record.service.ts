import type { z } from 'zod';
import type { updateYouth } from '../../../common/contracts/youth';
import { todayInChina } from '../../../common/validators';
import { assertUnitInScope } from '../../platform/access/scope';
import { badRequest, conflict, staleVersion } from '../../platform/http/errors';
import { unitIdsOnPath } from '../dictionaries/dictionaries.service';
import { duplicateRefusal, type IdentityCtx } from './youth-identity.service';
import { presentContext } from './youth-search.service';
import { isUniqueViolation, type YouthCtx as Ctx } from './youth.context';
import { normaliseYouth, type YouthFieldsInput } from './youth.input';
import { presentYouthDetail } from './youth.present';
import * as repo from './youth.repo';
import { pendingProposalFor, pendingTransferFor } from './youth-workflow.repo';

/** One record: its detail, registering it (checked for duplicates country-wide) and editing it. */

export async function detail(ctx: Ctx, id: number) {
  const row = await repo.findYouthDetail(ctx.db, ctx.viewer, id);
  const [needLabels, pendingProposal, pendingTransferId] = await Promise.all([
    repo.dictLabels(ctx.db, row.needs ?? []),
    pendingProposalFor(ctx.db, id),
    pendingTransferFor(ctx.db, id),
  ]);
  return presentYouthDetail(row, { needLabels, pendingProposal, pendingTransferId }, presentContext(ctx));
}

/** Category, source and needs must be items of the right dictionary the keeping unit may use. */
async function checkDictionaries(ctx: Ctx, input: Partial<YouthFieldsInput>, unitPath: string) {
  const wanted: [number, string, string][] = [];
  if (input.categoryId) wanted.push([input.categoryId, 'category', 'categoryId']);
  if (input.sourceId) wanted.push([input.sourceId, 'source', 'sourceId']);
  for (const n of input.needs ?? []) wanted.push([n, 'need', 'needs']);
  const found = await repo.usableDictItems(
    ctx.db,
    wanted.map(([id]) => id),
    unitIdsOnPath(unitPath),
  );
  for (const [id, type, path] of wanted) {
    if (!found.some((d) => d.id === id && d.dictType === type)) {
      const label = { category: '群体类别', source: '来源', need: '需求' }[type];
      throw badRequest(`${label}选项不存在或已停用，请重新选择`, [{ path, message: '选项无效' }]);
    }
  }
}

async function phoneWarnings(ctx: Ctx, token: string | undefined, selfId?: number): Promise<string[]> {
  if (!token) return [];
  const others = (await repo.findKeepersByIndex(ctx.db, 'phone_idx', token)).filter((k) => k.id !== selfId);
  return others.length ? [`该手机号与已登记的 ${others.length} 人相同，请核实`] : [];
}

/**
 * Registers a record with every rule, the encryption, the duplicate refusal and the audit event of
 * `create`, without reading it back to present it: for callers that register many in one request.
 */
export async function register(ctx: IdentityCtx, input: YouthFieldsInput) {
  const unitId = input.unitId ?? ctx.viewer.unitId;
  const unitPath = await assertUnitInScope(ctx.db, unitId, ctx.viewer);
  const n = normaliseYouth(ctx.keys, input, todayInChina());
  await checkDictionaries(ctx, input, unitPath);
  if (n.idNumber) {
    const [keeper] = await repo.findKeepersByIndex(ctx.db, 'id_number_idx', n.idNumber.token);
    if (keeper) throw await duplicateRefusal(ctx, keeper, n.idNumber.token, 'create');
  }
  const warnings = [...n.warnings, ...(await phoneWarnings(ctx, n.phone?.token))];
  try {
    const id = await ctx.db.transaction(async (tx) => {
      const newId = await repo.insertYouth(tx, {
        ...n.values,
        unitId,
        idNumberEnc: n.idNumber?.enc ?? null,
        idNumberIdx: n.idNumber?.token ?? null,
        phoneEnc: n.phone?.enc ?? null,
        phoneIdx: n.phone?.token ?? null,
        categoryId: input.categoryId ?? null,
        sourceId: input.sourceId ?? null,
        needs: [...new Set(input.needs ?? [])],
        createdBy: ctx.viewer.userId,
      });
      await ctx.audit(
        {
          action: 'youth.created',
          targetType: 'youth',
          targetId: newId,
          targetLabel: n.values.name,
          detail: { unitId, warnings: warnings.length },
        },
        tx,
      );
      return newId;
    });
    return { id, warnings };
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('该身份证号已登记，请先查重');
    throw err;
  }
}

export async function create(ctx: IdentityCtx, input: YouthFieldsInput) {
  const { id, warnings } = await register(ctx, input);
  return { youth: await detail(ctx, id), warnings };
}

type UpdateBody = z.output<NonNullable<(typeof updateYouth)['body']>>;

export async function update(ctx: IdentityCtx, id: number, body: UpdateBody) {
  const before = await repo.findYouthDetail(ctx.db, ctx.viewer, id);
  if (before.version !== body.version) throw staleVersion();
  const unitId = body.unitId ?? before.unitId;
  const unitPath =
    unitId === before.unitId ? before.unitPath : await assertUnitInScope(ctx.db, unitId, ctx.viewer);
  const merged: YouthFieldsInput = {
    name: before.name,
    gender: before.gender,
    ethnicity: before.ethnicity,
    birthDate: before.birthDate,
    politicalStatus: before.politicalStatus,
    education: before.education,
    residence: before.residence,
    occupation: before.occupation,
    platformOrg: before.platformOrg,
    worksAchievements: before.worksAchievements,
    onlineAccounts: before.onlineAccounts ?? [],
    dream: before.dream,
    needsText: before.needsText,
    remark: before.remark,
    tags: before.tags,
    guardianConsent: before.guardianConsent,
    ...Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)),
  };
  const n = normaliseYouth(ctx.keys, merged, todayInChina());
  await checkDictionaries(ctx, body, unitPath);
  if (n.idNumber) {
    const keeper = (await repo.findKeepersByIndex(ctx.db, 'id_number_idx', n.idNumber.token)).find(
      (k) => k.id !== id,
    );
    if (keeper) throw await duplicateRefusal(ctx, keeper, n.idNumber.token, 'update');
  }
  const changed = Object.keys(body).filter(
    (k) => k !== 'version' && body[k as keyof UpdateBody] !== undefined,
  );
  const warnings = [...n.warnings, ...(await phoneWarnings(ctx, n.phone?.token, id))];
  try {
    await ctx.db.transaction(async (tx) => {
      const ok = await repo.updateYouthRow(tx, id, body.version, {
        ...n.values,
        unitId,
        ...(n.idNumber !== undefined
          ? { idNumberEnc: n.idNumber?.enc ?? null, idNumberIdx: n.idNumber?.token ?? null }
          : {}),
        ...(n.phone !== undefined
          ? { phoneEnc: n.phone?.enc ?? null, phoneIdx: n.phone?.token ?? null }
          : {}),
        ...(body.categoryId !== undefined ? { categoryId: body.categoryId } : {}),
        ...(body.sourceId !== undefined ? { sourceId: body.sourceId } : {}),
        ...(body.needs !== undefined ? { needs: [...new Set(body.needs)] } : {}),
      });
      if (!ok) throw staleVersion();
      await ctx.audit(
        {
          action: 'youth.updated',
          targetType: 'youth',
          targetId: id,
          targetLabel: n.values.name,
          // Field names only: the values may be personal data.
          detail: {
            fields: changed,
            ...(unitId !== before.unitId ? { unitId: { from: before.unitId, to: unitId } } : {}),
          },
        },
        tx,
      );
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('该身份证号已登记，请先查重');
    throw err;
  }
  return { youth: await detail(ctx, id), warnings };
}
