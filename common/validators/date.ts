import { normalizeText } from './text';

export type DatePrecision = 'day' | 'month' | 'year';
export type DateErrorCode = 'empty' | 'format' | 'invalid' | 'range' | 'ambiguous';
export type LooseDateResult =
  { ok: true; value: string; precision: DatePrecision } | { ok: false; code: DateErrorCode; error: string };

export type LooseDateOptions = {
  /** Earliest and latest year accepted; default 1900–2100. */
  minYear?: number;
  maxYear?: number;
  /** The workbook uses the 1904 date system (old Mac Excel); ExcelJS exposes it as `properties.date1904`. */
  date1904?: boolean;
};

const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 3_600_000;
const MAX_EXCEL_SERIAL = 2_958_465; // 9999-12-31

const FORMAT_HINT = '请按 1995-03-12、1995.03 或 1995年3月12日 这样的格式填写';

function fail(code: DateErrorCode, error: string): LooseDateResult {
  return { ok: false, code, error };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** 'YYYY-MM-DD' from numeric parts, without checking them. */
export function formatYmd(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** Why a year/month/day does not exist on the calendar, in Chinese; undefined when it does. */
export function calendarDateError(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12) return `日期不存在：没有 ${month} 月`;
  if (day < 1) return `日期不存在：没有 ${day} 日`;
  if (day <= daysInMonth(year, month)) return undefined;
  if (month === 2 && day === 29) return `日期不存在：${year} 年不是闰年，2 月没有 29 日`;
  return `日期不存在：${month} 月没有 ${day} 日`;
}

/** Today's date in Beijing time, whatever the server's time zone. */
export function todayInChina(now: Date = new Date()): string {
  return new Date(now.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

function build(
  year: number,
  month: number,
  day: number,
  precision: DatePrecision,
  opts: LooseDateOptions,
): LooseDateResult {
  const minYear = opts.minYear ?? 1900;
  const maxYear = opts.maxYear ?? 2100;
  if (year < minYear || year > maxYear)
    return fail('range', `年份 ${year} 超出范围（${minYear}–${maxYear}）`);
  const error = calendarDateError(year, month, day);
  if (error) return fail('invalid', error);
  return { ok: true, value: formatYmd(year, month, day), precision };
}

function fromUtcDate(date: Date, opts: LooseDateOptions): LooseDateResult {
  if (Number.isNaN(date.getTime())) return fail('format', '无法识别的日期');
  // Serial-to-Date conversion in spreadsheet libraries can land a few milliseconds before midnight.
  const rounded = new Date(Math.round(date.getTime() / 1000) * 1000);
  return build(rounded.getUTCFullYear(), rounded.getUTCMonth() + 1, rounded.getUTCDate(), 'day', opts);
}

/**
 * An Excel serial day number as a date. In the 1900 system Excel counts the non-existent 1900-02-29 as
 * serial 60 (a bug kept from Lotus 1-2-3), so serials from 61 on are one day ahead of a plain count.
 */
export function excelSerialToDate(serial: number, opts: LooseDateOptions = {}): LooseDateResult {
  if (!Number.isFinite(serial) || serial < (opts.date1904 ? 0 : 1) || serial > MAX_EXCEL_SERIAL) {
    return fail('range', '日期序号超出 Excel 的有效范围');
  }
  // The fraction is the time of day; a hair of tolerance absorbs floating-point error just below midnight.
  const days = Math.floor(serial + 1e-8);
  if (opts.date1904) return fromUtcDate(new Date(Date.UTC(1904, 0, 1) + days * DAY_MS), opts);
  if (days === 60) return fail('invalid', '日期不存在：1900 年不是闰年，2 月没有 29 日（Excel 序号 60）');
  const epoch = days < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  return fromUtcDate(new Date(epoch + days * DAY_MS), opts);
}

// A number between 1900 and 2100 is a year someone typed, maybe with a month after the point (1995.03):
// as serials these would be dates in 1905, which no field here expects.
function fromYearMonthNumber(value: number, opts: LooseDateOptions): LooseDateResult {
  const year = Math.trunc(value);
  const hundredths = (value - year) * 100;
  const rounded = Math.round(hundredths);
  if (Math.abs(hundredths - rounded) > 1e-6) return fail('format', `无法识别的日期，${FORMAT_HINT}`);
  if (rounded === 0) return build(year, 1, 1, 'year', opts);
  // Excel keeps 1995.10 as the number 1995.1, the same number as 1995.1 typed for January.
  if (rounded === 10) {
    return fail(
      'ambiguous',
      `“${year}.1”无法确定是 1 月还是 10 月：Excel 把 ${year}.10 当作数字保存成了 ${year}.1，` +
        `请将该列设为文本格式后填写 ${year}.10 或 ${year}.01`,
    );
  }
  const month = rounded % 10 === 0 ? rounded / 10 : rounded;
  return build(year, month, 1, 'month', opts);
}

function fromNumber(value: number, opts: LooseDateOptions): LooseDateResult {
  if (!Number.isFinite(value)) return fail('format', '无法识别的日期');
  if (Number.isInteger(value) && value >= 10_000_000 && value <= 99_999_999) {
    return fromDigits(String(value), opts);
  }
  if (Number.isInteger(value) && value >= 100_000 && value <= 999_999) return fromDigits(String(value), opts);
  if (value >= 1900 && value < 2101) return fromYearMonthNumber(value, opts);
  return excelSerialToDate(value, opts);
}

function fromDigits(digits: string, opts: LooseDateOptions): LooseDateResult {
  const year = Number(digits.slice(0, 4));
  const month = Number(digits.slice(4, 6));
  if (digits.length === 8) return build(year, month, Number(digits.slice(6, 8)), 'day', opts);
  // Six digits are YYYYMM when they start with a century; otherwise most likely YYMMDD.
  if (/^(19|20)/.test(digits)) return build(year, month, 1, 'month', opts);
  return twoDigitYear();
}

function twoDigitYear(): LooseDateResult {
  return fail('format', '年份请写成四位数字（如 1995），两位数的年份无法确定世纪');
}

// 'YYYY-MM-DD HH:mm[:ss]' keeps its wall-clock date; an instant with Z or an offset is read in Beijing time.
const WITH_TIME = /^(.+?)[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

const FULL_DATE = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/;
const YEAR_MONTH = /^(\d{4})[-/.](\d{1,2})$/;
const CHINESE = /^(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})[日号]?)?)?$/;
const DAY_FIRST = /^\d{1,2}[-/.]\d{1,2}[-/.]\d{4}$/;
const SHORT_YEAR = /^\d{2}(?:[-/.年]\d{1,2}(?:[-/.月]\d{1,2}[日号]?)?月?)?$/;

function fromString(raw: string, opts: LooseDateOptions): LooseDateResult {
  let text = normalizeText(raw).replace(/^'/, '');
  if (!text) return fail('empty', '日期为空');
  const timed = WITH_TIME.exec(text);
  if (timed?.[2]) {
    const instant = new Date(text.replace(' ', 'T'));
    if (!Number.isNaN(instant.getTime())) return fromString(todayInChina(instant), opts);
  }
  if (timed) text = timed[1];
  text = text.replace(/\s+/g, '');

  let match = FULL_DATE.exec(text);
  if (match) return build(Number(match[1]), Number(match[3]), Number(match[4]), 'day', opts);
  match = YEAR_MONTH.exec(text);
  if (match) return build(Number(match[1]), Number(match[2]), 1, 'month', opts);
  match = CHINESE.exec(text);
  if (match) {
    const [, year, month, day] = match;
    if (day) return build(Number(year), Number(month), Number(day), 'day', opts);
    if (month) return build(Number(year), Number(month), 1, 'month', opts);
    return build(Number(year), 1, 1, 'year', opts);
  }
  if (/^\d{4}$/.test(text)) return build(Number(text), 1, 1, 'year', opts);
  if (/^\d{8}$/.test(text) || /^\d{6}$/.test(text)) return fromDigits(text, opts);
  // A five-digit number is a serial that lost its date format on the way (a General cell, a CSV).
  if (/^\d{5}$/.test(text)) return excelSerialToDate(Number(text), opts);
  if (DAY_FIRST.test(text)) return fail('format', '日期请按“年-月-日”的顺序填写（如 1995-03-12）');
  if (SHORT_YEAR.test(text)) return twoDigitYear();
  return fail('format', `无法识别的日期，${FORMAT_HINT}`);
}

/**
 * Reads a date as cadres write it in spreadsheets. A Date (an xlsx date cell) is read by its UTC parts,
 * the way ExcelJS encodes the cell's wall-clock date. Partial dates keep their precision and are anchored
 * on the first day: '1995.03' → 1995-03-01 with precision 'month'.
 */
export function parseLooseDate(input: string | number | Date, opts: LooseDateOptions = {}): LooseDateResult {
  if (input instanceof Date) return fromUtcDate(input, opts);
  if (typeof input === 'number') return fromNumber(input, opts);
  return fromString(input, opts);
}
