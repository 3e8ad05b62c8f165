import { ageOn } from './age';
import { calendarDateError, formatYmd, parseLooseDate, todayInChina } from './date';
import { normalizeText } from './text';

export type Gender = 'male' | 'female';
/** 居民身份证, 港澳台居民居住证 (810000/820000/830000), 外国人永久居留身份证 (2023 edition, leading 9). */
export type IdDocument = 'resident' | 'residencePermit' | 'foreignPermanentResident';
export type IdErrorCode =
  'empty' | 'excelNumeric' | 'format' | 'length' | 'region' | 'birthDate' | 'checksum';

export type ParsedIdNumber = {
  ok: true;
  /** 18 characters, check digit X in upper case. */
  value: string;
  birthDate: string;
  gender: Gender;
  /** Six-digit address code, for the caller to look up; old codes stay valid for life, so unknown ones pass. */
  regionCode: string;
  document: IdDocument;
  /** Three-digit nationality code of a foreign permanent resident's number. */
  nationalityCode?: string;
  warnings: string[];
};
export type IdNumberResult = ParsedIdNumber | { ok: false; code: IdErrorCode; error: string };

export type ParseIdNumberOptions = {
  /** The spreadsheet cell held a number rather than text. */
  fromNumericCell?: boolean;
  /** 'YYYY-MM-DD' to check the birth date against; default today in Beijing. */
  today?: string;
};

/** Province-level address codes (GB/T 2260), plus 83 which only 台湾居民居住证 use. */
export const PROVINCE_CODES: Readonly<Record<string, string>> = {
  '11': '北京市',
  '12': '天津市',
  '13': '河北省',
  '14': '山西省',
  '15': '内蒙古自治区',
  '21': '辽宁省',
  '22': '吉林省',
  '23': '黑龙江省',
  '31': '上海市',
  '32': '江苏省',
  '33': '浙江省',
  '34': '安徽省',
  '35': '福建省',
  '36': '江西省',
  '37': '山东省',
  '41': '河南省',
  '42': '湖北省',
  '43': '湖南省',
  '44': '广东省',
  '45': '广西壮族自治区',
  '46': '海南省',
  '50': '重庆市',
  '51': '四川省',
  '52': '贵州省',
  '53': '云南省',
  '54': '西藏自治区',
  '61': '陕西省',
  '62': '甘肃省',
  '63': '青海省',
  '64': '宁夏回族自治区',
  '65': '新疆维吾尔自治区',
  '71': '台湾省',
  '81': '香港特别行政区',
  '82': '澳门特别行政区',
  '83': '台湾地区（台湾居民居住证）',
};

const RESIDENCE_PERMIT_NOTES: Record<string, string> = {
  '81': '港澳台居民居住证号码（香港居民）',
  '82': '港澳台居民居住证号码（澳门居民）',
  '83': '港澳台居民居住证号码（台湾居民）',
};

export const EXCEL_NUMERIC_ID_ERROR =
  '身份证号被 Excel 当作数字保存，后几位已丢失，请将该列设为文本格式后重新填写';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** The ISO 7064 MOD 11-2 check character for the first 17 digits of an ID number. */
