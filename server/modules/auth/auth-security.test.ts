import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { and, eq } from 'drizzle-orm';
import { auditLog, users } from '../../db/schema';
import { totpCodeFor } from '../../platform/auth/totp';
import { createTestContext, createUser, type TestContext, type TestUser } from '../../test/harness';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

let ipSeq = 0;
const freshIp = () => `10.31.${Math.floor(++ipSeq / 250)}.${(ipSeq % 250) + 1}`;

type Session = { cookie: string; csrf: string; stage: string };

const postLogin = (username: string, password: string, ip = freshIp()) =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    remoteAddress: ip,
  });

function sessionOf(res: LightMyRequestResponse): Session {
  const cookie = res.cookies.find((c) => c.name === 'zm_sid');
  if (!cookie) throw new Error(`no cookie: ${res.statusCode} ${res.body}`);
  const me = res.json() as { csrfToken: string; stage: string };
  return { cookie: `zm_sid=${cookie.value}`, csrf: me.csrfToken, stage: me.stage };
}

async function signIn(user: TestUser, ip = freshIp()) {
  const res = await postLogin(user.username, user.password, ip);
  expect(res.statusCode, res.body).toBe(200);
  return sessionOf(res);
}

const call = (s: Session, method: 'GET' | 'POST', url: string, payload?: object, ip?: string) =>
  t.app.inject({
    method,
    url,
    payload,
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
    ...(ip ? { remoteAddress: ip } : {}),
  });

const codeAt = (user: TestUser, offsetSteps: number) =>
  totpCodeFor(user.totpSecret!, new Date(Date.now() + offsetSteps * 30_000));

describe('finding 1: a TOTP code is good once', () => {
  it('refuses the same code a second and a third time within its window', async () => {
    const admin = await createUser(t, { role: 'unit_admin', unitCode: '360100' });
    const code = codeAt(admin, 0);
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      const s = await signIn(admin);
      const res = await call(s, 'POST', '/api/auth/totp/verify', { code });
      statuses.push(res.statusCode);
      if (res.statusCode !== 200) expect(res.json().message).toMatch(/已使用过/);
    }
    expect(statuses).toEqual([200, 400, 400]);
    const failures = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'auth.totp_verify'), eq(auditLog.targetLabel, admin.username)));
    expect(failures.filter((a) => a.outcome === 'failure').map((a) => a.detail)).toEqual([
      { reason: 'replayed' },
      { reason: 'replayed' },
    ]);
  });

  it('lets exactly one of two racing requests with the same code through', async () => {
    const admin = await createUser(t, { role: 'unit_admin', unitCode: '360100' });
    const [a, b] = [await signIn(admin), await signIn(admin)];
    const code = codeAt(admin, 0);
    const results = await Promise.all([
      call(a, 'POST', '/api/auth/totp/verify', { code }),
      call(b, 'POST', '/api/auth/totp/verify', { code }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 400]);
  });

  it('refuses an older code once a later one was accepted, and the code used to enrol', async () => {
    const admin = await createUser(t, { role: 'unit_admin', unitCode: '360100' });
    expect(
      (await call(await signIn(admin), 'POST', '/api/auth/totp/verify', { code: codeAt(admin, 1) }))
        .statusCode,
    ).toBe(200);
    const older = await call(await signIn(admin), 'POST', '/api/auth/totp/verify', {
      code: codeAt(admin, 0),
    });
    expect(older.statusCode).toBe(400);

    const reviewer = await createUser(t, { role: 'reviewer', unitCode: '360100', totp: false });
    const s = await signIn(reviewer);
    const { secret } = (await call(s, 'POST', '/api/auth/totp/setup')).json();
    const enrolCode = totpCodeFor(secret);
    expect((await call(s, 'POST', '/api/auth/totp/enable', { code: enrolCode })).statusCode).toBe(200);
    const again = await call(await signIn(reviewer), 'POST', '/api/auth/totp/verify', { code: enrolCode });
    expect(again.statusCode).toBe(400);
  });
});

