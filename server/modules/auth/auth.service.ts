import type { Me } from '../../../common/contracts/auth';
import type { Role } from '../../../common/access';
import type { Db } from '../../db/client';
import type { RequestContext } from '../../platform/http/context';
import { AppError, badRequest, forbidden } from '../../platform/http/errors';
import { recordAudit, type AuditActor } from '../../platform/audit/audit';
import {
  checkPasswordPolicy,
  dummyVerify,
  hashPassword,
  verifyPassword,
} from '../../platform/auth/passwords';
import {
  clearSessionCookie,
  hashToken,
  SESSION_COOKIE,
  startSession,
} from '../../platform/auth/session-service';
import {
  revokeSession,
  revokeUserSessions,
  setSessionStage,
  type SessionRow,
} from '../../platform/auth/session.repo';
import { roleRequiresTotp } from '../../platform/auth/role-settings.repo';
import {
  countFailuresTowardsLock,
  countRecentIpFailures,
  findUserById,
  findUserByUsername,
  insertLoginAttempt,
  isLocked,
  lockUser,
  markLoggedIn,
  updatePasswordHash,
  type UserRow,
} from './auth.repo';
import { presentMe } from './auth.present';

type Stage = SessionRow['stage'];

const INVALID_CREDENTIALS = '用户名或密码错误';

export function lockedError(until: Date): AppError {
  const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
  return new AppError(423, 'locked', `账号已锁定，请 ${minutes} 分钟后再试或联系管理员`);
}

/** After the password: a second factor if enrolled, enrolment if the role demands one, else done. */
export function secondFactorStage(user: Pick<UserRow, 'totpEnabled'>, requireTotp: boolean): Stage {
  if (user.totpEnabled) return 'totp';
  return requireTotp ? 'totp_enroll' : 'full';
}

/** A forced password change comes first, then the second factor. */
export function stageAfterPassword(
  user: Pick<UserRow, 'totpEnabled' | 'mustChangePassword'>,
  requireTotp: boolean,
): Stage {
  return user.mustChangePassword ? 'password_change' : secondFactorStage(user, requireTotp);
}

export const actorOf = (user: Pick<UserRow, 'id' | 'username' | 'unitId'>, ip: string): AuditActor => ({
  userId: user.id,
  username: user.username,
  unitId: user.unitId,
  ip,
});

/**
 * Counts one failed proof (password or code) against the account; at the threshold the account is
 * locked and its sessions end. Returns the end of the lock when this failure caused one.
 */
export async function registerFailure(db: Db, ctx: RequestContext, user: UserRow): Promise<Date | null> {
  const { config } = ctx;
  await insertLoginAttempt(db, { username: user.username, ip: ctx.ip, success: false });
  const failures = await countFailuresTowardsLock(
    db,
    user.username,
    config.loginFailureWindowMinutes,
    user.lockedUntil,
  );
  if (failures < config.loginMaxFailures) return null;
  const until = await lockUser(db, user.id, config.lockoutMinutes);
  await revokeUserSessions(db, user.id, 'locked');
  await recordAudit(db, actorOf(user, ctx.ip), {
    action: 'auth.locked',
    outcome: 'failure',
    targetType: 'user',
    targetId: user.id,
    targetLabel: user.username,
    detail: { failures, lockedMinutes: config.lockoutMinutes },
  });
  return until;
}

