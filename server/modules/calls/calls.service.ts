import type { z } from 'zod';
import { sql } from 'drizzle-orm';
import {
  CALL_STATUSES,
  callSettingsProblems,
  type CallDetail,
  type CallListItem,
  type callParentOptions,
  type createCall,
  type listCalls,
  type updateCall,
} from '../../../common/contracts/calls';
import { assertUnitInScope } from '../../platform/access/scope';
import type { RequestContext } from '../../platform/http/context';
import { badRequest, conflict, staleVersion } from '../../platform/http/errors';
import { escapeLike } from '../../platform/search/like';
import { currentNotice } from '../privacy/privacy.service';
import { newSlug } from '../signup/signup-codes';
import { isUniqueViolation } from '../youth/youth.context';
import { iso } from '../youth/youth.present';
import * as repo from './calls.repo';

/** A unit's calls for works: made as drafts, published under the unit's current privacy notice, finished. */

type Ctx = Pick<RequestContext, 'db' | 'viewer' | 'audit'>;
type Body<C extends { body?: z.ZodType }> = z.output<NonNullable<C['body']>>;
type Query<C extends { query?: z.ZodType }> = z.output<NonNullable<C['query']>>;

const ENTRY_STATUSES = [
  'submitted',
  'eligible',
  'incomplete',
  'ineligible',
  'duplicate',
  'withdrawn',
] as const;

export const callPublicPath = (slug: string) => `/m/c/${slug}`;

export function phaseOf(row: Pick<repo.CallRow, 'status' | 'opensAt' | 'closesAt'>, now = new Date()) {
  if (row.status !== 'published') return row.status;
  if (now < new Date(row.opensAt)) return 'upcoming' as const;
  return now < new Date(row.closesAt) ? ('open' as const) : ('closed' as const);
}

function presentItem(row: repo.CallRow, counts: repo.StatusCount[]): CallListItem {
  const mine = counts.filter((c) => c.callId === row.id);
  const byStatus = Object.fromEntries(
    ENTRY_STATUSES.map((s) => [s, mine.filter((c) => c.status === s).reduce((a, c) => a + c.n, 0)]),
  ) as Record<(typeof ENTRY_STATUSES)[number], number>;
  return {
    id: row.id,
    unitId: row.unitId,
    unitName: row.unitName,
    slug: row.slug,
    path: callPublicPath(row.slug),
    title: row.title,
    status: row.status,
    phase: phaseOf(row),
    opensAt: iso(row.opensAt)!,
    closesAt: iso(row.closesAt)!,
    parentCallId: row.parentCallId,
    parentCallTitle: row.parentCallTitle,
    parentUnitName: row.parentUnitName,
    parentRecommendQuota: row.parentRecommendQuota,
    recommendQuota: row.recommendQuota,
    counts: { total: mine.reduce((a, c) => a + c.n, 0), ...byStatus },
    version: row.version,
    createdAt: iso(row.createdAt)!,
  };
}

export async function listCallsInScope(ctx: Ctx, q: Query<typeof listCalls>) {
  const unitPath = q.unitId ? await assertUnitInScope(ctx.db, q.unitId, ctx.viewer) : undefined;
  const desc = q.sort?.startsWith('-') ?? true;
  const key = q.sort?.replace(/^-/, '') ?? 'createdAt';
  const column = Object.hasOwn(repo.CALL_ORDER, key) ? repo.CALL_ORDER[key] : repo.CALL_ORDER.createdAt;
  const { rows, total } = await repo.listCallRows(
    ctx.db,
    ctx.viewer,
    { unitPath, status: q.status, titlePattern: q.keyword ? `%${escapeLike(q.keyword)}%` : undefined },
    { order: desc ? sql`${column} desc` : column, limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
  );
  const counts = await repo.countsByCall(
    ctx.db,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => presentItem(r, counts)), total, page: q.page, pageSize: q.pageSize };
}

export async function callDetail(ctx: Pick<Ctx, 'db' | 'viewer'>, id: number): Promise<CallDetail> {
  const row = await repo.findCall(ctx.db, ctx.viewer, id);
  const [counts, byCategory, rounds, notice] = await Promise.all([
    repo.countsByCall(ctx.db, [id]),
    repo.entriesByCategory(ctx.db, id),
    repo.roundsOf(ctx.db, id),
    currentNotice(ctx.db, row.unitId),
  ]);
  return {
    ...presentItem(row, counts),
    theme: row.theme,
    rules: row.rules,
    categories: row.categories,
    rubric: row.rubric,
    awardLevels: row.awardLevels,
    ageMin: row.ageMin,
    ageMax: row.ageMax,
    allowGroups: row.allowGroups,
    maxGroupSize: row.maxGroupSize,
    publicityDays: row.publicityDays,
    publicityStartsAt: iso(row.publicityStartsAt),
    publicityEndsAt: iso(row.publicityEndsAt),
    awardsFinalAt: iso(row.awardsFinalAt),
    entriesByCategory: byCategory,
    rounds,
    noticeReady: Boolean(notice),
    createdByName: row.createdByName,
    updatedAt: iso(row.updatedAt)!,
  };
}

type Settings = Parameters<typeof callSettingsProblems>[0];

function assertSettings(s: Settings) {
  const problems = callSettingsProblems(s);
  if (problems.length) throw badRequest(problems[0].message, problems);
}

