/**
 * The 责任部门 note of a task, in its usual spellings:
 *   （责任部门：宣传部、组织部、学少部）   (责任部门:宣传部,组织部)   （**责任部门：青发部、组织部**）
 *   **责任部门**：志联部   牵头部门：组织部；配合部门：宣传部、学少部   责任单位：… / 负责部门：…
 *   （责任部门：组织部（牵头）、宣传部）
 * The first named is the lead, the rest participate; 机关各部门 and the like are kept as written in `collective`.
 */
import type { ParsedDepartments } from './plan-types';

const ORG = '(?:部门|单位|处室|科室|部室)';
const LEAD_WORDS = '(?:责任|负责|牵头|主责|主办|承办)';
const HELPER_WORDS = '(?:配合|参与|协办|协同|参加)';
const BOLD = '(?:\\*\\*|__)';

/** A label that opens a note: 责任部门：, **责任部门**：, 牵头单位: … */
const NOTE_START = new RegExp(`${LEAD_WORDS}${ORG}\\s*${BOLD}?\\s*[:：]`, 'g');
/** Any label inside a note, capturing its kind. */
const ANY_LABEL = new RegExp(`(${LEAD_WORDS}|${HELPER_WORDS})${ORG}\\s*${BOLD}?\\s*[:：]`, 'g');
/** A line that is (or starts) a department note, for paragraph joining. */
export const NOTE_LINE = new RegExp(`^[（(\\s*_]*${LEAD_WORDS}${ORG}\\s*${BOLD}?\\s*[:：]`);

const OPEN = new Set(['（', '(']);
const CLOSE = new Set(['）', ')']);
const LEAD_MARK = /[（(]\s*(?:牵头|主责|负责)\s*[）)]$/;
const COLLECTIVE = /各|^(?:有关|相关|全体|其他|其它)/;

export type NoteLocation = { note: string; start: number; end: number };

function skipBold(text: string, index: number, direction: 1 | -1): number {
  let i = index;
  for (;;) {
    if (direction === -1) {
      while (i > 0 && /[ \t]/.test(text[i - 1])) i--;
      if (i >= 2 && /^(?:\*\*|__)$/.test(text.slice(i - 2, i))) i -= 2;
      else return i;
    } else {
      while (i < text.length && /[ \t]/.test(text[i])) i++;
      if (/^(?:\*\*|__)$/.test(text.slice(i, i + 2))) i += 2;
      else return i;
    }
  }
}

/** Where the task's department note is (the last one when there are several); undefined when there is none. */
export function findDepartmentsNote(text: string): NoteLocation | undefined {
  const starts = [...text.matchAll(NOTE_START)];
  const last = starts.at(-1);
  if (!last) return undefined;
  let start = skipBold(text, last.index, -1);
  const opened = start > 0 && OPEN.has(text[start - 1]);
  if (opened) start = skipBold(text, start - 1, -1);
  let end: number;
  if (opened) {
    let depth = 1;
    end = last.index + last[0].length;
    while (end < text.length && depth > 0) {
      if (OPEN.has(text[end])) depth++;
      else if (CLOSE.has(text[end])) depth--;
      else if (text[end] === '\n' || text[end] === '。') break; // an unclosed bracket ends with its line
      end++;
    }
  } else {
    const lineEnd = text.indexOf('\n', last.index);
    end = lineEnd === -1 ? text.length : lineEnd;
  }
  end = skipBold(text, end, 1);
  if (text[end] === '。' || text[end] === '.') end++;
  return { note: text.slice(start, end).trim(), start, end };
}

/** Splits 宣传部、组织部，学少部; 志联部 into names, keeping brackets inside a name (各团县（区）委) whole. */
export function splitDepartmentNames(value: string): string[] {
  const names: string[] = [];
  let current = '';
  let depth = 0;
  for (const c of value) {
    if (OPEN.has(c)) depth++;
    if (CLOSE.has(c)) depth = Math.max(0, depth - 1);
    if (depth === 0 && /[、，,；;／/\s]/.test(c)) {
      names.push(current);
      current = '';
    } else current += c;
  }
  names.push(current);
  return names
    .map((name) =>
      name
        .replace(/^[“"‘'「]+|[”"’'」。.：:]+$/g, '')
        .replace(/等$/, '')
        .trim(),
    )
    .filter((name) => name.length > 0);
}

function unwrap(note: string): string {
  let body = note.trim().replace(/[。.]$/, '');
  body = body.replace(/\*\*|__/g, '').trim();
  if (OPEN.has(body[0]) && CLOSE.has(body.at(-1) ?? '')) body = body.slice(1, -1);
  return body.trim();
}

/** Lead, participants and collective from a note (with or without its brackets and bold markers). */
export function parseDepartmentsNote(note: string): ParsedDepartments {
  const body = unwrap(note);
  const labels = [...body.matchAll(ANY_LABEL)];
  const parts: { helper: boolean; value: string }[] = labels.length
    ? labels.map((label, i) => ({
        helper: new RegExp(`^${HELPER_WORDS}`).test(label[1]),
        value: body.slice(label.index + label[0].length, labels[i + 1]?.index ?? body.length),
      }))
    : [{ helper: false, value: body }];

  let lead: string | undefined;
  let leadMarked = false;
  const participants: string[] = [];
  const collective: string[] = [];
  const leadPart = parts.findIndex((part) => !part.helper);
  parts.forEach((part, partIndex) => {
    splitDepartmentNames(part.value).forEach((raw, i) => {
      const marked = LEAD_MARK.test(raw);
      const name = raw.replace(LEAD_MARK, '').trim();
      if (COLLECTIVE.test(name)) {
        collective.push(name);
      } else if (marked && !leadMarked) {
        if (lead) participants.unshift(lead);
        lead = name;
        leadMarked = true;
      } else if (partIndex === leadPart && i === 0 && !lead) {
        lead = name;
      } else {
        participants.push(name);
      }
    });
  });
  return {
    ...(lead ? { lead } : {}),
    participants: participants.filter((name, i) => name !== lead && participants.indexOf(name) === i),
    ...(collective.length ? { collective: collective.join('、') } : {}),
  };
}
