import { describe, expect, it } from 'vitest';
import { REPORT_FIGURES, type ReportFigureKey } from '../../../common/contracts/reports';
import {
  applyFigureEdits,
  chineseNumber,
  daysBetween,
  daysLateOf,
  defaultTitle,
  levelDeadlines,
  periodOf,
  recount,
  submitProblems,
  summarise,
  timelinessOf,
  unknownKeys,
} from './report-rules';

const TODAY = '2026-01-15';

describe('periods and titles', () => {
  it('a quarter runs to its last day (leap years too), otherwise the calendar year', () => {
    expect(periodOf(2026, 1)).toEqual({ start: '2026-01-01', end: '2026-03-31' });
    expect(periodOf(2026, 4)).toEqual({ start: '2026-10-01', end: '2026-12-31' });
    expect(periodOf(2024, 1)).toEqual({ start: '2024-01-01', end: '2024-03-31' });
    expect(periodOf(2026, 2)).toEqual({ start: '2026-04-01', end: '2026-06-30' });
    expect(periodOf(2026, null)).toEqual({ start: '2026-01-01', end: '2026-12-31' });
  });

  it('titles say the period and the form', () => {
    expect(defaultTitle('quarterly', 2026, 4)).toBe('2026年第4季度工作进展');
    expect(defaultTitle('roster', 2026, null)).toBe('2026年度花名册');
    expect(defaultTitle('annual', 2026, null)).toBe('2026年度工作总结');
    expect(defaultTitle('news', 2026, 2)).toBe('2026年第2季度动态信息');
    expect(defaultTitle('case', 2025, null)).toBe('2025年度工作案例');
  });
});

describe('per-level deadlines', () => {
  it('each level takes its own deadline or the common one; levels that do not answer are dropped', () => {
    const r = levelDeadlines(
      ['city', 'county'],
      '2026-01-31',
      { county: '2026-01-20', province: '2026-02-10' },
      TODAY,
    );
    expect(r).toEqual({
      effective: { county: '2026-01-20', city: '2026-01-31' },
      byLevel: { county: '2026-01-20' },
    });
  });

  it('runs county ≤ city ≤ province', () => {
    const ok = levelDeadlines(
      ['province', 'city', 'county'],
      '2026-01-31',
      { county: '2026-01-20', city: '2026-01-25' },
      TODAY,
    );
    expect(ok.error).toBeUndefined();
    const countyLate = levelDeadlines(['city', 'county'], '2026-01-20', { county: '2026-01-21' }, TODAY);
    expect(countyLate.error).toContain('县级截止日期（2026-01-21）不能晚于市级截止日期（2026-01-20）');
    const cityLate = levelDeadlines(['province', 'city'], '2026-01-20', { city: '2026-01-25' }, TODAY);
    expect(cityLate.error).toContain('市级截止日期（2026-01-25）不能晚于省级截止日期（2026-01-20）');
    // Without cities in between, counties are still checked against the provinces.
    const skip = levelDeadlines(['province', 'county'], '2026-01-20', { county: '2026-01-22' }, TODAY);
    expect(skip.error).toContain('不能晚于省级');
    const same = levelDeadlines(['city', 'county'], '2026-01-20', {}, TODAY);
    expect(same.error).toBeUndefined();
  });

  it('refuses a deadline before today', () => {
    expect(levelDeadlines(['city'], '2026-01-14', {}, TODAY).error).toBe(
      '市级截止日期（2026-01-14）不能早于今天（2026-01-15）',
    );
    expect(levelDeadlines(['city'], '2026-01-15', {}, TODAY).error).toBeUndefined();
  });
});

