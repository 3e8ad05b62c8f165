/**
 * Quantitative phrases proposed as indicators: 不少于5000个 (≥ 5000 个), 达到10000人 (= 10000 人), 不少于10场,
 * 至少开展一次 (≥ 1 次), 5000余人 (≥ 5000 人), 100个以上, 不超过3个; the period written in the same sentence
 * (每年, 5年内, 全年…) goes with them.
 *
 * An indicator is a target progress can be counted against: a comparator and a number of things, an amount or a
 * share. So these are not proposed: a number without a comparator (71个重点联系城市 is a fact); a rank (至少下跨
 * 两级, 市县两级: 级 counts levels, not things); anything inside quotation marks (“最多跑一次”, “三下乡”: the
 * name of a campaign or a slogan); and an upper bound of a single occurrence (最多跑一次, 不超过一次: a promise
 * about how a service works, not an amount of work).
 */
import { CN_NUMERAL_CHARS, NUMBER_SOURCE, numberValue } from './plan-numerals';
import type { Comparator, ParsedIndicator } from './plan-types';

const PREFIX: [string, Comparator][] = [
  ['力争达到', '='],
  ['不少于', '≥'],
  ['不低于', '≥'],
  ['不小于', '≥'],
  ['不超过', '≤'],
  ['不高于', '≤'],
  ['不多于', '≤'],
  ['不大于', '≤'],
  ['控制在', '≤'],
  ['至少', '≥'],
  ['超过', '≥'],
  ['多于', '≥'],
  ['高于', '≥'],
  ['突破', '≥'],
  ['达到', '='],
  ['最多', '≤'],
  ['力争', '='],
];
const SUFFIX: Record<string, Comparator> = { 以上: '≥', 以下: '≤', 以内: '≤', 余: '≥', 多: '≥' };

const UNITS = [
  '个百分点',
  '平方米',
  '人次',
  '万元',
  '亿元',
  '小时',
  '课时',
  '学时',
  '社区',
  '岗位',
  '个',
  '人',
  '场',
  '次',
  '名',
  '家',
  '支',
  '所',
  '项',
  '期',
  '批',
  '户',
  '篇',
  '部',
  '件',
  '座',
  '处',
  '条',
  '天',
  '周',
  '月',
  '年',
  '届',
  '门',
  '节',
  '份',
  '本',
  '册',
  '轮',
  '趟',
  '遍',
  '组',
  '队',
  '村',
  '校',
  '元',
  '%',
  '％',
];
const TIME_UNITS = new Set(['年', '月', '天', '周', '小时']);
const OCCURRENCE_UNITS = new Set(['次', '趟', '遍']);
const QUOTES: Record<string, string> = { '“': '”', '「': '」', '『': '』', '《': '》', '"': '"', '‘': '’' };

const PERIOD =
  /每(?:学年|学期|季度|年度|年|季|月|周)|全年|年均|任期内|在校期间|(?:(?:\d+|[一二两三四五六七八九十]+)\s*[至到—-]\s*)?(?:\d+|[一二两三四五六七八九十]+)\s*年(?:以)?内|年内|(?:到|至)\s*\d{4}\s*年(?:底|末)?|\d{4}\s*年(?:底|末)?前/g;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const PREFIX_SOURCE = PREFIX.map(([word]) => word).join('|');
const UNIT_SOURCE = UNITS.map(escape).join('|');
const PERCENT_OF = `百分之[${CN_NUMERAL_CHARS}]+`;
// The comparator, up to 6 characters of words (no punctuation, number or other comparator), the number, then
// 余/多, a unit, 以上/以下/以内.
const WITH_PREFIX = new RegExp(
  `(${PREFIX_SOURCE})((?:(?!${PREFIX_SOURCE})[^\\d${CN_NUMERAL_CHARS}，。；！？、,;:：\\s（）()“”]){0,6}?)` +
    `(${PERCENT_OF}|${NUMBER_SOURCE})(余|多)?(${UNIT_SOURCE})?(以上|以下|以内)?`,
  'g',
);
const WITH_SUFFIX = new RegExp(
  `(?<![\\d.])(\\d+(?:\\.\\d+)?[万千百亿]?|[${CN_NUMERAL_CHARS}]+)(?:(余|多)(${UNIT_SOURCE})?|(${UNIT_SOURCE})?(以上|以下|以内))`,
  'g',
);

type Found = ParsedIndicator & { index: number; end: number };

