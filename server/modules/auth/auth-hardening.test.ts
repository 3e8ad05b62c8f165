import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { totpCodeFor } from '../../platform/auth/totp';
import { PUBLIC_BODY_LIMIT } from '../../platform/http/route';
import { createTestContext, createUser, type TestContext } from '../../test/harness';

let t: TestContext;
let proxied: TestContext;
beforeAll(async () => {
  t = await createTestContext();
  proxied = await createTestContext({ trustProxy: true });
});
afterAll(async () => {
  await t?.close();
  await proxied?.close();
});

let ipSeq = 0;
const freshIp = () => `10.77.${Math.floor(++ipSeq / 250)}.${(ipSeq % 250) + 1}`;

const postLogin = (ctx: TestContext, payload: object, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload, headers, remoteAddress: freshIp() });

function sessionOf(res: LightMyRequestResponse) {
  const cookie = res.cookies.find((c) => c.name === 'zm_sid');
  if (!cookie) throw new Error(`no cookie: ${res.statusCode} ${res.body}`);
  return { cookie: `zm_sid=${cookie.value}`, csrf: (res.json() as { csrfToken: string }).csrfToken };
}

describe('second factor and the lockout', () => {
  it('signing in again with the password does not wipe the count of wrong codes', async () => {
    const admin = await createUser(t, { role: 'unit_admin', unitCode: '360100' });
    const wrongCode = totpCodeFor(admin.totpSecret!) === '000000' ? '111111' : '000000';
    const tryCodes = async (n: number) => {
      const s = sessionOf(await postLogin(t, { username: admin.username, password: admin.password }));
      const codes: number[] = [];
      for (let i = 0; i < n; i++) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/auth/totp/verify',
          payload: { code: wrongCode },
          headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
        });
        codes.push(res.statusCode);
      }
      return codes;
    };
    expect(await tryCodes(4)).toEqual([400, 400, 400, 400]);
    // The password alone is not a successful sign-in for this account: the fifth wrong code still locks.
    expect(await tryCodes(1)).toEqual([423]);
    const after = await postLogin(t, { username: admin.username, password: admin.password });
    expect(after.statusCode).toBe(423);
  });
});

describe('requests from other sites', () => {
  it('refuses a sign-in posted from another site, a sibling subdomain included', async () => {
    const user = await createUser(t, { role: 'operator', unitCode: '360100', totp: false });
    const body = { username: user.username, password: user.password };
    for (const site of ['cross-site', 'same-site']) {
      const res = await postLogin(t, body, { 'sec-fetch-site': site });
      expect(res.statusCode, site).toBe(403);
      expect(res.json()).toEqual({ code: 'csrf', message: '拒绝跨站请求' });
    }
    expect((await postLogin(t, body, { 'sec-fetch-site': 'same-origin' })).statusCode).toBe(200);
  });

  it('refuses an unauthenticated or cross-site write before reading its body', async () => {
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/accounts', payload: { bogus: 1 } });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().code).toBe('unauthorized');
    const crossSite = await postLogin(t, { nothing: true }, { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.statusCode).toBe(403);
  });

  it('gives a public route only a small body', async () => {
    const res = await postLogin(t, { username: 'someone', password: 'x'.repeat(PUBLIC_BODY_LIMIT) });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toEqual({ code: 'too_large', message: '提交的内容过大' });
  });
});

describe('the session cookie', () => {
  it('is cleared at logout with the attributes it was set with', async () => {
    const user = await createUser(t, { role: 'operator', unitCode: '360100', totp: false });
    const s = sessionOf(await postLogin(t, { username: user.username, password: user.password }));
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
    });
    const cleared = res.cookies.find((c) => c.name === 'zm_sid')!;
    expect(cleared.value).toBe('');
    expect(cleared.httpOnly).toBe(true);
    expect(cleared.sameSite).toBe('Strict');
  });

  it('is Secure behind an HTTPS proxy (TRUST_PROXY, X-Forwarded-Proto), and not over plain HTTP', async () => {
    const user = await createUser(proxied, { role: 'operator', unitCode: '360100', totp: false });
    const body = { username: user.username, password: user.password };
    const https = await postLogin(proxied, body, { 'x-forwarded-proto': 'https' });
    const cookie = https.cookies.find((c) => c.name === 'zm_sid')!;
    expect(cookie.secure).toBe(true);
    expect(cookie.httpOnly).toBe(true);
    expect(https.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    const http = await postLogin(proxied, body);
    expect(http.cookies.find((c) => c.name === 'zm_sid')!.secure).toBeFalsy();
    // Without TRUST_PROXY the header is anybody's to send and is ignored.
    const local = await createUser(t, { role: 'operator', unitCode: '360100', totp: false });
    const direct = await postLogin(
      t,
      { username: local.username, password: local.password },
      { 'x-forwarded-proto': 'https' },
    );
    expect(direct.cookies.find((c) => c.name === 'zm_sid')!.secure).toBeFalsy();
  });
});
