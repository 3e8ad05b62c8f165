import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import { mentors } from '../../db/schema';
import { inScope } from '../../platform/access/scope';
import type { Viewer } from '../../platform/access/viewer';
import { notFound } from '../../platform/http/errors';
import { escapeLike } from '../../platform/search/like';

type Scope = Pick<Viewer, 'unitPath'>;

export type MentorRow = {
  id: number;
  unitId: number;
  unitName: string;
  name: string;
  source: string;
  specialty: string;
  employer: string | null;
  title: string | null;
  phoneEnc: string | null;
  email: string | null;
  maxMentees: number;
  active: boolean;
  userId: number | null;
  username: string | null;
  bio: string | null;
  openPairings: number;
  activePairings: number;
  createdAt: Date | string;
  updatedAt: Date | string;
  version: number;
};

const COLUMNS = sql`m.id, m.unit_id as "unitId", u.name as "unitName", m.name, m.source, m.specialty, m.employer,
  m.title, m.phone_enc as "phoneEnc", m.email, m.max_mentees as "maxMentees", m.active, m.user_id as "userId",
  au.username, m.bio, m.created_at as "createdAt", m.updated_at as "updatedAt", m.version,
  (select count(*) from mentor_pairings op where op.mentor_id = m.id
     and op.status in ('proposed', 'signed', 'active'))::int as "openPairings",
  (select count(*) from mentor_pairings ap where ap.mentor_id = m.id and ap.status = 'active')::int
     as "activePairings"`;

const FROM = sql`mentors m join units u on u.id = m.unit_id left join users au on au.id = m.user_id`;

/** Every mentor query: the viewer's scope first. */
function whereOf(scope: Scope, conditions: SQL[]): SQL {
  return sql.join([inScope(sql`m.unit_id`, scope), ...conditions], sql` and `);
}

export type MentorFilter = {
  q?: string;
  source?: string;
  unit?: { id: number; path: string; includeDescendants: boolean };
  available?: boolean;
};

function filterConditions(f: MentorFilter): SQL[] {
  const c: SQL[] = [];
  if (f.unit) {
    c.push(
      f.unit.includeDescendants
        ? sql`m.unit_id in (select fu.id from units fu where fu.path like ${f.unit.path + '%'})`
        : sql`m.unit_id = ${f.unit.id}`,
    );
  }
  if (f.source) c.push(sql`m.source = ${f.source}`);
  if (f.available) {
    c.push(sql`m.active and m.max_mentees > (select count(*) from mentor_pairings cp
      where cp.mentor_id = m.id and cp.status in ('proposed', 'signed', 'active'))`);
  }
  if (f.q) {
    const v = escapeLike(f.q);
    const lower = escapeLike(f.q.toLowerCase());
    c.push(sql`(m.name like ${`%${v}%`} or m.name_pinyin like ${lower + '%'} or m.name_initials like ${lower + '%'}
      or m.specialty like ${`%${v}%`} or coalesce(m.employer, '') like ${`%${v}%`})`);
  }
  return c;
}

export async function listMentorRows(
  db: Db,
  scope: Scope,
  f: MentorFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: MentorRow[]; total: number }> {
  const where = whereOf(scope, filterConditions(f));
  const rows = await queryRows<MentorRow>(
    db,
    sql`select ${COLUMNS} from ${FROM} where ${where}
        order by m.active desc, m.name_pinyin, m.id limit ${page.limit} offset ${page.offset}`,
  );
  const [count] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from mentors m where ${where}`,
  );
  return { rows, total: count.n };
}

/** One unit's own mentors (the 梦想导师团), the unit already checked to be in scope. */
export async function teamMentorRows(db: Db, scope: Scope, unitId: number): Promise<MentorRow[]> {
  return queryRows<MentorRow>(
    db,
    sql`select ${COLUMNS} from ${FROM} where ${whereOf(scope, [sql`m.unit_id = ${unitId}`])}
        order by m.active desc, m.name_pinyin, m.id`,
  );
}

export async function findMentor(db: Db, scope: Scope, id: number): Promise<MentorRow> {
  const rows = await queryRows<MentorRow>(
    db,
    sql`select ${COLUMNS} from ${FROM} where ${whereOf(scope, [sql`m.id = ${id}`])}`,
  );
  if (!rows[0]) throw notFound('导师');
  return rows[0];
}

/** Locks the mentor for a change (capacity checks, account linking); out of scope is not found. */
export async function lockMentor(db: Db, scope: Scope, id: number) {
  const rows = await queryRows<{
    id: number;
    unitId: number;
    name: string;
    maxMentees: number;
    active: boolean;
    userId: number | null;
    version: number;
  }>(
    db,
    sql`select m.id, m.unit_id as "unitId", m.name, m.max_mentees as "maxMentees", m.active,
          m.user_id as "userId", m.version
        from mentors m where ${whereOf(scope, [sql`m.id = ${id}`])} for update of m`,
  );
  if (!rows[0]) throw notFound('导师');
  return rows[0];
}

export async function countOpenPairings(db: Db, mentorId: number): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from mentor_pairings
        where mentor_id = ${mentorId} and status in ('proposed', 'signed', 'active')`,
  );
  return row.n;
}

