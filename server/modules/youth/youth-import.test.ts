import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import type { ImportJob, ImportRow } from '../../../common/contracts/imports';
import { queryRows } from '../../db/client';
import { multipart } from '../../platform/files/test-files';
import { encodeGbk } from '../../platform/import/fixtures/gbk';
import { settleImportJobs } from '../../platform/import/jobs/runner';
import { createTestContext, createUser, login, type Agent, type TestContext } from '../../test/harness';
import { makeId } from '../../test/id-numbers';

let t: TestContext;
let dataDir: string;
let cityOp: Agent; // 南昌市
let donghuOp: Agent; // 东湖区, under 南昌市
let xihuOp: Agent; // 西湖区, its sibling
let ganzhouOp: Agent; // 赣州市, another city

const ID = {
  a: makeId('360102', '19980312', '123'),
  b: makeId('360102', '19990101', '234'),
  c: makeId('360103', '20000505', '345'),
  d: makeId('360102', '19970707', '456'),
  e: makeId('360102', '19960606', '567'),
  elsewhere: makeId('360702', '19950505', '678'),
};

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zm-import-'));
  t = await createTestContext({ dataDir });
  cityOp = await login(t, await createUser(t, { role: 'operator', unitCode: '360100', totp: false }));
  donghuOp = await login(t, await createUser(t, { role: 'operator', unitCode: '360102', totp: false }));
  xihuOp = await login(t, await createUser(t, { role: 'operator', unitCode: '360103', totp: false }));
  ganzhouOp = await login(t, await createUser(t, { role: 'operator', unitCode: '360700', totp: false }));
});

