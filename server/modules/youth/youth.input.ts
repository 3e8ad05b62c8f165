import type { z } from 'zod';
import type { youthFields } from '../../../common/contracts/youth';
import {
  ageWarnings,
  compareWithId,
  normalizeName,
  normalizeText,
  parseIdNumber,
  parseLooseDate,
  parsePhone,
  type Gender,
} from '../../../common/validators';
import { blindIndex, encryptField } from '../../platform/crypto/field-crypto';
import { personPinyin } from '../../platform/search/pinyin';
import type { Keys } from '../../platform/crypto/keys';
import { badRequest } from '../../platform/http/errors';

export type YouthFieldsInput = z.output<typeof youthFields>;

export const GUARDIAN_CONSENT_MESSAGE =
  '该青年未满 14 周岁：根据《个人信息保护法》第三十一条，处理其个人信息须取得父母或其他监护人同意，请确认已取得同意后勾选“已取得监护人同意”';

/** Blind-index kinds: one per kind of value, shared by every table that stores it. */
export const ID_NUMBER_INDEX = 'id_number';
export const PHONE_INDEX = 'phone';

export function idNumberToken(keys: Keys, raw: string): { value: string; token: string } {
  const parsed = parseIdNumber(raw);
  if (!parsed.ok)
    throw badRequest(`身份证号：${parsed.error}`, [{ path: 'idNumber', message: parsed.error }]);
  return { value: parsed.value, token: blindIndex(keys, ID_NUMBER_INDEX, parsed.value) };
}

export function phoneToken(keys: Keys, raw: string): { value: string; token: string } {
  const parsed = parsePhone(raw);
  if (!parsed.ok) throw badRequest(`手机号：${parsed.error}`, [{ path: 'phone', message: parsed.error }]);
  return { value: parsed.value, token: blindIndex(keys, PHONE_INDEX, parsed.value) };
}

const clean = (v: string | null | undefined) => {
  if (v === undefined) return undefined;
  const t = v === null ? '' : normalizeText(v);
  return t === '' ? null : t;
};

export type NormalisedYouth = {
  values: {
    name: string;
    namePinyin: string;
    nameInitials: string;
    gender: Gender | null;
    birthDate: string | null;
    ethnicity: string | null;
    politicalStatus: string | null;
    education: string | null;
    residence: string | null;
    occupation: string | null;
    platformOrg: string | null;
    worksAchievements: string | null;
    onlineAccounts: { platform: string; handle: string; followers: number | null }[];
    dream: string | null;
    needsText: string | null;
    remark: string | null;
    tags: string[];
    guardianConsent: boolean;
  };
  /** undefined: unchanged (update); null: cleared. */
  idNumber?: { enc: string; token: string } | null;
  phone?: { enc: string; token: string } | null;
  warnings: string[];
};

/**
 * Validates a whole record (on update: the stored record with the changes applied). ID number and
 * phone are checked only when given; errors are 400 naming the field, mismatches are warnings.
 */
export function normaliseYouth(
  keys: Keys,
  input: YouthFieldsInput,
  today: string,
  stored?: { birthDate: string | null; gender: Gender | null },
): NormalisedYouth {
  const warnings: string[] = [];
  const name = normalizeName(input.name);
  if (!name) throw badRequest('请填写姓名', [{ path: 'name', message: '请填写姓名' }]);

  let birthDate: string | null = stored?.birthDate ?? null;
  if (input.birthDate !== undefined) {
    const raw = clean(input.birthDate);
    birthDate = null;
    if (raw) {
      const d = parseLooseDate(raw);
      if (!d.ok) throw badRequest(`出生日期：${d.error}`, [{ path: 'birthDate', message: d.error }]);
      if (d.precision !== 'day') {
        const message = '请填写完整的出生日期（年月日）';
        throw badRequest(`出生日期：${message}`, [{ path: 'birthDate', message }]);
      }
      birthDate = d.value;
    }
  }
  let gender: Gender | null = input.gender === undefined ? (stored?.gender ?? null) : input.gender;

  let idNumber: NormalisedYouth['idNumber'];
  const rawId = clean(input.idNumber);
  if (rawId === null) idNumber = null;
  if (rawId) {
    const parsed = parseIdNumber(rawId);
    if (!parsed.ok)
      throw badRequest(`身份证号：${parsed.error}`, [{ path: 'idNumber', message: parsed.error }]);
    warnings.push(...parsed.warnings);
    warnings.push(
      ...compareWithId(parsed, { birthDate: birthDate ?? undefined, gender: gender ?? undefined }),
    );
    birthDate ??= parsed.birthDate;
    gender ??= parsed.gender;
    idNumber = {
      enc: encryptField(keys, parsed.value),
      token: blindIndex(keys, ID_NUMBER_INDEX, parsed.value),
    };
  }

  let phone: NormalisedYouth['phone'];
  const rawPhone = clean(input.phone);
  if (rawPhone === null) phone = null;
  if (rawPhone) {
    const parsed = parsePhone(rawPhone);
    if (!parsed.ok) throw badRequest(`手机号：${parsed.error}`, [{ path: 'phone', message: parsed.error }]);
    warnings.push(...parsed.warnings);
    phone = { enc: encryptField(keys, parsed.value), token: blindIndex(keys, PHONE_INDEX, parsed.value) };
  }

  const guardianConsent = input.guardianConsent ?? false;
  if (birthDate) {
    const age = ageWarnings(birthDate, today);
    if (age.needsGuardianConsent && !guardianConsent) {
      throw badRequest(GUARDIAN_CONSENT_MESSAGE, [
        { path: 'guardianConsent', message: GUARDIAN_CONSENT_MESSAGE },
      ]);
    }
    // Consent given: the consent reminder is satisfied; the range warning stays.
    warnings.push(...age.warnings.filter((w) => !w.includes('监护人')));
  }

  const { full, initials } = personPinyin(name);
  return {
    values: {
      name,
      namePinyin: full,
      nameInitials: initials,
      gender,
      birthDate,
      ethnicity: clean(input.ethnicity) ?? null,
      politicalStatus: clean(input.politicalStatus) ?? null,
      education: clean(input.education) ?? null,
      residence: clean(input.residence) ?? null,
      occupation: clean(input.occupation) ?? null,
      platformOrg: clean(input.platformOrg) ?? null,
      worksAchievements: clean(input.worksAchievements) ?? null,
      onlineAccounts: (input.onlineAccounts ?? []).map((a) => ({
        platform: normalizeText(a.platform),
        handle: normalizeText(a.handle),
        followers: a.followers ?? null,
      })),
      dream: clean(input.dream) ?? null,
      needsText: clean(input.needsText) ?? null,
      remark: clean(input.remark) ?? null,
      tags: [...new Set((input.tags ?? []).map((t) => normalizeText(t)).filter(Boolean))],
      guardianConsent,
    },
    idNumber,
    phone,
    warnings: [...new Set(warnings)],
  };
}
