import { describe, expect, it } from 'vitest';
import {
  calendarDateError,
  daysInMonth,
  excelSerialToDate,
  isLeapYear,
  parseLooseDate,
  todayInChina,
} from './date';

const day = (value: string) => ({ ok: true, value, precision: 'day' });
const month = (value: string) => ({ ok: true, value, precision: 'month' });
const year = (value: string) => ({ ok: true, value, precision: 'year' });

function errorOf(input: string | number | Date): string {
  const result = parseLooseDate(input);
  if (result.ok) throw new Error(`expected an error for ${String(input)}, got ${result.value}`);
  return result.error;
}

describe('calendar helpers', () => {
  it('knows the Gregorian leap-year rule: 2000 is a leap year, 1900 and 2100 are not', () => {
    expect(isLeapYear(2000)).toBe(true);
    expect(isLeapYear(2024)).toBe(true);
    expect(isLeapYear(1900)).toBe(false);
    expect(isLeapYear(2100)).toBe(false);
    expect(isLeapYear(2023)).toBe(false);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2017, 6)).toBe(30);
  });

  it('explains why a date does not exist', () => {
    expect(calendarDateError(2017, 6, 31)).toBe('日期不存在：6 月没有 31 日');
    expect(calendarDateError(2017, 2, 29)).toBe('日期不存在：2017 年不是闰年，2 月没有 29 日');
    expect(calendarDateError(2017, 13, 1)).toBe('日期不存在：没有 13 月');
    expect(calendarDateError(2017, 0, 1)).toBe('日期不存在：没有 0 月');
    expect(calendarDateError(2017, 1, 0)).toBe('日期不存在：没有 0 日');
    expect(calendarDateError(2016, 2, 29)).toBeUndefined();
  });

  it("gives today's date in Beijing whatever the server's zone", () => {
    expect(todayInChina(new Date('2024-03-11T16:30:00Z'))).toBe('2024-03-12');
    expect(todayInChina(new Date('2024-03-11T15:59:59Z'))).toBe('2024-03-11');
  });
});

describe('parseLooseDate: text', () => {
  it.each([
    ['1995-03-12', '1995-03-12'],
    ['1995-3-12', '1995-03-12'],
    ['1995/03/12', '1995-03-12'],
    ['1995/3/2', '1995-03-02'],
    ['1995.3.12', '1995-03-12'],
    ['1995.03.12', '1995-03-12'],
    ['1995年3月12日', '1995-03-12'],
    ['1995年03月12号', '1995-03-12'],
    ['1995 年 3 月 12 日', '1995-03-12'],
    ['1995年3月12', '1995-03-12'],
    ['19950312', '1995-03-12'],
    ['1995-03-12 00:00:00', '1995-03-12'],
    ['1995/3/12 8:30', '1995-03-12'],
    ['1995-03-12T00:00:00', '1995-03-12'],
    ['１９９５－０３－１２', '1995-03-12'],
    ['１９９５年３月１２日', '1995-03-12'],
    ["'1995-03-12", '1995-03-12'],
    ['  1995-03-12\u200B ', '1995-03-12'],
    ['2000-02-29', '2000-02-29'],
  ])('reads %j as a day', (input, expected) => {
    expect(parseLooseDate(input)).toEqual(day(expected));
  });

  it.each([
    ['1995.03', '1995-03-01'],
    ['1995.3', '1995-03-01'],
    ['1995.10', '1995-10-01'],
    ['1995.1', '1995-01-01'],
    ['1995.12', '1995-12-01'],
    ['1995-03', '1995-03-01'],
    ['1995/3', '1995-03-01'],
    ['1995年3月', '1995-03-01'],
    ['199503', '1995-03-01'],
  ])('reads %j to the month', (input, expected) => {
    expect(parseLooseDate(input)).toEqual(month(expected));
  });

  it('reads a bare year to the year', () => {
    expect(parseLooseDate('1995')).toEqual(year('1995-01-01'));
    expect(parseLooseDate('1995年')).toEqual(year('1995-01-01'));
  });

  it('reads an instant with a zone in Beijing time', () => {
    expect(parseLooseDate('1995-03-11T16:00:00.000Z')).toEqual(day('1995-03-12'));
    expect(parseLooseDate('1995-03-12T00:00:00+08:00')).toEqual(day('1995-03-12'));
  });

  it('reads a five-digit number written as text as an Excel serial', () => {
    expect(parseLooseDate('34770')).toEqual(day('1995-03-12'));
  });

  it('rejects dates that do not exist, saying why', () => {
    expect(errorOf('2017-06-31')).toBe('日期不存在：6 月没有 31 日');
    expect(errorOf('2017-02-29')).toBe('日期不存在：2017 年不是闰年，2 月没有 29 日');
    expect(errorOf('1900-02-29')).toBe('日期不存在：1900 年不是闰年，2 月没有 29 日');
    expect(errorOf('1995.13')).toBe('日期不存在：没有 13 月');
    expect(errorOf('1995年0月')).toBe('日期不存在：没有 0 月');
    expect(errorOf('20170631')).toBe('日期不存在：6 月没有 31 日');
    expect(errorOf('199513')).toBe('日期不存在：没有 13 月');
  });

  it('refuses two-digit years with a clear message', () => {
    for (const input of ['95.03', '95-3-12', '95年3月', '95年3月12日', '95', '950312']) {
      expect(errorOf(input), input).toBe('年份请写成四位数字（如 1995），两位数的年份无法确定世纪');
    }
  });

  it('refuses day-first dates, which cannot be told from month-first', () => {
    expect(errorOf('12/03/1995')).toBe('日期请按“年-月-日”的顺序填写（如 1995-03-12）');
  });

  it('refuses years outside the range and text that is not a date', () => {
    expect(errorOf('1850-01-01')).toBe('年份 1850 超出范围（1900–2100）');
    expect(parseLooseDate('1850-01-01', { minYear: 1800 })).toEqual(day('1850-01-01'));
    expect(errorOf('三月十二日')).toMatch(/^无法识别的日期/);
    expect(errorOf('1995-03-12-01')).toMatch(/^无法识别的日期/);
    expect(parseLooseDate('  ')).toEqual({ ok: false, code: 'empty', error: '日期为空' });
  });
});

