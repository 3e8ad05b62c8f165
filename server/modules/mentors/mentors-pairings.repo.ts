import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import { mentorLogs, mentorPairingEvents, mentorPairings } from '../../db/schema';
import { inScope } from '../../platform/access/scope';
import type { Viewer } from '../../platform/access/viewer';
import { notFound } from '../../platform/http/errors';
import { escapeLike } from '../../platform/search/like';
import type { PairingStatus } from '../../../common/contracts/mentors-pairings';

type Scope = Pick<Viewer, 'unitPath'>;

export type PairingRow = {
  id: number;
  unitId: number;
  unitName: string;
  mentorId: number;
  mentorName: string;
  mentorUserId: number | null;
  youthId: number;
  youthName: string;
  youthGender: string | null;
  youthDream: string | null;
  category: string | null;
  occupation: string | null;
  status: PairingStatus;
  startDate: string;
  endDate: string;
  signedOn: string | null;
  endedOn: string | null;
  endReason: string | null;
  goals: string | null;
  agreementFileId: number | null;
  lastLogDate: string | null;
  logCount: number;
  createdAt: Date | string;
  version: number;
};

const COLUMNS = sql`p.id, p.unit_id as "unitId", u.name as "unitName", p.mentor_id as "mentorId",
  m.name as "mentorName", m.user_id as "mentorUserId", p.youth_id as "youthId", y.name as "youthName",
  y.gender as "youthGender", y.dream as "youthDream", c.label as category, y.occupation, p.status,
  p.start_date::text as "startDate", p.end_date::text as "endDate", p.signed_on::text as "signedOn",
  p.ended_on::text as "endedOn", p.end_reason as "endReason", p.goals, p.agreement_file_id as "agreementFileId",
  (select max(l.date)::text from mentor_logs l where l.pairing_id = p.id) as "lastLogDate",
  (select count(*) from mentor_logs l where l.pairing_id = p.id)::int as "logCount",
  p.created_at as "createdAt", p.version`;

const FROM = sql`mentor_pairings p join units u on u.id = p.unit_id join mentors m on m.id = p.mentor_id
  join youth y on y.id = p.youth_id left join dict_items c on c.id = y.category_id`;

/** The two scopes a pairing can be read in: a cadre's unit subtree, or the mentor's own account. */
export type PairingScope = { unitPath: string } | { mentorUserId: number };

function scopeCondition(scope: PairingScope): SQL {
  return 'unitPath' in scope
    ? inScope(sql`p.unit_id`, scope)
    : sql`p.mentor_id in (select om.id from mentors om where om.user_id = ${scope.mentorUserId})`;
}

function whereOf(scope: PairingScope, conditions: SQL[]): SQL {
  return sql.join([scopeCondition(scope), ...conditions], sql` and `);
}

export type PairingFilter = {
  q?: string;
  status?: PairingStatus;
  mentorId?: number;
  youthId?: number;
};

function filterConditions(f: PairingFilter): SQL[] {
  const c: SQL[] = [];
  if (f.status) c.push(sql`p.status = ${f.status}`);
  if (f.mentorId) c.push(sql`p.mentor_id = ${f.mentorId}`);
  if (f.youthId) c.push(sql`p.youth_id = ${f.youthId}`);
  if (f.q) {
    const v = escapeLike(f.q);
    const lower = escapeLike(f.q.toLowerCase());
    c.push(sql`(m.name like ${`%${v}%`} or y.name like ${`%${v}%`} or m.name_pinyin like ${lower + '%'}
      or y.name_pinyin like ${lower + '%'} or m.name_initials like ${lower + '%'} or y.name_initials like ${lower + '%'})`);
  }
  return c;
}

const ORDER = sql`case p.status when 'active' then 0 when 'signed' then 1 when 'proposed' then 2 else 3 end,
  p.end_date, p.id`;

