import { ageOn, GUARDIAN_CONSENT_AGE, TARGET_AGE_MIN } from '../../../common/validators/age';
import { calendarDateError, todayInChina } from '../../../common/validators/date';
import { parseIdNumber } from '../../../common/validators/id-number';
import type { GuardianValues } from './GuardianBlock';

/** What every public form asks of a person: gender, and a birth date or ID number giving the age. */

export const GENDERS = [
  { value: 'male', label: '男' },
  { value: 'female', label: '女' },
];

export type AgeBand = 'adult' | 'minor' | 'child';
export type AgeInfo = { age: number; band: AgeBand; from: 'idNumber' | 'birthDate' };

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

export function birthDateError(value: string, today: string): string | undefined {
  const m = YMD.exec(value);
  if (!m) return '请按 年-月-日 填写出生日期';
  if (calendarDateError(Number(m[1]), Number(m[2]), Number(m[3]))) return '出生日期不存在，请核对';
  if (value > today) return '出生日期不能晚于今天';
  if (ageOn(value, today) > 120) return '出生日期距今超过 120 年，请核对';
  return undefined;
}

export function bandOf(age: number): AgeBand {
  if (age < GUARDIAN_CONSENT_AGE) return 'child';
  return age < TARGET_AGE_MIN ? 'minor' : 'adult';
}

/** Age in full years, from a valid ID number first (it is what a cadre will check), else the birth date. */
export function ageInfo(v: { birthDate: string; idNumber: string }, today = todayInChina()): AgeInfo | null {
  if (v.idNumber.trim()) {
    const id = parseIdNumber(v.idNumber, { today });
    if (id.ok) {
      const age = ageOn(id.birthDate, today);
      return { age, band: bandOf(age), from: 'idNumber' };
    }
  }
  if (v.birthDate && !birthDateError(v.birthDate, today)) {
    const age = ageOn(v.birthDate, today);
    return { age, band: bandOf(age), from: 'birthDate' };
  }
  return null;
}

export type FieldErrors = Partial<Record<string, string>>;

/**
 * The birth date and ID number pair, checked together: either is enough, both must agree. Keys are the
 * two names with `prefix` in front (`entrants.1.birthDate`).
 */
export function identityErrors(
  v: { birthDate: string; idNumber: string },
  today = todayInChina(),
  prefix = '',
): FieldErrors {
  const e: FieldErrors = {};
  const id = v.idNumber.trim() ? parseIdNumber(v.idNumber, { today }) : null;
  if (id && !id.ok) e[`${prefix}idNumber`] = id.error;
  if (v.birthDate) {
    const error = birthDateError(v.birthDate, today);
    if (error) e[`${prefix}birthDate`] = error;
    else if (id?.ok && id.birthDate !== v.birthDate)
      e[`${prefix}birthDate`] = '出生日期与身份证号中的不一致，请核对';
  }
  if (!v.birthDate && !id) e[`${prefix}birthDate`] = '请填写出生日期或身份证号（填一项即可）';
  return e;
}

/** Server details name body paths (`worksLinks.0.url`, `fields.name`); the form's keys are the same without the prefix. */
export function serverFieldErrors(details: { path: string; message: string }[]): FieldErrors {
  const e: FieldErrors = {};
  for (const d of details) {
    const key = d.path.replace(/^fields\./, '');
    if (key && !e[key]) e[key] = d.message;
  }
  return e;
}

export const orNull = (s: string) => (s.trim() ? s.trim() : null);
export const idOrNull = (s: string | undefined) => (s ? Number(s) : null);

/** A person's fields in form order (contract names), for error summaries and focus. */
export const PERSON_FIELDS = [
  'name',
  'gender',
  'birthDate',
  'idNumber',
  'guardianName',
  'guardianRelation',
  'guardianConsent',
  'phone',
  'placeUnitId',
  'categoryId',
] as const;

export type PersonValues = GuardianValues & {
  name: string;
  gender: '' | 'male' | 'female';
  birthDate: string;
  idNumber: string;
  /** Chosen 省 / 市 / 县 ids; the deepest one chosen is the place. */
  place: string[];
  categoryId: string;
};

/** The person's fields in the contracts' shape (publicSignupFields, publicEntrant); the guardian only for a child. */
export function personBody(v: PersonValues, today = todayInChina()) {
  const child = ageInfo(v, today)?.band === 'child';
  return {
    name: v.name.trim(),
    gender: v.gender || null,
    birthDate: orNull(v.birthDate),
    idNumber: orNull(v.idNumber),
    placeUnitId: idOrNull(v.place.filter(Boolean).at(-1)),
    categoryId: idOrNull(v.categoryId),
    ...(child
      ? {
          guardianName: orNull(v.guardianName),
          guardianRelation: orNull(v.guardianRelation),
          guardianConsent: v.guardianConsent,
        }
      : {}),
  };
}
