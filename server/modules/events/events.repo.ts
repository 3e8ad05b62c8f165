import { and, eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import { youthEventFiles, youthEventSpeakers, youthEvents } from '../../db/schema';
import type { Viewer } from '../../platform/access/viewer';
import { inScope } from '../../platform/access/scope';
import { notFound } from '../../platform/http/errors';
import { escapeLike } from '../../platform/search/like';

type Scope = Pick<Viewer, 'unitPath'>;

/** What the service resolved from the list's filter (unit path checked against the scope already). */
export type EventQuery = {
  kind?: string;
  dateFrom?: string;
  dateTo?: string;
  unit?: { id: number; path: string; includeDescendants: boolean };
  q?: string;
  callId?: number;
};

/** Every event query starts from the viewer's scope on the organising unit. */
function whereOf(scope: Scope, q: EventQuery = {}): SQL {
  const conds: SQL[] = [inScope(sql`e.unit_id`, scope)];
  if (q.kind) conds.push(sql`e.kind = ${q.kind}`);
  if (q.dateFrom) conds.push(sql`e.date >= ${q.dateFrom}::date`);
  if (q.dateTo) conds.push(sql`e.date <= ${q.dateTo}::date`);
  if (q.unit) {
    conds.push(
      q.unit.includeDescendants
        ? sql`e.unit_id in (select fu.id from units fu where fu.path like ${q.unit.path + '%'})`
        : sql`e.unit_id = ${q.unit.id}`,
    );
  }
  if (q.q) {
    const like = `%${escapeLike(q.q)}%`;
    conds.push(sql`(e.title ilike ${like} or e.place ilike ${like})`);
  }
  if (q.callId) conds.push(sql`e.call_id = ${q.callId}`);
  return sql.join(conds, sql` and `);
}

export type EventRow = {
  id: number;
  unitId: number;
  unitName: string;
  kind: string;
  title: string;
  date: string;
  place: string | null;
  report: string | null;
  speakers: string[] | null;
  participants: number;
  signedIn: number;
  files: number;
  callId: number | null;
  callTitle: string | null;
  works: number;
  audience: number | null;
  published: boolean;
  version: number;
  createdBy: string | null;
  createdAt: Date | string;
  updatedAt: Date | string;
};

const COLUMNS = sql`e.id, e.unit_id as "unitId", u.name as "unitName", e.kind, e.title, e.date::text as date,
  e.place, e.report, e.version, cu.display_name as "createdBy", e.created_at as "createdAt",
  e.updated_at as "updatedAt",
  (select array_agg(s.name order by s.id) from youth_event_speakers s where s.event_id = e.id) as speakers,
  (select count(*)::int from youth_event_participants p where p.event_id = e.id) as participants,
  (select count(*)::int from youth_event_participants p where p.event_id = e.id and p.signed_in) as "signedIn",
  (select count(*)::int from youth_event_files f where f.event_id = e.id and f.deleted_at is null) as files,
  e.call_id as "callId", ec.title as "callTitle", e.audience, e.published,
  (select count(*)::int from youth_event_works ew where ew.event_id = e.id) as works`;

const FROM = sql`youth_events e join units u on u.id = e.unit_id left join users cu on cu.id = e.created_by
  left join calls ec on ec.id = e.call_id`;

export const EVENT_ORDER: Record<string, SQL> = {
  date: sql`e.date`,
  title: sql`e.title`,
  participants: sql`(select count(*) from youth_event_participants p where p.event_id = e.id)`,
};

export async function listEventRows(
  db: Db,
  scope: Scope,
  q: EventQuery,
  page: { order: SQL; limit: number; offset: number },
): Promise<EventRow[]> {
  return queryRows<EventRow>(
    db,
    sql`select ${COLUMNS} from ${FROM} where ${whereOf(scope, q)}
        order by ${page.order}, e.id desc limit ${page.limit} offset ${page.offset}`,
  );
}

/**
 * 活动数, 人次 (rows), 签到人次 and 人 (distinct people) over every event the filter matches; 观众人次 is
 * the sum of the audience counted at those events (not people in the registry).
 */
export async function eventTotals(db: Db, scope: Scope, q: EventQuery) {
  const rows = await queryRows<{
    events: number;
    personTimes: number;
    signedIn: number;
    persons: number;
    audience: number;
  }>(
    db,
    sql`select (select count(*)::int from youth_events e where ${whereOf(scope, q)}) as events,
               (select coalesce(sum(e.audience), 0)::int from youth_events e where ${whereOf(scope, q)}) as audience,
               count(p.youth_id)::int as "personTimes",
               count(p.youth_id) filter (where p.signed_in)::int as "signedIn",
               count(distinct p.youth_id)::int as persons
          from youth_event_participants p join youth_events e on e.id = p.event_id
         where ${whereOf(scope, q)}`,
  );
  return rows[0];
}

export async function findEventRow(db: Db, scope: Scope, id: number): Promise<EventRow> {
  const rows = await queryRows<EventRow>(
    db,
    sql`select ${COLUMNS} from ${FROM} where ${whereOf(scope)} and e.id = ${id}`,
  );
  if (!rows[0]) throw notFound('活动');
  return rows[0];
}

/** The event row locked for a write, refused (as not found) outside the scope. */
export async function lockEvent(db: Db, scope: Scope, id: number) {
  const rows = await queryRows<{
    id: number;
    unitId: number;
    unitPath: string;
    title: string;
    callId: number | null;
    version: number;
  }>(
    db,
    sql`select e.id, e.unit_id as "unitId", u.path as "unitPath", e.title, e.call_id as "callId", e.version
          from youth_events e join units u on u.id = e.unit_id
         where ${whereOf(scope)} and e.id = ${id} for update of e`,
  );
  if (!rows[0]) throw notFound('活动');
  return rows[0];
}

export type EventValues = Omit<typeof youthEvents.$inferInsert, 'id' | 'createdAt' | 'updatedAt' | 'version'>;

export async function insertEvent(db: Db, values: EventValues): Promise<number> {
  const [row] = await db.insert(youthEvents).values(values).returning({ id: youthEvents.id });
  return row.id;
}

/** Optimistic update: false when the version moved on since the editor read it. */
export async function updateEvent(
  db: Db,
  id: number,
  version: number,
  values: Partial<EventValues>,
): Promise<boolean> {
  const rows = await db
    .update(youthEvents)
    .set({ ...values, version: sql`${youthEvents.version} + 1`, updatedAt: new Date() })
    .where(and(eq(youthEvents.id, id), eq(youthEvents.version, version)))
    .returning({ id: youthEvents.id });
  return rows.length === 1;
}

/** Bumps the version after a change to the event's parts (participants, files), so open editors reload. */
export async function touchEvent(db: Db, id: number) {
  await db
    .update(youthEvents)
    .set({ version: sql`${youthEvents.version} + 1`, updatedAt: new Date() })
    .where(eq(youthEvents.id, id));
}

export type SpeakerRow = { id: number; mentorId: number | null; name: string; title: string | null };

export function listSpeakers(db: Db, eventId: number): Promise<SpeakerRow[]> {
  return queryRows<SpeakerRow>(
    db,
    sql`select id, mentor_id as "mentorId", name, title from youth_event_speakers
         where event_id = ${eventId} order by id`,
  );
}

export async function replaceSpeakers(db: Db, eventId: number, speakers: Omit<SpeakerRow, 'id'>[]) {
  await db.delete(youthEventSpeakers).where(eq(youthEventSpeakers.eventId, eventId));
  if (speakers.length) {
    await db.insert(youthEventSpeakers).values(speakers.map((s) => ({ ...s, eventId })));
  }
}

export type MentorRow = {
  id: number;
  name: string;
  specialty: string;
  title: string | null;
  unitName: string;
};

/** Mentors registered in the viewer's scope, by name, 全拼 or 首字母; only active ones when searching. */
export function findMentors(
  db: Db,
  scope: Scope,
  q: { text?: string; ids?: number[] },
): Promise<MentorRow[]> {
  const conds: SQL[] = [inScope(sql`m.unit_id`, scope)];
  if (q.ids)
    conds.push(
      sql`m.id in (${sql.join(
        q.ids.map((i) => sql`${i}`),
        sql`, `,
      )})`,
    );
  else conds.push(sql`m.active`);
  if (q.text) {
    const like = `%${escapeLike(q.text)}%`;
    const prefix = `${escapeLike(q.text.toLowerCase())}%`;
    conds.push(sql`(m.name like ${like} or m.name_pinyin like ${prefix} or m.name_initials like ${prefix})`);
  }
  return queryRows<MentorRow>(
    db,
    sql`select m.id, m.name, m.specialty, m.title, u.name as "unitName"
          from mentors m join units u on u.id = m.unit_id
         where ${sql.join(conds, sql` and `)} order by m.name limit 50`,
  );
}

export type ParticipantRow = {
  youthId: number;
  name: string;
  unitId: number;
  unitName: string;
  stage: 'contact' | 'key';
  category: string | null;
  signedIn: boolean;
  signedAt: Date | string | null;
};

export function listParticipants(db: Db, eventId: number): Promise<ParticipantRow[]> {
  return queryRows<ParticipantRow>(
    db,
    sql`select y.id as "youthId", y.name, y.unit_id as "unitId", u.name as "unitName", y.stage,
               c.label as category, p.signed_in as "signedIn", p.signed_at as "signedAt"
          from youth_event_participants p join youth y on y.id = p.youth_id join units u on u.id = y.unit_id
          left join dict_items c on c.id = y.category_id
         where p.event_id = ${eventId} order by y.name_pinyin, y.id`,
  );
}

const idList = (ids: number[]) =>
  sql`(${sql.join(
    ids.map((i) => sql`${i}`),
    sql`, `,
  )})`;

/** Of the given people, those the viewer keeps (their unit lies in the scope). */
export async function youthInScope(db: Db, scope: Scope, ids: number[]): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`select y.id from youth y where ${inScope(sql`y.unit_id`, scope)} and y.id in ${idList(ids)}`,
  );
  return rows.map((r) => r.id);
}

