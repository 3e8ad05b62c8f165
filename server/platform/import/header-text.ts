import type { ColumnDef } from './types';

// How a header cell's text is compared with a column dictionary: the notes people add to headers
// ('身 份 证 号（必填）', '*姓名', '出生日期(格式:1990-01-01)', '手机/联系电话') must not hide the column.

const INVISIBLE = /[\s\u200b-\u200d\u2060\ufeff\u00ad]+/g;
const MARKERS = /^[*※★☆▲△]+|[*※★☆▲△]+$/g;
const NOTE = /[([【〔]?(?:必填项?|选填项?|可选|非必填|可不填|必须填写|必需|必须|需填写)[)\]】〕]?$/;
const BRACKETED = /[([【〔<《][^)\]】〕>》]*[)\]】〕>》]/g;
const ALTERNATIVES = /[/／、|]|或/;
const HAN_SPACE = /(?<=\p{Script=Han})\s+(?=\p{Script=Han})/gu;

/** Full-width forms folded (NFKC), every kind of space and line break removed, Latin lowercased, notes dropped. */
export function normalizeHeader(text: string): string {
  let s = text.normalize('NFKC').replace(INVISIBLE, '').toLowerCase();
  for (let previous = ''; previous !== s;) {
    previous = s;
    s = s
      .replace(MARKERS, '')
      .replace(/[:;,.]+$/, '')
      .replace(NOTE, '');
  }
  return s;
}

/** The header as the cadre wrote it, fit for messages: spaces and line breaks tidied, notes dropped. */
export function displayHeader(text: string): string {
  let s = text
    .replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  s = s.replace(HAN_SPACE, '');
  for (let previous = ''; previous !== s;) {
    previous = s;
    s = s
      .replace(/^[*＊※★☆▲△]+|[*＊※★☆▲△]+$/g, '')
      .replace(/[:：]+$/, '')
      .replace(/[(（[【〔]?(?:必填项?|选填项?|可选|非必填|可不填|必须填写|必需|必须|需填写)[)）\]】〕]?$/, '')
      .trim();
  }
  return s;
}

export const SERIAL_COLUMN = Symbol('serial');
const SERIAL_HEADERS = ['序号', '序', '顺序号', '序列号', 'no', 'no.', '#', 'nº'];

/** Header text → column key, for one column dictionary. */
export class HeaderDictionary<K extends string> {
  private readonly exact = new Map<string, K>();
  private readonly loose = new Map<string, K>();

  constructor(readonly columns: ColumnDef<K>[]) {
    for (const column of columns) {
      for (const text of [column.label, ...column.synonyms]) {
        const key = normalizeHeader(text);
        const other = this.exact.get(key);
        if (other !== undefined && other !== column.key) {
          throw new Error(`Header "${text}" is given for both ${other} and ${column.key}`);
        }
        this.exact.set(key, column.key);
        const stripped = key.replace(BRACKETED, '');
        if (stripped && !this.loose.has(stripped)) this.loose.set(stripped, column.key);
      }
    }
  }

  /** The column a header text names, SERIAL_COLUMN for 序号, or undefined. */
  match(text: string): K | typeof SERIAL_COLUMN | undefined {
    const key = normalizeHeader(text);
    if (!key) return undefined;
    const found = this.exact.get(key) ?? this.loose.get(key.replace(BRACKETED, ''));
    if (found !== undefined) return found;
    if (SERIAL_HEADERS.includes(key)) return SERIAL_COLUMN;
    // '手机/联系电话', '身份证号或护照号': every part that names a column must name the same one.
    const parts = key.replace(BRACKETED, '').split(ALTERNATIVES).filter(Boolean);
    if (parts.length < 2) return undefined;
    const keys = new Set(
      parts.map((p) => this.exact.get(p) ?? this.loose.get(p)).filter((k) => k !== undefined),
    );
    return keys.size === 1 ? [...keys][0] : undefined;
  }
}
