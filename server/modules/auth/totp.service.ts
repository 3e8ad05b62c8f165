import type { Me } from '../../../common/contracts/auth';
import type { Role } from '../../../common/access';
import type { RequestContext } from '../../platform/http/context';
import { AppError, badRequest, conflict, forbidden } from '../../platform/http/errors';
import { decryptField, encryptField } from '../../platform/crypto/field-crypto';
import { generateTotpSecret, otpauthUrl, totpQrDataUrl, verifyTotpCode } from '../../platform/auth/totp';
import { verifyPassword } from '../../platform/auth/passwords';
import { clearSessionCookie } from '../../platform/auth/session-service';
import { setSessionStage } from '../../platform/auth/session.repo';
import { roleRequiresTotp } from '../../platform/auth/role-settings.repo';
import { findUserById, insertLoginAttempt, setTotpEnabled, storePendingTotpSecret } from './auth.repo';
import { presentMe } from './auth.present';
import { lockedError, registerFailure } from './auth.service';

const WRONG_CODE = '动态口令不正确，请核对手机上的验证器后重试';

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
  if (verifyTotpCode(decryptField(ctx.keys, user.totpSecretEnc), code) === null) {
    await ctx.audit({ action: 'auth.totp_verify', outcome: 'failure', ...target(user) });
    const until = await registerFailure(db, ctx, user);
    if (until) {
      clearSessionCookie(ctx.reply);
      throw lockedError(until);
    }
    throw badRequest(WRONG_CODE, [{ path: 'code', message: WRONG_CODE }]);
  }
  await insertLoginAttempt(db, { username: user.username, ip: ctx.ip, success: true });
  await setSessionStage(db, viewer.sessionId, 'full');
  await ctx.audit({ action: 'auth.totp_verify', ...target(user) });
  return presentMe(db, config, user.id, { stage: 'full', csrfToken: viewer.csrfToken });
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
  if (verifyTotpCode(decryptField(ctx.keys, user.totpSecretEnc), code) === null) {
    throw badRequest(WRONG_CODE, [{ path: 'code', message: WRONG_CODE }]);
  }
  await setTotpEnabled(db, user.id, true);
  if (viewer.stage === 'totp_enroll') await setSessionStage(db, viewer.sessionId, 'full');
  await ctx.audit({ action: 'auth.totp_enabled', ...target(user) });
  return presentMe(db, config, user.id, { stage: 'full', csrfToken: viewer.csrfToken });
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
    const until = await registerFailure(db, ctx, user);
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
