import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Db } from '../../../db/client';
import { decryptField } from '../../crypto/field-crypto';
import { ephemeralKeys } from '../../crypto/keys';
import type { ImportRecord } from '../row-reader';
import { rawText } from './raw-text';
import { readSpreadsheet, type ReadEvent } from './read-task';
import { insertStagedRows, markRowErrors, type StagedInsert } from './rows.repo';
import { RowNamer, rowKey } from './sheets';
import { Stager } from './stager';
import type { StagedRow } from './types';

const dialect = new PgDialect();

/** A Db that only records what would be sent: statement text and parameters. */
function recorder() {
  const sent: { sql: string; params: unknown[] }[] = [];
  const db = { execute: async (q: SQL) => void sent.push(dialect.sqlToQuery(q)) } as unknown as Db;
  return { db, sent };
}

const row = (n: number): StagedInsert => ({
  rowNumber: n,
  action: 'new',
  messages: [`第 ${n} 行「备注」列：含有 "引号", {花括号} 与 \\ 反斜杠`],
  warnings: 0,
  label: `青年${n}`,
  matchKey: `身份证号|${n}`,
  targetId: null,
  payloadJson: JSON.stringify({ name: `青年${n}` }),
  rawEnc: 'sm4:k:iv:ct:tag',
});

describe('staging SQL', () => {
  it('sends the same statement text for one row and for five hundred', async () => {
    const one = recorder();
    const many = recorder();
    await insertStagedRows(one.db, 1, [row(2)]);
    await insertStagedRows(
      many.db,
      1,
      Array.from({ length: 500 }, (_, i) => row(i + 2)),
    );
    expect(many.sent[0].sql).toBe(one.sent[0].sql);
    expect(many.sent[0].params).toHaveLength(one.sent[0].params.length);
    const batch = JSON.parse(many.sent[0].params.find((p) => typeof p === 'string') as string);
    expect(batch).toHaveLength(500);
    expect(batch[0].messages[0]).toBe(row(2).messages[0]);

    const fewErrors = recorder();
    const moreErrors = recorder();
    await markRowErrors(fewErrors.db, 1, [{ rowNumber: 2, message: 'a' }]);
    await markRowErrors(
      moreErrors.db,
      1,
      Array.from({ length: 300 }, (_, i) => ({ rowNumber: i + 2, message: `第 ${i + 2} 行` })),
    );
    expect(moreErrors.sent).toHaveLength(1);
    expect(moreErrors.sent[0].sql).toBe(fewErrors.sent[0].sql);
  });
});

describe('rows across sheets', () => {
  it('names rows by sheet only when several sheets were read', () => {
    const one = new RowNamer([{ ordinal: 0, name: '名单', read: true }]);
    expect(one.rewrite('第 5 行：与第 2 行是同一人')).toBe('第 5 行：与第 2 行是同一人');
    const two = new RowNamer([
      { ordinal: 0, name: '东湖区', read: true },
      { ordinal: 1, name: '西湖区', read: true },
      { ordinal: 2, name: '说明', read: false },
    ]);
    expect(two.rewrite(`第 ${rowKey(1, 5)} 行「手机号」列：与第 2 行是同一人`)).toBe(
      '第2个工作表“西湖区”第 5 行「手机号」列：与第1个工作表“东湖区”第 2 行是同一人',
    );
    expect(two.sheetName(rowKey(1, 5))).toBe('第2个工作表“西湖区”');
  });
});

describe('original cells as text', () => {
  it('keeps what the file held: digits of a number, text as typed, dates undisturbed by time zones', () => {
    expect(rawText(360102199901012220)).toBe('360102199901012200');
    expect(rawText(0.1)).toBe('0.1');
    expect(rawText('  007 ')).toBe('  007 ');
    expect(rawText('=HYPERLINK("x")')).toBe('=HYPERLINK("x")');
    expect(rawText(true)).toBe('TRUE');
    expect(rawText(new Date(Date.UTC(1998, 2, 12)))).toBe('1998-03-12');
    expect(rawText(new Date(Date.UTC(1998, 2, 12, 23, 5, 9)))).toBe('1998-03-12 23:05:09');
    expect(rawText(null)).toBeNull();
  });
});