export async function login(ctx: RequestContext, input: { username: string; password: string }): Promise<Me> {
  const { db, config, ip } = ctx;
  const username = input.username.trim().toLowerCase();
  if ((await countRecentIpFailures(db, ip, 60)) >= config.loginIpLimitPerMinute) {
    throw new AppError(429, 'rate_limited', '登录尝试过于频繁，请 1 分钟后再试');
  }
  const user = await findUserByUsername(db, username);
  const fail = async (reason: string, actor: AuditActor) =>
    recordAudit(db, actor, {
      action: 'auth.login_failed',
      outcome: 'failure',
      ...(user ? { targetType: 'user', targetId: user.id, targetLabel: user.username } : {}),
      detail: { reason, ...(user ? {} : { username: username.slice(0, 64) }) },
    });

  if (!user) {
    await dummyVerify(input.password);
    await insertLoginAttempt(db, { username, ip, success: false });
    await fail('unknown_user', { ip });
    throw new AppError(401, 'invalid_credentials', INVALID_CREDENTIALS);
  }
  const actor = actorOf(user, ip);
  const lockedUntil = await isLocked(db, user.id);
  if (lockedUntil) {
    await fail('locked', actor);
    throw lockedError(lockedUntil);
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    await fail('wrong_password', actor);
    const until = await registerFailure(db, ctx, user);
    if (until) throw lockedError(until);
    throw new AppError(401, 'invalid_credentials', INVALID_CREDENTIALS);
  }
  if (user.status !== 'active') {
    await fail('disabled', actor);
    throw forbidden('账号已停用，请联系本单位管理员');
  }

  // A success clears the failure count, so with a second factor it is recorded only once the code
  // is right (totp.service): otherwise signing in again would reset the count of wrong codes.
  if (!user.totpEnabled) await insertLoginAttempt(db, { username, ip, success: true });
  await markLoggedIn(db, user.id);
  const previous = ctx.reply.request.cookies[SESSION_COOKIE];
  if (previous) await revokeSession(db, hashToken(previous), 'relogin');
  const stage = stageAfterPassword(user, await roleRequiresTotp(db, user.role as Role));
  const session = await startSession(db, config, ctx.reply, user, stage, { ip, userAgent: ctx.userAgent });
  await recordAudit(db, actor, {
    action: 'auth.login',
    targetType: 'user',
    targetId: user.id,
    targetLabel: user.username,
    detail: { stage },
  });
  return presentMe(db, config, user.id, { stage, csrfToken: session.csrfToken });
}

export async function currentMe(ctx: RequestContext): Promise<Me> {
  const v = ctx.viewer;
  return presentMe(ctx.db, ctx.config, v.userId, { stage: v.stage, csrfToken: v.csrfToken });
}

export async function logout(ctx: RequestContext): Promise<void> {
  await revokeSession(ctx.db, ctx.viewer.sessionId, 'logout');
  clearSessionCookie(ctx.reply);
  const { userId, username } = ctx.viewer;
  await ctx.audit({ action: 'auth.logout', targetType: 'user', targetId: userId, targetLabel: username });
}

/**
 * Changes the caller's own password. Every other session of theirs ends, so a password that leaked
 * stops working everywhere at once. Refused before the second factor is proven.
 */
export async function changePassword(
  ctx: RequestContext,
  input: { currentPassword: string; newPassword: string },
): Promise<Me> {
  const { db, config, viewer } = ctx;
  if (viewer.stage === 'totp') throw forbidden('请先完成动态口令验证');
  const user = await findUserById(db, viewer.userId);
  if (!user) throw forbidden();
  const target = { targetType: 'user', targetId: user.id, targetLabel: user.username };
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await ctx.audit({
      action: 'auth.password_changed',
      outcome: 'failure',
      ...target,
      detail: { reason: 'wrong_password' },
    });
    const until = await registerFailure(db, ctx, user);
    if (until) {
      clearSessionCookie(ctx.reply);
      throw lockedError(until);
    }
    throw badRequest('当前密码不正确');
  }
  const problem = checkPasswordPolicy(input.newPassword, config, { username: user.username });
  if (problem) throw badRequest(problem, [{ path: 'newPassword', message: problem }]);
  if (await verifyPassword(user.passwordHash, input.newPassword)) {
    throw badRequest('新密码不能与当前密码相同', [
      { path: 'newPassword', message: '新密码不能与当前密码相同' },
    ]);
  }

  const passwordHash = await hashPassword(input.newPassword);
  let stage: Stage = viewer.stage;
  await db.transaction(async (t) => {
    const tx = t as unknown as Db;
    await updatePasswordHash(tx, user.id, passwordHash);
    const n = await revokeUserSessions(tx, user.id, 'password_changed', viewer.sessionId);
    if (stage === 'password_change') {
      stage = secondFactorStage(user, await roleRequiresTotp(tx, user.role as Role));
      await setSessionStage(tx, viewer.sessionId, stage);
    }
    await ctx.audit({ action: 'auth.password_changed', ...target, detail: { otherSessionsRevoked: n } }, tx);
  });
  return presentMe(db, config, user.id, { stage, csrfToken: viewer.csrfToken });
}
