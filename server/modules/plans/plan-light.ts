/**
 * A task's traffic light (docs/decisions/0008-plan-task-light.md). Pure: the same rule is written once
 * more in SQL (plan-light.repo.ts) for filters and counts, and a test checks that the two agree.
 */
import type { Light, TaskStatus } from '../../../common/contracts/plans';

/** Progress this many points behind the share of time elapsed is "well behind". */
export const BEHIND_POINTS = 25;
/** Within this many days of the deadline… */
export const NEAR_DAYS = 14;
/** …a task less than this share done is at risk. */
export const NEAR_PROGRESS = 50;

export type LightInput = {
  status: TaskStatus;
  /** 0–100, as last reported. */
  progress: number;
  /** Where elapsed time counts from: the task's start, else the plan's, else 1 January of its year. */
  start: string | null;
  /** The task's deadline, else the plan's end date. */
  deadline: string | null;
  /** A milestone whose date has passed is not marked done. */
  missedMilestone: boolean;
  today: string;
};

export type LightResult = {
  light: Light;
  /** 滞后 once the deadline has passed without 已完成; otherwise as reported. */
  effectiveStatus: TaskStatus;
  overdue: boolean;
  daysLeft: number | null;
  reason: string;
};

const DAY_MS = 86_400_000;

/** Whole days from `a` to `b` (both YYYY-MM-DD). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

export function taskLight(i: LightInput): LightResult {
  const daysLeft = i.deadline ? daysBetween(i.today, i.deadline) : null;
  const base = { effectiveStatus: i.status, overdue: false, daysLeft };
  if (i.status === 'done') return { ...base, light: 'green', reason: '已完成' };
  if (i.deadline && daysLeft !== null && daysLeft < 0) {
    return {
      ...base,
      light: 'red',
      effectiveStatus: 'lagging',
      overdue: true,
      reason: `已超过截止日期 ${-daysLeft} 天，尚未完成`,
    };
  }
  if (i.status === 'lagging') return { ...base, light: 'red', reason: '填报为滞后' };
  if (!i.deadline || daysLeft === null) return { ...base, light: 'grey', reason: '未设截止日期' };
  if (i.missedMilestone) return { ...base, light: 'yellow', reason: '有推进节点已过期未完成' };
  if (daysLeft <= NEAR_DAYS && i.progress < NEAR_PROGRESS) {
    return { ...base, light: 'yellow', reason: `临近截止（剩 ${daysLeft} 天），仅完成 ${i.progress}%` };
  }
  if (i.start && i.start < i.today && i.start < i.deadline) {
    // Integer form of progress < elapsed share × 100 − BEHIND_POINTS, so SQL computes exactly the same.
    const span = daysBetween(i.start, i.deadline);
    const elapsed = daysBetween(i.start, i.today);
    if ((i.progress + BEHIND_POINTS) * span < 100 * elapsed) {
      const share = Math.round((100 * elapsed) / span);
      return {
        ...base,
        light: 'yellow',
        reason: `进度落后于时间（时间已过 ${share}%，完成 ${i.progress}%）`,
      };
    }
  }
  return { ...base, light: 'green', reason: '按计划推进' };
}
