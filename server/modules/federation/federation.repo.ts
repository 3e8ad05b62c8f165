import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import { federationMembers, federationMemberSteps } from '../../db/schema';
import { inScope } from '../../platform/access/scope';
import type { Viewer } from '../../platform/access/viewer';
import { notFound } from '../../platform/http/errors';
import { escapeLike } from '../../platform/search/like';
import type { ExitReason, MemberStatus, SocietyKind } from '../../../common/contracts/federation';

type Scope = Pick<Viewer, 'unitPath'>;

export type SocietyRow = {
  id: number;
  name: string;
  kind: SocietyKind;
  field: string | null;
  fieldId: number | null;
  leagueAffiliated: boolean;
  registeredOn: string | null;
  buildMode: 'independent' | 'joint' | null;
  builtWith: string[];
};

export type MemberRow = {
  id: number;
  unitId: number;
  unitName: string;
  unitLevel: string;
  name: string;
  isLeague: boolean;
  origin: 'recommended' | 'applied';
  status: MemberStatus;
  beforeRegistration: boolean;
  admittedOn: string | null;
  exitedOn: string | null;
  exitReason: ExitReason | null;
  exitNote: string | null;
  lastReviewOn: string | null;
  lastReviewOutcome: string | null;
  createdAt: Date | string;
  version: number;
  society: SocietyRow | null;
};

const SOCIETY_JSON = sql`case when s.id is null then null else json_build_object(
  'id', s.id, 'name', s.name, 'kind', s.kind, 'field', f.label, 'fieldId', s.field_id,
  'leagueAffiliated', s.league_affiliated, 'registeredOn', s.registered_on::text,
  'buildMode', s.build_mode, 'builtWith', s.built_with) end`;

const COLUMNS = sql`m.id, m.unit_id as "unitId", u.name as "unitName", u.level as "unitLevel", m.name,
  m.is_league as "isLeague", m.origin, m.status, m.before_registration as "beforeRegistration",
  m.admitted_on::text as "admittedOn", m.exited_on::text as "exitedOn", m.exit_reason as "exitReason",
  m.exit_note as "exitNote", r.on_date::text as "lastReviewOn", r.outcome as "lastReviewOutcome",
  m.created_at as "createdAt", m.version, ${SOCIETY_JSON} as society`;

const FROM = sql`federation_members m join units u on u.id = m.unit_id
  left join youth_societies s on s.id = m.society_id left join dict_items f on f.id = s.field_id
  left join lateral (select rs.on_date, rs.outcome from federation_member_steps rs
    where rs.member_id = m.id and rs.step = 'annual_review' order by rs.on_date desc, rs.id desc limit 1) r on true`;

export type MemberFilter = {
  unit?: { id: number; path: string; includeDescendants: boolean };
  q?: string;
  status?: MemberStatus;
};

function conditions(scope: Scope, f: MemberFilter): SQL {
  const c: SQL[] = [inScope(sql`m.unit_id`, scope)];
  if (f.unit) {
    c.push(
      f.unit.includeDescendants
        ? sql`u.path like ${escapeLike(f.unit.path) + '%'}`
        : sql`m.unit_id = ${f.unit.id}`,
    );
  }
  if (f.status) c.push(sql`m.status = ${f.status}`);
  if (f.q) c.push(sql`m.name like ${`%${escapeLike(f.q)}%`}`);
  return sql.join(c, sql` and `);
}

// The League first in each federation, then admitted groups, then those in procedure, then the rest.
const ORDER = sql`u.path, m.is_league desc, case m.status when 'admitted' then 0 when 'committee' then 1
  when 'qualification' then 2 when 'proposed' then 3 when 'exited' then 4 else 5 end, m.admitted_on, m.id`;

