import dayjs, { type Dayjs } from 'dayjs';
import type { YouthDetail } from '../../../../common/contracts/youth';

type Account = { platform: string; handle: string; followers?: number | null };

/** The registration form's values; dates as dayjs, everything else as the contract has it. */
export type YouthValues = {
  name: string;
  gender?: 'male' | 'female';
  ethnicity?: string;
  birthDate?: Dayjs | null;
  idNumber?: string;
  phone?: string;
  politicalStatus?: string;
  education?: string;
  unitId?: number;
  residence?: string;
  categoryId?: number;
  occupation?: string;
  platformOrg?: string;
  worksAchievements?: string;
  onlineAccounts?: Account[];
  sourceId?: number;
  dream?: string;
  needs?: number[];
  needsText?: string;
  tags?: string[];
  remark?: string;
  guardianConsent?: boolean;
};

const text = (v: string | undefined) => (v?.trim() ? v.trim() : null);

/**
 * The contract's body. ID number and phone go only when typed: on edit the form shows them masked,
 * and leaving them empty keeps the stored values.
 */
export function toYouthBody(v: YouthValues) {
  return {
    name: v.name.trim(),
    gender: v.gender ?? null,
    ethnicity: v.ethnicity ?? null,
    birthDate: v.birthDate ? v.birthDate.format('YYYY-MM-DD') : null,
    ...(text(v.idNumber) ? { idNumber: text(v.idNumber) } : {}),
    ...(text(v.phone) ? { phone: text(v.phone) } : {}),
    politicalStatus: v.politicalStatus ?? null,
    education: v.education ?? null,
    unitId: v.unitId,
    residence: text(v.residence),
    categoryId: v.categoryId ?? null,
    occupation: text(v.occupation),
    platformOrg: text(v.platformOrg),
    worksAchievements: text(v.worksAchievements),
    onlineAccounts: (v.onlineAccounts ?? [])
      .filter((a) => a?.platform?.trim() && a.handle?.trim())
      .map((a) => ({ platform: a.platform.trim(), handle: a.handle.trim(), followers: a.followers ?? null })),
    sourceId: v.sourceId ?? null,
    dream: text(v.dream),
    needs: v.needs ?? [],
    needsText: text(v.needsText),
    tags: (v.tags ?? []).map((t) => t.trim()).filter(Boolean),
    remark: text(v.remark),
    guardianConsent: Boolean(v.guardianConsent),
  };
}

export function fromYouthDetail(y: YouthDetail): YouthValues {
  return {
    name: y.name,
    gender: y.gender ?? undefined,
    ethnicity: y.ethnicity ?? undefined,
    birthDate: y.birthDate ? dayjs(y.birthDate) : null,
    politicalStatus: y.politicalStatus ?? undefined,
    education: y.education ?? undefined,
    unitId: y.unit.id,
    residence: y.residence ?? undefined,
    categoryId: y.category?.id,
    occupation: y.occupation ?? undefined,
    platformOrg: y.platformOrg ?? undefined,
    worksAchievements: y.worksAchievements ?? undefined,
    onlineAccounts: y.onlineAccounts,
    sourceId: y.source?.id,
    dream: y.dream ?? undefined,
    needs: y.needs.map((n) => n.id),
    needsText: y.needsText ?? undefined,
    tags: y.tags,
    remark: y.remark ?? undefined,
    guardianConsent: y.guardianConsent,
  };
}