/** Adds who is not on the list yet; returns how many rows were added. */
export async function insertParticipants(
  db: Db,
  eventId: number,
  youthIds: number[],
  signedIn: boolean,
  userId: number,
): Promise<number> {
  const rows = await queryRows<{ youthId: number }>(
    db,
    sql`insert into youth_event_participants (event_id, youth_id, signed_in, signed_at, added_by)
        select ${eventId}, v, ${signedIn}, ${signedIn ? sql`now()` : sql`null`}, ${userId}
          from unnest(${`{${youthIds.join(',')}}`}::int[]) as v
        on conflict do nothing returning youth_id as "youthId"`,
  );
  return rows.length;
}

export async function deleteParticipant(db: Db, eventId: number, youthId: number): Promise<boolean> {
  const rows = await queryRows<{ youthId: number }>(
    db,
    sql`delete from youth_event_participants where event_id = ${eventId} and youth_id = ${youthId}
        returning youth_id as "youthId"`,
  );
  return rows.length > 0;
}

/** Marks or unmarks the given participants; only rows whose state changes count. */
export async function setSignedIn(
  db: Db,
  eventId: number,
  youthIds: number[],
  signedIn: boolean,
): Promise<number[]> {
  const rows = await queryRows<{ youthId: number }>(
    db,
    sql`update youth_event_participants
           set signed_in = ${signedIn}, signed_at = ${signedIn ? sql`now()` : sql`null`}
         where event_id = ${eventId} and youth_id in ${idList(youthIds)} and signed_in <> ${signedIn}
        returning youth_id as "youthId"`,
  );
  return rows.map((r) => r.youthId);
}

