import { writeFile } from 'node:fs/promises';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CsvParser } from './csv-parser';
import { SniffingDecoder } from './csv-source';
import { encodeGb18030, encodeGbk } from './fixtures/gbk';
import { makeTempDir } from './fixtures/messy-files';
import { chineseText, cuts, gbkText, splitAt, textRows } from './fixtures/text-arbitraries';
import { openSpreadsheet } from './sheet-source';
import type { CsvEncoding } from './types';

// A CSV in any of the encodings Excel and WPS save, cut into chunks anywhere, reads back cell for cell.

const HEADER = ['姓名', '工作单位', '备注'];

function csvText(rows: string[][]): string {
  return (
    [HEADER, ...rows].map((row) => row.map((f) => `"${f.replace(/"/g, '""')}"`).join(',')).join('\r\n') +
    '\r\n'
  );
}

type Encoder = {
  name: string;
  expected: CsvEncoding;
  text: fc.Arbitrary<string>;
  encode: (t: string) => Buffer;
};

const utf16be = (text: string) => Buffer.from(text, 'utf16le').swap16();
const ENCODERS: Encoder[] = [
  { name: 'UTF-8', expected: 'utf-8', text: chineseText(), encode: (t) => Buffer.from(t) },
  {
    name: 'UTF-8 with BOM',
    expected: 'utf-8',
    text: chineseText(),
    encode: (t) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t)]),
  },
  { name: 'GBK', expected: 'gb18030', text: gbkText(), encode: encodeGbk },
  { name: 'GB18030', expected: 'gb18030', text: chineseText(), encode: encodeGb18030 },
  {
    name: 'UTF-16LE',
    expected: 'utf-16le',
    text: chineseText(),
    encode: (t) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]),
  },
  {
    name: 'UTF-16BE',
    expected: 'utf-16be',
    text: chineseText(),
    encode: (t) => Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(t)]),
  },
];

function parsePieces(pieces: Buffer[]) {
  const decoder = new SniffingDecoder();
  const parser = new CsvParser(',');
  for (const piece of pieces) parser.push(decoder.decode(piece));
  parser.push(decoder.decode(null));
  parser.end();
  return { encoding: decoder.encoding, rows: parser.records.map((r) => r.fields) };
}

let dir: Awaited<ReturnType<typeof makeTempDir>>;
beforeAll(async () => {
  dir = await makeTempDir();
});
afterAll(() => dir.cleanup());

describe.each(ENCODERS)('CSV in $name', ({ expected, text, encode }) => {
  it('decodes bytes cut into chunks anywhere to the exact text of every cell', () => {
    fc.assert(
      fc.property(
        textRows(text, 3, 1, 60).chain((rows) => {
          const bytes = encode(csvText(rows));
          return fc.tuple(fc.constant(rows), fc.constant(bytes), cuts(bytes.length));
        }),
        ([rows, bytes, points]) => {
          const parsed = parsePieces(splitAt(bytes, points));
          expect(parsed.encoding).toBe(expected);
          expect(parsed.rows).toEqual([HEADER, ...rows]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('reads a file of thousands of rows back exactly through openSpreadsheet', async () => {
    await fc.assert(
      fc.asyncProperty(textRows(text, 3, 1000, 4000), async (rows) => {
        const path = dir.path('roster.csv');
        await writeFile(path, encode(csvText(rows)));
        const source = await openSpreadsheet(path, '名单.csv');
        const read: (string | null)[][] = [];
        for await (const row of source) read.push(row.cells.map((cell) => cell.value as string | null));
        expect(source.encoding).toBe(expected);
        expect(read).toEqual([HEADER, ...rows]);
      }),
      { numRuns: 2, endOnFailure: true },
    );
  });
});
