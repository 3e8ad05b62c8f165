import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import { callEntries, calls, workEntrants } from '../../db/schema';
import type { Viewer } from '../../platform/access/viewer';
import { inScope } from '../../platform/access/scope';
import { notFound } from '../../platform/http/errors';

export type NewCallEntry = {
  callId: number;
  workId: number;
  origin: 'public' | 'recommended';
  sourceEntryId?: number;
  recommendedByUnitId?: number;
  recommendedBy?: number;
  recommendNote?: string | null;
};

/**
 * Enters a work in a call, numbering it within the call (作品 0007 is how judges know it). The call's row
 * is locked first, so two entries arriving together never take the same number. The lock is NO KEY UPDATE:
 * a transaction that already inserted a row referring to the call holds KEY SHARE on it, and FOR UPDATE
 * would let two such transactions deadlock on PostgreSQL. Call inside a transaction.
 */
export async function insertCallEntry(tx: Db, entry: NewCallEntry): Promise<{ id: number; entryNo: number }> {
  const [call] = await tx
    .select({ unitId: calls.unitId })
    .from(calls)
    .where(eq(calls.id, entry.callId))
    .for('no key update');
  if (!call) throw new Error(`call ${entry.callId} does not exist`);
  const [{ next }] = await tx
    .select({ next: sql<number>`coalesce(max(${callEntries.entryNo}), 0)::int + 1` })
    .from(callEntries)
    .where(eq(callEntries.callId, entry.callId));
  const [row] = await tx
    .insert(callEntries)
    .values({
      callId: entry.callId,
      workId: entry.workId,
      unitId: call.unitId,
      entryNo: next,
      origin: entry.origin,
      sourceEntryId: entry.sourceEntryId,
      recommendedByUnitId: entry.recommendedByUnitId,
      recommendedBy: entry.recommendedBy,
      recommendedAt: entry.origin === 'recommended' ? new Date() : undefined,
      recommendNote: entry.recommendNote ?? undefined,
    })
    .returning({ id: callEntries.id, entryNo: callEntries.entryNo });
  return row;
}

/** How judges and the public results page name an entry: never by its title's author. */
export const entryLabel = (entryNo: number) => `作品 ${String(entryNo).padStart(4, '0')}`;

type Scope = Pick<Viewer, 'unitPath'>;
export type EntryStatus = 'submitted' | 'eligible' | 'incomplete' | 'ineligible' | 'duplicate' | 'withdrawn';

/** A list of ids as one array parameter: the SQL text stays the same whatever the batch's size. */
const idArray = (ids: number[]) => sql`${`{${ids.join(',')}}`}::int[]`;

export type EntryRow = {
  id: number;
  callId: number;
  unitId: number;
  entryNo: number;
  workId: number;
  title: string;
  categoryKey: string;
  entrantNames: string[];
  ageBands: ('adult' | 'minor' | 'child')[];
  groupName: string | null;
  filesCount: number;
  status: EntryStatus;
  reviewReason: string | null;
  identifying: boolean;
  origin: 'public' | 'recommended';
  recommendedByUnitName: string | null;
  workWithdrawn: boolean;
  createdAt: Date | string;
  version: number;
};

export type EntryFullRow = EntryRow & {
  callTitle: string;
  description: string;
  originalityAt: Date | string;
  publicityConsent: boolean;
  channel: string;
  identifyingNote: string | null;
  reviewedByName: string | null;
  reviewedAt: Date | string | null;
  recommendNote: string | null;
  selfEditedAt: Date | string | null;
};

const LIST_COLUMNS = sql`e.id, e.call_id as "callId", e.unit_id as "unitId", e.entry_no as "entryNo",
  e.work_id as "workId", w.title, w.category_key as "categoryKey",
  array(select we.name from work_entrants we where we.work_id = w.id order by we.position) as "entrantNames",
  array(select we.age_band from work_entrants we where we.work_id = w.id order by we.position) as "ageBands",
  w.group_name as "groupName",
  (select count(*)::int from work_files wf where wf.work_id = w.id and wf.removed_at is null) as "filesCount",
  e.status, e.review_reason as "reviewReason", e.identifying, e.origin,
  ru.name as "recommendedByUnitName", (w.status = 'withdrawn') as "workWithdrawn", e.created_at as "createdAt",
  e.version`;

const FULL_COLUMNS = sql`${LIST_COLUMNS}, c.title as "callTitle", w.description, w.originality_at as "originalityAt",
  w.publicity_consent as "publicityConsent", w.channel, e.identifying_note as "identifyingNote",
  rv.display_name as "reviewedByName", e.reviewed_at as "reviewedAt", e.recommend_note as "recommendNote",
  w.self_edited_at as "selfEditedAt"`;

