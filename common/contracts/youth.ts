import { z } from 'zod';
import { defineContract, idParams, sortParam, unmaskReasonRequired } from '../contract';

/**
 * 青年库: the records themselves. Anything that may carry an ID number or a phone travels in a
 * POST body (search, duplicate check, export), never in a URL or its query string, so it cannot
 * land in an access log, a proxy log or the browser history.
 */

export const YOUTH_STAGES = { contact: '联系对象', key: '重点培养对象' } as const;
export const youthStage = z.enum(['contact', 'key']);
export type YouthStage = z.infer<typeof youthStage>;
export const GENDERS = { male: '男', female: '女' } as const;
export const gender = z.enum(['male', 'female']);

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => text(max).nullable().optional();
const id = z.number().int().positive();

/** The list's filters: also the body of an export of "the current filter". */
export const youthFilter = z.object({
  unitId: id.optional(),
  includeDescendants: z.boolean().default(true),
  /** A top-level category includes its children. */
  categoryId: id.optional(),
  stage: youthStage.optional(),
  sourceId: id.optional(),
  needId: id.optional(),
  tag: text(30).min(1).optional(),
  ageMin: z.number().int().min(0).max(120).optional(),
  ageMax: z.number().int().min(0).max(120).optional(),
  /** Not contacted for at least this many days (never contacted included). */
  notContactedDays: z.number().int().min(1).max(36500).optional(),
  /** 姓名 (characters), full pinyin or initials; an ID number or phone matches exactly. */
  q: text(50).optional(),
});
export type YouthFilter = z.output<typeof youthFilter>;

export const youthListItem = z.object({
  id: z.number().int(),
  name: z.string(),
  gender: gender.nullable(),
  birthDate: z.string().nullable(),
  age: z.number().int().nullable(),
  /** Outside 16–35, or under 14. */
  ageWarning: z.boolean(),
  idNumber: z.string().nullable().describe('脱敏'),
  phone: z.string().nullable().describe('脱敏'),
  unit: z.object({ id: z.number().int(), name: z.string() }),
  category: z.object({ id: z.number().int(), label: z.string() }).nullable(),
  occupation: z.string().nullable(),
  stage: youthStage,
  tags: z.array(z.string()),
  lastContactAt: z.string().nullable(),
  daysSinceContact: z.number().int().nullable(),
  version: z.number().int(),
});
export type YouthListItem = z.infer<typeof youthListItem>;

/** The list's sort keys (server/modules/youth/youth-filter.repo.ts maps each to its column). */
export const YOUTH_SORT_KEYS = [
  'id',
  'name',
  'birthDate',
  'lastContactAt',
  'createdAt',
  'updatedAt',
] as const;

export const searchYouth = defineContract({
  method: 'POST',
  path: '/api/youth/search',
  access: 'youth.read',
  tag: 'youth',
  summary: '查询青年（条件放在请求体中：身份证号、手机号不进入网址与日志）',
  body: youthFilter.extend({
    page: z.number().int().min(1).default(1),
    pageSize: z.number().int().min(1).max(200).default(20),
    sort: sortParam(YOUTH_SORT_KEYS),
  }),
  response: z.object({
    items: z.array(youthListItem),
    /** Exact up to the cap; above it `totalIsEstimate` is true and the list shows “10000+”. */
    total: z.number().int(),
    totalIsEstimate: z.boolean(),
    page: z.number().int(),
    pageSize: z.number().int(),
  }),
});

const onlineAccount = z.object({
  platform: text(30).min(1),
  handle: text(100).min(1),
  followers: z.number().int().min(0).nullable().default(null),
});
const dictRef = z.object({ id: z.number().int(), label: z.string() });

