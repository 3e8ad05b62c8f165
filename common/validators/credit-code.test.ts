import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, orgCodeCheckChar, parseCreditCode } from './credit-code';

const SET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** GB 11714: weights 3 7 9 10 5 8 4 2, C = 11 − Σ mod 11 (10 → X, 11 → 0); letters count A = 10 … Z = 35. */
function orgCheck(body: string): string {
  const w = [3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce(
    (acc, ch, i) => acc + (/\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55) * w[i],
    0,
  );
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** GB 32100: weights 3^i mod 31, C = 31 − Σ mod 31 (31 → 0), written in the 31-character set. */
function creditCheck(first17: string): string {
  const sum = [...first17].reduce((acc, ch, i) => acc + SET.indexOf(ch) * (3 ** i % 31), 0);
  return SET[(31 - (sum % 31)) % 31];
}

/** A code in the real format: department, category, region, an 组织机构代码 body, both check characters. */
function make(prefix: string, orgBody: string): string {
  const first17 = prefix + orgBody + orgCheck(orgBody);
  return first17 + creditCheck(first17);
}

const SOCIAL_GROUP = make('51360102', 'MJ123456'); // 民政, 社会团体, 南昌市东湖区
const COMPANY = make('91110108', 'MA01B2C3'); // 市场监管, 企业, 北京市海淀区
const CENTRAL = make('53100000', '50002167'); // 民政, 民办非企业单位, central registration

describe('check characters', () => {
  it('match the standard worked examples and an independent computation', () => {
    // The example printed in GB 32100-2015 appendix and widely reproduced.
    expect(orgCodeCheckChar('M000100Y')).toBe('4');
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    expect(orgCodeCheckChar('MJ123456')).toBe(orgCheck('MJ123456'));
    expect(creditCodeCheckChar(SOCIAL_GROUP.slice(0, 17))).toBe(SOCIAL_GROUP[17]);
  });
});

describe('parseCreditCode', () => {
  it('accepts valid codes of several kinds', () => {
    for (const code of ['91350100M000100Y43', SOCIAL_GROUP, COMPANY, CENTRAL]) {
      const r = parseCreditCode(code);
      expect(r, code).toMatchObject({ ok: true, value: code });
    }
    expect(parseCreditCode(SOCIAL_GROUP)).toMatchObject({
      department: '民政',
      region: '360102',
      orgCode: SOCIAL_GROUP.slice(8, 17),
    });
  });

  it('normalises full-width characters, lower case, spaces and dashes', () => {
    const fullWidth = SOCIAL_GROUP.replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    expect(parseCreditCode(fullWidth)).toMatchObject({ ok: true, value: SOCIAL_GROUP });
    expect(parseCreditCode(COMPANY.toLowerCase())).toMatchObject({ ok: true, value: COMPANY });
    const spaced = `${SOCIAL_GROUP.slice(0, 8)} ${SOCIAL_GROUP.slice(8, 17)}-${SOCIAL_GROUP.slice(17)}`;
    expect(parseCreditCode(` ${spaced}\u3000`)).toMatchObject({ ok: true, value: SOCIAL_GROUP });
  });

  const failures: [string, string, string][] = [
    ['empty', '  ', '为空'],
    ['length', SOCIAL_GROUP.slice(0, 17), '应为 18 位，现为 17 位'],
    ['charset', SOCIAL_GROUP.slice(0, 10) + 'O' + SOCIAL_GROUP.slice(11), '不含 I、O、Z、S、V'],
    ['charset', SOCIAL_GROUP.slice(0, 17) + '*', '只能由数字和大写字母组成'],
    ['department', 'B' + SOCIAL_GROUP.slice(1), '第 1 位'],
    ['category', '5A' + SOCIAL_GROUP.slice(2), '第 2 位'],
    ['region', '5199' + SOCIAL_GROUP.slice(4), '第 3–8 位'],
    ['region', '51AB' + SOCIAL_GROUP.slice(4), '第 3–8 位'],
    [
      'orgCode',
      SOCIAL_GROUP.slice(0, 16) + (SOCIAL_GROUP[16] === '1' ? '2' : '1') + SOCIAL_GROUP[17],
      '第 9–17 位',
    ],
    ['checksum', SOCIAL_GROUP.slice(0, 17) + (SOCIAL_GROUP[17] === '1' ? '2' : '1'), '第 18 位'],
  ];
  it.each(failures)('refuses %s with a Chinese message that does not echo the code', (code, raw, message) => {
    const r = parseCreditCode(raw);
    expect(r).toMatchObject({ ok: false, code });
    if (r.ok) return;
    expect(r.error).toContain(message);
    expect(r.error).toMatch(/统一社会信用代码/);
    const compact = raw.trim();
    if (compact) expect(r.error).not.toContain(compact.slice(0, 8));
  });

  it('refuses a wrong check character even when the organisation code is right', () => {
    const wrong = COMPANY.slice(0, 17) + SET[(SET.indexOf(COMPANY[17]) + 1) % 31];
    expect(parseCreditCode(wrong)).toMatchObject({ ok: false, code: 'checksum' });
  });
});
