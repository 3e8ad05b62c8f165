import { and, eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import { loginAttempts, units, users } from '../../db/schema';

export type UserRow = typeof users.$inferSelect;

export async function findUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  const rows = await db.select().from(users).where(eq(users.username, username)).limit(1);
  return rows[0];
}

export async function findUserById(db: Db, id: number): Promise<UserRow | undefined> {
  const rows = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return rows[0];
}

/** The user with their unit, for the `me` answer. */
export async function findUserWithUnit(db: Db, id: number) {
  const rows = await db
    .select({
      user: users,
      unit: { id: units.id, name: units.name, orgName: units.orgName, level: units.level },
    })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(eq(users.id, id))
    .limit(1);
  return rows[0];
}

export async function insertLoginAttempt(db: Db, row: { username: string; ip: string; success: boolean }) {
  await db.insert(loginAttempts).values(row);
}

export async function countRecentIpFailures(db: Db, ip: string, seconds: number): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from login_attempts
        where ip = ${ip} and not success and at > now() - make_interval(secs => ${seconds})`,
  );
  return rows[0]?.n ?? 0;
}

/**
 * Failures that count towards a lockout: within the window, and after both the last successful
 * sign-in and the end of the last lock (an expired or lifted lock starts the count afresh).
 */
export async function countFailuresTowardsLock(
  db: Db,
  username: string,
  windowMinutes: number,
  lockedUntil: Date | null,
): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from login_attempts a
        where a.username = ${username} and not a.success
          and a.at > now() - make_interval(mins => ${windowMinutes})
          and a.at > coalesce((select max(s.at) from login_attempts s where s.username = ${username} and s.success), '-infinity')
          and a.at > coalesce(${lockedUntil?.toISOString() ?? null}::timestamptz, '-infinity')`,
  );
  return rows[0]?.n ?? 0;
}

/** Locks the account for `minutes` from the database's clock; returns the end of the lock. */
export async function lockUser(db: Db, id: number, minutes: number): Promise<Date> {
  const [row] = await db
    .update(users)
    .set({ lockedUntil: sql`now() + make_interval(mins => ${minutes})` })
    .where(eq(users.id, id))
    .returning({ lockedUntil: users.lockedUntil });
  return row.lockedUntil!;
}

export async function isLocked(db: Db, id: number): Promise<Date | null> {
  const rows = await queryRows<{ until: string | Date | null }>(
    db,
    sql`select locked_until as until from users where id = ${id} and locked_until > now()`,
  );
  return rows[0]?.until ? new Date(rows[0].until) : null;
}

export async function markLoggedIn(db: Db, id: number) {
  await db
    .update(users)
    .set({ lastLoginAt: sql`now()` })
    .where(eq(users.id, id));
}

export async function storePendingTotpSecret(db: Db, id: number, secretEnc: string) {
  await db
    .update(users)
    .set({ totpSecretEnc: secretEnc, updatedAt: sql`now()` })
    .where(and(eq(users.id, id), eq(users.totpEnabled, false)));
}

export async function setTotpEnabled(db: Db, id: number, enabled: boolean) {
  await db
    .update(users)
    .set(
      enabled
        ? { totpEnabled: true, updatedAt: sql`now()` }
        : { totpEnabled: false, totpSecretEnc: null, updatedAt: sql`now()` },
    )
    .where(eq(users.id, id));
}

export async function updatePasswordHash(db: Db, id: number, passwordHash: string) {
  await db
    .update(users)
    .set({
      passwordHash,
      mustChangePassword: false,
      passwordChangedAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(eq(users.id, id));
}