/** Participants kept outside a unit's subtree (by name, for the message). */
export async function participantsOutside(db: Db, eventId: number, unitPath: string): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    db,
    sql`select y.name from youth_event_participants p join youth y on y.id = p.youth_id
         where p.event_id = ${eventId} and ${sql`y.unit_id not in (select su.id from units su where su.path like ${unitPath + '%'})`}
         order by y.name limit 5`,
  );
  return rows.map((r) => r.name);
}

export async function participantIds(db: Db, eventId: number, youthIds: number[]): Promise<number[]> {
  const rows = await queryRows<{ youthId: number }>(
    db,
    sql`select youth_id as "youthId" from youth_event_participants
         where event_id = ${eventId} and youth_id in ${idList(youthIds)}`,
  );
  return rows.map((r) => r.youthId);
}

export type EventFileRow = {
  id: number;
  kind: string;
  fileId: number;
  fileName: string;
  mime: string;
  size: number;
  sha256: string;
  storageKey: string;
  uploadedBy: string | null;
  createdAt: Date | string;
};

const FILE_COLUMNS = sql`ef.id, ef.kind, f.id as "fileId", f.name as "fileName", f.mime, f.size::float8 as size,
  f.sha256, f.storage_key as "storageKey", cu.display_name as "uploadedBy", ef.created_at as "createdAt"`;
const FILE_FROM = sql`youth_event_files ef join files f on f.id = ef.file_id left join users cu on cu.id = ef.created_by`;

