import type { z } from 'zod';
import type {
  YouthFilter,
  checkYouthDuplicate,
  searchYouth,
  updateYouth,
} from '../../../common/contracts/youth';
import { normalizeText, todayInChina } from '../../../common/validators';
import type { RequestContext } from '../../platform/http/context';
import { assertUnitInScope, pathInScope } from '../../platform/access/scope';
import { can } from '../../platform/access/viewer';
import { decryptField } from '../../platform/crypto/field-crypto';
import { badRequest, conflict, staleVersion } from '../../platform/http/errors';
import { unitIdsOnPath } from '../dictionaries/dictionaries.service';
import {
  filterConditions,
  orderOf,
  YOUTH_SORTS,
  type ResolvedFilter,
  type YouthSortKey,
} from './youth-filter.repo';
import { idNumberToken, normaliseYouth, phoneToken, type YouthFieldsInput } from './youth.input';
import { presentYouthDetail, presentYouthItem, type PresentContext } from './youth.present';
import * as repo from './youth.repo';
import { pendingProposalFor, pendingTransferFor } from './youth-workflow.repo';

type Ctx = Pick<RequestContext, 'db' | 'viewer' | 'audit' | 'keys'>;

/** Above this many matches the list says “10000+” instead of counting on (see docs/decisions/0004). */
export const COUNT_CAP = 10_000;

export const presentContext = (ctx: Pick<Ctx, 'keys'>): PresentContext => ({
  keys: ctx.keys,
  today: todayInChina(),
  now: new Date(),
});

const ID_LIKE = /^\d{15}$|^\d{17}[\dXx]$/;
const PHONE_LIKE = /^[+\d][\d\s-]{5,18}\d$/;

