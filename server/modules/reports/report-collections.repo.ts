import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import { reportCollections } from '../../db/schema';
import type { Viewer } from '../../platform/access/viewer';
import { notFound } from '../../platform/http/errors';
import { escapeLike } from '../../platform/search/like';
import type { CollectionTarget, ReportForm, ReportLevel } from '../../../common/contracts/reports';
import type { RawCounts } from './report-rules';
import { countsSql, intArray, unitName } from './report-completeness.repo';

type Scope = Pick<Viewer, 'unitPath'>;
export type Opener = { id: number; path: string };

const like = (path: string) => escapeLike(path) + '%';

/**
 * The units that must answer, over the alias `u` of units: always strictly below the opener and
 * inside its subtree, then all units at the chosen levels, the 重点联系城市 (which include the four
 * municipalities at province level), or the hand-picked ones.
 */
export function targetCondition(opener: Opener, target: CollectionTarget): SQL {
  const below = sql`u.path like ${like(opener.path)} and u.id <> ${opener.id}`;
  if (target.mode === 'levels') {
    const levels = sql.join(
      target.levels.map((l) => sql`${l}`),
      sql`, `,
    );
    return sql`${below} and u.level in (${levels})`;
  }
  if (target.mode === 'key_cities') return sql`${below} and u.key_contact_city`;
  return sql`${below} and u.id = any(${intArray(target.unitIds)})`;
}

/** Of hand-picked ids: how many exist strictly below the opener, and whether the opener itself is among them. */
export async function pickedBelow(db: Db, opener: Opener, ids: number[]) {
  const rows = await queryRows<{ below: number; self: boolean }>(
    db,
    sql`select (count(*) filter (where u.id <> ${opener.id}))::int as below,
          bool_or(u.id = ${opener.id}) as self
        from units u where u.id = any(${intArray(ids)}) and u.path like ${like(opener.path)}`,
  );
  return { below: rows[0]?.below ?? 0, self: Boolean(rows[0]?.self) };
}

export async function targetLevels(db: Db, cond: SQL) {
  return queryRows<{ level: ReportLevel; n: number }>(
    db,
    sql`select u.level, count(*)::int as n from units u where ${cond} group by u.level`,
  );
}

export async function targetSample(db: Db, cond: SQL, limit: number) {
  return queryRows<{ id: number; name: string; level: string }>(
    db,
    sql`select u.id, u.name, u.level from units u where ${cond} order by u.code limit ${limit}`,
  );
}

export async function insertCollection(db: Db, values: typeof reportCollections.$inferInsert) {
  const [row] = await db.insert(reportCollections).values(values).returning({ id: reportCollections.id });
  return row.id;
}

/**
 * One submission row per answering unit, in one statement. Each row's reviewer is its nearest
 * ancestor that answers too (read from the unit's materialised path), else the opener; its deadline
 * is its level's, else the common one.
 */
export async function insertSubmissions(
  db: Db,
  v: {
    collectionId: number;
    openerId: number;
    cond: SQL;
    deadline: string;
    byLevel: Partial<Record<ReportLevel, string>>;
  },
): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`with t as (select u.id, u.level, u.path from units u where ${v.cond}),
        anc as (
          select t.id as unit_id, a.id as anc_id, a.ord
          from t cross join lateral unnest(string_to_array(trim(both '/' from t.path), '/')::int[])
            with ordinality as a(id, ord)
          where a.id <> t.id
        ),
        rev as (
          select distinct on (anc.unit_id) anc.unit_id, anc.anc_id
          from anc join t on t.id = anc.anc_id order by anc.unit_id, anc.ord desc
        ),
        ins as (
          insert into report_submissions (collection_id, unit_id, reviewer_unit_id, deadline)
          select ${v.collectionId}::int, t.id, coalesce(rev.anc_id, ${v.openerId}::int),
            coalesce((${JSON.stringify(v.byLevel)}::jsonb ->> t.level)::date, ${v.deadline}::date)
          from t left join rev on rev.unit_id = t.id
          returning 1
        )
        select count(*)::int as n from ins`,
  );
  return rows[0].n;
}

