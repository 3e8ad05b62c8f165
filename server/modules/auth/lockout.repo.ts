import { eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import { loginAttempts, loginLocks, users } from '../../db/schema';

/** The `ip` of a lock that holds for every address the account has not signed in from. */
export const EVERY_ADDRESS = '';

/** An address the account signed in from (password and code) this recently is its own. */
export const KNOWN_ADDRESS_DAYS = 30;

export async function insertLoginAttempt(
  db: Db,
  row: { username: string; ip: string; success: boolean; origin?: 'login' | 'session' },
) {
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
 * Failures at the sign-in form that count towards a lock: within the window, after the last
 * success and after the end of the previous lock of the same kind. With `ip`, from that address
 * only (its success and its lock); without, from every address.
 */
export async function countLoginFailures(
  db: Db,
  username: string,
  windowMinutes: number,
  ip?: string,
): Promise<number> {
  const lockIp = ip ?? EVERY_ADDRESS;
  const sameIp = ip === undefined ? sql`true` : sql`a.ip = ${ip}`;
  const sameIpS = ip === undefined ? sql`true` : sql`s.ip = ${ip}`;
  const rows = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from login_attempts a
        where a.username = ${username} and ${sameIp} and not a.success and a.origin = 'login'
          and a.at > now() - make_interval(mins => ${windowMinutes})
          and a.at > coalesce((select max(s.at) from login_attempts s
                               where s.username = ${username} and ${sameIpS} and s.success), '-infinity')
          and a.at > coalesce((select l.locked_until from login_locks l
                               where l.username = ${username} and l.ip = ${lockIp}), '-infinity')`,
  );
  return rows[0]?.n ?? 0;
}

/**
 * Failed proofs given inside a session (a TOTP code, the current password): whoever sends them
 * already holds the password. Counted after the last full sign-in and the end of the last hard lock.
 */
export async function countSessionFailures(
  db: Db,
  username: string,
  windowMinutes: number,
  lockedUntil: Date | null,
): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from login_attempts a
        where a.username = ${username} and not a.success and a.origin = 'session'
          and a.at > now() - make_interval(mins => ${windowMinutes})
          and a.at > coalesce((select max(s.at) from login_attempts s where s.username = ${username} and s.success), '-infinity')
          and a.at > coalesce(${lockedUntil?.toISOString() ?? null}::timestamptz, '-infinity')`,
  );
  return rows[0]?.n ?? 0;
}

/** Locks a username at one address, or at every address, for `minutes`; returns the end. */
export async function lockSignIn(
  db: Db,
  username: string,
  ip: string,
  minutes: number,
  failures: number,
): Promise<Date> {
  const until = sql`now() + make_interval(mins => ${minutes})`;
  const [row] = await db
    .insert(loginLocks)
    .values({ username, ip, failures, lockedUntil: until })
    .onConflictDoUpdate({
      target: [loginLocks.username, loginLocks.ip],
      set: { lockedUntil: until, failures, updatedAt: sql`now()` },
    })
    .returning({ lockedUntil: loginLocks.lockedUntil });
  return row.lockedUntil;
}

/**
 * The end of the lock that keeps this username out at this address, or null: its own address
 * lock, or the every-address lock unless the account signed in from here lately. The same
 * queries run for names that exist and names that do not.
 */
export async function activeSignInLock(db: Db, username: string, ip: string): Promise<Date | null> {
  const rows = await queryRows<{ until: string | Date | null }>(
    db,
    sql`select max(l.locked_until) as until from login_locks l
        where l.username = ${username} and l.locked_until > now()
          and (l.ip = ${ip}
               or (l.ip = ${EVERY_ADDRESS} and not exists (
                     select 1 from login_attempts s
                     where s.username = ${username} and s.ip = ${ip} and s.success
                       and s.at > now() - make_interval(days => ${KNOWN_ADDRESS_DAYS}))))`,
  );
  return rows[0]?.until ? new Date(rows[0].until) : null;
}

/** The hard lock that failed proofs inside a session put on an account. */
export async function lockUser(db: Db, id: number, minutes: number): Promise<Date> {
  const [row] = await db
    .update(users)
    .set({ lockedUntil: sql`now() + make_interval(mins => ${minutes})` })
    .where(eq(users.id, id))
    .returning({ lockedUntil: users.lockedUntil });
  return row.lockedUntil!;
}

export async function isUserLocked(db: Db, id: number): Promise<Date | null> {
  const rows = await queryRows<{ until: string | Date | null }>(
    db,
    sql`select locked_until as until from users where id = ${id} and locked_until > now()`,
  );
  return rows[0]?.until ? new Date(rows[0].until) : null;
}

/**
 * Ends every lock on the username now (an administrator's unlock or reset), and restarts the
 * every-address count: failures before this moment no longer count towards it.
 */
export async function liftSignInLocks(db: Db, username: string): Promise<void> {
  await db
    .update(loginLocks)
    .set({ lockedUntil: sql`least(${loginLocks.lockedUntil}, now())`, updatedAt: sql`now()` })
    .where(eq(loginLocks.username, username));
  await db
    .insert(loginLocks)
    .values({ username, ip: EVERY_ADDRESS, failures: 0, lockedUntil: sql`now()` })
    .onConflictDoNothing();
}
