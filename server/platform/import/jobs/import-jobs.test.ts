import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import type { ImportJob, ImportRow } from '../../../../common/contracts/imports';
import { queryRows } from '../../../db/client';
import { prepareDatabase } from '../../../prepare';
import { createTestContext, createUser, login, type Agent, type TestContext } from '../../../test/harness';
import { makeId } from '../../../test/id-numbers';
import { multipart } from '../../files/test-files';
import { importReadLimits, settleImportJobs } from './runner';
import { SHEET_STRIDE } from './sheets';
import { sharedStringsBomb } from './test-workbooks';

let t: TestContext;
let op: Agent; // 东湖区

beforeAll(async () => {
  t = await createTestContext();
  op = await login(t, await createUser(t, { role: 'operator', unitCode: '360102', totp: false }));
});

afterAll(async () => {
  await t?.close();
});

const BASE = '/api/youth/imports';
const HEADER = ['序号', '姓名', '身份证号', '手机号', '出生日期', '备注'];

async function start(name: string, content: Buffer): Promise<ImportJob> {
  const res = await op.request({ method: 'POST', url: BASE, ...multipart({}, { name, content }) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ImportJob>();
}

async function job(id: number): Promise<ImportJob> {
  return (await op.request({ method: 'GET', url: `${BASE}/${id}` })).json<ImportJob>();
}

async function upload(name: string, content: Buffer): Promise<ImportJob> {
  const started = await start(name, content);
  await settleImportJobs();
  return job(started.id);
}

async function rows(id: number): Promise<ImportRow[]> {
  const res = await op.request({ method: 'GET', url: `${BASE}/${id}/rows?pageSize=200` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: ImportRow[] }>().items;
}

async function commit(id: number, body: Record<string, unknown>) {
  const res = await op.request({ method: 'POST', url: `${BASE}/${id}/commit`, payload: body });
  expect(res.statusCode, res.body).toBe(200);
  await settleImportJobs();
  return job(id);
}

const staged = async (jobId: number) =>
  (
    await queryRows<{ n: number; errors: number }>(
      t.db,
      sql`select count(*)::int as n, count(*) filter (where action = 'error')::int as errors
            from import_job_rows where job_id = ${jobId}`,
    )
  )[0];

const named = async (prefix: string) =>
  (
    await queryRows<{ name: string }>(
      t.db,
      sql`select name from youth where name like ${`${prefix}%`} order by name`,
    )
  ).map((r) => r.name);

type Cell = string | number | Date | null;

async function workbook(sheets: Record<string, Cell[][]>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, lines] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const line of lines) ws.addRow(line);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const roster = (people: Cell[][]) => [HEADER, ...people.map((p, i) => [i + 1, ...p])];

describe('import jobs: reading in a worker, bounded staging', () => {
  it('a file that exhausts the reader ends its worker; the job fails in Chinese and the server answers', async () => {
    // The reading layer's own caps let this through (2 million texts, 4.9 MB): only the heap stops it.
    // Lowered from 256 MB so that the test need not build a file big enough to exhaust that.
    const heap = importReadLimits.maxHeapMb;
    importReadLimits.maxHeapMb = 64;
    const started = await start('内存炸弹.xlsx', sharedStringsBomb(2_000_000));
    // While the worker chews on it, ordinary requests are served.
    const health = await op.request({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
    // Restored once the job is over: the worker starts after the job's first queries, later on a server.
    await settleImportJobs();
    importReadLimits.maxHeapMb = heap;
    const failed = await job(started.id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toContain('读取时超出内存上限，已停止读取');
    expect((await staged(started.id)).n).toBe(0);
    const after = await upload(
      '正常.xlsx',
      await workbook({ 名单: roster([['存活甲', null, '13800000001']]) }),
    );
    expect(after).toMatchObject({ status: 'ready', counts: { new: 1 } });
  });

  it('leaves nothing staged when an analysis fails part-way or a job is cancelled', async () => {
    const many: Cell[][] = Array.from({ length: 620 }, (_, i) => [
      `中途${i}`,
      null,
      `1370000${String(i).padStart(4, '0')}`,
    ]);
    const lines = [...roster(many), ['填表人：李明'], [999, '表尾后', null, '13799999999', '2000-01-01']];
    const failed = await upload('表尾后有数据.xlsx', await workbook({ 名单: lines }));
    expect(failed.status).toBe('failed');
    expect(failed.error).toContain('在表尾');
    expect((await staged(failed.id)).n).toBe(0);

    const ready = await upload(
      '放弃.xlsx',
      await workbook({ 名单: roster([['放弃甲', null, '13700000001']]) }),
    );
    expect((await staged(ready.id)).n).toBe(1);
    const res = await op.request({ method: 'POST', url: `${BASE}/${ready.id}/cancel` });
    expect(res.json<ImportJob>()).toMatchObject({ status: 'cancelled', hasErrorReport: false });
    await settleImportJobs();
    expect((await staged(ready.id)).n).toBe(0);
  });

  it('counts a person repeated in the file as 重复 naming the earlier row, and imports them once', async () => {
    const id = makeId('360102', '19980312', '111');
    const file = await workbook({
      名单: roster([
        ['重复甲', id, '13600000001'],
        ['重复乙', null, '13600000002'],
        ['重复甲', id, '13600000001'],
        ['重复丙', '123', null],
      ]),
    });
    const ready = await upload('重复.xlsx', file);
    expect(ready.counts).toMatchObject({ total: 4, new: 2, duplicate: 1, error: 1 });
    const byRow = new Map((await rows(ready.id)).map((r) => [r.rowNumber, r]));
    expect(byRow.get(4)).toMatchObject({ action: 'duplicate', sheet: null });
    expect(byRow.get(4)!.messages).toContain('第 4 行：与第 2 行是同一人（身份证号相同），不重复导入');
    const done = await commit(ready.id, { mode: 'add', policy: 'valid' });
    expect(done).toMatchObject({ status: 'done', result: { inserted: 2, updated: 0, skipped: 1 } });
    expect(await named('重复')).toEqual(['重复乙', '重复甲']);
    // After the import only the error rows stay, for the report.
    await settleImportJobs();
    expect(await staged(ready.id)).toEqual({ n: 1, errors: 1 });
    expect(done.hasErrorReport).toBe(true);
  });

  it('gives back every original cell of an error row as the text it was read as', async () => {
    const digitsOnly = ['222', '223', '224']
      .map((seq) => makeId('360102', '19990101', seq))
      .find((id) => !id.endsWith('X'))!;
    const numericId = Number(digitsOnly); // what Excel keeps of an ID number typed into a number cell
    const born = new Date(Date.UTC(1999, 0, 1));
    const signed = new Date(Date.UTC(2026, 10, 1, 8, 30));
    const file = await workbook({
      名单: [
        [...HEADER, '登记时间'],
        ['007', '  原样 甲  ', numericId, '0791-8600123', born, '=1+2', signed],
      ],
    });
    const ready = await upload('原样.xlsx', file);
    expect(ready.counts).toMatchObject({ error: 1 });
    const res = await op.request({ method: 'GET', url: `${BASE}/${ready.id}/error-report` });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect((ws.getRow(1).values as string[]).slice(1)).toEqual(['原行号', ...HEADER, '登记时间', '错误原因']);
    const cells = (ws.getRow(2).values as unknown[]).slice(2, 9);
    expect(cells).toEqual([
      '007',
      '  原样 甲  ',
      String(numericId),
      '0791-8600123',
      '1999-01-01',
      '=1+2',
      '2026-11-01 08:30',
    ]);
    for (let c = 2; c <= 8; c += 1) expect(ws.getCell(2, c).numFmt).toBe('@');
    expect(String(ws.getCell(2, 9).value)).toContain('第 2 行');
  });

  it('settles jobs a dead process left running as soon as the server starts', async () => {
    const analysing = await upload(
      '启动甲.xlsx',
      await workbook({ 名单: roster([['启动甲', null, '13500000001']]) }),
    );
    const importing = await upload(
      '启动乙.xlsx',
      await workbook({ 名单: roster([['启动乙', null, '13500000002']]) }),
    );
    // What a kill -9 leaves: running jobs of a process that is gone, heartbeats only seconds old.
    await t.db.execute(
      sql`update import_jobs set status = 'analysing', owner = 'gone', heartbeat_at = now() where id = ${analysing.id}`,
    );
    await t.db.execute(
      sql`update import_jobs set status = 'importing', owner = 'gone', heartbeat_at = now() where id = ${importing.id}`,
    );
    await prepareDatabase(t.database, t.config);
    if (t.database.kind === 'embedded') {
      expect(await job(analysing.id)).toMatchObject({
        status: 'failed',
        error: '检查表格时服务中断，请重新上传文件',
      });
      expect((await staged(analysing.id)).n).toBe(0);
      const interrupted = await job(importing.id);
      expect(interrupted).toMatchObject({ status: 'interrupted', canRetry: true });
      expect((await commit(importing.id, { mode: 'add', policy: 'all' })).result).toMatchObject({
        inserted: 1,
      });
      expect(await named('启动乙')).toEqual(['启动乙']);
    } else {
      // Another server may still be running them: only a quiet owner is taken for dead.
      expect((await job(importing.id)).status).toBe('importing');
      await t.db.execute(
        sql`update import_jobs set heartbeat_at = now() - interval '1 minute' where id in (${analysing.id}, ${importing.id})`,
      );
      await prepareDatabase(t.database, t.config);
      expect((await job(analysing.id)).status).toBe('failed');
      expect(await job(importing.id)).toMatchObject({ status: 'interrupted', canRetry: true });
    }
  });

  it('reads every sheet of people, names rows by sheet, and imports all or the chosen ones', async () => {
    const shared = makeId('360102', '19950505', '333');
    const book = await workbook({
      东湖区: roster([
        ['多表甲', shared, '13400000001'],
        ['多表乙', null, '13400000002'],
      ]),
      西湖区: roster([
        ['多表丙', null, '13400000003'],
        ['多表甲', shared, '13400000001'],
      ]),
      填写说明: [['请按模板填写'], ['身份证号请设为文本格式']],
    });
    const ready = await upload('两区名单.xlsx', book);
    expect(ready.status).toBe('ready');
    expect(ready.sheets.map((s) => [s.label, s.read, s.dataRows])).toEqual([
      ['第1个工作表“东湖区”', true, 2],
      ['第2个工作表“西湖区”', true, 2],
      ['第3个工作表“填写说明”', false, 0],
    ]);
    expect(ready.sheets[2].note).toContain('未读取');
    expect(ready.counts).toMatchObject({ total: 4, new: 3, duplicate: 1 });
    const repeat = (await rows(ready.id)).find((r) => r.action === 'duplicate')!;
    expect(repeat).toMatchObject({ rowNumber: 3, sheet: '第2个工作表“西湖区”', key: SHEET_STRIDE + 3 });
    expect(repeat.messages).toContain(
      '第2个工作表“西湖区”第 3 行：与第1个工作表“东湖区”第 2 行是同一人（身份证号相同），不重复导入',
    );
    const done = await commit(ready.id, { mode: 'add', policy: 'all' });
    expect(done.result).toMatchObject({ inserted: 3, skipped: 1 });
    expect(await named('多表')).toEqual(['多表丙', '多表乙', '多表甲']);

    const second = await upload(
      '只导一区.xlsx',
      await workbook({
        东湖区: roster([['单表甲', null, '13300000001']]),
        西湖区: roster([['单表乙', null, '13300000002']]),
      }),
    );
    const chosen = await commit(second.id, { mode: 'add', policy: 'all', sheets: [1] });
    expect(chosen.result).toMatchObject({ inserted: 1 });
    expect(chosen.sheets.map((s) => s.excluded)).toEqual([true, false]);
    expect(await named('单表')).toEqual(['单表乙']);
  });
});
