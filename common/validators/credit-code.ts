import { PROVINCE_CODES } from './id-number';
import { normalizeText } from './text';

/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character set (digits and upper-case
 * letters without I, O, Z, S, V).
 *   1      登记管理部门码
 *   2      机构类别码
 *   3–8    登记管理机关行政区划码 (GB/T 2260; 100000 for central registration)
 *   9–17   主体标识码 = 组织机构代码 (GB 11714), its own check character at position 17
 *   18     check character, weights 3^i mod 31
 */
export type CreditCodeErrorCode =
  'empty' | 'length' | 'charset' | 'department' | 'category' | 'region' | 'orgCode' | 'checksum';
export type CreditCodeResult =
  | { ok: true; value: string; department: string; region: string; orgCode: string }
  | { ok: false; code: CreditCodeErrorCode; error: string };

export const CREDIT_CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/**
 * 登记管理部门码 of GB 32100-2015 table 1 and its later assignments: 机构编制、外交、司法行政、文化、民政、
 * 旅游、宗教、工会、工商（市场监管）、中央军委改革和编制办公室、农业、其他.
 */
export const CREDIT_CODE_DEPARTMENTS: Readonly<Record<string, string>> = {
  '1': '机构编制',
  '2': '外交',
  '3': '司法行政',
  '4': '文化',
  '5': '民政',
  '6': '旅游',
  '7': '宗教',
  '8': '工会',
  '9': '市场监管（工商）',
  A: '中央军委改革和编制办公室',
  N: '农业',
  Y: '其他',
};

/** The GB 32100 check character (position 18) for the first 17 characters. */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError('Expected 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    const v = CREDIT_CODE_CHARS.indexOf(first17[i]);
    if (v < 0) throw new RangeError('Character outside the code set');
    sum += v * WEIGHTS[i];
  }
  return CREDIT_CODE_CHARS[(31 - (sum % 31)) % 31];
}

/** The GB 11714 check character of an 组织机构代码 body (8 digits or letters, A = 10 … Z = 35). */
export function orgCodeCheckChar(body8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(body8)) throw new RangeError('Expected 8 digits or letters');
  let sum = 0;
  for (let i = 0; i < 8; i += 1) sum += parseInt(body8[i], 36) * ORG_WEIGHTS[i];
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

function fail(code: CreditCodeErrorCode, error: string): CreditCodeResult {
  return { ok: false, code, error };
}

/**
 * Validates a 统一社会信用代码 as typed or pasted: full-width characters, lower case, spaces and dashes are
 * accepted. Messages name the position that is wrong and never repeat the code.
 */
export function parseCreditCode(raw: string): CreditCodeResult {
  const value = normalizeText(raw)
    .replace(/[\s\-‐‑‒–—―−]/g, '')
    .toUpperCase();
  if (!value) return fail('empty', '统一社会信用代码为空');
  if (value.length !== 18) return fail('length', `统一社会信用代码应为 18 位，现为 ${value.length} 位`);
  if (![...value].every((ch) => CREDIT_CODE_CHARS.includes(ch))) {
    return fail('charset', '统一社会信用代码只能由数字和大写字母组成，且不含 I、O、Z、S、V');
  }
  if (!CREDIT_CODE_DEPARTMENTS[value[0]]) {
    return fail('department', '统一社会信用代码第 1 位（登记管理部门码）无效，请核对');
  }
  if (!/^[1-9]$/.test(value[1])) {
    return fail('category', '统一社会信用代码第 2 位（机构类别码）应为数字 1–9，请核对');
  }
  const region = value.slice(2, 8);
  if (!/^\d{6}$/.test(region) || !(PROVINCE_CODES[region.slice(0, 2)] || region === '100000')) {
    return fail('region', '统一社会信用代码第 3–8 位（登记管理机关行政区划码）无效，请核对');
  }
  const orgCode = value.slice(8, 17);
  if (!/^[0-9A-Z]{8}[0-9X]$/.test(orgCode) || orgCodeCheckChar(orgCode.slice(0, 8)) !== orgCode[8]) {
    return fail('orgCode', '统一社会信用代码第 9–17 位（组织机构代码）校验不通过，请核对是否有字符填错');
  }
  if (creditCodeCheckChar(value.slice(0, 17)) !== value[17]) {
    return fail('checksum', '统一社会信用代码校验位（第 18 位）不正确，请核对是否有字符填错');
  }
  return { ok: true, value, department: CREDIT_CODE_DEPARTMENTS[value[0]], region, orgCode };
}
