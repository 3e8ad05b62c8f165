import { z } from 'zod';
import { defineContract, idParams, okResponse, sortParam } from '../contract';

/**
 * 联系点 (seed 000 §三.3, seed 001 §四): the parks, enterprises, platforms and associations where
 * emerging youth gather and with which a unit keeps a working relation — 团北京市委 keeps 100+. The
 * contact person's phone is stored encrypted and shown masked. The scope summary (联系点 by kind,
 * 团组织, 成员) is one endpoint the home page can read.
 */

export const CONTACT_POINT_KINDS = [
  '文创园区',
  '互联网企业',
  '平台企业',
  '快递物流企业',
  '行业协会',
  '艺术园区',
  '文化街区',
  '其他',
] as const;
export const contactPointKind = z.enum(CONTACT_POINT_KINDS, { message: '请选择联系点类型' });

export const CONTACT_RELATIONS = ['签约', '挂牌', '日常联系'] as const;
export const contactRelation = z.enum(CONTACT_RELATIONS, { message: '请选择联系方式' });

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => text(max).nullable().optional();
const id = z.number().int().positive();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const unitRef = z.object({ id: z.number().int(), name: z.string() });
const bool = z
  .enum(['true', 'false'])
  .optional()
  .transform((v) => (v === undefined ? undefined : v === 'true'));

/** The list's filters (query string: nothing personal in them). */
export const contactPointFilter = z.object({
  kind: contactPointKind.optional(),
  relation: contactRelation.optional(),
  /** 在联 (true) or 已停止联系 (false); both when omitted. */
  active: bool,
  unitId: z.coerce.number().int().positive().optional(),
  /** 含下级: the keeping unit or any unit below it. */
  includeDescendants: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** 名称、地址或联系人. */
  q: text(50).optional(),
});
export type ContactPointFilter = z.output<typeof contactPointFilter>;

export const contactPoint = z.object({
  id: z.number().int(),
  unit: unitRef,
  name: z.string(),
  kind: z.string(),
  address: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable().describe('脱敏'),
  relation: z.string(),
  since: z.string().nullable(),
  youthEstimate: z.number().int().nullable(),
  remark: z.string().nullable(),
  active: z.boolean(),
  /** 团组织 set up there and not dissolved. */
  activeBranches: z.number().int(),
  /** Current members of those branches. */
  members: z.number().int(),
  version: z.number().int(),
});
export type ContactPoint = z.infer<typeof contactPoint>;

export const kindCount = z.object({ kind: z.string(), count: z.number().int() });
export type KindCount = z.infer<typeof kindCount>;

export const CONTACT_POINT_SORTS = {
  name: '名称',
  since: '建立联系日期',
  youthEstimate: '青年人数',
} as const;

export const listContactPoints = defineContract({
  method: 'GET',
  path: '/api/contact-points',
  access: 'orgs.read',
  tag: 'outreach',
  summary: '联系点列表（本单位及下级）与按类型的数量',
  query: contactPointFilter.extend({
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(20),
    sort: sortParam(Object.keys(CONTACT_POINT_SORTS)),
  }),
  response: z.object({
    items: z.array(contactPoint),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    /** Over every filter but the kind: how many of each kind (every kind listed, zeros included). */
    byKind: z.array(kindCount),
  }),
});

export const exportContactPoints = defineContract({
  method: 'GET',
  path: '/api/contact-points/export',
  access: 'orgs.read',
  tag: 'outreach',
  summary: '导出联系点 Excel（当前筛选；联系电话脱敏）',
  query: contactPointFilter.extend({ sort: sortParam(Object.keys(CONTACT_POINT_SORTS)) }),
  response: z.unknown(),
  binary: true,
});

export const branchBrief = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.string(),
  status: z.enum(['active', 'dissolved']),
  establishedOn: z.string(),
  dissolvedOn: z.string().nullable(),
  unit: unitRef,
  members: z.number().int(),
});
export type BranchBrief = z.infer<typeof branchBrief>;

export const contactPointDetail = contactPoint.extend({
  branches: z.array(branchBrief),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ContactPointDetail = z.infer<typeof contactPointDetail>;

export const contactPointFields = z.object({
  /** The keeping unit; the viewer's own when omitted. */
  unitId: id.optional(),
  name: text(100).min(2, '请填写联系点名称（至少 2 个字）'),
  kind: contactPointKind,
  address: optionalText(200),
  contactName: optionalText(50),
  /** Omitted on update: kept; null or empty: cleared. */
  contactPhone: optionalText(30),
  relation: contactRelation,
  since: isoDate.nullable().optional(),
  youthEstimate: z
    .number()
    .int()
    .min(0, '青年人数不能为负数')
    .max(10_000_000, '青年人数过大')
    .nullable()
    .optional(),
  remark: optionalText(500),
  active: z.boolean().optional(),
});

export const createContactPoint = defineContract({
  method: 'POST',
  path: '/api/contact-points',
  access: 'orgs.write',
  tag: 'outreach',
  summary: '新增联系点（登记单位须在本单位及下级范围内；联系电话加密保存）',
  body: contactPointFields,
  response: contactPointDetail,
});

export const getContactPoint = defineContract({
  method: 'GET',
  path: '/api/contact-points/:id',
  access: 'orgs.read',
  tag: 'outreach',
  summary: '联系点详情及其团组织',
  params: idParams,
  response: contactPointDetail,
});

export const updateContactPoint = defineContract({
  method: 'PATCH',
  path: '/api/contact-points/:id',
  access: 'orgs.write',
  tag: 'outreach',
  summary: '修改联系点（不传联系电话时保持原值）；须带读取时的版本号',
  params: idParams,
  body: contactPointFields.partial().extend({ version: z.number().int().positive() }),
  response: contactPointDetail,
});

export const deleteContactPoint = defineContract({
  method: 'DELETE',
  path: '/api/contact-points/:id',
  access: 'orgs.write',
  tag: 'outreach',
  summary: '删除联系点（已建团组织的只能改为停止联系）',
  params: idParams,
  response: okResponse,
});

export const outreachSummary = z.object({
  contactPoints: z.object({
    /** 在联 contact points. */
    active: z.number().int(),
    byKind: z.array(kindCount),
  }),
  branches: z.object({
    active: z.number().int(),
    byKind: z.array(kindCount),
  }),
  /** Distinct people currently members of an active branch. */
  members: z.number().int(),
});
export type OutreachSummary = z.infer<typeof outreachSummary>;

export const getOutreachSummary = defineContract({
  method: 'GET',
  path: '/api/outreach/summary',
  access: 'orgs.read',
  tag: 'outreach',
  summary: '组织覆盖概况（本单位及下级）：在联联系点按类型、现有团组织、团组织成员',
  response: outreachSummary,
});
