import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CsvParser, MAX_FIELD_LENGTH, sniffDelimiter } from './csv-parser';
import { SniffingDecoder } from './csv-source';
import { ImportError } from './errors';
import { encodeGbk } from './fixtures/gbk';
import { makeTempDir, TEST_COLUMNS } from './fixtures/messy-files';
import { readRecords } from './row-reader';
import { openSpreadsheet } from './sheet-source';
import type { RawRow } from './types';

function parse(text: string, chunkSize = text.length, delimiter = ',') {
  const parser = new CsvParser(delimiter);
  for (let i = 0; i < text.length; i += chunkSize) parser.push(text.slice(i, i + chunkSize));
  if (text.length === 0) parser.push('');
  parser.end();
  return parser.records.map((r) => [r.rowNumber, r.fields] as const);
}

describe('CsvParser', () => {
  it('reads quotes, doubled quotes, delimiters and line breaks inside quotes, CRLF and lone CR', () => {
    const text = '姓名,备注\r\n"张,三","他说""你好""\r\n第二行"\r\n李四,\r王五,"x"\n';
    expect(parse(text)).toEqual([
      [1, ['姓名', '备注']],
      [2, ['张,三', '他说"你好"\r\n第二行']],
      [3, ['李四', '']],
      [4, ['王五', 'x']],
    ]);
  });

  it('gives the same records however the text is cut into pieces', () => {
    const text = 'a,"b""c",d\r\n"e\r\nf",,"""g"""\r\n\r\nh,"i"j,k"l\r\n"",x';
    const whole = parse(text);
    expect(whole).toEqual([
      [1, ['a', 'b"c', 'd']],
      [2, ['e\r\nf', '', '"g"']],
      [3, ['']],
      [4, ['h', 'ij', 'k"l']],
      [5, ['', 'x']],
    ]);
    for (let size = 1; size <= text.length; size += 1) expect(parse(text, size)).toEqual(whole);
  });

  it('keeps a quote pending across an empty piece (a decoder holding half a UTF-16 character)', () => {
    const parser = new CsvParser(',');
    for (const piece of ['"张"', '', '""', ',x\r\n']) parser.push(piece);
    parser.end();
    expect(parser.records.map((r) => r.fields)).toEqual([['张"', 'x']]);
  });

  it('counts empty lines as rows, as Excel numbers them, and adds none for a final line break', () => {
    expect(parse('a\n\nb\n')).toEqual([
      [1, ['a']],
      [2, ['']],
      [3, ['b']],
    ]);
    expect(parse('')).toEqual([]);
  });

  it('refuses a quote that never closes, naming the row where it opened', () => {
    expect(() => parse('a,b\n"c,d\ne,f\n')).toThrow(/第 2 行.*引号/);
    const runaway = `x\n"${'长'.repeat(MAX_FIELD_LENGTH + 1)}`;
    expect(() => parse(runaway, 1000)).toThrow(/第 2 行.*超过 32767 个字符/);
  });

  it('reads tab-separated text and finds the delimiter', () => {
    expect(parse('a\tb,c\n', undefined, '\t')).toEqual([[1, ['a', 'b,c']]]);
    expect(sniffDelimiter('标题\t\t\n姓名\t电话\n张三\t"1,2"\n')).toEqual({ delimiter: '\t', skip: 0 });
    expect(sniffDelimiter('标题,,\n姓名,电话\n')).toEqual({ delimiter: ',', skip: 0 });
    expect(sniffDelimiter('sep=;\r\n姓名;电话\n')).toEqual({ delimiter: ';', skip: 7 });
  });
});

function decodeAll(bytes: Buffer, chunkSize: number) {
  const decoder = new SniffingDecoder();
  let text = '';
  for (let i = 0; i < bytes.length; i += chunkSize) text += decoder.decode(bytes.subarray(i, i + chunkSize));
  text += decoder.decode(null);
  return { text, encoding: decoder.encoding };
}

