import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { accountNotices } from '../../db/schema';

export type NoticeKind = (typeof accountNotices.$inferInsert)['kind'];

export async function insertAccountNotice(
  db: Db,
  row: { userId: number; unitId: number; kind: NoticeKind; actorLabel: string },
): Promise<void> {
  await db.insert(accountNotices).values(row);
}

/** Notices the user has not yet been shown at a completed sign-in, oldest first. */
export async function pendingAccountNotices(db: Db, userId: number) {
  return db
    .select({
      id: accountNotices.id,
      kind: accountNotices.kind,
      actorLabel: accountNotices.actorLabel,
      createdAt: accountNotices.createdAt,
    })
    .from(accountNotices)
    .where(and(eq(accountNotices.userId, userId), isNull(accountNotices.acknowledgedAt)))
    .orderBy(asc(accountNotices.id));
}

export async function acknowledgeAccountNotices(db: Db, userId: number, ids: number[]): Promise<void> {
  if (!ids.length) return;
  await db
    .update(accountNotices)
    .set({ acknowledgedAt: sql`now()` })
    .where(and(eq(accountNotices.userId, userId), inArray(accountNotices.id, ids)));
}