describe('staging caps', () => {
  const record = (rowNumber: number, text: string): ImportRecord => ({
    rowNumber,
    values: {},
    raw: ['姓名', text],
    problems: [],
  });
  const judged = (rowNumber: number, text: string): StagedRow => ({
    rowNumber,
    action: 'new',
    messages: [],
    warnings: 0,
    label: null,
    matchKey: null,
    targetId: null,
    payload: { remark: text },
  });

  it('refuses a row past its cap, naming the row and its sheet, before anything of the batch is written', async () => {
    const { db, sent } = recorder();
    const stager = new Stager({ db, keys: ephemeralKeys(), jobId: 1 }, { row: 4096, job: 1 << 20 });
    await stager.stage([record(2, '短')], [judged(2, '短')], undefined);
    expect(sent).toHaveLength(1);
    const big = '长'.repeat(2000);
    const key = rowKey(1, 7);
    const sheets = [
      { ordinal: 0, index: 1, name: '东湖区', approxRows: 3, read: true },
      { ordinal: 1, index: 2, name: '西湖区', approxRows: 9, read: true },
    ];
    await expect(stager.stage([record(key, big)], [judged(key, big)], sheets)).rejects.toMatchObject({
      code: 'import_too_large',
      message: expect.stringContaining('第2个工作表“西湖区”第 7 行的内容过多（超过 4 KB）'),
    });
    expect(sent).toHaveLength(1);
  });

  it('stops a job whose staged rows together pass the job cap', async () => {
    const { db, sent } = recorder();
    const stager = new Stager({ db, keys: ephemeralKeys(), jobId: 1 }, { row: 4096, job: 30_000 });
    const text = '中'.repeat(300);
    const batch = (from: number) => Array.from({ length: 10 }, (_, i) => from + i);
    await stager.stage(
      batch(2).map((n) => record(n, text)),
      batch(2).map((n) => judged(n, text)),
      undefined,
    );
    await expect(
      stager.stage(
        batch(12).map((n) => record(n, text)),
        batch(12).map((n) => judged(n, text)),
        undefined,
      ),
    ).rejects.toMatchObject({ message: expect.stringContaining('超出一次导入的上限') });
    expect(sent).toHaveLength(1);
    expect(stager.rows).toBe(10);
  });
});

describe('original cells sealed where the file is read', () => {
  it('hands over each row with its cells encrypted, and stages that ciphertext and the payload as they are', async () => {
    const keys = ephemeralKeys();
    const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'zm-seal-'));
    const file = path.join(dir, 'roster.csv');
    await fs.promises.writeFile(file, '姓名,备注\n张三," =1+1 "\n李四,007\n');
    const events: ReadEvent[] = [];
    try {
      for await (const ev of readSpreadsheet({
        path: file,
        name: 'roster.csv',
        columns: [
          { key: 'name', label: '姓名', synonyms: [] },
          { key: 'remark', label: '备注', synonyms: [] },
        ],
        seal: { data: keys.data, dataKeyId: keys.dataKeyId },
      }))
        events.push(ev);
    } finally {
      await fs.promises.rm(dir, { recursive: true, force: true });
    }
    const records = events.flatMap((ev) => (ev.type === 'record' ? [ev.record] : []));
    expect(records.map((r) => r.raw)).toEqual([[], []]);
    expect(records.map((r) => JSON.parse(decryptField(keys, r.rawEnc!)))).toEqual([
      ['张三', ' =1+1 '],
      ['李四', '007'],
    ]);

    const { db, sent } = recorder();
    const stager = new Stager({ db, keys, jobId: 1 });
    const staged = records.map((r): StagedRow => ({
      rowNumber: r.rowNumber,
      action: 'new',
      messages: [],
      warnings: 0,
      label: null,
      matchKey: null,
      targetId: null,
      payload: { name: String(r.values.name?.value), tags: ['"引号"'] },
    }));
    await stager.stage(records, staged, undefined);
    const batch = JSON.parse(sent[0].params.find((p) => typeof p === 'string') as string);
    expect(batch.map((b: { raw_enc: string }) => b.raw_enc)).toEqual(records.map((r) => r.rawEnc));
    expect(batch[1].payload).toEqual({ name: '李四', tags: ['"引号"'] });
  });
});
