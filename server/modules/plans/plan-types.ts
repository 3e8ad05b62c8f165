/** What the plan import's parser proposes; the user corrects it in the preview before anything is saved. */

export type Comparator = '≥' | '=' | '≤';

export type ParsedIndicator = {
  /** The words as written, from the comparator to the unit: 不少于5000个, 达到10000人, 5000余人. */
  phrase: string;
  target?: number;
  unit?: string;
  comparator?: Comparator;
  /** The period written in the same sentence: 每年, 5年内, 全年, 在校期间… */
  period?: string;
};

export type ParsedDate = {
  /** As written: 6 月 31 日前, 2017年5月底, 4—5月. */
  text: string;
  /**
   * The latest day the expression allows (a step's deadline): 5月底 → the 31st, 4月中旬 → the 20th, 3月 → the
   * 31st, 4—5月 → 31 May. Absent when the year is unknown or the date does not exist.
   */
  date?: string;
  /** First day of a range of months (4—5月 → 1 April). */
  from?: string;
  /** Why the date cannot be accepted, e.g. 日期不存在：6月31日（6月只有30天），请更正. */
  problem?: string;
};

export type ParsedDepartments = {
  /** First named department. Absent when the note names only a collective (机关各部门) or nothing. */
  lead?: string;
  /** The other named departments, in the order written. */
  participants: string[];
  /** 机关各部门, 各团县（区）委, 下属各单位… kept as written (several joined with 、). */
  collective?: string;
};

export type ParsedTask = ParsedDepartments & {
  /** 1, 2 … for 1. / 1、 / １． numbering; （一） for parenthesised Chinese numerals. */
  number: string;
  /** The first sentence, without its 。 (or the heading line when the task starts with a bare heading). */
  title: string;
  /** The rest of the task, paragraphs separated by \n, without the 责任部门 note. */
  content: string;
  /** The 责任部门 note as written, brackets and ** included; '' when the task has none. */
  departmentsNote: string;
  indicators: ParsedIndicator[];
  dates: ParsedDate[];
};

export type ParsedSection = {
  /** 一, 二 …; a （一） sub-heading above the task level becomes 二（一）. '' for tasks before any heading. */
  number: string;
  title: string;
  /** Text between the heading and the first task (e.g. a section that is prose only). */
  intro: string;
  tasks: ParsedTask[];
};

export type PlanProblem = { where: string; message: string };

export type ParsedPlan = {
  title?: string;
  /** Everything before the first section or task (headers, document number, notice text), lines as written. */
  preamble: string;
  sections: ParsedSection[];
  /** What follows the last task: 注：…, 附件, 联系人, the issuer and date, 抄送. */
  closing: string;
  problems: PlanProblem[];
};

export type ParsePlanOptions = {
  /** Year for dates written without one (6月31日前); default: the section's, the title's or the document's year. */
  year?: number;
};
