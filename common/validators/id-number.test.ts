import { describe, expect, it } from 'vitest';
import { compareWithId, EXCEL_NUMERIC_ID_ERROR, idCheckDigit, parseGender, parseIdNumber } from './id-number';
import type { IdNumberResult, ParsedIdNumber } from './id-number';

const TODAY = '2025-06-01';

/** Appends the ISO 7064 MOD 11-2 check character, weights computed as 2^(17-i) mod 11. */
function withCheck(first17: string): string {
  const sum = [...first17].reduce((acc, digit, i) => acc + Number(digit) * (2 ** (17 - i) % 11), 0);
  return first17 + '10X98765432'[sum % 11];
}

/** The same number with its last character replaced by a wrong check character. */
function withWrongCheck(first17: string): string {
  const right = withCheck(first17).slice(-1);
  return first17 + (right === '1' ? '2' : '1');
}

function parse(raw: string | number, fromNumericCell?: boolean): IdNumberResult {
  return parseIdNumber(raw, { today: TODAY, fromNumericCell });
}

function ok(raw: string | number): ParsedIdNumber {
  const result = parse(raw);
  if (!result.ok) throw new Error(`expected ${String(raw)} to be valid: ${result.error}`);
  return result;
}

const MALE = withCheck('11010119900307123'); // fictitious, 东城区, 1990-03-07, sequence 123
const FEMALE_X = withCheck('36010219980615107'); // check character X, sequence 107 is odd: male
const STANDARD_EXAMPLE = '11010519491231002X'; // the worked example in GB 11643-1999

describe('idCheckDigit', () => {
  it('computes the ISO 7064 MOD 11-2 check character, X for 10', () => {
    expect(idCheckDigit('11010519491231002')).toBe('X');
    expect(idCheckDigit('44052418800101001')).toBe('4');
    expect(idCheckDigit('11010119900307123')).toBe(MALE.slice(-1));
    expect(FEMALE_X.endsWith('X')).toBe(true);
  });

  it('refuses anything but 17 digits', () => {
    expect(() => idCheckDigit('1101011990030712')).toThrow(RangeError);
    expect(() => idCheckDigit('1101011990030712X')).toThrow(RangeError);
  });
});

describe('parseIdNumber: valid numbers', () => {
  it('derives birth date, gender and region code', () => {
    expect(ok(MALE)).toEqual({
      ok: true,
      value: MALE,
      birthDate: '1990-03-07',
      gender: 'male',
      regionCode: '110101',
      document: 'resident',
      warnings: [],
    });
  });

  it('reads the 17th digit for gender: odd male, even female', () => {
    expect(ok(STANDARD_EXAMPLE)).toMatchObject({ gender: 'female', birthDate: '1949-12-31' });
    expect(ok(withCheck('44030520070301128')).gender).toBe('female');
    expect(ok(FEMALE_X).gender).toBe('male');
  });

  it('accepts a lower-case x, full-width characters, spaces, dashes and a leading apostrophe', () => {
    const lower = STANDARD_EXAMPLE.toLowerCase();
    for (const raw of [
      lower,
      '１１０１０５１９４９１２３１００２ｘ',
      '110105 19491231 002X',
      '110105-1949-1231-002x',
      '110105—19491231—002X',
      ' 11010519491231002X\u200B',
      "'11010519491231002X",
      '11010519491231002×',
    ]) {
      expect(ok(raw).value, raw).toBe(STANDARD_EXAMPLE);
    }
  });

  it('upgrades a 15-digit first-generation number, with a warning', () => {
    expect(ok('110101900307123')).toMatchObject({
      value: MALE,
      birthDate: '1990-03-07',
      gender: 'male',
      warnings: ['15 位旧号码已升级为 18 位'],
    });
  });

  it('keeps a 15-digit number from a numeric cell: Excel holds 15 digits exactly', () => {
    expect(parse(110101900307123)).toMatchObject({ ok: true, value: MALE });
  });

  it('keeps unknown and retired county codes, returning the region code for lookup', () => {
    const old = withCheck('51310119850101123'); // 雅安地区's old code, since replaced
    expect(ok(old).regionCode).toBe('513101');
    expect(ok(withCheck('11019919900307123')).regionCode).toBe('110199');
  });

  it('accepts every province-level code', () => {
    const codes =
      '11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71';
    for (const code of codes.split(' ')) {
      expect(parse(withCheck(`${code}010119900307123`)).ok, code).toBe(true);
    }
  });

  it('accepts 港澳台居民居住证 numbers (810000, 820000, 830000) with a note', () => {
    expect(ok(withCheck('81000019950101102'))).toMatchObject({
      document: 'residencePermit',
      regionCode: '810000',
      warnings: ['港澳台居民居住证号码（香港居民）'],
    });
    expect(ok(withCheck('82000019950101102')).warnings).toEqual(['港澳台居民居住证号码（澳门居民）']);
    expect(ok(withCheck('83000019950101102')).warnings).toEqual(['港澳台居民居住证号码（台湾居民）']);
  });

  it('accepts a 2023 外国人永久居留身份证 number: 9, province, nationality, birth date', () => {
    expect(ok(withCheck('93284019900101011'))).toMatchObject({
      document: 'foreignPermanentResident',
      regionCode: '320000',
      nationalityCode: '840',
      birthDate: '1990-01-01',
      gender: 'male',
      warnings: ['外国人永久居留身份证号码'],
    });
    expect(parse(withCheck('98184019900101011'))).toMatchObject({ ok: false, code: 'region' });
  });

  it('accepts 29 February in leap years only: 2000 yes, 1900 no', () => {
    expect(ok(withCheck('11010120000229123')).birthDate).toBe('2000-02-29');
    const old = { today: '2010-01-01' };
    expect(parseIdNumber(withCheck('11010119040229123'), old).ok).toBe(true);
    expect(parseIdNumber(withCheck('11010119000229123'), old)).toMatchObject({
      ok: false,
      code: 'birthDate',
    });
  });

  it('accepts an age of exactly 120', () => {
    expect(ok(withCheck('11010119050601123')).birthDate).toBe('1905-06-01');
  });

  it('accepts a genuine number that ends in 000 when typed as text', () => {
    expect(ok('360102199806015000').value).toBe('360102199806015000');
  });
});

