import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { and, eq, sql } from 'drizzle-orm';
import { auditLog } from '../../db/schema';
import {
  createTestContext,
  createUser,
  login,
  unitIdByCode,
  type Agent,
  type TestContext,
} from '../../test/harness';
import type { AuditEntry } from '../../../common/contracts/audit';

let t: TestContext;
let root: Agent;
let ncAdmin: Agent;
let dhAdmin: Agent;
let ncOperator: Agent;
const units: Record<string, number> = {};

/** Test events: action 'department.updated', spread over units, users, outcomes and days. */
const EVENTS: {
  unit: string | null;
  username: string;
  outcome: 'success' | 'failure' | 'denied';
  at: string;
}[] = [
  { unit: '360100', username: 'Alice_NC', outcome: 'success', at: '2026-01-10T02:00:00Z' },
  { unit: '360100', username: 'alice_nc', outcome: 'failure', at: '2026-01-11T02:00:00Z' },
  { unit: '360100', username: 'bob', outcome: 'success', at: '2026-01-12T02:00:00Z' },
  { unit: '360102', username: 'abc', outcome: 'success', at: '2026-01-13T02:00:00Z' },
  { unit: '360102', username: 'alice_dh', outcome: 'denied', at: '2026-01-14T02:00:00Z' },
  { unit: '360400', username: 'alice_jj', outcome: 'success', at: '2026-01-15T02:00:00Z' },
  { unit: '360000', username: 'alice_jx', outcome: 'success', at: '2026-01-16T02:00:00Z' },
  { unit: null, username: 'ghost', outcome: 'failure', at: '2026-01-17T02:00:00Z' },
];

beforeAll(async () => {
  t = await createTestContext();
  for (const code of ['360000', '360100', '360102', '360400']) units[code] = await unitIdByCode(t.db, code);
  await t.db.insert(auditLog).values(
    EVENTS.map((e, i) => ({
      at: new Date(e.at),
      username: e.username,
      unitId: e.unit ? units[e.unit] : null,
      ip: '10.0.0.1',
      action: 'department.updated',
      targetType: 'department',
      targetId: String(i + 1),
      targetLabel: i === 2 ? '=HYPERLINK("http://evil","点我")' : `部门${i + 1}`,
      outcome: e.outcome,
      detail: { seq: i + 1 },
    })),
  );
  root = await login(t, await createUser(t, { role: 'system_admin', unitCode: '000000' }));
  ncAdmin = await login(t, await createUser(t, { role: 'unit_admin', unitCode: '360100' }));
  dhAdmin = await login(t, await createUser(t, { role: 'unit_admin', unitCode: '360102' }));
  ncOperator = await login(t, await createUser(t, { role: 'operator', unitCode: '360100', totp: false }));
});

afterAll(async () => {
  await t?.close();
});