export async function listMemberRows(
  db: Db,
  scope: Scope,
  f: MemberFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: MemberRow[]; total: number }> {
  const where = conditions(scope, f);
  const rows = await queryRows<MemberRow>(
    db,
    sql`select ${COLUMNS} from ${FROM} where ${where} order by ${ORDER} limit ${page.limit} offset ${page.offset}`,
  );
  const [count] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from federation_members m join units u on u.id = m.unit_id where ${where}`,
  );
  return { rows, total: count.n };
}

export async function findMember(db: Db, scope: Scope, id: number): Promise<MemberRow> {
  const rows = await queryRows<MemberRow>(
    db,
    sql`select ${COLUMNS} from ${FROM} where ${inScope(sql`m.unit_id`, scope)} and m.id = ${id}`,
  );
  if (!rows[0]) throw notFound('会员团体');
  return rows[0];
}

/** Locks the member row for a change; out of scope is not found. */
export async function lockMember(db: Db, scope: Scope, id: number) {
  const rows = await queryRows<{
    id: number;
    unitId: number;
    name: string;
    isLeague: boolean;
    status: MemberStatus;
    societyId: number | null;
    admittedOn: string | null;
    version: number;
  }>(
    db,
    sql`select m.id, m.unit_id as "unitId", m.name, m.is_league as "isLeague", m.status,
          m.society_id as "societyId", m.admitted_on::text as "admittedOn", m.version
        from federation_members m where ${inScope(sql`m.unit_id`, scope)} and m.id = ${id} for update of m`,
  );
  if (!rows[0]) throw notFound('会员团体');
  return rows[0];
}

const SOCIETY_COLUMNS = sql`s.id, s.name, s.kind, f.label as field, s.field_id as "fieldId",
  s.league_affiliated as "leagueAffiliated", s.registered_on::text as "registeredOn",
  s.build_mode as "buildMode", s.built_with as "builtWith"`;

/** A society of the register in the viewer's scope (read here directly: the register is another module). */
export async function findSociety(
  db: Db,
  scope: Scope,
  id: number,
): Promise<SocietyRow & { unitPath: string }> {
  const rows = await queryRows<SocietyRow & { unitPath: string }>(
    db,
    sql`select ${SOCIETY_COLUMNS}, su.path as "unitPath" from youth_societies s
        join units su on su.id = s.unit_id left join dict_items f on f.id = s.field_id
        where ${inScope(sql`s.unit_id`, scope)} and s.id = ${id}`,
  );
  if (!rows[0]) throw notFound('青年社团');
  return rows[0];
}

export async function societyOptionRows(db: Db, scope: Scope, q?: string): Promise<SocietyRow[]> {
  const match = q
    ? sql`and (s.name like ${`%${escapeLike(q)}%`} or s.name_pinyin like ${escapeLike(q.toLowerCase()) + '%'}
        or s.name_initials like ${escapeLike(q.toLowerCase()) + '%'})`
    : sql``;
  return queryRows<SocietyRow>(
    db,
    sql`select ${SOCIETY_COLUMNS} from youth_societies s left join dict_items f on f.id = s.field_id
        where ${inScope(sql`s.unit_id`, scope)} and s.status = 'active' ${match}
        order by s.league_affiliated desc, s.name_pinyin, s.id limit 50`,
  );
}

/** A membership of the same society (or the same name) in the same federation that is still open or admitted. */
export async function findOpenDuplicate(db: Db, unitId: number, societyId: number | null, name: string) {
  const rows = await queryRows<{ id: number; status: MemberStatus }>(
    db,
    sql`select id, status from federation_members where unit_id = ${unitId}
        and status in ('proposed', 'qualification', 'committee', 'admitted')
        and ${societyId ? sql`society_id = ${societyId}` : sql`name = ${name}`} limit 1`,
  );
  return rows[0];
}

export async function hasLeague(db: Db, unitId: number): Promise<boolean> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`select id from federation_members where unit_id = ${unitId} and is_league limit 1`,
  );
  return rows.length > 0;
}

export async function unitInfo(db: Db, unitId: number) {
  const rows = await queryRows<{ id: number; name: string; orgName: string; level: string; path: string }>(
    db,
    sql`select id, name, org_name as "orgName", level, path from units where id = ${unitId}`,
  );
  return rows[0];
}

export async function insertMember(db: Db, values: typeof federationMembers.$inferInsert): Promise<number> {
  const [row] = await db.insert(federationMembers).values(values).returning({ id: federationMembers.id });
  return row.id;
}

export type MemberChanges = Partial<
  Pick<
    typeof federationMembers.$inferInsert,
    'status' | 'admittedOn' | 'beforeRegistration' | 'exitedOn' | 'exitReason' | 'exitNote'
  >
>;

const COLUMN_OF: Record<keyof MemberChanges, string> = {
  status: 'status',
  admittedOn: 'admitted_on',
  beforeRegistration: 'before_registration',
  exitedOn: 'exited_on',
  exitReason: 'exit_reason',
  exitNote: 'exit_note',
};

export async function updateMemberAtVersion(
  db: Db,
  id: number,
  version: number,
  changes: MemberChanges,
): Promise<boolean> {
  const sets = Object.entries(changes).map(
    ([k, v]) => sql`${sql.identifier(COLUMN_OF[k as keyof MemberChanges])} = ${v}`,
  );
  const rows = await queryRows<{ id: number }>(
    db,
    sql`update federation_members
        set ${sql.join([...sets, sql`updated_at = now()`, sql`version = version + 1`], sql`, `)}
        where id = ${id} and version = ${version} returning id`,
  );
  return rows.length > 0;
}

export async function insertStep(db: Db, values: typeof federationMemberSteps.$inferInsert): Promise<number> {
  const [row] = await db
    .insert(federationMemberSteps)
    .values(values)
    .returning({ id: federationMemberSteps.id });
  return row.id;
}

export type StepRow = {
  id: number;
  step: string;
  onDate: string;
  outcome: string | null;
  note: string | null;
  fileId: number | null;
  fileName: string | null;
  fileSize: string | number | null;
  by: string | null;
  at: Date | string;
};

export async function stepRows(db: Db, memberId: number): Promise<StepRow[]> {
  return queryRows<StepRow>(
    db,
    sql`select st.id, st.step, st.on_date::text as "onDate", st.outcome, st.note, st.file_id as "fileId",
          fl.name as "fileName", fl.size as "fileSize", us.display_name as by, st.at
        from federation_member_steps st left join users us on us.id = st.by_user
        left join files fl on fl.id = st.file_id
        where st.member_id = ${memberId} order by st.on_date, st.id`,
  );
}

/** The latest dated step: a new step may not be dated before it. */
export async function lastStepDate(db: Db, memberId: number): Promise<string | null> {
  const rows = await queryRows<{ d: string | null }>(
    db,
    sql`select max(on_date)::text as d from federation_member_steps where member_id = ${memberId}`,
  );
  return rows[0]?.d ?? null;
}

export async function findStep(db: Db, memberId: number, stepId: number) {
  const rows = await queryRows<{ id: number; step: string; fileId: number | null }>(
    db,
    sql`select id, step, file_id as "fileId" from federation_member_steps
        where member_id = ${memberId} and id = ${stepId}`,
  );
  if (!rows[0]) throw notFound('程序记录');
  return rows[0];
}

export async function setStepFile(db: Db, stepId: number, fileId: number) {
  await db.execute(sql`update federation_member_steps set file_id = ${fileId} where id = ${stepId}`);
}

export async function reviewInYear(db: Db, memberId: number, year: string) {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`select id from federation_member_steps where member_id = ${memberId} and step = 'annual_review'
        and to_char(on_date, 'YYYY') = ${year} limit 1`,
  );
  return rows.length > 0;
}