afterAll(async () => {
  await t?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const BASE = '/api/youth/imports';

async function upload(agent: Agent, name: string, content: Buffer, fields: Record<string, string> = {}) {
  const res = await agent.request({ method: 'POST', url: BASE, ...multipart(fields, { name, content }) });
  expect(res.statusCode, res.body).toBe(200);
  await settleImportJobs();
  return (
    await agent.request({ method: 'GET', url: `${BASE}/${res.json<ImportJob>().id}` })
  ).json<ImportJob>();
}

async function rows(agent: Agent, jobId: number): Promise<ImportRow[]> {
  const res = await agent.request({ method: 'GET', url: `${BASE}/${jobId}/rows?pageSize=200` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: ImportRow[] }>().items;
}

async function commit(agent: Agent, jobId: number, body: { mode: string; policy: string }) {
  const res = await agent.request({ method: 'POST', url: `${BASE}/${jobId}/commit`, payload: body });
  if (res.statusCode !== 200)
    return { status: res.statusCode, message: res.json<{ message: string }>().message };
  await settleImportJobs();
  const job = (await agent.request({ method: 'GET', url: `${BASE}/${jobId}` })).json<ImportJob>();
  return { status: 200, job };
}

const countNamed = async (prefix: string) =>
  (
    await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from youth where name like ${`${prefix}%`}`,
    )
  )[0].n;

/** A roster as offices keep it: title and 填报单位 above, synonyms in their own order, a footer. */
async function messyRoster(people: (string | number | Date | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  ws.addRow(['东湖区新兴青年联系对象花名册']);
  ws.mergeCells('A1:G1');
  ws.addRow(['填报单位：共青团南昌市东湖区委员会', null, null, null, '填报日期：2026年11月1日']);
  ws.addRow(['序号', '姓  名', '公民身份号码', '联系电话', '出生年月', '群体类别', '备注']);
  people.forEach((p, i) => ws.addRow([i + 1, ...p]));
  ws.addRow([]);
  ws.addRow(['填表人：李明', null, '审核人：王强']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('youth import', () => {
  it('offers a template: data sheet first, text-formatted ID and phone, dropdowns, instructions', async () => {
    const res = await donghuOp.request({ method: 'GET', url: `${BASE}/template` });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      ['青年信息', 'visible'],
      ['填写说明', 'visible'],
      ['选项', 'veryHidden'],
    ]);
    const data = wb.worksheets[0];
    const headers = (data.getRow(1).values as string[]).slice(1);
    expect(headers.slice(0, 6)).toEqual(['姓名*', '性别', '民族', '出生日期', '身份证号', '手机号']);
    expect(data.getColumn(5).numFmt).toBe('@');
    expect(data.getColumn(6).numFmt).toBe('@');
    const categoryCol = headers.indexOf('群体类别') + 1;
    const validation = data.getCell(2, categoryCol).dataValidation;
    expect(validation?.type).toBe('list');
    const options = wb.getWorksheet('选项')!;
    const categoryList = options.getColumn(1).values.slice(2);
    expect(categoryList).toContain('网络作家');
    expect(wb.getWorksheet('填写说明')!.getCell('A2').value).toBe('姓名');
  });

  it('previews a messy roster row by row, imports the valid rows and reports the others', async () => {
    const numericId = Number(ID.d); // what Excel keeps of an ID typed into a number cell
    const wrongCheck = ID.a.slice(0, 17) + (ID.a.endsWith('0') ? '1' : '0');
    const file = await messyRoster([
      ['导入甲', ID.a.toLowerCase().replace(/x$/, 'x'), '138-0013-8001', '1998.03', '网络作家', null],
      [
        '导入乙',
        ` ${ID.b} `,
        '１３８００１３８００２',
        new Date(Date.UTC(1999, 0, 1)),
        '新文艺群体/网络作家',
        null,
      ],
      ['导入丙', wrongCheck, '13800138003', null, null, null],
      ['导入丁', numericId, '13800138004', null, null, null],
      ['导入戊', ID.a, '13800138005', null, null, '同一人再次出现'],
      ['导入己', ID.e, '1380013800', null, '不存在的"类别\\,{}', '=HYPERLINK("http://x")'],
      [null, null, null, null, null, null],
      ['导入庚', null, '13800138007', '1996年6月1日', null, null],
    ]);
    const job = await upload(donghuOp, '东湖区花名册.xlsx', file);
    expect(job.status).toBe('ready');
    expect(job.sheetInfo).toEqual([
      '标题：东湖区新兴青年联系对象花名册',
      '填报单位：共青团南昌市东湖区委员会',
      '填报日期：2026年11月1日',
    ]);
    expect(job.columns.matched.map((c) => c.label)).toEqual([
      '姓名',
      '身份证号',
      '手机号',
      '出生日期',
      '群体类别',
      '备注',
    ]);
    expect(job.counts).toMatchObject({ total: 7, new: 3, duplicate: 1, error: 3 });

    const byRow = new Map((await rows(donghuOp, job.id)).map((r) => [r.rowNumber, r]));
    expect(byRow.get(4)).toMatchObject({ action: 'new' });
    expect(byRow.get(4)!.label).toMatch(/^导入甲 · 360102\*+/);
    expect(byRow.get(5)).toMatchObject({ action: 'new' });
    expect(byRow.get(6)!.action).toBe('error');
    expect(byRow.get(6)!.messages[0]).toMatch(/^第 6 行「公民身份号码」列：.*校验/);
    expect(byRow.get(7)!.messages.join()).toContain('身份证号被 Excel 当作数字保存');
    expect(byRow.get(8)).toMatchObject({ action: 'duplicate' });
    expect(byRow.get(8)!.messages.join()).toContain('与第 4 行是同一人（身份证号相同）');
    expect(byRow.get(9)!.messages.join()).toMatch(/第 9 行「联系电话」列/);
    expect(byRow.get(9)!.messages.join()).toContain('“不存在的"类别\\,{}”不是可选的群体类别');
    // A formula typed as a note is kept as text, and the preview says so, naming row and column.
    expect(byRow.get(9)!.messages).toContain(
      '第 9 行「备注」列：内容以“=”开头，形似公式：已按文本原样保存，不会作为公式执行',
    );
    expect(byRow.get(11)).toMatchObject({ action: 'new' });
    // Nothing is written before the user confirms.
    expect(await countNamed('导入')).toBe(0);
    // No ID number reaches the preview.
    expect(JSON.stringify([...byRow.values()])).not.toContain(ID.a);

    const refused = await commit(donghuOp, job.id, { mode: 'add', policy: 'all' });
    expect(refused).toMatchObject({ status: 400, message: expect.stringContaining('有 3 行存在错误') });
    expect(await countNamed('导入')).toBe(0);

    const done = await commit(donghuOp, job.id, { mode: 'add', policy: 'valid' });
    expect(done.job).toMatchObject({ status: 'done', result: { inserted: 3, updated: 0, skipped: 1 } });
    const stored = await queryRows<{
      name: string;
      birthDate: string;
      remark: string | null;
      unitId: number;
    }>(
      t.db,
      sql`select name, birth_date::text as "birthDate", remark, unit_id as "unitId" from youth where name like '导入%' order by name`,
    );
    expect(stored.map((s) => [s.name, s.birthDate])).toEqual([
      ['导入乙', '1999-01-01'],
      ['导入庚', '1996-06-01'],
      ['导入甲', '1998-03-12'],
    ]);
    const [audit] = await queryRows<{ detail: Record<string, unknown> }>(
      t.db,
      sql`select detail from audit_log where action = 'youth.imported' order by id desc limit 1`,
    );
    expect(audit.detail).toMatchObject({ inserted: 3, updated: 0, errors: 3, rows: 7, policy: 'valid' });

    // The error report: the original rows with 错误原因, for the uploader only.
    const report = await donghuOp.request({ method: 'GET', url: `${BASE}/${job.id}/error-report` });
    expect(report.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect((ws.getRow(1).values as string[]).slice(1)).toEqual([
      '原行号',
      '序号',
      '姓名',
      '公民身份号码',
      '联系电话',
      '出生年月',
      '群体类别',
      '备注',
      '错误原因',
    ]);
    expect(ws.rowCount).toBe(4);
    expect(ws.getCell('C2').value).toBe('导入丙');
    // Written back as the text typed, in a text cell: never a formula.
    expect(ws.getCell('H4').value).toBe('=HYPERLINK("http://x")');
    expect(ws.getCell('H4').type).toBe(ExcelJS.ValueType.String);
    const other = await cityOp.request({ method: 'GET', url: `${BASE}/${job.id}/error-report` });
    expect(other.statusCode).toBe(403);
  });

  it('adds nothing when the same file is imported again, and updates only when asked', async () => {
    const people = [
      ['再导甲', ID.c, '13900139001', null, null, null],
      ['再导乙', null, '13900139002', null, null, null],
    ];
    const file = await messyRoster(people);
    const first = await upload(cityOp, '名单.xlsx', file);
    expect((await commit(cityOp, first.id, { mode: 'add', policy: 'all' })).job?.result).toEqual({
      inserted: 2,
      updated: 0,
      skipped: 0,
    });

    const again = await upload(cityOp, '名单（副本）.xlsx', file);
    expect(again.counts).toMatchObject({ total: 2, new: 0, duplicate: 2 });
    expect(again.previousImport).toMatchObject({ jobId: first.id });
    expect((await commit(cityOp, again.id, { mode: 'upsert', policy: 'all' })).job?.result).toEqual({
      inserted: 0,
      updated: 0,
      skipped: 2,
    });
    expect(await countNamed('再导')).toBe(2);

    const changed = await upload(
      cityOp,
      '名单-更新.xlsx',
      await messyRoster([['再导甲', ID.c, '13900139009', null, '网络作家', '已更新']]),
    );
    const [row] = await rows(cityOp, changed.id);
    expect(row).toMatchObject({ action: 'update' });
    expect(row.messages[0]).toContain('将更新：手机号、群体类别、备注');
    expect((await commit(cityOp, changed.id, { mode: 'add', policy: 'all' })).job?.result).toEqual({
      inserted: 0,
      updated: 0,
      skipped: 1,
    });
    const again2 = await upload(
      cityOp,
      '名单-更新.xlsx',
      await messyRoster([['再导甲', ID.c, '13900139009', null, '网络作家', '已更新']]),
    );
    expect((await commit(cityOp, again2.id, { mode: 'upsert', policy: 'all' })).job?.result).toEqual({
      inserted: 0,
      updated: 1,
      skipped: 0,
    });
    const [stored] = await queryRows<{ remark: string; version: number }>(
      t.db,
      sql`select remark, version from youth where name = '再导甲'`,
    );
    expect(stored).toEqual({ remark: '已更新', version: 2 });
  });

  it('writes nothing when the import fails mid-way, and succeeds when run again', async () => {
    await t.db.execute(sql`create function zm_test_fail() returns trigger language plpgsql as $$
      begin if new.name = '原子丙' then raise exception 'simulated crash'; end if; return new; end $$`);
    await t.db.execute(
      sql`create trigger zm_test_fail before insert on youth for each row execute function zm_test_fail()`,
    );
    const people = ['原子甲', '原子乙', '原子丙', '原子丁'].map((n, i) => [
      n,
      null,
      `1370013700${i}`,
      null,
      null,
      null,
    ]);
    const job = await upload(donghuOp, '原子性.xlsx', await messyRoster(people));
    expect(job.counts).toMatchObject({ new: 4 });
    const failed = await commit(donghuOp, job.id, { mode: 'add', policy: 'all' });
    expect(failed.job).toMatchObject({ status: 'interrupted', result: null });
    expect(failed.job?.error).toContain('未写入任何数据');
    expect(await countNamed('原子')).toBe(0);

    await t.db.execute(sql`drop trigger zm_test_fail on youth`);
    await t.db.execute(sql`drop function zm_test_fail`);
    const retried = await commit(donghuOp, job.id, { mode: 'add', policy: 'all' });
    expect(retried.job).toMatchObject({ status: 'done', result: { inserted: 4 } });
    expect(await countNamed('原子')).toBe(4);
    const twice = await commit(donghuOp, job.id, { mode: 'add', policy: 'all' });
    expect(twice.status).toBe(409);
    expect(await countNamed('原子')).toBe(4);
  });

  it('settles a job whose process was killed mid-import as 已中断, and runs it again', async () => {
    const people = ['中断甲', '中断乙'].map((n, i) => [n, null, `1360013600${i}`, null, null, null]);
    const job = await upload(donghuOp, '中断.xlsx', await messyRoster(people));
    // What a kill -9 during the import leaves: the transaction is gone, the job still says 正在导入.
    await t.db.execute(
      sql`update import_jobs set status = 'importing', heartbeat_at = now() - interval '2 minutes' where id = ${job.id}`,
    );
    const seen = (await donghuOp.request({ method: 'GET', url: `${BASE}/${job.id}` })).json<ImportJob>();
    expect(seen).toMatchObject({
      status: 'interrupted',
      error: '导入时服务中断，未写入任何数据，可重新导入',
    });
    expect(await countNamed('中断')).toBe(0);
    const again = await commit(donghuOp, job.id, { mode: 'add', policy: 'all' });
    expect(again.job).toMatchObject({ status: 'done', result: { inserted: 2 } });
  });

  it('tells only which unit keeps a person registered elsewhere, and keeps jobs in scope', async () => {
    const res = await ganzhouOp.request({
      method: 'POST',
      url: '/api/youth',
      payload: { name: '外地青年', idNumber: ID.elsewhere },
    });
    expect(res.statusCode, res.body).toBe(200);
    const job = await upload(
      xihuOp,
      'x.xlsx',
      await messyRoster([['本地写法', ID.elsewhere, null, null, null, null]]),
    );
    const [row] = await rows(xihuOp, job.id);
    expect(row.action).toBe('error');
    expect(row.messages[0]).toBe(
      '第 4 行：该青年已由「赣州市」登记保管，不能重复登记；如已迁入本地，可在青年库中申请转入',
    );
    expect(row.label).not.toContain('外地青年');

    expect((await donghuOp.request({ method: 'GET', url: `${BASE}/${job.id}` })).statusCode).toBe(404);
    expect((await donghuOp.request({ method: 'GET', url: `${BASE}/${job.id}/rows` })).statusCode).toBe(404);
    expect((await cityOp.request({ method: 'GET', url: `${BASE}/${job.id}` })).statusCode).toBe(200);
    const sibling = await donghuOp.request({
      method: 'POST',
      url: BASE,
      ...multipart({ unitId: String(job.unit.id) }, { name: 'x.xlsx', content: await messyRoster([]) }),
    });
    expect(sibling.statusCode).toBe(404);
  });

  it('reads a GBK CSV and files rows under the units it names', async () => {
    const csv = encodeGbk(
      '姓名,身份证号码,联系电话,所在单位\r\n' +
        `甲乙丙,${ID.e},13600136001,东湖区团委\r\n` +
        '丁戊己,,13600136002,西湖区\r\n' +
        '庚辛壬,,13600136003,朝阳区\r\n',
    );
    const job = await upload(cityOp, '青年名单.csv', csv);
    const r = await rows(cityOp, job.id);
    expect(r.map((x) => x.action)).toEqual(['new', 'new', 'error']);
    expect(r[2].messages[0]).toBe('第 4 行「所在单位」列：单位“朝阳区”不在本次导入的范围（南昌市及下级）内');
    await commit(cityOp, job.id, { mode: 'add', policy: 'valid' });
    const units = await queryRows<{ name: string; unit: string }>(
      t.db,
      sql`select y.name, u.name as unit from youth y join units u on u.id = y.unit_id
           where y.name in ('甲乙丙', '丁戊己') order by y.name`,
    );
    expect(units).toEqual([
      { name: '丁戊己', unit: '西湖区' },
      { name: '甲乙丙', unit: '东湖区' },
    ]);
  });

  it('refuses an .xls with the message to save as .xlsx, and removes the upload', async () => {
    const ole = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(2048),
    ]);
    const job = await upload(donghuOp, '老表格.xls', ole);
    expect(job.status).toBe('failed');
    expect(job.error).toContain('另存为” .xlsx');
    expect(fs.readdirSync(path.join(dataDir, 'tmp', 'uploads'))).toEqual([]);
  });
});
