import { SUBMISSION_ACTIONS, type SubmissionDetail } from '../../../common/contracts/reports-submissions';
import { todayInChina } from '../../../common/validators';
import type { Db } from '../../db/client';
import { iso } from '../youth/youth.present';
import { countFigures } from './report-figures.repo';
import {
  daysBetween,
  figureRows,
  hasFigures,
  recount,
  timelinessOf,
  type StoredFigure,
} from './report-rules';
import * as repo from './report-submissions.repo';
import { canEdit, canReview } from './report-transition';
import type { ReportCtx } from './reports.context';

/** The system's count of the indicators for the submission's unit and everything below, over the period. */
export async function countFor(
  db: Db,
  r: Pick<repo.SubmissionRow, 'unitPath' | 'figures' | 'collection'>,
): Promise<StoredFigure[]> {
  const counts = await countFigures(db, r.unitPath, {
    start: r.collection.periodStart,
    end: r.collection.periodEnd,
    today: todayInChina(),
  });
  return recount(r.figures ?? [], counts);
}

/**
 * A submission as its page shows it. The first time its own unit opens a report that carries
 * indicators, they are counted and stored, so the form opens filled in (the unit may then change a
 * value, with a reason). Not audited: the numbers are the system's own, not yet anything the unit said.
 */
export async function detail(ctx: ReportCtx, id: number): Promise<SubmissionDetail> {
  let r = await repo.findSubmission(ctx.db, ctx.viewer, id);
  if (canEdit(ctx.viewer, r) && hasFigures(r.collection.form) && !r.figuresAt) {
    await repo.setFirstFigures(ctx.db, id, await countFor(ctx.db, r));
    r = await repo.findSubmission(ctx.db, ctx.viewer, id);
  }
  const today = todayInChina();
  const events = await repo.eventRows(ctx.db, id);
  const files = await repo.fileRows(ctx.db, id);
  const consolidated = await repo.submissionRefs(ctx.db, r.consolidatedIds ?? []);
  const reviewed = await repo.acceptedReviewedBy(ctx.db, r.collectionId, r.unitId);
  const rosterCount = await repo.rosterCount(ctx.db, id);
  const included = new Set(r.consolidatedIds ?? []);
  const c = r.collection;
  return {
    id: r.id,
    collection: {
      id: r.collectionId,
      title: c.title,
      form: c.form,
      year: c.year,
      quarter: c.quarter,
      periodStart: c.periodStart,
      periodEnd: c.periodEnd,
      instructions: c.instructions,
      status: c.status,
      openedBy: { id: c.openerId, name: c.openerName, level: c.openerLevel },
    },
    unit: { id: r.unitId, name: r.unitName, level: r.unitLevel },
    reviewerUnit: { id: r.reviewerUnitId, name: r.reviewerName, level: r.reviewerLevel },
    deadline: r.deadline,
    daysLeft: daysBetween(today, r.deadline),
    status: r.status,
    timeliness: timelinessOf(
      { deadline: r.deadline, firstSubmittedAt: r.firstSubmittedAt, collectionClosed: c.status === 'closed' },
      today,
    ),
    content: r.content ?? {},
    figures: figureRows(c.form, r.figures ?? []),
    figuresAt: iso(r.figuresAt),
    rosterSource: r.rosterSource,
    rosterAt: iso(r.rosterAt),
    rosterCount,
    consolidated: consolidated.map((s) => ({
      id: s.id,
      unit: { id: s.unitId, name: s.unitName, level: s.unitLevel },
      submittedAt: iso(s.submittedAt),
    })),
    consolidatable: reviewed.filter((sid) => !included.has(sid)).length,
    events: events.map((e) => ({
      action: e.action,
      label: SUBMISSION_ACTIONS[e.action],
      comment: e.comment,
      by: e.by,
      unit: e.unit,
      at: iso(e.at)!,
    })),
    files: files.map((f) => ({ id: f.id, name: f.name, size: Number(f.size) })),
    firstSubmittedAt: iso(r.firstSubmittedAt),
    submittedAt: iso(r.submittedAt),
    reviewedAt: iso(r.reviewedAt),
    returnCount: r.returnCount,
    canEdit: canEdit(ctx.viewer, r),
    canReview: canReview(ctx.viewer, r),
    version: r.version,
  };
}
