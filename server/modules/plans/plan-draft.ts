/**
 * The parser's result (plan-parser.ts) → the editable draft the preview shows: document number, issuer and
 * dates from the header, department names matched against the unit's departments, each dated step as a
 * milestone titled by the clause around its date, each quantitative phrase as an indicator named from its
 * sentence. Pure: the unit's departments are passed in.
 */
import type { PlanKind } from '../../../common/contracts/plans';
import type { DraftTask, PlanDraft } from '../../../common/contracts/plans-drafts';
import { calendarDateError, formatYmd } from '../../../common/validators';
import { matchDepartment } from './plan-department-match';
import type { ParsedIndicator, ParsedPlan, ParsedTask } from './plan-types';

type Department = { id: number; name: string };

const CLAUSE_END = /[，,；;。！？!?\n：:]/u;
const MAX_TITLE = 100;
const MAX_NAME = 40;
const COMPARATOR_WORDS =
  /^(?:力争达到|不少于|不低于|不小于|不超过|不高于|不多于|不大于|控制在|至少|超过|多于|高于|突破|达到|最多|力争)/;
const NUMBER_ON = /(?:百分之)?[\d０-９〇零一二两三四五六七八九十百千万亿].*$/u;
const FILLER = /^(?:力争|努力|确保|争取|并且|并|在)+/;

function clauseAround(text: string, index: number, length: number): { start: number; end: number } {
  let start = index;
  while (start > 0 && !CLAUSE_END.test(text[start - 1])) start--;
  let end = index + length;
  while (end < text.length && !CLAUSE_END.test(text[end])) end++;
  return { start, end };
}

const tidy = (s: string) => s.replace(/\s+/g, ' ').trim();

/** 6 月 31 日前完成首批…遴选工作 → 完成首批…遴选工作; 4—5月，各地在…的基础上 → 各地在…的基础上. */
export function milestoneTitle(text: string, dateText: string, from = 0): { title: string; next: number } {
  const at = text.indexOf(dateText, from);
  if (at < 0) return { title: '', next: from };
  const { start, end } = clauseAround(text, at, dateText.length);
  let title = tidy(text.slice(start, at) + text.slice(at + dateText.length, end)).replace(
    /^(?:在|于|前)/,
    '',
  );
  if (title.length < 4 && end < text.length) {
    const next = clauseAround(text, end + 1, 0);
    title = tidy(text.slice(end + 1, next.end));
  }
  return { title: title.slice(0, MAX_TITLE), next: at + dateText.length };
}

/** The words of its clause around a quantitative phrase: 力争每年提供不少于5000个适合…岗位信息 → 提供适合…岗位信息. */
export function indicatorName(text: string, ind: ParsedIndicator, from = 0): { name: string; next: number } {
  const at = text.indexOf(ind.phrase, from);
  if (at < 0) return { name: ind.phrase, next: from };
  const { start, end } = clauseAround(text, at, ind.phrase.length);
  const words = ind.phrase.replace(COMPARATOR_WORDS, '').replace(NUMBER_ON, '');
  let before = text.slice(start, at);
  let after = text.slice(at + ind.phrase.length, end).replace(/^的/, '');
  if (ind.period) {
    if (before.includes(ind.period)) before = before.replace(ind.period, '');
    else after = after.replace(ind.period, '');
  }
  const name = tidy(before + words + after).replace(FILLER, '') || ind.phrase;
  return { name: name.length > MAX_NAME ? name.slice(-MAX_NAME) : name, next: at + ind.phrase.length };
}

function departmentsOf(task: ParsedTask, departments: Department[]) {
  const name = (written: string) => matchDepartment(written, departments)?.name ?? written;
  const lead = task.lead ? name(task.lead) : null;
  const participants = [...new Set(task.participants.map(name))].filter((p) => p !== lead);
  return { lead, participants };
}