describe('timeliness', () => {
  const due = (firstSubmittedAt: string | null, collectionClosed = false) => ({
    deadline: '2026-01-10',
    firstSubmittedAt,
    collectionClosed,
  });

  it('is judged on the first submission’s Beijing date against the deadline', () => {
    // 2026-01-10 23:30 in Beijing is still the deadline day, though it is 15:30 UTC.
    expect(timelinessOf(due('2026-01-10T15:30:00Z'), TODAY)).toBe('on_time');
    // 2026-01-11 00:30 in Beijing is a day late, though it is still the 10th in UTC.
    expect(timelinessOf(due('2026-01-10T16:30:00Z'), TODAY)).toBe('late');
    expect(daysLateOf(due('2026-01-10T16:30:00Z'), TODAY)).toBe(1);
    expect(daysLateOf(due('2026-01-02T08:00:00Z'), TODAY)).toBe(0);
  });

  it('an unsubmitted report is missing once the deadline passed or the collection closed', () => {
    expect(timelinessOf(due(null), '2026-01-10')).toBe('not_due');
    expect(daysLateOf(due(null), '2026-01-10')).toBeNull();
    expect(timelinessOf(due(null), '2026-01-11')).toBe('missing');
    expect(daysLateOf(due(null), TODAY)).toBe(5);
    expect(timelinessOf(due(null, true), '2026-01-05')).toBe('missing');
    expect(daysLateOf(due(null, true), '2026-01-05')).toBe(0);
  });

  it('counts whole days between dates', () => {
    expect(daysBetween('2026-01-15', '2026-01-10')).toBe(-5);
    expect(daysBetween('2026-02-27', '2026-03-01')).toBe(2);
  });
});

describe('completeness arithmetic', () => {
  it('splits what was expected into on time, late, missing and not due; rates are shares of expected', () => {
    const s = summarise({
      expected: 71,
      submitted: 3,
      onTime: 2,
      overdue: 67,
      awaitingReview: 1,
      returned: 1,
      accepted: 1,
    });
    expect(s).toMatchObject({ late: 1, missing: 67, notDue: 1, completeness: 0.0423, timeliness: 0.0282 });
    expect(s.onTime + s.late + s.missing + s.notDue).toBe(s.expected);
  });

  it('nothing expected is 0, not a division by zero', () => {
    const s = summarise({
      expected: 0,
      submitted: 0,
      onTime: 0,
      overdue: 0,
      awaitingReview: 0,
      returned: 0,
      accepted: 0,
    });
    expect(s).toMatchObject({ completeness: 0, timeliness: 0, notDue: 0 });
  });
});

const counts = (n: number) =>
  Object.fromEntries(REPORT_FIGURES.map((f) => [f.key, n])) as Record<ReportFigureKey, number>;

describe('indicators', () => {
  it('a recount moves untouched values with the count and keeps changed ones with their reason', () => {
    const first = recount([], counts(3));
    expect(first.every((f) => f.auto === 3 && f.value === 3)).toBe(true);
    const edited = applyFigureEdits(first, [{ key: 'contacted', value: 10, explain: '线下座谈未录入' }]);
    const again = recount(edited, counts(4));
    expect(again.find((f) => f.key === 'contacted')).toEqual({
      key: 'contacted',
      auto: 4,
      value: 10,
      explain: '线下座谈未录入',
    });
    expect(again.find((f) => f.key === 'events')).toEqual({
      key: 'events',
      auto: 4,
      value: 4,
      explain: null,
    });
  });

  it('submitting needs the required fields, every value, and a reason for a value that differs', () => {
    const figures = applyFigureEdits(recount([], counts(2)), [{ key: 'events', value: 5 }]);
    const problems = submitProblems('quarterly', { progress: '  ' }, figures);
    expect(problems.map((p) => p.message)).toEqual([
      '请填写「本季度工作进展」',
      '指标「举办活动」填报 5场，与系统统计 2场 不一致，请说明原因',
    ]);
    const blank = applyFigureEdits(recount([], counts(2)), [{ key: 'contacted', value: null }]);
    expect(submitProblems('quarterly', { progress: '有' }, blank)[0].message).toBe('请填写指标「联系青年」');
    expect(submitProblems('news', { title: '标题', body: '正文' }, [])).toEqual([]);
    expect(submitProblems('case', { title: '标题' }, []).map((p) => p.path)).toEqual(['content.practices']);
  });

  it('a save may not carry fields or indicators the form does not have', () => {
    expect(unknownKeys('news', { title: 'x', progress: 'y' }, [])).toEqual([
      { path: 'content.progress', message: '「progress」不是动态信息的栏目' },
    ]);
    expect(unknownKeys('news', {}, [{ key: 'contacted' }])[0].message).toBe('动态信息没有统计指标');
    expect(unknownKeys('annual', {}, [{ key: 'nope' }])[0].message).toBe('没有指标「nope」');
  });
});

describe('公文 numbering', () => {
  it('writes heading numbers in Chinese', () => {
    expect([1, 9, 10, 11, 20, 35, 99].map(chineseNumber)).toEqual([
      '一',
      '九',
      '十',
      '十一',
      '二十',
      '三十五',
      '九十九',
    ]);
    expect(chineseNumber(100)).toBe('100');
  });
});
