/**
 * The plan import's parser: the text of a plan a unit received (pasted, or from .docx via plan-docx.ts) →
 * sections, numbered tasks with title, content, 责任部门 (lead, participants, collective), proposed indicators and
 * dated steps, plus the problems the preview must show for correction. Pure: no database, no I/O.
 */
import { findDates } from './plan-dates';
import { findDepartmentsNote, parseDepartmentsNote } from './plan-departments';
import { findIndicators } from './plan-indicators';
import {
  classifyLine,
  closingStart,
  endsParagraph,
  isBareHeading,
  joinLines,
  normalizePlanLines,
  splitFirstSentence,
  STYLE_RANK,
  type LineKind,
  type NumberStyle,
} from './plan-text';
import type { ParsedPlan, ParsedSection, ParsedTask, ParsePlanOptions, PlanProblem } from './plan-types';

export type * from './plan-types';

const NOTE_ANYWHERE = /(?:责任|负责|牵头|主责|主办|承办)(?:部门|单位|处室|科室|部室)\s*(?:\*\*|__)?\s*[:：]/;
const TITLE_WORD =
  /(?:方案|计划|要点|意见|办法|安排|步骤|规划|细则|通知|决定|纲要|清单|任务|分工|措施)(?:[（(][^（()）]*[）)])?[”"》]?$/;
const DOCUMENT_NUMBER = /〔\d{4}〕|\[\d{4}\]|\d+\s*号$|文件$/;

type Item = Extract<LineKind, { kind: 'item' }>;
type TaskDraft = { item: Item; lines: string[] };
type SectionDraft = { number: string; title: string; year?: number; intro: string[]; tasks: TaskDraft[] };

function yearIn(text: string | undefined): number | undefined {
  const m = text ? /((?:19|20)\d{2})\s*年/.exec(text) : null;
  return m ? Number(m[1]) : undefined;
}

/** The plan's title: the last heading-like line before the body that names a kind of document (…实施方案, …的通知). */
function findTitle(lines: string[]): number {
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i];
    if (line.length < 4 || endsParagraph(line) || DOCUMENT_NUMBER.test(line)) continue;
    if (TITLE_WORD.test(line) && !/[。；;]/.test(line)) return i;
  }
  return -1;
}

/**
 * Which numbering is the task level. Each style's items are scored by the share whose block (down to the next
 * item of the same or a higher rank) carries a 责任部门 note: the best share wins, the finer style on a tie (notes
 * on every 1. under （一） headings), the highest-ranking style used when there are no notes at all.
 */
function chooseTaskStyle(kinds: LineKind[], lines: string[]): { style?: NumberStyle; noted: boolean } {
  const score = new Map<NumberStyle, { items: number; notes: number }>();
  kinds.forEach((kind, i) => {
    if (kind.kind !== 'item') return;
    const rank = STYLE_RANK.indexOf(kind.style);
    let j = i + 1;
    for (; j < kinds.length; j++) {
      const next = kinds[j];
      if (next.kind === 'section' || (next.kind === 'item' && STYLE_RANK.indexOf(next.style) <= rank)) break;
    }
    const entry = score.get(kind.style) ?? { items: 0, notes: 0 };
    entry.items++;
    if (NOTE_ANYWHERE.test(lines.slice(i, j).join('\n'))) entry.notes++;
    score.set(kind.style, entry);
  });
  const share = (style: NumberStyle) => score.get(style)!.notes / score.get(style)!.items;
  let best: NumberStyle | undefined;
  for (const style of STYLE_RANK) {
    if (!score.has(style)) continue;
    if (
      best === undefined ||
      share(style) > share(best) ||
      (share(style) > 0 && share(style) === share(best))
    ) {
      best = style;
    }
  }
  return { style: best, noted: best !== undefined && share(best) > 0 };
}

/**
 * The task numbering of each chapter (一、二、…). Chapters differ: one may group its 1. tasks under （一）
 * sub-headings while the next numbers its tasks （一）（二） with their own content and 责任部门 notes. A chapter
 * whose own notes say which numbering carries them uses that; one without notes follows the whole plan.
 */
function chapterTaskStyles(kinds: LineKind[], lines: string[], from: number, to: number) {
  const whole = chooseTaskStyle(kinds.slice(from, to), lines.slice(from, to)).style;
  const styles: (NumberStyle | undefined)[] = new Array<NumberStyle | undefined>(to).fill(whole);
  let start = from;
  for (let i = from; i <= to; i++) {
    if (i < to && (i === start || kinds[i].kind !== 'section')) continue;
    const own = chooseTaskStyle(kinds.slice(start, i), lines.slice(start, i));
    if (own.noted) styles.fill(own.style, start, i);
    start = i;
  }
  return styles;
}

function where(section: { number: string }, number: string): string {
  const prefix = section.number ? `${section.number}、` : '';
  return number.startsWith('（') ? `${prefix}${number}` : `${prefix}第${number}项`;
}

function buildTask(draft: TaskDraft, year: number | undefined): ParsedTask {
  const first = draft.item.text;
  const firstNote = findDepartmentsNote(first);
  const heading = firstNote && firstNote.end >= first.length ? first.slice(0, firstNote.start).trim() : first;
  const hasMore = draft.lines.slice(1).some((line) => line !== '');
  const bare = isBareHeading(heading) && hasMore;
  const joined = joinLines(draft.lines, bare);

  const note = findDepartmentsNote(joined);
  const text = (note ? joined.slice(0, note.start) + joined.slice(note.end) : joined)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n');
  let title: string;
  let content: string;
  if (bare) {
    title = heading;
    content = text.slice(text.indexOf('\n') + 1);
    if (!text.includes('\n')) content = '';
  } else {
    ({ title, rest: content } = splitFirstSentence(text));
  }
  return {
    number: draft.item.number,
    title,
    content,
    departmentsNote: note?.note ?? '',
    ...(note ? parseDepartmentsNote(note.note) : { participants: [] }),
    indicators: findIndicators(text),
    dates: findDates(text, year),
  };
}

