import type { ExistingYouth } from './youth-import.repo';
import type { NormalisedYouth, YouthFieldsInput } from './youth.input';

/**
 * A staged new record: the columns of `youth`, identifiers encrypted (see insertNewRows). Empty columns are
 * left out rather than staged as null (`p->>'key'` reads both as null): a roster row stages a third less.
 */
export type YouthPayload = Record<string, unknown> & { unitId: number; name: string };

export function payloadFor(n: NormalisedYouth, input: YouthFieldsInput, unitId: number): YouthPayload {
  const payload = allColumns(n, input, unitId);
  for (const key of Object.keys(payload)) if (payload[key] === null) delete payload[key];
  return payload;
}

function allColumns(n: NormalisedYouth, input: YouthFieldsInput, unitId: number): YouthPayload {
  const v = n.values;
  return {
    unitId,
    name: v.name,
    namePinyin: v.namePinyin,
    nameInitials: v.nameInitials,
    gender: v.gender,
    birthDate: v.birthDate,
    ethnicity: v.ethnicity,
    idNumberEnc: n.idNumber?.enc ?? null,
    idNumberIdx: n.idNumber?.token ?? null,
    phoneEnc: n.phone?.enc ?? null,
    phoneIdx: n.phone?.token ?? null,
    politicalStatus: v.politicalStatus,
    education: v.education,
    residence: v.residence,
    categoryId: input.categoryId ?? null,
    occupation: v.occupation,
    platformOrg: v.platformOrg,
    worksAchievements: v.worksAchievements,
    onlineAccounts: v.onlineAccounts,
    sourceId: input.sourceId ?? null,
    dream: v.dream,
    needs: input.needs ?? [],
    needsText: v.needsText,
    tags: v.tags,
    remark: v.remark,
    guardianConsent: v.guardianConsent,
  };
}

type Field = { label: string; keys: string[]; differs(e: ExistingYouth, p: YouthPayload): boolean };

const plain = (label: string, key: keyof ExistingYouth & string): Field => ({
  label,
  keys: [key],
  differs: (e, p) => p[key] !== null && p[key] !== undefined && p[key] !== e[key],
});

/** What an import may change on a stored record; an empty cell never clears anything. */
const FIELDS: Field[] = [
  { label: '姓名', keys: ['name', 'namePinyin', 'nameInitials'], differs: (e, p) => p.name !== e.name },
  plain('性别', 'gender'),
  plain('出生日期', 'birthDate'),
  plain('民族', 'ethnicity'),
  {
    label: '手机号',
    keys: ['phoneEnc', 'phoneIdx'],
    differs: (e, p) => !!p.phoneIdx && p.phoneIdx !== e.phoneIdx,
  },
  plain('政治面貌', 'politicalStatus'),
  plain('学历', 'education'),
  plain('现居地', 'residence'),
  plain('群体类别', 'categoryId'),
  plain('从业领域/职业', 'occupation'),
  plain('签约平台或所属机构', 'platformOrg'),
  plain('代表作品与成就', 'worksAchievements'),
  {
    label: '网络账号',
    keys: ['onlineAccounts'],
    differs: (e, p) =>
      (p.onlineAccounts as unknown[]).length > 0 &&
      JSON.stringify(p.onlineAccounts) !== JSON.stringify(e.onlineAccounts),
  },
  plain('来源', 'sourceId'),
  plain('梦想', 'dream'),
  {
    label: '需求',
    keys: ['needs'],
    differs: (e, p) => {
      const wanted = p.needs as number[];
      return wanted.length > 0 && [...wanted].sort().join() !== [...e.needs].sort().join();
    },
  },
  plain('需求说明', 'needsText'),
  { label: '标签', keys: ['tags'], differs: (e, p) => (p.tags as string[]).some((t) => !e.tags.includes(t)) },
  plain('备注', 'remark'),
  {
    label: '监护人同意',
    keys: ['guardianConsent'],
    differs: (e, p) => p.guardianConsent === true && !e.guardianConsent,
  },
];

/** The fields a row would change, in Chinese, and the patch that changes exactly them. */
export function changedFields(existing: ExistingYouth, payload: YouthPayload) {
  const fields: string[] = [];
  const patch: Record<string, unknown> = {};
  for (const f of FIELDS) {
    if (!f.differs(existing, payload)) continue;
    fields.push(f.label);
    for (const k of f.keys) patch[k] = payload[k] ?? null;
  }
  return { fields, patch };
}