/** Birth date bounds for an age range, in Beijing's calendar. */
function yearsBefore(today: string, years: number): string {
  const [y, m, d] = today.split('-').map(Number);
  const day = m === 2 && d === 29 ? 28 : d;
  return `${String(y - years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** What the user typed in the search box: an ID number or a phone (exact, blind index) or a name. */
function matchOf(ctx: Ctx, q: string | undefined): ResolvedFilter['match'] {
  const text = q ? normalizeText(q) : '';
  if (!text) return undefined;
  const compact = text.replace(/[\s-]/g, '');
  if (ID_LIKE.test(compact)) {
    try {
      return { kind: 'idNumber', token: idNumberToken(ctx.keys, compact).token };
    } catch {
      // Not a valid ID number: matches nobody, and the value is never echoed back.
      return { kind: 'idNumber', token: '-' };
    }
  }
  if (PHONE_LIKE.test(text) && /^\d+$/.test(compact.replace(/^\+/, ''))) {
    try {
      return { kind: 'phone', token: phoneToken(ctx.keys, text).token };
    } catch {
      return { kind: 'phone', token: '-' };
    }
  }
  if (/^[a-z]+$/i.test(compact)) return { kind: 'pinyin', value: compact.toLowerCase() };
  return { kind: 'name', value: text };
}

export async function resolveFilter(
  ctx: Ctx,
  f: Partial<YouthFilter>,
  ids?: number[],
): Promise<ResolvedFilter> {
  const today = todayInChina();
  const unit = f.unitId
    ? {
        id: f.unitId,
        path: await assertUnitInScope(ctx.db, f.unitId, ctx.viewer),
        includeDescendants: f.includeDescendants ?? true,
      }
    : undefined;
  if (f.ageMin !== undefined && f.ageMax !== undefined && f.ageMin > f.ageMax) {
    throw badRequest('年龄范围有误：最小年龄大于最大年龄');
  }
  return {
    unit,
    categoryId: f.categoryId,
    stage: f.stage,
    sourceId: f.sourceId,
    needId: f.needId,
    tag: f.tag ? normalizeText(f.tag) : undefined,
    bornOnOrBefore: f.ageMin !== undefined ? yearsBefore(today, f.ageMin) : undefined,
    bornAfter: f.ageMax !== undefined ? yearsBefore(today, f.ageMax + 1) : undefined,
    notContactedDays: f.notContactedDays,
    match: matchOf(ctx, f.q),
    ids,
  };
}

export function parseSort(sort: string | undefined): { by: YouthSortKey; desc: boolean } {
  if (!sort) return { by: 'id', desc: true };
  const desc = sort.startsWith('-');
  const by = (desc ? sort.slice(1) : sort) as YouthSortKey;
  if (!(by in YOUTH_SORTS))
    throw badRequest(`不支持按“${sort}”排序，可选：姓名、出生日期、最近联系、登记时间、修改时间`);
  return { by, desc };
}

export async function search(ctx: Ctx, body: z.output<NonNullable<(typeof searchYouth)['body']>>) {
  const conditions = filterConditions(await resolveFilter(ctx, body));
  const sort = parseSort(body.sort);
  const offset = (body.page - 1) * body.pageSize;
  const rows = await repo.searchYouthRows(ctx.db, ctx.viewer, {
    conditions,
    order: orderOf(sort.by, sort.desc),
    limit: body.pageSize,
    offset,
  });
  // A short page that is not empty tells the exact total without counting.
  let total: number;
  if (rows.length > 0 && rows.length < body.pageSize) total = offset + rows.length;
  else total = await repo.countYouthCapped(ctx.db, ctx.viewer, conditions, COUNT_CAP);
  const totalIsEstimate = total > COUNT_CAP;
  const pc = presentContext(ctx);
  return {
    items: rows.map((r) => presentYouthItem(r, pc)),
    total: totalIsEstimate ? COUNT_CAP : total,
    totalIsEstimate,
    page: body.page,
    pageSize: body.pageSize,
  };
}

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

export function duplicateMessage(keeper: repo.KeeperRow, viewer: Ctx['viewer']) {
  return pathInScope(keeper.unitPath, viewer)
    ? conflict(`该身份证号已登记（${keeper.unitName}，记录编号 ${keeper.id}），请打开已有记录`)
    : conflict(`该青年已由「${keeper.unitName}」登记保管，可申请转入本单位`);
}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === '23505' || e?.cause?.code === '23505';
}

async function phoneWarnings(ctx: Ctx, token: string | undefined, selfId?: number): Promise<string[]> {
  if (!token) return [];
  const others = (await repo.findKeepersByIndex(ctx.db, 'phone_idx', token)).filter((k) => k.id !== selfId);
  return others.length ? [`该手机号与已登记的 ${others.length} 人相同，请核实`] : [];
}

export async function create(ctx: Ctx, input: YouthFieldsInput) {
  const unitId = input.unitId ?? ctx.viewer.unitId;
  const unitPath = await assertUnitInScope(ctx.db, unitId, ctx.viewer);
  const n = normaliseYouth(ctx.keys, input, todayInChina());
  await checkDictionaries(ctx, input, unitPath);
  if (n.idNumber) {
    const [keeper] = await repo.findKeepersByIndex(ctx.db, 'id_number_idx', n.idNumber.token);
    if (keeper) throw duplicateMessage(keeper, ctx.viewer);
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
    return { youth: await detail(ctx, id), warnings };
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('该身份证号已登记，请先查重');
    throw err;
  }
}

type UpdateBody = z.output<NonNullable<(typeof updateYouth)['body']>>;

export async function update(ctx: Ctx, id: number, body: UpdateBody) {
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
    if (keeper) throw duplicateMessage(keeper, ctx.viewer);
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

export async function reveal(ctx: Ctx, id: number, reason: string) {
  const row = await repo.findYouthDetail(ctx.db, ctx.viewer, id);
  const idNumber = row.idNumberEnc ? decryptField(ctx.keys, row.idNumberEnc) : null;
  const phone = row.phoneEnc ? decryptField(ctx.keys, row.phoneEnc) : null;
  // The reason goes into the audit log verbatim: it must not carry the very numbers being revealed.
  if (/\d{6,}/.test(reason.replace(/[\s-]/g, ''))) {
    throw badRequest('查看原因中不要填写身份证号、手机号等号码', [{ path: 'reason', message: '请去掉号码' }]);
  }
  await ctx.audit({
    action: 'youth.revealed',
    targetType: 'youth',
    targetId: id,
    targetLabel: row.name,
    detail: { reason, fields: [...(idNumber ? ['idNumber'] : []), ...(phone ? ['phone'] : [])] },
  });
  return { idNumber, phone };
}

type DuplicateBody = z.output<NonNullable<(typeof checkYouthDuplicate)['body']>>;

export async function checkDuplicate(ctx: Ctx, body: DuplicateBody) {
  const matches = [];
  const lookups: ['idNumber' | 'phone', repo.KeeperRow[]][] = [];
  if (body.idNumber) {
    const { token } = idNumberToken(ctx.keys, body.idNumber);
    lookups.push(['idNumber', await repo.findKeepersByIndex(ctx.db, 'id_number_idx', token)]);
  }
  if (body.phone) {
    const { token } = phoneToken(ctx.keys, body.phone);
    lookups.push(['phone', await repo.findKeepersByIndex(ctx.db, 'phone_idx', token)]);
  }
  const mayTransfer = can(ctx.viewer, 'youth.transfer');
  for (const [field, keepers] of lookups) {
    for (const k of keepers.filter((x) => x.id !== body.excludeId)) {
      const mine = pathInScope(k.unitPath, ctx.viewer);
      matches.push({
        field,
        inScope: mine,
        youthId: mine ? k.id : null,
        name: mine ? k.name : null,
        keepingUnitName: k.unitName,
        canRequestTransfer: !mine && field === 'idNumber' && mayTransfer,
      });
    }
  }
  await ctx.audit({
    action: 'youth.duplicate_checked',
    targetType: 'youth',
    detail: {
      fields: lookups.map(([f]) => f),
      matches: matches.length,
      elsewhere: matches.filter((m) => !m.inScope).length,
    },
  });
  const warnings = matches.some((m) => !m.inScope && m.field === 'idNumber')
    ? ['该青年已由其他单位登记保管，不能重复登记；如其已迁入本地，可申请转入']
    : [];
  return { matches, warnings };
}
