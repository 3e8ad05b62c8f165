import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportError } from './errors';
import { writeExcelStyleXlsx } from './fixtures/generated-xlsx';
import { writeHostileXlsx } from './fixtures/hostile-xlsx';
import { makeTempDir } from './fixtures/messy-files';
import { listSheets, openSpreadsheet } from './sheet-source';

let dir: Awaited<ReturnType<typeof makeTempDir>>;
beforeAll(async () => {
  dir = await makeTempDir();
  await writeExcelStyleXlsx(dir.path('book.xlsx'), [
    { name: '下拉选项', rows: [['男'], ['女']], hidden: true },
    {
      name: '朝阳区',
      rows: [
        ['姓名', '单位'],
        ['张三', '快递站'],
        ['李四', '外卖站'],
      ],
    },
    {
      name: '海淀区',
      rows: [
        ['姓名', '单位'],
        ['王五', '网约车'],
      ],
    },
  ]);
});
afterAll(() => dir.cleanup());

async function firstCells(path: string, name: string, sheet?: number) {
  const source = await openSpreadsheet(path, name, { sheet });
  const cells: unknown[] = [];
  for await (const row of source) cells.push(row.cells[0].value);
  return { sheetName: source.sheetName, cells };
}

describe('choosing a worksheet', () => {
  it('lists the visible worksheets in tab order with their row counts', async () => {
    expect(await listSheets(dir.path('book.xlsx'), '名单.xlsx')).toEqual([
      { index: 1, name: '朝阳区', rowCount: 3 },
      { index: 2, name: '海淀区', rowCount: 2 },
    ]);
  });

  it('opens the sheet chosen by its index, the first visible one by default', async () => {
    const path = dir.path('book.xlsx');
    expect(await firstCells(path, '名单.xlsx')).toEqual({
      sheetName: '朝阳区',
      cells: ['姓名', '张三', '李四'],
    });
    expect(await firstCells(path, '名单.xlsx', 2)).toEqual({ sheetName: '海淀区', cells: ['姓名', '王五'] });
  });

  it('refuses a hidden or missing sheet with a Chinese message', async () => {
    for (const sheet of [0, 3, -1]) {
      await expect(openSpreadsheet(dir.path('book.xlsx'), '名单.xlsx', { sheet })).rejects.toThrow(
        /工作表不存在或已隐藏/,
      );
    }
  });

  it('counts rows when a sheet declares no dimension, and gives a CSV one sheet', async () => {
    const csv = dir.path('名单.csv');
    await writeFile(csv, '姓名,单位\r\n张三,"快递\r\n站"\r\n李四,外卖站');
    expect(await listSheets(csv, '名单.csv')).toEqual([{ index: 0, name: '名单', rowCount: 4 }]);
    expect((await firstCells(csv, '名单.csv', 0)).cells).toEqual(['姓名', '张三', '李四']);
    await expect(openSpreadsheet(csv, '名单.csv', { sheet: 1 })).rejects.toBeInstanceOf(ImportError);

    const bare = dir.path('bare.xlsx');
    const row = (r: number) => `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>第${r}行</t></is></c></row>`;
    await writeHostileXlsx(bare, [`<sheetData>${row(1)}${row(2)}${row(5)}</sheetData>`]);
    expect(await listSheets(bare, 'bare.xlsx')).toEqual([{ index: 0, name: '名单', rowCount: 3 }]);
  });
});

describe('what other writers put in a sheet', () => {
  it('reads sheet XML with an x: prefix and undoes Excel’s _xHHHH_ escapes', async () => {
    const path = dir.path('prefixed.xlsx');
    await writeHostileXlsx(
      path,
      [
        '<x:sheetData><x:row r="2"><x:c r="B2" t="inlineStr"><x:is><x:t>朝阳区_x000D_\n建国路_x005F_x1</x:t></x:is></x:c>' +
          '<x:c r="C2" t="s"><x:v>0</x:v></x:c></x:row></x:sheetData>',
      ],
      ['<x:si><x:t>喆_x0009_昇</x:t></x:si>'],
    );
    const source = await openSpreadsheet(path, 'prefixed.xlsx');
    const rows = [];
    for await (const row of source) rows.push(row);
    expect(rows).toEqual([
      {
        rowNumber: 2,
        cells: [
          { value: null, numeric: false },
          { value: '朝阳区\r\n建国路_x1', numeric: false },
          { value: '喆\t昇', numeric: false },
        ],
      },
    ]);
  });
});
