export type NormalizeTextOptions = {
  /**
   * Keep full-width punctuation (，。：；！？（）…) as typed. Use it for prose fields such as 梦想 or 备注,
   * where Chinese punctuation is correct; identifiers, numbers and names want the default.
   */
  keepFullWidthPunctuation?: boolean;
  /** Keep line breaks (each line still trimmed and collapsed); blank lines at either end are dropped. */
  multiline?: boolean;
};

// Invisible characters that arrive with copy-paste from web pages, WeChat and Word: zero-width space and
// non-joiner, word joiner, BOM, soft hyphen, Mongolian vowel separator, bidi marks and overrides.
const INVISIBLE = /[\u200B\u200C\u2060\uFEFF\u00AD\u180E\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
// A zero-width joiner is kept only where it glues an emoji sequence together (👩‍💻); elsewhere it is noise.
const STRAY_ZWJ = /\u200D(?!\p{Extended_Pictographic})/gu;
// C0 controls other than tab, line feed and carriage return, and DEL: never meaningful in a cell.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
// Excel writes characters it cannot store in XML as _xHHHH_; a carriage return is the one that survives.
const EXCEL_ESCAPED_CR = /_x000D_/g;

const FULL_WIDTH_ALNUM = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g;
const FULL_WIDTH_ASCII = /[\uFF01-\uFF5E]/g;
const FULL_WIDTH_OFFSET = 0xfee0;

function shiftToHalfWidth(char: string): string {
  return String.fromCharCode(char.charCodeAt(0) - FULL_WIDTH_OFFSET);
}

/** Full-width letters and digits (ＡＢＣ１２３) become ASCII; with `punctuation`, the rest of U+FF01–FF5E too. */
export function toHalfWidth(value: string, punctuation = true): string {
  return value.replace(punctuation ? FULL_WIDTH_ASCII : FULL_WIDTH_ALNUM, shiftToHalfWidth);
}

/** Removes zero-width characters, the BOM, bidi controls and stray control characters. */
export function stripInvisible(value: string): string {
  return value.replace(INVISIBLE, '').replace(STRAY_ZWJ, '').replace(CONTROL, '');
}

function collapseLine(line: string): string {
  return line.replace(/\s+/g, ' ').trim();
}

/**
 * Normalises text read from a spreadsheet cell: invisible characters removed, full-width ASCII
 * (including the ideographic space U+3000) made half-width, whitespace collapsed to single spaces, trimmed.
 */
export function normalizeText(value: string, options: NormalizeTextOptions = {}): string {
  let text = stripInvisible(value.replace(EXCEL_ESCAPED_CR, '\r'));
  text = toHalfWidth(text, !options.keepFullWidthPunctuation);
  if (!options.multiline) return collapseLine(text);
  return text
    .split(/\r\n|\r|\n|\u2028|\u2029/)
    .map(collapseLine)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+|\n+$/g, '');
}

// Chinese forms pad two-character names to line up with three-character ones (张 三, padded with an ideographic space); ethnic-minority
// and foreign names separate their parts with a middle dot typed in many ways (阿依古丽•买买提).
const CJK = '\\p{Script=Han}';
const SPACE_BETWEEN_HAN = new RegExp(`(?<=${CJK})\\s+(?=${CJK})`, 'gu');
const NAME_DOT = new RegExp(`(?<=${CJK})\\s*[·•・･‧∙⋅.。]\\s*(?=${CJK})`, 'gu');

/**
 * A person's name: normalised text, no spaces between Chinese characters, and any dot between two Chinese
 * characters made the middle dot U+00B7 (·). Latin names keep their spaces and full stops (J. Smith).
 */
export function normalizeName(value: string): string {
  const text = normalizeText(value);
  return text.replace(SPACE_BETWEEN_HAN, '').replace(NAME_DOT, '·');
}

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * True when a cell value would start a formula in Excel, WPS or a CSV round-trip: its first character is
 * one of `= + - @`, a tab or a carriage return — checked on the raw value and again on its normalised form,
 * because normalising turns `＝…`, ` =…` or a BOM before `=` into a value that starts with `=`.
 * Such values are stored as text and escaped on export, never evaluated.
 */
export function isFormulaLike(value: string): boolean {
  return FORMULA_START.test(value) || FORMULA_START.test(normalizeText(value));
}