/** Another mentor of the same unit with this phone (blind index), for a clear refusal. */
export async function findSamePhone(db: Db, unitId: number, phoneIdx: string, exceptId?: number) {
  const rows = await queryRows<{ id: number; name: string }>(
    db,
    sql`select id, name from mentors where unit_id = ${unitId} and phone_idx = ${phoneIdx}
        ${exceptId ? sql`and id <> ${exceptId}` : sql``} limit 1`,
  );
  return rows[0];
}

export async function insertMentor(db: Db, values: typeof mentors.$inferInsert): Promise<number> {
  const [row] = await db.insert(mentors).values(values).returning({ id: mentors.id });
  return row.id;
}

export type MentorChanges = Partial<
  Pick<
    typeof mentors.$inferInsert,
    | 'name'
    | 'namePinyin'
    | 'nameInitials'
    | 'source'
    | 'specialty'
    | 'employer'
    | 'title'
    | 'phoneEnc'
    | 'phoneIdx'
    | 'email'
    | 'maxMentees'
    | 'bio'
    | 'unitId'
    | 'active'
    | 'userId'
  >
>;

const COLUMN_OF: Record<keyof MentorChanges, string> = {
  name: 'name',
  namePinyin: 'name_pinyin',
  nameInitials: 'name_initials',
  source: 'source',
  specialty: 'specialty',
  employer: 'employer',
  title: 'title',
  phoneEnc: 'phone_enc',
  phoneIdx: 'phone_idx',
  email: 'email',
  maxMentees: 'max_mentees',
  bio: 'bio',
  unitId: 'unit_id',
  active: 'active',
  userId: 'user_id',
};

/** Writes the changes only if the row is still at `version`; false when someone saved first. */
export async function updateMentorAtVersion(
  db: Db,
  id: number,
  version: number,
  changes: MentorChanges,
): Promise<boolean> {
  const sets = Object.entries(changes).map(
    ([k, v]) => sql`${sql.identifier(COLUMN_OF[k as keyof MentorChanges])} = ${v}`,
  );
  const rows = await queryRows<{ id: number }>(
    db,
    sql`update mentors set ${sql.join([...sets, sql`updated_at = now()`, sql`version = version + 1`], sql`, `)}
        where id = ${id} and version = ${version} returning id`,
  );
  return rows.length > 0;
}

/** A 梦想导师 account in the viewer's scope, by user name, and the mentor it is already linked to. */
export async function findMentorAccount(db: Db, scope: Scope, username: string) {
  const rows = await queryRows<{ id: number; role: string; unitId: number; linkedTo: number | null }>(
    db,
    sql`select us.id, us.role, us.unit_id as "unitId",
          (select lm.id from mentors lm where lm.user_id = us.id) as "linkedTo"
        from users us where us.username = ${username.toLowerCase()}
          and ${inScope(sql`us.unit_id`, scope)}`,
  );
  return rows[0];
}

/** The mentor linked to a signed-in account (the workspace's whole scope), or none. */
export async function findMentorByUser(db: Db, userId: number) {
  const rows = await queryRows<{ id: number; name: string; maxMentees: number }>(
    db,
    sql`select id, name, max_mentees as "maxMentees" from mentors where user_id = ${userId}`,
  );
  return rows[0];
}

/** A unit's display name (the central committee by its organisation name). */
export async function unitLabel(db: Db, unitId: number) {
  const [unit] = await queryRows<{ id: number; name: string }>(
    db,
    sql`select id, case when level = 'central' then org_name else name end as name from units where id = ${unitId}`,
  );
  return unit;
}
