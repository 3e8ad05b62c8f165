import { AUDIT_ACTIONS } from '../../../common/audit-actions';
import {
  ENTRY_STATUSES,
  type CallCategory,
  type EntryDetail,
  type EntryListItem,
} from '../../../common/contracts/calls';
import type { ConsentRecord } from '../../../common/contracts/privacy';
import { maskIdNumber, maskPhone } from '../../../common/masking';
import { ageOn } from '../../../common/validators';
import { pathInScope } from '../../platform/access/scope';
import type { Viewer } from '../../platform/access/viewer';
import { decryptField } from '../../platform/crypto/field-crypto';
import type { Keys } from '../../platform/crypto/keys';
import { iso } from '../youth/youth.present';
import {
  entryLabel,
  type EntryFileRow,
  type EntryFullRow,
  type EntrantRow,
  type EntryRow,
  type HistoryRow,
} from './call-entries.repo';

/** Decrypts only to mask: the full value never leaves this function. */
const masked = (keys: Keys, enc: string | null, mask: (v: string) => string) =>
  enc ? mask(decryptField(keys, enc)) : null;

export function presentEntryItem(row: EntryRow, categories: CallCategory[]): EntryListItem {
  return {
    id: row.id,
    callId: row.callId,
    entryNo: row.entryNo,
    label: entryLabel(row.entryNo),
    workId: row.workId,
    title: row.title,
    categoryKey: row.categoryKey,
    categoryLabel: categories.find((c) => c.key === row.categoryKey)?.label ?? row.categoryKey,
    entrantNames: row.entrantNames,
    ageBands: row.ageBands,
    groupName: row.groupName,
    filesCount: row.filesCount,
    status: row.status,
    reviewReason: row.reviewReason,
    identifying: row.identifying,
    origin: row.origin,
    recommendedByUnitName: row.recommendedByUnitName,
    workWithdrawn: row.workWithdrawn,
    createdAt: iso(row.createdAt)!,
    version: row.version,
  };
}

/** As the registry answers a duplicate: a record in the viewer's subtree opens, elsewhere only its keeper is named. */
function registryLink(
  viewer: Pick<Viewer, 'unitPath'>,
  youthId: number | null,
  name: string | null,
  unitName: string | null,
  unitPath: string | null,
) {
  if (youthId === null || unitPath === null) return null;
  const mine = pathInScope(unitPath, viewer);
  return {
    inScope: mine,
    youthId: mine ? youthId : null,
    name: mine ? name : null,
    keepingUnitName: unitName ?? '',
  };
}

function historyDetail(h: HistoryRow): string | null {
  const d = h.detail ?? {};
  const parts: string[] = [];
  const status = d.status as { to?: keyof typeof ENTRY_STATUSES } | undefined;
  if (status?.to && ENTRY_STATUSES[status.to]) parts.push(ENTRY_STATUSES[status.to]);
  if (typeof d.reason === 'string' && d.reason) parts.push(d.reason);
  if (typeof d.identifying === 'boolean') parts.push(d.identifying ? '标记含身份信息' : '取消含身份信息标记');
  if (typeof d.note === 'string' && d.note) parts.push(d.note);
  return parts.length ? parts.join('：') : null;
}

export function presentEntryDetail(
  row: EntryFullRow,
  x: {
    keys: Keys;
    viewer: Pick<Viewer, 'unitPath'>;
    today: string;
    categories: CallCategory[];
    entrants: EntrantRow[];
    files: EntryFileRow[];
    consents: ConsentRecord[];
    history: HistoryRow[];
  },
): EntryDetail {
  return {
    ...presentEntryItem(row, x.categories),
    callTitle: row.callTitle,
    description: row.description,
    originalityAt: iso(row.originalityAt)!,
    publicityConsent: row.publicityConsent,
    channel: row.channel,
    identifyingNote: row.identifyingNote,
    reviewedByName: row.reviewedByName,
    reviewedAt: iso(row.reviewedAt),
    recommendNote: row.recommendNote,
    selfEditedAt: iso(row.selfEditedAt),
    entrants: x.entrants.map((e) => ({
      id: e.id,
      position: e.position,
      name: e.name,
      gender: e.gender,
      birthDate: e.birthDate,
      age: e.birthDate ? ageOn(e.birthDate, x.today) : null,
      ageBand: e.ageBand,
      idNumber: masked(x.keys, e.idNumberEnc, maskIdNumber),
      phone: masked(x.keys, e.phoneEnc, maskPhone),
      placeName: e.placeName,
      categoryName: e.categoryName,
      matched: registryLink(x.viewer, e.matchedYouthId, e.matchedName, e.matchedUnitName, e.matchedUnitPath),
      linked: registryLink(x.viewer, e.youthId, e.linkedName, e.linkedUnitName, e.linkedUnitPath),
    })),
    files: x.files.map((f) => ({
      id: f.id,
      position: f.position,
      kind: f.kind,
      originalName: f.originalName,
      size: f.size,
      mime: f.mime,
      scrubbed: f.scrubbed,
      removed: f.removedAt !== null,
    })),
    consents: x.consents,
    history: x.history.map((h) => ({
      at: iso(h.at)!,
      action: h.action,
      actionName: AUDIT_ACTIONS[h.action as keyof typeof AUDIT_ACTIONS] ?? h.action,
      actorName: h.actorName,
      detail: historyDetail(h),
    })),
  };
}
