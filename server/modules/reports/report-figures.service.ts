import { badRequest } from '../../platform/http/errors';
import { countFor, detail } from './report-submission-detail.service';
import { hasFigures } from './report-rules';
import * as repo from './report-submissions.repo';
import { assertEditable, change, filledStatus } from './report-transition';
import type { ReportCtx } from './reports.context';

/**
 * 重新统计: counts the indicators again for the period (data entered late, a correction in the
 * registry). Values the unit had not changed follow the new count; changed ones keep their reason.
 * A submitted or accepted report is never recounted: what was reported stays what was reported.
 */
export async function refresh(ctx: ReportCtx, id: number, version: number) {
  const before = await repo.findSubmission(ctx.db, ctx.viewer, id);
  assertEditable(ctx.viewer, before);
  if (!hasFigures(before.collection.form)) throw badRequest('该报表没有统计指标');
  const figures = await countFor(ctx.db, before);
  await change(
    ctx,
    id,
    version,
    (r) => assertEditable(ctx.viewer, r),
    async (r) => ({
      changes: { status: filledStatus(r), figures, figuresAt: 'now' },
      event: 'save',
      audit: {
        action: 'report.figures_refreshed',
        detail: {
          period: `${r.collection.periodStart}~${r.collection.periodEnd}`,
          counts: Object.fromEntries(figures.map((f) => [f.key, f.auto])),
        },
      },
    }),
  );
  return detail(ctx, id);
}
