import { and, eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import { calls, type CallAwardLevel, type CallCategory, type CallCriterion } from '../../db/schema';
import type { Viewer } from '../../platform/access/viewer';
import { inScope } from '../../platform/access/scope';
import { notFound } from '../../platform/http/errors';
import { unitIdsOnPath } from '../dictionaries/dictionaries.service';

type Scope = Pick<Viewer, 'unitPath'>;

export type CallRow = {
  id: number;
  unitId: number;
  unitName: string;
  unitPath: string;
  slug: string;
  title: string;
  status: 'draft' | 'published' | 'finished';
  opensAt: Date | string;
  closesAt: Date | string;
  parentCallId: number | null;
  parentCallTitle: string | null;
  parentUnitName: string | null;
  parentRecommendQuota: number | null;
  recommendQuota: number;
  version: number;
  createdAt: Date | string;
};

export type CallFullRow = CallRow & {
  theme: string;
  rules: string;
  categories: CallCategory[];
  rubric: CallCriterion[];
  awardLevels: CallAwardLevel[];
  ageMin: number;
  ageMax: number;
  allowGroups: boolean;
  maxGroupSize: number;
  publicityDays: number;
  publicityStartsAt: Date | string | null;
  publicityEndsAt: Date | string | null;
  awardsFinalAt: Date | string | null;
  createdByName: string | null;
  updatedAt: Date | string;
};

const COLUMNS = sql`c.id, c.unit_id as "unitId", u.name as "unitName", u.path as "unitPath", c.slug, c.title,
  c.status, c.opens_at as "opensAt", c.closes_at as "closesAt", c.parent_call_id as "parentCallId",
  pc.title as "parentCallTitle", pu.name as "parentUnitName",
  pc.recommend_quota as "parentRecommendQuota", c.recommend_quota as "recommendQuota",
  c.version, c.created_at as "createdAt"`;

const FULL_COLUMNS = sql`${COLUMNS}, c.theme, c.rules, c.categories, c.rubric, c.award_levels as "awardLevels",
  c.age_min as "ageMin", c.age_max as "ageMax", c.allow_groups as "allowGroups", c.max_group_size as "maxGroupSize",
  c.publicity_days as "publicityDays", c.publicity_starts_at as "publicityStartsAt",
  c.publicity_ends_at as "publicityEndsAt", c.awards_final_at as "awardsFinalAt",
  cu.display_name as "createdByName", c.updated_at as "updatedAt"`;

const FROM = sql`calls c join units u on u.id = c.unit_id
  left join calls pc on pc.id = c.parent_call_id left join units pu on pu.id = pc.unit_id
  left join users cu on cu.id = c.created_by`;

export const CALL_ORDER: Record<string, SQL> = {
  createdAt: sql`c.created_at`,
  opensAt: sql`c.opens_at`,
  closesAt: sql`c.closes_at`,
  title: sql`c.title`,
};

export type CallConditions = {
  unitPath?: string;
  status?: CallRow['status'];
  titlePattern?: string;
};

export async function listCallRows(
  db: Db,
  scope: Scope,
  f: CallConditions,
  o: { order: SQL; limit: number; offset: number },
): Promise<{ rows: CallRow[]; total: number }> {
  const c: SQL[] = [inScope(sql`c.unit_id`, scope)];
  if (f.unitPath) c.push(inScope(sql`c.unit_id`, { unitPath: f.unitPath }));
  if (f.status) c.push(sql`c.status = ${f.status}`);
  if (f.titlePattern) c.push(sql`c.title like ${f.titlePattern}`);
  const rows = await queryRows<CallRow & { total: number }>(
    db,
    sql`select ${COLUMNS}, count(*) over ()::int as total from ${FROM}
        where ${sql.join(c, sql` and `)} order by ${o.order}, c.id desc limit ${o.limit} offset ${o.offset}`,
  );
  return { rows, total: rows[0]?.total ?? 0 };
}

export async function findCall(db: Db, scope: Scope, id: number, lock = false): Promise<CallFullRow> {
  const rows = await queryRows<CallFullRow>(
    db,
    sql`select ${FULL_COLUMNS} from ${FROM} where c.id = ${id} and ${inScope(sql`c.unit_id`, scope)}
        ${lock ? sql`for update of c` : sql``}`,
  );
  if (!rows[0]) throw notFound('作品征集');
  return rows[0];
}

export type StatusCount = { callId: number; status: string; n: number };

/** Entries per call and status: one grouped query for a page of calls. */
export function countsByCall(db: Db, callIds: number[]): Promise<StatusCount[]> {
  if (!callIds.length) return Promise.resolve([]);
  return queryRows<StatusCount>(
    db,
    sql`select call_id as "callId", status, count(*)::int as n from call_entries
        where call_id = any(${`{${callIds.join(',')}}`}::int[]) group by call_id, status`,
  );
}

/** Entries per category key (through the work), the ones a category edit must keep. */
export function entriesByCategory(db: Db, callId: number) {
  return queryRows<{ key: string; count: number }>(
    db,
    sql`select w.category_key as key, count(*)::int as count from call_entries e join works w on w.id = e.work_id
        where e.call_id = ${callId} group by w.category_key order by w.category_key`,
  );
}

export function roundsOf(db: Db, callId: number) {
  return queryRows<{
    id: number;
    seq: number;
    name: string;
    status: 'setup' | 'scoring' | 'closed';
    entries: number;
  }>(
    db,
    sql`select r.id, r.seq, r.name, r.status,
          (select count(*)::int from round_entries re where re.round_id = r.id) as entries
        from call_rounds r where r.call_id = ${callId} order by r.seq`,
  );
}

export type CallValues = Omit<typeof calls.$inferInsert, 'id' | 'createdAt' | 'updatedAt' | 'version'>;

export async function insertCall(db: Db, values: CallValues): Promise<number> {
  const [row] = await db.insert(calls).values(values).returning({ id: calls.id });
  return row.id;
}

export async function updateCallRow(
  db: Db,
  id: number,
  version: number,
  values: Partial<CallValues>,
): Promise<boolean> {
  const rows = await db
    .update(calls)
    .set({ ...values, version: sql`${calls.version} + 1`, updatedAt: new Date() })
    .where(and(eq(calls.id, id), eq(calls.version, version)))
    .returning({ id: calls.id });
  return rows.length === 1;
}

export type ParentOptionRow = {
  id: number;
  title: string;
  unitId: number;
  unitName: string;
  unitLevel: string;
  closesAt: Date | string;
};

/**
 * The published, unfinished calls of the units strictly above `unitPath` (its ancestors, read off the
 * path): the one upward look the module has. Only title, unit and deadline leave this query.
 */
export function parentOptionRows(db: Db, unitPath: string, titlePattern?: string) {
  const ancestorIds = unitIdsOnPath(unitPath).slice(0, -1);
  if (!ancestorIds.length) return Promise.resolve([] as ParentOptionRow[]);
  return queryRows<ParentOptionRow>(
    db,
    sql`select c.id, c.title, c.unit_id as "unitId", u.name as "unitName", u.level as "unitLevel",
          c.closes_at as "closesAt"
        from calls c join units u on u.id = c.unit_id
        where c.unit_id = any(${`{${ancestorIds.join(',')}}`}::int[]) and c.status = 'published'
          ${titlePattern ? sql`and c.title like ${titlePattern}` : sql``}
        order by length(u.path) desc, c.closes_at, c.id limit 50`,
  );
}

export async function unitPathOf(db: Db, unitId: number): Promise<string> {
  const rows = await queryRows<{ path: string }>(db, sql`select path from units where id = ${unitId}`);
  if (!rows[0]) throw notFound('单位');
  return rows[0].path;
}
