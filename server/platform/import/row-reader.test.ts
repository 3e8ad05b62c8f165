import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellMessage, cellRef, ImportError } from './errors';
import { day, makeTempDir, TEST_COLUMNS, writeMessyRoster, writeTwoRowHeader } from './fixtures/messy-files';
import type { HeaderMatch } from './header-detect';
import { readRecords, type ImportRecord, type SkippedRow } from './row-reader';
import { openSpreadsheet } from './sheet-source';
import type { RawRow } from './types';

let dir: Awaited<ReturnType<typeof makeTempDir>>;
beforeAll(async () => {
  dir = await makeTempDir();
});
afterAll(() => dir.cleanup());

async function collect<K extends string>(records: AsyncIterable<ImportRecord<K>>) {
  const out: ImportRecord<K>[] = [];
  for await (const record of records) out.push(record);
  return out;
}

async function* rowsFrom(values: (string | number | null)[][]): AsyncGenerator<RawRow> {
  let rowNumber = 0;
  for (const cells of values) {
    rowNumber += 1;
    yield { rowNumber, cells: cells.map((value) => ({ value, numeric: typeof value === 'number' })) };
  }
}

describe('cellRef', () => {
  it('names the row and the column the way every import message does', () => {
    expect(cellRef(12, '身份证号')).toBe('第 12 行「身份证号」列');
    expect(cellMessage(12, '身份证号', '校验码不正确')).toBe('第 12 行「身份证号」列：校验码不正确');
  });
});

describe('readRecords', () => {
  it('turns a messy roster into records, skipping what is not data', async () => {
    await writeMessyRoster(dir.path('messy.xlsx'));
    const source = await openSpreadsheet(dir.path('messy.xlsx'), 'messy.xlsx');
    let header: HeaderMatch<string> | undefined;
    const skipped: SkippedRow[] = [];
    const records = await collect(
      readRecords(source, TEST_COLUMNS, { onHeader: (h) => (header = h), onSkip: (s) => skipped.push(s) }),
    );

    expect(header).toMatchObject({
      headerRowNumber: 4,
      meta: { title: 'XX市新兴青年联系对象名册', fillingUnit: 'XX市朝阳区团委', fillingDate: '2024年3月1日' },
      headers: ['序号', '公民身份号码', '姓名', '联系电话', '性别', '出生年月', '民族', '工作单位', '备注'],
      unknownColumns: [],
    });
    expect(records.map((r) => r.rowNumber)).toEqual([5, 7, 8, 10]);
    expect(skipped).toEqual([
      { rowNumber: 9, reason: 'section', text: '二、海淀区' },
      { rowNumber: 11, reason: 'no-data', text: '5' },
      { rowNumber: 13, reason: 'footer', text: '填表人：张三      审核人：李四' },
      { rowNumber: 14, reason: 'footer', text: '注：身份证号请填写 18 位' },
    ]);

    const [zhang, li, wang, zhao] = records;
    expect(zhang.values).toMatchObject({
      name: { value: '张三' },
      idNumber: { value: '110105199003071234', numeric: false },
      birthDate: { value: day(1995, 3, 12), numeric: true },
      remark: { value: 2, formula: '=1+1' },
    });
    expect(Object.keys(zhang.values).sort()).toEqual(
      ['birthDate', 'ethnicity', 'gender', 'idNumber', 'name', 'phone', 'remark', 'workplace'].sort(),
    );
    expect(zhang.values.email).toBeUndefined(); // the file has no such column
    expect(zhang.raw).toEqual([
      1,
      '110105199003071234',
      '张三',
      '138-0013-8000',
      '男',
      day(1995, 3, 12),
      '汉族',
      '星光传媒',
      2,
    ]);
    expect(li.values.idNumber).toEqual({ value: 110105199003071230, numeric: true });
    expect(wang.values.workplace?.value).toBe('自由职业者协会');
    expect(wang.values.idNumber?.value).toBe('11010519491231002x');
    expect(zhao.values.remark).toEqual({ value: null, numeric: false });
    expect(zhao.problems).toEqual([
      {
        rowNumber: 10,
        key: 'birthDate',
        label: '出生年月',
        message: '第 10 行「出生年月」列：单元格是 Excel 错误值（#N/A），请改正公式或直接填写内容',
      },
    ]);
  });

  it('reads below a two-row header of merged cells', async () => {
    await writeTwoRowHeader(dir.path('two.xlsx'));
    const records = await collect(
      readRecords(await openSpreadsheet(dir.path('two.xlsx'), 'two.xlsx'), TEST_COLUMNS),
    );
    expect(records).toHaveLength(1);
    expect(records[0].rowNumber).toBe(4);
    expect(records[0].values).toMatchObject({
      name: { value: '张三' },
      idNumber: { value: '110105199605040013' },
    });
  });

  it('refuses data after the footer rather than leave it out', async () => {
    const rows = rowsFrom([
      ['姓名', '身份证号', '手机'],
      ['张三', '110105199003071234', '13800138000'],
      ['填表人：王五', null, '审核人：赵六'],
      ['李四', '110105199003071234', '13900139000'],
    ]);
    const error = await collect(readRecords(rows, TEST_COLUMNS)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).message).toMatch(/^第 4 行在表尾/);
  });

  it('refuses a file without a header or without a required column, in Chinese', async () => {
    const noHeader = await collect(readRecords(rowsFrom([['张三', '13800138000']]), TEST_COLUMNS)).catch(
      (e) => e,
    );
    expect(noHeader).toMatchObject({ code: 'import_header' });
    expect((noHeader as Error).message).toMatch(/未找到表头.*「姓名」「身份证号」/);
    const missing = await collect(
      readRecords(rowsFrom([['名单'], ['姓名', '手机'], ['张三', '138']]), TEST_COLUMNS),
    ).catch((e) => e);
    expect((missing as Error).message).toBe(
      '第 2 行的表头中缺少必填列「身份证号」。请补上这些列（列名可参照模板）后重新上传',
    );
  });

  it('closes the source when the caller stops early', async () => {
    let closed = false;
    async function* source(): AsyncGenerator<RawRow> {
      try {
        yield* rowsFrom([
          ['姓名', '身份证号'],
          ['张三', '1'],
          ['李四', '2'],
          ['王五', '3'],
        ]);
      } finally {
        closed = true;
      }
    }
    for await (const record of readRecords(source(), TEST_COLUMNS)) {
      expect(record.rowNumber).toBe(2);
      break;
    }
    expect(closed).toBe(true);
  });
});
