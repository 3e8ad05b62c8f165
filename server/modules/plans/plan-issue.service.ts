import type { z } from 'zod';
import { ISSUE_TARGETS, type issuePlan } from '../../../common/contracts/plans';
import { todayInChina } from '../../../common/validators';
import { badRequest, notFound } from '../../platform/http/errors';
import { iso } from '../youth/youth.present';
import { EMPTY_COUNTS } from './plan-present';
import * as repo from './plan-issue.repo';
import type { PlansCtx } from './plans.context';
import * as plans from './plans.repo';

type IssueBody = z.output<NonNullable<(typeof issuePlan)['body']>>;

/** The target units, all strictly below the template's unit (and so within the viewer's scope). */
async function targetsOf(ctx: PlansCtx, path: string, body: IssueBody): Promise<number[]> {
  if (body.target === 'levels') return repo.unitsBelow(ctx.db, path, { levels: body.levels });
  if (body.target === 'key_cities') return repo.unitsBelow(ctx.db, path, { keyContactCity: true });
  const wanted = [...new Set(body.unitIds)];
  const found = await repo.unitPaths(ctx.db, wanted);
  if (found.length !== wanted.length || found.some((u) => !u.path.startsWith(path) || u.path === path)) {
    throw notFound('下级单位');
  }
  return wanted;
}

/**
 * 下发: each target unit gets its own copy of the plan (source 上级下发), tasks, milestones and indicators
 * included. A unit that already has a copy gets nothing new, so issuing again only reaches the units added.
 * The template is locked meanwhile, so two issues of one plan cannot both copy to the same unit.
 */
export async function issue(ctx: PlansCtx, id: number, body: IssueBody) {
  return ctx.db.transaction(async (tx) => {
    const template = await plans.lockPlan(tx, ctx.viewer, id);
    const unit = await plans.unitInfo(tx, template.unitId);
    const targets = await targetsOf({ ...ctx, db: tx }, unit.path, body);
    if (targets.length === 0) {
      throw badRequest(
        body.target === 'key_cities'
          ? `${unit.name}以下没有重点联系城市`
          : `${unit.name}以下没有符合条件的单位`,
      );
    }
    const copies = await repo.copyPlans(tx, id, targets, ctx.viewer.userId);
    if (copies.length) await repo.copyContents(tx, id, copies, ctx.viewer.userId);
    const result = {
      targets: targets.length,
      created: copies.length,
      skipped: targets.length - copies.length,
    };
    await ctx.audit(
      {
        action: 'plan.issued',
        targetType: 'work_plan',
        targetId: id,
        targetLabel: template.title,
        detail: {
          target: ISSUE_TARGETS[body.target],
          ...(body.target === 'levels' ? { levels: body.levels } : {}),
          ...result,
        },
      },
      tx,
    );
    return result;
  });
}

export async function copies(ctx: PlansCtx, id: number, q: { page: number; pageSize: number; q?: string }) {
  const today = todayInChina();
  await plans.findPlan(ctx.db, ctx.viewer, id, today);
  const { rows, summary } = await repo.copyRows(
    ctx.db,
    ctx.viewer,
    id,
    { q: q.q || undefined, limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
    today,
  );
  return {
    items: rows.map((r) => ({
      planId: r.planId,
      unit: { id: r.unitId, name: r.unitName, level: r.unitLevel },
      issuedAt: iso(r.issuedAt),
      counts: r.counts ?? EMPTY_COUNTS,
      lastProgressOn: r.lastProgressOn,
    })),
    total: summary.units,
    page: q.page,
    pageSize: q.pageSize,
    summary,
  };
}
