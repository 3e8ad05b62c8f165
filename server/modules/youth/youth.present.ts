import type { YouthDetail, YouthListItem } from '../../../common/contracts/youth';
import { maskIdNumber, maskPhone } from '../../../common/masking';
import { ageOn, ageWarnings } from '../../../common/validators';
import { decryptField } from '../../platform/crypto/field-crypto';
import type { Keys } from '../../platform/crypto/keys';
import type { YouthDetailRow, YouthRow } from './youth.repo';

const DAY_MS = 24 * 60 * 60 * 1000;

export const iso = (v: Date | string | null): string | null =>
  v === null ? null : (v instanceof Date ? v : new Date(v)).toISOString();

/** Decrypts only to mask: the full value never leaves this function. */
function masked(keys: Keys, enc: string | null, mask: (v: string) => string): string | null {
  return enc ? mask(decryptField(keys, enc)) : null;
}

export type PresentContext = { keys: Keys; today: string; now: Date };

/** A person as every list shows them: ID number and phone always masked. */
export function presentYouthItem(row: YouthRow, c: PresentContext): YouthListItem {
  const age = row.birthDate ? ageOn(row.birthDate, c.today) : null;
  const check = row.birthDate ? ageWarnings(row.birthDate, c.today) : null;
  const last = row.lastContactAt === null ? null : new Date(row.lastContactAt);
  return {
    id: row.id,
    name: row.name,
    gender: row.gender,
    birthDate: row.birthDate,
    age,
    ageWarning: Boolean(check && check.warnings.length),
    idNumber: masked(c.keys, row.idNumberEnc, maskIdNumber),
    phone: masked(c.keys, row.phoneEnc, maskPhone),
    unit: { id: row.unitId, name: row.unitName },
    category: row.categoryId && row.categoryLabel ? { id: row.categoryId, label: row.categoryLabel } : null,
    occupation: row.occupation,
    stage: row.stage,
    tags: row.tags ?? [],
    lastContactAt: iso(last),
    daysSinceContact: last ? Math.max(0, Math.floor((c.now.getTime() - last.getTime()) / DAY_MS)) : null,
    version: row.version,
  };
}

export type DetailExtras = {
  needLabels: Map<number, string>;
  pendingProposal: {
    id: number;
    toStage: 'contact' | 'key';
    reason: string;
    proposedAt: Date | string;
  } | null;
  pendingTransferId: number | null;
};

export function presentYouthDetail(
  row: YouthDetailRow,
  extras: DetailExtras,
  c: PresentContext,
): YouthDetail {
  const check = row.birthDate ? ageWarnings(row.birthDate, c.today) : null;
  return {
    ...presentYouthItem(row, c),
    ethnicity: row.ethnicity,
    politicalStatus: row.politicalStatus,
    education: row.education,
    residence: row.residence,
    platformOrg: row.platformOrg,
    worksAchievements: row.worksAchievements,
    onlineAccounts: (row.onlineAccounts ?? []).map((a) => ({
      platform: a.platform,
      handle: a.handle,
      followers: a.followers ?? null,
    })),
    source: row.sourceId && row.sourceLabel ? { id: row.sourceId, label: row.sourceLabel } : null,
    dream: row.dream,
    needs: (row.needs ?? []).map((id) => ({ id, label: extras.needLabels.get(id) ?? '' })),
    needsText: row.needsText,
    remark: row.remark,
    guardianConsent: row.guardianConsent,
    ageWarnings: check?.warnings ?? [],
    hasIdNumber: row.idNumberEnc !== null,
    hasPhone: row.phoneEnc !== null,
    pendingProposal: extras.pendingProposal
      ? {
          id: extras.pendingProposal.id,
          toStage: extras.pendingProposal.toStage,
          reason: extras.pendingProposal.reason,
          proposedAt: iso(extras.pendingProposal.proposedAt)!,
        }
      : null,
    pendingTransferId: extras.pendingTransferId,
    createdAt: iso(row.createdAt)!,
    updatedAt: iso(row.updatedAt)!,
  };
}
