import { z } from 'zod';
import { defineContract, idParams, sortParam } from '../contract';
import { youthStage } from './youth';
import { kindCount } from './outreach';

/**
 * 流动团支部 and the other League organisations set up among emerging youth (seed 001 §四: 团北京市委
 * built 215), at a contact point (a courier company, a platform), in a youth society, or with a named
 * host. Members come from the 青年库; leaving keeps the row with its date, so history stays.
 */

export const BRANCH_KINDS = ['流动团支部', '团支部', '联合团支部', '团总支', '团工委'] as const;
export const branchKind = z.enum(BRANCH_KINDS, { message: '请选择团组织类型' });

export const MEMBER_ROLES = ['书记', '副书记', '组织委员', '宣传委员', '团员', '青年'] as const;
export const memberRole = z.enum(MEMBER_ROLES, { message: '请选择职务' });

export const BRANCH_STATUSES = { active: '正常', dissolved: '已撤销' } as const;
export const branchStatus = z.enum(['active', 'dissolved']);

const text = (max: number) => z.string().trim().max(max);
const id = z.number().int().positive();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const unitRef = z.object({ id: z.number().int(), name: z.string() });
const ref = z.object({ id: z.number().int(), name: z.string() });

export const branchFilter = z.object({
  kind: branchKind.optional(),
  status: branchStatus.optional(),
  contactPointId: z.coerce.number().int().positive().optional(),
  unitId: z.coerce.number().int().positive().optional(),
  includeDescendants: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** 名称 or 所在单位（联系点、社团、依托单位）. */
  q: text(50).optional(),
});
export type BranchFilter = z.output<typeof branchFilter>;

export const branchListItem = z.object({
  id: z.number().int(),
  unit: unitRef,
  name: z.string(),
  kind: z.string(),
  contactPoint: ref.nullable(),
  society: ref.nullable(),
  host: z.string().nullable(),
  /** Where it sits, as one line: the contact point's, the society's or the host's name. */
  location: z.string(),
  establishedOn: z.string(),
  status: branchStatus,
  dissolvedOn: z.string().nullable(),
  /** Current members (not left). */
  members: z.number().int(),
  /** 书记's name, when there is one. */
  secretary: z.string().nullable(),
  version: z.number().int(),
});
export type BranchListItem = z.infer<typeof branchListItem>;

export const branchTotals = z.object({
  branches: z.number().int(),
  active: z.number().int(),
  /** Distinct current members of the matched active branches. */
  members: z.number().int(),
  byKind: z.array(kindCount),
});
export type BranchTotals = z.infer<typeof branchTotals>;

export const BRANCH_SORTS = { establishedOn: '成立日期', name: '名称', members: '成员数' } as const;

export const listBranches = defineContract({
  method: 'GET',
  path: '/api/league-branches',
  access: 'orgs.read',
  tag: 'outreach',
  summary: '团组织列表（本单位及下级）与现有团组织、成员合计',
  query: branchFilter.extend({
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(20),
    sort: sortParam(Object.keys(BRANCH_SORTS)),
  }),
  response: z.object({
    items: z.array(branchListItem),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    totals: branchTotals,
  }),
});

export const exportBranches = defineContract({
  method: 'GET',
  path: '/api/league-branches/export',
  access: 'orgs.read',
  tag: 'outreach',
  summary: '导出团组织 Excel（当前筛选，含成员数与书记）',
  query: branchFilter.extend({ sort: sortParam(Object.keys(BRANCH_SORTS)) }),
  response: z.unknown(),
  binary: true,
});

export const branchMember = z.object({
  youthId: z.number().int(),
  name: z.string(),
  unit: unitRef,
  stage: youthStage,
  category: z.string().nullable(),
  role: z.string(),
  joinedOn: z.string(),
  leftOn: z.string().nullable(),
});
export type BranchMember = z.infer<typeof branchMember>;

