import { normalizeText } from './text';

export type PhoneKind = 'mobile' | 'fixed';
export type PhoneErrorCode = 'empty' | 'multiple' | 'format' | 'foreign' | 'mobile' | 'fixed';
export type ParsedPhone = {
  ok: true;
  /** Mobile: 11 digits. Fixed line: 'area-number[-extension]', or 'number[-extension]' without area code. */
  value: string;
  kind: PhoneKind;
  warnings: string[];
};
export type PhoneResult = ParsedPhone | { ok: false; code: PhoneErrorCode; error: string };

const FIXED_HINT = '固定电话应为“区号-号码”，号码 7–8 位（如 010-85212024）';

function fail(code: PhoneErrorCode, error: string): PhoneResult {
  return { ok: false, code, error };
}

const LIST_SEPARATOR = /[,;、/|]|或/;
const EXTENSION = /(?:转|分机|ext\.?|x|#)\s*(\d{1,6})$/i;
const DASHES = /[‐‑‒–—―−]/g;
const MOBILE = /^1[3-9]\d{9}$/;

/** Area codes have three digits for 010 and 02x, four elsewhere (0791, 0755…). */
function areaLength(digits: string): number {
  return /^0(10|2\d)/.test(digits) ? 3 : 4;
}

function parseMobile(digits: string, extension: string | undefined): PhoneResult {
  if (extension) return fail('mobile', '手机号码不能带分机号');
  if (digits.length !== 11) return fail('mobile', `手机号码应为 11 位数字，现为 ${digits.length} 位`);
  if (!MOBILE.test(digits)) return fail('mobile', '手机号码第二位应为 3–9');
  return { ok: true, value: digits, kind: 'mobile', warnings: [] };
}

/** `grouped` holds digits and '-' only; a dash may separate the area code, digit groups or an extension. */
function parseFixed(grouped: string, explicitExtension: string | undefined): PhoneResult {
  const warnings: string[] = [];
  let area = '';
  let rest = grouped.replace(/^-+/, '');
  if (rest.startsWith('0')) {
    if (rest.startsWith('00')) return fail('fixed', FIXED_HINT);
    const wanted = areaLength(rest.replace(/-/g, ''));
    let i = 0;
    while (area.length < wanted && i < rest.length) {
      if (rest[i] !== '-') area += rest[i];
      i += 1;
    }
    rest = rest.slice(i);
  } else {
    warnings.push('固定电话缺少区号');
  }
  const groups = rest.split('-').filter(Boolean);
  let number = groups.join('');
  let extension = explicitExtension;
  // 010-85212024-123: when the groups together are too long, a short last group is the extension.
  if (!extension && (number.length < 7 || number.length > 8) && groups.length >= 2) {
    const head = groups.slice(0, -1).join('');
    const last = groups[groups.length - 1];
    if (head.length >= 7 && head.length <= 8 && last.length <= 6) {
      number = head;
      extension = last;
    }
  }
  if (number.length < 7 || number.length > 8) return fail('fixed', FIXED_HINT);
  if (!/^[2-9]/.test(number)) return fail('fixed', '固定电话号码（区号之后）不能以 0 或 1 开头');
  const value = [area, number, extension].filter(Boolean).join('-');
  return { ok: true, value, kind: 'fixed', warnings };
}

/**
 * A mainland mobile or fixed-line number as typed: +86/0086 prefixes, spaces, dashes, dots, brackets
 * around the area code, full-width digits and an extension (转123, 分机123, -123) are accepted.
 * A number from a numeric cell (or typed as a number) that lost its leading 0 gets it back, with a warning.
 * Messages never repeat the number.
 */
export function parsePhone(raw: string | number): PhoneResult {
  const fromNumber = typeof raw === 'number';
  let text = normalizeText(String(raw)).replace(/^'/, '');
  if (!text) return fail('empty', '电话号码为空');
  const listed = text.split(LIST_SEPARATOR).filter((part) => part.replace(/\D/g, '').length >= 7);
  if (listed.length > 1) return fail('multiple', '一个单元格只能填写一个电话号码');

  const extensionMatch = EXTENSION.exec(text);
  const extension = extensionMatch?.[1];
  if (extensionMatch) text = text.slice(0, extensionMatch.index);
  text = text
    .replace(DASHES, '-')
    .replace(/\//g, '-')
    .replace(/\(/g, '')
    .replace(/\)/g, '-')
    .replace(/[\s.]/g, '');
  if (!/^\+?[\d-]+$/.test(text)) return fail('format', '电话号码含有无法识别的字符');

  const country = /^(?:\+|00)86-?/.exec(text);
  if (country) {
    text = text.slice(country[0].length);
    const national = text.replace(/-/g, '');
    if (/^1[3-9]/.test(national)) return parseMobile(national, extension);
    // Dialled from abroad, a fixed line drops its trunk 0 (+86 10 8521 2024), sometimes shown as +86 (0)10.
    text = text.replace(/^-+/, '');
    return parseFixed(text.startsWith('0') ? text : `0${text}`, extension);
  }
  if (/^(?:\+|00)/.test(text)) return fail('foreign', '只支持中国大陆的手机号码和固定电话');

  let digits = text.replace(/-/g, '');
  if (/^861[3-9]\d{9}$/.test(digits)) digits = text = digits.slice(2);
  if (fromNumber && digits.length >= 9 && !digits.startsWith('0') && !MOBILE.test(digits)) {
    const restored = parseFixed(`0${text}`, extension);
    if (restored.ok) {
      restored.warnings.push('区号前的 0 已补上（该单元格是数字格式）');
      return restored;
    }
  }
  if (digits.startsWith('1')) return parseMobile(digits, extension);
  return parseFixed(text, extension);
}