const FROM = sql`call_entries e join works w on w.id = e.work_id join calls c on c.id = e.call_id
  left join units ru on ru.id = e.recommended_by_unit_id left join users rv on rv.id = e.reviewed_by`;

export const ENTRY_ORDER: Record<string, SQL> = {
  entryNo: sql`e.entry_no`,
  createdAt: sql`e.created_at`,
  title: sql`w.title`,
};

export type EntryConditions = {
  status?: EntryStatus | null;
  categoryKey?: string | null;
  origin?: 'public' | 'recommended' | null;
  identifying?: boolean | null;
  /** Title or an entrant's name (contains), or the entry's number. */
  pattern?: string;
  entryNo?: number;
};

function whereOf(scope: Scope, callId: number, f: EntryConditions): SQL {
  const c: SQL[] = [sql`e.call_id = ${callId}`, inScope(sql`e.unit_id`, scope)];
  if (f.status) c.push(sql`e.status = ${f.status}`);
  if (f.categoryKey) c.push(sql`w.category_key = ${f.categoryKey}`);
  if (f.origin) c.push(sql`e.origin = ${f.origin}`);
  if (f.identifying !== undefined && f.identifying !== null) c.push(sql`e.identifying = ${f.identifying}`);
  const keyword: SQL[] = [];
  if (f.pattern) {
    keyword.push(sql`w.title like ${f.pattern}`);
    keyword.push(
      sql`exists (select 1 from work_entrants ke where ke.work_id = w.id and ke.name like ${f.pattern})`,
    );
  }
  if (f.entryNo !== undefined) keyword.push(sql`e.entry_no = ${f.entryNo}`);
  if (keyword.length) c.push(sql`(${sql.join(keyword, sql` or `)})`);
  return sql.join(c, sql` and `);
}