async function list(agent: Agent, query: string): Promise<{ items: AuditEntry[]; total: number }> {
  const res = await agent.get(`/api/audit?action=department.updated&${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const seqs = (items: AuditEntry[]) => items.map((i) => i.detail?.seq);

describe('audit list', () => {
  it('shows a city administrator exactly the rows of its subtree, newest first', async () => {
    const { items, total } = await list(ncAdmin, 'pageSize=50');
    expect(total).toBe(5);
    expect(seqs(items)).toEqual([5, 4, 3, 2, 1]);
    expect(items[0]).toMatchObject({
      username: 'alice_dh',
      unitName: '东湖区',
      action: 'department.updated',
      actionLabel: '修改部门',
      outcome: 'denied',
      targetLabel: '部门5',
      ip: '10.0.0.1',
      at: '2026-01-14T02:00:00.000Z',
    });
    expect((await list(dhAdmin, '')).total).toBe(2);
  });

  it('shows the root everything, including rows without a unit', async () => {
    const { items, total } = await list(root, 'pageSize=50');
    expect(total).toBe(8);
    expect(items[0]).toMatchObject({ username: 'ghost', unitId: null, unitName: null });
  });

  it('filters by user (case-insensitive, wildcards literal), unit subtree, outcome and time, and pages', async () => {
    expect(seqs((await list(ncAdmin, 'username=ALICE')).items)).toEqual([5, 2, 1]);
    expect(seqs((await list(ncAdmin, 'username=a_')).items)).toEqual([]);
    expect(seqs((await list(ncAdmin, 'username=alice_n')).items)).toEqual([2, 1]);
    expect(seqs((await list(ncAdmin, `unitId=${units['360102']}`)).items)).toEqual([5, 4]);
    expect(seqs((await list(root, `unitId=${units['360000']}&pageSize=50`)).items)).toEqual([
      7, 6, 5, 4, 3, 2, 1,
    ]);
    expect(seqs((await list(ncAdmin, 'outcome=success')).items)).toEqual([4, 3, 1]);
    const window = `from=${encodeURIComponent('2026-01-11T00:00:00+08:00')}&to=${encodeURIComponent('2026-01-13T10:00:00+08:00')}`;
    expect(seqs((await list(ncAdmin, window)).items)).toEqual([4, 3, 2]);
    const page2 = await list(ncAdmin, 'page=2&pageSize=2');
    expect(page2).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(seqs(page2.items)).toEqual([3, 2]);
  });

  it('refuses a unit outside the scope, reversed time ranges, and viewers without the permission', async () => {
    const outside = await ncAdmin.get(`/api/audit?unitId=${units['360400']}`);
    expect(outside.statusCode).toBe(404);
    expect(outside.body).not.toContain('九江');
    const reversed = await ncAdmin.get(
      `/api/audit?from=${encodeURIComponent('2026-02-01T00:00:00Z')}&to=${encodeURIComponent('2026-01-01T00:00:00Z')}`,
    );
    expect(reversed.statusCode).toBe(400);
    expect((await ncOperator.get('/api/audit')).statusCode).toBe(403);
  });
});

describe('audit export', () => {
  it('exports the filtered rows as .xlsx, formula-escaped, and audits the export', async () => {
    const res = await ncAdmin.get('/api/audit/export?action=department.updated');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml.sheet');
    expect(String(res.headers['content-disposition'])).toMatch(
      new RegExp(`filename\\*=UTF-8''${encodeURIComponent('审计日志')}-\\d{8}-\\d{6}\\.xlsx`),
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getCell('A1').value).toBe('审计日志');
    expect(String(ws.getCell('A3').value)).toContain('操作：修改部门');
    const header = ws.getRow(4);
    expect(Array.from({ length: 8 }, (_, i) => header.getCell(i + 1).value)).toEqual([
      '时间',
      '用户',
      '单位',
      'IP',
      '操作',
      '对象',
      '结果',
      '详情',
    ]);
    const rows = Array.from({ length: ws.rowCount - 4 }, (_, i) => ws.getRow(i + 5));
    const { items } = await list(ncAdmin, 'pageSize=50');
    expect(rows.map((r) => [r.getCell(2).value, r.getCell(3).value, r.getCell(5).value])).toEqual(
      items.map((i) => [i.username, i.unitName, '修改部门']),
    );
    expect(rows.map((r) => r.getCell(7).value)).toEqual(['拒绝', '成功', '成功', '失败', '成功']);
    // Beijing wall-clock time: 2026-01-14T02:00Z is 10:00 in Beijing.
    expect((rows[0].getCell(1).value as Date).toISOString()).toBe('2026-01-14T10:00:00.000Z');
    expect(rows[2].getCell(6).value).toBe(`'=HYPERLINK("http://evil","点我")`);
    expect(JSON.parse(String(rows[4].getCell(8).value))).toEqual({ seq: 1 });

    const [exported] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'audit.exported'), eq(auditLog.username, ncAdmin.user.username)));
    expect(exported.unitId).toBe(units['360100']);
    expect(exported.detail).toMatchObject({
      filter: { action: 'department.updated' },
      rows: 5,
      truncated: false,
    });
  });

  it('refuses a unit outside the scope', async () => {
    const res = await dhAdmin.get(`/api/audit/export?unitId=${units['360100']}`);
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('南昌');
  });
});

describe('append-only', () => {
  it('refuses update, delete and truncate on the database', async () => {
    const before = await t.db.select({ n: sql<number>`count(*)::int` }).from(auditLog);
    await expect(t.db.execute(sql`update audit_log set action = 'x'`)).rejects.toThrow();
    await expect(t.db.execute(sql`delete from audit_log`)).rejects.toThrow();
    await expect(t.db.execute(sql`truncate audit_log`)).rejects.toThrow();
    const after = await t.db.select({ n: sql<number>`count(*)::int` }).from(auditLog);
    expect(after[0].n).toBe(before[0].n);
  });
});
