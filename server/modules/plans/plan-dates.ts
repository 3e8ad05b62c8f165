/**
 * Dates in a plan's steps: 6月31日前, 2017年5月底, 4月中旬, 4—5月, 12 月, 2017年底前. Each becomes the latest day
 * it allows (the step's deadline); a date that does not exist (6月31日, 2月30日) is flagged for correction and
 * never turned into another day.
 */
import { daysInMonth, formatYmd } from '../../../common/validators/date';
import { numberValue } from './plan-numerals';
import type { ParsedDate } from './plan-types';

const CN_SMALL = '一二三四五六七八九十';
const YEAR = `(\\d{4}|[〇零一二三四五六七八九]{4})\\s*年\\s*`;
const RANGE = '[—–\\-~～－至到]';
const SUFFIX = '(上旬|中旬|下旬|月初|初|底|末|前后|左右|以前|之前|前)?';
// Arabic months: 6月, 6 月 31 日前, 4—5月, 2017年5月底.
const ARABIC = `(?<![\\d.])(?:${YEAR})?(\\d{1,2})(?:\\s*${RANGE}\\s*(\\d{1,2}))?\\s*月(?:\\s*(\\d{1,2})\\s*[日号])?\\s*${SUFFIX}`;
// Chinese months only after a year or with a day or a part of the month, so 统一月度 is not a date: 六月三十一日, 六月底.
const CHINESE =
  `(?:${YEAR}([${CN_SMALL}]{1,2})月(?:([${CN_SMALL}]{1,3})[日号])?${SUFFIX}` +
  `|(?<![\\p{Script=Han}])([${CN_SMALL}]{1,2})月(?:([${CN_SMALL}]{1,3})[日号]${SUFFIX}|(上旬|中旬|下旬|初|底|末)))`;
const YEAR_END = `(\\d{4})\\s*年\\s*(底|末)(前)?`;
const DATE = new RegExp(`${ARABIC}|${CHINESE}|${YEAR_END}`, 'gu');

function partDay(suffix: string | undefined, lastDay: number): number {
  if (suffix === '上旬' || suffix === '初' || suffix === '月初') return 10;
  if (suffix === '中旬') return 20;
  return lastDay;
}

function build(
  text: string,
  year: number | undefined,
  fromMonth: number | undefined,
  month: number,
  day: number | undefined,
  suffix: string | undefined,
): ParsedDate {
  if (month < 1 || month > 12) return { text, problem: `日期不存在：${month}月（一年只有12个月），请更正` };
  if (fromMonth !== undefined && (fromMonth < 1 || fromMonth > 12 || fromMonth > month)) {
    return { text, problem: `月份范围不对：${fromMonth}—${month}月，请更正` };
  }
  const maxDay = year ? daysInMonth(year, month) : month === 2 ? 29 : daysInMonth(2001, month);
  if (day !== undefined && (day < 1 || day > maxDay)) {
    const which = month === 2 && year ? `${year}年2月` : `${month}月`;
    return { text, problem: `日期不存在：${month}月${day}日（${which}只有${maxDay}天），请更正` };
  }
  if (!year) return { text };
  return {
    text,
    date: formatYmd(year, month, day ?? partDay(suffix, maxDay)),
    ...(fromMonth !== undefined ? { from: formatYmd(year, fromMonth, 1) } : {}),
  };
}

/**
 * The dates of a text, in order. `year` is used for dates written without one; a date that names its year
 * passes that year on to the dates after it.
 */
export function findDates(text: string, year?: number): ParsedDate[] {
  const dates: ParsedDate[] = [];
  let currentYear = year;
  for (const m of text.matchAll(DATE)) {
    const written = m[0].trim();
    const g = m.slice(1);
    // Groups: arabic 0 year, 1–2 months, 3 day, 4 suffix · Chinese after a year 5 year, 6 month, 7 day, 8 suffix ·
    // Chinese alone 9 month, 10 day, 11 suffix, 12 part of the month · year end 13 year, 14 底/末, 15 前.
    const yearText = g[0] ?? g[5] ?? g[13];
    if (yearText) currentYear = numberValue(yearText);
    if (g[13]) {
      dates.push(build(written, currentYear, undefined, 12, 31, undefined));
    } else if (g[1]) {
      const from = g[2] ? Number(g[1]) : undefined;
      const month = Number(g[2] ?? g[1]);
      dates.push(build(written, currentYear, from, month, g[3] ? Number(g[3]) : undefined, g[4]));
    } else if (g[6]) {
      const day = g[7] ? numberValue(g[7]) : undefined;
      dates.push(build(written, currentYear, undefined, numberValue(g[6]) ?? 0, day, g[8]));
    } else if (g[9]) {
      const day = g[10] ? numberValue(g[10]) : undefined;
      dates.push(build(written, currentYear, undefined, numberValue(g[9]) ?? 0, day, g[11] ?? g[12]));
    }
  }
  return dates;
}
