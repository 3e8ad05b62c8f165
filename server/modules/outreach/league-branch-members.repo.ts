import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import { inScope } from '../../platform/access/scope';
import { notFound } from '../../platform/http/errors';
import type { Scope } from './outreach.context';

export type MemberRow = {
  youthId: number;
  name: string;
  unitId: number;
  unitName: string;
  stage: 'contact' | 'key';
  category: string | null;
  role: string;
  joinedOn: string;
  leftOn: string | null;
};

const ROLE_ORDER = sql`array_position(array['书记','副书记','组织委员','宣传委员','团员','青年']::text[], m.role)`;

const COLUMNS = sql`y.id as "youthId", y.name, y.unit_id as "unitId", u.name as "unitName", y.stage,
  c.label as category, m.role, m.joined_on::text as "joinedOn", m.left_on::text as "leftOn"`;

const FROM = sql`league_branch_members m join youth y on y.id = m.youth_id join units u on u.id = y.unit_id
  left join dict_items c on c.id = y.category_id`;

/** Current members first (by role, then name), then those who left, latest first. */
export function listMembers(db: Db, branchId: number): Promise<MemberRow[]> {
  return queryRows<MemberRow>(
    db,
    sql`select ${COLUMNS} from ${FROM} where m.branch_id = ${branchId}
         order by m.left_on is not null, m.left_on desc, ${ROLE_ORDER}, y.name_pinyin, y.id`,
  );
}

export async function findMember(db: Db, branchId: number, youthId: number): Promise<MemberRow> {
  const rows = await queryRows<MemberRow>(
    db,
    sql`select ${COLUMNS} from ${FROM} where m.branch_id = ${branchId} and m.youth_id = ${youthId}`,
  );
  if (!rows[0]) throw notFound('成员');
  return rows[0];
}

const idList = (ids: number[]) =>
  sql`(${sql.join(
    ids.map((i) => sql`${i}`),
    sql`, `,
  )})`;

/** Of the given people, those kept within a scope (their unit lies in the subtree). */
export async function youthInScope(db: Db, scope: Scope, ids: number[]): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`select y.id from youth y where ${inScope(sql`y.unit_id`, scope)} and y.id in ${idList(ids)}`,
  );
  return rows.map((r) => r.id);
}

/**
 * Adds who is not a current member: new people get a row; someone who left comes back with the new
 * role and date (the earlier stint stays in the audit log). Returns the ids added or re-admitted.
 */
export async function insertMembers(
  db: Db,
  branchId: number,
  youthIds: number[],
  role: string,
  joinedOn: string,
  userId: number,
): Promise<{ added: number[]; rejoined: { youthId: number; joinedOn: string; leftOn: string }[] }> {
  const previous = await queryRows<{ youthId: number; joinedOn: string; leftOn: string }>(
    db,
    sql`select youth_id as "youthId", joined_on::text as "joinedOn", left_on::text as "leftOn"
          from league_branch_members
         where branch_id = ${branchId} and youth_id in ${idList(youthIds)} and left_on is not null`,
  );
  const rows = await queryRows<{ youthId: number }>(
    db,
    sql`insert into league_branch_members (branch_id, youth_id, role, joined_on, added_by)
        select ${branchId}, v, ${role}, ${joinedOn}::date, ${userId}
          from unnest(${`{${youthIds.join(',')}}`}::int[]) as v
        on conflict (branch_id, youth_id) do update
           set role = excluded.role, joined_on = excluded.joined_on, left_on = null, added_by = excluded.added_by
         where league_branch_members.left_on is not null
        returning youth_id as "youthId"`,
  );
  const back = new Set(previous.map((p) => p.youthId));
  return {
    added: rows.map((r) => r.youthId).filter((id) => !back.has(id)),
    rejoined: previous.filter((p) => rows.some((r) => r.youthId === p.youthId)),
  };
}

export async function setRole(db: Db, branchId: number, youthId: number, role: string) {
  await queryRows(
    db,
    sql`update league_branch_members set role = ${role}
         where branch_id = ${branchId} and youth_id = ${youthId} returning youth_id`,
  );
}

export async function setLeft(db: Db, branchId: number, youthId: number, leftOn: string) {
  await queryRows(
    db,
    sql`update league_branch_members set left_on = ${leftOn}::date
         where branch_id = ${branchId} and youth_id = ${youthId} and left_on is null returning youth_id`,
  );
}

/** On dissolution every current member leaves on that day; returns how many. */
export async function leaveAll(db: Db, branchId: number, leftOn: string): Promise<number> {
  const rows = await queryRows<{ youthId: number }>(
    db,
    sql`update league_branch_members set left_on = greatest(${leftOn}::date, joined_on)
         where branch_id = ${branchId} and left_on is null returning youth_id as "youthId"`,
  );
  return rows.length;
}

/** Members (any, current or past) kept outside a unit's subtree (by name, for the message). */
export async function membersOutside(db: Db, branchId: number, unitPath: string): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    db,
    sql`select y.name from league_branch_members m join youth y on y.id = m.youth_id join units u on u.id = y.unit_id
         where m.branch_id = ${branchId} and u.path not like ${unitPath + '%'} order by y.name limit 5`,
  );
  return rows.map((r) => r.name);
}

/** The latest date a current member joined: a dissolution cannot come before it. */
export async function latestJoin(db: Db, branchId: number): Promise<string | null> {
  const rows = await queryRows<{ d: string | null }>(
    db,
    sql`select max(joined_on)::text as d from league_branch_members where branch_id = ${branchId} and left_on is null`,
  );
  return rows[0].d;
}
