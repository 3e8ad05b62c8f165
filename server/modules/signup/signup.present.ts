import type { ConsentRecord } from '../../../common/contracts/privacy';
import type { SignupDetail, SignupListItem } from '../../../common/contracts/signup';
import { maskIdNumber, maskPhone } from '../../../common/masking';
import { ageOn } from '../../../common/validators';
import { decryptField } from '../../platform/crypto/field-crypto';
import type { Keys } from '../../platform/crypto/keys';
import { iso } from '../youth/youth.present';
import type { SignupFullRow, SignupRow } from './signup.repo';

type Lockable = SignupDetail['lockedFields'][number];
export type DuplicateMatch = SignupDetail['duplicates'][number];

/** Decrypts only to mask: the full value never leaves this function. */
const masked = (keys: Keys, enc: string | null, mask: (v: string) => string) =>
  enc ? mask(decryptField(keys, enc)) : null;

export function presentSignupItem(row: SignupRow, keys: Keys, today: string): SignupListItem {
  return {
    id: row.id,
    unitId: row.unitId,
    unitName: row.unitName,
    pageId: row.pageId,
    pageTitle: row.pageTitle,
    channel: row.channel,
    name: row.name,
    gender: row.gender,
    age: row.birthDate ? ageOn(row.birthDate, today) : null,
    ageBand: row.ageBand,
    phone: masked(keys, row.phoneEnc, maskPhone),
    placeName: row.placeName,
    categoryName: row.categoryName,
    field: row.field,
    status: row.status,
    duplicate: row.duplicate,
    forwardedFromUnitName: row.forwardedFromUnitName,
    selfEditedAt: iso(row.selfEditedAt),
    createdAt: iso(row.createdAt)!,
    version: row.version,
  };
}

export function presentSignupDetail(
  row: SignupFullRow,
  extras: {
    keys: Keys;
    today: string;
    needNames: Map<number, string>;
    duplicates: DuplicateMatch[];
    consents: ConsentRecord[];
  },
): SignupDetail {
  return {
    ...presentSignupItem({ ...row, duplicate: extras.duplicates.length > 0 }, extras.keys, extras.today),
    birthDate: row.birthDate,
    idNumber: masked(extras.keys, row.idNumberEnc, maskIdNumber),
    placeUnitId: row.placeUnitId,
    categoryId: row.categoryId,
    platformOrg: row.platformOrg,
    worksLinks: row.worksLinks ?? [],
    needs: row.needs ?? [],
    needNames: (row.needs ?? []).map((id) => extras.needNames.get(id) ?? ''),
    needsText: row.needsText,
    dream: row.dream,
    decisionReason: row.decisionReason,
    decidedByName: row.decidedByName,
    decidedAt: iso(row.decidedAt),
    youthId: row.youthId,
    lockedFields: row.lockedFields as Lockable[],
    duplicates: extras.duplicates,
    consents: extras.consents,
  };
}
