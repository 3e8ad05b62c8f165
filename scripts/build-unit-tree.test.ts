import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

type Row = [
  code: string,
  name: string,
  level: string,
  parentCode: string | null,
  keyContact: 0 | 1,
  orgName?: string,
];

const data = JSON.parse(
  fs.readFileSync(path.join(import.meta.dirname, '../server/platform/units/units-data.json'), 'utf8'),
) as { source: string; sourceDate: string; units: Row[] };
const rows = data.units;
const byCode = new Map(rows.map((r) => [r[0], r]));
const ofLevel = (level: string) => rows.filter((r) => r[2] === level);

/** The attachment of seed 000, as printed (short names), province by province. */
const ATTACHMENT: Record<string, string[]> = {
  北京: ['北京'],
  天津: ['天津'],
  河北: ['承德', '唐山', '廊坊', '邯郸'],
  山西: ['长治', '晋城'],
  内蒙古: ['呼和浩特', '包头', '乌海'],
  辽宁: ['沈阳', '大连', '盘锦'],
  吉林: ['长春', '吉林', '通化'],
  黑龙江: ['哈尔滨'],
  上海: ['上海'],
  江苏: ['苏州', '常州', '泰州'],
  浙江: ['杭州', '金华', '宁波', '湖州'],
  安徽: ['合肥', '芜湖', '马鞍山'],
  福建: ['福州', '厦门', '泉州'],
  江西: ['南昌', '景德镇'],
  山东: ['青岛', '烟台', '滨州'],
  河南: ['郑州', '洛阳', '许昌'],
  湖北: ['武汉', '十堰'],
  湖南: ['长沙', '株洲', '益阳'],
  广东: ['广州', '深圳'],
  广西: ['南宁', '桂林'],
  海南: ['海口'],
  重庆: ['重庆'],
  四川: ['成都', '绵阳', '乐山'],
  贵州: ['贵阳', '遵义'],
  云南: ['昆明', '红河哈尼族彝族自治州', '丽江'],
  西藏: ['拉萨', '林芝', '昌都'],
  陕西: ['西安'],
  甘肃: ['张掖', '临夏回族自治州'],
  青海: ['西宁', '果洛藏族自治州'],
  宁夏: ['银川'],
  新疆: ['乌鲁木齐', '克拉玛依'],
  兵团: ['第十三师'],
};

/** The province-level unit a unit belongs to (itself for a province). */
function provinceOf(row: Row): Row {
  let r = row;
  while (r[2] !== 'province') r = byCode.get(r[3]!)!;
  return r;
}

describe('units-data.json', () => {
  it('names its source and date', () => {
    expect(data.source).toContain('GB/T 2260');
    expect(data.sourceDate).toBe('2021-01-04');
  });

  it('has one root, 32 province-level units and the expected counts per level', () => {
    const counts = Object.fromEntries(
      ['central', 'province', 'city', 'county'].map((l) => [l, ofLevel(l).length]),
    );
    console.log('单位数量', counts, '合计', rows.length);
    expect(counts).toEqual({ central: 1, province: 32, city: 347, county: 2846 });
    expect(ofLevel('province').map((r) => r[1])).toContain('新疆生产建设兵团');
    expect(rows.map((r) => r[1])).not.toContain('台湾省');
    expect(rows.map((r) => r[1])).not.toContain('香港特别行政区');
    expect(rows.map((r) => r[1])).not.toContain('市辖区');
    expect(rows.filter((r) => r[1].includes('直辖县级'))).toEqual([]);
  });

  it('has no duplicate codes and every parent exists one level up', () => {
    expect(byCode.size).toBe(rows.length);
    const parentLevels: Record<string, string[]> = {
      province: ['central'],
      city: ['province'],
      county: ['city', 'province'],
    };
    for (const r of rows) {
      if (r[2] === 'central') {
        expect(r[3]).toBeNull();
        continue;
      }
      const parent = byCode.get(r[3]!);
      expect(parent, r.join()).toBeDefined();
      expect(parentLevels[r[2]]).toContain(parent![2]);
    }
  });

  it('hangs districts of municipalities and 省直辖县级 units on the province', () => {
    expect(byCode.get('110101')?.slice(0, 4)).toEqual(['110101', '东城区', 'county', '110000']);
    expect(byCode.get('500229')?.[3]).toBe('500000');
    expect(byCode.get('429004')?.slice(1, 4)).toEqual(['仙桃市', 'county', '420000']);
    expect(byCode.get('659001')?.slice(1, 4)).toEqual(['石河子市', 'county', '650000']);
    expect(byCode.get('661300')).toEqual([
      '661300',
      '第十三师',
      'city',
      '660000',
      1,
      '共青团新疆生产建设兵团第十三师委员会',
    ]);
  });

  it('marks exactly the 71 key contact cities of the attachment', () => {
    const marked = rows.filter((r) => r[4] === 1);
    expect(marked).toHaveLength(71);
    const expected = Object.entries(ATTACHMENT)
      .flatMap(([province, cities]) => cities.map((c) => `${province}/${c}`))
      .sort();
    const actual = marked
      .map((r) => {
        const province = provinceOf(r)[1]
          .replace(/(省|市|自治区|壮族自治区|回族自治区|维吾尔自治区)$/, '')
          .replace('新疆生产建设兵团', '兵团');
        return `${province}/${r[1].replace(/市$/, '')}`;
      })
      .sort();
    expect(actual).toEqual(expected);
    expect(byCode.get('220200')?.[4]).toBe(1);
    expect(byCode.get('220000')?.[4]).toBe(0);
    for (const code of ['110000', '120000', '310000', '500000']) expect(byCode.get(code)?.[4]).toBe(1);
  });
});
