import type { PlanListItem } from '../../../common/contracts/plans';
import type { Indicator, TaskItem } from '../../../common/contracts/plans-tasks';
import { iso } from '../youth/youth.present';
import { taskLight } from './plan-light';
import type { IndicatorRow } from './plan-task-items.repo';
import type { TaskRow } from './plan-tasks.repo';
import type { PlanRow } from './plans.repo';

export const EMPTY_COUNTS = { tasks: 0, done: 0, overdue: 0, green: 0, yellow: 0, red: 0, grey: 0 };

export function presentPlan(r: PlanRow): PlanListItem {
  return {
    id: r.id,
    unit: { id: r.unitId, name: r.unitName, level: r.unitLevel },
    title: r.title,
    kind: r.kind,
    year: r.year,
    docNumber: r.docNumber,
    issuer: r.issuer,
    startDate: r.startDate,
    endDate: r.endDate,
    source: r.source,
    issuedBy: r.source === 'issued' ? r.issuedBy : null,
    issuedAt: iso(r.issuedAt),
    counts: r.counts ?? EMPTY_COUNTS,
    copies: r.copies,
    version: r.version,
    createdAt: iso(r.createdAt)!,
  };
}

export function lightOf(r: TaskRow, today: string) {
  return taskLight({
    status: r.status,
    progress: r.progress,
    start: r.effectiveStart,
    deadline: r.deadline,
    missedMilestone: r.missed,
    today,
  });
}

export function presentTask(r: TaskRow, today: string): TaskItem {
  const l = lightOf(r, today);
  return {
    id: r.id,
    plan: { id: r.planId, title: r.planTitle, year: r.planYear },
    unit: { id: r.unitId, name: r.unitName, level: r.unitLevel },
    section:
      r.sectionId !== null
        ? { id: r.sectionId, number: r.sectionNumber ?? '', title: r.sectionTitle ?? '' }
        : null,
    number: r.number,
    title: r.title,
    lead: r.leadId !== null ? { id: r.leadId, name: r.leadName ?? '' } : null,
    participants: r.participants,
    collective: r.collective,
    owner: r.owner,
    startDate: r.startDate,
    deadline: r.deadline,
    deadlineText: r.deadlineText,
    status: r.status,
    effectiveStatus: l.effectiveStatus,
    progress: r.progress,
    light: l.light,
    lightReason: l.reason,
    overdue: l.overdue,
    daysLeft: l.daysLeft,
    lastProgressOn: r.lastProgressOn,
    completedOn: r.completedOn,
    version: r.version,
  };
}

/** Whether the actual meets the target under its comparator; null while either is missing. */
export function indicatorMet(i: Pick<IndicatorRow, 'comparator' | 'target' | 'actual'>): boolean | null {
  if (i.target === null || i.actual === null) return null;
  if (i.comparator === '≤') return i.actual <= i.target;
  // ≥ and = (达到…) are both met once the target is reached.
  return i.actual >= i.target;
}

export function presentIndicator(i: IndicatorRow): Indicator {
  return { ...i, met: indicatorMet(i) };
}

/** 1、2 … written as 第1项; a （一） stays as it is. */
export function taskLabel(t: { number: string; title: string }): string {
  const short = t.title.length > 20 ? `${t.title.slice(0, 20)}…` : t.title;
  const number = t.number ? (/^\d+$/.test(t.number) ? `第${t.number}项` : t.number) : '';
  return `${number}「${short}」`;
}
