import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import { youthSocieties } from '../../db/schema';
import { inScope } from '../../platform/access/scope';
import type { Viewer } from '../../platform/access/viewer';
import { notFound } from '../../platform/http/errors';
import { escapeLike } from '../../platform/search/like';

type Scope = Pick<Viewer, 'unitPath'>;

export type SocietyRow = {
  id: number;
  unitId: number;
  unitName: string;
  name: string;
  kind: 'registered' | 'unregistered' | 'community';
  fieldId: number | null;
  fieldLabel: string | null;
  registrationAuthority: string | null;
  creditCode: string | null;
  registeredOn: string | null;
  supervisor: string | null;
  leagueAffiliated: boolean;
  buildMode: 'independent' | 'joint' | null;
  builtWith: string[];
  leaderName: string | null;
  leaderYouthId: number | null;
  secretaryName: string | null;
  secretaryYouthId: number | null;
  memberCount: number | null;
  activityLevel: 'high' | 'medium' | 'low' | null;
  onlineAccounts: { platform: string; handle: string; followers: number | null }[];
  contactUserId: number | null;
  contactUserName: string | null;
  lastContactAt: string | null;
  hasLeagueOrg: boolean;
  status: 'active' | 'dissolved';
  remark: string | null;
  createdAt: Date | string;
  updatedAt: Date | string;
  version: number;
};

// Dates as text: the pg driver would otherwise turn a `date` into a local-time Date.
const COLUMNS = sql`s.id, s.unit_id as "unitId", case when u.level = 'central' then u.org_name else u.name end as "unitName",
  s.name, s.kind, s.field_id as "fieldId", d.label as "fieldLabel",
  s.registration_authority as "registrationAuthority", s.credit_code as "creditCode",
  s.registered_on::text as "registeredOn", s.supervisor, s.league_affiliated as "leagueAffiliated",
  s.build_mode as "buildMode", s.built_with as "builtWith",
  coalesce(ly.name, s.leader_name) as "leaderName", s.leader_youth_id as "leaderYouthId",
  coalesce(sy.name, s.secretary_name) as "secretaryName", s.secretary_youth_id as "secretaryYouthId",
  s.member_count as "memberCount", s.activity_level as "activityLevel", s.online_accounts as "onlineAccounts",
  s.contact_user_id as "contactUserId", cu.display_name as "contactUserName",
  s.last_contact_at::text as "lastContactAt", s.has_league_org as "hasLeagueOrg", s.status, s.remark,
  s.created_at as "createdAt", s.updated_at as "updatedAt", s.version`;

const FROM = sql`youth_societies s join units u on u.id = s.unit_id
  left join dict_items d on d.id = s.field_id
  left join youth ly on ly.id = s.leader_youth_id
  left join youth sy on sy.id = s.secretary_youth_id
  left join users cu on cu.id = s.contact_user_id`;

/** Every society query: the viewer's scope first. */
function whereOf(scope: Scope, conditions: SQL[]): SQL {
  return sql.join([inScope(sql`s.unit_id`, scope), ...conditions], sql` and `);
}

export type SocietyFilterResolved = {
  q?: string;
  kind?: string;
  fieldId?: number;
  leagueAffiliated?: boolean;
  hasLeagueOrg?: boolean;
  activityLevel?: string;
  status?: string;
  unit?: { id: number; path: string; includeDescendants: boolean };
  /** Last contact before this date (or never). */
  contactedBefore?: string;
};

function filterConditions(f: SocietyFilterResolved): SQL[] {
  const c: SQL[] = [];
  if (f.unit) {
    c.push(
      f.unit.includeDescendants
        ? sql`s.unit_id in (select fu.id from units fu where fu.path like ${f.unit.path + '%'})`
        : sql`s.unit_id = ${f.unit.id}`,
    );
  }
  if (f.kind) c.push(sql`s.kind = ${f.kind}`);
  if (f.fieldId) c.push(sql`s.field_id = ${f.fieldId}`);
  if (f.leagueAffiliated !== undefined) c.push(sql`s.league_affiliated = ${f.leagueAffiliated}`);
  if (f.hasLeagueOrg !== undefined) c.push(sql`s.has_league_org = ${f.hasLeagueOrg}`);
  if (f.activityLevel) c.push(sql`s.activity_level = ${f.activityLevel}`);
  if (f.status) c.push(sql`s.status = ${f.status}`);
  if (f.contactedBefore) {
    c.push(sql`(s.last_contact_at is null or s.last_contact_at < ${f.contactedBefore}::date)`);
  }
  if (f.q) {
    const v = escapeLike(f.q);
    const parts = [
      sql`s.name like ${`%${v}%`}`,
      sql`s.credit_code = ${f.q.toUpperCase()}`,
      sql`coalesce(s.leader_name, '') like ${`%${v}%`}`,
    ];
    if (/^[a-z]+$/i.test(f.q)) {
      const lower = escapeLike(f.q.toLowerCase());
      parts.push(sql`s.name_pinyin like ${`%${lower}%`}`, sql`s.name_initials like ${lower + '%'}`);
    }
    c.push(sql`(${sql.join(parts, sql` or `)})`);
  }
  return c;
}

