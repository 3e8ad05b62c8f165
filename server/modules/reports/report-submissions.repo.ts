import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import { reportSubmissionEvents } from '../../db/schema';
import type { Viewer } from '../../platform/access/viewer';
import { notFound } from '../../platform/http/errors';
import { escapeLike } from '../../platform/search/like';
import type { ReportForm, SubmissionStatus } from '../../../common/contracts/reports';
import { intArray, unitName } from './report-completeness.repo';
import type { StoredFigure } from './report-rules';

type Scope = Pick<Viewer, 'unitPath'>;
const like = (path: string) => escapeLike(path) + '%';

export type SubmissionRow = {
  id: number;
  collectionId: number;
  unitId: number;
  unitName: string;
  unitOrgName: string;
  unitLevel: string;
  unitPath: string;
  parentName: string | null;
  keyContactCity: boolean;
  reviewerUnitId: number;
  reviewerName: string;
  reviewerLevel: string;
  deadline: string;
  status: SubmissionStatus;
  content: Record<string, string>;
  figures: StoredFigure[];
  figuresAt: Date | string | null;
  rosterSource: 'registry' | 'consolidated' | null;
  rosterAt: Date | string | null;
  consolidatedIds: number[];
  firstSubmittedAt: Date | string | null;
  submittedAt: Date | string | null;
  reviewedAt: Date | string | null;
  returnCount: number;
  version: number;
  collection: {
    title: string;
    form: ReportForm;
    year: number;
    quarter: number | null;
    periodStart: string;
    periodEnd: string;
    instructions: string | null;
    status: 'open' | 'closed';
    openerId: number;
    openerName: string;
    openerLevel: string;
  };
};

const COLUMNS = sql`s.id, s.collection_id as "collectionId", s.unit_id as "unitId", ${unitName('u')} as "unitName",
  u.org_name as "unitOrgName", u.level as "unitLevel", u.path as "unitPath", ${unitName('pu')} as "parentName",
  u.key_contact_city as "keyContactCity", s.reviewer_unit_id as "reviewerUnitId",
  ${unitName('ru')} as "reviewerName", ru.level as "reviewerLevel", s.deadline::text as deadline, s.status,
  s.content, s.figures, s.figures_at as "figuresAt", s.roster_source as "rosterSource", s.roster_at as "rosterAt",
  s.consolidated_ids as "consolidatedIds", s.first_submitted_at as "firstSubmittedAt",
  s.submitted_at as "submittedAt", s.reviewed_at as "reviewedAt", s.return_count as "returnCount", s.version,
  json_build_object('title', c.title, 'form', c.form, 'year', c.year, 'quarter', c.quarter,
    'periodStart', c.period_start::text, 'periodEnd', c.period_end::text, 'instructions', c.instructions,
    'status', c.status, 'openerId', c.unit_id, 'openerName', ${unitName('cu')}, 'openerLevel', cu.level) as collection`;

export const SUBMISSION_FROM = sql`report_submissions s join units u on u.id = s.unit_id
  left join units pu on pu.id = u.parent_id join units ru on ru.id = s.reviewer_unit_id
  join report_collections c on c.id = s.collection_id join units cu on cu.id = c.unit_id`;

/** A submission whose unit is in the scope; `lock` takes the row (and shares the collection's) for a change. */
export async function findSubmission(db: Db, scope: Scope, id: number, lock = false): Promise<SubmissionRow> {
  const rows = await queryRows<SubmissionRow>(
    db,
    sql`select ${COLUMNS} from ${SUBMISSION_FROM} where s.id = ${id} and u.path like ${like(scope.unitPath)}
        ${lock ? sql`for update of s for share of c` : sql``}`,
  );
  if (!rows[0]) throw notFound('报送');
  return rows[0];
}

export type SubmissionChanges = {
  status?: SubmissionStatus;
  content?: Record<string, string>;
  figures?: StoredFigure[];
  figuresAt?: 'now';
  rosterSource?: 'registry' | 'consolidated';
  rosterAt?: 'now';
  consolidatedIds?: number[];
  submittedBy?: number;
  reviewedBy?: number;
  returned?: true;
};

