import { describe, expect, it } from 'vitest';
import { daysBetween, taskLight, type LightInput } from './plan-light';

const TODAY = '2026-06-15';
const task = (over: Partial<LightInput>): LightInput => ({
  status: 'in_progress',
  progress: 50,
  start: '2026-01-01',
  deadline: '2026-12-31',
  missedMilestone: false,
  today: TODAY,
  ...over,
});

describe('taskLight', () => {
  it('counts whole days', () => {
    expect(daysBetween('2026-06-15', '2026-06-30')).toBe(15);
    expect(daysBetween('2026-03-01', '2026-02-28')).toBe(-1);
  });

  it('is green when done, whatever the deadline', () => {
    expect(taskLight(task({ status: 'done', deadline: '2026-01-31' }))).toMatchObject({
      light: 'green',
      effectiveStatus: 'done',
      overdue: false,
    });
  });

  it('is red and 滞后 once the deadline has passed without 已完成', () => {
    const r = taskLight(task({ deadline: '2026-06-10', progress: 90 }));
    expect(r).toMatchObject({ light: 'red', effectiveStatus: 'lagging', overdue: true, daysLeft: -5 });
    expect(r.reason).toBe('已超过截止日期 5 天，尚未完成');
  });

  it('is not overdue on the deadline day itself', () => {
    expect(taskLight(task({ deadline: TODAY, progress: 90 })).overdue).toBe(false);
  });

  it('is red when reported 滞后, even without a deadline', () => {
    expect(taskLight(task({ status: 'lagging' }))).toMatchObject({ light: 'red', overdue: false });
    expect(taskLight(task({ status: 'lagging', deadline: null })).light).toBe('red');
  });

  it('is grey without a deadline', () => {
    expect(taskLight(task({ deadline: null }))).toMatchObject({
      light: 'grey',
      daysLeft: null,
      reason: '未设截止日期',
    });
  });

  it('is yellow when progress is well behind the time elapsed', () => {
    // 165 of 364 days elapsed (45%): 20% done is 25 points behind or more, 25% is not.
    expect(taskLight(task({ progress: 20 }))).toMatchObject({ light: 'yellow' });
    expect(taskLight(task({ progress: 20 })).reason).toBe('进度落后于时间（时间已过 45%，完成 20%）');
    expect(taskLight(task({ progress: 21 })).light).toBe('green');
  });

  it('measures elapsed time from the start, not before it', () => {
    expect(taskLight(task({ progress: 0, start: '2026-07-01' })).light).toBe('green');
    expect(taskLight(task({ progress: 0, start: null })).light).toBe('green');
  });

  it('is yellow when the deadline is near and little is done', () => {
    const near = task({ deadline: '2026-06-25', start: '2026-06-01', progress: 40 });
    expect(taskLight(near)).toMatchObject({ light: 'yellow', daysLeft: 10 });
    expect(taskLight(near).reason).toBe('临近截止（剩 10 天），仅完成 40%');
    expect(taskLight({ ...near, progress: 80 }).light).toBe('green');
  });

  it('is yellow when a milestone has passed undone', () => {
    expect(taskLight(task({ missedMilestone: true })).light).toBe('yellow');
  });

  it('is green when on track', () => {
    expect(taskLight(task({ progress: 60 }))).toMatchObject({ light: 'green', reason: '按计划推进' });
    expect(taskLight(task({ status: 'not_started', progress: 0, start: TODAY })).light).toBe('green');
  });
});