export const branchDetail = branchListItem.extend({
  remark: z.string().nullable(),
  /** Everyone who has been a member: current ones first, those who left with their date. */
  memberList: z.array(branchMember),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type BranchDetail = z.infer<typeof branchDetail>;

/** Exactly one of them says where the organisation sits. */
const location = {
  contactPointId: id.nullable().optional(),
  societyId: id.nullable().optional(),
  host: text(100).nullable().optional(),
};

export const branchFields = z.object({
  /** The unit it belongs to; the viewer's own when omitted. */
  unitId: id.optional(),
  name: text(100).min(2, '请填写团组织名称（至少 2 个字）'),
  kind: branchKind,
  ...location,
  establishedOn: isoDate,
  remark: text(500).nullable().optional(),
});

export const createBranch = defineContract({
  method: 'POST',
  path: '/api/league-branches',
  access: 'orgs.write',
  tag: 'outreach',
  summary: '新建团组织（所在联系点或社团须在本单位及下级范围内，或填写依托单位名称）',
  body: branchFields,
  response: branchDetail,
});

export const getBranch = defineContract({
  method: 'GET',
  path: '/api/league-branches/:id',
  access: 'orgs.read',
  tag: 'outreach',
  summary: '团组织详情与成员（含已离开的成员）',
  params: idParams,
  response: branchDetail,
});

export const updateBranch = defineContract({
  method: 'PATCH',
  path: '/api/league-branches/:id',
  access: 'orgs.write',
  tag: 'outreach',
  summary: '修改团组织；改所在位置时三项（联系点、社团、依托单位）一并替换；须带版本号',
  params: idParams,
  body: branchFields.partial().extend({ version: z.number().int().positive() }),
  response: branchDetail,
});

export const dissolveBranch = defineContract({
  method: 'POST',
  path: '/api/league-branches/:id/dissolve',
  access: 'orgs.write',
  tag: 'outreach',
  summary: '撤销团组织（现有成员同日离开，记录保留）',
  params: idParams,
  body: z.object({ dissolvedOn: isoDate, version: z.number().int().positive() }),
  response: branchDetail,
});

export const addBranchMembers = defineContract({
  method: 'POST',
  path: '/api/league-branches/:id/members',
  access: 'orgs.write',
  tag: 'outreach',
  summary: '从青年库批量添加成员（须为团组织所属单位及下级登记的青年；现有成员跳过）',
  params: idParams,
  body: z.object({
    youthIds: z.array(id).min(1, '请选择青年').max(500, '一次最多添加 500 人'),
    role: memberRole.default('青年'),
    joinedOn: isoDate,
  }),
  response: z.object({ added: z.number().int(), skipped: z.number().int() }),
});

const memberParams = idParams.extend({ youthId: z.coerce.number().int().positive() });

export const updateBranchMember = defineContract({
  method: 'PATCH',
  path: '/api/league-branches/:id/members/:youthId',
  access: 'orgs.write',
  tag: 'outreach',
  summary: '修改成员职务',
  params: memberParams,
  body: z.object({ role: memberRole }),
  response: branchMember,
});

export const leaveBranch = defineContract({
  method: 'POST',
  path: '/api/league-branches/:id/members/:youthId/leave',
  access: 'orgs.write',
  tag: 'outreach',
  summary: '成员离开（记录离开日期，保留历史）',
  params: memberParams,
  body: z.object({ leftOn: isoDate }),
  response: branchMember,
});

export const branchSociety = z.object({ id: z.number().int(), name: z.string(), unit: z.string() });

export const listBranchSocieties = defineContract({
  method: 'GET',
  path: '/api/league-branches/societies',
  access: 'orgs.write',
  tag: 'outreach',
  summary: '可作为团组织所在位置的青年社团（本单位及下级，按名称或拼音查找）',
  query: z.object({ q: text(50).optional() }),
  response: z.object({ items: z.array(branchSociety) }),
});