const ORDER: Record<string, SQL> = {
  name: sql`s.name_pinyin`,
  lastContactAt: sql`s.last_contact_at`,
  memberCount: sql`s.member_count`,
  createdAt: sql`s.created_at`,
};

export function orderOf(sort: { by: string; desc: boolean } | undefined): SQL {
  if (!sort) return sql`s.id desc`;
  const dir = sort.desc ? sql`desc nulls last` : sql`asc nulls first`;
  return sql`${ORDER[sort.by]} ${dir}, s.id desc`;
}

export async function listSocietyRows(
  db: Db,
  scope: Scope,
  f: SocietyFilterResolved,
  order: SQL,
  page: { limit: number; offset: number },
): Promise<{ rows: SocietyRow[]; total: number }> {
  const where = whereOf(scope, filterConditions(f));
  const rows = await queryRows<SocietyRow>(
    db,
    sql`select ${COLUMNS} from ${FROM} where ${where} order by ${order} limit ${page.limit} offset ${page.offset}`,
  );
  const [count] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from youth_societies s where ${where}`,
  );
  return { rows, total: count.n };
}

export async function findSociety(db: Db, scope: Scope, id: number): Promise<SocietyRow> {
  const rows = await queryRows<SocietyRow>(
    db,
    sql`select ${COLUMNS} from ${FROM} where ${whereOf(scope, [sql`s.id = ${id}`])}`,
  );
  if (!rows[0]) throw notFound('青年社团');
  return rows[0];
}

/** Locks the society for a change; out of scope is not found. */
export async function lockSociety(db: Db, scope: Scope, id: number) {
  const rows = await queryRows<{
    id: number;
    unitId: number;
    name: string;
    kind: 'registered' | 'unregistered' | 'community';
    registrationAuthority: string | null;
    creditCode: string | null;
    registeredOn: string | null;
    leagueAffiliated: boolean;
    buildMode: 'independent' | 'joint' | null;
    builtWith: string[];
    version: number;
  }>(
    db,
    sql`select s.id, s.unit_id as "unitId", s.name, s.kind, s.registration_authority as "registrationAuthority",
          s.credit_code as "creditCode", s.registered_on::text as "registeredOn",
          s.league_affiliated as "leagueAffiliated", s.build_mode as "buildMode", s.built_with as "builtWith",
          s.version
        from youth_societies s where ${whereOf(scope, [sql`s.id = ${id}`])} for update of s`,
  );
  if (!rows[0]) throw notFound('青年社团');
  return rows[0];
}

export async function countsOf(db: Db, id: number) {
  const [row] = await queryRows<{
    contacts: number;
    backbones: number;
    recommendations: number;
    nominationSeats: number;
  }>(
    db,
    sql`select (select count(*) from society_contacts where society_id = ${id})::int as contacts,
          (select count(*) from society_backbones where society_id = ${id})::int as backbones,
          (select count(*) from society_recommendations where society_id = ${id})::int as recommendations,
          (select coalesce(sum(seats), 0) from federation_nominations where society_id = ${id})::int
            as "nominationSeats"`,
  );
  return row;
}

/** Whoever already holds this credit code, anywhere: the unit's path tells the caller whether to name it. */
export async function findCreditCode(db: Db, code: string, exceptId?: number) {
  const rows = await queryRows<{ id: number; name: string; unitName: string; unitPath: string }>(
    db,
    sql`select s.id, s.name, u.name as "unitName", u.path as "unitPath"
        from youth_societies s join units u on u.id = s.unit_id
        where s.credit_code = ${code} ${exceptId ? sql`and s.id <> ${exceptId}` : sql``} limit 1`,
  );
  return rows[0];
}

/** A registry person the viewer may see, with the name to show. */
export async function findYouthInScope(db: Db, scope: Scope, youthId: number) {
  const rows = await queryRows<{ id: number; name: string }>(
    db,
    sql`select y.id, y.name from youth y where y.id = ${youthId} and ${inScope(sql`y.unit_id`, scope)}`,
  );
  return rows[0];
}

/** An active account of a unit in scope (the cadre who keeps contact). */
export async function findCadreInScope(db: Db, scope: Scope, userId: number) {
  const rows = await queryRows<{ id: number; name: string }>(
    db,
    sql`select us.id, us.display_name as name from users us
        where us.id = ${userId} and us.status = 'active' and us.role not in ('mentor', 'judge')
          and ${inScope(sql`us.unit_id`, scope)}`,
  );
  return rows[0];
}

export async function listCadres(db: Db, scope: Scope, q: string | undefined) {
  const v = q ? escapeLike(q) : undefined;
  return queryRows<{ id: number; name: string; unit: string }>(
    db,
    sql`select us.id, us.display_name as name,
          case when u.level = 'central' then u.org_name else u.name end as unit
        from users us join units u on u.id = us.unit_id
        where us.status = 'active' and us.role not in ('mentor', 'judge')
          and ${inScope(sql`us.unit_id`, scope)}
          ${v ? sql`and (us.display_name like ${`%${v}%`} or us.username like ${`%${v.toLowerCase()}%`})` : sql``}
        order by u.path, us.display_name limit 50`,
  );
}

/** An emerging-field dictionary item (national, or added by a unit the viewer sees or sits under). */
export async function findField(db: Db, id: number) {
  const rows = await queryRows<{ id: number; label: string }>(
    db,
    sql`select id, label from dict_items where id = ${id} and dict_type = 'emerging_field'`,
  );
  return rows[0];
}

export async function insertSociety(db: Db, values: typeof youthSocieties.$inferInsert): Promise<number> {
  const [row] = await db.insert(youthSocieties).values(values).returning({ id: youthSocieties.id });
  return row.id;
}

export type SocietyChanges = Partial<
  Omit<typeof youthSocieties.$inferInsert, 'id' | 'createdAt' | 'version'>
>;

const COLUMN_OF: Record<string, string> = {
  unitId: 'unit_id',
  name: 'name',
  namePinyin: 'name_pinyin',
  nameInitials: 'name_initials',
  kind: 'kind',
  fieldId: 'field_id',
  registrationAuthority: 'registration_authority',
  creditCode: 'credit_code',
  registeredOn: 'registered_on',
  supervisor: 'supervisor',
  leagueAffiliated: 'league_affiliated',
  buildMode: 'build_mode',
  builtWith: 'built_with',
  leaderName: 'leader_name',
  leaderYouthId: 'leader_youth_id',
  secretaryName: 'secretary_name',
  secretaryYouthId: 'secretary_youth_id',
  memberCount: 'member_count',
  activityLevel: 'activity_level',
  onlineAccounts: 'online_accounts',
  contactUserId: 'contact_user_id',
  hasLeagueOrg: 'has_league_org',
  status: 'status',
  remark: 'remark',
};

function valueSql(key: string, v: unknown): SQL {
  if (key === 'builtWith') {
    const list = v as string[];
    return list.length
      ? sql`array[${sql.join(
          list.map((x) => sql`${x}`),
          sql`, `,
        )}]::text[]`
      : sql`'{}'::text[]`;
  }
  if (key === 'onlineAccounts') return sql`${JSON.stringify(v)}::jsonb`;
  return sql`${v}`;
}

/** Writes the changes only if the row is still at `version`; false when someone saved first. */
export async function updateSocietyAtVersion(
  db: Db,
  id: number,
  version: number,
  changes: SocietyChanges,
): Promise<boolean> {
  const sets = Object.entries(changes)
    .filter(([k, v]) => COLUMN_OF[k] && v !== undefined)
    .map(([k, v]) => sql`${sql.identifier(COLUMN_OF[k])} = ${valueSql(k, v)}`);
  const rows = await queryRows<{ id: number }>(
    db,
    sql`update youth_societies set ${sql.join([...sets, sql`updated_at = now()`, sql`version = version + 1`], sql`, `)}
        where id = ${id} and version = ${version} returning id`,
  );
  return rows.length > 0;
}
