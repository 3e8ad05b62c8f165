import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import { escapeLike } from '../../platform/search/like';
import type { ReportForm } from '../../../common/contracts/reports';
import type { RawCounts } from './report-rules';

/**
 * Completeness and timeliness over many submissions in one grouped query. The definitions are those
 * of report-rules.ts (timelinessOf, summarise), written here over the aliases `s` (report_submissions)
 * and `c` (report_collections): a report is on time when its first submission's Beijing date is on or
 * before its deadline; an unsubmitted one is overdue once the deadline passed or the collection closed.
 */

/** A list of ids as one int[] parameter (a JS array would be spread into separate parameters). */
export const intArray = (ids: readonly number[]) =>
  sql`${`{${ids.map((id) => Math.trunc(id)).join(',')}}`}::int[]`;

/** The central committee is shown by its organisation name (its unit name is just 中央). */
export const unitName = (alias: string) =>
  sql.raw(`(case when ${alias}.level = 'central' then ${alias}.org_name else ${alias}.name end)`);

const FIRST_SUBMITTED_DATE = sql`(s.first_submitted_at at time zone 'Asia/Shanghai')::date`;

/** One submission's timeliness, for filters; timelinessOf() is the same rule for one row in memory. */
export const timelinessSql = (today: string) => sql`(case
  when s.first_submitted_at is not null then
    case when ${FIRST_SUBMITTED_DATE} <= s.deadline then 'on_time' else 'late' end
  when c.status = 'closed' or s.deadline < ${today}::date then 'missing'
  else 'not_due' end)`;

export const countsSql = (today: string) => sql`count(*)::int as expected,
  count(s.first_submitted_at)::int as submitted,
  (count(*) filter (where ${FIRST_SUBMITTED_DATE} <= s.deadline))::int as "onTime",
  (count(*) filter (where s.first_submitted_at is null
    and (c.status = 'closed' or s.deadline < ${today}::date)))::int as overdue,
  (count(*) filter (where s.status = 'submitted'))::int as "awaitingReview",
  (count(*) filter (where s.status = 'returned'))::int as returned,
  (count(*) filter (where s.status = 'accepted'))::int as accepted`;

export type UnitRef = { id: number; name: string; level: string; path: string; keyContactCity: boolean };

export async function unitRef(db: Db, id: number): Promise<UnitRef | undefined> {
  const rows = await queryRows<UnitRef>(
    db,
    sql`select u.id, ${unitName('u')} as name, u.level, u.path, u.key_contact_city as "keyContactCity"
        from units u where u.id = ${id}`,
  );
  return rows[0];
}

/** The units from the viewer's own unit down to `path`'s unit, top first: the drill-down's breadcrumb. */
export async function breadcrumb(db: Db, viewerPath: string, path: string): Promise<UnitRef[]> {
  const ids = path.split('/').filter(Boolean).map(Number);
  return queryRows<UnitRef>(
    db,
    sql`select u.id, ${unitName('u')} as name, u.level, u.path, u.key_contact_city as "keyContactCity"
        from units u where u.id = any(${intArray(ids)}) and u.path like ${escapeLike(viewerPath) + '%'}
        order by length(u.path)`,
  );
}

export type GroupCounts = RawCounts & {
  childId: number | null;
  /** Submissions of the child unit itself (the rest lie below it). */
  ownCount: number;
};

/**
 * Counts of every submission in `path`'s subtree matching `filter` (over `s` and `c`), grouped by the
 * unit one level below `path` that it lies under, read from the materialised path; `childId` null is
 * `path`'s own unit.
 */
async function groupedCounts(db: Db, path: string, filter: SQL, today: string): Promise<GroupCounts[]> {
  const childPart = path.split('/').filter(Boolean).length + 2;
  return queryRows<GroupCounts>(
    db,
    sql`select nullif(split_part(u.path, '/', ${childPart}::int), '')::int as "childId",
          (count(*) filter (where u.path = ${path}::text || split_part(u.path, '/', ${childPart}::int) || '/'))::int
            as "ownCount",
          ${countsSql(today)}
        from report_submissions s join units u on u.id = s.unit_id
          join report_collections c on c.id = s.collection_id
        where u.path like ${escapeLike(path) + '%'} and ${filter}
        group by 1`,
  );
}

export const collectionGroups = (db: Db, path: string, collectionId: number, today: string) =>
  groupedCounts(db, path, sql`s.collection_id = ${collectionId}`, today);

const yearFilter = (year: number, form?: ReportForm) =>
  form ? sql`c.year = ${year} and c.form = ${form}` : sql`c.year = ${year}`;

/** Every collection of a year (of one form) answered in the subtree: all are visible to its viewers. */
export const yearGroups = (db: Db, path: string, year: number, form: ReportForm | undefined, today: string) =>
  groupedCounts(db, path, yearFilter(year, form), today);

export async function yearCollections(
  db: Db,
  path: string,
  year: number,
  form?: ReportForm,
): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`select count(distinct s.collection_id)::int as n
        from report_submissions s join units u on u.id = s.unit_id
          join report_collections c on c.id = s.collection_id
        where u.path like ${escapeLike(path) + '%'} and ${yearFilter(year, form)}`,
  );
  return rows[0].n;
}

export async function unitRefs(db: Db, ids: number[]): Promise<UnitRef[]> {
  if (!ids.length) return [];
  return queryRows<UnitRef>(
    db,
    sql`select u.id, ${unitName('u')} as name, u.level, u.path, u.key_contact_city as "keyContactCity"
        from units u where u.id = any(${intArray(ids)}) order by u.code`,
  );
}

export type OwnSubmission = {
  id: number;
  unitId: number;
  status: 'pending' | 'draft' | 'submitted' | 'returned' | 'accepted';
  deadline: string;
  firstSubmittedAt: Date | string | null;
  collectionClosed: boolean;
};

/** The submissions of the given units themselves in one collection. */
export async function ownSubmissions(
  db: Db,
  collectionId: number,
  unitIds: number[],
): Promise<OwnSubmission[]> {
  if (!unitIds.length) return [];
  return queryRows<OwnSubmission>(
    db,
    sql`select s.id, s.unit_id as "unitId", s.status, s.deadline::text as deadline,
          s.first_submitted_at as "firstSubmittedAt", c.status = 'closed' as "collectionClosed"
        from report_submissions s join report_collections c on c.id = s.collection_id
        where s.collection_id = ${collectionId} and s.unit_id = any(${intArray(unitIds)})`,
  );
}
