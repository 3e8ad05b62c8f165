import ExcelJS from 'exceljs';
import { idCheckDigit } from '../common/validators/id-number';

/** Common surnames and given-name characters; every row's name is a function of its number. */
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡';
const GIVEN =
  '伟芳娜秀敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂英华玉萍红鹏辉建文晨宇浩然欣怡梓涵子轩博思雨佳琪雪婷';
/** 江西 county codes (the import goes to 团江西省委, 360000). */
const REGIONS = ['360102', '360103', '360104', '360111', '360112', '360121', '360123', '360124', '360702'];
/** Real 群体类别 labels (children of 新兴领域青年 in the dictionary): the analyser rejects anything else. */
const CATEGORIES = ['网络作家', '网络主播', '自媒体人', '网络视听从业者', '电竞从业者', '动漫游戏从业者'];
const ETHNICITIES = ['汉族', '汉族', '汉族', '汉族', '汉族', '汉族', '汉', '壮族', '回族', '苗族'];
const PHONE_PREFIXES = ['138', '139', '186', '150', '177'];

/** Born 1993-01-01 … 2005-12-31 (20–33 today): in the target range, old enough to need no guardian consent. */
const FIRST_BIRTH = Date.UTC(1993, 0, 1);
const BIRTH_DAYS = Math.round((Date.UTC(2005, 11, 31) - FIRST_BIRTH) / 86_400_000) + 1;

export type RosterPerson = {
  name: string;
  gender: '男' | '女';
  idNumber: string;
  phone: string;
  birthDate: Date;
  ethnicity: string;
  category: string;
  remark: string;
};

/**
 * The i-th person (0-based), the same in every run. ID numbers are unique up to 1,000 × 4,748 people:
 * the birth date cycles, the three-digit sequence counts the cycles; its parity gives the gender (odd =
 * male, as GB 11643 says), the check digit is computed. Phones are unique up to 100,000,000.
 */
export function rosterPerson(i: number): RosterPerson {
  const birth = new Date(FIRST_BIRTH + (i % BIRTH_DAYS) * 86_400_000);
  const seq = Math.floor(i / BIRTH_DAYS);
  if (seq > 999) throw new RangeError('at most 4.7 million distinct people');
  const ymd = birth.toISOString().slice(0, 10).replace(/-/g, '');
  const first17 = `${REGIONS[i % REGIONS.length]}${ymd}${String(seq).padStart(3, '0')}`;
  const given =
    GIVEN[(i * 7) % GIVEN.length] + (i % 3 === 0 ? '' : GIVEN[Math.floor(i / GIVEN.length) % GIVEN.length]);
  return {
    name: SURNAMES[i % SURNAMES.length] + given,
    gender: seq % 2 === 1 ? '男' : '女',
    idNumber: first17 + idCheckDigit(first17),
    phone: `${PHONE_PREFIXES[i % PHONE_PREFIXES.length]}${String(i).padStart(8, '0')}`,
    birthDate: birth,
    ethnicity: ETHNICITIES[i % ETHNICITIES.length],
    category: CATEGORIES[i % CATEGORIES.length],
    remark: i % 4 === 0 ? `${2020 + (i % 5)} 年联系，第 ${i + 1} 号` : '',
  };
}

export const ROSTER_HEADER = [
  '序号',
  '姓名',
  '性别',
  '身份证号码',
  '手机号码',
  '出生日期',
  '民族',
  '群体类别',
  '备注',
];

/**
 * A roster of `rows` people as offices send it: a title and a 填报单位 line above the header, 序号 first,
 * ID numbers and phones as text, birth dates as dates. Written with ExcelJS's streaming writer with shared
 * strings (as Excel saves), so the reader meets a shared-string table of every distinct text.
 */
export async function writeRoster(path: string, rows: number): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path,
    useSharedStrings: true,
    useStyles: true,
  });
  const ws = wb.addWorksheet('联系对象');
  ws.addRow(['江西省新兴领域青年联系对象名册']).commit();
  ws.addRow(['填报单位：共青团江西省委员会']).commit();
  ws.addRow(ROSTER_HEADER).commit();
  for (let i = 0; i < rows; i += 1) {
    const p = rosterPerson(i);
    const row = ws.addRow([
      i + 1,
      p.name,
      p.gender,
      p.idNumber,
      p.phone,
      p.birthDate,
      p.ethnicity,
      p.category,
      p.remark || null,
    ]);
    row.getCell(6).numFmt = 'yyyy-mm-dd';
    row.commit();
  }
  ws.commit();
  await wb.commit();
}

/** writeRoster as a worker task (platform/worker): its heap goes with the thread, not into the measured process. */
export const writeRosterTask = (input: { path: string; rows: number }) => writeRoster(input.path, input.rows);
