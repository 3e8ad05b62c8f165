import type { CompletenessRow, DrillDown, ReportForm } from '../../../common/contracts/reports';
import { todayInChina } from '../../../common/validators';
import { assertUnitInScope } from '../../platform/access/scope';
import { notFound } from '../../platform/http/errors';
import { findCollection } from './report-collections.repo';
import * as repo from './report-completeness.repo';
import { addCounts, EMPTY_COUNTS, summarise, timelinessOf, type RawCounts } from './report-rules';
import type { ReportCtx } from './reports.context';

const ref = (u: repo.UnitRef) => ({ id: u.id, name: u.name, level: u.level });

/** The unit looked at (the viewer's own by default, else one in scope) and the breadcrumb to it. */
async function lookedAt(ctx: ReportCtx, unitId?: number) {
  const id = unitId ?? ctx.viewer.unitId;
  const path = await assertUnitInScope(ctx.db, id, ctx.viewer);
  const unit = await repo.unitRef(ctx.db, id);
  if (!unit) throw notFound('单位');
  const crumbs = await repo.breadcrumb(ctx.db, ctx.viewer.unitPath, path);
  return { unit, path: crumbs.map(ref) };
}

/**
 * One row per unit directly below the one looked at that has something to answer in its subtree, with
 * the counts of that subtree; `own` is the unit's own submission when `ownOf` finds one.
 */
async function drill(
  ctx: ReportCtx,
  unit: repo.UnitRef,
  groups: repo.GroupCounts[],
  ownOf: (ids: number[]) => Promise<Map<number, CompletenessRow['own']>>,
) {
  const byChild = new Map<number, { counts: RawCounts; ownCount: number }>();
  let selfCounts: RawCounts | undefined;
  let total = EMPTY_COUNTS;
  for (const { childId, ownCount, ...counts } of groups) {
    total = addCounts(total, counts);
    if (childId === null) selfCounts = counts;
    else byChild.set(childId, { counts, ownCount });
  }
  const children = await repo.unitRefs(ctx.db, [...byChild.keys()]);
  const own = await ownOf([unit.id, ...children.map((c) => c.id)]);
  const row = (u: repo.UnitRef, counts: RawCounts, below: boolean): CompletenessRow => ({
    unit: { ...ref(u), keyContactCity: u.keyContactCity },
    own: own.get(u.id) ?? null,
    hasBelow: below,
    summary: summarise(counts),
  });
  return {
    self: selfCounts ? row(unit, selfCounts, false) : null,
    rows: children.map((c) => {
      const { counts, ownCount } = byChild.get(c.id)!;
      return row(c, counts, counts.expected > ownCount);
    }),
    summary: summarise(total),
  };
}

/** 完成情况逐级下钻 for one collection, over what the viewer may see. */
export async function collectionDrillDown(
  ctx: ReportCtx,
  collectionId: number,
  unitId?: number,
): Promise<DrillDown> {
  await findCollection(ctx.db, ctx.viewer, collectionId);
  const { unit, path } = await lookedAt(ctx, unitId);
  const today = todayInChina();
  const groups = await repo.collectionGroups(ctx.db, unit.path, collectionId, today);
  const result = await drill(ctx, unit, groups, async (ids) => {
    const rows = await repo.ownSubmissions(ctx.db, collectionId, ids);
    return new Map(
      rows.map((s) => [
        s.unitId,
        {
          submissionId: s.id,
          status: s.status,
          timeliness: timelinessOf(s, today),
          deadline: s.deadline,
          firstSubmittedAt: s.firstSubmittedAt === null ? null : new Date(s.firstSubmittedAt).toISOString(),
        },
      ]),
    );
  });
  return { unit: ref(unit), path, ...result };
}

/**
 * 报送及时率 per unit across every collection of a year (optionally one form) answered in the
 * subtree. A row's `own` is left empty: a unit answers many collections here, its counts say how.
 */
export async function unitTimeliness(
  ctx: ReportCtx,
  q: { unitId?: number; year: number; form?: ReportForm },
) {
  const { unit, path } = await lookedAt(ctx, q.unitId);
  const today = todayInChina();
  const groups = await repo.yearGroups(ctx.db, unit.path, q.year, q.form, today);
  const result = await drill(ctx, unit, groups, async () => new Map());
  const collections = await repo.yearCollections(ctx.db, unit.path, q.year, q.form);
  return { unit: ref(unit), path, ...result, collections };
}
