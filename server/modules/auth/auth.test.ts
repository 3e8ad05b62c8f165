import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { and, eq, sql } from 'drizzle-orm';
import { auditLog, loginAttempts, loginLocks, sessions, users } from '../../db/schema';
import { totpCodeFor } from '../../platform/auth/totp';
import { createTestContext, createUser, login, type TestContext, type TestUser } from '../../test/harness';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

let ipSeq = 0;
const freshIp = () => `10.9.${Math.floor(++ipSeq / 250)}.${(ipSeq % 250) + 1}`;

type Session = { cookie: string; csrf: string; stage: string };

async function postLogin(username: string, password: string, ip = freshIp()) {
  return t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    remoteAddress: ip,
  });
}

function sessionOf(res: LightMyRequestResponse): Session {
  const cookie = res.cookies.find((c) => c.name === 'zm_sid');
  if (!cookie) throw new Error(`no cookie: ${res.statusCode} ${res.body}`);
  const me = res.json() as { csrfToken: string; stage: string };
  return { cookie: `zm_sid=${cookie.value}`, csrf: me.csrfToken, stage: me.stage };
}

async function signIn(user: TestUser, password = user.password) {
  const res = await postLogin(user.username, password);
  expect(res.statusCode, res.body).toBe(200);
  return sessionOf(res);
}

const call = (s: Session, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url, payload, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf } });

const auditOf = (action: string, username: string) =>
  t.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.targetLabel, username)));

describe('sign-in with a password', () => {
  it('signs in, sets an httpOnly strict cookie, answers me and audits the login', async () => {
    const user = await createUser(t, { role: 'operator', unitCode: '360100', totp: false });
    const res = await postLogin(user.username.toUpperCase(), user.password);
    expect(res.statusCode, res.body).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'zm_sid')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    const me = res.json();
    expect(me).toMatchObject({
      username: user.username,
      role: 'operator',
      roleLabel: '经办',
      stage: 'full',
      totpRequired: false,
      unit: { name: '南昌市', level: 'city' },
      idleTimeoutMinutes: t.config.sessionIdleMinutes,
    });
    expect(me.permissions).toContain('dashboard.read');
    expect(res.body).not.toMatch(/argon2|passwordHash|totpSecret/);
    const s = sessionOf(res);
    expect((await call(s, 'GET', '/api/auth/me')).json()).toMatchObject({ id: user.id, stage: 'full' });
    expect(await auditOf('auth.login', user.username)).toHaveLength(1);
  });

  it('answers an unknown user and a wrong password with the same message, audited without the password', async () => {
    const user = await createUser(t, { role: 'operator', unitCode: '360100', totp: false });
    const wrong = await postLogin(user.username, 'Wrong#Passw0rd1');
    const unknown = await postLogin('nobody_here', 'Wrong#Passw0rd1');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().message).toBe('用户名或密码错误');
    expect(unknown.json().message).toBe('用户名或密码错误');
    const [failed] = await auditOf('auth.login_failed', user.username);
    expect(failed.outcome).toBe('failure');
    expect(failed.detail).toEqual({ reason: 'wrong_password' });
    expect(JSON.stringify(failed)).not.toContain('Wrong#Passw0rd1');
  });

  it('refuses a disabled account', async () => {
    const user = await createUser(t, { role: 'operator', unitCode: '360100', totp: false });
    await t.db.update(users).set({ status: 'disabled' }).where(eq(users.id, user.id));
    const res = await postLogin(user.username, user.password);
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toMatch(/停用/);
  });
});

describe('lockout', () => {
  it('locks the account after five wrong passwords, says so and for how long, even for the right password', async () => {
    const user = await createUser(t, { role: 'operator', unitCode: '360100', totp: false });
    const ip = freshIp();
    for (let i = 0; i < 4; i++) {
      const res = await postLogin(user.username, `Wrong#Passw0rd${i}`, ip);
      expect(res.statusCode).toBe(401);
    }
    const fifth = await postLogin(user.username, 'Wrong#Passw0rd5', ip);
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().message).toBe(`账号已锁定，请 ${t.config.lockoutMinutes} 分钟后再试或联系管理员`);
    const right = await postLogin(user.username, user.password, ip);
    expect(right.statusCode).toBe(423);
    expect(right.json().message).toMatch(/锁定.*分钟后再试/);
    expect(await auditOf('auth.locked', user.username)).toHaveLength(1);
  });

  it('lets the user in again once the lock has expired, with a fresh failure count', async () => {
    const user = await createUser(t, { role: 'operator', unitCode: '360100', totp: false });
    const ip = freshIp();
    for (let i = 0; i < 5; i++) await postLogin(user.username, `Wrong#Passw0rd${i}`, ip);
    expect((await postLogin(user.username, user.password, ip)).statusCode).toBe(423);
    // Wind the clock: the failures were two minutes ago, the lock ended a minute ago.
    await t.db
      .update(loginAttempts)
      .set({ at: sql`${loginAttempts.at} - interval '2 minutes'` })
      .where(eq(loginAttempts.username, user.username));
    await t.db
      .update(loginLocks)
      .set({ lockedUntil: sql`now() - interval '1 minute'` })
      .where(eq(loginLocks.username, user.username));
    expect((await postLogin(user.username, 'Wrong#Passw0rd9', ip)).statusCode).toBe(401);
    expect((await postLogin(user.username, user.password, ip)).statusCode).toBe(200);
  });

  it('limits failed attempts per IP address: 429 in Chinese, other addresses unaffected', async () => {
    const ip = freshIp();
    for (let i = 0; i < t.config.loginIpLimitPerMinute; i++) {
      expect((await postLogin(`ghost${i}`, 'Wrong#Passw0rd1', ip)).statusCode).toBe(401);
    }
    const user = await createUser(t, { role: 'operator', unitCode: '360100', totp: false });
    const limited = await postLogin(user.username, user.password, ip);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().message).toMatch(/^登录尝试过于频繁/);
    expect((await postLogin(user.username, user.password, freshIp())).statusCode).toBe(200);
  });
});

