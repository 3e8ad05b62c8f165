import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import type { DictItem } from '../../../common/contracts/dictionaries';
import type { ImportJob, ImportRow } from '../../../common/contracts/imports';
import { queryRows } from '../../db/client';
import { multipart } from '../../platform/files/test-files';
import { settleImportJobs } from '../../platform/import/jobs/runner';
import { createTestContext, createUser, login, type Agent, type TestContext } from '../../test/harness';
import { makeId } from '../../test/id-numbers';
import { ALIASES_SEEDED_KEY, seedNationalAliases } from './dictionaries.seed';

let t: TestContext;
let dataDir: string;
let root: Agent;
let jxAdmin: Agent; // 江西省
let ncAdmin: Agent; // 南昌市, under 江西省
let zjAdmin: Agent; // 浙江省
let dhOperator: Agent; // 东湖区, under 南昌市

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zm-alias-'));
  t = await createTestContext({ dataDir });
  root = await login(t, await createUser(t, { role: 'system_admin', unitCode: '000000' }));
  jxAdmin = await login(t, await createUser(t, { role: 'unit_admin', unitCode: '360000' }));
  ncAdmin = await login(t, await createUser(t, { role: 'unit_admin', unitCode: '360100' }));
  zjAdmin = await login(t, await createUser(t, { role: 'unit_admin', unitCode: '330000' }));
  dhOperator = await login(t, await createUser(t, { role: 'operator', unitCode: '360102', totp: false }));
});

afterAll(async () => {
  await t?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function item(agent: Agent, type: string, label: string): Promise<DictItem> {
  const res = await agent.get(`/api/dictionaries/${type}?includeDisabled=true`);
  expect(res.statusCode, res.body).toBe(200);
  const all = res.json<{ items: DictItem[] }>().items.flatMap((i) => [i, ...(i.children ?? [])]);
  const found = all.find((i) => i.label === label);
  if (!found) throw new Error(`no ${label} in ${type}`);
  return found;
}

const setAliases = (agent: Agent, it: DictItem, aliases: string[]) =>
  agent.patch(`/api/dictionary-items/${it.id}`, { version: it.version, aliases });

describe('seeded aliases', () => {
  it('are given once to the national items, skipping any a unit already uses', async () => {
    expect((await item(dhOperator, 'education', '大学本科')).aliases).toContain('本科');
    expect((await item(dhOperator, 'ethnicity', '汉族')).aliases).toEqual(['汉']);
    expect((await item(dhOperator, 'category', '外卖骑手')).aliases).toContain('外卖小哥');

    // A database from before aliases: none yet, and a unit that filed 大本 as an item of its own.
    await t.db.execute(sql`update dict_items set aliases = '{}'`);
    await t.db.execute(sql`delete from app_meta where key = ${ALIASES_SEEDED_KEY}`);
    const own = await jxAdmin.post('/api/dictionaries/education', { label: '大本' });
    expect(own.statusCode, own.body).toBe(200);

    expect((await seedNationalAliases(t.db)).aliased).toBeGreaterThan(56);
    expect((await item(dhOperator, 'education', '大学本科')).aliases).toEqual([
      '本科',
      '本科学历',
      '大学本科学历',
    ]);
    expect((await item(dhOperator, 'political_status', '共青团员')).aliases).toContain('团员');

    const hui = await item(root, 'ethnicity', '回族');
    expect((await setAliases(root, hui, [])).statusCode).toBe(200);
    expect(await seedNationalAliases(t.db)).toEqual({ aliased: 0 });
    expect((await item(root, 'ethnicity', '回族')).aliases).toEqual([]);
    expect((await setAliases(root, { ...hui, version: hui.version + 1 }, ['回'])).statusCode).toBe(200);
  });
});

describe('editing aliases', () => {
  it('adds and removes aliases with a version check, and audits the change', async () => {
    const bachelor = await item(root, 'education', '大学本科');
    const added = await setAliases(root, bachelor, [
      ...bachelor.aliases,
      '学士（本科）',
      ' 学士(本科) ',
      '学士',
      '大学本科',
    ]);
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json()).toMatchObject({
      aliases: ['本科', '本科学历', '大学本科学历', '学士（本科）', '学士'],
      version: bachelor.version + 1,
    });
    const stale = await setAliases(root, bachelor, ['本科']);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('version_conflict');

    const removed = await setAliases(root, added.json(), ['本科', '学士']);
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json().aliases).toEqual(['本科', '学士']);
    expect((await item(dhOperator, 'education', '大学本科')).aliases).toEqual(['本科', '学士']);

    const audits = await queryRows<{ detail: { changes: Record<string, unknown> }; targetLabel: string }>(
      t.db,
      sql`select detail, target_label as "targetLabel" from audit_log
           where action = 'dictionary.updated' and target_id = ${String(bachelor.id)} order by id`,
    );
    expect(audits.map((a) => [a.targetLabel, a.detail.changes])).toEqual([
      [
        '学历：大学本科',
        {
          aliases: {
            from: ['本科', '本科学历', '大学本科学历'],
            to: ['本科', '本科学历', '大学本科学历', '学士（本科）', '学士'],
          },
        },
      ],
      [
        '学历：大学本科',
        {
          aliases: {
            from: ['本科', '本科学历', '大学本科学历', '学士（本科）', '学士'],
            to: ['本科', '学士'],
          },
        },
      ],
    ]);
  });

  it('refuses an alias that is another item’s label or alias in the same dictionary, noise included', async () => {
    const college = await item(root, 'education', '大学专科');
    const asAlias = await setAliases(root, college, [...college.aliases, '本 科']);
    expect(asAlias.statusCode).toBe(409);
    expect(asAlias.json().message).toBe(
      '别名“本 科”已是“大学本科”（全国通用项）的别名，同一字典内别名不能重复',
    );
    const asLabel = await setAliases(root, college, ['高中']);
    expect(asLabel.statusCode).toBe(409);
    expect(asLabel.json().message).toBe('别名“高中”与字典项“高中”（全国通用项）的名称相同，不能作为别名');
    const unitLabel = await setAliases(root, college, ['大本']);
    expect(unitLabel.statusCode).toBe(409);
    expect(unitLabel.json().message).toContain('江西省新增项');
    // Other dictionaries may use the same words.
    const field = await item(root, 'emerging_field', '其他');
    expect((await setAliases(root, field, ['本科'])).statusCode).toBe(200);
    expect((await item(root, 'education', '大学专科')).version).toBe(college.version);
  });

  it('refuses a new or renamed item whose label another item answers to as an alias', async () => {
    const created = await ncAdmin.post('/api/dictionaries/education', { label: '大专' });
    expect(created.statusCode).toBe(409);
    expect(created.json().message).toBe('“大专”已是“大学专科”（全国通用项）的别名，名称不能与之相同');
    const mine = await ncAdmin.post('/api/dictionaries/education', { label: '在读', aliases: ['在校'] });
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().aliases).toEqual(['在校']);
    const renamed = await ncAdmin.patch(`/api/dictionary-items/${mine.json().id}`, {
      version: 1,
      label: '职高',
    });
    expect(renamed.statusCode).toBe(409);
    expect(renamed.json().message).toContain('“职高”已是“中专（中职、技校）”');
  });

  it('checks against what is seen together: ancestors and descendants, not other provinces', async () => {
    const ancestor = await jxAdmin.post('/api/dictionaries/education', {
      label: '在校生',
      aliases: ['在校'],
    });
    expect(ancestor.statusCode).toBe(409);
    expect(ancestor.json().message).toContain('南昌市新增项');
    const elsewhere = await zjAdmin.post('/api/dictionaries/education', {
      label: '在校生',
      aliases: ['在校'],
    });
    expect(elsewhere.statusCode, elsewhere.body).toBe(200);
  });

  it('is refused where the item is not the editor’s to change, and checks each alias', async () => {
    const han = await item(ncAdmin, 'ethnicity', '汉族');
    const national = await setAliases(ncAdmin, han, ['汉', '汉人']);
    expect(national.statusCode).toBe(403);
    expect((await setAliases(dhOperator, han, ['汉', '汉人'])).statusCode).toBe(403);
    const long = await setAliases(root, han, ['汉'.repeat(31)]);
    expect(long.statusCode).toBe(400);
    expect(long.json().message).toContain('别名最多 30 个字');
    expect((await item(root, 'ethnicity', '汉族')).aliases).toEqual(['汉']);
  });
});