export async function listPairingRows(
  db: Db,
  scope: PairingScope,
  f: PairingFilter,
  page?: { limit: number; offset: number },
): Promise<{ rows: PairingRow[]; total: number }> {
  const where = whereOf(scope, filterConditions(f));
  const rows = await queryRows<PairingRow>(
    db,
    sql`select ${COLUMNS} from ${FROM} where ${where} order by ${ORDER}
        ${page ? sql`limit ${page.limit} offset ${page.offset}` : sql``}`,
  );
  if (!page) return { rows, total: rows.length };
  const [count] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from mentor_pairings p join mentors m on m.id = p.mentor_id
        join youth y on y.id = p.youth_id where ${where}`,
  );
  return { rows, total: count.n };
}

/** Open pairings of one unit's own mentors (the 导师团 page), the unit already checked. */
export async function teamPairingRows(db: Db, scope: Scope, unitId: number): Promise<PairingRow[]> {
  return queryRows<PairingRow>(
    db,
    sql`select ${COLUMNS} from ${FROM}
        where ${whereOf(scope, [sql`m.unit_id = ${unitId}`, sql`p.status in ('signed', 'active')`])}
        order by m.name_pinyin, p.end_date, p.id`,
  );
}

export async function findPairing(db: Db, scope: PairingScope, id: number): Promise<PairingRow> {
  const rows = await queryRows<PairingRow>(
    db,
    sql`select ${COLUMNS} from ${FROM} where ${whereOf(scope, [sql`p.id = ${id}`])}`,
  );
  if (!rows[0]) throw notFound('结对');
  return rows[0];
}

/** Locks the pairing for a change; out of scope is not found. */
export async function lockPairing(db: Db, scope: PairingScope, id: number) {
  const rows = await queryRows<{
    id: number;
    unitId: number;
    mentorId: number;
    status: PairingStatus;
    startDate: string;
    endDate: string;
    signedOn: string | null;
    agreementFileId: number | null;
    version: number;
    label: string;
  }>(
    db,
    sql`select p.id, p.unit_id as "unitId", p.mentor_id as "mentorId", p.status,
          p.start_date::text as "startDate", p.end_date::text as "endDate", p.signed_on::text as "signedOn",
          p.agreement_file_id as "agreementFileId", p.version,
          (select pm.name from mentors pm where pm.id = p.mentor_id) || ' — ' ||
          (select py.name from youth py where py.id = p.youth_id) as label
        from mentor_pairings p where ${whereOf(scope, [sql`p.id = ${id}`])} for update of p`,
  );
  if (!rows[0]) throw notFound('结对');
  return rows[0];
}

/** An open pairing of the same mentor and person (a second one would be a mistake). */
export async function findOpenDuplicate(db: Db, mentorId: number, youthId: number) {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`select id from mentor_pairings where mentor_id = ${mentorId} and youth_id = ${youthId}
        and status in ('proposed', 'signed', 'active') limit 1`,
  );
  return rows[0];
}

export async function insertPairing(db: Db, values: typeof mentorPairings.$inferInsert): Promise<number> {
  const [row] = await db.insert(mentorPairings).values(values).returning({ id: mentorPairings.id });
  return row.id;
}

export type PairingChanges = Partial<
  Pick<
    typeof mentorPairings.$inferInsert,
    'status' | 'endDate' | 'signedOn' | 'endedOn' | 'endReason' | 'agreementFileId'
  >
>;

const COLUMN_OF: Record<keyof PairingChanges, string> = {
  status: 'status',
  endDate: 'end_date',
  signedOn: 'signed_on',
  endedOn: 'ended_on',
  endReason: 'end_reason',
  agreementFileId: 'agreement_file_id',
};

export async function updatePairingAtVersion(
  db: Db,
  id: number,
  version: number,
  changes: PairingChanges,
): Promise<boolean> {
  const sets = Object.entries(changes).map(
    ([k, v]) => sql`${sql.identifier(COLUMN_OF[k as keyof PairingChanges])} = ${v}`,
  );
  const rows = await queryRows<{ id: number }>(
    db,
    sql`update mentor_pairings
        set ${sql.join([...sets, sql`updated_at = now()`, sql`version = version + 1`], sql`, `)}
        where id = ${id} and version = ${version} returning id`,
  );
  return rows.length > 0;
}

export async function insertEvent(db: Db, values: typeof mentorPairingEvents.$inferInsert) {
  await db.insert(mentorPairingEvents).values(values);
}

export type EventRow = {
  id: number;
  event: string;
  fromEndDate: string | null;
  toEndDate: string | null;
  note: string | null;
  by: string | null;
  at: Date | string;
};

export async function eventRows(db: Db, pairingId: number): Promise<EventRow[]> {
  return queryRows<EventRow>(
    db,
    sql`select e.id, e.event, e.from_end_date::text as "fromEndDate", e.to_end_date::text as "toEndDate",
          e.note, us.display_name as by, e.at
        from mentor_pairing_events e left join users us on us.id = e.by_user
        where e.pairing_id = ${pairingId} order by e.at, e.id`,
  );
}

export type LogRow = {
  id: number;
  date: string;
  way: string;
  content: string;
  nextSteps: string | null;
  enteredBy: string | null;
  byMentor: boolean;
  createdAt: Date | string;
};

const LOG_COLUMNS = sql`l.id, l.date::text as date, l.way, l.content, l.next_steps as "nextSteps",
  us.display_name as "enteredBy", coalesce(us.role = 'mentor', false) as "byMentor", l.created_at as "createdAt"`;

export async function logRows(db: Db, pairingId: number): Promise<LogRow[]> {
  return queryRows<LogRow>(
    db,
    sql`select ${LOG_COLUMNS} from mentor_logs l left join users us on us.id = l.entered_by
        where l.pairing_id = ${pairingId} order by l.date desc, l.id desc`,
  );
}

export async function insertLog(db: Db, values: typeof mentorLogs.$inferInsert): Promise<LogRow> {
  const [row] = await db.insert(mentorLogs).values(values).returning({ id: mentorLogs.id });
  const [log] = await queryRows<LogRow>(
    db,
    sql`select ${LOG_COLUMNS} from mentor_logs l left join users us on us.id = l.entered_by where l.id = ${row.id}`,
  );
  return log;
}

/**
 * Signed and active pairings that need a look: no guidance for `silentDays` (counting from the
 * signing or the start when there is none yet), or ending within `endingDays` of `today`.
 */
export async function attentionRows(
  db: Db,
  scope: Scope,
  today: string,
  silentDays: number,
  endingDays: number,
) {
  const since = sql`coalesce((select max(l.date) from mentor_logs l where l.pairing_id = p.id),
    p.signed_on, p.start_date)`;
  const rows = await queryRows<PairingRow & { silentDays: number; daysToEnd: number; kind: string }>(
    db,
    sql`select ${COLUMNS}, (${today}::date - ${since})::int as "silentDays",
          (p.end_date - ${today}::date)::int as "daysToEnd",
          case when (${today}::date - ${since}) >= ${silentDays}::int then 'silent' else '' end ||
          case when p.end_date between ${today}::date and ${today}::date + ${endingDays}::int then 'ending' else '' end
            as kind
        from ${FROM}
        where ${whereOf(scope, [sql`p.status in ('signed', 'active')`])}
          and ((${today}::date - ${since}) >= ${silentDays}::int
            or p.end_date between ${today}::date and ${today}::date + ${endingDays}::int)
        order by p.end_date, p.id`,
  );
  return rows;
}
