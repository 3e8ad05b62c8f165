import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { UnitLevel } from '../../../common/access';
import { queryRows, type Db } from '../../db/client';
import { departments, units } from '../../db/schema';
import type { Viewer } from '../../platform/access/viewer';
import { notFound } from '../../platform/http/errors';
import { escapeLike } from '../../platform/search/like';

type Scope = Pick<Viewer, 'unitPath'>;

export type UnitRow = {
  id: number;
  code: string;
  name: string;
  orgName: string;
  level: UnitLevel;
  parentId: number | null;
  path: string;
  keyContactCity: boolean;
  version: number;
  childCount: number;
  descendantCount: number;
};
export type UnitSearchRow = UnitRow & { pathNames: string[] };
export type DepartmentRow = typeof departments.$inferSelect;

const inScope = (scope: Scope) => sql`u.path like ${scope.unitPath + '%'}`;

/** The ids on a unit's path, root first: its ancestors and itself. */
const pathIds = sql`string_to_array(trim(both '/' from u.path), '/')::int[]`;

/*
 * Descendants by path prefix. The ~>=~ / ~<~ pair is the same prefix test as LIKE, but unlike a
 * LIKE on a per-row pattern it can use units_path_idx (text_pattern_ops). Paths hold only digits
 * and '/', all below '~'.
 */
const UNIT_COLUMNS = sql`u.id, u.code, u.name, u.org_name as "orgName", u.level, u.parent_id as "parentId", u.path,
  u.key_contact_city as "keyContactCity", u.version,
  (select count(*)::int from units c where c.parent_id = u.id) as "childCount",
  (select count(*)::int from units d where d.path ~>~ u.path and d.path ~<~ (u.path || '~')) as "descendantCount"`;

const LEVEL_RANK = sql`case u.level when 'central' then 0 when 'province' then 1 when 'city' then 2 else 3 end`;

export async function findUnitInScope(db: Db, scope: Scope, id: number): Promise<UnitRow> {
  const rows = await queryRows<UnitRow>(
    db,
    sql`select ${UNIT_COLUMNS} from units u where u.id = ${id} and ${inScope(scope)}`,
  );
  if (!rows[0]) throw notFound('单位');
  return rows[0];
}

export async function listChildUnits(db: Db, scope: Scope, parentId: number): Promise<UnitRow[]> {
  await findUnitInScope(db, scope, parentId);
  return queryRows<UnitRow>(
    db,
    sql`select ${UNIT_COLUMNS} from units u where u.parent_id = ${parentId} and ${inScope(scope)}
        order by u.sort_order, u.code`,
  );
}

export type UnitSearch = {
  q?: string;
  level?: UnitLevel;
  keyContactCity?: boolean;
  withinPath?: string;
  sort: { by: 'code' | 'name' | 'level'; desc: boolean } | null;
  limit: number;
  offset: number;
};

/** 南昌 by characters, nanchang by full pinyin, nc by initials, 3601 by code prefix. */
function matchText(q: string): { where: SQL; prefix: SQL } {
  const text = escapeLike(q);
  if (/^\d+$/.test(q)) {
    const where = sql`u.code like ${text + '%'}`;
    return { where, prefix: where };
  }
  if (/^[a-z]+$/i.test(q)) {
    const lower = text.toLowerCase();
    return {
      where: sql`(u.name_pinyin like ${'%' + lower + '%'} or u.name_initials like ${lower + '%'})`,
      prefix: sql`(u.name_pinyin like ${lower + '%'} or u.name_initials like ${lower + '%'})`,
    };
  }
  return { where: sql`u.name ilike ${'%' + text + '%'}`, prefix: sql`u.name ilike ${text + '%'}` };
}

export async function searchUnits(
  db: Db,
  scope: Scope,
  s: UnitSearch,
): Promise<{ rows: UnitSearchRow[]; total: number }> {
  const conditions: SQL[] = [inScope(scope)];
  if (s.withinPath) conditions.push(sql`u.path like ${s.withinPath + '%'}`);
  if (s.level) conditions.push(sql`u.level = ${s.level}`);
  if (s.keyContactCity !== undefined) conditions.push(sql`u.key_contact_city = ${s.keyContactCity}`);
  const match = s.q ? matchText(s.q) : null;
  if (match) conditions.push(match.where);
  const where = sql.join(conditions, sql` and `);

  let order: SQL;
  if (s.sort) {
    const key = { code: sql`u.code`, name: sql`u.name_pinyin`, level: LEVEL_RANK }[s.sort.by];
    order = s.sort.desc ? sql`${key} desc, u.code desc` : sql`${key}, u.code`;
  } else {
    // Without an explicit sort, prefix matches and higher levels come first: 'nc' finds 南昌市 before 南昌县.
    order = match ? sql`case when ${match.prefix} then 0 else 1 end, ${LEVEL_RANK}, u.code` : sql`u.code`;
  }

  // pathNames: the ancestors within the scope, without 中央, which is everyone's root and names no place.
  const [rows, count] = await Promise.all([
    queryRows<UnitSearchRow>(
      db,
      sql`select ${UNIT_COLUMNS},
            (select coalesce(array_agg(a.name order by length(a.path)), '{}') from units a
              where a.id = any(${pathIds}) and a.id <> u.id and a.level <> 'central'
                and a.path like ${scope.unitPath + '%'}) as "pathNames"
          from units u where ${where} order by ${order} limit ${s.limit} offset ${s.offset}`,
    ),
    queryRows<{ n: number }>(db, sql`select count(*)::int as n from units u where ${where}`),
  ]);
  return { rows, total: count[0].n };
}

