import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { sessions, units, users } from '../../db/schema';

export type SessionRow = typeof sessions.$inferSelect;

export async function insertSession(db: Db, row: typeof sessions.$inferInsert) {
  await db.insert(sessions).values(row);
}

/** The session with its user and unit path, or nothing. */
export async function findSessionWithUser(db: Db, id: string) {
  const rows = await db
    .select({ session: sessions, user: users, unitPath: units.path })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(units, eq(units.id, users.unitId))
    .where(eq(sessions.id, id))
    .limit(1);
  return rows[0];
}

export async function touchSession(db: Db, id: string) {
  await db
    .update(sessions)
    .set({ lastSeenAt: sql`now()` })
    .where(eq(sessions.id, id));
}

/**
 * Ends a live session because it is being replaced, and returns it; nothing when it had already
 * ended (or a concurrent request replaced it first), so only one replacement can win.
 */
export async function retireSession(db: Db, id: string): Promise<SessionRow | undefined> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: sql`now()`, revokedReason: 'rotated' })
    .where(and(eq(sessions.id, id), isNull(sessions.revokedAt)))
    .returning();
  return rows[0];
}

export async function revokeSession(db: Db, id: string, reason: string) {
  await db
    .update(sessions)
    .set({ revokedAt: sql`now()`, revokedReason: reason })
    .where(and(eq(sessions.id, id), isNull(sessions.revokedAt)));
}

/** Revokes every live session of a user, optionally sparing one (the caller's own). */
export async function revokeUserSessions(db: Db, userId: number, reason: string, except?: string) {
  const res = await db
    .update(sessions)
    .set({ revokedAt: sql`now()`, revokedReason: reason })
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        sql`${sessions.expiresAt} > now()`,
        except ? sql`${sessions.id} <> ${except}` : undefined,
      ),
    )
    .returning({ id: sessions.id });
  return res.length;
}