describe('parseIdNumber: errors', () => {
  it('rejects a wrong check digit', () => {
    expect(parse(withWrongCheck('11010119900307123'))).toEqual({
      ok: false,
      code: 'checksum',
      error: '身份证号校验位（最后一位）不正确，请核对是否有数字填错',
    });
    expect(parse('110105194912310021')).toMatchObject({ ok: false, code: 'checksum' });
  });

  it('rejects wrong lengths and stray characters', () => {
    expect(parse('11010119900307123')).toEqual({
      ok: false,
      code: 'length',
      error: '身份证号应为 18 位，现为 17 位',
    });
    expect(parse(`${MALE}1`)).toMatchObject({ code: 'length' });
    expect(parse('11010119900X071234')).toMatchObject({ code: 'format' });
    expect(parse('11010119900307123A')).toMatchObject({ code: 'format' });
    expect(parse('身份证')).toMatchObject({ code: 'format' });
  });

  it('rejects an empty value', () => {
    expect(parse('')).toEqual({ ok: false, code: 'empty', error: '身份证号为空' });
    expect(parse(' \u3000 ')).toMatchObject({ code: 'empty' });
    expect(parse("'")).toMatchObject({ code: 'empty' });
  });

  it('rejects province codes that do not exist', () => {
    for (const code of [
      '00',
      '10',
      '16',
      '20',
      '30',
      '38',
      '47',
      '55',
      '60',
      '66',
      '70',
      '72',
      '80',
      '84',
      '85',
    ]) {
      expect(parse(withCheck(`${code}010119900307123`)), code).toEqual({
        ok: false,
        code: 'region',
        error: `身份证号前两位（${code}）不是有效的省级行政区划代码`,
      });
    }
    expect(parse(withCheck('99084019900101011'))).toEqual({
      ok: false,
      code: 'region',
      error: '外国人永久居留身份证号第 2–3 位不是有效的省级行政区划代码',
    });
  });

  it('rejects birth dates that do not exist, lie in the future or more than 120 years back', () => {
    expect(parse(withCheck('11010119900230123'))).toMatchObject({ code: 'birthDate' });
    expect(parse(withCheck('11010119901301123'))).toMatchObject({ code: 'birthDate' });
    expect(parse(withCheck('11010120250602123'))).toMatchObject({
      code: 'birthDate',
      error: '身份证号中的出生日期晚于今天，请核对',
    });
    expect(parse(withCheck('11010119040602123')).ok).toBe(true); // 120 years and 364 days: still 120
    expect(parse(withCheck('11010119040601123'))).toMatchObject({
      code: 'birthDate',
      error: '身份证号中的出生日期距今超过 120 年，请核对',
    });
    expect(parse('110101901301123')).toMatchObject({ code: 'birthDate' });
  });

  it('names the Excel problem for numbers in scientific notation', () => {
    for (const raw of ['1.10101E+17', '1.10101199003071E+17', '1.10101e17', '１.１０１０１Ｅ＋１７']) {
      expect(parse(raw), raw).toEqual({ ok: false, code: 'excelNumeric', error: EXCEL_NUMERIC_ID_ERROR });
    }
    expect(EXCEL_NUMERIC_ID_ERROR).toBe(
      '身份证号被 Excel 当作数字保存，后几位已丢失，请将该列设为文本格式后重新填写',
    );
  });

  it('always refuses 18 digits from a numeric cell, never repairing them', () => {
    expect(parse('110101199003071000', true)).toMatchObject({ code: 'excelNumeric' });
    expect(parse(MALE, true)).toMatchObject({ code: 'excelNumeric' });
    expect(parse(Number('110101199003071234'))).toMatchObject({ code: 'excelNumeric' });
  });

  it('recognises the zeros Excel leaves behind even when the cell arrives as text', () => {
    expect(parse('110101199003071000')).toMatchObject({ code: 'excelNumeric' });
  });

  it('never repeats the number in a message', () => {
    const bad = [
      withWrongCheck('11010119900307123'),
      withCheck('11010119900230123'),
      withCheck('11010120300101123'),
      '110101199003071000',
      '1101011990030712345',
    ];
    for (const raw of bad) {
      const result = parse(raw);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).not.toMatch(/\d{6}/);
    }
  });
});

