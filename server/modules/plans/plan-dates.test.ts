import { describe, expect, it } from 'vitest';
import { findDates } from './plan-dates';

describe('findDates', () => {
  it.each([
    ['6月30日前', '6月30日前', '2017-06-30'],
    ['2017年5月底', '2017年5月底', '2017-05-31'],
    ['4月中旬', '4月中旬', '2017-04-20'],
    ['4月上旬', '4月上旬', '2017-04-10'],
    ['4月下旬', '4月下旬', '2017-04-30'],
    ['9月初', '9月初', '2017-09-10'],
    ['3月，部署启动', '3月', '2017-03-31'],
    ['12 月，总结', '12 月', '2017-12-31'],
    ['6 月 30 日前完成', '6 月 30 日前', '2017-06-30'],
    ['2月28日', '2月28日', '2017-02-28'],
    ['二〇一七年六月三十日', '二〇一七年六月三十日', '2017-06-30'],
    ['六月底前完成', '六月底', '2017-06-30'],
    ['2017年底前完成', '2017年底前', '2017-12-31'],
    ['10号前报送', undefined, undefined],
  ])('%s', (text, written, date) => {
    const dates = findDates(text, 2017);
    if (written === undefined) expect(dates).toEqual([]);
    else expect(dates).toEqual([{ text: written, date }]);
  });

  it('reads a range of months as its first and last day', () => {
    expect(findDates('4—5月，各地调研', 2017)).toEqual([
      { text: '4—5月', date: '2017-05-31', from: '2017-04-01' },
    ]);
    expect(findDates('6-11月', 2017)).toEqual([{ text: '6-11月', date: '2017-11-30', from: '2017-06-01' }]);
    expect(findDates('11—6月', 2017)[0].problem).toBe('月份范围不对：11—6月，请更正');
  });

  it('flags a date that does not exist instead of moving it', () => {
    expect(findDates('6月31日前完成', 2017)).toEqual([
      { text: '6月31日前', problem: '日期不存在：6月31日（6月只有30天），请更正' },
    ]);
    expect(findDates('2月30日', 2017)).toEqual([
      { text: '2月30日', problem: '日期不存在：2月30日（2017年2月只有28天），请更正' },
    ]);
    expect(findDates('2月29日', 2017)[0].problem).toBe('日期不存在：2月29日（2017年2月只有28天），请更正');
    expect(findDates('2月29日', 2024)).toEqual([{ text: '2月29日', date: '2024-02-29' }]);
    expect(findDates('13月', 2017)[0].problem).toBe('日期不存在：13月（一年只有12个月），请更正');
    expect(findDates('六月三十一日', 2017)[0].problem).toBe('日期不存在：6月31日（6月只有30天），请更正');
  });

  it('flags an impossible day even without a year, and dates nothing when the year is unknown', () => {
    expect(findDates('6月31日前')).toEqual([
      { text: '6月31日前', problem: '日期不存在：6月31日（6月只有30天），请更正' },
    ]);
    expect(findDates('5月底')).toEqual([{ text: '5月底' }]);
  });

  it('passes a written year on to the dates after it', () => {
    expect(findDates('2018年1月启动，3月完成', 2017).map((d) => d.date)).toEqual([
      '2018-01-31',
      '2018-03-31',
    ]);
  });

  it('is not fooled by months of time or words containing 月', () => {
    expect(findDates('用3个月时间，每月报送，统一月度报表，1—3 类人群', 2017)).toEqual([]);
  });
});
