import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { callEntries, callRounds, calls, units, workEntrants, works } from '../../db/schema';
import type { CallAwardLevel } from '../../db/schema';
import { insertCallEntry } from '../calls/call-entries.repo';

/**
 * Calls whose judging is over, written straight to the tables (the API tests and the browser tests'
 * seed share them): awards and recommendation start where judging leaves a call.
 */

export const LEVELS: CallAwardLevel[] = [
  { key: 'first', label: '一等奖', count: 1 },
  { key: 'second', label: '二等奖', count: 2 },
  { key: 'third', label: '三等奖', count: 3 },
];

const CATEGORIES = [
  { key: 'painting', label: '绘画', kinds: ['image' as const], maxFiles: 3, maxMb: 20 },
  { key: 'music', label: '音乐', kinds: ['audio' as const], maxFiles: 1, maxMb: 50 },
];

const unitByCode = async (db: Db, code: string) =>
  (await db.select({ id: units.id }).from(units).where(eq(units.code, code)))[0].id;

export async function seedCall(
  db: Db,
  o: {
    unitCode: string;
    title: string;
    slug: string;
    status?: 'draft' | 'published' | 'finished';
    parentCallId?: number;
    recommendQuota?: number;
    publicityDays?: number;
    judged?: boolean;
  },
): Promise<{ id: number; unitId: number }> {
  const unitId = await unitByCode(db, o.unitCode);
  const now = Date.now();
  const [row] = await db
    .insert(calls)
    .values({
      unitId,
      slug: o.slug,
      title: o.title,
      categories: CATEGORIES,
      rubric: [{ key: 'art', label: '艺术性', weight: 100, maxScore: 10, description: '' }],
      awardLevels: LEVELS,
      status: o.status ?? 'published',
      opensAt: new Date(now - 30 * 86_400_000),
      closesAt: new Date(now - 10 * 86_400_000),
      parentCallId: o.parentCallId,
      recommendQuota: o.recommendQuota ?? 0,
      publicityDays: o.publicityDays ?? 7,
    })
    .returning({ id: calls.id });
  if (o.judged ?? true) {
    await db
      .insert(callRounds)
      .values({ callId: row.id, seq: 1, name: '初评', status: 'closed', closedAt: new Date() });
  }
  return { id: row.id, unitId };
}

/** An eligible entry with its final score; entrants' places by unit code. */
export async function seedScoredEntry(
  db: Db,
  o: {
    callId: number;
    unitId: number;
    title: string;
    score: number | null;
    consent?: boolean;
    category?: string;
    status?: 'eligible' | 'ineligible';
    entrants: { name: string; placeCode?: string }[];
  },
): Promise<{ entryId: number; workId: number; entryNo: number }> {
  const [work] = await db
    .insert(works)
    .values({
      unitId: o.unitId,
      callId: o.callId,
      receiptIdx: crypto.randomBytes(16).toString('hex'),
      title: o.title,
      categoryKey: o.category ?? 'painting',
      originalityAt: new Date(),
      publicityConsent: o.consent ?? true,
      channel: 'web',
    })
    .returning({ id: works.id });
  for (const [position, p] of o.entrants.entries()) {
    await db.insert(workEntrants).values({
      workId: work.id,
      position,
      name: p.name,
      ageBand: 'adult',
      placeUnitId: p.placeCode ? await unitByCode(db, p.placeCode) : null,
    });
  }
  const entry = await db.transaction((tx) =>
    insertCallEntry(tx, { callId: o.callId, workId: work.id, origin: 'public' }),
  );
  await db
    .update(callEntries)
    .set({ status: o.status ?? 'eligible', finalScore: o.score })
    .where(eq(callEntries.id, entry.id));
  return { entryId: entry.id, workId: work.id, entryNo: entry.entryNo };
}
