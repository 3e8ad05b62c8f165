import { and, eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import { contactPoints } from '../../db/schema';
import { inScope } from '../../platform/access/scope';
import { notFound } from '../../platform/http/errors';
import { escapeLike } from '../../platform/search/like';
import type { Scope, UnitFilter } from './outreach.context';

/** What the service resolved from the list's filter (unit path checked against the scope already). */
export type ContactPointQuery = {
  kind?: string;
  relation?: string;
  active?: boolean;
  unit?: UnitFilter;
  q?: string;
};

/** Every contact point query starts from the viewer's scope on the keeping unit. */
function whereOf(scope: Scope, q: ContactPointQuery = {}, withKind = true): SQL {
  const conds: SQL[] = [inScope(sql`cp.unit_id`, scope)];
  if (withKind && q.kind) conds.push(sql`cp.kind = ${q.kind}`);
  if (q.relation) conds.push(sql`cp.relation = ${q.relation}`);
  if (q.active !== undefined) conds.push(sql`cp.active = ${q.active}`);
  if (q.unit) {
    conds.push(
      q.unit.includeDescendants
        ? sql`cp.unit_id in (select fu.id from units fu where fu.path like ${q.unit.path + '%'})`
        : sql`cp.unit_id = ${q.unit.id}`,
    );
  }
  if (q.q) {
    const like = `%${escapeLike(q.q)}%`;
    conds.push(sql`(cp.name ilike ${like} or cp.address ilike ${like} or cp.contact_name ilike ${like})`);
  }
  return sql.join(conds, sql` and `);
}

export type ContactPointRow = {
  id: number;
  unitId: number;
  unitName: string;
  name: string;
  kind: string;
  address: string | null;
  contactName: string | null;
  contactPhoneEnc: string | null;
  relation: string;
  since: string | null;
  youthEstimate: number | null;
  remark: string | null;
  active: boolean;
  activeBranches: number;
  members: number;
  version: number;
  createdBy: string | null;
  createdAt: Date | string;
  updatedAt: Date | string;
};

const COLUMNS = sql`cp.id, cp.unit_id as "unitId", u.name as "unitName", cp.name, cp.kind, cp.address,
  cp.contact_name as "contactName", cp.contact_phone_enc as "contactPhoneEnc", cp.relation,
  cp.since::text as since, cp.youth_estimate as "youthEstimate", cp.remark, cp.active, cp.version,
  cu.display_name as "createdBy", cp.created_at as "createdAt", cp.updated_at as "updatedAt",
  (select count(*)::int from league_branches b where b.contact_point_id = cp.id and b.status = 'active')
    as "activeBranches",
  (select count(distinct m.youth_id)::int from league_branch_members m join league_branches b on b.id = m.branch_id
    where b.contact_point_id = cp.id and b.status = 'active' and m.left_on is null) as members`;

const FROM = sql`contact_points cp join units u on u.id = cp.unit_id left join users cu on cu.id = cp.created_by`;

export const CONTACT_POINT_ORDER: Record<string, SQL> = {
  name: sql`cp.name`,
  since: sql`cp.since`,
  youthEstimate: sql`cp.youth_estimate`,
};

export function listContactPointRows(
  db: Db,
  scope: Scope,
  q: ContactPointQuery,
  page: { order: SQL; limit: number; offset: number },
): Promise<ContactPointRow[]> {
  return queryRows<ContactPointRow>(
    db,
    sql`select ${COLUMNS} from ${FROM} where ${whereOf(scope, q)}
        order by ${page.order} nulls last, cp.id desc limit ${page.limit} offset ${page.offset}`,
  );
}

export async function countContactPoints(db: Db, scope: Scope, q: ContactPointQuery): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from contact_points cp where ${whereOf(scope, q)}`,
  );
  return rows[0].n;
}

/** How many of each kind match every filter but the kind itself. */
export function countByKind(
  db: Db,
  scope: Scope,
  q: ContactPointQuery,
): Promise<{ kind: string; count: number }[]> {
  return queryRows(
    db,
    sql`select cp.kind, count(*)::int as count from contact_points cp
         where ${whereOf(scope, q, false)} group by cp.kind`,
  );
}

export async function findContactPoint(db: Db, scope: Scope, id: number): Promise<ContactPointRow> {
  const rows = await queryRows<ContactPointRow>(
    db,
    sql`select ${COLUMNS} from ${FROM} where ${whereOf(scope)} and cp.id = ${id}`,
  );
  if (!rows[0]) throw notFound('联系点');
  return rows[0];
}

/** The row locked for a write, refused (as not found) outside the scope. */
export async function lockContactPoint(db: Db, scope: Scope, id: number) {
  const rows = await queryRows<{ id: number; name: string; version: number }>(
    db,
    sql`select cp.id, cp.name, cp.version from contact_points cp
         where ${whereOf(scope)} and cp.id = ${id} for update of cp`,
  );
  if (!rows[0]) throw notFound('联系点');
  return rows[0];
}

export type ContactPointValues = Omit<
  typeof contactPoints.$inferInsert,
  'id' | 'createdAt' | 'updatedAt' | 'version'
>;

export async function insertContactPoint(db: Db, values: ContactPointValues): Promise<number> {
  const [row] = await db.insert(contactPoints).values(values).returning({ id: contactPoints.id });
  return row.id;
}

/** Optimistic update: false when the version moved on since the editor read it. */
export async function updateContactPointRow(
  db: Db,
  id: number,
  version: number,
  values: Partial<ContactPointValues>,
): Promise<boolean> {
  const rows = await db
    .update(contactPoints)
    .set({ ...values, version: sql`${contactPoints.version} + 1`, updatedAt: new Date() })
    .where(and(eq(contactPoints.id, id), eq(contactPoints.version, version)))
    .returning({ id: contactPoints.id });
  return rows.length === 1;
}

/** Every branch ever set up there, dissolved ones included (they keep their contact point). */
export async function branchCount(db: Db, id: number): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from league_branches where contact_point_id = ${id}`,
  );
  return rows[0].n;
}

export async function deleteContactPointRow(db: Db, id: number) {
  await db.delete(contactPoints).where(eq(contactPoints.id, id));
}

/** The scope's summary: active contact points by kind, active branches by kind, current members. */
export async function scopeSummary(db: Db, scope: Scope) {
  const [points, branches, members] = await Promise.all([
    queryRows<{ kind: string; count: number }>(
      db,
      sql`select cp.kind, count(*)::int as count from contact_points cp
           where ${inScope(sql`cp.unit_id`, scope)} and cp.active group by cp.kind`,
    ),
    queryRows<{ kind: string; count: number }>(
      db,
      sql`select b.kind, count(*)::int as count from league_branches b
           where ${inScope(sql`b.unit_id`, scope)} and b.status = 'active' group by b.kind`,
    ),
    queryRows<{ n: number }>(
      db,
      sql`select count(distinct m.youth_id)::int as n from league_branch_members m
            join league_branches b on b.id = m.branch_id
           where ${inScope(sql`b.unit_id`, scope)} and b.status = 'active' and m.left_on is null`,
    ),
  ]);
  return { points, branches, members: members[0].n };
}