describe('finding 8: the session gets new tokens when its stage rises', () => {
  it('password → code: a new cookie and CSRF token; the half-signed-in token is dead', async () => {
    const admin = await createUser(t, { role: 'unit_admin', unitCode: '360100' });
    const half = await signIn(admin);
    const verified = await call(half, 'POST', '/api/auth/totp/verify', { code: codeAt(admin, 0) });
    expect(verified.statusCode, verified.body).toBe(200);
    const full = sessionOf(verified);
    expect(full.cookie).not.toBe(half.cookie);
    expect(full.csrf).not.toBe(half.csrf);
    expect((await call(half, 'GET', '/api/auth/me')).statusCode).toBe(401);
    expect((await call(full, 'GET', '/api/accounts')).statusCode).toBe(200);
    // The old CSRF token does not pass with the new cookie.
    const stale = await call({ ...full, csrf: half.csrf }, 'POST', '/api/auth/logout');
    expect(stale.statusCode).toBe(403);
  });

  it('forced password change: the session moves on under a new token', async () => {
    const user = await createUser(t, { role: 'operator', unitCode: '360100', totp: false });
    await t.db.update(users).set({ mustChangePassword: true }).where(eq(users.id, user.id));
    const before = await signIn(user);
    expect(before.stage).toBe('password_change');
    const changed = await call(before, 'POST', '/api/auth/password', {
      currentPassword: user.password,
      newPassword: 'Lushan#Yunwu77',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const after = sessionOf(changed);
    expect(after.stage).toBe('full');
    expect(after.cookie).not.toBe(before.cookie);
    expect((await call(before, 'GET', '/api/auth/me')).statusCode).toBe(401);
    expect((await call(after, 'GET', '/api/units/children')).statusCode).toBe(200);
  });
});

describe('finding 6: lockout without enumeration or lock-out by strangers', () => {
  it('an unknown username gets exactly the answers a known one gets, lock included', async () => {
    const user = await createUser(t, { role: 'operator', unitCode: '360100', totp: false });
    const answers = async (username: string) => {
      const ip = freshIp();
      const out = [];
      for (let i = 0; i < 6; i++) {
        const res = await postLogin(username, `Wrong#Passw0rd${i}`, ip);
        out.push(`${res.statusCode} ${res.json().message}`);
      }
      return out;
    };
    const known = await answers(user.username);
    const unknown = await answers('no_such_user_x');
    expect(unknown).toEqual(known);
    expect(known.map((a) => a.slice(0, 3))).toEqual(['401', '401', '401', '401', '423', '423']);
    const locks = await t.db.select().from(auditLog).where(eq(auditLog.action, 'auth.locked'));
    expect(locks.some((l) => (l.detail as { username?: string }).username === 'no_such_user_x')).toBe(true);
  });

  it("a stranger's wrong passwords lock their own address, not the administrator's", async () => {
    const admin = await createUser(t, { role: 'system_admin', unitCode: '000000' });
    const stranger = freshIp();
    for (let i = 0; i < 5; i++) await postLogin(admin.username, `Wrong#Passw0rd${i}`, stranger);
    expect((await postLogin(admin.username, admin.password, stranger)).statusCode).toBe(423);
    const own = await postLogin(admin.username, admin.password, freshIp());
    expect(own.statusCode, own.body).toBe(200);
  });

  it('many addresses lock the account everywhere except where its owner signed in lately', async () => {
    const admin = await createUser(t, { role: 'system_admin', unitCode: '000000' });
    const office = freshIp();
    const s = await signIn(admin, office);
    expect(
      (await call(s, 'POST', '/api/auth/totp/verify', { code: codeAt(admin, 0) }, office)).statusCode,
    ).toBe(200);
    const spread = async (username: string) => {
      for (let i = 0; i < t.config.loginAccountMaxFailures; i++) {
        await postLogin(username, `Wrong#Passw0rd${i}`, freshIp());
      }
    };
    await spread(admin.username);
    expect((await postLogin(admin.username, admin.password, freshIp())).statusCode).toBe(423);
    expect((await postLogin(admin.username, admin.password, office)).statusCode).toBe(200);
    await spread('nobody_at_all');
    expect((await postLogin('nobody_at_all', 'Wrong#Passw0rd1', freshIp())).statusCode).toBe(423);
  });
});

describe('finding 11: password strength and history', () => {
  it('refuses sequences, keyboard walks, the own name and unit, with the reason in Chinese', async () => {
    const user = await createUser(t, { role: 'operator', unitCode: '360100', totp: false });
    await t.db.update(users).set({ displayName: '李晓梅' }).where(eq(users.id, user.id));
    const s = await signIn(user);
    const tryNew = async (newPassword: string) =>
      (await call(s, 'POST', '/api/auth/password', { currentPassword: user.password, newPassword })).json()
        .message as string;
    expect(await tryNew('Abcdefg1')).toMatch(/连续的字母或数字/);
    expect(await tryNew('Qwer1234!')).toMatch(/键盘上相邻的按键/);
    expect(await tryNew('Lixiaomei#2026')).toMatch(/姓名或单位名称/);
    expect(await tryNew('Nanchang#2026x')).toMatch(/姓名或单位名称/);
    expect(await tryNew('Woaini#1314')).toMatch(/中文密码词|过于常见/);
  });

  it('refuses each of the last five passwords, and accepts an older one', async () => {
    const user = await createUser(t, { role: 'operator', unitCode: '360100', totp: false });
    const s = await signIn(user);
    let current = user.password;
    const change = (newPassword: string) =>
      call(s, 'POST', '/api/auth/password', { currentPassword: current, newPassword });
    const series = [
      'Lushan#Yunwu77',
      'Yanhe#Baota1935',
      'Jinggang#Shan1927',
      'Tengwang#Ge659x',
      'Hongqi#Piaopiao1921',
    ];
    for (const next of series) {
      const res = await change(next);
      expect(res.statusCode, res.body).toBe(200);
      current = next;
    }
    const reused = await change(series[0]);
    expect(reused.statusCode).toBe(400);
    expect(reused.json().message).toBe('新密码不能与最近 5 次使用过的密码相同');
    expect((await change(user.password)).statusCode).toBe(200);
  });
});
