import { describe, expect, it } from 'vitest';
import { findIndicators } from './plan-indicators';
import { chineseNumeralValue, numberValue } from './plan-numerals';

describe('findIndicators: each phrase', () => {
  it.each([
    ['提供不少于5000个岗位', { phrase: '不少于5000个', target: 5000, unit: '个', comparator: '≥' }],
    ['培养总规模达到10000人', { phrase: '达到10000人', target: 10000, unit: '人', comparator: '=' }],
    ['开展交友活动不少于10场', { phrase: '不少于10场', target: 10, unit: '场', comparator: '≥' }],
    ['不低于80%', { phrase: '不低于80%', target: 80, unit: '%', comparator: '≥' }],
    ['达到百分之九十', { phrase: '达到百分之九十', target: 90, unit: '%', comparator: '=' }],
    ['至少开展一次培训', { phrase: '至少开展一次', target: 1, unit: '次', comparator: '≥' }],
    ['联系超过300人', { phrase: '超过300人', target: 300, unit: '人', comparator: '≥' }],
    ['服务人数突破1.5万人次', { phrase: '突破1.5万人次', target: 15000, unit: '人次', comparator: '≥' }],
    ['吸引青年达到一万人', { phrase: '达到一万人', target: 10000, unit: '人', comparator: '=' }],
    ['每个县建成3个以上', { phrase: '3个以上', target: 3, unit: '个', comparator: '≥' }],
    ['服务5000余人', { phrase: '5000余人', target: 5000, unit: '人', comparator: '≥' }],
    ['现有会员5000余', { phrase: '5000余', target: 5000, comparator: '≥' }],
    ['建成一百多个站点', { phrase: '一百多个', target: 100, unit: '个', comparator: '≥' }],
    ['班额控制在50人以内', { phrase: '控制在50人以内', target: 50, unit: '人', comparator: '≤' }],
    ['每期不超过3天', { phrase: '不超过3天', target: 3, unit: '天', comparator: '≤' }],
    ['力争建成20个青年之家', { phrase: '力争建成20个', target: 20, unit: '个', comparator: '=' }],
    ['力争达到50家', { phrase: '力争达到50家', target: 50, unit: '家', comparator: '=' }],
  ])('%s', (text, indicator) => {
    expect(findIndicators(text)).toEqual([indicator]);
  });

  it('attaches the period of the sentence: 每年, 5年内, 全年, 在校期间, 每季度', () => {
    const periods = (text: string) => findIndicators(text).map((i) => i.period);
    expect(periods('力争每年提供不少于5000个适合大学生就业的岗位信息')).toEqual(['每年']);
    expect(periods('5年内全市各地区各领域团组织培养总规模达到10000人')).toEqual(['5年内']);
    expect(periods('全年至少开展一次培训宣讲')).toEqual(['全年']);
    expect(periods('每名学生在校期间至少有机会参加一次')).toEqual(['在校期间']);
    expect(periods('每季度走访不少于20家企业')).toEqual(['每季度']);
    expect(periods('三年内建成不少于10个基地')).toEqual(['三年内']);
    expect(periods('到2025年，建成不少于10个基地')).toEqual(['到2025年']);
    // A period after the phrase in another clause does not belong to it.
    expect(periods('建成不少于10个基地，5年内全覆盖')).toEqual([undefined]);
  });

  it('does not propose numbers without a comparator, or periods alone', () => {
    expect(findIndicators('在全国确定了71个重点联系城市，提升12355青少年服务台的能力')).toEqual([]);
    expect(findIndicators('5年内全面完成；3年以内见效')).toEqual([]);
    expect(findIndicators('力争3年内实现全覆盖')).toEqual([]);
    expect(findIndicators('至少要做到心中有数')).toEqual([]);
  });

  it('does not propose a rank, a slogan or a name in quotation marks, or a single occurrence as a cap', () => {
    // Seed 002 task 23: 级 counts levels of the hierarchy, not things done.
    expect(findIndicators('市县联动，至少下跨两级分批对各层级团干部进行轮训')).toEqual([]);
    expect(findIndicators('提升至三级以上')).toEqual([]);
    // A service promise, quoted or not: not an amount of work.
    expect(findIndicators('深化“最多跑一次”改革')).toEqual([]);
    expect(findIndicators('推进最多跑一次改革，办事群众最多跑一次')).toEqual([]);
    expect(findIndicators('每季度调整不超过一次')).toEqual([]);
    // Names of campaigns and documents.
    expect(findIndicators('深化大中专学生暑期“三下乡”社会实践')).toEqual([]);
    expect(findIndicators('印发《关于建成10个以上基地的通知》')).toEqual([]);
    // …while a target beside them, and a single occurrence as a floor, still are.
    expect(findIndicators('开展“百千万”工程，建成不少于100个站点').map((i) => i.phrase)).toEqual([
      '不少于100个',
    ]);
    expect(findIndicators('市县两级专职团干部全年至少开展一次培训宣讲')).toEqual([
      { phrase: '至少开展一次', target: 1, unit: '次', comparator: '≥', period: '全年' },
    ]);
  });

  it('takes a period written as a range of years (seed 003 §一)', () => {
    const text =
      '2至3年内，全国地级市、有条件的县（市、区、旗）要全面依规建设青联并全部达到除共青团外有3个以上会员团体的目标，' +
      '并至少培育吸纳1个覆盖新兴领域青年有代表性的团属青年社团。';
    expect(findIndicators(text).map((i) => [i.target, i.unit, i.comparator, i.period])).toEqual([
      [3, '个', '≥', '2至3年内'],
      [1, '个', '≥', '2至3年内'],
    ]);
  });

  it('finds several in one text, in order', () => {
    expect(
      findIndicators('举办不少于10场活动，覆盖超过1000人。每年开展不少于2次评估。').map((i) => i.phrase),
    ).toEqual(['不少于10场', '超过1000人', '不少于2次']);
  });
});

describe('numbers as plans write them', () => {
  it.each([
    ['一', 1],
    ['两', 2],
    ['十', 10],
    ['十二', 12],
    ['二十', 20],
    ['一百二十', 120],
    ['一千零五', 1005],
    ['一万', 10000],
    ['十万', 100000],
    ['一万五千', 15000],
    ['一亿二千万', 120000000],
    ['二〇一七', 2017],
  ])('%s = %d', (text, value) => {
    expect(chineseNumeralValue(text)).toBe(value);
  });

  it('reads Arabic numbers with a multiplier', () => {
    expect(numberValue('5000')).toBe(5000);
    expect(numberValue('1.5万')).toBe(15000);
    expect(numberValue('3千')).toBe(3000);
    expect(numberValue('五千')).toBe(5000);
    expect(numberValue('不是数')).toBeUndefined();
  });
});
