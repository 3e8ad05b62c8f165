import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, users } from '../../db/schema';
import {
  createTestContext,
  createUser,
  login,
  unitIdByCode,
  type Agent,
  type TestContext,
} from '../../test/harness';
import { beijingDays } from './home.service';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

let t: TestContext;
let ncAdmin: Agent;
let jxAdmin: Agent;
let root: Agent;
let dates: string[];

/** The UTC instant of a Beijing wall-clock time `daysAgo` days before today. */
function beijing(daysAgo: number, hh: number, mm: number): Date {
  const { dates: days } = beijingDays(new Date(), 1);
  return new Date(Date.parse(`${days[0]}T00:00:00Z`) - daysAgo * DAY + (hh - 8) * HOUR + mm * 60 * 1000);
}

beforeAll(async () => {
  t = await createTestContext();
  dates = beijingDays(new Date(), 7).dates;
  const nc = await unitIdByCode(t.db, '360100');
  const dh = await unitIdByCode(t.db, '360102');
  const jj = await unitIdByCode(t.db, '360400');
  const login_ = (unitId: number, at: Date) => ({
    at,
    unitId,
    username: 'someone',
    action: 'auth.login',
    outcome: 'success' as const,
  });
  await t.db.insert(auditLog).values([
    login_(nc, beijing(2, 9, 0)),
    login_(dh, beijing(2, 0, 1)), // just after Beijing midnight: day -2, although still day -3 in UTC
    login_(dh, beijing(3, 23, 59)),
    login_(jj, beijing(2, 9, 0)), // a sibling city: out of scope
    login_(nc, beijing(7, 12, 0)), // older than the 7 days shown
    { ...login_(nc, beijing(1, 9, 0)), outcome: 'failure' as const },
    {
      at: new Date(Date.now() - HOUR),
      unitId: dh,
      username: 'dh',
      action: 'department.updated',
      targetLabel: '部门甲',
      outcome: 'success' as const,
    },
    {
      at: new Date(Date.now() - 2 * HOUR),
      unitId: jj,
      username: 'jj',
      action: 'department.updated',
      targetLabel: '九江部门',
      outcome: 'success' as const,
    },
    {
      at: new Date(Date.now() - 3 * HOUR),
      unitId: nc,
      username: 'nc',
      action: 'department.updated',
      targetType: 'department',
      targetId: '7',
      outcome: 'success' as const,
    },
  ]);

  ncAdmin = await login(
    t,
    await createUser(t, { role: 'unit_admin', unitCode: '360100', username: 'nc_admin' }),
  );
  await createUser(t, { role: 'operator', unitCode: '360102', totp: false });
  const disabled = await createUser(t, { role: 'operator', unitCode: '360100', totp: false });
  await t.db.update(users).set({ status: 'disabled' }).where(eq(users.id, disabled.id));
  await createUser(t, { role: 'operator', unitCode: '360400' });
  jxAdmin = await login(t, await createUser(t, { role: 'unit_admin', unitCode: '360000' }));
  root = await login(t, await createUser(t, { role: 'system_admin', unitCode: '000000' }));
});

afterAll(async () => {
  await t?.close();
});

describe('beijingDays', () => {
  it('counts calendar days in Beijing, not UTC', () => {
    const { dates: days, since } = beijingDays(new Date('2026-03-01T17:00:00Z'), 3);
    expect(days).toEqual(['2026-02-28', '2026-03-01', '2026-03-02']);
    expect(since.toISOString()).toBe('2026-02-27T16:00:00.000Z');
  });
});

describe('home summary', () => {
  it('counts exactly what lies in a city scope', async () => {
    const res = await ncAdmin.get('/api/home/summary');
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    expect(s.scope).toMatchObject({ name: '南昌市', orgName: '共青团南昌市委员会' });
    // 东湖、西湖、青云谱、青山湖、新建、红谷滩、南昌县、安义、进贤
    expect(s.unitsByLevel).toEqual({ province: 0, city: 0, county: 9 });
    expect(s.keyContactCities).toBe(1);
    expect(s.departments).toBe(9);
    expect(s.accounts).toEqual({ total: 3, active: 2, withTotp: 1 });
    expect(s.loginsLast7Days).toEqual(dates.map((date, i) => ({ date, count: [0, 0, 0, 1, 2, 0, 1][i] })));
    const recent = s.recentActivity as { username: string; actionLabel: string; target: string | null }[];
    expect(recent.map((r) => [r.username, r.actionLabel, r.target])).toEqual([
      ['nc_admin', '动态口令验证', 'nc_admin'],
      ['nc_admin', '登录', 'nc_admin'],
      ['dh', '修改部门', '部门甲'],
      ['nc', '修改部门', 'department #7'],
      ['someone', '登录', null],
      ['someone', '登录', null],
      ['someone', '登录', null],
      ['someone', '登录', null],
    ]);
    expect(JSON.stringify(s.recentActivity)).not.toContain('九江');
  });

  it('counts a province and the whole country', async () => {
    const jx = (await jxAdmin.get('/api/home/summary')).json();
    expect(jx.unitsByLevel).toEqual({ province: 0, city: 11, county: 100 });
    expect(jx.keyContactCities).toBe(2);
    expect(jx.departments).toBe(9 * 12);
    expect(jx.accounts).toEqual({ total: 5, active: 4, withTotp: 3 });
    const all = (await root.get('/api/home/summary')).json();
    expect(all.unitsByLevel.province).toBe(32);
    expect(all.keyContactCities).toBe(71);
    expect(all.accounts.total).toBe(6);
  });

  it('shows recent activity, which is the audit log, only to those who may read the audit log', async () => {
    const leader = await login(t, await createUser(t, { role: 'leader', unitCode: '360100', totp: false }));
    const s = (await leader.get('/api/home/summary')).json();
    expect(s.unitsByLevel.county).toBe(9);
    expect(s.recentActivity).toEqual([]);
    expect(JSON.stringify(s)).not.toMatch(/nc_admin|部门甲/);
  });
});