export type CollectionRow = {
  id: number;
  unitId: number;
  unitName: string;
  unitLevel: string;
  form: ReportForm;
  title: string;
  year: number;
  quarter: number | null;
  periodStart: string;
  periodEnd: string;
  targetMode: 'levels' | 'key_cities' | 'units';
  targetLevels: ReportLevel[];
  deadline: string;
  deadlineByLevel: Partial<Record<ReportLevel, string>>;
  instructions: string | null;
  status: 'open' | 'closed';
  closedAt: Date | string | null;
  createdBy: string | null;
  createdAt: Date | string;
  version: number;
};

const COLUMNS = sql`c.id, c.unit_id as "unitId", ${unitName('cu')} as "unitName", cu.level as "unitLevel",
  c.form, c.title, c.year, c.quarter, c.period_start::text as "periodStart", c.period_end::text as "periodEnd",
  c.target_mode as "targetMode", c.target_levels as "targetLevels", c.deadline::text as deadline,
  c.deadline_by_level as "deadlineByLevel", c.instructions, c.status, c.closed_at as "closedAt",
  cb.display_name as "createdBy", c.created_at as "createdAt", c.version`;

const FROM = sql`report_collections c join units cu on cu.id = c.unit_id left join users cb on cb.id = c.created_by`;

/** Opened by a unit in the scope, or answered by one. */
const visible = (scope: Scope) => sql`(cu.path like ${like(scope.unitPath)} or exists (
  select 1 from report_submissions vs join units vu on vu.id = vs.unit_id
  where vs.collection_id = c.id and vu.path like ${like(scope.unitPath)}))`;

export async function findCollection(db: Db, scope: Scope, id: number, lock = false): Promise<CollectionRow> {
  const rows = await queryRows<CollectionRow>(
    db,
    sql`select ${COLUMNS} from ${FROM} where c.id = ${id} and ${visible(scope)}
        ${lock ? sql`for update of c` : sql``}`,
  );
  if (!rows[0]) throw notFound('报送任务');
  return rows[0];
}

export type CollectionFilter = {
  q?: string;
  form?: ReportForm;
  year?: number;
  status?: 'open' | 'closed';
  openedBy?: number;
};

export async function listCollections(
  db: Db,
  scope: Scope,
  f: CollectionFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: CollectionRow[]; total: number }> {
  const c: SQL[] = [visible(scope)];
  if (f.q) c.push(sql`c.title like ${`%${escapeLike(f.q)}%`}`);
  if (f.form) c.push(sql`c.form = ${f.form}`);
  if (f.year) c.push(sql`c.year = ${f.year}`);
  if (f.status) c.push(sql`c.status = ${f.status}`);
  if (f.openedBy) c.push(sql`c.unit_id = ${f.openedBy}`);
  const where = sql.join(c, sql` and `);
  const rows = await queryRows<CollectionRow>(
    db,
    sql`select ${COLUMNS} from ${FROM} where ${where}
        order by c.status = 'closed', c.deadline desc, c.id desc limit ${page.limit} offset ${page.offset}`,
  );
  const [count] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from report_collections c join units cu on cu.id = c.unit_id where ${where}`,
  );
  return { rows, total: count.n };
}

/** Counts per collection over the submissions of units in the scope. */
export async function countsByCollection(
  db: Db,
  scope: Scope,
  ids: number[],
  today: string,
): Promise<Map<number, RawCounts>> {
  if (!ids.length) return new Map();
  const rows = await queryRows<RawCounts & { collectionId: number }>(
    db,
    sql`select s.collection_id as "collectionId", ${countsSql(today)}
        from report_submissions s join units u on u.id = s.unit_id
          join report_collections c on c.id = s.collection_id
        where s.collection_id = any(${intArray(ids)}) and u.path like ${like(scope.unitPath)}
        group by s.collection_id`,
  );
  return new Map(rows.map(({ collectionId, ...counts }) => [collectionId, counts]));
}

export async function submissionIdOf(db: Db, collectionId: number, unitId: number): Promise<number | null> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`select id from report_submissions where collection_id = ${collectionId} and unit_id = ${unitId}`,
  );
  return rows[0]?.id ?? null;
}

export async function closeAtVersion(db: Db, id: number, version: number): Promise<boolean> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`update report_collections set status = 'closed', closed_at = now(), updated_at = now(),
          version = version + 1
        where id = ${id} and version = ${version} and status = 'open' returning id`,
  );
  return rows.length > 0;
}

/** Submissions of a closing collection that were never submitted: they become 缺报. */
export async function unsubmittedCount(db: Db, id: number): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from report_submissions
        where collection_id = ${id} and first_submitted_at is null`,
  );
  return rows[0].n;
}