/** One write at the version read; false when someone else changed the row first. */
export async function updateAtVersion(
  db: Db,
  id: number,
  version: number,
  ch: SubmissionChanges,
): Promise<boolean> {
  const sets: SQL[] = [sql`updated_at = now()`, sql`version = version + 1`];
  if (ch.status) sets.push(sql`status = ${ch.status}`);
  if (ch.content) sets.push(sql`content = ${JSON.stringify(ch.content)}::jsonb`);
  if (ch.figures) sets.push(sql`figures = ${JSON.stringify(ch.figures)}::jsonb`);
  if (ch.figuresAt) sets.push(sql`figures_at = now()`);
  if (ch.rosterSource) sets.push(sql`roster_source = ${ch.rosterSource}`);
  if (ch.rosterAt) sets.push(sql`roster_at = now()`);
  if (ch.consolidatedIds) sets.push(sql`consolidated_ids = ${intArray(ch.consolidatedIds)}`);
  if (ch.submittedBy) {
    sets.push(sql`submitted_at = now()`, sql`first_submitted_at = coalesce(first_submitted_at, now())`);
    sets.push(sql`submitted_by = ${ch.submittedBy}`);
  }
  if (ch.reviewedBy) sets.push(sql`reviewed_at = now()`, sql`reviewed_by = ${ch.reviewedBy}`);
  if (ch.returned) sets.push(sql`return_count = return_count + 1`);
  const rows = await queryRows<{ id: number }>(
    db,
    sql`update report_submissions set ${sql.join(sets, sql`, `)}
        where id = ${id} and version = ${version} returning id`,
  );
  return rows.length > 0;
}

/** The first count when a report is first opened for editing: written once, whoever gets there first. */
export async function setFirstFigures(db: Db, id: number, figures: StoredFigure[]): Promise<void> {
  await db.execute(sql`update report_submissions set figures = ${JSON.stringify(figures)}::jsonb,
      figures_at = now(), updated_at = now(), version = version + 1
    where id = ${id} and figures_at is null and status in ('pending', 'draft', 'returned')`);
}

/** Leaves 未填报 when something is attached, without bumping the version the open form holds. */
export async function markDraft(db: Db, id: number): Promise<void> {
  await db.execute(sql`update report_submissions set status = 'draft', updated_at = now()
    where id = ${id} and status = 'pending'`);
}

export type EventAction = (typeof reportSubmissionEvents.$inferInsert)['action'];

export async function insertEvent(
  db: Db,
  v: { submissionId: number; unitId: number; action: EventAction; comment?: string | null; byUser: number },
): Promise<void> {
  await db.insert(reportSubmissionEvents).values({ ...v, comment: v.comment ?? null });
}

/**
 * Draft saves would flood the history: consecutive saves by the same person are one 保存 entry,
 * moved to the latest time.
 */
export async function recordSave(
  db: Db,
  submissionId: number,
  unitId: number,
  byUser: number,
): Promise<void> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`update report_submission_events set at = now()
        where id = (select id from report_submission_events where submission_id = ${submissionId}
                    order by at desc, id desc limit 1)
          and action = 'saved' and by_user = ${byUser} returning id`,
  );
  if (!rows.length) await insertEvent(db, { submissionId, unitId, action: 'saved', byUser });
}

export type EventRow = {
  action: EventAction;
  comment: string | null;
  by: string | null;
  unit: string;
  at: Date | string;
};

export async function eventRows(db: Db, submissionId: number): Promise<EventRow[]> {
  return queryRows<EventRow>(
    db,
    sql`select e.action, e.comment, us.display_name as by, ${unitName('eu')} as unit, e.at
        from report_submission_events e join units eu on eu.id = e.unit_id
          left join users us on us.id = e.by_user
        where e.submission_id = ${submissionId} order by e.at, e.id`,
  );
}

export type ConsolidatedRef = {
  id: number;
  unitId: number;
  unitName: string;
  unitLevel: string;
  submittedAt: Date | string | null;
};

export async function submissionRefs(db: Db, ids: number[]): Promise<ConsolidatedRef[]> {
  if (!ids.length) return [];
  return queryRows<ConsolidatedRef>(
    db,
    sql`select s.id, s.unit_id as "unitId", ${unitName('u')} as "unitName", u.level as "unitLevel",
          s.submitted_at as "submittedAt"
        from report_submissions s join units u on u.id = s.unit_id
        where s.id = any(${intArray(ids)}) order by u.code`,
  );
}

/** Accepted reports of the collection reviewed by `unitId`: what it may pass up with its own. */
export async function acceptedReviewedBy(db: Db, collectionId: number, unitId: number): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`select s.id from report_submissions s join units u on u.id = s.unit_id
        where s.collection_id = ${collectionId} and s.reviewer_unit_id = ${unitId} and s.status = 'accepted'
        order by u.code`,
  );
  return rows.map((r) => r.id);
}

export type FileRef = { id: number; name: string; size: number | string };

export async function fileRows(db: Db, submissionId: number): Promise<FileRef[]> {
  return queryRows<FileRef>(
    db,
    sql`select f.id, f.name, f.size from report_submission_files sf join files f on f.id = sf.file_id
        where sf.submission_id = ${submissionId} order by f.id`,
  );
}

export async function rosterCount(db: Db, submissionId: number): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from report_roster_entries where submission_id = ${submissionId}`,
  );
  return rows[0].n;
}
