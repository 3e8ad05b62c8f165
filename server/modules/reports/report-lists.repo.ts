import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import type { Viewer } from '../../platform/access/viewer';
import { escapeLike } from '../../platform/search/like';
import type { ReportForm, SubmissionStatus, Timeliness } from '../../../common/contracts/reports';
import { timelinessSql, unitName } from './report-completeness.repo';
import { SUBMISSION_FROM } from './report-submissions.repo';

type Scope = Pick<Viewer, 'unitPath'>;

export type ListRow = {
  id: number;
  collectionId: number;
  unitId: number;
  unitName: string;
  unitLevel: string;
  parentName: string | null;
  keyContactCity: boolean;
  reviewerUnitId: number;
  reviewerName: string;
  reviewerLevel: string;
  deadline: string;
  status: SubmissionStatus;
  firstSubmittedAt: Date | string | null;
  submittedAt: Date | string | null;
  reviewedAt: Date | string | null;
  returnCount: number;
  collectionStatus: 'open' | 'closed';
  collectionTitle: string;
  collectionForm: ReportForm;
  collectionYear: number;
  collectionQuarter: number | null;
  openedBy: string;
  returnComment: string | null;
};

const COLUMNS = sql`s.id, s.collection_id as "collectionId", s.unit_id as "unitId", ${unitName('u')} as "unitName",
  u.level as "unitLevel", ${unitName('pu')} as "parentName", u.key_contact_city as "keyContactCity",
  s.reviewer_unit_id as "reviewerUnitId", ${unitName('ru')} as "reviewerName", ru.level as "reviewerLevel",
  s.deadline::text as deadline, s.status, s.first_submitted_at as "firstSubmittedAt",
  s.submitted_at as "submittedAt", s.reviewed_at as "reviewedAt", s.return_count as "returnCount",
  c.status as "collectionStatus", c.title as "collectionTitle", c.form as "collectionForm",
  c.year as "collectionYear", c.quarter as "collectionQuarter", ${unitName('cu')} as "openedBy",
  case when s.status = 'returned' then (select e.comment from report_submission_events e
    where e.submission_id = s.id and e.action = 'returned' order by e.at desc, e.id desc limit 1) end
    as "returnComment"`;

async function page(db: Db, where: SQL, order: SQL, p: { limit: number; offset: number }) {
  const rows = await queryRows<ListRow>(
    db,
    sql`select ${COLUMNS} from ${SUBMISSION_FROM} where ${where} order by ${order}
        limit ${p.limit} offset ${p.offset}`,
  );
  const [count] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from ${SUBMISSION_FROM} where ${where}`,
  );
  return { rows, total: count.n };
}

export type CollectionSubmissionFilter = {
  unit?: { id: number; path: string; includeDescendants: boolean };
  q?: string;
  status?: SubmissionStatus;
  timeliness?: Timeliness;
  sort?: string;
};

const SORTS: Record<string, SQL> = {
  unit: sql`u.code`,
  deadline: sql`s.deadline`,
  submittedAt: sql`s.first_submitted_at`,
  status: sql`s.status`,
};

export function collectionSubmissions(
  db: Db,
  scope: Scope,
  collectionId: number,
  f: CollectionSubmissionFilter,
  today: string,
  p: { limit: number; offset: number },
) {
  const c: SQL[] = [
    sql`s.collection_id = ${collectionId}`,
    sql`u.path like ${escapeLike(scope.unitPath) + '%'}`,
  ];
  if (f.unit) {
    c.push(
      f.unit.includeDescendants
        ? sql`u.path like ${escapeLike(f.unit.path) + '%'}`
        : sql`s.unit_id = ${f.unit.id}`,
    );
  }
  if (f.q) c.push(sql`u.name like ${`%${escapeLike(f.q)}%`}`);
  if (f.status) c.push(sql`s.status = ${f.status}`);
  if (f.timeliness) c.push(sql`${timelinessSql(today)} = ${f.timeliness}`);
  const key = f.sort?.replace(/^-/, '') ?? 'unit';
  const by = SORTS[key] ?? SORTS.unit;
  const order = sql`${by} ${f.sort?.startsWith('-') ? sql`desc nulls last` : sql`asc nulls last`}, u.code, s.id`;
  return page(db, sql.join(c, sql` and `), order, p);
}

/** 待报送: the unit's own reports; `open` leaves out accepted ones and closed collections. */
export function dueOf(db: Db, unitId: number, onlyOpen: boolean, p: { limit: number; offset: number }) {
  const where = onlyOpen
    ? sql`s.unit_id = ${unitId} and s.status <> 'accepted' and c.status = 'open'`
    : sql`s.unit_id = ${unitId}`;
  // Same deadline: the most recently opened first.
  const order = sql`case when s.status in ('pending', 'draft', 'returned') and c.status = 'open' then 0 else 1 end,
    s.deadline, s.id desc`;
  return page(db, where, order, p);
}

/** 待审核: what the unit reviews, waiting ones first. */
export function reviewedBy(
  db: Db,
  unitId: number,
  status: SubmissionStatus | undefined,
  p: { limit: number; offset: number },
) {
  const where = status
    ? sql`s.reviewer_unit_id = ${unitId} and s.status = ${status}`
    : sql`s.reviewer_unit_id = ${unitId}`;
  const order = sql`case s.status when 'submitted' then 0 when 'returned' then 1 when 'draft' then 2
    when 'pending' then 3 else 4 end, s.submitted_at, s.deadline, u.code, s.id`;
  return page(db, where, order, p);
}

export async function reminderCounts(db: Db, unitId: number, today: string, days: number) {
  const [row] = await queryRows<{ dueSoon: number; overdue: number; returned: number; toReview: number }>(
    db,
    sql`select
          (select count(*)::int from report_submissions s join report_collections c on c.id = s.collection_id
            where s.unit_id = ${unitId} and c.status = 'open' and s.status in ('pending', 'draft', 'returned')
              and s.deadline between ${today}::date and ${today}::date + ${days}::int) as "dueSoon",
          (select count(*)::int from report_submissions s join report_collections c on c.id = s.collection_id
            where s.unit_id = ${unitId} and c.status = 'open' and s.status in ('pending', 'draft', 'returned')
              and s.deadline < ${today}::date) as overdue,
          (select count(*)::int from report_submissions s join report_collections c on c.id = s.collection_id
            where s.unit_id = ${unitId} and c.status = 'open' and s.status = 'returned') as returned,
          (select count(*)::int from report_submissions s
            where s.reviewer_unit_id = ${unitId} and s.status = 'submitted') as "toReview"`,
  );
  return row;
}

/** The unit's reports still to be filled in an open collection, most urgent first. */
export function urgent(db: Db, unitId: number, limit: number) {
  return page(
    db,
    sql`s.unit_id = ${unitId} and c.status = 'open' and s.status in ('pending', 'draft', 'returned')`,
    sql`s.deadline, s.id`,
    { limit, offset: 0 },
  );
}