/** A call recommends only to a published call of a unit above its own. */
async function assertParent(ctx: Ctx, unitId: number, parentCallId: number | null | undefined) {
  if (!parentCallId) return;
  const options = await repo.parentOptionRows(ctx.db, await repo.unitPathOf(ctx.db, unitId));
  if (!options.some((o) => o.id === parentCallId)) {
    throw badRequest('只能选择上级单位已发布、未结束的征集', [
      { path: 'parentCallId', message: '请从上级征集中选择' },
    ]);
  }
}

/** Slugs are random; a clash (one in 2^50 per pair) just draws again. */
export async function create(ctx: Ctx, body: Body<typeof createCall>) {
  assertSettings(body);
  await assertParent(ctx, ctx.viewer.unitId, body.parentCallId);
  for (let attempt = 0; ; attempt += 1) {
    try {
      const id = await ctx.db.transaction(async (tx) => {
        const newId = await repo.insertCall(tx, {
          ...body,
          unitId: ctx.viewer.unitId,
          slug: newSlug(),
          opensAt: new Date(body.opensAt),
          closesAt: new Date(body.closesAt),
          createdBy: ctx.viewer.userId,
        });
        await ctx.audit(
          { action: 'calls.created', targetType: 'call', targetId: newId, targetLabel: body.title },
          tx,
        );
        return newId;
      });
      return callDetail(ctx, id);
    } catch (err) {
      if (!isUniqueViolation(err) || attempt >= 3) throw err;
    }
  }
}

export async function update(ctx: Ctx, id: number, body: Body<typeof updateCall>) {
  const { version, ...changes } = body;
  await ctx.db.transaction(async (tx) => {
    const before = await repo.findCall(tx, ctx.viewer, id, true);
    if (before.version !== version) throw staleVersion();
    if (before.status === 'finished') throw conflict('征集已结束，不能再修改');
    assertSettings({
      categories: changes.categories ?? before.categories,
      rubric: changes.rubric ?? before.rubric,
      awardLevels: changes.awardLevels ?? before.awardLevels,
      ageMin: changes.ageMin ?? before.ageMin,
      ageMax: changes.ageMax ?? before.ageMax,
      opensAt: changes.opensAt ?? iso(before.opensAt)!,
      closesAt: changes.closesAt ?? iso(before.closesAt)!,
    });
    if (changes.categories) {
      const kept = new Set(changes.categories.map((c) => c.key));
      const lost = (await repo.entriesByCategory(tx, id)).filter((c) => !kept.has(c.key));
      if (lost.length) {
        const labels = lost.map((c) => before.categories.find((b) => b.key === c.key)?.label ?? c.key);
        throw conflict(`类别「${labels.join('、')}」已有作品，不能删除或更改标识`);
      }
    }
    if (changes.parentCallId !== undefined && changes.parentCallId !== before.parentCallId) {
      await assertParent({ ...ctx, db: tx }, before.unitId, changes.parentCallId);
    }
    const { opensAt, closesAt, ...rest } = changes;
    const ok = await repo.updateCallRow(tx, id, version, {
      ...rest,
      ...(opensAt ? { opensAt: new Date(opensAt) } : {}),
      ...(closesAt ? { closesAt: new Date(closesAt) } : {}),
    });
    if (!ok) throw staleVersion();
    await ctx.audit(
      {
        action: 'calls.updated',
        targetType: 'call',
        targetId: id,
        targetLabel: changes.title ?? before.title,
        detail: {
          fields: Object.keys(changes).filter((k) => changes[k as keyof typeof changes] !== undefined),
        },
      },
      tx,
    );
  });
  return callDetail(ctx, id);
}

async function transition(
  ctx: Ctx,
  id: number,
  version: number,
  to: 'published' | 'finished',
  check: (row: repo.CallFullRow, tx: Ctx['db']) => Promise<void>,
) {
  await ctx.db.transaction(async (tx) => {
    const before = await repo.findCall(tx, ctx.viewer, id, true);
    if (before.version !== version) throw staleVersion();
    await check(before, tx);
    if (!(await repo.updateCallRow(tx, id, version, { status: to }))) throw staleVersion();
    await ctx.audit(
      {
        action: to === 'published' ? 'calls.published' : 'calls.finished',
        targetType: 'call',
        targetId: id,
        targetLabel: before.title,
        detail: { status: { from: before.status, to } },
      },
      tx,
    );
  });
  return callDetail(ctx, id);
}

export const publish = (ctx: Ctx, id: number, version: number) =>
  transition(ctx, id, version, 'published', async (row, tx) => {
    if (row.status !== 'draft') throw conflict(`该征集${CALL_STATUSES[row.status]}，不能再发布`);
    if (!(await currentNotice(tx, row.unitId))) {
      throw conflict('请先发布本单位的个人信息处理规则，再发布作品征集');
    }
  });

export const finish = (ctx: Ctx, id: number, version: number) =>
  transition(ctx, id, version, 'finished', async (row) => {
    if (row.status !== 'published') throw conflict(`该征集${CALL_STATUSES[row.status]}，不能结束`);
  });

export async function parentOptions(ctx: Ctx, q: Query<typeof callParentOptions>) {
  const unitPath = q.unitId ? await assertUnitInScope(ctx.db, q.unitId, ctx.viewer) : ctx.viewer.unitPath;
  const rows = await repo.parentOptionRows(
    ctx.db,
    unitPath,
    q.keyword ? `%${escapeLike(q.keyword)}%` : undefined,
  );
  return { items: rows.map((r) => ({ ...r, closesAt: iso(r.closesAt)! })) };
}