export function draftTask(task: ParsedTask, departments: Department[]): DraftTask {
  const text = task.content ? `${task.title}。${task.content}` : task.title;
  let from = 0;
  const milestones = task.dates.map((d) => {
    const found = milestoneTitle(text, d.text, from);
    from = found.next;
    return {
      title: found.title || task.title.slice(0, MAX_TITLE),
      dueDate: d.date ?? null,
      dueText: d.text,
      problem: d.problem ?? (d.date ? null : '未能确定日期（缺少年份），请填写'),
    };
  });
  let at = 0;
  const indicators = task.indicators.map((ind) => {
    const found = indicatorName(text, ind, at);
    at = found.next;
    return {
      name: found.name,
      phrase: ind.phrase,
      comparator: ind.comparator ?? '≥',
      target: ind.target ?? null,
      measure: ind.unit ?? null,
      period: ind.period ?? null,
    };
  });
  const latest = milestones
    .filter((m) => m.dueDate)
    .reduce<(typeof milestones)[number] | null>((a, m) => (!a || m.dueDate! > a.dueDate! ? m : a), null);
  return {
    number: task.number,
    title: task.title,
    content: task.content,
    departmentsNote: task.departmentsNote,
    ...departmentsOf(task, departments),
    collective: task.collective ?? null,
    deadline: latest?.dueDate ?? null,
    deadlineText: latest?.dueText ?? null,
    milestones,
    indicators,
  };
}

function kindOf(title: string): PlanKind {
  if (/要点/.test(title)) return 'annual';
  if (/步骤|安排表|进度/.test(title)) return 'steps';
  if (/方案|计划|规划|措施|细则|意见/.test(title)) return 'implementation';
  return 'other';
}

const ISSUER = /(?:委员会|团委|团工委|市委|省委|县委|区委|办公厅|办公室|中央)$/;

/** Document number, issuer, signing date, year and kind from the header and the closing lines. */
export function draftMeta(parsed: ParsedPlan, year?: number) {
  const docNumber = /[\p{Script=Han}]{1,12}〔\d{4}〕\s*\d+\s*号/u.exec(parsed.preamble)?.[0] ?? null;
  const firstLine = parsed.preamble.split('\n')[0]?.trim().replace(/文件$/, '') ?? '';
  const issuer = firstLine.length <= 30 && ISSUER.test(firstLine) ? firstLine : null;
  let signed: string | null = null;
  for (const line of parsed.closing.split('\n')) {
    const m = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/.exec(line.trim());
    if (m && !calendarDateError(+m[1], +m[2], +m[3])) {
      signed = formatYmd(+m[1], +m[2], +m[3]);
      break;
    }
  }
  const title = parsed.title ?? firstLine;
  const documentYear = /〔(\d{4})〕/.exec(docNumber ?? '')?.[1] ?? /(\d{4})\s*年/.exec(title)?.[1];
  const theYear = year ?? (documentYear ? Number(documentYear) : signed ? Number(signed.slice(0, 4)) : null);
  const kind = kindOf(title);
  return {
    title: title || '未命名方案',
    kind,
    year: theYear,
    docNumber,
    issuer,
    startDate: signed && theYear && signed.startsWith(String(theYear)) ? signed : null,
    endDate: kind === 'annual' && theYear ? `${theYear}-12-31` : null,
  };
}

/** The draft's sections and the department names the unit does not have. */
export function draftSections(parsed: ParsedPlan, departments: Department[]) {
  const sections = parsed.sections.map((s) => ({
    number: s.number,
    title: s.title,
    intro: s.intro,
    tasks: s.tasks.map((t) => draftTask(t, departments)),
  }));
  const known = new Set(departments.map((d) => d.name));
  const named = sections.flatMap((s) => s.tasks.flatMap((t) => [t.lead, ...t.participants]));
  const newDepartments = [...new Set(named.filter((n): n is string => !!n && !known.has(n)))];
  return { sections, newDepartments } satisfies Pick<PlanDraft, 'sections' | 'newDepartments'>;
}
