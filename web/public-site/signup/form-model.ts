import { TARGET_AGE_MAX } from '../../../common/validators/age';
import { todayInChina } from '../../../common/validators/date';
import { parsePhone } from '../../../common/validators/phone';
import type { FormFields } from '../ui/ErrorSummary';
import { ageInfo, identityErrors, orNull, PERSON_FIELDS, personBody, type FieldErrors } from '../ui/person';

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

/** The sign-up's fields in form order, and the control each error belongs to. */
export const SIGNUP_FIELDS: FormFields = {
  order: [
    ...PERSON_FIELDS,
    'field',
    'platformOrg',
    'worksLinks',
    'needs',
    'needsText',
    'dream',
    'consent',
    'noticeId',
  ],
  elementId: (key) => {
    const link = /^worksLinks\.(\d+)\.(url|title)$/.exec(key);
    if (link) return `works-${link[1]}-${link[2]}`;
    if (key === 'placeUnitId') return 'place-0';
    if (key === 'gender') return 'gender-male';
    if (key === 'noticeId') return 'consent';
    return key;
  },
};

const HTTP_URL = /^https?:\/\/[^\s/$.?#][^\s]*$/i;

/** What the page checks before sending; the server checks all of it again. */
export function validateSignup(v: SignupValues, today = todayInChina()): FieldErrors {
  const e: FieldErrors = {};
  if (!v.name.trim()) e.name = '请填写姓名';
  if (!v.phone.trim()) e.phone = '请填写手机号';
  else if (!parsePhone(v.phone).ok) e.phone = '手机号格式不对，请填写 11 位手机号';
  Object.assign(e, identityErrors(v, today));
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

/** The submitted fields in the contract's shape (publicSignupFields). */
export function signupFields(v: SignupValues, today = todayInChina()) {
  return {
    ...personBody(v, today),
    phone: v.phone.trim(),
    field: orNull(v.field),
    platformOrg: orNull(v.platformOrg),
    worksLinks: v.worksLinks
      .filter((l) => l.url.trim() || l.title.trim())
      .map((l) => ({ title: l.title.trim(), url: l.url.trim() })),
    needs: v.needs,
    needsText: orNull(v.needsText),
    dream: orNull(v.dream),
  };
}
