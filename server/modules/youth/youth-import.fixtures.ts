import ExcelJS from 'exceljs';

/**
 * Generated 联系对象 rosters as offices keep them before anyone has an ID number or a phone: names only,
 * names repeated, rare characters in names (outside the BMP too), several worksheets. Every choice is
 * a function of the row number, so two runs write the same file.
 */

/** Spread by code point, so 𠮷 (U+20BB7, two UTF-16 units) stays one character. */
const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗单仇𠮷喆堃邝隗亓禤帅晁',
  '欧阳',
  '司马',
  '上官',
];
const GIVEN = [
  ...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚喆堃𠮷䶮𪚥昇淼犇鑫垚婧玥琤赟珺彧翀旻𬌗曌子梓涵轩浩然欣怡晨宇思雨佳琪',
];
const CATEGORIES = ['网络作家', '网络主播', '自媒体人', '网络视听从业者', '电竞从业者', '动漫游戏从业者'];
const OCCUPATIONS = ['网络文学', '短视频创作', '独立音乐', '插画设计', '直播带货', '游戏解说'];

/**
 * The i-th distinct name: every index below SURNAMES × GIVEN × (GIVEN + 1) gives a different name
 * (the second given character may be absent).
 */
export function rosterName(i: number): string {
  const s = SURNAMES[i % SURNAMES.length];
  const rest = Math.floor(i / SURNAMES.length);
  const g1 = GIVEN[rest % GIVEN.length];
  const k = Math.floor(rest / GIVEN.length) % (GIVEN.length + 1);
  return s + g1 + (k === 0 ? '' : GIVEN[k - 1]);
}

export const MAX_DISTINCT_NAMES = SURNAMES.length * GIVEN.length * (GIVEN.length + 1);

export type RosterRow = {
  name: string;
  gender: '男' | '女';
  /** 所在单位 as written, when the roster has the column. */
  unit: string | null;
  category: string;
  occupation: string;
  remark: string | null;
};

/**
 * `rows` people drawn from `distinct` names: row i bears name i mod distinct, so each name comes back
 * every `distinct` rows. With `units`, the k-th return of a name goes to the k-th unit of the list (the
 * same 张伟 in another county); past the end of the list it comes back to the first unit, where it is the
 * same person twice in the file.
 */
export function rosterRows(rows: number, opts: { distinct: number; units?: string[]; offset?: number }) {
  const out: RosterRow[] = [];
  const offset = opts.offset ?? 0;
  for (let i = 0; i < rows; i += 1) {
    const n = (i % opts.distinct) + offset;
    const round = Math.floor(i / opts.distinct);
    out.push({
      name: rosterName(n),
      gender: n % 2 ? '男' : '女',
      unit: opts.units ? opts.units[round % opts.units.length] : null,
      category: CATEGORIES[n % CATEGORIES.length],
      occupation: OCCUPATIONS[(n * 7) % OCCUPATIONS.length],
      remark: n % 5 === 0 ? `${2021 + (n % 4)}年座谈会联系` : null,
    });
  }
  return out;
}

/**
 * The workbook: a data sheet under a title and a 填报单位 line (序号 first, no ID number or phone
 * column), then a 填写说明 sheet and a hidden 选项 sheet, as a filled-in template comes back.
 */
export async function writeRosterWorkbook(
  people: RosterRow[],
  title = '新兴青年联系对象名册',
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('联系对象');
  const withUnit = people.some((p) => p.unit);
  const header = [
    '序号',
    '姓  名',
    '性别',
    ...(withUnit ? ['所在单位'] : []),
    '群体类别',
    '从业领域',
    '备注',
  ];
  ws.addRow([title]);
  ws.mergeCells(1, 1, 1, header.length);
  ws.addRow(['填报单位：共青团南昌市委员会', null, null, '填报日期：2026年11月1日']);
  ws.addRow(header);
  people.forEach((p, i) =>
    ws.addRow([i + 1, p.name, p.gender, ...(withUnit ? [p.unit] : []), p.category, p.occupation, p.remark]),
  );
  ws.addRow([]);
  ws.addRow(['填表人：李明', null, '审核人：王强']);
  const help = wb.addWorksheet('填写说明');
  help.addRow(['列', '说明']);
  help.addRow(['姓名', '必填，与身份证一致，生僻字请照实填写']);
  help.addRow(['所在单位', '县级团委名称']);
  const options = wb.addWorksheet('选项', { state: 'hidden' });
  CATEGORIES.forEach((c) => options.addRow([c]));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
