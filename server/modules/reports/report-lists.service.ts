import type { z } from 'zod';
import {
  REMINDER_DAYS,
  type DueItem,
  type listCollectionSubmissions,
  type listDue,
  type listToReview,
  type SubmissionItem,
} from '../../../common/contracts/reports';
import { todayInChina } from '../../../common/validators';
import { assertUnitInScope } from '../../platform/access/scope';
import { can, type Viewer } from '../../platform/access/viewer';
import { iso } from '../youth/youth.present';
import { findCollection } from './report-collections.repo';
import * as lists from './report-lists.repo';
import { daysBetween, daysLateOf, timelinessOf } from './report-rules';
import type { ReportCtx } from './reports.context';

type CollectionSubmissionsQuery = z.output<NonNullable<(typeof listCollectionSubmissions)['query']>>;
type DueQuery = z.output<NonNullable<(typeof listDue)['query']>>;
type ToReviewQuery = z.output<NonNullable<(typeof listToReview)['query']>>;

const timelinessInput = (r: lists.ListRow) => ({
  deadline: r.deadline,
  firstSubmittedAt: r.firstSubmittedAt,
  collectionClosed: r.collectionStatus === 'closed',
});

export function presentItem(viewer: Viewer, r: lists.ListRow, today: string): SubmissionItem {
  return {
    id: r.id,
    collectionId: r.collectionId,
    unit: {
      id: r.unitId,
      name: r.unitName,
      level: r.unitLevel,
      parentName: r.parentName,
      keyContactCity: r.keyContactCity,
    },
    reviewerUnit: { id: r.reviewerUnitId, name: r.reviewerName, level: r.reviewerLevel },
    deadline: r.deadline,
    status: r.status,
    timeliness: timelinessOf(timelinessInput(r), today),
    daysLate: daysLateOf(timelinessInput(r), today),
    firstSubmittedAt: iso(r.firstSubmittedAt),
    submittedAt: iso(r.submittedAt),
    reviewedAt: iso(r.reviewedAt),
    returnCount: r.returnCount,
    canReview:
      r.reviewerUnitId === viewer.unitId && r.status === 'submitted' && can(viewer, 'reports.review'),
  };
}

function presentDue(r: lists.ListRow, today: string): DueItem {
  return {
    submissionId: r.id,
    collection: {
      id: r.collectionId,
      title: r.collectionTitle,
      form: r.collectionForm,
      year: r.collectionYear,
      quarter: r.collectionQuarter,
      status: r.collectionStatus,
      openedBy: r.openedBy,
    },
    deadline: r.deadline,
    daysLeft: daysBetween(today, r.deadline),
    status: r.status,
    timeliness: timelinessOf(timelinessInput(r), today),
    submittedAt: iso(r.submittedAt),
    returnComment: r.returnComment,
  };
}

const paging = (q: { page: number; pageSize: number }) => ({
  limit: q.pageSize,
  offset: (q.page - 1) * q.pageSize,
});

/** Every unit of a collection in the viewer's scope, optionally under one unit, by status or timeliness. */
export async function collectionSubmissions(ctx: ReportCtx, id: number, q: CollectionSubmissionsQuery) {
  await findCollection(ctx.db, ctx.viewer, id);
  const unit = q.unitId
    ? {
        id: q.unitId,
        path: await assertUnitInScope(ctx.db, q.unitId, ctx.viewer),
        includeDescendants: q.includeDescendants !== 'false',
      }
    : undefined;
  const today = todayInChina();
  const { rows, total } = await lists.collectionSubmissions(
    ctx.db,
    ctx.viewer,
    id,
    { unit, q: q.q || undefined, status: q.status, timeliness: q.timeliness, sort: q.sort },
    today,
    paging(q),
  );
  return {
    items: rows.map((r) => presentItem(ctx.viewer, r, today)),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function due(ctx: ReportCtx, q: DueQuery) {
  const today = todayInChina();
  const { rows, total } = await lists.dueOf(ctx.db, ctx.viewer.unitId, q.show === 'open', paging(q));
  return { items: rows.map((r) => presentDue(r, today)), total, page: q.page, pageSize: q.pageSize };
}

export async function toReview(ctx: ReportCtx, q: ToReviewQuery) {
  const today = todayInChina();
  const { rows, total } = await lists.reviewedBy(ctx.db, ctx.viewer.unitId, q.status, paging(q));
  return {
    items: rows.map((r) => ({
      ...presentItem(ctx.viewer, r, today),
      collection: { id: r.collectionId, title: r.collectionTitle, form: r.collectionForm },
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** What the header's bell shows: the unit's reports due within REMINDER_DAYS, overdue, returned, to review. */
export async function reminders(ctx: ReportCtx) {
  const today = todayInChina();
  const counts = await lists.reminderCounts(ctx.db, ctx.viewer.unitId, today, REMINDER_DAYS);
  const { rows } = await lists.urgent(ctx.db, ctx.viewer.unitId, 5);
  // Someone who cannot review is not reminded of reviews (the unit's reviewers are).
  const toReview = can(ctx.viewer, 'reports.review') ? counts.toReview : 0;
  return { ...counts, toReview, items: rows.map((r) => presentDue(r, today)) };
}
