import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import type { DictItem } from '../../common/contracts/dictionaries';
import type { ImportJob } from '../../common/contracts/imports';
import { queryRows } from '../db/client';
import { multipart, SAMPLE_FILES } from '../platform/files/test-files';
import { settleImportJobs } from '../platform/import/jobs/runner';
import { createUser, login, unitIdByCode, type Agent, type TestContext } from './harness';
import { makeId } from './id-numbers';

/**
 * The accounts and youth-registry half of the restricted-role smoke path (server/app-role.test.ts):
 * each step goes through the API as a user would and checks one thing the user sees.
 */

const one = async <T>(t: TestContext, query: ReturnType<typeof sql>) =>
  (await queryRows<T & Record<string, unknown>>(t.db, query))[0];

const ok = (res: LightMyRequestResponse, step: string) =>
  expect(res.statusCode, `${step}: ${res.body}`).toBe(200);

export async function smokeAccounts(t: TestContext): Promise<void> {
  const signIn = (username: string, password: string, ip = '127.0.0.1') =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password },
      remoteAddress: ip,
    });

  // A second factor: the code's time step is remembered (users.totp_last_step) so it cannot be replayed.
  const cityAdminUser = await createUser(t, { role: 'unit_admin', unitCode: '360100' });
  await login(t, cityAdminUser);
  const step = await one<{ last: number | null }>(
    t,
    sql`select totp_last_step as last from users where id = ${cityAdminUser.id}`,
  );
  expect(Number(step.last)).toBeGreaterThan(0);

  // Wrong passwords lock the sign-in (login_locks); the unit's administrator lifts the lock.
  const clumsy = await createUser(t, { role: 'operator', unitCode: '360100', totp: false });
  const codes: number[] = [];
  for (let i = 0; i < 5; i++)
    codes.push((await signIn(clumsy.username, 'Wrong#Passw0rd1', '10.0.0.9')).statusCode);
  expect(codes).toContain(423);
  const lock = await one<{ n: number }>(
    t,
    sql`select count(*)::int as n from login_locks where username = ${clumsy.username} and locked_until > now()`,
  );
  expect(lock.n).toBe(1);
  const cityAdmin = await login(t, cityAdminUser);
  ok(await cityAdmin.post(`/api/accounts/${clumsy.id}/unlock`), 'unlock');
  ok(await signIn(clumsy.username, clumsy.password, '10.0.0.9'), 'sign-in after unlock');

  // The user changes their password (password_history), and signs in with the new one.
  const newPassword = 'Lushan#Yunwu77';
  const self = await login(t, clumsy);
  ok(
    await self.post('/api/auth/password', { currentPassword: clumsy.password, newPassword }),
    'password change',
  );
  ok(await signIn(clumsy.username, newPassword), 'sign-in with the new password');
  const history = await one<{ n: number }>(
    t,
    sql`select count(*)::int as n from password_history where user_id = ${clumsy.id}`,
  );
  expect(history.n).toBeGreaterThan(0);

  // The province resets it; at the next sign-in the user must change it and is told who reset it.
  const province = await login(t, await createUser(t, { role: 'unit_admin', unitCode: '360000' }));
  const reset = await province.post(`/api/accounts/${clumsy.id}/reset-password`);
  ok(reset, 'password reset');
  const next = await signIn(clumsy.username, reset.json<{ initialPassword: string }>().initialPassword);
  ok(next, 'sign-in with the one-time password');
  expect(next.json()).toMatchObject({
    stage: 'password_change',
    notices: [expect.objectContaining({ kind: 'password_reset', by: expect.stringContaining('江西省') })],
  });
}