describe('SniffingDecoder', () => {
  const sample = '姓名,身份证号\n张三,11010519491231002X\n欧阳娜娜,110105199003071234\n';

  it('encodes GBK the way Excel on Chinese Windows does', () => {
    expect([...encodeGbk('张三姓名')]).toEqual([0xd5, 0xc5, 0xc8, 0xfd, 0xd0, 0xd5, 0xc3, 0xfb]);
  });

  it('tells UTF-8 with and without a BOM from GBK, whatever the chunk size', () => {
    const cases: [Buffer, string][] = [
      [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(sample)]), 'utf-8'],
      [Buffer.from(sample), 'utf-8'],
      [encodeGbk(sample), 'gb18030'],
    ];
    for (const [bytes, encoding] of cases) {
      for (const size of [1, 2, 3, 5, 4096])
        expect(decodeAll(bytes, size)).toEqual({ text: sample, encoding });
    }
  });

  it('waits past a long ASCII start before deciding, and decides on enough text', () => {
    const ascii = 'id,note\n' + '1,abc\n'.repeat(20_000);
    const gbk = Buffer.concat([Buffer.from(ascii), encodeGbk('2,张三\n3,李四\n')]);
    expect(decodeAll(gbk, 65536)).toEqual({ text: ascii + '2,张三\n3,李四\n', encoding: 'gb18030' });
    expect(decodeAll(Buffer.from('a,b\n1,2\n'), 3)).toEqual({ text: 'a,b\n1,2\n', encoding: 'utf-8' });
  });

  it('reads Excel "Unicode text" (UTF-16 with a BOM)', () => {
    const bytes = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('姓名\t手机\n张三\t138\n', 'utf16le'),
    ]);
    expect(decodeAll(bytes, 7)).toEqual({ text: '姓名\t手机\n张三\t138\n', encoding: 'utf-16le' });
  });

  it('refuses binary data and bytes that fit no encoding', () => {
    expect(() => decodeAll(Buffer.from([0x50, 0x00, 0x01, 0x02]), 10)).toThrow(/不是文本格式/);
    const mixed = Buffer.concat([Buffer.from('姓名,电话\n'.repeat(500)), encodeGbk('张三,1\n')]);
    expect(() => decodeAll(mixed, 1024)).toThrow(ImportError);
  });
});

describe('CSV files', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    dir = await makeTempDir();
  });
  afterAll(() => dir.cleanup());

  const content =
    'XX区新兴青年联系对象名册,,,,\r\n' +
    '填报单位：XX区团委,,,,\r\n' +
    '序号,姓名,公民身份号码,手机号码,备注\r\n' +
    '1,张三,"=""110105199003071234""",138 0013 8000,"=1+1"\r\n' +
    ',,,,\r\n' +
    '2,"李四","11010519491231002x",13900139000,"住址：北京市,朝阳区\r\n望京"\r\n' +
    '填表人：王五,,,,\r\n';

  async function readAll(name: string, bytes: Buffer) {
    await writeFile(dir.path(name), bytes);
    const source = await openSpreadsheet(dir.path(name), name);
    const rows: RawRow[] = [];
    for await (const row of source) rows.push(row);
    const records = [];
    for await (const record of readRecords(source, TEST_COLUMNS)) records.push(record);
    return { source, rows, records };
  }

  it.each([
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(content)]), 'utf-8'],
    ['UTF-8 without BOM', Buffer.from(content), 'utf-8'],
    ['GBK', encodeGbk(content), 'gb18030'],
  ])('reads a messy roster saved as %s', async (_, bytes, encoding) => {
    const { source, rows, records } = await readAll(`roster-${encoding}.csv`, bytes);
    expect(source.format).toBe('csv');
    expect(source.encoding).toBe(encoding);
    expect(rows.map((r) => r.rowNumber)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(rows[0].cells).toEqual([{ value: 'XX区新兴青年联系对象名册', numeric: false }]);
    expect(rows[4].cells).toEqual([]);
    expect(records.map((r) => r.rowNumber)).toEqual([4, 6]);
    expect(records[0].values.idNumber).toEqual({
      value: '110105199003071234',
      numeric: false,
      formula: '="110105199003071234"',
    });
    expect(records[0].values.remark).toEqual({ value: '=1+1', numeric: false });
    expect(records[1].values.remark?.value).toBe('住址：北京市,朝阳区\r\n望京');
    expect(records[1].values.name?.value).toBe('李四');
  });

  it('reads a large CSV as a stream, and rows keep their numbers', async () => {
    const lines = ['姓名,身份证号'];
    for (let i = 0; i < 30_000; i += 1) lines.push(`张${i},"1101051990030${String(i).padStart(5, '0')}"`);
    const { records } = await readAll('big.csv', encodeGbk(lines.join('\r\n')));
    expect(records).toHaveLength(30_000);
    expect(records[29_999]).toMatchObject({ rowNumber: 30_001, values: { name: { value: '张29999' } } });
  });
});