export function idCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('Expected 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

function fail(code: IdErrorCode, error: string): IdNumberResult {
  return { ok: false, code, error };
}

const SCIENTIFIC = /^\d+(?:\.\d+)?E\+?\d+$/i;
const SEPARATORS = /[\s\-‐‑‒–—―−]/g;

function compactForm(text: string): string {
  return text.replace(/^'/, '').replace(SEPARATORS, '').replace(/×/g, 'X').toUpperCase();
}

function checkBirthDate(value: string, today: string): string | IdNumberResult {
  const [y, m, d] = [value.slice(6, 10), value.slice(10, 12), value.slice(12, 14)].map(Number);
  if (calendarDateError(y, m, d)) {
    return fail('birthDate', '身份证号中的出生日期（第 7–14 位）不存在，请核对');
  }
  const birthDate = formatYmd(y, m, d);
  if (birthDate > today) return fail('birthDate', '身份证号中的出生日期晚于今天，请核对');
  if (ageOn(birthDate, today) > 120) return fail('birthDate', '身份证号中的出生日期距今超过 120 年，请核对');
  return birthDate;
}

/**
 * Validates a 公民身份号码 (GB 11643-1999) as typed or pasted: full-width digits, spaces, dashes and a
 * lower-case x are accepted; a 15-digit first-generation number is upgraded to 18 digits. Messages never
 * repeat the number, so they are safe to log and to show in import reports.
 */
export function parseIdNumber(raw: string | number, opts: ParseIdNumberOptions = {}): IdNumberResult {
  const fromNumericCell = opts.fromNumericCell || typeof raw === 'number';
  const text = normalizeText(String(raw));
  if (!text || text === "'") return fail('empty', '身份证号为空');
  if (SCIENTIFIC.test(text)) return fail('excelNumeric', EXCEL_NUMERIC_ID_ERROR);
  const compact = compactForm(text);
  if (!/^\d+X?$/.test(compact)) return fail('format', '身份证号只能由数字组成，最后一位可以是 X');
  // Excel keeps 15 significant digits, so any longer number in a numeric cell has lost its tail.
  if (fromNumericCell && compact.length > 15) return fail('excelNumeric', EXCEL_NUMERIC_ID_ERROR);

  const warnings: string[] = [];
  let value: string;
  if (compact.length === 15 && !compact.endsWith('X')) {
    // First-generation numbers were issued to people born in the 1900s and carry no check digit.
    const first17 = `${compact.slice(0, 6)}19${compact.slice(6)}`;
    value = first17 + idCheckDigit(first17);
    warnings.push('15 位旧号码已升级为 18 位');
  } else if (compact.length === 18) {
    value = compact;
  } else {
    return fail('length', `身份证号应为 18 位，现为 ${compact.length} 位`);
  }

  const checksumOk = compact.length === 15 || idCheckDigit(value.slice(0, 17)) === value[17];
  // Typed as text the tell-tale is the same: three zeros where Excel rounded the digits away.
  if (!checksumOk && value.endsWith('000')) return fail('excelNumeric', EXCEL_NUMERIC_ID_ERROR);

  const foreign = compact.length === 18 && value.startsWith('9');
  const province = foreign ? value.slice(1, 3) : value.slice(0, 2);
  if (foreign && (!PROVINCE_CODES[province] || Number(province) > 65)) {
    return fail('region', '外国人永久居留身份证号第 2–3 位不是有效的省级行政区划代码');
  }
  if (!PROVINCE_CODES[province]) {
    return fail('region', `身份证号前两位（${province}）不是有效的省级行政区划代码`);
  }
  const birthDate = checkBirthDate(value, opts.today ?? todayInChina());
  if (typeof birthDate !== 'string') return birthDate;
  if (!checksumOk) return fail('checksum', '身份证号校验位（最后一位）不正确，请核对是否有数字填错');

  let document: IdDocument = 'resident';
  if (foreign) {
    document = 'foreignPermanentResident';
    warnings.push('外国人永久居留身份证号码');
  } else if (RESIDENCE_PERMIT_NOTES[province]) {
    document = 'residencePermit';
    warnings.push(RESIDENCE_PERMIT_NOTES[province]);
  }
  return {
    ok: true,
    value,
    birthDate,
    gender: Number(value[16]) % 2 === 1 ? 'male' : 'female',
    regionCode: foreign ? `${province}0000` : value.slice(0, 6),
    document,
    ...(foreign ? { nationalityCode: value.slice(3, 6) } : {}),
    warnings,
  };
}

const GENDER_WORDS: Record<string, Gender> = {
  男: 'male',
  男性: 'male',
  male: 'male',
  m: 'male',
  '1': 'male',
  女: 'female',
  女性: 'female',
  female: 'female',
  f: 'female',
  '2': 'female',
};

/** 男/女 as cadres write it (also male/female, M/F and the GB/T 2261.1 codes 1/2); undefined otherwise. */
export function parseGender(value: string): Gender | undefined {
  return GENDER_WORDS[normalizeText(value).toLowerCase()];
}

/**
 * Warnings where the entered birth date or gender disagree with those the ID number encodes. A partial
 * birth date ('1995.03') is compared at its own precision; values that cannot be read are left to their
 * own field's validation.
 */
export function compareWithId(
  parsed: Pick<ParsedIdNumber, 'birthDate' | 'gender'>,
  entered: { birthDate?: string | number | Date; gender?: string },
): string[] {
  const warnings: string[] = [];
  if (entered.birthDate !== undefined && entered.birthDate !== '') {
    const date = parseLooseDate(entered.birthDate);
    if (date.ok) {
      const length = { day: 10, month: 7, year: 4 }[date.precision];
      if (date.value.slice(0, length) !== parsed.birthDate.slice(0, length)) {
        warnings.push('出生日期与身份证号不一致');
      }
    }
  }
  const gender = entered.gender === undefined ? undefined : parseGender(entered.gender);
  if (gender && gender !== parsed.gender) warnings.push('性别与身份证号不一致');
  return warnings;
}
