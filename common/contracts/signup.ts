import { z } from 'zod';
import { defineContract, idParams, pageOf, sortedPageQuery } from '../contract';
import { consentRecord } from './privacy';
import { unitLookup } from './units';
import { duplicateMatch, gender } from './youth';

/**
 * 线上招募, the cadres' side: the unit's sign-up pages and the review of what arrives on them.
 * A sign-up carries personal data, so its list is a POST search like the registry's.
 */

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => text(max).nullable().optional();
const id = z.number().int().positive();

export const SIGNUP_PAGE_STATUSES = { draft: '未发布', open: '招募中', closed: '已结束' } as const;
export const signupPageStatus = z.enum(['draft', 'open', 'closed']);

export const SIGNUP_STATUSES = {
  pending: '待审核',
  accepted: '已入库',
  merged: '已合并',
  declined: '未通过',
  withdrawn: '本人已撤回',
} as const;
export const signupStatus = z.enum(['pending', 'accepted', 'merged', 'declined', 'withdrawn']);
export type SignupStatus = z.infer<typeof signupStatus>;

export const AGE_BANDS = { adult: '16 周岁及以上', minor: '14–16 周岁', child: '不满 14 周岁' } as const;
export const ageBand = z.enum(['adult', 'minor', 'child']);

/** Fields a cadre may verify (and so lock against the person's later edits). */
export const SIGNUP_LOCKABLE_FIELDS = {
  name: '姓名',
  gender: '性别',
  birthDate: '出生日期',
  idNumber: '身份证号',
  phone: '手机号',
  placeUnitId: '所在地',
  categoryId: '群体类别',
  field: '从事领域',
  platformOrg: '平台或单位',
} as const;
export const signupLockableField = z.enum([
  'name',
  'gender',
  'birthDate',
  'idNumber',
  'phone',
  'placeUnitId',
  'categoryId',
  'field',
  'platformOrg',
]);

export const channelCount = z.object({ channel: z.string(), count: z.number().int() });

export const signupPage = z.object({
  id: z.number().int(),
  unitId: z.number().int(),
  unitName: z.string(),
  slug: z.string(),
  /** Public address, e.g. /m/s/<slug>. */
  path: z.string(),
  title: z.string(),
  intro: z.string(),
  status: signupPageStatus,
  opensAt: z.string().nullable(),
  closesAt: z.string().nullable(),
  counts: z.object({
    total: z.number().int(),
    pending: z.number().int(),
    accepted: z.number().int(),
    merged: z.number().int(),
    declined: z.number().int(),
    withdrawn: z.number().int(),
    byChannel: z.array(channelCount),
  }),
  version: z.number().int(),
  createdAt: z.string(),
});
export type SignupPage = z.infer<typeof signupPage>;

export const signupPageFields = z.object({
  title: text(100).min(1, '请填写页面标题'),
  intro: text(2000).default(''),
  opensAt: z.iso.datetime({ offset: true }).nullable().optional(),
  closesAt: z.iso.datetime({ offset: true }).nullable().optional(),
});

export const listSignupPages = defineContract({
  method: 'GET',
  path: '/api/signup-pages',
  access: 'public.manage',
  tag: 'signup',
  summary: '本单位及下级的招募页面，含按状态和渠道的报名数',
  query: sortedPageQuery(['createdAt', 'title']).extend({
    unitId: z.coerce.number().int().positive().optional(),
  }),
  response: pageOf(signupPage),
});

export const createSignupPage = defineContract({
  method: 'POST',
  path: '/api/signup-pages',
  access: 'public.manage',
  tag: 'signup',
  summary: '新建招募页面（未发布）；须先发布本单位的个人信息处理规则才能开放',
  body: signupPageFields,
  response: signupPage,
});

export const updateSignupPage = defineContract({
  method: 'PATCH',
  path: '/api/signup-pages/:id',
  access: 'public.manage',
  tag: 'signup',
  summary: '修改招募页面，或开放 / 结束招募（status）',
  params: idParams,
  body: signupPageFields
    .partial()
    .extend({ status: signupPageStatus.optional(), version: z.number().int().positive() }),
  response: signupPage,
});

export const signupFilter = z.object({
  keyword: optionalText(50),
  status: signupStatus.nullable().optional(),
  pageId: id.nullable().optional(),
  channel: optionalText(40),
  ageBand: ageBand.nullable().optional(),
  /** Only sign-ups whose ID number or phone is already in the registry. */
  duplicatesOnly: z.boolean().optional(),
});

