import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
import { auditLog, users } from '../../db/schema';
import {
  createTestContext,
  createUser,
  login,
  unitIdByCode,
  type Agent,
  type TestContext,
} from '../../test/harness';

let t: TestContext;
let jx: Agent;
let nanchang: number;
let beijing: number;

beforeAll(async () => {
  t = await createTestContext();
  nanchang = await unitIdByCode(t.db, '360100');
  beijing = await unitIdByCode(t.db, '110000');
  jx = await login(
    t,
    await createUser(t, { role: 'unit_admin', unitCode: '360000', username: 'acc_jx_admin' }),
  );
});
afterAll(async () => {
  await t?.close();
});

const newAccount = (over: Record<string, unknown> = {}) => ({
  username: `nc_${Math.random().toString(36).slice(2, 9)}`,
  displayName: '李晓梅',
  role: 'operator',
  unitId: nanchang,
  ...over,
});

describe('creating accounts', () => {
  it('a provincial unit admin creates an account in a city below, with a one-time initial password', async () => {
    const body = newAccount();
    const res = await jx.post('/api/accounts', body);
    expect(res.statusCode, res.body).toBe(200);
    const { account, initialPassword } = res.json();
    expect(account).toMatchObject({
      username: body.username,
      role: 'operator',
      roleLabel: '经办',
      unit: { id: nanchang, name: '南昌市' },
      status: 'active',
      totpEnabled: false,
      lockedUntil: null,
      activeSessions: 0,
      version: 1,
    });
    expect(initialPassword).toHaveLength(14);
    expect(res.body).not.toMatch(/argon2|passwordHash/);

    const [row] = await t.db.select().from(users).where(eq(users.id, account.id));
    expect(row.mustChangePassword).toBe(true);
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: body.username, password: initialPassword },
    });
    expect(signIn.json().stage).toBe('password_change');

    const audit = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'account.created'), eq(auditLog.targetId, String(account.id))));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      username: 'acc_jx_admin',
      targetType: 'user',
      targetLabel: body.username,
    });
    expect(JSON.stringify(audit[0].detail)).not.toContain(initialPassword);
  });

  it('refuses a unit outside the subtree as not found, without naming it', async () => {
    const res = await jx.post('/api/accounts', newAccount({ unitId: beijing }));
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toBe('单位不存在或不在您的管辖范围内');
  });

  it('refuses to grant system_admin, and a password that fails the policy', async () => {
    const res = await jx.post('/api/accounts', newAccount({ role: 'system_admin' }));
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toMatch(/系统管理员/);
    const weak = await jx.post('/api/accounts', newAccount({ password: 'Admin@123' }));
    expect(weak.statusCode).toBe(400);
    expect(weak.json().message).toMatch(/过于常见/);
  });

  it('refuses a username that exists, whatever its case', async () => {
    const body = newAccount();
    expect((await jx.post('/api/accounts', body)).statusCode).toBe(200);
    const again = await jx.post('/api/accounts', { ...body, username: body.username.toUpperCase() });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toBe('用户名已存在');
  });
});

describe('listing accounts', () => {
  it('shows the subtree only: accounts of 浙江省 are neither listed nor counted', async () => {
    const zj = await createUser(t, { role: 'operator', unitCode: '330100', username: 'acc_zj_operator' });
    const dh = await createUser(t, { role: 'operator', unitCode: '360102', username: 'acc_dh_operator' });
    const all = (await jx.get('/api/accounts?pageSize=200')).json();
    const names = all.items.map((a: { username: string }) => a.username);
    expect(names).toContain(dh.username);
    expect(names).not.toContain(zj.username);
    const [{ n, everyone }] = await queryRows<{ n: number; everyone: number }>(
      t.db,
      sql`select count(*) filter (where un.path like (select path from units where code = '360000') || '%')::int as n,
                 count(*)::int as everyone
          from users u join units un on un.id = u.unit_id`,
    );
    expect(everyone).toBeGreaterThan(n);
    expect(all.total).toBe(n);

    const searched = (await jx.get(`/api/accounts?q=${zj.username}`)).json();
    expect(searched).toMatchObject({ items: [], total: 0 });
  });

  it('filters by unit (with or without units below), role, status and text, and paginates', async () => {
    const dhUnit = await unitIdByCode(t.db, '360102');
    const own = (await jx.get(`/api/accounts?unitId=${nanchang}&includeDescendants=false`)).json();
    expect(own.items.every((a: { unit: { id: number } }) => a.unit.id === nanchang)).toBe(true);
    const below = (await jx.get(`/api/accounts?unitId=${nanchang}`)).json();
    expect(below.items.some((a: { unit: { id: number } }) => a.unit.id === dhUnit)).toBe(true);

    const locked = await createUser(t, { role: 'judge', unitCode: '360100', username: 'acc_locked_judge' });
    await t.db
      .update(users)
      .set({ lockedUntil: sql`now() + interval '10 minutes'` })
      .where(eq(users.id, locked.id));
    const lockedList = (await jx.get('/api/accounts?status=locked')).json();
    expect(lockedList.items.map((a: { username: string }) => a.username)).toEqual(['acc_locked_judge']);
    expect(lockedList.items[0].lockedUntil).toMatch(/^\d{4}-/);

    const judges = (await jx.get('/api/accounts?role=judge&q=LOCKED')).json();
    expect(judges.total).toBe(1);
    const page = (await jx.get('/api/accounts?pageSize=1&page=2&sort=-username')).json();
    expect(page).toMatchObject({ page: 2, pageSize: 1 });
    expect(page.items).toHaveLength(1);
  });
});