export function parsePlanText(text: string, opts: ParsePlanOptions = {}): ParsedPlan {
  const lines = normalizePlanLines(text);
  const kinds = lines.map(classifyLine);
  const problems: PlanProblem[] = [];
  const bodyStart = kinds.findIndex((k) => k.kind === 'section' || k.kind === 'item');
  const preambleEnd = bodyStart === -1 ? lines.length : bodyStart;
  const titleIndex = findTitle(lines.slice(0, preambleEnd));
  const title = titleIndex >= 0 ? lines[titleIndex] : undefined;
  const preamble = lines
    .slice(0, preambleEnd)
    .filter((line, i) => line !== '' && i !== titleIndex)
    .join('\n');
  if (bodyStart === -1) {
    problems.push({
      where: '全文',
      message: '未找到章节（一、二、…）或编号任务（1. / 1、/ （一）），请检查文本格式',
    });
    return { ...(title ? { title } : {}), preamble, sections: [], closing: '', problems };
  }

  const closeAt = closingStart(lines, bodyStart);
  const closing = lines
    .slice(closeAt)
    .filter((line) => line !== '')
    .join('\n');
  const bodyKinds = kinds.slice(0, closeAt);
  const styles = chapterTaskStyles(bodyKinds, lines, bodyStart, closeAt);
  const documentNumber = /〔((?:19|20)\d{2})〕/.exec(preamble);
  const documentYear = documentNumber ? Number(documentNumber[1]) : (yearIn(title) ?? yearIn(preamble));

  // Walk the body: headings open sections, task-level numbers open tasks, everything else is text of what is open.
  const drafts: SectionDraft[] = [];
  let topSection: SectionDraft | undefined;
  let lastSectionValue = 0;
  const current = (): SectionDraft => {
    if (drafts.length === 0) drafts.push({ number: '', title: '', intro: [], tasks: [] });
    return drafts[drafts.length - 1];
  };
  const addText = (line: string) => {
    const section = current();
    const task = section.tasks.at(-1);
    if (task) task.lines.push(line);
    else section.intro.push(line);
  };
  for (let i = bodyStart; i < closeAt; i++) {
    const kind = bodyKinds[i];
    const taskStyle = styles[i];
    const taskRank = taskStyle ? STYLE_RANK.indexOf(taskStyle) : -1;
    if (kind.kind === 'section' && kind.value > lastSectionValue) {
      if (kind.value !== lastSectionValue + 1) {
        problems.push({
          where: `${kind.number}、`,
          message: `章节编号不连续：上一章是第${lastSectionValue}章`,
        });
      }
      lastSectionValue = kind.value;
      topSection = { number: kind.number, title: kind.text, year: yearIn(kind.text), intro: [], tasks: [] };
      drafts.push(topSection);
    } else if (kind.kind === 'item' && kind.style === taskStyle) {
      current().tasks.push({ item: kind, lines: [kind.text] });
    } else if (kind.kind === 'item' && STYLE_RANK.indexOf(kind.style) < taskRank) {
      drafts.push({
        number: `${topSection?.number ?? ''}${kind.number}`,
        title: kind.text,
        year: yearIn(kind.text) ?? topSection?.year,
        intro: [],
        tasks: [],
      });
    } else {
      addText(kind.kind === 'blank' ? '' : lines[i]);
    }
  }

  const sections: ParsedSection[] = [];
  const anyNote = drafts.some((d) => d.tasks.some((t) => NOTE_ANYWHERE.test(t.lines.join('\n'))));
  let previous: number | undefined;
  for (const draft of drafts) {
    const year = opts.year ?? draft.year ?? documentYear;
    const tasks = draft.tasks.map((t) => buildTask(t, year));
    draft.tasks.forEach((t, i) => {
      const task = tasks[i];
      const at = where(draft, task.number);
      const value = t.item.value;
      if (previous !== undefined && value !== previous + 1 && !(i === 0 && value === 1)) {
        problems.push({ where: at, message: `编号不连续：上一项是 ${previous}，这一项是 ${value}` });
      }
      previous = value;
      if (!task.title) problems.push({ where: at, message: '任务没有标题' });
      if (anyNote && !task.departmentsNote) {
        problems.push({ where: at, message: '未找到责任部门，请指定牵头部门' });
      } else if (task.departmentsNote && !task.lead) {
        const what = task.collective ? `只写了“${task.collective}”` : '没有写部门';
        problems.push({ where: at, message: `责任部门${what}，请指定牵头部门` });
      }
      for (const date of task.dates) {
        if (date.problem) problems.push({ where: at, message: date.problem });
      }
    });
    sections.push({ number: draft.number, title: draft.title, intro: joinLines(draft.intro), tasks });
  }
  if (!sections.some((s) => s.tasks.length)) {
    problems.push({ where: '全文', message: '未找到编号任务（1. / 1、/ （一）），请检查文本格式' });
  }
  return { ...(title ? { title } : {}), preamble, sections, closing, problems };
}