describe('parseGender', () => {
  it('reads the ways cadres write gender', () => {
    for (const value of ['男', '男性', 'male', 'M', ' Ｍ ', '1'])
      expect(parseGender(value), value).toBe('male');
    for (const value of ['女', '女性', 'Female', 'f', '2']) expect(parseGender(value), value).toBe('female');
    for (const value of ['', '未知', '0', '9', 'x']) expect(parseGender(value), value).toBeUndefined();
  });
});

describe('compareWithId', () => {
  const parsed = ok(MALE); // 1990-03-07, male

  it('is silent when the entered values agree or are absent', () => {
    expect(compareWithId(parsed, { birthDate: '1990-03-07', gender: '男' })).toEqual([]);
    expect(compareWithId(parsed, { birthDate: '1990年3月7日', gender: 'male' })).toEqual([]);
    expect(compareWithId(parsed, { birthDate: new Date(Date.UTC(1990, 2, 7)) })).toEqual([]);
    expect(compareWithId(parsed, { birthDate: 32939 })).toEqual([]);
    expect(compareWithId(parsed, {})).toEqual([]);
    expect(compareWithId(parsed, { birthDate: '', gender: '' })).toEqual([]);
  });

  it('warns when the birth date disagrees', () => {
    expect(compareWithId(parsed, { birthDate: '1990-03-08' })).toEqual(['出生日期与身份证号不一致']);
    expect(compareWithId(parsed, { birthDate: '1991.03.07' })).toEqual(['出生日期与身份证号不一致']);
  });

  it('compares a partial birth date at its own precision', () => {
    expect(compareWithId(parsed, { birthDate: '1990.03' })).toEqual([]);
    expect(compareWithId(parsed, { birthDate: '1990' })).toEqual([]);
    expect(compareWithId(parsed, { birthDate: '1990.04' })).toEqual(['出生日期与身份证号不一致']);
    expect(compareWithId(parsed, { birthDate: '1990.1' })).toEqual(['出生日期与身份证号不一致']);
  });

  it('warns when the gender disagrees', () => {
    expect(compareWithId(parsed, { gender: '女' })).toEqual(['性别与身份证号不一致']);
    expect(compareWithId(ok(STANDARD_EXAMPLE), { gender: '男' })).toEqual(['性别与身份证号不一致']);
  });

  it('reports both disagreements, and leaves unreadable values to their own validation', () => {
    expect(compareWithId(parsed, { birthDate: '1990-03-08', gender: '女' })).toEqual([
      '出生日期与身份证号不一致',
      '性别与身份证号不一致',
    ]);
    expect(compareWithId(parsed, { birthDate: '不详', gender: '未说明' })).toEqual([]);
  });
});
