import { SUBMISSION_STATUSES } from '../../../common/contracts/reports';
import type { AuditAction } from '../../../common/audit-actions';
import { can, type Viewer } from '../../platform/access/viewer';
import { conflict, forbidden, staleVersion } from '../../platform/http/errors';
import type { Db } from '../../db/client';
import * as repo from './report-submissions.repo';
import type { ReportCtx } from './reports.context';

/**
 * Who may do what to a submission. Reading needs only the unit in scope (repository); filling is for
 * the submission's own unit while it is open and the collection takes reports; reviewing is for the
 * reviewer unit while it waits for review.
 */

const FILLABLE = new Set(['pending', 'draft', 'returned']);

type Row = Pick<repo.SubmissionRow, 'unitId' | 'reviewerUnitId' | 'status' | 'collection'>;

export const canEdit = (viewer: Viewer, r: Row) =>
  r.unitId === viewer.unitId &&
  can(viewer, 'reports.submit') &&
  FILLABLE.has(r.status) &&
  r.collection.status === 'open';

export const canReview = (viewer: Viewer, r: Row) =>
  r.reviewerUnitId === viewer.unitId && can(viewer, 'reports.review') && r.status === 'submitted';

export function assertEditable(viewer: Viewer, r: Row) {
  if (r.unitId !== viewer.unitId) throw forbidden('只能填报和报送本单位的报告');
  if (r.status === 'accepted') throw conflict('该报告已审核通过并锁定，不能再修改');
  if (r.status === 'submitted') throw conflict('该报告已报送、正在等待审核；如需修改，请联系审核单位退回');
  if (r.collection.status !== 'open') throw conflict('该报送任务已结束，不再接受填报和报送');
}

export function assertReviewer(viewer: Viewer, r: Row, what: string) {
  if (r.reviewerUnitId !== viewer.unitId) throw forbidden('只有审核单位可以通过或退回该报告');
  if (r.status !== 'submitted') {
    throw conflict(
      `该报告当前为「${SUBMISSION_STATUSES[r.status]}」，不能${what}（只有待审核的报告可以审核）`,
    );
  }
}

export type Decision = {
  changes: repo.SubmissionChanges;
  /** The history entry; `save` folds consecutive draft saves into one. */
  event: { action: repo.EventAction; comment?: string | null } | 'save' | null;
  audit: { action: AuditAction; detail?: Record<string, unknown> };
};

/**
 * One change to a submission, all in one transaction: lock it (and share-lock its collection, so it
 * cannot be closed meanwhile), check who may act, check the version, write, record the event and audit.
 */
export async function change(
  ctx: ReportCtx,
  id: number,
  version: number,
  guard: (r: repo.SubmissionRow) => void,
  decide: (r: repo.SubmissionRow, tx: Db) => Promise<Decision>,
): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const row = await repo.findSubmission(tx, ctx.viewer, id, true);
    guard(row);
    if (row.version !== version) throw staleVersion();
    const d = await decide(row, tx);
    if (!(await repo.updateAtVersion(tx, id, version, d.changes))) throw staleVersion();
    if (d.event === 'save') await repo.recordSave(tx, id, ctx.viewer.unitId, ctx.viewer.userId);
    else if (d.event) {
      await repo.insertEvent(tx, {
        submissionId: id,
        unitId: ctx.viewer.unitId,
        action: d.event.action,
        comment: d.event.comment,
        byUser: ctx.viewer.userId,
      });
    }
    await ctx.audit(
      {
        action: d.audit.action,
        targetType: 'report_submission',
        targetId: id,
        targetLabel: `${row.collection.title} — ${row.unitName}`,
        detail: { from: row.status, to: d.changes.status ?? row.status, ...d.audit.detail },
      },
      tx,
    );
  });
}

/** Filling something in moves 未填报 to 填报中; a returned report stays 已退回 until it is resubmitted. */
export const filledStatus = (r: Pick<repo.SubmissionRow, 'status'>) =>
  r.status === 'pending' ? ('draft' as const) : undefined;