describe('parseLooseDate: numbers and Date objects', () => {
  it('reads Excel serials in the 1900 system, 1900 leap-year bug included', () => {
    expect(parseLooseDate(1)).toEqual(day('1900-01-01'));
    expect(parseLooseDate(59)).toEqual(day('1900-02-28'));
    expect(errorOf(60)).toBe('日期不存在：1900 年不是闰年，2 月没有 29 日（Excel 序号 60）');
    expect(parseLooseDate(61)).toEqual(day('1900-03-01'));
    expect(parseLooseDate(25569)).toEqual(day('1970-01-01'));
    expect(parseLooseDate(34770)).toEqual(day('1995-03-12'));
    expect(parseLooseDate(36585)).toEqual(day('2000-02-29'));
    expect(parseLooseDate(34770.75)).toEqual(day('1995-03-12'));
    expect(parseLooseDate(34770.9999)).toEqual(day('1995-03-12'));
    // Floating-point noise just below a whole serial is that whole day.
    expect(parseLooseDate(34771 - 1e-10)).toEqual(day('1995-03-13'));
  });

  it('reads the 1904 date system when the workbook uses it', () => {
    expect(excelSerialToDate(0, { date1904: true })).toEqual(day('1904-01-01'));
    expect(parseLooseDate(33308, { date1904: true })).toEqual(day('1995-03-12'));
  });

  it('refuses serials outside what Excel can hold', () => {
    expect(errorOf(0)).toBe('日期序号超出 Excel 的有效范围');
    expect(errorOf(-5)).toBe('日期序号超出 Excel 的有效范围');
    expect(errorOf(3_000_000)).toBe('日期序号超出 Excel 的有效范围');
    expect(errorOf(Number.NaN)).toBe('无法识别的日期');
  });

  it('reads a number typed as year.month in a General cell', () => {
    expect(parseLooseDate(1995.03)).toEqual(month('1995-03-01'));
    expect(parseLooseDate(1995.3)).toEqual(month('1995-03-01'));
    expect(parseLooseDate(1995.11)).toEqual(month('1995-11-01'));
    expect(parseLooseDate(1995.12)).toEqual(month('1995-12-01'));
    expect(parseLooseDate(1995.01)).toEqual(month('1995-01-01'));
    expect(parseLooseDate(1995)).toEqual(year('1995-01-01'));
    expect(errorOf(1995.13)).toBe('日期不存在：没有 13 月');
  });

  it('refuses 1995.1 from a numeric cell: Excel stored 1995.10 the same way', () => {
    const result = parseLooseDate(1995.1);
    expect(result).toMatchObject({ ok: false, code: 'ambiguous' });
    expect(errorOf(1995.1)).toContain('无法确定是 1 月还是 10 月');
  });

  it('reads eight- and six-digit numbers as YYYYMMDD and YYYYMM', () => {
    expect(parseLooseDate(19950312)).toEqual(day('1995-03-12'));
    expect(parseLooseDate(199503)).toEqual(month('1995-03-01'));
  });

  it('reads Date objects by their UTC parts, as xlsx date cells arrive', () => {
    expect(parseLooseDate(new Date(Date.UTC(1995, 2, 12)))).toEqual(day('1995-03-12'));
    expect(parseLooseDate(new Date(Date.UTC(1995, 2, 12, 23, 30)))).toEqual(day('1995-03-12'));
    expect(parseLooseDate(new Date(Date.UTC(1995, 2, 12) - 2))).toEqual(day('1995-03-12'));
    expect(errorOf(new Date('not a date'))).toBe('无法识别的日期');
  });
});
