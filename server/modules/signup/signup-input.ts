import type { PublicSignupFields } from '../../../common/contracts/public';
import {
  ageOn,
  ageWarnings,
  normalizeText,
  TARGET_AGE_MAX,
  TARGET_AGE_MIN,
} from '../../../common/validators';
import type { Keys } from '../../platform/crypto/keys';
import { badRequest } from '../../platform/http/errors';
import { normaliseYouth } from '../youth/youth.input';

/**
 * A public sign-up is checked as the registry checks a record (normaliseYouth: names, GB 11643 ID
 * numbers, phones, dates, the same SM4 ciphertext and blind-index kinds), then by the rules of the
 * public form: the age must be known and at most 35, and under 14 a guardian must consent.
 */

export type AgeBand = 'adult' | 'minor' | 'child';

export type NormalisedSignup = {
  values: {
    name: string;
    gender: 'male' | 'female' | null;
    birthDate: string;
    platformOrg: string | null;
    dream: string | null;
    needsText: string | null;
    field: string | null;
    worksLinks: { title: string; url: string }[];
    needs: number[];
    placeUnitId: number | null;
    categoryId: number | null;
    ageBand: AgeBand;
  };
  idNumber: { enc: string; token: string } | null;
  phone: { enc: string; token: string } | null;
  guardian: { name: string; relation: string } | null;
};

const refuse = (path: string, message: string) => badRequest(message, [{ path, message }]);

const clean = (v: string | null | undefined) => {
  const t = v ? normalizeText(v) : '';
  return t === '' ? null : t;
};

export function ageBandOf(birthDate: string, today: string): AgeBand {
  if (ageWarnings(birthDate, today).needsGuardianConsent) return 'child';
  return ageOn(birthDate, today) < TARGET_AGE_MIN ? 'minor' : 'adult';
}

/**
 * The form's upper age bound. It is the rule for a submission (and for a pending sign-up whose birth
 * date or ID number changes), not for the person: someone accepted at 35 may still correct a field at 36.
 */
export function assertWithinAgeCap(birthDate: string, today: string, field: 'birthDate' | 'idNumber') {
  const age = ageOn(birthDate, today);
  if (age > TARGET_AGE_MAX) {
    throw refuse(field, `线上招募面向 ${TARGET_AGE_MAX} 周岁及以下的青年，按所填出生日期您已 ${age} 岁`);
  }
}

/** Which field a refusal about the age names: the birth date when one was typed, else the ID number. */
export const ageField = (input: Pick<PublicSignupFields, 'birthDate'>) =>
  clean(input.birthDate) ? 'birthDate' : 'idNumber';

/**
 * The whole form (on a self-edit: what is stored with the changes applied). `capAge: false` leaves
 * the upper age bound to the caller (assertWithinAgeCap).
 */
export function normaliseSignup(
  keys: Keys,
  input: PublicSignupFields,
  today: string,
  opts: { capAge: boolean } = { capAge: true },
): NormalisedSignup {
  // The registry's own checks; the guardian rule of the public form is applied below, with its own message.
  const n = normaliseYouth(
    keys,
    {
      name: input.name,
      gender: input.gender,
      birthDate: input.birthDate,
      idNumber: input.idNumber,
      phone: input.phone,
      platformOrg: input.platformOrg,
      dream: input.dream,
      needsText: input.needsText,
      guardianConsent: true,
    },
    today,
  );
  const birthDate = n.values.birthDate;
  if (!birthDate) throw refuse('birthDate', '请填写出生日期或身份证号');
  if (ageOn(birthDate, today) < 0) throw refuse(ageField(input), '出生日期晚于今天，请核对');
  if (opts.capAge) assertWithinAgeCap(birthDate, today, ageField(input));
  const ageBand = ageBandOf(birthDate, today);
  let guardian: NormalisedSignup['guardian'] = null;
  if (ageBand === 'child') {
    const name = clean(input.guardianName);
    const relation = clean(input.guardianRelation);
    if (!name) throw refuse('guardianName', '不满 14 周岁须由监护人同意：请填写监护人姓名');
    if (!relation) throw refuse('guardianRelation', '不满 14 周岁须由监护人同意：请填写与监护人的关系');
    if (input.guardianConsent !== true) {
      throw refuse('guardianConsent', '不满 14 周岁须由监护人同意：请由监护人阅读个人信息处理规则并勾选同意');
    }
    guardian = { name, relation };
  }
  return {
    values: {
      name: n.values.name,
      gender: n.values.gender,
      birthDate,
      platformOrg: n.values.platformOrg,
      dream: n.values.dream,
      needsText: n.values.needsText,
      field: clean(input.field),
      worksLinks: (input.worksLinks ?? []).map((l) => ({ title: clean(l.title) ?? l.url, url: l.url })),
      needs: [...new Set(input.needs ?? [])],
      placeUnitId: input.placeUnitId ?? null,
      categoryId: input.categoryId ?? null,
      ageBand,
    },
    idNumber: n.idNumber ?? null,
    phone: n.phone ?? null,
    guardian,
  };
}
