import { and, desc, eq, notInArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { passwordHistory } from '../../db/schema';
import { verifyPassword } from './passwords';

/** How many of a user's passwords, the current one included, may not be chosen again. */
export const PASSWORD_HISTORY_SIZE = 5;

/**
 * Whether the password is one of the user's last five: the current hash (accounts made before the
 * history existed have only that) and the remembered ones. Argon2 verifies, one per hash: at most six.
 */
export async function isRecentPassword(
  db: Db,
  user: { id: number; passwordHash: string },
  password: string,
): Promise<boolean> {
  const rows = await db
    .select({ hash: passwordHistory.passwordHash })
    .from(passwordHistory)
    .where(eq(passwordHistory.userId, user.id))
    .orderBy(desc(passwordHistory.id))
    .limit(PASSWORD_HISTORY_SIZE);
  const hashes = new Set([user.passwordHash, ...rows.map((r) => r.hash)]);
  for (const hash of hashes) if (await verifyPassword(hash, password)) return true;
  return false;
}

/** Remembers a password just set and forgets all but the last five. */
export async function rememberPassword(
  db: Db,
  user: { id: number; unitId: number },
  passwordHash: string,
): Promise<void> {
  await db.insert(passwordHistory).values({ userId: user.id, unitId: user.unitId, passwordHash });
  const kept = (
    await db
      .select({ id: passwordHistory.id })
      .from(passwordHistory)
      .where(eq(passwordHistory.userId, user.id))
      .orderBy(desc(passwordHistory.id))
      .limit(PASSWORD_HISTORY_SIZE)
  ).map((r) => r.id);
  await db
    .delete(passwordHistory)
    .where(and(eq(passwordHistory.userId, user.id), notInArray(passwordHistory.id, kept)));
}