describe('sessions', () => {
  it('ends a session left idle longer than the idle timeout', async () => {
    const user = await createUser(t, { role: 'operator', unitCode: '360100', totp: false });
    const s = await signIn(user);
    await t.db
      .update(sessions)
      .set({ lastSeenAt: sql`now() - make_interval(mins => ${t.config.sessionIdleMinutes + 1})` })
      .where(eq(sessions.userId, user.id));
    const res = await call(s, 'GET', '/api/auth/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().message).toMatch(/登录已失效/);
    const [row] = await t.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(row.revokedReason).toBe('idle_timeout');
  });

  it('ends a session past its absolute expiry however active it is', async () => {
    const user = await createUser(t, { role: 'operator', unitCode: '360100', totp: false });
    const s = await signIn(user);
    await t.db
      .update(sessions)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(sessions.userId, user.id));
    expect((await call(s, 'GET', '/api/auth/me')).statusCode).toBe(401);
  });

  it('logout revokes the session and clears the cookie', async () => {
    const user = await createUser(t, { role: 'operator', unitCode: '360100', totp: false });
    const s = await signIn(user);
    const res = await call(s, 'POST', '/api/auth/logout');
    expect(res.statusCode).toBe(200);
    expect(res.cookies.find((c) => c.name === 'zm_sid')?.value).toBe('');
    expect((await call(s, 'GET', '/api/auth/me')).statusCode).toBe(401);
    expect(await auditOf('auth.logout', user.username)).toHaveLength(1);
  });

  it('refuses a write without the CSRF token', async () => {
    const user = await createUser(t, { role: 'operator', unitCode: '360100', totp: false });
    const s = await signIn(user);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: s.cookie },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('csrf');
    const forged = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: s.cookie, 'x-csrf-token': 'forged' },
    });
    expect(forged.statusCode).toBe(403);
    expect((await call(s, 'GET', '/api/auth/me')).statusCode).toBe(200);
  });

  it("an administrator's forced sign-out ends the user's session at their next request", async () => {
    const admin = await createUser(t, { role: 'unit_admin', unitCode: '360000' });
    const user = await createUser(t, { role: 'operator', unitCode: '360102', totp: false });
    const s = await signIn(user);
    const agent = await login(t, admin);
    const res = await agent.post(`/api/accounts/${user.id}/revoke-sessions`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ revoked: 1 });
    expect((await call(s, 'GET', '/api/auth/me')).statusCode).toBe(401);
    expect(await auditOf('account.sessions_revoked', user.username)).toHaveLength(1);
  });
});

describe('password change', () => {
  it('checks the current password and the policy, then ends every other session', async () => {
    const user = await createUser(t, { role: 'operator', unitCode: '360100', totp: false });
    const a = await signIn(user);
    const b = await signIn(user);
    const change = (currentPassword: string, newPassword: string) =>
      call(a, 'POST', '/api/auth/password', { currentPassword, newPassword });

    expect((await change('Wrong#Passw0rd1', 'Hongse#Jiayuan26')).json().message).toBe('当前密码不正确');
    expect((await change(user.password, 'short1A')).json().message).toMatch(/至少需要 8 位/);
    expect((await change(user.password, user.password)).json().message).toMatch(/不能与当前密码相同/);
    expect((await call(b, 'GET', '/api/auth/me')).statusCode).toBe(200);

    const ok = await change(user.password, 'Hongse#Jiayuan26');
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await call(b, 'GET', '/api/auth/me')).statusCode).toBe(401);
    expect((await call(a, 'GET', '/api/auth/me')).statusCode).toBe(200);
    expect((await postLogin(user.username, user.password)).statusCode).toBe(401);
    expect((await postLogin(user.username, 'Hongse#Jiayuan26')).statusCode).toBe(200);
    const [audit] = await auditOf('auth.password_changed', user.username).then((r) =>
      r.filter((x) => x.outcome === 'success'),
    );
    expect(audit.detail).toEqual({ otherSessionsRevoked: 1 });
  });

  it('a forced change comes first, then the second factor the role requires', async () => {
    const user = await createUser(t, { role: 'reviewer', unitCode: '360100', totp: false });
    await t.db.update(users).set({ mustChangePassword: true }).where(eq(users.id, user.id));
    const s = await signIn(user);
    expect(s.stage).toBe('password_change');
    expect((await call(s, 'GET', '/api/units/children')).statusCode).toBe(403);
    const res = await call(s, 'POST', '/api/auth/password', {
      currentPassword: user.password,
      newPassword: 'Ganjiang#Liushui9',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().stage).toBe('totp_enroll');
  });
});

