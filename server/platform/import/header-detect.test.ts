import { describe, expect, it } from 'vitest';
import { TEST_COLUMNS } from './fixtures/messy-files';
import { detectHeader, headerLabel } from './header-detect';
import { displayHeader, HeaderDictionary, normalizeHeader, SERIAL_COLUMN } from './header-text';
import { extractMeta } from './sheet-meta';
import type { RawCell, RawRow } from './types';

const cell = (value: string | number | Date | null): RawCell => ({
  value,
  numeric: typeof value === 'number',
});
const row = (rowNumber: number, values: (string | number | Date | null)[]): RawRow => ({
  rowNumber,
  cells: values.map(cell),
});

describe('header text', () => {
  it('ignores spaces, line breaks, full-width forms, case and required-field notes', () => {
    expect(normalizeHeader(' 身 份 证 号\n（必填）')).toBe('身份证号');
    expect(normalizeHeader('＊姓\u3000名*')).toBe('姓名');
    expect(normalizeHeader('手机号码(选填)')).toBe('手机号码');
    expect(normalizeHeader('Ｅ－ＭＡＩＬ：')).toBe('e-mail');
    expect(displayHeader(' 身 份 证 号（必填）')).toBe('身份证号');
    expect(displayHeader('*Mobile  Phone')).toBe('Mobile Phone');
  });

  it('matches synonyms, bracketed hints, alternatives and 序号', () => {
    const dict = new HeaderDictionary(TEST_COLUMNS);
    expect(dict.match('公民身份号码')).toBe('idNumber');
    expect(dict.match('身份证号码')).toBe('idNumber');
    expect(dict.match('出生日期（格式：1990-01-01）')).toBe('birthDate');
    expect(dict.match('手机/联系电话')).toBe('phone');
    expect(dict.match('姓名/手机')).toBeUndefined();
    expect(dict.match('E-mail')).toBe('email');
    expect(dict.match('序 号')).toBe(SERIAL_COLUMN);
    expect(dict.match('No.')).toBe(SERIAL_COLUMN);
    expect(dict.match('爱好')).toBeUndefined();
  });

  it('refuses a dictionary that gives one header to two columns', () => {
    expect(
      () =>
        new HeaderDictionary([
          { key: 'a', label: '电话', synonyms: [] },
          { key: 'b', label: '手机', synonyms: ['电 话'] },
        ]),
    ).toThrow(/both a and b/);
  });
});

describe('detectHeader', () => {
  it('skips title lines and picks the row naming the most columns, columns in any order', () => {
    const rows = [
      row(1, ['附件1']),
      row(2, ['XX市新兴青年联系对象名册']),
      row(3, ['填报单位：（盖章）XX区团委      填报日期：2024年3月1日']),
      row(5, ['序号', '联系电话', '公民身份号码', '姓  名', '爱好', '手机号码', '出生年月']),
      row(6, [1, '13800138000', '110105199003071234', '张三', '唱歌', null, '1995.03']),
    ];
    const header = detectHeader(rows, TEST_COLUMNS)!;
    expect(header.headerRowNumber).toBe(5);
    expect([...header.mapping]).toEqual([
      [1, 'phone'],
      [2, 'idNumber'],
      [3, 'name'],
      [6, 'birthDate'],
    ]);
    expect(header.serialColumns).toEqual([0]);
    expect(header.unknownColumns).toEqual(['爱好']);
    expect(header.duplicateColumns).toEqual(['手机号码']);
    expect(header.missingRequired).toEqual([]);
    expect(header.headers[3]).toBe('姓名');
    expect(headerLabel(header, TEST_COLUMNS, 'idNumber')).toBe('公民身份号码');
    expect(headerLabel(header, TEST_COLUMNS, 'gender')).toBe('性别');
    expect(header.meta).toEqual({
      title: 'XX市新兴青年联系对象名册',
      fillingUnit: 'XX区团委',
      fillingDate: '2024年3月1日',
    });
  });

  it('reads a two-row header whose group titles are not merged (a CSV)', () => {
    const rows = [
      row(1, ['花名册']),
      row(2, ['序号', '基本信息', null, null, '联系方式', null, '身份证号码', '紧急联系人']),
      row(3, [null, '姓名', '性别', '出生日期', '手机', '邮箱', null, '电话']),
      row(4, [1, '张三', '男', '1996-05-04', '13800138000', 'a@b.cn', '110105199605040013', '13900139000']),
    ];
    const header = detectHeader(rows, TEST_COLUMNS)!;
    expect(header.headerRowNumber).toBe(3);
    expect(header.groupRowNumber).toBe(2);
    expect([...header.mapping.values()]).toEqual([
      'name',
      'gender',
      'birthDate',
      'phone',
      'email',
      'idNumber',
    ]);
    expect(header.duplicateColumns).toEqual(['电话']);
    expect(header.serialColumns).toEqual([0]);
    expect(header.meta).toEqual({ title: '花名册' });
  });

  it('reports missing required columns and gives up when no row names two columns', () => {
    const partial = detectHeader([row(1, ['姓名', '手机', '备注'])], TEST_COLUMNS)!;
    expect(partial.missingRequired).toEqual(['身份证号']);
    expect(detectHeader([row(1, ['名单']), row(2, ['姓名', '张三'])], TEST_COLUMNS)).toBeNull();
    expect(detectHeader([], TEST_COLUMNS)).toBeNull();
  });

  it('does not take a data row with empty cells for the lower half of a header', () => {
    const rows = [row(1, ['序号', '姓名', '身份证号', '手机', '性别']), row(2, [1, null, null, null, null])];
    const header = detectHeader(rows, TEST_COLUMNS)!;
    expect(header.headerRowNumber).toBe(1);
    expect(header.groupRowNumber).toBeUndefined();
  });
});

describe('extractMeta', () => {
  it('reads labels and values in one cell or across cells, and dates from date cells', () => {
    expect(
      extractMeta([
        row(1, ['2024年度XX市重点培养对象花名册']),
        row(2, ['填报单位：', 'XX县团委（盖章）', null, '填表日期:', new Date(Date.UTC(2024, 2, 1))]),
      ]),
    ).toEqual({
      title: '2024年度XX市重点培养对象花名册',
      fillingUnit: 'XX县团委',
      fillingDate: '2024-03-01',
    });
    expect(extractMeta([row(1, ['报送单位(公章)：XX团省委 报送日期：2024-03-01'])])).toEqual({
      fillingUnit: 'XX团省委',
      fillingDate: '2024-03-01',
    });
  });
});
