import type { z } from 'zod';
import { UNIT_LEVELS, type UnitLevel } from '../../../common/access';
import {
  REPORT_LEVELS,
  type CollectionDetail,
  type CollectionItem,
  type CollectionTarget,
  type listCollections,
  type openCollection,
  type ReportLevel,
} from '../../../common/contracts/reports';
import { todayInChina } from '../../../common/validators';
import { badRequest, conflict, forbidden, notFound, staleVersion } from '../../platform/http/errors';
import { iso } from '../youth/youth.present';
import * as repo from './report-collections.repo';
import { unitRef } from './report-completeness.repo';
import { defaultTitle, EMPTY_COUNTS, levelDeadlines, periodOf, summarise } from './report-rules';
import type { ReportCtx } from './reports.context';

type ListQuery = z.output<NonNullable<(typeof listCollections)['query']>>;
type OpenBody = z.output<NonNullable<(typeof openCollection)['body']>>;

const RANK: Record<UnitLevel, number> = { central: 0, province: 1, city: 2, county: 3 };
const SAMPLE = 20;

/** The viewer's unit as the opener of a collection. */
async function openerOf(ctx: ReportCtx) {
  const unit = await unitRef(ctx.db, ctx.viewer.unitId);
  if (!unit) throw notFound('单位');
  return unit;
}

/**
 * Who must answer: the condition over units and the count per level. Refuses levels that are not
 * below the opener, hand-picked units outside its subtree or the opener itself, and an empty choice.
 */
async function resolveTargets(ctx: ReportCtx, target: CollectionTarget) {
  const opener = await openerOf(ctx);
  const openerLevel = opener.level as UnitLevel;
  if (target.mode === 'levels') {
    const above = target.levels.find((l) => RANK[l] <= RANK[openerLevel]);
    if (above) {
      throw badRequest(
        `${UNIT_LEVELS[openerLevel]}单位只能向下级发起报送，不能选择${REPORT_LEVELS[above]}单位`,
        [{ path: 'target.levels', message: `不能选择${REPORT_LEVELS[above]}` }],
      );
    }
  }
  if (target.mode === 'units') {
    const ids = [...new Set(target.unitIds)];
    const picked = await repo.pickedBelow(ctx.db, opener, ids);
    if (picked.self) {
      throw badRequest('须报送的应是下级单位，不能选择本单位', [
        { path: 'target.unitIds', message: '不能选择本单位' },
      ]);
    }
    if (picked.below < ids.length) {
      throw badRequest(
        `所选单位中有 ${ids.length - picked.below} 个不是本单位的下级，只能选择本单位管辖范围内的下级单位`,
        [{ path: 'target.unitIds', message: '含有非下级单位' }],
      );
    }
  }
  const cond = repo.targetCondition(opener, target);
  const byLevel = { province: 0, city: 0, county: 0 };
  for (const r of await repo.targetLevels(ctx.db, cond)) byLevel[r.level] = r.n;
  const count = byLevel.province + byLevel.city + byLevel.county;
  if (!count) {
    throw badRequest(
      target.mode === 'key_cities' ? '本单位下级没有重点联系城市' : '所选范围内没有须报送的下级单位',
      [{ path: 'target', message: '没有须报送的单位' }],
    );
  }
  const levels = (Object.keys(byLevel) as ReportLevel[]).filter((l) => byLevel[l] > 0);
  return { opener, cond, byLevel, count, levels };
}

export async function previewTargets(ctx: ReportCtx, target: CollectionTarget) {
  const t = await resolveTargets(ctx, target);
  const sample = await repo.targetSample(ctx.db, t.cond, SAMPLE);
  return { count: t.count, byLevel: t.byLevel, sample };
}

