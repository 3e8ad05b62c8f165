import { ageOn, GUARDIAN_CONSENT_AGE, TARGET_AGE_MAX, TARGET_AGE_MIN } from '../../../common/validators/age';
import { calendarDateError, todayInChina } from '../../../common/validators/date';
import { parseIdNumber } from '../../../common/validators/id-number';
import { parsePhone } from '../../../common/validators/phone';

/** The sign-up form as typed: strings for inputs, so nothing is lost while someone is still typing. */
export type SignupValues = {
  name: string;
  gender: '' | 'male' | 'female';
  birthDate: string;
  idNumber: string;
  phone: string;
  /** Chosen 省 / 市 / 县 ids; the deepest one chosen is the place. */
  place: string[];
  categoryId: string;
  field: string;
  platformOrg: string;
  worksLinks: { title: string; url: string }[];
  needs: number[];
  needsText: string;
  dream: string;
  guardianName: string;
  guardianRelation: string;
  guardianConsent: boolean;
  consent: boolean;
  /** The honeypot: people never see it. */
  website: string;
};

export const MAX_WORKS_LINKS = 10;

export const emptySignup = (): SignupValues => ({
  name: '',
  gender: '',
  birthDate: '',
  idNumber: '',
  phone: '',
  place: [],
  categoryId: '',
  field: '',
  platformOrg: '',
  worksLinks: [],
  needs: [],
  needsText: '',
  dream: '',
  guardianName: '',
  guardianRelation: '',
  guardianConsent: false,
  consent: false,
  website: '',
});

export type AgeBand = 'adult' | 'minor' | 'child';
export type AgeInfo = { age: number; band: AgeBand; from: 'idNumber' | 'birthDate' };

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

function birthDateError(value: string, today: string): string | undefined {
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
export function ageInfo(
  v: Pick<SignupValues, 'birthDate' | 'idNumber'>,
  today = todayInChina(),
): AgeInfo | null {
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

const HTTP_URL = /^https?:\/\/[^\s/$.?#][^\s]*$/i;

/** What the page checks before sending; the server checks all of it again. */
export function validateSignup(v: SignupValues, today = todayInChina()): FieldErrors {
  const e: FieldErrors = {};
  if (!v.name.trim()) e.name = '请填写姓名';
  if (!v.phone.trim()) e.phone = '请填写手机号';
  else if (!parsePhone(v.phone).ok) e.phone = '手机号格式不对，请填写 11 位手机号';
  const id = v.idNumber.trim() ? parseIdNumber(v.idNumber, { today }) : null;
  if (id && !id.ok) e.idNumber = id.error;
  if (v.birthDate) {
    const error = birthDateError(v.birthDate, today);
    if (error) e.birthDate = error;
    else if (id?.ok && id.birthDate !== v.birthDate) e.birthDate = '出生日期与身份证号中的不一致，请核对';
  }
  if (!v.birthDate && !id) e.birthDate = '请填写出生日期或身份证号（填一项即可）';
  v.worksLinks.forEach((link, i) => {
    if (!link.url.trim() && !link.title.trim()) return;
    if (!HTTP_URL.test(link.url.trim()))
      e[`worksLinks.${i}.url`] = '请填写以 http:// 或 https:// 开头的完整链接';
  });
  const age = ageInfo(v, today);
  if (age && age.age > TARGET_AGE_MAX && !e[age.from]) {
    e[age.from] = `线上招募面向 ${TARGET_AGE_MAX} 周岁及以下的青年，按所填信息您已 ${age.age} 岁`;
  }
  if (age?.band === 'child') {
    if (!v.guardianName.trim()) e.guardianName = '不满 14 周岁须填写监护人姓名';
    if (!v.guardianRelation) e.guardianRelation = '请选择监护人与本人的关系';
    if (!v.guardianConsent) e.guardianConsent = '不满 14 周岁须由监护人同意后才能报名';
  }
  if (!v.consent) e.consent = '请阅读并同意个人信息处理规则';
  return e;
}

/** An edit by receipt code: only the fields the person chose, each of them required. */
export function validateChosen(
  v: SignupValues,
  chosen: readonly string[],
  today = todayInChina(),
): FieldErrors {
  const all = validateSignup(v, today);
  const e: FieldErrors = {};
  for (const f of chosen) {
    if (f === 'birthDate' && !v.birthDate) e.birthDate = '请填写出生日期';
    else if (f === 'idNumber' && !v.idNumber.trim()) e.idNumber = '请填写身份证号';
    else if (f === 'placeUnitId' && !v.place.length) e.placeUnitId = '请选择所在地';
    else if (f === 'gender' && !v.gender) e.gender = '请选择性别';
    else if (all[f]) e[f] = all[f];
  }
  return e;
}

const orNull = (s: string) => (s.trim() ? s.trim() : null);
const idOrNull = (s: string | undefined) => (s ? Number(s) : null);

/** The submitted fields in the contract's shape (publicSignupFields). */
export function signupFields(v: SignupValues, today = todayInChina()) {
  const child = ageInfo(v, today)?.band === 'child';
  return {
    name: v.name.trim(),
    gender: v.gender || null,
    birthDate: orNull(v.birthDate),
    idNumber: orNull(v.idNumber),
    phone: v.phone.trim(),
    placeUnitId: idOrNull(v.place.filter(Boolean).at(-1)),
    categoryId: idOrNull(v.categoryId),
    field: orNull(v.field),
    platformOrg: orNull(v.platformOrg),
    worksLinks: v.worksLinks
      .filter((l) => l.url.trim() || l.title.trim())
      .map((l) => ({ title: l.title.trim(), url: l.url.trim() })),
    needs: v.needs,
    needsText: orNull(v.needsText),
    dream: orNull(v.dream),
    ...(child
      ? {
          guardianName: orNull(v.guardianName),
          guardianRelation: orNull(v.guardianRelation),
          guardianConsent: v.guardianConsent,
        }
      : {}),
  };
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