describe('changing accounts', () => {
  it('refuses a save made on a stale version', async () => {
    const { account } = (await jx.post('/api/accounts', newAccount())).json();
    const first = await jx.patch(`/api/accounts/${account.id}`, { displayName: '王小川', version: 1 });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ displayName: '王小川', version: 2 });
    const second = await jx.patch(`/api/accounts/${account.id}`, { displayName: '赵小川', version: 1 });
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('version_conflict');
  });

  it('disabling ends the sessions; a user cannot change their own role or disable themselves', async () => {
    const op = await createUser(t, { role: 'operator', unitCode: '360100', totp: false });
    const opAgent = await login(t, op);
    const res = await jx.patch(`/api/accounts/${op.id}`, { status: 'disabled', version: 1 });
    expect(res.statusCode, res.body).toBe(200);
    expect((await opAgent.get('/api/auth/me')).statusCode).toBe(401);

    const self = (await jx.get('/api/accounts?q=acc_jx_admin')).json().items[0];
    const own = await jx.patch(`/api/accounts/${self.id}`, { role: 'operator', version: self.version });
    expect(own.statusCode).toBe(403);
  });

  it('a unit admin cannot act on an account that ranks above them, nor outside the subtree', async () => {
    const ncAdmin = await login(t, await createUser(t, { role: 'unit_admin', unitCode: '360100' }));
    const sys = await createUser(t, { role: 'system_admin', unitCode: '360100' });
    expect((await ncAdmin.post(`/api/accounts/${sys.id}/reset-password`)).statusCode).toBe(403);
    const zj = await createUser(t, { role: 'operator', unitCode: '330100' });
    expect((await ncAdmin.post(`/api/accounts/${zj.id}/unlock`)).statusCode).toBe(404);
  });

  it('resets a password (one-time, sessions ended), unlocks and resets TOTP, each audited', async () => {
    const user = await createUser(t, { role: 'operator', unitCode: '360102' });
    await t.db
      .update(users)
      .set({ lockedUntil: sql`now() + interval '10 minutes'` })
      .where(eq(users.id, user.id));
    expect((await jx.post(`/api/accounts/${user.id}/unlock`)).json()).toEqual({ ok: true });
    const agent = await login(t, user);
    const reset = await jx.post(`/api/accounts/${user.id}/reset-password`);
    expect(reset.statusCode, reset.body).toBe(200);
    const { initialPassword } = reset.json();
    expect((await agent.get('/api/auth/me')).statusCode).toBe(401);
    expect((await jx.post(`/api/accounts/${user.id}/reset-totp`)).statusCode).toBe(200);
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: user.username, password: initialPassword },
    });
    expect(signIn.json().stage).toBe('password_change');
    const actions = (
      await t.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.targetId, String(user.id)))
    ).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining(['account.unlocked', 'account.password_reset', 'account.totp_reset']),
    );
  });
});

describe('roles', () => {
  it('lists roles with what the viewer may grant and the two-factor rule', async () => {
    const { items } = (await jx.get('/api/roles')).json();
    const byKey = Object.fromEntries(items.map((r: { key: string }) => [r.key, r]));
    expect(byKey.system_admin).toMatchObject({ grantable: false, requireTotp: true });
    expect(byKey.unit_admin).toMatchObject({ grantable: true, requireTotp: true, label: '单位管理员' });
    expect(byKey.operator).toMatchObject({ grantable: true, requireTotp: false });
  });

  it('only settings.manage may change the rule, and never off for roles that reveal personal data', async () => {
    expect((await jx.put('/api/roles/operator/settings', { requireTotp: true })).statusCode).toBe(403);
    const sys = await login(t, await createUser(t, { role: 'system_admin', unitCode: '000000' }));
    const on = await sys.put('/api/roles/operator/settings', { requireTotp: true });
    expect(on.statusCode, on.body).toBe(200);
    expect(on.json()).toMatchObject({ key: 'operator', requireTotp: true });
    expect((await sys.put('/api/roles/unit_admin/settings', { requireTotp: false })).statusCode).toBe(400);
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.action, 'role.settings_updated'));
    expect(audit).toHaveLength(1);
    await sys.put('/api/roles/operator/settings', { requireTotp: false });
  });
});
