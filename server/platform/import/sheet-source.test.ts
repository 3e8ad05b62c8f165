import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportError, XLS_REFUSAL } from './errors';
import { excelStyleParts, writeExcelStyleWorkbook } from './fixtures/handmade-xlsx';
import { day, makeTempDir, writeMessyRoster } from './fixtures/messy-files';
import { zipStored, type ZipEntryOptions } from './fixtures/zip-writer';
import { openSpreadsheet } from './sheet-source';
import type { RawRow, SpreadsheetSource } from './types';

let dir: Awaited<ReturnType<typeof makeTempDir>>;
beforeAll(async () => {
  dir = await makeTempDir();
});
afterAll(() => dir.cleanup());

async function rowsOf(source: SpreadsheetSource) {
  const rows = new Map<number, RawRow['cells']>();
  for await (const row of source) rows.set(row.rowNumber, row.cells);
  return rows;
}

async function refusal(name: string, bytes: Buffer | string) {
  await writeFile(dir.path(name), bytes);
  try {
    const source = await openSpreadsheet(dir.path(name), name);
    await rowsOf(source);
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    return error as ImportError;
  }
  throw new Error(`${name} was not refused`);
}

describe('openSpreadsheet: .xlsx', () => {
  it('streams the rows of a messy roster with merged ranges filled and nothing evaluated', async () => {
    await writeMessyRoster(dir.path('messy.xlsx'));
    const source = await openSpreadsheet(dir.path('messy.xlsx'), '联系对象名册.xlsx');
    expect(source).toMatchObject({ format: 'xlsx', sheetName: '联系对象', date1904: false });
    const rows = await rowsOf(source);
    expect([...rows.keys()]).toEqual([1, 2, 4, 5, 7, 8, 9, 10, 11, 13, 14]);
    expect(source.lastRowHint).toBe(14);

    const title = rows.get(1)!;
    expect(title).toHaveLength(9);
    expect(title[8]).toEqual({
      value: 'XX市新兴青年联系对象名册',
      numeric: false,
      mergedFrom: { rowNumber: 1, column: 0 },
    });

    const [serial, id, , phone, , born, , , remark] = rows.get(5)!;
    expect(serial).toEqual({ value: 1, numeric: true });
    expect(id).toEqual({ value: '110105199003071234', numeric: false });
    expect(phone.value).toBe('138-0013-8000');
    expect(born).toEqual({ value: day(1995, 3, 12), numeric: true });
    expect(remark).toEqual({ value: 2, numeric: true, formula: '=1+1' });

    const row7 = rows.get(7)!;
    expect(row7[1]).toEqual({ value: 110105199003071230, numeric: true }); // Excel kept 15 digits
    expect(row7[2].value).toBe('李　四');
    expect(row7[3].value).toBe('１３９００１３９０００');
    expect(row7[8]).toEqual({ value: null, numeric: false, formula: '=SUM(A1:A2)' });

    const row8 = rows.get(8)!;
    expect(row8[7]).toEqual({
      value: '自由职业者协会',
      numeric: false,
      mergedFrom: { rowNumber: 7, column: 7 },
    });
    expect(row8[8]).toEqual({ value: '=1+1', numeric: false });
    expect(row8[5]).toEqual({ value: 34768, numeric: true });
    expect(rows.get(10)![5]).toEqual({ value: null, numeric: false, error: '#N/A' });
  });

  it('reads a workbook as Excel lays it out: first visible sheet, built-in Chinese date format, shared formula', async () => {
    await writeExcelStyleWorkbook(dir.path('excel.xlsx'));
    const source = await openSpreadsheet(dir.path('excel.xlsx'), 'excel.xlsx');
    expect(source.sheetName).toBe('名单 & 说明');
    const rows = await rowsOf(source);
    expect([...rows.keys()]).toEqual([1, 3, 4, 5, 6]);
    expect(rows.get(3)!.map((c) => c.value)).toEqual(['姓名', '身份证号', '出生日期', '备注']);
    expect(rows.get(4)).toEqual([
      { value: '张三', numeric: false },
      { value: '110105199003071234', numeric: false },
      { value: day(1995, 3, 12), numeric: true },
      { value: 2, numeric: true, formula: '=1+1' },
    ]);
    expect(rows.get(5)).toEqual([
      { value: '李四', numeric: false },
      { value: 110105199003071000, numeric: true },
      { value: day(1995, 3, 13), numeric: true },
      { value: 2, numeric: true, formula: '=' },
    ]);
    expect(rows.get(6)).toEqual([
      { value: null, numeric: false, error: '#N/A' },
      { value: true, numeric: false },
      { value: '1995', numeric: false, formula: '="19"&"95"' },
    ]);
  });

  it('reads the same workbook with its parts compressed', async () => {
    await writeExcelStyleWorkbook(dir.path('stored.xlsx'));
    await writeExcelStyleWorkbook(dir.path('deflated.xlsx'), { deflate: true });
    const stored = await rowsOf(await openSpreadsheet(dir.path('stored.xlsx'), 'a.xlsx'));
    expect(await rowsOf(await openSpreadsheet(dir.path('deflated.xlsx'), 'b.xlsx'))).toEqual(stored);
  });

  it('reports the 1904 date system and reads dates in it', async () => {
    await writeExcelStyleWorkbook(dir.path('mac.xlsx'), { date1904: true });
    const source = await openSpreadsheet(dir.path('mac.xlsx'), 'mac.xlsx');
    expect(source.date1904).toBe(true);
    const rows = await rowsOf(source);
    expect(rows.get(4)![2].value).toEqual(day(1999, 3, 13));
  });

  it('reads an .xlsx that was renamed .xls, and can be read again', async () => {
    await writeMessyRoster(dir.path('renamed.xls'));
    const source = await openSpreadsheet(dir.path('renamed.xls'), '名册.xls');
    const first = await rowsOf(source);
    expect(first.get(5)![2].value).toBe('张三');
    expect(await rowsOf(source)).toEqual(first);
  });

  it('stops cleanly when the reader stops early', async () => {
    await writeMessyRoster(dir.path('early.xlsx'));
    const source = await openSpreadsheet(dir.path('early.xlsx'), 'early.xlsx');
    for await (const row of source) {
      expect(row.rowNumber).toBe(1);
      break;
    }
    expect((await rowsOf(source)).size).toBe(11);
  });
});