export async function searchEntryRows(
  db: Db,
  scope: Scope,
  callId: number,
  f: EntryConditions,
  o: { order: SQL; limit: number; offset: number },
): Promise<{ rows: EntryRow[]; total: number }> {
  const where = whereOf(scope, callId, f);
  const [rows, [count]] = await Promise.all([
    queryRows<EntryRow>(
      db,
      sql`select ${LIST_COLUMNS} from ${FROM} where ${where} order by ${o.order}, e.id desc
          limit ${o.limit} offset ${o.offset}`,
    ),
    queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from call_entries e join works w on w.id = e.work_id where ${where}`,
    ),
  ]);
  return { rows, total: count.n };
}

export async function findEntry(db: Db, scope: Scope, id: number): Promise<EntryFullRow> {
  const rows = await queryRows<EntryFullRow>(
    db,
    sql`select ${FULL_COLUMNS} from ${FROM} where e.id = ${id} and ${inScope(sql`e.unit_id`, scope)}`,
  );
  if (!rows[0]) throw notFound('作品');
  return rows[0];
}

/** The viewer's entries of the call among `ids`, unlocked: a batch's scope check before anything is written. */
export function entriesInScope(db: Db, scope: Scope, callId: number, ids: number[]) {
  return queryRows<{ id: number; entryNo: number }>(
    db,
    sql`select e.id, e.entry_no as "entryNo" from call_entries e
        where e.id = any(${idArray(ids)}) and e.call_id = ${callId} and ${inScope(sql`e.unit_id`, scope)}`,
  );
}

/** Locks the viewer's entries among `ids` in id order; those outside the scope are not returned. */
export function lockEntries(db: Db, scope: Scope, ids: number[]): Promise<EntryFullRow[]> {
  return queryRows<EntryFullRow>(
    db,
    sql`select ${FULL_COLUMNS} from ${FROM} where e.id = any(${idArray(ids)}) and ${inScope(sql`e.unit_id`, scope)}
        order by e.id for update of e`,
  );
}

export type EntryValues = Partial<
  Pick<
    typeof callEntries.$inferInsert,
    'status' | 'reviewReason' | 'reviewedBy' | 'reviewedAt' | 'identifying' | 'identifyingNote'
  >
>;

export async function updateEntryRow(
  db: Db,
  id: number,
  version: number,
  values: EntryValues,
): Promise<boolean> {
  const rows = await db
    .update(callEntries)
    .set({ ...values, version: sql`${callEntries.version} + 1`, updatedAt: new Date() })
    .where(and(eq(callEntries.id, id), eq(callEntries.version, version)))
    .returning({ id: callEntries.id });
  return rows.length === 1;
}

/** Whether any judging round has taken the entry: its verdict is then settled. */
export async function inAnyRound(db: Db, entryId: number): Promise<boolean> {
  const rows = await queryRows<{ one: number }>(
    db,
    sql`select 1 as one from round_entries where entry_id = ${entryId} limit 1`,
  );
  return rows.length > 0;
}

export type EntrantRow = {
  id: number;
  workId: number;
  position: number;
  name: string;
  gender: 'male' | 'female' | null;
  birthDate: string | null;
  idNumberEnc: string | null;
  idNumberIdx: string | null;
  phoneEnc: string | null;
  phoneIdx: string | null;
  placeUnitId: number | null;
  placeName: string | null;
  categoryId: number | null;
  categoryName: string | null;
  ageBand: 'adult' | 'minor' | 'child';
  matchedYouthId: number | null;
  matchedName: string | null;
  matchedUnitName: string | null;
  matchedUnitPath: string | null;
  youthId: number | null;
  linkedName: string | null;
  linkedUnitName: string | null;
  linkedUnitPath: string | null;
};

export function entrantsOf(db: Db, workId: number): Promise<EntrantRow[]> {
  return queryRows<EntrantRow>(
    db,
    sql`select we.id, we.work_id as "workId", we.position, we.name, we.gender, we.birth_date::text as "birthDate",
          we.id_number_enc as "idNumberEnc", we.id_number_idx as "idNumberIdx", we.phone_enc as "phoneEnc",
          we.phone_idx as "phoneIdx", we.place_unit_id as "placeUnitId", pl.name as "placeName",
          we.category_id as "categoryId", dc.label as "categoryName", we.age_band as "ageBand",
          we.matched_youth_id as "matchedYouthId", my.name as "matchedName", mu.name as "matchedUnitName",
          mu.path as "matchedUnitPath", we.youth_id as "youthId", ly.name as "linkedName",
          lu.name as "linkedUnitName", lu.path as "linkedUnitPath"
        from work_entrants we
        left join units pl on pl.id = we.place_unit_id left join dict_items dc on dc.id = we.category_id
        left join youth my on my.id = we.matched_youth_id left join units mu on mu.id = my.unit_id
        left join youth ly on ly.id = we.youth_id left join units lu on lu.id = ly.unit_id
        where we.work_id = ${workId} order by we.position`,
  );
}

/** Links an entrant once; an entrant linked meanwhile (another level's review) keeps that record. */
export async function linkEntrant(db: Db, entrantId: number, youthId: number): Promise<boolean> {
  const rows = await db
    .update(workEntrants)
    .set({ youthId })
    .where(and(eq(workEntrants.id, entrantId), isNull(workEntrants.youthId)))
    .returning({ id: workEntrants.id });
  return rows.length === 1;
}

export type EntryFileRow = {
  id: number;
  fileId: number;
  position: number;
  kind: 'image' | 'pdf' | 'audio' | 'video' | 'text' | 'document';
  originalName: string;
  size: number;
  mime: string;
  scrubbed: boolean;
  removedAt: Date | string | null;
  storageKey: string;
  sha256: string;
};

export function filesOf(db: Db, workId: number): Promise<EntryFileRow[]> {
  return queryRows<EntryFileRow>(
    db,
    sql`select wf.id, wf.file_id as "fileId", wf.position, wf.kind, f.name as "originalName", f.size::int as size,
          f.mime, wf.scrubbed, wf.removed_at as "removedAt", f.storage_key as "storageKey", f.sha256
        from work_files wf join files f on f.id = wf.file_id where wf.work_id = ${workId} order by wf.position, wf.id`,
  );
}

export type HistoryRow = {
  at: Date | string;
  action: string;
  actorName: string | null;
  detail: Record<string, unknown> | null;
};

/** The review steps the entry's history shows. */
export const HISTORY_ACTIONS = ['calls.entry_reviewed', 'calls.entry_identifying'] as const;

/**
 * What the audit log holds about the entry's review, oldest first. The log has no index on the target:
 * the query walks the (action, at) index from the entry's creation instead of the whole log.
 */
export function historyOf(db: Db, entryId: number, since: Date | string): Promise<HistoryRow[]> {
  return queryRows<HistoryRow>(
    db,
    sql`select a.at, a.action, coalesce(u.display_name, a.username) as "actorName", a.detail
        from audit_log a left join users u on u.id = a.user_id
        where a.action = any(${`{${HISTORY_ACTIONS.join(',')}}`}::text[]) and a.at >= ${new Date(since).toISOString()}::timestamptz
          and a.target_type = 'call_entry' and a.target_id = ${String(entryId)} and a.outcome = 'success'
        order by a.at, a.id limit 200`,
  );
}

/** The national 来源 item every entrant registered from a call is filed under. */
export async function worksSourceId(db: Db): Promise<number | null> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`select id from dict_items where dict_type = 'source' and label = '作品征集' and unit_id is null
        and enabled order by id limit 1`,
  );
  return rows[0]?.id ?? null;
}