export const youthDetail = youthListItem.extend({
  ethnicity: z.string().nullable(),
  politicalStatus: z.string().nullable(),
  education: z.string().nullable(),
  residence: z.string().nullable(),
  platformOrg: z.string().nullable(),
  worksAchievements: z.string().nullable(),
  onlineAccounts: z.array(
    z.object({ platform: z.string(), handle: z.string(), followers: z.number().nullable() }),
  ),
  source: dictRef.nullable(),
  dream: z.string().nullable(),
  needs: z.array(dictRef),
  needsText: z.string().nullable(),
  remark: z.string().nullable(),
  guardianConsent: z.boolean(),
  ageWarnings: z.array(z.string()),
  hasIdNumber: z.boolean(),
  hasPhone: z.boolean(),
  pendingProposal: z
    .object({ id: z.number().int(), toStage: youthStage, reason: z.string(), proposedAt: z.string() })
    .nullable(),
  pendingTransferId: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type YouthDetail = z.infer<typeof youthDetail>;

/** What a cadre fills in; ID number and phone are validated and normalised on the server. */
export const youthFields = z.object({
  name: text(50).min(1, '请填写姓名'),
  gender: gender.nullable().optional(),
  ethnicity: optionalText(20),
  birthDate: optionalText(20),
  idNumber: optionalText(30),
  phone: optionalText(30),
  politicalStatus: optionalText(20),
  education: optionalText(20),
  unitId: id.optional(),
  residence: optionalText(100),
  categoryId: id.nullable().optional(),
  occupation: optionalText(50),
  platformOrg: optionalText(100),
  worksAchievements: optionalText(2000),
  onlineAccounts: z.array(onlineAccount).max(20).optional(),
  sourceId: id.nullable().optional(),
  dream: optionalText(2000),
  needs: z.array(id).max(30).optional(),
  needsText: optionalText(500),
  tags: z.array(text(30).min(1)).max(20).optional(),
  remark: optionalText(2000),
  guardianConsent: z.boolean().optional(),
});

const saved = z.object({ youth: youthDetail, warnings: z.array(z.string()) });

export const createYouth = defineContract({
  method: 'POST',
  path: '/api/youth',
  access: 'youth.write',
  tag: 'youth',
  summary: '登记青年（身份证号在全国范围查重）',
  body: youthFields,
  response: saved,
});

export const getYouth = defineContract({
  method: 'GET',
  path: '/api/youth/:id',
  access: 'youth.read',
  tag: 'youth',
  summary: '青年详情（身份证号、手机号脱敏）',
  params: idParams,
  response: youthDetail,
});

export const updateYouth = defineContract({
  method: 'PATCH',
  path: '/api/youth/:id',
  access: 'youth.write',
  tag: 'youth',
  summary: '修改青年信息（不传身份证号、手机号时保持原值，传 null 清空）',
  params: idParams,
  body: youthFields.partial().extend({ version: z.number().int().positive() }),
  response: saved,
});

export const revealYouth = defineContract({
  method: 'POST',
  path: '/api/youth/:id/reveal',
  access: 'personal.reveal',
  tag: 'youth',
  summary: '查看完整身份证号和手机号（须填写原因，记入审计日志）',
  params: idParams,
  body: z.object({ reason: text(200).min(4, '请填写查看原因（至少 4 个字）') }),
  response: z.object({ idNumber: z.string().nullable(), phone: z.string().nullable() }),
});

export const duplicateMatch = z.object({
  field: z.enum(['idNumber', 'phone']),
  /** In the viewer's subtree: the record opens. Elsewhere: only the keeping unit is named. */
  inScope: z.boolean(),
  youthId: z.number().int().nullable(),
  name: z.string().nullable(),
  keepingUnitName: z.string(),
  canRequestTransfer: z.boolean(),
});

export const checkYouthDuplicate = defineContract({
  method: 'POST',
  path: '/api/youth/duplicate-check',
  access: 'youth.read',
  tag: 'youth',
  summary:
    '查重：本单位及下级返回已有记录，其他单位只告知保管单位名称。每次查重记入审计日志；' +
    '每个账号限频（默认每分钟 30 次、24 小时 300 次），超出返回 429',
  body: z
    .object({ idNumber: optionalText(30), phone: optionalText(30), excludeId: id.optional() })
    .refine((b) => Boolean(b.idNumber || b.phone), '请填写身份证号或手机号'),
  response: z.object({ matches: z.array(duplicateMatch), warnings: z.array(z.string()) }),
});

export const YOUTH_EXPORT_MAX_ROWS = 100_000;

export const exportYouth = defineContract({
  method: 'POST',
  path: '/api/youth/export',
  access: 'youth.read',
  tag: 'youth',
  summary: '导出 Excel：当前筛选或所选记录，默认脱敏；花名册格式只含重点培养对象',
  body: unmaskReasonRequired(
    z.object({
      filter: youthFilter.optional(),
      ids: z.array(id).max(5000).optional(),
      sort: sortParam(YOUTH_SORT_KEYS),
      /** The list's shown columns by key (name, gender, age, …); the 花名册 layout has its own. */
      columns: z.array(z.string().max(30)).max(30).optional(),
      layout: z.enum(['list', 'roster']).default('list'),
      unmasked: z.boolean().default(false),
      reason: text(200).optional(),
    }),
  ),
  response: z.unknown(),
  binary: true,
});