describe('openSpreadsheet: refusals', () => {
  const ole2 = Buffer.concat([
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
    Buffer.alloc(2048),
  ]);

  it('refuses Excel 97-2003 .xls by its magic bytes, whatever its name', async () => {
    for (const name of ['名册.xls', '名册.xlsx', '名册.csv', '名册.et']) {
      const error = await refusal(name, ole2);
      expect(error.message).toBe(XLS_REFUSAL);
      expect(error.message).toBe(
        '不支持 .xls 格式（Excel 97-2003），请在 Excel 或 WPS 中“另存为” .xlsx 后重新上传',
      );
      expect(error.status).toBe(400);
    }
  });

  it('says so when a workbook has an opening password', async () => {
    const encrypted = Buffer.concat([ole2, Buffer.from('EncryptedPackage', 'utf16le'), Buffer.alloc(512)]);
    const error = await refusal('加密.xlsx', encrypted);
    expect(error.code).toBe('import_encrypted');
    expect(error.message).toMatch(/密码/);
  });

  it('refuses an HTML table saved as .xls the same way', async () => {
    const error = await refusal(
      '导出.xls',
      '<html><body><table><tr><td>姓名</td></tr></table></body></html>',
    );
    expect(error.message).toBe(XLS_REFUSAL);
  });

  it('names the accepted formats for anything else', async () => {
    const pdf = await refusal('名册.pdf', '%PDF-1.7\n');
    expect(pdf.message).toMatch(/不支持“\.pdf”格式的文件.*\.xlsx.*\.csv/);
    const docx = await refusal('名册.docx', zipStored([['word/document.xml', '<w:document/>']]));
    expect(docx.message).toMatch(/\.docx/);
    const noWorkbook = await refusal('名册.xlsx', zipStored([['word/document.xml', '<w:document/>']]));
    expect(noWorkbook.message).toMatch(/不是 Excel 工作簿/);
  });

  it('refuses empty, fake and truncated workbooks', async () => {
    expect((await refusal('空.xlsx', Buffer.alloc(0))).code).toBe('import_empty');
    expect((await refusal('假.xlsx', 'just text')).code).toBe('import_corrupt');
    await writeMessyRoster(dir.path('whole.xlsx'));
    const whole = await readFile(dir.path('whole.xlsx'));
    expect((await refusal('截断.xlsx', whole.subarray(0, whole.length - 200))).code).toBe('import_corrupt');
  });

  it('refuses a ZIP bomb by what its parts really inflate to, not what they declare', async () => {
    const bomb = `<sst xmlns="x"><si><t>${'炸'.repeat(2_000_000)}</t></si></sst>`;
    const parts = excelStyleParts().map(([name, content]): [string, string, ZipEntryOptions] =>
      name === 'xl/sharedStrings.xml'
        ? [name, bomb, { deflate: true, declaredSize: 100 }]
        : [name, content, {}],
    );
    await writeFile(dir.path('bomb.xlsx'), zipStored(parts));
    const source = await openSpreadsheet(dir.path('bomb.xlsx'), 'bomb.xlsx', {
      xlsxLimits: { maxSheetBytes: 1e6, maxSharedStringsBytes: 1e6 },
    });
    await expect(rowsOf(source)).rejects.toMatchObject({ code: 'import_too_large' });
  });

  it('refuses compressed data that does not inflate', async () => {
    const parts = excelStyleParts().map(([name, content]): [string, string, ZipEntryOptions] => [
      name,
      content,
      { deflate: true },
    ]);
    const zip = zipStored(parts);
    const at = zip.indexOf(Buffer.from('xl/worksheets/sheet1.xml')) + 30;
    zip.fill(0xff, at, at + 40);
    expect((await refusal('坏.xlsx', zip)).code).toBe('import_corrupt');
  });

  it('refuses a sheet too large to import', async () => {
    await writeMessyRoster(dir.path('limited.xlsx'));
    await expect(
      openSpreadsheet(dir.path('limited.xlsx'), 'limited.xlsx', {
        xlsxLimits: { maxSheetBytes: 100, maxSharedStringsBytes: 1e9 },
      }),
    ).rejects.toMatchObject({ code: 'import_too_large' });
  });
});