async function roster(people: (string | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  ws.addRow(['姓名', '身份证号', '民族', '政治面貌', '学历', '群体类别']);
  people.forEach((p) => ws.addRow(p));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('importing a roster', () => {
  it('stores values written as aliases under the item’s label, with no warning', async () => {
    const id = (n: string) => makeId('360102', `1998010${n}`, `12${n}`);
    const file = await roster([
      ['别名甲', id('1'), '汉', '团员', '本科', '外卖小哥'],
      ['别名乙', id('2'), '回', '共青团员', '大专', '快递员'],
      ['别名丙', id('3'), ' 汉　', 'ＤＹ', '大　专', '网约车'],
      ['别名丁', id('4'), '汉族', '预备党员', '学士', '网络作家'],
      ['别名戊', id('5'), '火星族', '团员', '学前班', '外卖骑手'],
    ]);
    const res = await dhOperator.request({
      method: 'POST',
      url: '/api/youth/imports',
      ...multipart({}, { name: '东湖区花名册.xlsx', content: file }),
    });
    expect(res.statusCode, res.body).toBe(200);
    await settleImportJobs();
    const jobId = res.json<ImportJob>().id;
    const listed = await dhOperator.get(`/api/youth/imports/${jobId}/rows?pageSize=50`);
    const rows = new Map(listed.json<{ items: ImportRow[] }>().items.map((r) => [r.rowNumber, r]));
    expect([2, 3, 4, 5].map((n) => [rows.get(n)!.action, rows.get(n)!.messages])).toEqual([
      ['new', []],
      ['new', []],
      ['new', ['第 4 行「政治面貌」列：“DY”不在政治面貌选项中，已按原文保存']],
      ['new', []],
    ]);
    expect(rows.get(6)!.messages).toEqual([
      '第 6 行「民族」列：“火星族”不在民族选项中，已按原文保存',
      '第 6 行「学历」列：“学前班”不在学历选项中，已按原文保存',
    ]);

    const done = await dhOperator.post(`/api/youth/imports/${jobId}/commit`, { mode: 'add', policy: 'all' });
    expect(done.statusCode, done.body).toBe(200);
    await settleImportJobs();
    const stored = await queryRows<Record<string, string>>(
      t.db,
      sql`select y.name, y.ethnicity, y.political_status, y.education, c.label
            from youth y left join dict_items c on c.id = y.category_id
           where y.name like '别名%'`,
    );
    const byName = Object.fromEntries(stored.map(({ name, ...rest }) => [name, Object.values(rest)]));
    expect(byName).toEqual({
      别名甲: ['汉族', '共青团员', '大学本科', '外卖骑手'],
      别名乙: ['回族', '共青团员', '大学专科', '快递小哥'],
      别名丙: ['汉族', 'DY', '大学专科', '网约车司机'],
      别名丁: ['汉族', '中共预备党员', '大学本科', '网络作家'],
      别名戊: ['火星族', '共青团员', '学前班', '外卖骑手'],
    });
  });
});
