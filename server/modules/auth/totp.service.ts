import type { Me } from '../../../common/contracts/auth';
import type { Role } from '../../../common/access';
import type { RequestContext } from '../../platform/http/context';
import { AppError, badRequest, conflict, forbidden } from '../../platform/http/errors';
import { decryptField, encryptField } from '../../platform/crypto/field-crypto';
import { generateTotpSecret, otpauthUrl, totpQrDataUrl, verifyTotpCode } from '../../platform/auth/totp';
import { verifyPassword } from '../../platform/auth/passwords';
import { clearSessionCookie, raiseSessionStage } from '../../platform/auth/session-service';
import { roleRequiresTotp } from '../../platform/auth/role-settings.repo';
import {
  acceptTotpStep,
  findUserById,
  setTotpEnabled,
  storePendingTotpSecret,
  type UserRow,
} from './auth.repo';
import { insertLoginAttempt } from './lockout.repo';
import { lockedError, registerSessionFailure } from './lockout.service';
import { presentMe } from './auth.present';

const WRONG_CODE = '动态口令不正确，请核对手机上的验证器后重试';
const USED_CODE = '该动态口令已使用过，请等待验证器显示下一个口令后再试';

/**
 * The code's time step if it is right and later than every step this user has had accepted, then
 * recorded as used in the same statement; otherwise why not. A code is good once (decision 0011).
 */
async function consumeCode(
  ctx: RequestContext,
  user: UserRow,
  secretEnc: string,
  code: string,
): Promise<{ ok: true } | { ok: false; message: string }> {
  const step = verifyTotpCode(decryptField(ctx.keys, secretEnc), code);
  if (step === null) return { ok: false, message: WRONG_CODE };
  if (!(await acceptTotpStep(ctx.db, user.id, step))) return { ok: false, message: USED_CODE };
  return { ok: true };
}

const client = (ctx: RequestContext) => ({ ip: ctx.ip, userAgent: ctx.userAgent });

async function loadSelf(ctx: RequestContext) {
  const user = await findUserById(ctx.db, ctx.viewer.userId);
  if (!user) throw forbidden();
  return user;
}

const target = (user: { id: number; username: string }) => ({
  targetType: 'user',
  targetId: user.id,
  targetLabel: user.username,
});

/** Second sign-in step. A wrong code counts like a wrong password, so codes cannot be brute-forced. */
export async function verifyLoginTotp(ctx: RequestContext, code: string): Promise<Me> {
  const { db, config, viewer } = ctx;
  if (viewer.stage !== 'totp') throw new AppError(409, 'wrong_stage', '当前无需动态口令验证');
  const user = await loadSelf(ctx);
  if (!user.totpEnabled || !user.totpSecretEnc)
    throw new AppError(409, 'wrong_stage', '该账号未启用双因素认证');
  const result = await consumeCode(ctx, user, user.totpSecretEnc, code);
  if (!result.ok) {
    const reason = result.message === USED_CODE ? 'replayed' : 'wrong_code';
    await ctx.audit({ action: 'auth.totp_verify', outcome: 'failure', ...target(user), detail: { reason } });
    const until = await registerSessionFailure(ctx, user);
    if (until) {
      clearSessionCookie(ctx.reply);
      throw lockedError(until);
    }
    throw badRequest(result.message, [{ path: 'code', message: result.message }]);
  }
  await insertLoginAttempt(db, { username: user.username, ip: ctx.ip, success: true });
  const session = await raiseSessionStage(db, config, ctx.reply, viewer, 'full', client(ctx));
  await ctx.audit({ action: 'auth.totp_verify', ...target(user) });
  return presentMe(db, config, user.id, { stage: 'full', csrfToken: session.csrfToken });
}

/**
 * A new secret, stored encrypted and not yet enabled: it only takes effect once the user proves
 * their authenticator holds it (enable). Replacing an enabled secret goes through disable or an
 * administrator's reset, so a stolen session cannot silently move the second factor.
 */
export async function setupTotp(ctx: RequestContext) {
  const { viewer } = ctx;
  if (viewer.stage !== 'full' && viewer.stage !== 'totp_enroll') {
    throw new AppError(409, 'wrong_stage', '请先完成当前登录步骤');
  }
  const user = await loadSelf(ctx);
  if (user.totpEnabled) throw conflict('已启用双因素认证；如需更换手机，请先关闭或请管理员重置');
  const secret = generateTotpSecret();
  await storePendingTotpSecret(ctx.db, user.id, encryptField(ctx.keys, secret));
  const url = otpauthUrl(user.username, secret);
  return { secret, otpauthUrl: url, qrDataUrl: await totpQrDataUrl(url) };
}

export async function enableTotp(ctx: RequestContext, code: string): Promise<Me> {
  const { db, config, viewer } = ctx;
  if (viewer.stage !== 'full' && viewer.stage !== 'totp_enroll') {
    throw new AppError(409, 'wrong_stage', '请先完成当前登录步骤');
  }
  const user = await loadSelf(ctx);
  if (user.totpEnabled) throw conflict('已启用双因素认证');
  if (!user.totpSecretEnc) throw badRequest('请先生成双因素认证密钥');
  const result = await consumeCode(ctx, user, user.totpSecretEnc, code);
  if (!result.ok) throw badRequest(result.message, [{ path: 'code', message: result.message }]);
  await setTotpEnabled(db, user.id, true);
  let csrfToken = viewer.csrfToken;
  if (viewer.stage === 'totp_enroll') {
    csrfToken = (await raiseSessionStage(db, config, ctx.reply, viewer, 'full', client(ctx))).csrfToken;
  }
  await ctx.audit({ action: 'auth.totp_enabled', ...target(user) });
  return presentMe(db, config, user.id, { stage: 'full', csrfToken });
}

export async function disableTotp(ctx: RequestContext, password: string): Promise<Me> {
  const { db, config, viewer } = ctx;
  const user = await loadSelf(ctx);
  if (await roleRequiresTotp(db, user.role as Role)) {
    throw forbidden('您的角色要求必须启用双因素认证，不能关闭');
  }
  if (!user.totpEnabled) throw conflict('尚未启用双因素认证');
  if (!(await verifyPassword(user.passwordHash, password))) {
    await ctx.audit({ action: 'auth.totp_disabled', outcome: 'failure', ...target(user) });
    const until = await registerSessionFailure(ctx, user);
    if (until) {
      clearSessionCookie(ctx.reply);
      throw lockedError(until);
    }
    throw badRequest('密码不正确', [{ path: 'password', message: '密码不正确' }]);
  }
  await setTotpEnabled(db, user.id, false);
  await ctx.audit({ action: 'auth.totp_disabled', ...target(user) });
  return presentMe(db, config, user.id, { stage: viewer.stage, csrfToken: viewer.csrfToken });
}
