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
  isRecentPassword,
  PASSWORD_HISTORY_SIZE,
  rememberPassword,
} from '../../platform/auth/password-history';
import {
  clearSessionCookie,
  hashToken,
  raiseSessionStage,
  SESSION_COOKIE,
  startSession,
} from '../../platform/auth/session-service';
import { revokeSession, revokeUserSessions, type SessionRow } from '../../platform/auth/session.repo';
import { roleRequiresTotp } from '../../platform/auth/role-settings.repo';
import {
  findUserById,
  findUserByUsername,
  findUserWithUnit,
  markLoggedIn,
  updatePasswordHash,
  type UserRow,
} from './auth.repo';
import { countRecentIpFailures, insertLoginAttempt } from './lockout.repo';
import {
  actorOf,
  lockedError,
  registerLoginFailure,
  registerSessionFailure,
  signInLock,
} from './lockout.service';
import { presentMe } from './auth.present';

export { actorOf, lockedError };

type Stage = SessionRow['stage'];

const INVALID_CREDENTIALS = '用户名或密码错误';

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

/**
 * An unknown username walks the same path as a known one — lock check, an argon2 verify (against
 * a dummy hash), the same count and lock — so neither the answer nor its timing tells them apart.
 */
export async function login(ctx: RequestContext, input: { username: string; password: string }): Promise<Me> {
  const { db, config, ip } = ctx;
  const username = input.username.trim().toLowerCase();
  if ((await countRecentIpFailures(db, ip, 60)) >= config.loginIpLimitPerMinute) {
    throw new AppError(429, 'rate_limited', '登录尝试过于频繁，请 1 分钟后再试');
  }
  const user = await findUserByUsername(db, username);
  const actor: AuditActor = user ? actorOf(user, ip) : { ip };
  const fail = async (reason: string) =>
    recordAudit(db, actor, {
      action: 'auth.login_failed',
      outcome: 'failure',
      ...(user ? { targetType: 'user', targetId: user.id, targetLabel: user.username } : {}),
      detail: { reason, ...(user ? {} : { username: username.slice(0, 64) }) },
    });

  const lockedUntil = await signInLock(db, username, ip, user);
  if (lockedUntil) {
    await fail('locked');
    throw lockedError(lockedUntil);
  }
  const passwordOk = user
    ? await verifyPassword(user.passwordHash, input.password)
    : await dummyVerify(input.password).then(() => false);
  if (!user || !passwordOk) {
    await fail(user ? 'wrong_password' : 'unknown_user');
    const until = await registerLoginFailure(ctx, username, user);
    if (until) throw lockedError(until);
    throw new AppError(401, 'invalid_credentials', INVALID_CREDENTIALS);
  }
  if (user.status !== 'active') {
    await fail('disabled');
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

/** The policy's check with what an attacker would try first for this user: their names and unit. */
async function newPasswordProblem(
  ctx: RequestContext,
  user: UserRow,
  password: string,
): Promise<string | null> {
  const found = await findUserWithUnit(ctx.db, user.id);
  const problem = checkPasswordPolicy(password, ctx.config, {
    username: user.username,
    displayName: user.displayName,
    unitNames: found ? [found.unit.name, found.unit.orgName] : [],
  });
  if (problem) return problem;
  if (await verifyPassword(user.passwordHash, password)) return '新密码不能与当前密码相同';
  if (await isRecentPassword(ctx.db, user, password)) {
    return `新密码不能与最近 ${PASSWORD_HISTORY_SIZE} 次使用过的密码相同`;
  }
  return null;
}

/**
 * Changes the caller's own password. Every other session of theirs ends, so a password that leaked
 * stops working everywhere at once. Refused before the second factor is proven. A forced change
 * moves the session on to its next stage under a new token.
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
    const until = await registerSessionFailure(ctx, user);
    if (until) {
      clearSessionCookie(ctx.reply);
      throw lockedError(until);
    }
    throw badRequest('当前密码不正确');
  }
  const problem = await newPasswordProblem(ctx, user, input.newPassword);
  if (problem) throw badRequest(problem, [{ path: 'newPassword', message: problem }]);

  const passwordHash = await hashPassword(input.newPassword);
  let stage: Stage = viewer.stage;
  await db.transaction(async (t) => {
    const tx = t as unknown as Db;
    await updatePasswordHash(tx, user.id, passwordHash);
    await rememberPassword(tx, user, passwordHash);
    const n = await revokeUserSessions(tx, user.id, 'password_changed', viewer.sessionId);
    if (stage === 'password_change') {
      stage = secondFactorStage(user, await roleRequiresTotp(tx, user.role as Role));
    }
    await ctx.audit({ action: 'auth.password_changed', ...target, detail: { otherSessionsRevoked: n } }, tx);
  });
  let csrfToken = viewer.csrfToken;
  if (stage !== viewer.stage) {
    const client = { ip: ctx.ip, userAgent: ctx.userAgent };
    csrfToken = (await raiseSessionStage(db, config, ctx.reply, viewer, stage, client)).csrfToken;
  }
  return presentMe(db, config, user.id, { stage, csrfToken });
}
