import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '../../db/schema';
import type { LightMyRequestResponse } from 'fastify';
import { totpCodeFor } from '../../platform/auth/totp';
import { createTestContext, createUser, login, type TestContext, type TestUser } from '../../test/harness';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

const signInRaw = (username: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

function sessionHeaders(res: LightMyRequestResponse) {
  const cookie = res.cookies.find((c) => c.name === 'zm_sid');
  if (!cookie) throw new Error(`no session: ${res.statusCode} ${res.body}`);
  return {
    cookie: `zm_sid=${cookie.value}`,
    'x-csrf-token': (res.json() as { csrfToken: string }).csrfToken,
  };
}

describe('finding 7: one administrator cannot take over another of the same rank', () => {
  it('a unit admin may not reset the password, TOTP or details of a peer in the same unit', async () => {
    const a = await login(t, await createUser(t, { role: 'unit_admin', unitCode: '360100' }));
    const peer = await createUser(t, { role: 'unit_admin', unitCode: '360100' });
    for (const [method, url, payload] of [
      ['POST', `/api/accounts/${peer.id}/reset-password`, undefined],
      ['POST', `/api/accounts/${peer.id}/reset-totp`, undefined],
      ['PATCH', `/api/accounts/${peer.id}`, { unitId: peer.unitId + 1, version: 1 }],
    ] as const) {
      const res = await a.request({ method, url, payload });
      expect(res.statusCode, url).toBe(403);
      expect(res.json().message).toMatch(/同级管理员/);
    }
    expect((await signInRaw(peer.username, peer.password)).statusCode).toBe(200);
    const denied = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, String(peer.id)), eq(auditLog.outcome, 'denied')));
    expect(denied.map((d) => d.action).sort()).toEqual([
      'account.password_reset',
      'account.totp_reset',
      'account.updated',
    ]);
  });

  it('an admin of the unit above may; the user is told who and when at their next sign-in', async () => {
    const jx = await createUser(t, { role: 'unit_admin', unitCode: '360000' });
    const above = await login(t, jx);
    const peer: TestUser = await createUser(t, { role: 'unit_admin', unitCode: '360100' });
    const reset = await above.post(`/api/accounts/${peer.id}/reset-password`);
    expect(reset.statusCode, reset.body).toBe(200);
    expect((await above.post(`/api/accounts/${peer.id}/reset-totp`)).statusCode).toBe(200);

    const first = await signInRaw(peer.username, reset.json().initialPassword);
    expect(first.statusCode, first.body).toBe(200);
    const me = first.json();
    expect(me.stage).toBe('password_change');
    expect(me.notices.map((n: { kind: string }) => n.kind)).toEqual(['password_reset', 'totp_reset']);
    for (const n of me.notices) {
      expect(n.by).toBe(`江西省 单位管理员 测试${jx.username}`);
      expect(Date.now() - new Date(n.at).getTime()).toBeLessThan(60_000);
    }
    const audits = await t.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.targetId, String(peer.id)));
    expect(audits.map((a) => a.action)).toEqual(
      expect.arrayContaining(['account.password_reset', 'account.totp_reset']),
    );
  });

  it('a higher rank in the same unit may; the notice is shown until the sign-in completes', async () => {
    const sys = await login(t, await createUser(t, { role: 'system_admin', unitCode: '360100' }));
    const admin = await createUser(t, { role: 'unit_admin', unitCode: '360100' });
    expect((await sys.post(`/api/accounts/${admin.id}/reset-totp`)).statusCode).toBe(200);
    const first = await signInRaw(admin.username, admin.password);
    expect(first.json()).toMatchObject({ stage: 'totp_enroll', notices: [{ kind: 'totp_reset' }] });
    const half = sessionHeaders(first);
    const { secret } = (
      await t.app.inject({ method: 'POST', url: '/api/auth/totp/setup', headers: half })
    ).json();
    const enabled = await t.app.inject({
      method: 'POST',
      url: '/api/auth/totp/enable',
      headers: half,
      payload: { code: totpCodeFor(secret) },
    });
    // The answer that completes the sign-in carries the notice one last time; then it is gone.
    expect(enabled.json()).toMatchObject({ stage: 'full', notices: [{ kind: 'totp_reset' }] });
    const full = sessionHeaders(enabled);
    expect((await t.app.inject({ url: '/api/auth/me', headers: full })).json().notices).toEqual([]);
  });
});
