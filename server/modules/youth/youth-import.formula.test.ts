import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import type { ImportJob, ImportRow } from '../../../common/contracts/imports';
import { queryRows } from '../../db/client';
import { multipart } from '../../platform/files/test-files';
import { settleImportJobs } from '../../platform/import/jobs/runner';
import { createTestContext, createUser, login, type Agent, type TestContext } from '../../test/harness';

let t: TestContext;
let op: Agent;
const BASE = '/api/youth/imports';

beforeAll(async () => {
  t = await createTestContext();
  op = await login(t, await createUser(t, { role: 'operator', unitCode: '360102', totp: false }));
});

afterAll(async () => {
  await t?.close();
});

async function preview(rows: (string | null)[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名单');
  ws.addRow(['姓名', '出生日期', '从业领域', '备注']);
  rows.forEach((r) => ws.addRow(r));
  const file = Buffer.from(await wb.xlsx.writeBuffer());
  const res = await op.request({
    method: 'POST',
    url: BASE,
    ...multipart({}, { name: 'f.xlsx', content: file }),
  });
  expect(res.statusCode, res.body).toBe(200);
  await settleImportJobs();
  const job = (await op.get(`${BASE}/${res.json<ImportJob>().id}`)).json<ImportJob>();
  const items = (await op.get(`${BASE}/${job.id}/rows?pageSize=50`)).json<{ items: ImportRow[] }>().items;
  return { job, byRow: new Map(items.map((r) => [r.rowNumber, r])) };
}

const NOT_RUN = '形似公式：已按文本原样保存，不会作为公式执行';

describe('text that Excel would run as a formula', () => {
  it('is kept as typed, with a warning naming row and column, and is never evaluated', async () => {
    const { job, byRow } = await preview([
      ['=HYPERLINK("http://x.example","点我")', '1998-03-12', null, null],
      ['公式乙', '1998-03-13', '+86 主播', '@所有人 -记得回复'],
      ['公式丙', '1998-03-14', null, '-2+3 分'],
      ['公式丁', '1998-03-15', '网络文学', '-'],
    ]);
    expect(job.counts).toMatchObject({ total: 4, new: 4, error: 0 });
    expect(byRow.get(2)!.messages).toContain(`第 2 行「姓名」列：内容以“=”开头，${NOT_RUN}`);
    expect(byRow.get(3)!.messages).toEqual([
      `第 3 行「从业领域」列：内容以“+”开头，${NOT_RUN}`,
      `第 3 行「备注」列：内容以“@”开头，${NOT_RUN}`,
    ]);
    expect(byRow.get(4)!.messages).toEqual([`第 4 行「备注」列：内容以“-”开头，${NOT_RUN}`]);
    // A lone dash is how an empty cell is often marked: nothing to warn about.
    expect(byRow.get(5)!.messages).toEqual([]);
    expect(job.counts!.warning).toBe(3);

    const done = await op.post(`${BASE}/${job.id}/commit`, { mode: 'add', policy: 'all' });
    expect(done.statusCode, done.body).toBe(200);
    await settleImportJobs();
    const stored = await queryRows<{ name: string; occupation: string | null; remark: string | null }>(
      t.db,
      sql`select name, occupation, remark from youth order by id`,
    );
    expect(stored).toEqual([
      { name: '=HYPERLINK("http://x.example","点我")', occupation: null, remark: null },
      { name: '公式乙', occupation: '+86 主播', remark: '@所有人 -记得回复' },
      { name: '公式丙', occupation: null, remark: '-2+3 分' },
      { name: '公式丁', occupation: '网络文学', remark: '-' },
    ]);
  });
});
