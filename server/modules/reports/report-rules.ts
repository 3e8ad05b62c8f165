import {
  FORM_FIELDS,
  FORMS_WITH_FIGURES,
  REPORT_FIGURES,
  REPORT_FORMS,
  type Completeness,
  type ReportFigureKey,
  type ReportForm,
  type ReportLevel,
  type Timeliness,
} from '../../../common/contracts/reports';
import type { FigureRow } from '../../../common/contracts/reports-submissions';
import { todayInChina } from '../../../common/validators';

/**
 * The rules of 报送 that need no database: periods, default titles, per-level deadlines, timeliness
 * and the completeness arithmetic, and what a report needs before it may be submitted. The SQL that
 * counts many submissions at once (report-completeness.repo.ts) applies the same definitions.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The quarter when one is named, else the calendar year. */
export function periodOf(year: number, quarter: number | null): { start: string; end: string } {
  if (!quarter) return { start: `${year}-01-01`, end: `${year}-12-31` };
  const first = (quarter - 1) * 3 + 1;
  const last = first + 2;
  return { start: `${year}-${pad(first)}-01`, end: `${year}-${pad(last)}-${pad(lastDay(year, last))}` };
}

const TITLE_SUFFIX: Record<ReportForm, string> = {
  roster: '花名册',
  quarterly: '工作进展',
  news: '动态信息',
  case: '工作案例',
  annual: '工作总结',
};

/** 2026年第4季度工作进展, 2026年度花名册, 2026年度工作总结 … */
export function defaultTitle(form: ReportForm, year: number, quarter: number | null): string {
  return `${quarter ? `${year}年第${quarter}季度` : `${year}年度`}${TITLE_SUFFIX[form]}`;
}

const LEVEL_ORDER: ReportLevel[] = ['county', 'city', 'province'];
const LEVEL_NAMES: Record<ReportLevel, string> = { province: '省级', city: '市级', county: '县级' };

export type LevelDeadlines = {
  /** The deadline of each answering level. */
  effective: Partial<Record<ReportLevel, string>>;
  /** What the collection keeps: only the per-level deadlines given for answering levels. */
  byLevel: Partial<Record<ReportLevel, string>>;
  error?: string;
};

/**
 * Each answering level's deadline: its own when given, else the common one. A level below must not be
 * due after a level above it, since the level above reviews and consolidates what comes up to it.
 * Deadlines given for levels that do not answer are dropped. None may lie before `today`.
 */
export function levelDeadlines(
  levels: readonly ReportLevel[],
  deadline: string,
  given: Partial<Record<ReportLevel, string>>,
  today: string,
): LevelDeadlines {
  const present = LEVEL_ORDER.filter((l) => levels.includes(l));
  const effective: Partial<Record<ReportLevel, string>> = {};
  const byLevel: Partial<Record<ReportLevel, string>> = {};
  for (const level of present) {
    effective[level] = given[level] ?? deadline;
    if (given[level]) byLevel[level] = given[level];
  }
  const result = { effective, byLevel };
  for (const level of present) {
    const d = effective[level]!;
    if (d < today)
      return { ...result, error: `${LEVEL_NAMES[level]}截止日期（${d}）不能早于今天（${today}）` };
  }
  for (let i = 0; i < present.length; i++) {
    for (let j = i + 1; j < present.length; j++) {
      const [lower, upper] = [present[i], present[j]];
      if (effective[lower]! > effective[upper]!) {
        return {
          ...result,
          error: `${LEVEL_NAMES[lower]}截止日期（${effective[lower]}）不能晚于${LEVEL_NAMES[upper]}截止日期（${effective[upper]}）：下级先报送，上级审核汇总后再上报`,
        };
      }
    }
  }
  return result;
}

/** The Beijing calendar date of an instant. */
const beijingDate = (at: Date | string) => todayInChina(at instanceof Date ? at : new Date(at));

/** Whole days from `a` to `b` ('YYYY-MM-DD'), negative when b is earlier. */
export const daysBetween = (a: string, b: string) =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);

export type TimelinessInput = {
  deadline: string;
  firstSubmittedAt: Date | string | null;
  collectionClosed: boolean;
};

/**
 * Judged on the first submission only (decision 0009): a report first submitted on or before its
 * deadline stays on time even if it was returned and resubmitted later. Unsubmitted reports are
 * missing once the deadline has passed or the collection was closed, and not due before.
 */
export function timelinessOf(s: TimelinessInput, today: string): Timeliness {
  if (s.firstSubmittedAt) return beijingDate(s.firstSubmittedAt) <= s.deadline ? 'on_time' : 'late';
  return s.collectionClosed || s.deadline < today ? 'missing' : 'not_due';
}

/** Days past the deadline at the first submission (0 when on time), or until today when missing. */
export function daysLateOf(s: TimelinessInput, today: string): number | null {
  const t = timelinessOf(s, today);
  if (t === 'not_due') return null;
  const until = s.firstSubmittedAt ? beijingDate(s.firstSubmittedAt) : today;
  return Math.max(0, daysBetween(s.deadline, until));
}

/** What SQL counts over a set of submissions (report-completeness.repo.ts, COUNTS). */
export type RawCounts = {
  expected: number;
  /** Ever submitted (first_submitted_at set), whatever happened after. */
  submitted: number;
  /** Of those, first submitted on or before the deadline (Beijing date). */
  onTime: number;
  /** Never submitted, and the deadline passed or the collection was closed. */
  overdue: number;
  awaitingReview: number;
  returned: number;
  accepted: number;
};

const rate = (n: number, of: number) => (of ? Math.round((n / of) * 10000) / 10000 : 0);

