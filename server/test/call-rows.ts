import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client';
import { callEntries, calls, works, workEntrants } from '../db/schema';

/**
 * Calls, works and entries written straight into the tables, for the modules that only read them (the
 * person's timeline, the home and report figures).
 */

export const CATEGORIES = [
  { key: 'calligraphy', label: '书法', kinds: ['image' as const], maxFiles: 3, maxMb: 20 },
  { key: 'song', label: '原创歌曲', kinds: ['audio' as const], maxFiles: 1, maxMb: 50 },
];
export const AWARD_LEVELS = [
  { key: 'first', label: '一等奖', count: 1 },
  { key: 'second', label: '二等奖', count: 3 },
];

export async function insertCall(
  db: Db,
  values: { unitId: number; title: string; awardsFinalAt?: Date; parentCallId?: number },
): Promise<number> {
  const [row] = await db
    .insert(calls)
    .values({
      ...values,
      slug: randomUUID().slice(0, 12),
      categories: CATEGORIES,
      rubric: [{ key: 'idea', label: '立意', weight: 100, maxScore: 10, description: '' }],
      awardLevels: AWARD_LEVELS,
      status: 'published',
      opensAt: new Date('2026-01-01T00:00:00+08:00'),
      closesAt: new Date('2026-12-31T00:00:00+08:00'),
    })
    .returning({ id: calls.id });
  return row.id;
}

async function nextEntryNo(db: Db, callId: number): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select coalesce(max(entry_no), 0)::int + 1 as n from call_entries where call_id = ${callId}`,
  );
  return row.n;
}

/** A work entered on the public site: its entrants (null youthId: not linked to a record) and its entry. */
export async function insertWork(
  db: Db,
  values: {
    callId: number;
    unitId: number;
    title: string;
    categoryKey?: string;
    entrants: (number | null)[];
    at?: Date;
    status?: (typeof callEntries.$inferInsert)['status'];
  },
): Promise<{ workId: number; entryId: number }> {
  const at = values.at ?? new Date();
  const [work] = await db
    .insert(works)
    .values({
      unitId: values.unitId,
      callId: values.callId,
      receiptIdx: randomUUID(),
      title: values.title,
      categoryKey: values.categoryKey ?? 'calligraphy',
      originalityAt: at,
      channel: '官网',
      createdAt: at,
    })
    .returning({ id: works.id });
  await db.insert(workEntrants).values(
    values.entrants.map((youthId, position) => ({
      workId: work.id,
      position,
      name: `参赛者${position + 1}`,
      ageBand: 'adult' as const,
      youthId,
    })),
  );
  const [entry] = await db
    .insert(callEntries)
    .values({
      callId: values.callId,
      workId: work.id,
      unitId: values.unitId,
      entryNo: await nextEntryNo(db, values.callId),
      origin: 'public',
      status: values.status ?? 'eligible',
      createdAt: at,
    })
    .returning({ id: callEntries.id });
  return { workId: work.id, entryId: entry.id };
}

/** A lower unit sends its entry up to the higher call: the same work, a new entry there. */
export async function recommendEntry(
  db: Db,
  values: {
    sourceEntryId: number;
    workId: number;
    toCallId: number;
    toUnitId: number;
    byUnitId: number;
    byUserId?: number;
    at?: Date;
    note?: string;
  },
): Promise<number> {
  const at = values.at ?? new Date();
  const [entry] = await db
    .insert(callEntries)
    .values({
      callId: values.toCallId,
      workId: values.workId,
      unitId: values.toUnitId,
      entryNo: await nextEntryNo(db, values.toCallId),
      origin: 'recommended',
      sourceEntryId: values.sourceEntryId,
      recommendedByUnitId: values.byUnitId,
      recommendedBy: values.byUserId,
      recommendedAt: at,
      recommendNote: values.note,
      createdAt: at,
    })
    .returning({ id: callEntries.id });
  return entry.id;
}
