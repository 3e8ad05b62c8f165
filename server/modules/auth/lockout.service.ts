import type { Db } from '../../db/client';
import type { RequestContext } from '../../platform/http/context';
import { AppError } from '../../platform/http/errors';
import { recordAudit, type AuditActor } from '../../platform/audit/audit';
import { revokeUserSessions } from '../../platform/auth/session.repo';
import type { UserRow } from './auth.repo';
import {
  activeSignInLock,
  countLoginFailures,
  countSessionFailures,
  EVERY_ADDRESS,
  insertLoginAttempt,
  lockSignIn,
  lockUser,
} from './lockout.repo';

/** Locks work per username and address, with a longer count per username: decision 0011. */

export function lockedError(until: Date): AppError {
  const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
  return new AppError(423, 'locked', `账号已锁定，请 ${minutes} 分钟后再试或联系管理员`);
}

export const actorOf = (user: Pick<UserRow, 'id' | 'username' | 'unitId'>, ip: string): AuditActor => ({
  userId: user.id,
  username: user.username,
  unitId: user.unitId,
  ip,
});

const later = (a: Date | null, b: Date | null) => (!a ? b : !b ? a : a > b ? a : b);

/**
 * What keeps this username out at this address: its lock for the address, the lock for every
 * address (unless the account signed in from here lately), or — for an account — the hard lock of
 * failed proofs inside a session, read from the row already loaded. Same work for unknown names.
 */
export async function signInLock(
  db: Db,
  username: string,
  ip: string,
  user: Pick<UserRow, 'lockedUntil'> | undefined,
): Promise<Date | null> {
  const lock = await activeSignInLock(db, username, ip);
  const hard = user?.lockedUntil && user.lockedUntil.getTime() > Date.now() ? user.lockedUntil : null;
  return later(lock, hard);
}

/**
 * Counts a wrong password at the sign-in form against the username at this address and, with a
 * higher threshold, at every address. Unknown usernames are counted and locked exactly alike.
 * A stranger's failures never end the account's sessions. Returns the end of the lock now
 * barring this address, if any.
 */
export async function registerLoginFailure(
  ctx: RequestContext,
  username: string,
  user: UserRow | undefined,
): Promise<Date | null> {
  const { db, config, ip } = ctx;
  await insertLoginAttempt(db, { username, ip, success: false });
  const atAddress = await countLoginFailures(db, username, config.loginFailureWindowMinutes, ip);
  const everywhere = await countLoginFailures(db, username, config.loginFailureWindowMinutes);
  const audit = async (scope: 'address' | 'account', failures: number) =>
    recordAudit(db, user ? actorOf(user, ip) : { ip }, {
      action: 'auth.locked',
      outcome: 'failure',
      ...(user ? { targetType: 'user', targetId: user.id, targetLabel: user.username } : {}),
      detail: {
        scope,
        failures,
        lockedMinutes: config.lockoutMinutes,
        ...(user ? {} : { username: username.slice(0, 64) }),
      },
    });
  let locked = false;
  if (atAddress >= config.loginMaxFailures) {
    await lockSignIn(db, username, ip, config.lockoutMinutes, atAddress);
    await audit('address', atAddress);
    locked = true;
  }
  if (everywhere >= config.loginAccountMaxFailures) {
    await lockSignIn(db, username, EVERY_ADDRESS, config.lockoutMinutes, everywhere);
    await audit('account', everywhere);
    locked = true;
  }
  return locked ? activeSignInLock(db, username, ip) : null;
}

/**
 * Counts a failed proof given inside a session (TOTP code, current password). Whoever sends it
 * holds the password, so at the threshold the account is locked everywhere and its sessions end.
 */
export async function registerSessionFailure(ctx: RequestContext, user: UserRow): Promise<Date | null> {
  const { db, config, ip } = ctx;
  await insertLoginAttempt(db, { username: user.username, ip, success: false, origin: 'session' });
  const failures = await countSessionFailures(
    db,
    user.username,
    config.loginFailureWindowMinutes,
    user.lockedUntil,
  );
  if (failures < config.loginMaxFailures) return null;
  const until = await lockUser(db, user.id, config.lockoutMinutes);
  await revokeUserSessions(db, user.id, 'locked');
  await recordAudit(db, actorOf(user, ip), {
    action: 'auth.locked',
    outcome: 'failure',
    targetType: 'user',
    targetId: user.id,
    targetLabel: user.username,
    detail: { scope: 'session', failures, lockedMinutes: config.lockoutMinutes },
  });
  return until;
}