/** expected = on time + late + missing + not due; both rates are shares of what was expected. */
export function summarise(c: RawCounts): Completeness {
  return {
    expected: c.expected,
    submitted: c.submitted,
    onTime: c.onTime,
    late: c.submitted - c.onTime,
    missing: c.overdue,
    notDue: c.expected - c.submitted - c.overdue,
    awaitingReview: c.awaitingReview,
    returned: c.returned,
    accepted: c.accepted,
    completeness: rate(c.submitted, c.expected),
    timeliness: rate(c.onTime, c.expected),
  };
}

export const EMPTY_COUNTS: RawCounts = {
  expected: 0,
  submitted: 0,
  onTime: 0,
  overdue: 0,
  awaitingReview: 0,
  returned: 0,
  accepted: 0,
};

export function addCounts(a: RawCounts, b: RawCounts): RawCounts {
  return {
    expected: a.expected + b.expected,
    submitted: a.submitted + b.submitted,
    onTime: a.onTime + b.onTime,
    overdue: a.overdue + b.overdue,
    awaitingReview: a.awaitingReview + b.awaitingReview,
    returned: a.returned + b.returned,
    accepted: a.accepted + b.accepted,
  };
}

/** One indicator as stored in report_submissions.figures. */
export type StoredFigure = {
  key: string;
  auto: number | null;
  value: number | null;
  explain?: string | null;
};

export const hasFigures = (form: ReportForm) => FORMS_WITH_FIGURES.includes(form);

/** The form's indicators in contract order, with what is stored (nothing yet: all null). */
export function figureRows(form: ReportForm, stored: StoredFigure[]): FigureRow[] {
  if (!hasFigures(form)) return [];
  const byKey = new Map(stored.map((f) => [f.key, f]));
  return REPORT_FIGURES.map((d) => {
    const f = byKey.get(d.key);
    return {
      key: d.key,
      label: d.label,
      unit: d.unit,
      note: d.note,
      auto: f?.auto ?? null,
      value: f?.value ?? null,
      explain: f?.explain ?? null,
    };
  });
}

/**
 * A fresh count merged into what is stored: a reported value that still equals the old count (or was
 * never given) follows the new count; one the unit changed stays, with its explanation.
 */
export function recount(stored: StoredFigure[], counts: Record<ReportFigureKey, number>): StoredFigure[] {
  const byKey = new Map(stored.map((f) => [f.key, f]));
  return REPORT_FIGURES.map(({ key }) => {
    const old = byKey.get(key);
    const auto = counts[key];
    const untouched = !old || old.value === null || old.value === old.auto;
    return untouched
      ? { key, auto, value: auto, explain: null }
      : { key, auto, value: old.value, explain: old.explain ?? null };
  });
}

/** A save: reported values and explanations over what is stored (the counts stay the system's). */
export function applyFigureEdits(
  stored: StoredFigure[],
  edits: { key: string; value: number | null; explain?: string | null }[],
): StoredFigure[] {
  const byKey = new Map(stored.map((f) => [f.key, { ...f }]));
  for (const e of edits) {
    const f = byKey.get(e.key) ?? { key: e.key, auto: null, value: null };
    f.value = e.value;
    f.explain = e.explain?.trim() || null;
    byKey.set(e.key, f);
  }
  return REPORT_FIGURES.map(({ key }) => byKey.get(key) ?? { key, auto: null, value: null, explain: null });
}

const FIGURE_KEYS = new Set<string>(REPORT_FIGURES.map((f) => f.key));

/** Keys a save may not carry: fields and indicators the form does not have. */
export function unknownKeys(
  form: ReportForm,
  content: Record<string, string>,
  figures: { key: string }[],
): { path: string; message: string }[] {
  const fields = new Set(FORM_FIELDS[form].map((f) => f.key));
  const problems = Object.keys(content)
    .filter((k) => !fields.has(k))
    .map((k) => ({ path: `content.${k}`, message: `「${k}」不是${REPORT_FORMS[form]}的栏目` }));
  for (const f of figures) {
    if (!hasFigures(form)) {
      problems.push({ path: 'figures', message: `${REPORT_FORMS[form]}没有统计指标` });
      break;
    }
    if (!FIGURE_KEYS.has(f.key)) problems.push({ path: `figures.${f.key}`, message: `没有指标「${f.key}」` });
  }
  return problems;
}

/**
 * Why a report cannot be submitted yet, each naming the field: required narrative fields empty,
 * an indicator without a value, a value that differs from the count without an explanation.
 */
export function submitProblems(
  form: ReportForm,
  content: Record<string, string>,
  figures: StoredFigure[],
): { path: string; message: string }[] {
  const problems = FORM_FIELDS[form]
    .filter((f) => f.required && !(content[f.key] ?? '').trim())
    .map((f) => ({ path: `content.${f.key}`, message: `请填写「${f.label}」` }));
  for (const row of figureRows(form, figures)) {
    if (row.value === null) {
      problems.push({ path: `figures.${row.key}`, message: `请填写指标「${row.label}」` });
    } else if (row.auto !== null && row.value !== row.auto && !row.explain) {
      problems.push({
        path: `figures.${row.key}`,
        message: `指标「${row.label}」填报 ${row.value}${row.unit}，与系统统计 ${row.auto}${row.unit} 不一致，请说明原因`,
      });
    }
  }
  return problems;
}

const DIGITS = '零一二三四五六七八九';

/** 1 → 一, 12 → 十二, 35 → 三十五: the numbering of 公文 headings (Arabic from 100 on). */
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n];
  if (n >= 100) return String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones ? DIGITS[ones] : ''}`;
}
