import { alias } from 'drizzle-orm/pg-core';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import { callEntries, callRounds, calls, units, works } from '../../db/schema';
import type { CallAwardLevel } from '../../db/schema';

/** Rounds of the call: judging is finished when there is one and every one is closed. */
export async function roundStates(db: Db, callId: number) {
  const [row] = await db
    .select({
      total: sql<number>`count(*)::int`,
      open: sql<number>`count(*) filter (where ${callRounds.status} <> 'closed')::int`,
    })
    .from(callRounds)
    .where(eq(callRounds.callId, callId));
  return { total: Number(row.total), open: Number(row.open) };
}

const source = alias(callEntries, 'source');

/** The lower call's entries as they stand in the higher call (withdrawn ones included). */
export async function recommendationsOf(db: Db, lowerCallId: number, parentCallId: number) {
  return db
    .select({
      id: callEntries.id,
      sourceEntryId: source.id,
      status: callEntries.status,
      reviewedAt: callEntries.reviewedAt,
      note: callEntries.recommendNote,
      recommendedAt: callEntries.recommendedAt,
    })
    .from(callEntries)
    .innerJoin(source, eq(source.id, callEntries.sourceEntryId))
    .where(and(eq(callEntries.callId, parentCallId), eq(source.callId, lowerCallId)));
}

/** An entry of the lower call with its work, for recommending it. */
export async function lowerEntries(db: Db, callId: number, ids: number[]) {
  return db
    .select({
      id: callEntries.id,
      workId: callEntries.workId,
      status: callEntries.status,
      finalScore: callEntries.finalScore,
    })
    .from(callEntries)
    .where(and(eq(callEntries.callId, callId), inArray(callEntries.id, ids)));
}

export async function entryOfWork(db: Db, callId: number, workId: number) {
  const [row] = await db
    .select({ id: callEntries.id, origin: callEntries.origin, status: callEntries.status })
    .from(callEntries)
    .where(and(eq(callEntries.callId, callId), eq(callEntries.workId, workId)));
  return row;
}

/** A withdrawn recommendation made again: the same entry (and number) in the higher call. */
export async function renewRecommendation(
  tx: Db,
  id: number,
  o: {
    sourceEntryId: number;
    recommendedByUnitId: number;
    recommendedBy: number;
    recommendNote: string | null;
  },
) {
  const now = new Date();
  await tx
    .update(callEntries)
    .set({ ...o, status: 'submitted', recommendedAt: now, updatedAt: now })
    .where(eq(callEntries.id, id));
}

/** Withdraws a recommendation the higher level has not reviewed; false when it has (even a moment ago). */
export async function withdraw(tx: Db, id: number): Promise<boolean> {
  const rows = await tx
    .update(callEntries)
    .set({ status: 'withdrawn', reviewReason: '下级撤回推荐', updatedAt: new Date() })
    .where(and(eq(callEntries.id, id), eq(callEntries.status, 'submitted'), isNull(callEntries.reviewedAt)))
    .returning({ id: callEntries.id });
  return rows.length > 0;
}

/** The calls that recommend to this one, with their units and quotas. */
export async function lowerCalls(db: Db, parentCallId: number) {
  return db
    .select({
      id: calls.id,
      title: calls.title,
      unitName: units.name,
    })
    .from(calls)
    .innerJoin(units, eq(units.id, calls.unitId))
    .where(eq(calls.parentCallId, parentCallId))
    .orderBy(asc(units.path), asc(calls.id));
}

/** Entries recommended into this call, with the lower call each came from. */
export async function receivedEntries(db: Db, parentCallId: number) {
  return db
    .select({
      id: callEntries.id,
      entryNo: callEntries.entryNo,
      status: callEntries.status,
      recommendedAt: callEntries.recommendedAt,
      title: works.title,
      fromCallId: source.callId,
    })
    .from(callEntries)
    .innerJoin(source, eq(source.id, callEntries.sourceEntryId))
    .innerJoin(works, eq(works.id, callEntries.workId))
    .where(and(eq(callEntries.callId, parentCallId), eq(callEntries.origin, 'recommended')))
    .orderBy(asc(callEntries.entryNo));
}

export type ChainRow = {
  rootId: number;
  depth: number;
  entryNo: number;
  finalScore: number | null;
  awardLevelKey: string | null;
  recommendNote: string | null;
  callTitle: string;
  awardLevels: CallAwardLevel[];
  unitName: string;
  recommendedByName: string | null;
};

/** Each entry's way up: itself, the entry it was recommended from, and so on down to the first call. */
export async function chains(db: Db, entryIds: number[]): Promise<ChainRow[]> {
  if (entryIds.length === 0) return [];
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`with recursive chain as (
          select e.id as root_id, 0 as depth, e.* from call_entries e
           where e.id = any(${`{${entryIds.join(',')}}`}::int[])
          union all
          select c.root_id, c.depth + 1, s.* from call_entries s join chain c on s.id = c.source_entry_id
        )
        select chain.root_id, chain.depth, chain.entry_no, chain.final_score, chain.award_level_key,
               chain.recommend_note, k.title as call_title, k.award_levels, u.name as unit_name,
               r.display_name as recommended_by_name
          from chain
          join calls k on k.id = chain.call_id
          join units u on u.id = k.unit_id
          left join users r on r.id = chain.recommended_by
         order by chain.root_id, chain.depth desc`,
  );
  return rows.map((r) => ({
    rootId: Number(r.root_id),
    depth: Number(r.depth),
    entryNo: Number(r.entry_no),
    finalScore: r.final_score === null ? null : Number(r.final_score),
    awardLevelKey: r.award_level_key as string | null,
    recommendNote: r.recommend_note as string | null,
    callTitle: r.call_title as string,
    awardLevels: (typeof r.award_levels === 'string'
      ? JSON.parse(r.award_levels)
      : r.award_levels) as CallAwardLevel[],
    unitName: r.unit_name as string,
    recommendedByName: r.recommended_by_name as string | null,
  }));
}
