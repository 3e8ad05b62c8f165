import { describe, expect, it } from 'vitest';
import { personPinyin, placePinyin } from './pinyin';

describe('placePinyin', () => {
  it.each([
    ['南昌市', 'nanchangshi', 'ncs'],
    ['重庆市', 'chongqingshi', 'cqs'],
    ['长沙市', 'changshashi', 'css'],
    ['成都市', 'chengdushi', 'cds'],
    ['郫都区', 'piduqu', 'pdq'],
    ['乐亭县', 'laotingxian', 'ltx'],
    ['歙县', 'shexian', 'sx'],
    ['喀什地区', 'kashidiqu', 'ksdq'],
    ['吕梁市', 'lvliangshi', 'lls'],
    ['红河哈尼族彝族自治州', 'honghehanizuyizuzizhizhou', 'hhhnzyzzzz'],
  ])('%s → %s / %s', (name, full, initials) => {
    expect(placePinyin(name)).toEqual({ full, initials });
  });
});

describe('personPinyin', () => {
  it('reads surnames as surnames and keeps Latin names searchable', () => {
    expect(personPinyin('张三')).toEqual({ full: 'zhangsan', initials: 'zs' });
    expect(personPinyin('单田芳')).toEqual({ full: 'shantianfang', initials: 'stf' });
    expect(personPinyin('曾小贤')).toEqual({ full: 'zengxiaoxian', initials: 'zxx' });
    expect(personPinyin('吕布')).toEqual({ full: 'lvbu', initials: 'lb' });
    expect(personPinyin('Anna Lee')).toEqual({ full: 'annalee', initials: 'al' });
  });
});