export const signupListItem = z.object({
  id: z.number().int(),
  unitId: z.number().int(),
  unitName: z.string(),
  pageId: z.number().int(),
  pageTitle: z.string(),
  channel: z.string(),
  name: z.string(),
  gender: gender.nullable(),
  age: z.number().int().nullable(),
  ageBand: ageBand,
  /** Masked. */
  phone: z.string().nullable(),
  placeName: z.string().nullable(),
  categoryName: z.string().nullable(),
  field: z.string().nullable(),
  status: signupStatus,
  /** Another record in the registry has the same ID number or phone. */
  duplicate: z.boolean(),
  forwardedFromUnitName: z.string().nullable(),
  selfEditedAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type SignupListItem = z.infer<typeof signupListItem>;

export const searchSignups = defineContract({
  method: 'POST',
  path: '/api/signups/search',
  access: 'signups.review',
  tag: 'signup',
  summary: '本单位及下级收到的线上报名',
  body: signupFilter.extend({
    page: z.number().int().min(1).max(1_000_000).default(1),
    pageSize: z.number().int().min(1).max(200).default(20),
  }),
  response: pageOf(signupListItem),
});

export const signupDetail = signupListItem.extend({
  birthDate: z.string().nullable(),
  /** Masked. */
  idNumber: z.string().nullable(),
  placeUnitId: z.number().int().nullable(),
  categoryId: z.number().int().nullable(),
  platformOrg: z.string().nullable(),
  worksLinks: z.array(z.object({ title: z.string(), url: z.string() })),
  needs: z.array(z.number().int()),
  needNames: z.array(z.string()),
  needsText: z.string().nullable(),
  dream: z.string().nullable(),
  decisionReason: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  youthId: z.number().int().nullable(),
  lockedFields: z.array(signupLockableField),
  /** The registry's duplicate check, run when the sign-up arrived and again when it is opened. */
  duplicates: z.array(duplicateMatch),
  consents: z.array(consentRecord),
});
export type SignupDetail = z.infer<typeof signupDetail>;

export const getSignup = defineContract({
  method: 'GET',
  path: '/api/signups/:id',
  access: 'signups.review',
  tag: 'signup',
  summary: '报名详情（身份证号、手机号脱敏），含查重结果和同意记录',
  params: idParams,
  response: signupDetail,
});

const decided = z.object({ signup: signupDetail, warnings: z.array(z.string()) });

export const acceptSignup = defineContract({
  method: 'POST',
  path: '/api/signups/:id/accept',
  access: 'signups.review',
  tag: 'signup',
  summary: '审核通过：登记入青年库（联系对象，来源 线上招募，附同意记录）；核实的字段此后本人不能再改',
  params: idParams,
  body: z.object({
    version: z.number().int().positive(),
    verifiedFields: z.array(signupLockableField).max(20).default([]),
  }),
  response: decided,
});

export const mergeSignup = defineContract({
  method: 'POST',
  path: '/api/signups/:id/merge',
  access: 'signups.review',
  tag: 'signup',
  summary: '合并到青年库中已有的记录（本单位及下级）：只补充该记录中为空的字段',
  params: idParams,
  body: z.object({ version: z.number().int().positive(), youthId: id }),
  response: decided,
});

export const forwardSignup = defineContract({
  method: 'POST',
  path: '/api/signups/:id/forward',
  access: 'signups.review',
  tag: 'signup',
  summary: '转给其他团组织处理（例如本人居住在另一个县）',
  params: idParams,
  body: z.object({
    version: z.number().int().positive(),
    unitId: id,
    reason: text(200).min(2, '请填写转交原因'),
  }),
  response: decided,
});

export const signupForwardTargets = defineContract({
  method: 'GET',
  path: '/api/signups/forward-targets',
  access: 'signups.review',
  tag: 'signup',
  summary: '转交时查找接收单位：全国范围（本人可能住在另一个县），只有名称、层级和上级名称',
  query: unitLookup.query,
  response: unitLookup.response,
});

export const declineSignup = defineContract({
  method: 'POST',
  path: '/api/signups/:id/decline',
  access: 'signups.review',
  tag: 'signup',
  summary: '不予通过（须填写原因，本人凭回执码可看到）',
  params: idParams,
  body: z.object({ version: z.number().int().positive(), reason: text(200).min(2, '请填写原因') }),
  response: decided,
});

export const batchSignupResult = z.object({
  done: z.number().int(),
  refused: z.array(z.object({ id: z.number().int(), name: z.string(), reason: z.string() })),
});

export const batchDecideSignups = defineContract({
  method: 'POST',
  path: '/api/signups/batch',
  access: 'signups.review',
  tag: 'signup',
  summary:
    '批量审核（最多 500 条）：通过或不予通过。有重复记录的报名不批量入库，须逐条合并；其余各条按单条规则处理并返回未处理的原因',
  body: z
    .object({
      ids: z.array(id).min(1, '请选择报名').max(500, '一次最多 500 条'),
      action: z.enum(['accept', 'decline']),
      reason: optionalText(200),
    })
    .refine((b) => b.action !== 'decline' || (b.reason ?? '').length >= 2, {
      message: '请填写原因',
      path: ['reason'],
    }),
  response: batchSignupResult,
});