export type UnitDetailParts = {
  ancestors: { id: number; name: string; level: UnitLevel }[];
  countsBelow: { province: number; city: number; county: number; keyContactCities: number };
  accounts: number;
  departments: DepartmentRow[];
};

/** What the detail page shows besides the unit itself; ancestors stop at the viewer's own unit. */
export async function loadUnitDetailParts(db: Db, scope: Scope, unit: UnitRow): Promise<UnitDetailParts> {
  const ancestorIds = unit.path.split('/').filter(Boolean).map(Number).slice(0, -1);
  const [ancestors, counts, accounts, deps] = await Promise.all([
    ancestorIds.length === 0
      ? []
      : queryRows<UnitDetailParts['ancestors'][number]>(
          db,
          sql`select a.id, a.name, a.level from units a
              where a.id in ${ancestorIds} and a.path like ${scope.unitPath + '%'} order by length(a.path)`,
        ),
    queryRows<UnitDetailParts['countsBelow']>(
      db,
      sql`select count(*) filter (where level = 'province')::int as province,
                 count(*) filter (where level = 'city')::int as city,
                 count(*) filter (where level = 'county')::int as county,
                 count(*) filter (where key_contact_city)::int as "keyContactCities"
          from units where path like ${unit.path + '%'} and id <> ${unit.id}`,
    ),
    queryRows<{ n: number }>(db, sql`select count(*)::int as n from users where unit_id = ${unit.id}`),
    listDepartments(db, unit.id),
  ]);
  return { ancestors, countsBelow: counts[0], accounts: accounts[0].n, departments: deps };
}

export async function updateUnitOrgName(
  db: Db,
  id: number,
  version: number,
  orgName: string,
): Promise<boolean> {
  const rows = await db
    .update(units)
    .set({ orgName, version: sql`${units.version} + 1`, updatedAt: new Date() })
    .where(and(eq(units.id, id), eq(units.version, version)))
    .returning({ id: units.id });
  return rows.length === 1;
}

export function listDepartments(db: Db, unitId: number): Promise<DepartmentRow[]> {
  return db
    .select()
    .from(departments)
    .where(eq(departments.unitId, unitId))
    .orderBy(asc(departments.sortOrder), asc(departments.id));
}

export async function findDepartmentInScope(db: Db, scope: Scope, id: number): Promise<DepartmentRow> {
  const rows = await db
    .select({ department: departments })
    .from(departments)
    .innerJoin(units, eq(units.id, departments.unitId))
    .where(and(eq(departments.id, id), sql`${units.path} like ${scope.unitPath + '%'}`));
  if (!rows[0]) throw notFound('部门');
  return rows[0].department;
}

export async function findDepartmentByName(
  db: Db,
  unitId: number,
  name: string,
): Promise<DepartmentRow | null> {
  const rows = await db
    .select()
    .from(departments)
    .where(and(eq(departments.unitId, unitId), eq(departments.name, name)));
  return rows[0] ?? null;
}

export async function insertDepartment(
  db: Db,
  values: { unitId: number; name: string; sortOrder?: number },
): Promise<DepartmentRow> {
  const sortOrder =
    values.sortOrder ??
    sql`(select coalesce(max(${departments.sortOrder}) + 1, 0) from ${departments} where ${departments.unitId} = ${values.unitId})`;
  const [row] = await db
    .insert(departments)
    .values({ ...values, sortOrder })
    .returning();
  return row;
}

export async function updateDepartmentRow(
  db: Db,
  id: number,
  version: number,
  values: { name: string; sortOrder?: number },
): Promise<DepartmentRow | null> {
  const rows = await db
    .update(departments)
    .set({ ...values, version: sql`${departments.version} + 1`, updatedAt: new Date() })
    .where(and(eq(departments.id, id), eq(departments.version, version)))
    .returning();
  return rows[0] ?? null;
}

export async function deleteDepartmentRow(db: Db, id: number): Promise<void> {
  await db.delete(departments).where(eq(departments.id, id));
}

export type UnitLookupRow = { id: number; name: string; level: UnitLevel; parentNames: string[] };

/**
 * Any unit in the country by name, 全拼, 首字母 or code: for choosing where a record goes. Names,
 * levels and ancestors are public organisational data; nothing else (no counts, no people) is read.
 */
export function lookupUnits(
  db: Db,
  s: { q: string; level?: UnitLevel; limit: number },
): Promise<UnitLookupRow[]> {
  const match = matchText(s.q);
  const conditions: SQL[] = [match.where];
  if (s.level) conditions.push(sql`u.level = ${s.level}`);
  return queryRows<UnitLookupRow>(
    db,
    sql`select u.id, case when u.level = 'central' then u.org_name else u.name end as name, u.level,
          (select coalesce(array_agg(a.name order by length(a.path)), '{}') from units a
            where a.id = any(${pathIds}) and a.id <> u.id and a.level <> 'central') as "parentNames"
        from units u where ${sql.join(conditions, sql` and `)}
        order by case when ${match.prefix} then 0 else 1 end, ${LEVEL_RANK}, u.code limit ${s.limit}`,
  );
}
