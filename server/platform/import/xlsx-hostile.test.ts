import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportError } from './errors';
import { writeHostileXlsx, type Piece } from './fixtures/hostile-xlsx';
import { makeTempDir } from './fixtures/messy-files';
import { openSpreadsheet } from './sheet-source';
import type { XlsxLimits } from './xlsx-source';

// Files built to exhaust the server: each must be refused with a Chinese message, and reading it must not
// grow memory by more than a bound far below what the attack would cost if it worked.

const MB = 1024 * 1024;
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

let dir: Awaited<ReturnType<typeof makeTempDir>>;
beforeAll(async () => {
  dir = await makeTempDir();
});
afterAll(() => dir.cleanup());

/** Limits that let a hostile part through the ZIP checks, so that the parser's own bounds are tested. */
const LOOSE: XlsxLimits = {
  maxSheetBytes: 1024 * MB,
  maxSharedStringsBytes: 1024 * MB,
  maxTotalBytes: 2048 * MB,
  maxRatio: 1e9,
};

async function refusedWithin(
  name: string,
  sheet: Piece[],
  strings: Piece[] | undefined,
  limits: XlsxLimits | undefined,
  lie = false,
): Promise<{ error: ImportError; growthMb: number; fileSize: number }> {
  const path = dir.path(name);
  const fileSize = await writeHostileXlsx(path, sheet, strings, lie);
  gc();
  const base = process.memoryUsage();
  let peak = 0;
  const sample = () => {
    const now = process.memoryUsage();
    peak = Math.max(peak, now.rss - base.rss, now.heapUsed + now.external - base.heapUsed - base.external);
  };
  const timer = setInterval(sample, 5);
  let error: unknown;
  try {
    const source = await openSpreadsheet(path, 'roster.xlsx', { xlsxLimits: limits });
    for await (const row of source) {
      sample();
      void row;
    }
  } catch (e) {
    error = e;
  } finally {
    clearInterval(timer);
    sample();
  }
  expect(error).toBeInstanceOf(ImportError);
  expect((error as ImportError).message).toMatch(/[\u4e00-\u9fff]/);
  process.stdout.write(
    `[hostile] ${name}: ${(fileSize / 1024).toFixed(0)} KB, memory growth ${(peak / MB).toFixed(0)} MB\n`,
  );
  return { error: error as ImportError, growthMb: peak / MB, fileSize };
}

const cellOf = (text: Piece): Piece[] => [
  '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="7"><c r="A7"/><c r="C7" t="inlineStr"><is><t>',
  text,
  '</t></is></c></row></sheetData>',
];

describe('hostile .xlsx files', () => {
  it('refuses a file under 1 MB holding one 400 MB cell as a ZIP bomb, whatever sizes its directory declares', async () => {
    for (const lie of [false, true]) {
      const { error, growthMb, fileSize } = await refusedWithin(
        `cell-400mb${lie ? '-lying' : ''}.xlsx`,
        cellOf({ repeat: '孟艳涛', times: Math.ceil((400 * MB) / 9) }),
        ['<si><t>姓名</t></si>'],
        undefined,
        lie,
      );
      expect(fileSize).toBeLessThan(MB);
      expect(error.message).toMatch(/疑似压缩炸弹/);
      expect(growthMb).toBeLessThan(300);
    }
  }, 60_000);

  it('stops reading a cell at Excel’s 32,767 characters and names its row and column', async () => {
    const { error, growthMb } = await refusedWithin(
      'cell-inline.xlsx',
      cellOf({ repeat: '孟艳涛', times: Math.ceil((100 * MB) / 9) }),
      ['<si><t>姓名</t></si>'],
      LOOSE,
    );
    expect(error.message).toMatch(/第 7 行 C 列.*32767 个字符/);
    expect(growthMb).toBeLessThan(48); // the text alone would be 67 MB
  }, 30_000);

  it('does the same for a cell kept in the shared strings', async () => {
    const { error, growthMb } = await refusedWithin(
      'cell-shared.xlsx',
      ['<sheetData><row r="3"><c r="A3" t="s"><v>1</v></c><c r="B3" t="s"><v>0</v></c></row></sheetData>'],
      [
        '<si><t>姓名</t></si><si><r><t>快递',
        { repeat: '小哥', times: Math.ceil((100 * MB) / 6) },
        '</t></r></si>',
      ],
      LOOSE,
    );
    expect(error.message).toMatch(/第 3 行 A 列/);
    expect(growthMb).toBeLessThan(48); // the text alone would be 67 MB
  }, 60_000);

  it('refuses millions of tiny shared strings by their number', async () => {
    const items = Array.from({ length: 2_600_000 }, (_, i) => `<si><t>${i.toString(36)}</t></si>`).join('');
    const { error, growthMb } = await refusedWithin('many-strings.xlsx', ['<sheetData/>'], [items], LOOSE);
    expect(error.message).toMatch(/不同的文字内容过多/);
    expect(growthMb).toBeLessThan(300);
  }, 60_000);

  it('refuses deep nesting, endless tag names and attributes without following them', async () => {
    for (const [name, sheet] of [
      ['deep.xlsx', ['<sheetData><row r="1"><c r="A1"><v>', { repeat: '<a>', times: 5_000_000 }]],
      ['name.xlsx', ['<sheetData><row r="1"><c', { repeat: 'x', times: 100 * MB }, '/>']],
      ['attributes.xlsx', ['<sheetData><row r="1"><c', { repeat: ' a="1"', times: 100_000 }, '/>']],
    ] as [string, Piece[]][]) {
      const { error, growthMb } = await refusedWithin(name, sheet, undefined, LOOSE);
      expect(error.code).toBe('import_corrupt');
      expect(growthMb).toBeLessThan(100);
    }
  }, 60_000);
});
