import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeXml, writeExcelStyleXlsx, writeWithExcelJs } from './fixtures/generated-xlsx';
import { makeTempDir } from './fixtures/messy-files';
import { chineseText, cuts, splitAt, textRows } from './fixtures/text-arbitraries';
import { openSpreadsheet } from './sheet-source';
import { SheetHandler } from './xlsx-sheet';
import { BoundedXmlReader, decodeText } from './xlsx-xml';

// Every cell must come back exactly as written, whatever the characters and wherever the bytes are cut:
// a character split between two chunks once came back as '�' (孟艳涛 → '��艳涛').

let dir: Awaited<ReturnType<typeof makeTempDir>>;
let fileNumber = 0;
beforeAll(async () => {
  dir = await makeTempDir();
});
afterAll(() => dir.cleanup());

async function readTexts(path: string): Promise<(string | null)[][]> {
  const source = await openSpreadsheet(path, 'roster.xlsx');
  const rows: (string | null)[][] = [];
  for await (const row of source) {
    rows[row.rowNumber - 1] = row.cells.map((cell) => cell.value as string | null);
  }
  return rows;
}

async function* chunksOf(pieces: Buffer[]) {
  for (const piece of pieces) yield piece;
}

describe('decoding text that arrives in pieces', () => {
  it('gives back the exact text of UTF-8 bytes cut anywhere, four-byte characters included', async () => {
    await fc.assert(
      fc.asyncProperty(
        chineseText(200).chain((text) => fc.tuple(fc.constant(text), cuts(Buffer.byteLength(text)))),
        async ([text, points]) => {
          let decoded = '';
          for await (const piece of decodeText(chunksOf(splitAt(Buffer.from(text), points))))
            decoded += piece;
          expect(decoded).toBe(text);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('parses a sheet fed in pieces cut anywhere, surrogate pairs and entities included', () => {
    fc.assert(
      fc.property(
        textRows(chineseText(), 3, 1, 20).chain((rows) => {
          const xml =
            '<worksheet><sheetData>' +
            rows
              .map(
                (row, r) =>
                  `<row r="${r + 1}">` +
                  row.map((text) => `<c t="inlineStr"><is><t>${escapeXml(text)}</t></is></c>`).join('') +
                  '</row>',
              )
              .join('') +
            '</sheetData></worksheet>';
          return fc.tuple(fc.constant(rows), fc.constant(xml), cuts(xml.length));
        }),
        ([rows, xml, points]) => {
          const handler = new SheetHandler({
            sheetName: '名单',
            strings: { texts: [], tooLong: new Set() },
            dates: [],
            date1904: false,
          });
          const reader = new BoundedXmlReader(handler);
          for (const piece of splitAt(xml, points)) reader.write(piece);
          reader.close();
          expect(handler.rows.map((row) => row.cells.map((cell) => cell.value))).toEqual(rows);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('.xlsx round trips', () => {
  const rowsArbitrary = textRows(chineseText(), 4, 1, 3000);

  it('reads back every cell ExcelJS wrote, with shared strings and with inline strings', async () => {
    await fc.assert(
      fc.asyncProperty(rowsArbitrary, fc.boolean(), async (rows, shared) => {
        const path = dir.path(`exceljs-${(fileNumber += 1)}.xlsx`);
        await writeWithExcelJs(path, rows, shared);
        expect(await readTexts(path)).toEqual(rows);
      }),
      { numRuns: 6, endOnFailure: true },
    );
  });

  it('reads back rich-text runs without their phonetic guide, shared strings stored after the sheet', async () => {
    await fc.assert(
      fc.asyncProperty(rowsArbitrary, async (rows) => {
        const path = dir.path(`excel-${(fileNumber += 1)}.xlsx`);
        await writeExcelStyleXlsx(path, [{ name: '名单', rows }]);
        const read = await readTexts(path);
        expect(read).toEqual(rows);
        expect(read.flat().join('')).not.toContain('ふりがな');
      }),
      { numRuns: 4, endOnFailure: true },
    );
  });

  it('reads back a 20,000-row roster of generated names exactly, both ways it is written', async () => {
    const rows = fc.sample(textRows(chineseText(12), 3, 20_000, 20_000), { numRuns: 1, seed: 12 })[0];
    rows[0] = ['孟艳涛', '快递小哥', '喆昇堃玥𠮷𡈼'];
    const shared = dir.path('big-shared.xlsx');
    const inline = dir.path('big-inline.xlsx');
    const excel = dir.path('big-excel.xlsx');
    await writeWithExcelJs(shared, rows, true);
    await writeWithExcelJs(inline, rows, false);
    await writeExcelStyleXlsx(excel, [{ name: '名单', rows }]);
    for (const path of [shared, inline, excel]) {
      const read = await readTexts(path);
      expect(read.length).toBe(20_000);
      const wrong = read.findIndex((row, i) => row.join('\u0001') !== rows[i].join('\u0001'));
      expect(wrong).toBe(-1);
      expect(read.flat().some((text) => text?.includes('\ufffd'))).toBe(false);
    }
  }, 60_000);
});