export async function open(ctx: ReportCtx, body: OpenBody): Promise<CollectionDetail> {
  const quarter = body.quarter ?? null;
  if (body.form === 'quarterly' && !quarter) {
    throw badRequest('季度工作进展须选择季度', [{ path: 'quarter', message: '请选择季度' }]);
  }
  if (body.form === 'annual' && quarter) {
    throw badRequest('年度总结按全年统计，不选择季度', [{ path: 'quarter', message: '年度总结不选季度' }]);
  }
  const t = await resolveTargets(ctx, body.target);
  const deadlines = levelDeadlines(t.levels, body.deadline, body.deadlineByLevel, todayInChina());
  if (deadlines.error)
    throw badRequest(deadlines.error, [{ path: 'deadlineByLevel', message: deadlines.error }]);
  const period = periodOf(body.year, quarter);
  const title = body.title || defaultTitle(body.form, body.year, quarter);
  const id = await ctx.db.transaction(async (tx) => {
    const collectionId = await repo.insertCollection(tx, {
      unitId: t.opener.id,
      form: body.form,
      title,
      year: body.year,
      quarter,
      periodStart: period.start,
      periodEnd: period.end,
      targetMode: body.target.mode,
      targetLevels: t.levels,
      deadline: body.deadline,
      deadlineByLevel: deadlines.byLevel,
      instructions: body.instructions || null,
      createdBy: ctx.viewer.userId,
    });
    const expected = await repo.insertSubmissions(tx, {
      collectionId,
      openerId: t.opener.id,
      cond: t.cond,
      deadline: body.deadline,
      byLevel: deadlines.byLevel,
    });
    await ctx.audit(
      {
        action: 'report.collection_opened',
        targetType: 'report_collection',
        targetId: collectionId,
        targetLabel: title,
        detail: {
          form: body.form,
          year: body.year,
          quarter,
          targetMode: body.target.mode,
          expected,
          byLevel: t.byLevel,
          deadline: body.deadline,
          deadlineByLevel: deadlines.byLevel,
        },
      },
      tx,
    );
    return collectionId;
  });
  return detail(ctx, id);
}

function present(ctx: ReportCtx, r: repo.CollectionRow, counts = EMPTY_COUNTS): CollectionItem {
  return {
    id: r.id,
    unit: { id: r.unitId, name: r.unitName, level: r.unitLevel },
    form: r.form,
    title: r.title,
    year: r.year,
    quarter: r.quarter,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    targetMode: r.targetMode,
    targetLevels: r.targetLevels ?? [],
    deadline: r.deadline,
    deadlineByLevel: r.deadlineByLevel ?? {},
    status: r.status,
    createdAt: iso(r.createdAt)!,
    summary: summarise(counts),
    ownedByViewer: r.unitId === ctx.viewer.unitId,
    version: r.version,
  };
}

export async function detail(ctx: ReportCtx, id: number): Promise<CollectionDetail> {
  const row = await repo.findCollection(ctx.db, ctx.viewer, id);
  const counts = await repo.countsByCollection(ctx.db, ctx.viewer, [id], todayInChina());
  return {
    ...present(ctx, row, counts.get(id)),
    instructions: row.instructions,
    createdBy: row.createdBy,
    closedAt: iso(row.closedAt),
    ownSubmissionId: await repo.submissionIdOf(ctx.db, id, ctx.viewer.unitId),
  };
}

export async function list(ctx: ReportCtx, q: ListQuery) {
  const { rows, total } = await repo.listCollections(
    ctx.db,
    ctx.viewer,
    {
      q: q.q || undefined,
      form: q.form,
      year: q.year,
      status: q.status,
      openedBy: q.scope === 'opened' ? ctx.viewer.unitId : undefined,
    },
    { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
  );
  const counts = await repo.countsByCollection(
    ctx.db,
    ctx.viewer,
    rows.map((r) => r.id),
    todayInChina(),
  );
  return {
    items: rows.map((r) => present(ctx, r, counts.get(r.id))),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** Only the opening unit ends a collection; what was never submitted then counts as 缺报. */
export async function close(ctx: ReportCtx, id: number, version: number): Promise<CollectionDetail> {
  await ctx.db.transaction(async (tx) => {
    const c = await repo.findCollection(tx, ctx.viewer, id, true);
    if (c.unitId !== ctx.viewer.unitId) throw forbidden('只有发起单位可以结束报送任务');
    if (c.status === 'closed') throw conflict('该报送任务已结束');
    if (c.version !== version) throw staleVersion();
    const missing = await repo.unsubmittedCount(tx, id);
    if (!(await repo.closeAtVersion(tx, id, version))) throw staleVersion();
    await ctx.audit(
      {
        action: 'report.collection_closed',
        targetType: 'report_collection',
        targetId: id,
        targetLabel: c.title,
        detail: { unsubmitted: missing },
      },
      tx,
    );
  });
  return detail(ctx, id);
}