function value(number: string): { target?: number; unit?: string } {
  if (number.startsWith('百分之')) return { target: numberValue(number.slice(3)), unit: '%' };
  return { target: numberValue(number) };
}

function isPeriodOnly(unit: string | undefined, following: string): boolean {
  return !!unit && TIME_UNITS.has(unit) && /^(?:以)?内/.test(following);
}

/** The spans of the sentence inside quotation marks or title marks, as [start, end) pairs. */
function quotedSpans(sentence: string): [number, number][] {
  const spans: [number, number][] = [];
  for (let i = 0; i < sentence.length; i++) {
    const close = QUOTES[sentence[i]];
    if (!close) continue;
    const end = sentence.indexOf(close, i + 1);
    if (end < 0) break;
    spans.push([i, end + 1]);
    i = end;
  }
  return spans;
}

/** Whether a found phrase is a target at all (see the rules at the top). */
function isTarget(f: Found, quoted: [number, number][]): boolean {
  if (quoted.some(([start, end]) => f.index < end && f.end > start)) return false;
  if (
    f.comparator === '≤' &&
    f.target !== undefined &&
    f.target <= 1 &&
    f.unit &&
    OCCURRENCE_UNITS.has(f.unit)
  )
    return false;
  return true;
}

function inSentence(sentence: string): Found[] {
  const quoted = quotedSpans(sentence);
  return allInSentence(sentence).filter((f) => isTarget(f, quoted));
}

function allInSentence(sentence: string): Found[] {
  const found: Found[] = [];
  for (const m of sentence.matchAll(WITH_PREFIX)) {
    const [whole, word, , number, more, unit, suffix] = m;
    const isArabic = /^\d/.test(number);
    const { target, unit: percent } = value(number);
    if (target === undefined || (!isArabic && !unit && !percent)) continue;
    const end = m.index + whole.length;
    if (isPeriodOnly(unit, sentence.slice(end)) || (suffix === '以内' && unit && TIME_UNITS.has(unit)))
      continue;
    const comparator = suffix ? SUFFIX[suffix] : more ? SUFFIX[more] : PREFIX.find(([w]) => w === word)![1];
    found.push({ phrase: whole, target, unit: percent ?? unit, comparator, index: m.index, end });
  }
  for (const m of sentence.matchAll(WITH_SUFFIX)) {
    const [whole, number, more, moreUnit, unit, suffix] = m;
    const end = m.index + whole.length;
    if (found.some((f) => m.index < f.end && end > f.index)) continue;
    const theUnit = moreUnit ?? unit;
    const isArabic = /^\d/.test(number);
    const target = numberValue(number);
    if (target === undefined || (!isArabic && !theUnit)) continue;
    if (suffix === '以内' && theUnit && TIME_UNITS.has(theUnit)) continue; // 3年以内: a period
    if (more === '多' && !theUnit) continue; // 多 alone is too common a word
    found.push({
      phrase: whole,
      target,
      unit: theUnit,
      comparator: SUFFIX[suffix ?? more],
      index: m.index,
      end,
    });
  }
  if (found.length === 0) return found;
  // The nearest period before the phrase in the sentence, or after it in the same clause.
  const periods = [...sentence.matchAll(PERIOD)].filter((p) => p[0] !== '');
  for (const f of found) {
    let best: { distance: number; text: string } | undefined;
    for (const p of periods) {
      const pEnd = p.index + p[0].length;
      if (p.index < f.end && pEnd > f.index) continue; // inside the phrase itself
      const before = pEnd <= f.index;
      if (!before && /[，,]/.test(sentence.slice(f.end, p.index))) continue;
      const distance = before ? f.index - pEnd : p.index - f.end;
      if (!best || distance < best.distance) best = { distance, text: p[0].replace(/\s+/g, '') };
    }
    if (best) f.period = best.text;
  }
  return found.sort((a, b) => a.index - b.index);
}

/** The quantitative phrases of a text, in order, each with its comparator, target, unit and period. */
export function findIndicators(text: string): ParsedIndicator[] {
  return text
    .split(/[。！？!?；;\n]/)
    .flatMap(inSentence)
    .map(({ phrase, target, unit, comparator, period }) => ({
      phrase,
      ...(target !== undefined ? { target } : {}),
      ...(unit ? { unit } : {}),
      ...(comparator ? { comparator } : {}),
      ...(period ? { period } : {}),
    }));
}