describe('two-factor authentication', () => {
  it('a role that requires TOTP enrols at first sign-in; a wrong code is refused; then it is asked every time', async () => {
    const user = await createUser(t, { role: 'reviewer', unitCode: '360100', totp: false });
    const s = await signIn(user);
    expect(s.stage).toBe('totp_enroll');
    const blocked = await call(s, 'GET', '/api/units/children');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('login_incomplete');

    const setup = await call(s, 'POST', '/api/auth/totp/setup');
    expect(setup.statusCode, setup.body).toBe(200);
    const { secret, otpauthUrl, qrDataUrl } = setup.json();
    expect(otpauthUrl).toContain(`otpauth://totp/${encodeURIComponent('筑梦')}:${user.username}`);
    expect(qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const [stored] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(stored.totpEnabled).toBe(false);
    expect(stored.totpSecretEnc).not.toContain(secret);

    const wrongCode = totpCodeFor(secret) === '000000' ? '111111' : '000000';
    const wrong = await call(s, 'POST', '/api/auth/totp/enable', { code: wrongCode });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().message).toMatch(/动态口令不正确/);

    const enabled = await call(s, 'POST', '/api/auth/totp/enable', { code: totpCodeFor(secret) });
    expect(enabled.statusCode, enabled.body).toBe(200);
    expect(enabled.json()).toMatchObject({ stage: 'full', totpEnabled: true, totpRequired: true });
    // Enrolment completed the sign-in under a new session; the enrolment token is spent.
    expect((await call(sessionOf(enabled), 'GET', '/api/units/children')).statusCode).toBe(200);
    expect((await call(s, 'GET', '/api/units/children')).statusCode).toBe(401);

    const next = await signIn(user);
    expect(next.stage).toBe('totp');
    const bad = await call(next, 'POST', '/api/auth/totp/verify', { code: wrongCode });
    expect(bad.statusCode).toBe(400);
    // The enrolment used this half-minute's code: the authenticator's next one signs in.
    const nextCode = totpCodeFor(secret, new Date(Date.now() + 30_000));
    const good = await call(next, 'POST', '/api/auth/totp/verify', { code: nextCode });
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json().stage).toBe('full');
    expect(await auditOf('auth.totp_enabled', user.username)).toHaveLength(1);
    expect((await auditOf('auth.totp_verify', user.username)).map((a) => a.outcome).sort()).toEqual([
      'failure',
      'success',
    ]);
  });

  it('a session waiting for its code may not use the app, set up a new secret or change the password', async () => {
    const admin = await createUser(t, { role: 'unit_admin', unitCode: '360100' });
    const s = await signIn(admin);
    expect(s.stage).toBe('totp');
    const res = await call(s, 'GET', '/api/accounts');
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toBe('请先完成登录验证');
    expect((await call(s, 'POST', '/api/auth/totp/setup')).statusCode).toBe(409);
    const change = await call(s, 'POST', '/api/auth/password', {
      currentPassword: admin.password,
      newPassword: 'Ganjiang#Liushui9',
    });
    expect(change.statusCode).toBe(403);
  });

  it('wrong codes count towards the lockout', async () => {
    const admin = await createUser(t, { role: 'unit_admin', unitCode: '360100' });
    const s = await signIn(admin);
    const wrongCode = totpCodeFor(admin.totpSecret!) === '000000' ? '111111' : '000000';
    const codes = [];
    for (let i = 0; i < 5; i++)
      codes.push((await call(s, 'POST', '/api/auth/totp/verify', { code: wrongCode })).statusCode);
    expect(codes).toEqual([400, 400, 400, 400, 423]);
    expect((await call(s, 'GET', '/api/auth/me')).statusCode).toBe(401);
  });

  it('may be turned off with the password only where the role does not require it', async () => {
    const reviewer = await createUser(t, { role: 'reviewer', unitCode: '360100' });
    const r = await login(t, reviewer);
    const refused = await r.post('/api/auth/totp/disable', { password: reviewer.password });
    expect(refused.statusCode).toBe(403);

    const operator = await createUser(t, { role: 'operator', unitCode: '360100' });
    const o = await login(t, operator);
    expect((await o.post('/api/auth/totp/disable', { password: 'Wrong#Passw0rd1' })).statusCode).toBe(400);
    const ok = await o.post('/api/auth/totp/disable', { password: operator.password });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().totpEnabled).toBe(false);
    expect((await signIn(operator)).stage).toBe('full');
  });
});
