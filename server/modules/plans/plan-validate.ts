/**
 * Date checks for plans and tasks: a date must exist on the calendar (6月31日 does not), and the message
 * names the task it belongs to, so a cadre correcting a long plan finds it.
 */
import { calendarDateError, todayInChina } from '../../../common/validators';
import { badRequest } from '../../platform/http/errors';
import { taskLabel } from './plan-present';

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Refuses a date that is malformed or does not exist; `where` names the task or the plan. */
export function checkDate(value: string | null | undefined, label: string, where: string, path: string) {
  if (value === null || value === undefined) return;
  const m = YMD.exec(value);
  const why = m ? calendarDateError(+m[1], +m[2], +m[3]) : '格式应为 YYYY-MM-DD';
  if (why) {
    throw badRequest(`${where}：${label}「${value}」有误（${why}），请更正`, [{ path, message: why }]);
  }
}

export function checkRange(start: string | null | undefined, end: string | null | undefined, where: string) {
  if (start && end && start > end) {
    throw badRequest(`${where}：开始日期 ${start} 晚于截止日期 ${end}，请更正`, [
      { path: 'startDate', message: '晚于截止日期' },
    ]);
  }
}

type TaskDates = {
  number?: string;
  title: string;
  startDate?: string | null;
  deadline?: string | null;
  milestones: { title: string; dueDate: string | null; dueText?: string | null; doneOn?: string | null }[];
};

/** Every date of a task, with the message naming the task (and the milestone). */
export function checkTaskDates(t: TaskDates, path: string, section = '') {
  const where = `${section ? `${section}、` : ''}${taskLabel({ number: t.number ?? '', title: t.title })}`;
  checkDate(t.startDate, '开始日期', where, `${path}.startDate`);
  checkDate(t.deadline, '截止日期', where, `${path}.deadline`);
  checkRange(t.startDate, t.deadline, where);
  t.milestones.forEach((m, i) => {
    const at = `${where}推进节点「${m.title.slice(0, 20)}」`;
    if (!m.dueDate) {
      const written = m.dueText ? `（原文：${m.dueText}）` : '';
      throw badRequest(`${at}缺少日期${written}，请填写`, [
        { path: `${path}.milestones.${i}.dueDate`, message: '请填写日期' },
      ]);
    }
    checkDate(m.dueDate, '日期', at, `${path}.milestones.${i}.dueDate`);
    checkDate(m.doneOn, '完成日期', at, `${path}.milestones.${i}.doneOn`);
  });
}

/** The latest milestone date: a task written only with dated steps is due at its last step. */
export function latestDate(dates: (string | null | undefined)[]): string | null {
  return dates.reduce<string | null>((a, d) => (d && (!a || d > a) ? d : a), null);
}

export function assertNotFuture(date: string, label: string) {
  if (date > todayInChina())
    throw badRequest(`${label}不能晚于今天`, [{ path: 'date', message: '晚于今天' }]);
}
