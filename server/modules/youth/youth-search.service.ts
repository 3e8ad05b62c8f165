import type { z } from 'zod';
import type { YouthFilter, searchYouth } from '../../../common/contracts/youth';
import { normalizeText, todayInChina } from '../../../common/validators';
import { assertUnitInScope } from '../../platform/access/scope';
import { badRequest } from '../../platform/http/errors';
import {
  filterConditions,
  orderOf,
  YOUTH_SORTS,
  type ResolvedFilter,
  type YouthSortKey,
} from './youth-filter.repo';
import type { YouthCtx as Ctx } from './youth.context';
import { idNumberToken, phoneToken } from './youth.input';
import { presentYouthItem, type PresentContext } from './youth.present';
import * as repo from './youth.repo';

/** The list: what the search box and the filters mean, sorting, paging and the capped count. */

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
