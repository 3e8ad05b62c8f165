import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
import { createTestContext, createUser, login, type TestContext, type TestUser } from '../../test/harness';
import { resetAccountFromCli } from './reset-admin';

/** The command-line recovery (`npm run reset-admin -- <用户名>`), through the function the CLI calls. */
let t: TestContext;
let first: TestUser;
let peer: TestUser;
const operator = { osUser: 'ops', host: 'zm-1' };
const LABEL = 'ops@zm-1（命令行）';

const signIn = (username: string, password: string, ip = '127.0.0.1') =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    remoteAddress: ip,
  });

beforeAll(async () => {
  t = await createTestContext();
  first = await createUser(t, { role: 'system_admin', unitCode: '000000' });
  peer = await createUser(t, { role: 'system_admin', unitCode: '000000' });
});

afterAll(async () => {
  await t?.close();
});

describe('reset-admin', () => {
  it('is the way back in when only a peer system administrator is left, who may not reset the account', async () => {
    const peerAgent = await login(t, peer);
    expect((await peerAgent.post(`/api/accounts/${first.id}/reset-password`)).statusCode).toBe(403);
    expect((await peerAgent.post(`/api/accounts/${first.id}/reset-totp`)).statusCode).toBe(403);
  });

  it('sets a one-time password, clears the second factor, lifts the locks, ends the sessions and tells the user', async () => {
    const before = await login(t, first);
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await signIn(first.username, 'Wrong#Passw0rd1')).statusCode);
    expect(codes).toContain(423);

    const result = await resetAccountFromCli(t.db, t.config, ` ${first.username.toUpperCase()} `, operator);
    expect(result).toMatchObject({ username: first.username, totpCleared: true, disabled: false });
    expect(result.sessionsRevoked).toBeGreaterThanOrEqual(1);
    expect(result.oneTimePassword.length).toBeGreaterThanOrEqual(t.config.passwordMinLength);

    expect((await before.get('/api/auth/me')).statusCode).toBe(401);
    expect((await signIn(first.username, first.password)).statusCode).toBe(401);
    const next = await signIn(first.username, result.oneTimePassword);
    expect(next.statusCode, next.body).toBe(200);
    expect(next.json()).toMatchObject({
      stage: 'password_change',
      totpEnabled: false,
      notices: [
        expect.objectContaining({ kind: 'password_reset', by: LABEL }),
        expect.objectContaining({ kind: 'totp_reset', by: LABEL }),
      ],
    });
    const [row] = await queryRows<{
      enabled: boolean;
      secret: string | null;
      step: number | null;
      must: boolean;
    }>(
      t.db,
      sql`select totp_enabled as enabled, totp_secret_enc as secret, totp_last_step as step,
                 must_change_password as must
          from users where id = ${first.id}`,
    );
    expect(row).toEqual({ enabled: false, secret: null, step: null, must: true });

    // The one-time password is changed first, then a system administrator must enrol a new second factor.
    const cookie = next.cookies.find((c) => c.name === 'zm_sid')!;
    const changed = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie: `zm_sid=${cookie.value}`, 'x-csrf-token': next.json().csrfToken },
      payload: { currentPassword: result.oneTimePassword, newPassword: 'Jinggang#Shan1927' },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().stage).toBe('totp_enroll');
  });

  it('writes the reset to the audit log with the server account as the actor', async () => {
    const rows = await queryRows<{ action: string; username: string; detail: Record<string, unknown> }>(
      t.db,
      sql`select action, username, detail from audit_log
          where target_type = 'user' and target_id = ${String(first.id)} and username = ${LABEL}
          order by id`,
    );
    expect(rows.map((r) => r.action)).toEqual(['account.password_reset', 'account.totp_reset']);
    expect(rows[0].detail).toMatchObject({ via: 'cli', osUser: 'ops', host: 'zm-1', locksLifted: true });
    // Seen by the administrators who manage the account, in the audit page's own list.
    const peerAgent = await login(t, peer);
    const listed = await peerAgent.get(`/api/audit?username=${encodeURIComponent(LABEL)}`);
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.body).toContain('account.password_reset');
  });

  it('does not tell of a second factor reset when there was none, and refuses an unknown name', async () => {
    const operatorUser = await createUser(t, { role: 'operator', unitCode: '360100', totp: false });
    const result = await resetAccountFromCli(t.db, t.config, operatorUser.username, operator);
    expect(result.totpCleared).toBe(false);
    const next = await signIn(operatorUser.username, result.oneTimePassword);
    expect(next.json().notices).toEqual([expect.objectContaining({ kind: 'password_reset', by: LABEL })]);
    await expect(resetAccountFromCli(t.db, t.config, 'nobody_here', operator)).rejects.toThrow(
      '没有用户名为 nobody_here 的账号',
    );
    await expect(resetAccountFromCli(t.db, t.config, '  ', operator)).rejects.toThrow('请指定用户名');
  });
});
