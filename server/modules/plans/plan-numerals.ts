/** Numbers as plans write them: 5000, 1.5万, 一万, 两, 十二, 一百二十, 二〇一七. */

const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const BIG_UNITS: Record<string, number> = { 万: 10_000, 亿: 100_000_000 };

/** Characters of a Chinese numeral, for use inside a regular expression character class. */
export const CN_NUMERAL_CHARS = '零〇一二两三四五六七八九十百千万亿';

/** An Arabic number, optionally with a Chinese multiplier (1.5万), or a Chinese numeral; as a regex source. */
export const NUMBER_SOURCE = `(?:\\d+(?:\\.\\d+)?\\s*[万千百亿]?|[${CN_NUMERAL_CHARS}]+)`;

/** The value of a Chinese numeral (一万 → 10000, 十二 → 12, 二〇一七 → 2017); undefined when it is not one. */
export function chineseNumeralValue(text: string): number | undefined {
  if (!text || ![...text].every((c) => c in DIGITS || c in SMALL_UNITS || c in BIG_UNITS)) return undefined;
  // Digit by digit, as years are written (二〇一七).
  if ([...text].every((c) => c in DIGITS) && text.length > 1) {
    return Number([...text].map((c) => DIGITS[c]).join(''));
  }
  let yi = 0; // the part multiplied by 亿
  let wan = 0; // the part multiplied by 万
  let section = 0;
  let digit: number | undefined;
  for (const c of text) {
    if (c in DIGITS) {
      digit = DIGITS[c];
    } else if (c in SMALL_UNITS) {
      section += (digit ?? 1) * SMALL_UNITS[c];
      digit = undefined;
    } else if (c === '万') {
      wan = section + (digit ?? 0) || 1;
      section = 0;
      digit = undefined;
    } else {
      yi = wan * 10_000 + section + (digit ?? 0) || 1;
      wan = 0;
      section = 0;
      digit = undefined;
    }
  }
  return yi * BIG_UNITS['亿'] + wan * BIG_UNITS['万'] + section + (digit ?? 0);
}

/** The value of a number as written in a plan: 5000, 1.5万, 3千, 一万, 两; undefined when it is not one. */
export function numberValue(text: string): number | undefined {
  const compact = text.replace(/\s+/g, '');
  const arabic = /^(\d+(?:\.\d+)?)([万千百亿]?)$/.exec(compact);
  if (arabic) {
    const multiplier = arabic[2] ? (BIG_UNITS[arabic[2]] ?? SMALL_UNITS[arabic[2]]) : 1;
    return Math.round(Number(arabic[1]) * multiplier * 1000) / 1000;
  }
  return chineseNumeralValue(compact);
}