export function listFiles(db: Db, eventId: number): Promise<EventFileRow[]> {
  return queryRows<EventFileRow>(
    db,
    sql`select ${FILE_COLUMNS} from ${FILE_FROM} where ef.event_id = ${eventId} and ef.deleted_at is null
        order by ef.created_at desc, ef.id desc`,
  );
}

export async function findFile(db: Db, eventId: number, id: number): Promise<EventFileRow> {
  const rows = await queryRows<EventFileRow>(
    db,
    sql`select ${FILE_COLUMNS} from ${FILE_FROM}
         where ef.id = ${id} and ef.event_id = ${eventId} and ef.deleted_at is null`,
  );
  if (!rows[0]) throw notFound('活动文件');
  return rows[0];
}

export async function insertFile(db: Db, values: typeof youthEventFiles.$inferInsert): Promise<number> {
  const [row] = await db.insert(youthEventFiles).values(values).returning({ id: youthEventFiles.id });
  return row.id;
}

/** Soft delete: the row and the stored file stay for the audit trail and backups. */
export async function markFileDeleted(db: Db, eventId: number, id: number): Promise<boolean> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`update youth_event_files set deleted_at = now()
         where id = ${id} and event_id = ${eventId} and deleted_at is null returning id`,
  );
  return rows.length > 0;
}

export type WorkRow = {
  entryId: number;
  entryNo: number;
  title: string;
  categoryLabel: string;
  awardLevel: string | null;
  publicityConsent: boolean;
  addedBy: string | null;
};

/** Category and award named from the call's own lists (keys stay when a label is missing). */
const WORK_COLUMNS = sql`ce.id as "entryId", ce.entry_no as "entryNo", w.title,
  coalesce((select x->>'label' from jsonb_array_elements(c.categories) x where x->>'key' = w.category_key limit 1),
           w.category_key) as "categoryLabel",
  case when ce.award_level_key is null then null else
    coalesce((select x->>'label' from jsonb_array_elements(c.award_levels) x where x->>'key' = ce.award_level_key
              limit 1), ce.award_level_key) end as "awardLevel",
  w.publicity_consent as "publicityConsent"`;

/** The works an event shows, by entry number. */
export function listWorks(db: Db, eventId: number): Promise<WorkRow[]> {
  return queryRows<WorkRow>(
    db,
    sql`select ${WORK_COLUMNS}, au.display_name as "addedBy"
          from youth_event_works ew join call_entries ce on ce.id = ew.entry_id join works w on w.id = ce.work_id
          join calls c on c.id = ce.call_id left join users au on au.id = ew.added_by
         where ew.event_id = ${eventId} order by ce.entry_no`,
  );
}

/**
 * The works of a call an event may show: passed the formal review (eligible, awarded ones included) and not
 * withdrawn by the entrant; awarded works first. With `ids`, only those among them.
 */
export function showableWorks(db: Db, callId: number, ids?: number[]): Promise<WorkRow[]> {
  return queryRows<WorkRow>(
    db,
    sql`select ${WORK_COLUMNS}, null as "addedBy"
          from call_entries ce join works w on w.id = ce.work_id join calls c on c.id = ce.call_id
         where ce.call_id = ${callId} and ce.status = 'eligible' and w.status <> 'withdrawn'
           ${ids ? sql`and ce.id = any(${`{${ids.join(',')}}`}::int[])` : sql``}
         order by ce.award_level_key is null, ce.final_score desc nulls last, ce.entry_no limit 500`,
  );
}

/** Adds the works not on the event yet; returns how many rows were added. */
export async function insertWorks(db: Db, eventId: number, entryIds: number[], userId: number) {
  const rows = await queryRows<{ entryId: number }>(
    db,
    sql`insert into youth_event_works (event_id, entry_id, added_by)
        select ${eventId}, v, ${userId} from unnest(${`{${entryIds.join(',')}}`}::int[]) as v
        on conflict do nothing returning entry_id as "entryId"`,
  );
  return rows.length;
}

export async function deleteWork(db: Db, eventId: number, entryId: number): Promise<boolean> {
  const rows = await queryRows<{ entryId: number }>(
    db,
    sql`delete from youth_event_works where event_id = ${eventId} and entry_id = ${entryId}
        returning entry_id as "entryId"`,
  );
  return rows.length > 0;
}

export async function countWorks(db: Db, eventId: number): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from youth_event_works where event_id = ${eventId}`,
  );
  return rows[0]?.n ?? 0;
}
