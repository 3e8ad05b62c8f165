import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createUser, login, type TestContext } from './test/harness';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

describe('the app shell of the API', () => {
  it('answers health and readiness', async () => {
    expect((await t.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject({ url: '/readyz' })).json()).toMatchObject({ status: 'ready' });
  });

  it('sends security headers on every response, errors included', async () => {
    for (const url of ['/healthz', '/api/units', '/api/nowhere']) {
      const res = await t.app.inject({ url });
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['content-security-policy']).not.toMatch(/https?:\/\//);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('refuses API calls without a session in Chinese, as {code, message}', async () => {
    const res = await t.app.inject({ url: '/api/units' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ code: 'unauthorized', message: expect.stringMatching(/登录/) });
  });

  it('publishes the OpenAPI document generated from the contracts to signed-in users', async () => {
    const user = await login(t, await createUser(t, { role: 'operator', unitCode: '360100', totp: false }));
    const doc = (await user.get('/api/openapi.json')).json() as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/accounts', '/api/units/{id}', '/api/audit']),
    );
    expect((await user.get('/api/docs')).statusCode).toBeLessThan(400);
  });
});
