import { z } from 'zod';
import { defineContract, idParams, okResponse } from '../contract';

/**
 * Work with one society (seed 003 §二.2, §三.2, §三.4, §三.5): contact and support records, its backbones
 * as registry people, their recommendations with outcomes, and the 青联委员推荐名额 an unregistered but
 * influential group may be given instead of membership.
 */

export const SOCIETY_CONTACT_KINDS = [
  '走访',
  '座谈',
  '支持活动',
  '协助注册',
  '场地支持',
  '项目支持',
  '活动支持',
  '其他',
] as const;
export const BACKBONE_ROLES = ['负责人', '秘书长', '骨干'] as const;
export const RECOMMENDATION_KINDS = ['挂职', '兼职', '青联委员', '团属青年社会组织'] as const;
export const RECOMMENDATION_OUTCOMES = { pending: '待定', accepted: '已采纳', declined: '未采纳' } as const;

const text = (max: number) => z.string().trim().max(max);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const nullableText = (max: number, label: string) =>
  text(max)
    .max(max, `${label}不能超过 ${max} 个字`)
    .nullable()
    .optional()
    .transform((v) => v || null);
const recommendationParams = z.object({
  id: z.coerce.number().int().positive(),
  recommendationId: z.coerce.number().int().positive(),
});

export const societyContact = z.object({
  id: z.number().int(),
  date: z.string(),
  kind: z.string(),
  summary: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type SocietyContact = z.infer<typeof societyContact>;

export const listSocietyContacts = defineContract({
  method: 'GET',
  path: '/api/societies/:id/contacts',
  access: 'orgs.read',
  tag: 'societies',
  summary: '联系与支持记录（新的在前）',
  params: idParams,
  response: z.object({ items: z.array(societyContact) }),
});

export const createSocietyContact = defineContract({
  method: 'POST',
  path: '/api/societies/:id/contacts',
  access: 'orgs.write',
  tag: 'societies',
  summary: '新增联系与支持记录（更新最近联系日期）',
  params: idParams,
  body: z.object({
    date: isoDate,
    kind: z.enum(SOCIETY_CONTACT_KINDS, { message: '请选择联系或支持方式' }),
    summary: text(2000).min(2, '请填写联系或支持情况'),
  }),
  response: societyContact,
});

export const societyBackbone = z.object({
  youthId: z.number().int(),
  name: z.string(),
  category: z.string().nullable(),
  stage: z.string(),
  unit: z.string(),
  role: z.string(),
  note: z.string().nullable(),
  /** Training classes the person finished (结业), from the training module. */
  trainingsCompleted: z.number().int(),
  recommendations: z.number().int(),
  addedAt: z.string(),
});
export type SocietyBackbone = z.infer<typeof societyBackbone>;

export const listSocietyBackbones = defineContract({
  method: 'GET',
  path: '/api/societies/:id/backbones',
  access: 'orgs.read',
  tag: 'societies',
  summary: '骨干（青年库中的人员）',
  params: idParams,
  response: z.object({ items: z.array(societyBackbone) }),
});

export const addSocietyBackbone = defineContract({
  method: 'POST',
  path: '/api/societies/:id/backbones',
  access: 'orgs.write',
  tag: 'societies',
  summary: '添加骨干（须为本单位及下级青年库中的人员）',
  params: idParams,
  body: z.object({
    youthId: z.number().int().positive({ message: '请从青年库中选择人员' }),
    role: z.enum(BACKBONE_ROLES, { message: '请选择骨干角色' }),
    note: nullableText(500, '说明'),
  }),
  response: societyBackbone,
});

export const removeSocietyBackbone = defineContract({
  method: 'DELETE',
  path: '/api/societies/:id/backbones/:youthId',
  access: 'orgs.write',
  tag: 'societies',
  summary: '移出骨干（有举荐记录的不能移出）',
  params: z.object({
    id: z.coerce.number().int().positive(),
    youthId: z.coerce.number().int().positive(),
  }),
  response: okResponse,
});

export const societyRecommendation = z.object({
  id: z.number().int(),
  youthId: z.number().int(),
  name: z.string(),
  kind: z.string(),
  recommendedOn: z.string(),
  outcome: z.enum(['pending', 'accepted', 'declined']),
  outcomeOn: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export type SocietyRecommendation = z.infer<typeof societyRecommendation>;

export const listSocietyRecommendations = defineContract({
  method: 'GET',
  path: '/api/societies/:id/recommendations',
  access: 'orgs.read',
  tag: 'societies',
  summary: '骨干举荐（挂职、兼职、青联委员、团属青年社会组织）及结果',
  params: idParams,
  response: z.object({ items: z.array(societyRecommendation) }),
});

export const createSocietyRecommendation = defineContract({
  method: 'POST',
  path: '/api/societies/:id/recommendations',
  access: 'orgs.write',
  tag: 'societies',
  summary: '举荐骨干（须为该社团的骨干）',
  params: idParams,
  body: z.object({
    youthId: z.number().int().positive({ message: '请选择骨干' }),
    kind: z.enum(RECOMMENDATION_KINDS, { message: '请选择举荐方向' }),
    recommendedOn: isoDate,
    note: nullableText(500, '说明'),
  }),
  response: societyRecommendation,
});

export const setRecommendationOutcome = defineContract({
  method: 'POST',
  path: '/api/societies/:id/recommendations/:recommendationId/outcome',
  access: 'orgs.write',
  tag: 'societies',
  summary: '登记举荐结果（已采纳 / 未采纳，附日期）',
  params: recommendationParams,
  body: z.object({
    outcome: z.enum(['accepted', 'declined'], { message: '请选择举荐结果' }),
    outcomeOn: isoDate,
    note: nullableText(500, '说明'),
  }),
  response: societyRecommendation,
});

export const societyNomination = z.object({
  id: z.number().int(),
  seats: z.number().int(),
  grantedOn: z.string(),
  note: z.string().nullable(),
  unit: z.string(),
  createdAt: z.string(),
});
export type SocietyNomination = z.infer<typeof societyNomination>;

export const listSocietyNominations = defineContract({
  method: 'GET',
  path: '/api/societies/:id/nominations',
  access: 'orgs.read',
  tag: 'societies',
  summary: '青联委员推荐名额',
  params: idParams,
  response: z.object({ items: z.array(societyNomination), seats: z.number().int() }),
});

export const createSocietyNomination = defineContract({
  method: 'POST',
  path: '/api/societies/:id/nominations',
  access: 'orgs.write',
  tag: 'societies',
  summary: '为未注册但有影响力的青年自组织或青年社群开放青联委员推荐名额',
  params: idParams,
  body: z.object({
    seats: z.number().int().min(1, '名额至少为 1').max(20, '名额不能超过 20'),
    grantedOn: isoDate,
    note: nullableText(500, '说明'),
  }),
  response: societyNomination,
});
