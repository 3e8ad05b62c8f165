import { and, eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import { leagueBranches } from '../../db/schema';
import { inScope } from '../../platform/access/scope';
import { notFound } from '../../platform/http/errors';
import { escapeLike } from '../../platform/search/like';
import type { Scope, UnitFilter } from './outreach.context';

export type BranchQuery = {
  kind?: string;
  status?: 'active' | 'dissolved';
  contactPointId?: number;
  unit?: UnitFilter;
  q?: string;
};

/** Every branch query starts from the viewer's scope on the branch's unit. */
function whereOf(scope: Scope, q: BranchQuery = {}, withKind = true): SQL {
  const conds: SQL[] = [inScope(sql`b.unit_id`, scope)];
  if (withKind && q.kind) conds.push(sql`b.kind = ${q.kind}`);
  if (q.status) conds.push(sql`b.status = ${q.status}`);
  if (q.contactPointId) conds.push(sql`b.contact_point_id = ${q.contactPointId}`);
  if (q.unit) {
    conds.push(
      q.unit.includeDescendants
        ? sql`b.unit_id in (select fu.id from units fu where fu.path like ${q.unit.path + '%'})`
        : sql`b.unit_id = ${q.unit.id}`,
    );
  }
  if (q.q) {
    const like = `%${escapeLike(q.q)}%`;
    conds.push(sql`(b.name ilike ${like} or b.host ilike ${like}
      or exists (select 1 from contact_points lc where lc.id = b.contact_point_id and lc.name ilike ${like})
      or exists (select 1 from youth_societies ls where ls.id = b.society_id and ls.name ilike ${like}))`);
  }
  return sql.join(conds, sql` and `);
}

export type BranchRow = {
  id: number;
  unitId: number;
  unitName: string;
  name: string;
  kind: string;
  contactPointId: number | null;
  contactPointName: string | null;
  societyId: number | null;
  societyName: string | null;
  host: string | null;
  establishedOn: string;
  status: 'active' | 'dissolved';
  dissolvedOn: string | null;
  remark: string | null;
  members: number;
  secretary: string | null;
  version: number;
  createdBy: string | null;
  createdAt: Date | string;
  updatedAt: Date | string;
};

const MEMBERS = sql`(select count(*)::int from league_branch_members m where m.branch_id = b.id and m.left_on is null)`;

const COLUMNS = sql`b.id, b.unit_id as "unitId", u.name as "unitName", b.name, b.kind,
  b.contact_point_id as "contactPointId", cp.name as "contactPointName", b.society_id as "societyId",
  s.name as "societyName", b.host, b.established_on::text as "establishedOn", b.status,
  b.dissolved_on::text as "dissolvedOn", b.remark, b.version, cu.display_name as "createdBy",
  b.created_at as "createdAt", b.updated_at as "updatedAt", ${MEMBERS} as members,
  (select string_agg(y.name, '、' order by y.name_pinyin) from league_branch_members m join youth y on y.id = m.youth_id
    where m.branch_id = b.id and m.left_on is null and m.role = '书记') as secretary`;

const FROM = sql`league_branches b join units u on u.id = b.unit_id
  left join contact_points cp on cp.id = b.contact_point_id
  left join youth_societies s on s.id = b.society_id
  left join users cu on cu.id = b.created_by`;

export const BRANCH_ORDER: Record<string, SQL> = {
  establishedOn: sql`b.established_on`,
  name: sql`b.name`,
  members: MEMBERS,
};

export function listBranchRows(
  db: Db,
  scope: Scope,
  q: BranchQuery,
  page: { order: SQL; limit: number; offset: number },
): Promise<BranchRow[]> {
  return queryRows<BranchRow>(
    db,
    sql`select ${COLUMNS} from ${FROM} where ${whereOf(scope, q)}
        order by ${page.order}, b.id desc limit ${page.limit} offset ${page.offset}`,
  );
}

/** Over every branch the filter matches: how many, how many active, their current members; by kind. */
export async function branchTotals(db: Db, scope: Scope, q: BranchQuery) {
  const [counts, members, kinds] = await Promise.all([
    queryRows<{ branches: number; active: number }>(
      db,
      sql`select count(*)::int as branches, count(*) filter (where b.status = 'active')::int as active
            from league_branches b where ${whereOf(scope, q)}`,
    ),
    queryRows<{ n: number }>(
      db,
      sql`select count(distinct m.youth_id)::int as n
            from league_branch_members m join league_branches b on b.id = m.branch_id
           where ${whereOf(scope, q)} and b.status = 'active' and m.left_on is null`,
    ),
    queryRows<{ kind: string; count: number }>(
      db,
      sql`select b.kind, count(*)::int as count from league_branches b
           where ${whereOf(scope, q, false)} group by b.kind`,
    ),
  ]);
  return { ...counts[0], members: members[0].n, kinds };
}

export async function findBranchRow(db: Db, scope: Scope, id: number): Promise<BranchRow> {
  const rows = await queryRows<BranchRow>(
    db,
    sql`select ${COLUMNS} from ${FROM} where ${whereOf(scope)} and b.id = ${id}`,
  );
  if (!rows[0]) throw notFound('团组织');
  return rows[0];
}

export type LockedBranch = {
  id: number;
  unitId: number;
  unitPath: string;
  name: string;
  status: 'active' | 'dissolved';
  establishedOn: string;
  version: number;
};

/** The branch row locked for a write, refused (as not found) outside the scope. */
export async function lockBranch(db: Db, scope: Scope, id: number): Promise<LockedBranch> {
  const rows = await queryRows<LockedBranch>(
    db,
    sql`select b.id, b.unit_id as "unitId", u.path as "unitPath", b.name, b.status,
               b.established_on::text as "establishedOn", b.version
          from league_branches b join units u on u.id = b.unit_id
         where ${whereOf(scope)} and b.id = ${id} for update of b`,
  );
  if (!rows[0]) throw notFound('团组织');
  return rows[0];
}

export type BranchValues = Omit<
  typeof leagueBranches.$inferInsert,
  'id' | 'createdAt' | 'updatedAt' | 'version'
>;

export async function insertBranch(db: Db, values: BranchValues): Promise<number> {
  const [row] = await db.insert(leagueBranches).values(values).returning({ id: leagueBranches.id });
  return row.id;
}

/** Optimistic update: false when the version moved on since the editor read it. */
export async function updateBranchRow(
  db: Db,
  id: number,
  version: number,
  values: Partial<BranchValues>,
): Promise<boolean> {
  const rows = await db
    .update(leagueBranches)
    .set({ ...values, version: sql`${leagueBranches.version} + 1`, updatedAt: new Date() })
    .where(and(eq(leagueBranches.id, id), eq(leagueBranches.version, version)))
    .returning({ id: leagueBranches.id });
  return rows.length === 1;
}

/** Bumps the version after a change to the members, so open editors reload. */
export async function touchBranch(db: Db, id: number) {
  await db
    .update(leagueBranches)
    .set({ version: sql`${leagueBranches.version} + 1`, updatedAt: new Date() })
    .where(eq(leagueBranches.id, id));
}

/** Every branch set up at a contact point (all kept by its unit or below, so its viewers see them all). */
export function branchesAtContactPoint(db: Db, contactPointId: number) {
  return queryRows<{
    id: number;
    name: string;
    kind: string;
    status: 'active' | 'dissolved';
    establishedOn: string;
    dissolvedOn: string | null;
    unitId: number;
    unitName: string;
    members: number;
  }>(
    db,
    sql`select b.id, b.name, b.kind, b.status, b.established_on::text as "establishedOn",
               b.dissolved_on::text as "dissolvedOn", b.unit_id as "unitId", u.name as "unitName",
               ${MEMBERS} as members
          from league_branches b join units u on u.id = b.unit_id
         where b.contact_point_id = ${contactPointId}
         order by b.status, b.established_on desc, b.id desc`,
  );
}

/** Branches at a contact point or society whose unit lies outside a unit's subtree (names, for the message). */
export async function branchesOutside(
  db: Db,
  at: { contactPointId?: number; societyId?: number },
  unitPath: string,
): Promise<string[]> {
  const where = at.contactPointId
    ? sql`b.contact_point_id = ${at.contactPointId}`
    : sql`b.society_id = ${at.societyId ?? 0}`;
  const rows = await queryRows<{ name: string }>(
    db,
    sql`select b.name from league_branches b join units u on u.id = b.unit_id
         where ${where} and u.path not like ${unitPath + '%'} order by b.name limit 5`,
  );
  return rows.map((r) => r.name);
}

export type PlaceRow = { id: number; name: string; unitId: number; unitPath: string };

/** A contact point in the viewer's scope, with its unit's path. */
export async function contactPointPlace(db: Db, scope: Scope, id: number): Promise<PlaceRow> {
  const rows = await queryRows<PlaceRow>(
    db,
    sql`select cp.id, cp.name, cp.unit_id as "unitId", u.path as "unitPath" from contact_points cp join units u on u.id = cp.unit_id
         where cp.id = ${id} and ${inScope(sql`cp.unit_id`, scope)}`,
  );
  if (!rows[0]) throw notFound('联系点');
  return rows[0];
}

/** A youth society (the 青年社团 register) in the viewer's scope, with its unit's path. */
export async function societyPlace(db: Db, scope: Scope, id: number): Promise<PlaceRow> {
  const rows = await queryRows<PlaceRow>(
    db,
    sql`select s.id, s.name, s.unit_id as "unitId", u.path as "unitPath" from youth_societies s join units u on u.id = s.unit_id
         where s.id = ${id} and ${inScope(sql`s.unit_id`, scope)}`,
  );
  if (!rows[0]) throw notFound('青年社团');
  return rows[0];
}

/** Active societies in the viewer's scope, by name, 全拼 or 首字母. */
export function findSocieties(db: Db, scope: Scope, text: string | undefined) {
  const conds: SQL[] = [inScope(sql`s.unit_id`, scope), sql`s.status = 'active'`];
  if (text) {
    const like = `%${escapeLike(text)}%`;
    const prefix = `${escapeLike(text.toLowerCase())}%`;
    conds.push(sql`(s.name like ${like} or s.name_pinyin like ${prefix} or s.name_initials like ${prefix})`);
  }
  return queryRows<{ id: number; name: string; unit: string }>(
    db,
    sql`select s.id, s.name, u.name as unit from youth_societies s join units u on u.id = s.unit_id
         where ${sql.join(conds, sql` and `)} order by s.name_pinyin, s.id limit 50`,
  );
}
