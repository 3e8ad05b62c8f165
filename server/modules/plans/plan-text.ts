/**
 * Text of a plan as pasted or converted from .docx: normalisation, the kinds of lines (section heading, numbered
 * task, closing matter), and joining paragraphs that page layout broke in the middle of a sentence.
 */
import { stripInvisible, toHalfWidth } from '../../../common/validators/text';
import { findDepartmentsNote, NOTE_LINE } from './plan-departments';

/** Lines of the text: invisible characters removed, full-width digits made ASCII, each line trimmed. */
export function normalizePlanLines(text: string): string[] {
  const unified = text.replace(/\r\n?|[\u2028\u2029\f\v]/g, '\n');
  return stripInvisible(unified)
    .split('\n')
    .map((line) =>
      toHalfWidth(line, false)
        .replace(/[\u00A0\u3000]/g, ' ')
        .replace(/^#{1,6}\s+/, '') // markdown headings
        .replace(/^(\d{1,3})\\([.．])/, '$1$2') // markdown-escaped list numbers (1\.)
        .trim(),
    );
}

export type NumberStyle = 'paren-cn' | 'arabic' | 'paren-arabic';
/** Official documents number 一、 > （一） > 1. > （1）; this is the order below the section heading. */
export const STYLE_RANK: NumberStyle[] = ['paren-cn', 'arabic', 'paren-arabic'];

export type LineKind =
  | { kind: 'blank' }
  | { kind: 'section'; number: string; value: number; text: string }
  | { kind: 'item'; style: NumberStyle; number: string; value: number; text: string }
  | { kind: 'text'; text: string };

const CN_SMALL = '一二三四五六七八九十';
// 一 … 九十九, written properly (八一 in 五四、六一、七一、八一 is not a numeral).
const CN_NUMBER = '(?:[二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九])';
const SECTION = new RegExp(`^(${CN_NUMBER})\\s*[、．.]\\s*(.*)$`);
const PAREN_CN = new RegExp(`^[（(]\\s*(${CN_NUMBER})\\s*[）)]\\s*[、．.]?\\s*(.*)$`);
const ARABIC = /^(\d{1,3})\s*(?:[.．、](?!\d)|[）)](?![）)]))\s*(.*)$/;
const PAREN_ARABIC = /^[（(]\s*(\d{1,3})\s*[）)]\s*(.*)$/;

/** 一 → 1 … 九十九 → 99. */
export function smallChineseValue(text: string): number {
  const d = (c: string) => CN_SMALL.indexOf(c) + 1;
  if (text.length === 1) return d(text);
  if (text[0] === '十') return 10 + (text[1] ? d(text[1]) : 0);
  return d(text[0]) * 10 + (text[2] ? d(text[2]) : 0);
}

export function classifyLine(line: string): LineKind {
  if (line === '') return { kind: 'blank' };
  let m = SECTION.exec(line);
  if (m) return { kind: 'section', number: m[1], value: smallChineseValue(m[1]), text: m[2] };
  m = PAREN_CN.exec(line);
  if (m)
    return {
      kind: 'item',
      style: 'paren-cn',
      number: `（${m[1]}）`,
      value: smallChineseValue(m[1]),
      text: m[2],
    };
  m = PAREN_ARABIC.exec(line);
  if (m)
    return { kind: 'item', style: 'paren-arabic', number: `（${m[1]}）`, value: Number(m[1]), text: m[2] };
  m = ARABIC.exec(line);
  if (m) return { kind: 'item', style: 'arabic', number: m[1], value: Number(m[1]), text: m[2] };
  return { kind: 'text', text: line };
}

const CLOSING =
  /^(?:注\s*[:：]|附件\s*(?:[:：\d]|$)|附\s*[:：]|联系人\s*[:：]|联系电话|电话\s*[:：]|传真\s*[:：]|电子(?:信箱|邮箱)|邮箱\s*[:：]|抄送\s*[:：]|主题词)/;
const DATE_LINE =
  /^(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)\s*(?:印发)?$/;
const NO_PUNCTUATION = /^[^。！？!?；;，,、：:]+$/;

/**
 * Index of the first line of the closing matter (注：…, 附件, 联系人, the issuer above the issue date, 抄送) at or
 * after `from`; lines.length when there is none.
 */
export function closingStart(lines: string[], from: number): number {
  for (let i = from; i < lines.length; i++) {
    if (CLOSING.test(lines[i]) || DATE_LINE.test(lines[i])) {
      // The issuer's name on the line above the date belongs to the closing too.
      let j = i - 1;
      while (j >= from && lines[j] === '') j--;
      if (DATE_LINE.test(lines[i]) && j >= from && lines[j].length <= 25 && NO_PUNCTUATION.test(lines[j]))
        return j;
      return i;
    }
  }
  return lines.length;
}

/** A task line that is only a heading (加强组织领导): short, no punctuation; what follows is a new paragraph. */
export function isBareHeading(text: string): boolean {
  return text.length > 0 && text.length <= 24 && NO_PUNCTUATION.test(text);
}

const PARAGRAPH_END = /[。！？!?；;：:…](?:["”’」』）)\]*_]*)$/;

/** Whether a line ends its paragraph (rather than being cut by the page layout in mid-sentence). */
export function endsParagraph(line: string): boolean {
  if (PARAGRAPH_END.test(line) || NOTE_LINE.test(line)) return true;
  const note = findDepartmentsNote(line);
  return note !== undefined && note.end >= line.length;
}

/**
 * Joins the lines of one block into paragraphs (separated by \n): blank lines are ignored, and a line that does
 * not end its sentence is continued by the next. `breakAfterFirst` keeps a bare heading as its own paragraph.
 */
export function joinLines(lines: string[], breakAfterFirst = false): string {
  const paragraphs: string[] = [];
  let open = false;
  lines.forEach((line, i) => {
    if (line === '') return;
    if (open && paragraphs.length) {
      const last = paragraphs[paragraphs.length - 1];
      const space = /[A-Za-z0-9]$/.test(last) && /^[A-Za-z0-9]/.test(line) ? ' ' : '';
      paragraphs[paragraphs.length - 1] = last + space + line;
    } else {
      paragraphs.push(line);
    }
    open = !endsParagraph(paragraphs[paragraphs.length - 1]) && !(breakAfterFirst && i === 0);
  });
  return paragraphs.join('\n');
}

/**
 * Splits off the first sentence: up to the first 。！？ outside brackets and quotes, or the end of the first
 * paragraph. The title comes without its full stop.
 */
export function splitFirstSentence(text: string): { title: string; rest: string } {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if ('（(“《「『'.includes(c)) depth++;
    else if ('）)”》」』'.includes(c)) depth = Math.max(0, depth - 1);
    else if (c === '\n' || (depth === 0 && '。！？!?'.includes(c))) {
      const title = text.slice(0, i).trim();
      const rest = text.slice(i + 1).trim();
      return { title: c === '\n' || c === '。' ? title : title + c, rest };
    }
  }
  return { title: text.trim(), rest: '' };
}
