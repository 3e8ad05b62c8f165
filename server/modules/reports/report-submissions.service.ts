import type { z } from 'zod';
import type { saveSubmission } from '../../../common/contracts/reports-submissions';
import { todayInChina } from '../../../common/validators';
import { badRequest, conflict } from '../../platform/http/errors';
import * as roster from './report-roster.repo';
import { countFor, detail } from './report-submission-detail.service';
import {
  applyFigureEdits,
  hasFigures,
  submitProblems,
  timelinessOf,
  unknownKeys,
  type StoredFigure,
} from './report-rules';
import * as repo from './report-submissions.repo';
import { assertEditable, assertReviewer, change, filledStatus } from './report-transition';
import type { ReportCtx } from './reports.context';

type SaveBody = z.output<NonNullable<(typeof saveSubmission)['body']>>;

/** 保存草稿: narrative fields merged over what was saved; reported values and their explanations. */
export async function save(ctx: ReportCtx, id: number, body: SaveBody) {
  await change(
    ctx,
    id,
    body.version,
    (r) => assertEditable(ctx.viewer, r),
    async (r) => {
      const problems = unknownKeys(r.collection.form, body.content, body.figures);
      if (problems.length) throw badRequest(problems[0].message, problems);
      const figures = body.figures.length ? applyFigureEdits(r.figures ?? [], body.figures) : undefined;
      return {
        changes: { status: filledStatus(r), content: { ...r.content, ...body.content }, figures },
        event: 'save',
        audit: {
          action: 'report.saved',
          detail: { fields: Object.keys(body.content), figures: body.figures.map((f) => f.key) },
        },
      };
    },
  );
  return detail(ctx, id);
}

/**
 * 报送 (and 重新报送 after a return). Indicators never counted are counted now; required fields,
 * indicator values and the explanation of any value that differs from the count are checked, and a
 * roster must not be empty. Timeliness is fixed by the first submission (report-rules.ts).
 */
export async function submit(ctx: ReportCtx, id: number, version: number) {
  const before = await repo.findSubmission(ctx.db, ctx.viewer, id);
  assertEditable(ctx.viewer, before);
  const counted =
    hasFigures(before.collection.form) && !before.figuresAt ? await countFor(ctx.db, before) : undefined;
  await change(
    ctx,
    id,
    version,
    (r) => assertEditable(ctx.viewer, r),
    async (r, tx) => {
      const figures: StoredFigure[] = counted ?? r.figures ?? [];
      const problems = submitProblems(r.collection.form, r.content ?? {}, figures);
      if (problems.length) {
        throw badRequest(`报送前请补全：${problems.map((p) => p.message).join('；')}`, problems);
      }
      if (r.collection.form === 'roster' && !(await repo.rosterCount(tx, id))) {
        throw badRequest('花名册为空：请先生成花名册（从青年库或汇总下级）再报送', [
          { path: 'roster', message: '花名册为空' },
        ]);
      }
      const again = r.status === 'returned';
      const first = r.firstSubmittedAt ?? new Date();
      const timeliness = timelinessOf(
        { deadline: r.deadline, firstSubmittedAt: first, collectionClosed: false },
        todayInChina(),
      );
      return {
        changes: {
          status: 'submitted',
          submittedBy: ctx.viewer.userId,
          ...(counted ? { figures: counted, figuresAt: 'now' as const } : {}),
        },
        event: { action: again ? 'resubmitted' : 'submitted' },
        audit: {
          action: again ? 'report.resubmitted' : 'report.submitted',
          detail: { deadline: r.deadline, timeliness, returnCount: r.returnCount },
        },
      };
    },
  );
  return detail(ctx, id);
}

export async function returnToUnit(ctx: ReportCtx, id: number, version: number, comment: string) {
  await change(
    ctx,
    id,
    version,
    (r) => {
      assertReviewer(ctx.viewer, r, '退回');
      if (r.collection.status !== 'open') {
        throw conflict('该报送任务已结束，下级无法再报送，不能退回；可审核通过或线下沟通');
      }
    },
    async () => ({
      changes: { status: 'returned', reviewedBy: ctx.viewer.userId, returned: true },
      event: { action: 'returned', comment },
      audit: { action: 'report.returned', detail: { comment } },
    }),
  );
  return detail(ctx, id);
}

export async function accept(ctx: ReportCtx, id: number, version: number, comment?: string) {
  await change(
    ctx,
    id,
    version,
    (r) => assertReviewer(ctx.viewer, r, '审核通过'),
    async () => ({
      changes: { status: 'accepted', reviewedBy: ctx.viewer.userId },
      event: { action: 'accepted', comment: comment || null },
      audit: { action: 'report.accepted', detail: comment ? { comment } : {} },
    }),
  );
  return detail(ctx, id);
}

/**
 * 汇总下级: the accepted reports this unit reviewed travel up with its own (its Word document and the
 * collection's exports show them under it). For a 花名册 the roster is rebuilt from them as well.
 */
export async function consolidate(ctx: ReportCtx, id: number, version: number) {
  await change(
    ctx,
    id,
    version,
    (r) => assertEditable(ctx.viewer, r),
    async (r, tx) => {
      const ids = await repo.acceptedReviewedBy(tx, r.collectionId, r.unitId);
      if (!ids.length) throw conflict('暂无可汇总的下级报送：下级报送须先由本单位审核通过');
      let rosterEntries: number | undefined;
      if (r.collection.form === 'roster') {
        await roster.clearRoster(tx, id);
        rosterEntries = await roster.fillConsolidated(tx, { id, unitId: r.unitId }, ids);
      }
      return {
        changes: {
          status: filledStatus(r),
          consolidatedIds: ids,
          ...(rosterEntries === undefined
            ? {}
            : { rosterSource: 'consolidated' as const, rosterAt: 'now' as const }),
        },
        event: { action: 'consolidated', comment: `汇总下级报送 ${ids.length} 份` },
        audit: { action: 'report.consolidated', detail: { submissions: ids, rosterEntries } },
      };
    },
  );
  return detail(ctx, id);
}
