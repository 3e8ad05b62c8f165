import { formatYmd, isLeapYear, todayInChina } from './date';

export const TARGET_AGE_MIN = 16;
export const TARGET_AGE_MAX = 35;
export const GUARDIAN_CONSENT_AGE = 14;

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: string): [number, number, number] {
  const match = YMD.exec(date);
  if (!match) throw new RangeError(`Expected a YYYY-MM-DD date, got "${date}"`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/**
 * Full years (周岁) between two 'YYYY-MM-DD' dates: the count goes up on the birthday itself; someone born
 * on 29 February gains a year on 1 March in common years. Negative when the birth date is later.
 */
export function ageOn(birthDate: string, onDate: string): number {
  const [by, bm, bd] = parts(birthDate);
  const [y, m, d] = parts(onDate);
  const beforeBirthday = m < bm || (m === bm && d < bd);
  return y - by - (beforeBirthday ? 1 : 0);
}

/** The date someone turns `years` old; a 29 February birthday falls on 1 March in common years. */
function anniversary(birthDate: string, years: number): string {
  const [by, bm, bd] = parts(birthDate);
  const year = by + years;
  if (bm === 2 && bd === 29 && !isLeapYear(year)) return formatYmd(year, 3, 1);
  return formatYmd(year, bm, bd);
}

export type AgeCheck = {
  age: number;
  warnings: string[];
  /** Under 14: PIPL Art. 31 requires a parent's or guardian's consent to process the child's data. */
  needsGuardianConsent: boolean;
};

/** Warnings for a person's age against the 16–35 target range, and the guardian-consent flag under 14. */
export function ageWarnings(birthDate: string, today: string = todayInChina()): AgeCheck {
  const age = ageOn(birthDate, today);
  if (age < 0) return { age, warnings: ['出生日期晚于今天'], needsGuardianConsent: false };
  const warnings: string[] = [];
  if (age < TARGET_AGE_MIN || age > TARGET_AGE_MAX) {
    warnings.push(`年龄 ${age} 岁，不在 ${TARGET_AGE_MIN}–${TARGET_AGE_MAX} 岁的工作对象范围内`);
  }
  // In Chinese law an age in 周岁 is reached the day after the birthday (民法典第二百零一条; the Supreme
  // People's Court reads 周岁 the same way), so on the 14th birthday itself consent is still needed.
  const needsGuardianConsent = today <= anniversary(birthDate, GUARDIAN_CONSENT_AGE);
  if (needsGuardianConsent) warnings.push('未满 14 周岁，须取得监护人同意（个人信息保护法第三十一条）');
  return { age, warnings, needsGuardianConsent };
}