async function xlsx(rows: (string | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  for (const row of rows) ws.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function xlsxText(res: LightMyRequestResponse): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const cells: string[] = [];
  wb.worksheets[0].eachRow((row) => cells.push(JSON.stringify(row.values)));
  return cells.join('\n');
}

async function dictionary(admin: Agent): Promise<void> {
  const created = await admin.post('/api/dictionaries/source', { label: '角色冒烟来源' });
  ok(created, 'dictionary item');
  const item = created.json<DictItem>();
  ok(
    await admin.patch(`/api/dictionary-items/${item.id}`, { version: item.version, aliases: ['冒烟别名'] }),
    'aliases',
  );
  const listed = await admin.get('/api/dictionaries/source');
  const found = listed.json<{ items: DictItem[] }>().items.find((i) => i.id === item.id);
  expect(found?.aliases).toEqual(['冒烟别名']);
}

async function importRoster(t: TestContext, op: Agent, unitId: number): Promise<void> {
  const file = await xlsx([
    ['姓名', '身份证号'],
    ['冒烟导入甲', makeId('360102', '19980312', '123')],
    ['冒烟导入乙', makeId('360102', '19990101', '234')],
  ]);
  const up = await op.request({
    method: 'POST',
    url: '/api/youth/imports',
    ...multipart({ unitId: String(unitId) }, { name: '冒烟名单.xlsx', content: file }),
  });
  ok(up, 'import upload');
  const jobId = up.json<ImportJob>().id;
  // The worker thread reads the file; its rows are staged and judged as the application role.
  await settleImportJobs();
  const preview = (await op.get(`/api/youth/imports/${jobId}`)).json<ImportJob>();
  expect(preview).toMatchObject({ status: 'ready', counts: { total: 2, new: 2, error: 0 } });
  const rows = await op.get(`/api/youth/imports/${jobId}/rows`);
  ok(rows, 'import preview rows');
  expect(rows.body).toContain('冒烟导入甲');
  ok(await op.post(`/api/youth/imports/${jobId}/commit`, { mode: 'add', policy: 'valid' }), 'import commit');
  await settleImportJobs();
  const done = (await op.get(`/api/youth/imports/${jobId}`)).json<ImportJob>();
  expect(done.status).toBe('done');
  // The job let go of its claim (import_jobs.owner) once the rows were in.
  const claim = await one<{ owner: string | null }>(
    t,
    sql`select owner from import_jobs where id = ${jobId}`,
  );
  expect(claim.owner).toBeNull();
  const found = await op.post('/api/youth/search', { q: '冒烟导入' });
  expect(found.json<{ total: number }>().total).toBe(2);
}

export async function smokeRegistry(t: TestContext): Promise<void> {
  const nanchang = await unitIdByCode(t.db, '360100');
  const admin = await login(t, await createUser(t, { role: 'unit_admin', unitCode: '360100' }));
  const op = await login(t, await createUser(t, { role: 'operator', unitCode: '360100', totp: false }));
  await dictionary(admin);

  const idNumber = makeId('360100', '19970505', '345');
  const created = await op.post('/api/youth', { name: '冒烟青年', idNumber, phone: '13800138123' });
  ok(created, 'youth create');
  const person = created.json<{ youth: { id: number; version: number } }>().youth;
  const search = await op.post('/api/youth/search', { q: 'myqn' });
  ok(search, 'youth search');
  expect(search.json<{ items: { name: string }[] }>().items.map((i) => i.name)).toContain('冒烟青年');
  const updated = await op.patch(`/api/youth/${person.id}`, { remark: '冒烟备注', version: person.version });
  ok(updated, 'youth update');
  expect((await op.get(`/api/youth/${person.id}`)).json().remark).toBe('冒烟备注');
  ok(
    await op.post(`/api/youth/${person.id}/interactions`, {
      date: '2026-01-05',
      way: '走访',
      contactedBy: '冒烟',
      summary: '冒烟联系记录',
    }),
    'interaction',
  );
  expect((await op.get(`/api/youth/${person.id}/interactions`)).body).toContain('冒烟联系记录');

  // The nationwide check: another province learns only who keeps the person (its rate limit reads the audit log).
  const far = await login(t, await createUser(t, { role: 'unit_admin', unitCode: '330000' }));
  const dup = await far.post('/api/youth/duplicate-check', { idNumber });
  ok(dup, 'duplicate check');
  expect(dup.json().matches[0]).toMatchObject({ keepingUnitName: '南昌市', inScope: false });

  await importRoster(t, op, nanchang);

  const upload = await op.request({
    method: 'POST',
    url: `/api/youth/${person.id}/attachments`,
    ...multipart({ kind: '证书', note: '冒烟附件' }, { name: '证书.pdf', content: SAMPLE_FILES.pdf }),
  });
  ok(upload, 'attachment upload');
  const file = await op.get(`/api/youth/${person.id}/attachments/${upload.json<{ id: number }>().id}/file`);
  ok(file, 'attachment download');
  expect(Buffer.compare(file.rawPayload, SAMPLE_FILES.pdf)).toBe(0);

  const exported = await admin.post('/api/youth/export', { filter: { q: '冒烟' } });
  ok(exported, 'export');
  const text = await xlsxText(exported);
  expect(text).toContain('冒烟青年');
  expect(text).toContain('冒烟导入乙');
}
