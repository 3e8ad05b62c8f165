import { and, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import {
  callEntries,
  callRounds,
  calls,
  judgeAssignments,
  judgeConflicts,
  roundEntries,
  roundJudges,
  users,
  type CallCategory,
  type CallCriterion,
} from '../../db/schema';
import type { Viewer } from '../../platform/access/viewer';
import { inScope } from '../../platform/access/scope';

type Scope = Pick<Viewer, 'unitPath'>;
const idArray = (ids: number[]) => sql`${`{${ids.join(',')}}`}::int[]`;

export type RoundRow = typeof callRounds.$inferSelect;
export type CallInfo = {
  id: number;
  unitId: number;
  title: string;
  categories: CallCategory[];
  rubric: CallCriterion[];
};

export async function callInScope(db: Db, scope: Scope, callId: number): Promise<CallInfo | undefined> {
  const [row] = await db
    .select({
      id: calls.id,
      unitId: calls.unitId,
      title: calls.title,
      categories: calls.categories,
      rubric: calls.rubric,
    })
    .from(calls)
    .where(and(eq(calls.id, callId), inScope(calls.unitId, scope)));
  return row;
}

/** The round and its call, when the call is in the viewer's scope; `lock` takes the round's row. */
export async function roundInScope(db: Db, scope: Scope, roundId: number, lock = false) {
  const q = db
    .select({
      round: callRounds,
      call: {
        id: calls.id,
        unitId: calls.unitId,
        title: calls.title,
        categories: calls.categories,
        rubric: calls.rubric,
      },
    })
    .from(callRounds)
    .innerJoin(calls, eq(calls.id, callRounds.callId))
    .where(and(eq(callRounds.id, roundId), inScope(calls.unitId, scope)));
  const [row] = lock ? await q.for('update', { of: callRounds }) : await q;
  return row as { round: RoundRow; call: CallInfo } | undefined;
}

export async function roundsOfCall(db: Db, callId: number) {
  return queryRows<RoundRow & { entryCount: number; sheetCount: number }>(
    db,
    sql`select r.id, r.call_id as "callId", r.seq, r.name, r.status, r.judges_per_work as "judgesPerWork",
          r.max_per_judge as "maxPerJudge", r.by_category as "byCategory", r.aggregation, r.trim_count as "trimCount",
          r.spread_threshold::float8 as "spreadThreshold", r.advance_kind as "advanceKind",
          r.advance_value::float8 as "advanceValue", r.opened_at as "openedAt", r.closed_at as "closedAt",
          r.created_at as "createdAt", r.version,
          (select count(*)::int from round_entries re where re.round_id = r.id) as "entryCount",
          (select count(*)::int from judge_assignments ja where ja.round_id = r.id) as "sheetCount"
        from call_rounds r where r.call_id = ${callId} order by r.seq`,
  );
}

export type PanelRow = {
  roundId: number;
  userId: number;
  name: string;
  unitName: string;
  categoryKeys: string[];
};

export async function panels(db: Db, roundIds: number[]): Promise<PanelRow[]> {
  if (!roundIds.length) return [];
  return queryRows<PanelRow>(
    db,
    sql`select rj.round_id as "roundId", rj.user_id as "userId", u.display_name as name, un.name as "unitName",
          rj.category_keys as "categoryKeys"
        from round_judges rj join users u on u.id = rj.user_id join units un on un.id = u.unit_id
        where rj.round_id = any(${idArray(roundIds)}) order by rj.added_at, rj.user_id`,
  );
}

export async function lastRound(db: Db, callId: number) {
  const [row] = await db
    .select()
    .from(callRounds)
    .where(eq(callRounds.callId, callId))
    .orderBy(sql`${callRounds.seq} desc`)
    .limit(1)
    .for('update');
  return row;
}

export async function insertRound(tx: Db, values: typeof callRounds.$inferInsert) {
  const [row] = await tx.insert(callRounds).values(values).returning({ id: callRounds.id });
  return row.id;
}

/** Optimistic: false when the round moved on since the caller read it. */
export async function updateRound(
  tx: Db,
  roundId: number,
  version: number,
  patch: Partial<typeof callRounds.$inferInsert>,
): Promise<boolean> {
  const rows = await tx
    .update(callRounds)
    .set({ ...patch, version: sql`${callRounds.version} + 1` })
    .where(and(eq(callRounds.id, roundId), eq(callRounds.version, version)))
    .returning({ id: callRounds.id });
  return rows.length > 0;
}

/** Active 评委 accounts in the viewer's unit and below. */
export async function judgeCandidates(db: Db, scope: Scope, userIds?: number[]) {
  return queryRows<{ userId: number; name: string; unitName: string }>(
    db,
    sql`select u.id as "userId", u.display_name as name, un.name as "unitName"
        from users u join units un on un.id = u.unit_id
        where u.role = 'judge' and u.status = 'active' and ${inScope(sql`u.unit_id`, scope)}
          ${userIds ? sql`and u.id = any(${idArray(userIds)})` : sql``}
        order by un.path, u.display_name, u.id`,
  );
}

export async function replacePanel(
  tx: Db,
  roundId: number,
  judges: { userId: number; categoryKeys: string[] }[],
) {
  await tx.delete(roundJudges).where(eq(roundJudges.roundId, roundId));
  if (judges.length) await tx.insert(roundJudges).values(judges.map((j) => ({ roundId, ...j })));
}

/** Entries a first round judges: formally eligible and not marked as revealing their author. */
export async function eligibleEntryIds(tx: Db, callId: number): Promise<number[]> {
  const rows = await tx
    .select({ id: callEntries.id })
    .from(callEntries)
    .where(
      and(
        eq(callEntries.callId, callId),
        eq(callEntries.status, 'eligible'),
        eq(callEntries.identifying, false),
      ),
    );
  return rows.map((r) => r.id);
}

export async function advancedEntryIds(tx: Db, roundId: number): Promise<number[]> {
  const rows = await tx
    .select({ id: roundEntries.entryId })
    .from(roundEntries)
    .where(and(eq(roundEntries.roundId, roundId), eq(roundEntries.advanced, true)));
  return rows.map((r) => r.id);
}

/** Makes the round's entries exactly `entryIds` (their sheets go with the entries that leave). */
export async function syncRoundEntries(tx: Db, roundId: number, entryIds: number[]) {
  await queryRows(
    tx,
    sql`delete from judge_assignments where round_id = ${roundId} and entry_id <> all(${idArray(entryIds)})`,
  );
  await queryRows(
    tx,
    sql`delete from round_entries where round_id = ${roundId} and entry_id <> all(${idArray(entryIds)})`,
  );
  await queryRows(
    tx,
    sql`insert into round_entries (round_id, entry_id)
        select ${roundId}, e from unnest(${idArray(entryIds)}) e on conflict do nothing`,
  );
}

/** The round's entries, or only `entryId` when given (a one-entry action must not read the whole round). */
export async function roundEntryCategories(db: Db, roundId: number, entryId?: number) {
  return queryRows<{ id: number; categoryKey: string; entryNo: number; title: string }>(
    db,
    sql`select ce.id, w.category_key as "categoryKey", ce.entry_no as "entryNo", w.title
        from round_entries re join call_entries ce on ce.id = re.entry_id join works w on w.id = ce.work_id
        where re.round_id = ${roundId} ${entryId === undefined ? sql`` : sql`and re.entry_id = ${entryId}`}
        order by ce.entry_no`,
  );
}

/**
 * At most `limit` of the round's entries whose title contains `pattern` or whose number is `entryNo`,
 * in entry order; without either, the first ones.
 */
export async function roundEntryOptions(
  db: Db,
  roundId: number,
  f: { pattern?: string; entryNo?: number },
  limit: number,
) {
  const match: ReturnType<typeof sql>[] = [];
  if (f.pattern) match.push(sql`w.title like ${f.pattern}`);
  if (f.entryNo !== undefined) match.push(sql`ce.entry_no = ${f.entryNo}`);
  return queryRows<{ id: number; categoryKey: string; entryNo: number; title: string }>(
    db,
    sql`select ce.id, w.category_key as "categoryKey", ce.entry_no as "entryNo", w.title
        from round_entries re join call_entries ce on ce.id = re.entry_id join works w on w.id = ce.work_id
        where re.round_id = ${roundId} ${match.length ? sql`and (${sql.join(match, sql` or `)})` : sql``}
        order by ce.entry_no limit ${limit}`,
  );
}

/**
 * Conflicts the data already shows, for the round's panel and entries: the judge's account is the
 * mentor of an entrant in a signed, running or completed pairing; or the judge's unit keeps an entrant's
 * registry record or is the entrant's place. Not the call's own unit: its formal review files every
 * eligible entrant in its registry, and a county is its entrants' place, so judges of the organiser's
 * own unit (the only ones a county call has) would be conflicted with every entry.
 */
export async function deriveConflicts(tx: Db, roundId: number) {
  const entrants = sql`
    from round_entries re
    join call_entries ce on ce.id = re.entry_id
    join work_entrants we on we.work_id = ce.work_id
    join round_judges rj on rj.round_id = re.round_id
    join users u on u.id = rj.user_id
    where re.round_id = ${roundId}`;
  await queryRows(
    tx,
    sql`insert into judge_conflicts (call_id, judge_user_id, entry_id, source, reason)
        select distinct ce.call_id, u.id, ce.id, 'mentor', '评委是参赛者的梦想导师' ${entrants}
          and exists (select 1 from mentor_pairings mp join mentors m on m.id = mp.mentor_id
                      where m.user_id = u.id and mp.status in ('signed', 'active', 'completed')
                        and mp.youth_id in (we.youth_id, we.matched_youth_id))
        on conflict do nothing`,
  );
  await queryRows(
    tx,
    sql`insert into judge_conflicts (call_id, judge_user_id, entry_id, source, reason)
        select distinct ce.call_id, u.id, ce.id, 'unit', '评委与参赛者属同一单位' ${entrants}
          and u.unit_id <> ce.unit_id
          and (u.unit_id = we.place_unit_id
               or exists (select 1 from youth y where y.id in (we.youth_id, we.matched_youth_id) and y.unit_id = u.unit_id))
        on conflict do nothing`,
  );
}

export async function conflictPairs(
  db: Db,
  callId: number,
  entryId?: number,
): Promise<{ judgeUserId: number; entryId: number }[]> {
  return db
    .selectDistinct({ judgeUserId: judgeConflicts.judgeUserId, entryId: judgeConflicts.entryId })
    .from(judgeConflicts)
    .where(
      and(
        eq(judgeConflicts.callId, callId),
        entryId === undefined ? undefined : eq(judgeConflicts.entryId, entryId),
      ),
    );
}

export async function conflictsOfRound(db: Db, roundId: number) {
  return queryRows<{
    id: number;
    judgeUserId: number;
    judgeName: string;
    entryId: number;
    entryNo: number;
    title: string;
    source: 'declared' | 'mentor' | 'unit' | 'organiser';
    reason: string;
    createdAt: Date | string;
  }>(
    db,
    sql`select jc.id, jc.judge_user_id as "judgeUserId", u.display_name as "judgeName", jc.entry_id as "entryId",
          ce.entry_no as "entryNo", w.title, jc.source, jc.reason, jc.created_at as "createdAt"
        from call_rounds r
        join round_entries re on re.round_id = r.id
        join judge_conflicts jc on jc.call_id = r.call_id and jc.entry_id = re.entry_id
        join round_judges rj on rj.round_id = r.id and rj.user_id = jc.judge_user_id
        join users u on u.id = jc.judge_user_id
        join call_entries ce on ce.id = jc.entry_id join works w on w.id = ce.work_id
        where r.id = ${roundId} order by ce.entry_no, u.display_name, jc.id`,
  );
}

export async function insertConflict(tx: Db, values: typeof judgeConflicts.$inferInsert) {
  await tx.insert(judgeConflicts).values(values).onConflictDoNothing();
}

export async function replaceAssignments(
  tx: Db,
  roundId: number,
  pairs: { entryId: number; judgeUserId: number }[],
) {
  await tx.delete(judgeAssignments).where(eq(judgeAssignments.roundId, roundId));
  // Two array parameters, not a VALUES row per sheet: the text and the parameter count stay the same
  // whatever the round's size (15,000 sheets were 45,000 parameters, near PostgreSQL's 65,535).
  if (pairs.length) {
    await queryRows(
      tx,
      sql`insert into judge_assignments (round_id, entry_id, judge_user_id)
          select ${roundId}, p.entry_id, p.judge_user_id
          from unnest(${idArray(pairs.map((p) => p.entryId))}, ${idArray(pairs.map((p) => p.judgeUserId))})
            as p(entry_id, judge_user_id)`,
    );
  }
}

export async function sheetsOfRound(db: Db, roundId: number, entryId?: number) {
  return db
    .select({
      id: judgeAssignments.id,
      entryId: judgeAssignments.entryId,
      judgeUserId: judgeAssignments.judgeUserId,
      status: judgeAssignments.status,
      total: judgeAssignments.total,
      comment: judgeAssignments.comment,
      abstainReason: judgeAssignments.abstainReason,
      rescoreNote: judgeAssignments.rescoreNote,
    })
    .from(judgeAssignments)
    .where(
      and(
        eq(judgeAssignments.roundId, roundId),
        entryId === undefined ? undefined : eq(judgeAssignments.entryId, entryId),
      ),
    )
    .orderBy(judgeAssignments.entryId, judgeAssignments.judgeUserId);
}

export async function removeSheet(tx: Db, roundId: number, entryId: number, judgeUserId: number) {
  await tx
    .delete(judgeAssignments)
    .where(
      and(
        eq(judgeAssignments.roundId, roundId),
        eq(judgeAssignments.entryId, entryId),
        eq(judgeAssignments.judgeUserId, judgeUserId),
      ),
    );
}

export async function addSheet(tx: Db, roundId: number, entryId: number, judgeUserId: number) {
  await tx.insert(judgeAssignments).values({ roundId, entryId, judgeUserId }).onConflictDoNothing();
}

/** Asks the named judges to look again; the sheet keeps its scores until they submit anew. */
export async function markRescore(
  tx: Db,
  roundId: number,
  entryId: number,
  judgeUserIds: number[],
  note: string,
) {
  return tx
    .update(judgeAssignments)
    .set({
      status: 'rescore',
      rescoreNote: note,
      rescoreRequestedAt: new Date(),
      version: sql`${judgeAssignments.version} + 1`,
    })
    .where(
      and(
        eq(judgeAssignments.roundId, roundId),
        eq(judgeAssignments.entryId, entryId),
        inArray(judgeAssignments.judgeUserId, judgeUserIds),
        inArray(judgeAssignments.status, ['submitted', 'rescore']),
      ),
    )
    .returning({ judgeUserId: judgeAssignments.judgeUserId });
}

/** A PostgreSQL array literal, nulls included: one parameter whatever the round's size. */
const arrayOf = (values: (number | boolean | null)[], type: string) =>
  sql`${`{${values.map((v) => (v === null ? 'NULL' : String(v))).join(',')}}`}::${sql.raw(type)}[]`;

/** Each entry's aggregate, spread, rank and advance in the round; its score becomes the entry's final score. */
export async function writeRoundResults(
  tx: Db,
  roundId: number,
  rows: {
    entryId: number;
    score: number | null;
    spread: number | null;
    rank: number | null;
    advanced: boolean;
  }[],
) {
  if (!rows.length) return;
  const values = sql`unnest(${arrayOf(
    rows.map((r) => r.entryId),
    'int',
  )}, ${arrayOf(
    rows.map((r) => r.score),
    'numeric',
  )},
    ${arrayOf(
      rows.map((r) => r.spread),
      'numeric',
    )}, ${arrayOf(
      rows.map((r) => r.rank),
      'int',
    )},
    ${arrayOf(
      rows.map((r) => r.advanced),
      'boolean',
    )}) as v(entry_id, score, spread, rank, advanced)`;
  await queryRows(
    tx,
    sql`update round_entries re set score = v.score, spread = v.spread, rank = v.rank, advanced = v.advanced
        from ${values} where re.round_id = ${roundId} and re.entry_id = v.entry_id`,
  );
  await queryRows(
    tx,
    sql`update call_entries ce set final_score = v.score, updated_at = now(), version = ce.version + 1
        from ${values} where ce.id = v.entry_id`,
  );
}

export async function roundResults(db: Db, roundId: number) {
  return db
    .select({
      entryId: roundEntries.entryId,
      score: roundEntries.score,
      spread: roundEntries.spread,
      rank: roundEntries.rank,
      advanced: roundEntries.advanced,
    })
    .from(roundEntries)
    .where(eq(roundEntries.roundId, roundId));
}

export const usersById = (db: Db, ids: number[]) =>
  ids.length
    ? db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, ids))
    : Promise.resolve([]);

/** The panel with each judge's current load, for giving a sheet a judge has left to another. */
export async function roundLoads(db: Db, roundId: number) {
  return queryRows<{ userId: number; categoryKeys: string[]; load: number }>(
    db,
    sql`select rj.user_id as "userId", rj.category_keys as "categoryKeys",
          (select count(*)::int from judge_assignments ja
            where ja.round_id = rj.round_id and ja.judge_user_id = rj.user_id) as load
        from round_judges rj where rj.round_id = ${roundId}`,
  );
}

export async function roundById(db: Db, roundId: number) {
  const [row] = await db.select().from(callRounds).where(eq(callRounds.id, roundId));
  return row;
}
