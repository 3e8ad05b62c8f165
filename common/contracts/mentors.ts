import { z } from 'zod';
import { defineContract, idParams, pageOf, pageQuery } from '../contract';

/**
 * 梦想导师名册 (seed 000 §二.3): experts a committee recruits as mentors for its key targets. The
 * phone is stored encrypted and only ever shown masked; the full number needs personal.reveal and a
 * reason, as in the 青年库.
 */

export const MENTOR_SOURCES = [
  '作协会员',
  '影协会员',
  '美协会员',
  '音协会员',
  '高校教授',
  '青联委员',
  '文化创意类企业负责人',
  '其他',
] as const;
export const mentorSource = z.enum(MENTOR_SOURCES, { message: '请选择导师来源' });

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number, label: string) =>
  text(max)
    .max(max, `${label}不能超过 ${max} 个字`)
    .nullable()
    .optional()
    .transform((v) => (v === undefined ? undefined : v || null));
const unitRef = z.object({ id: z.number().int(), name: z.string() });

export const mentorListItem = z.object({
  id: z.number().int(),
  name: z.string(),
  source: z.string(),
  specialty: z.string(),
  employer: z.string().nullable(),
  title: z.string().nullable(),
  phone: z.string().nullable().describe('脱敏'),
  email: z.string().nullable(),
  maxMentees: z.number().int(),
  /** Pairings not yet ended (拟结对, 已签约, 指导中): what counts against maxMentees. */
  openPairings: z.number().int(),
  activePairings: z.number().int(),
  account: z.object({ id: z.number().int(), username: z.string() }).nullable(),
  unit: unitRef,
  active: z.boolean(),
  version: z.number().int(),
});
export type MentorListItem = z.infer<typeof mentorListItem>;

export const mentorDetail = mentorListItem.extend({
  bio: z.string().nullable(),
  hasPhone: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type MentorDetail = z.infer<typeof mentorDetail>;

export const mentorFilter = z.object({
  /** 姓名, 全拼 or 首字母; also matches 专长 and 工作单位. */
  q: text(50).optional(),
  source: mentorSource.optional(),
  unitId: z.coerce.number().int().positive().optional(),
  includeDescendants: z.enum(['true', 'false']).default('true'),
  /** Only mentors who can take another mentee. */
  available: z.enum(['true', 'false']).optional(),
});

export const listMentors = defineContract({
  method: 'GET',
  path: '/api/mentors',
  access: 'mentors.read',
  tag: 'mentors',
  summary: '梦想导师名册（本单位及下级；手机号脱敏）',
  query: pageQuery.extend(mentorFilter.shape),
  response: pageOf(mentorListItem),
});

export const mentorFields = z.object({
  name: text(50).min(1, '请填写导师姓名'),
  source: mentorSource,
  specialty: text(100).min(1, '请填写专业特长'),
  employer: optionalText(100, '工作单位'),
  title: optionalText(50, '职务职称'),
  phone: optionalText(30, '手机号'),
  email: text(100)
    .email('邮箱格式不正确')
    .or(z.literal(''))
    .nullable()
    .optional()
    .transform((v) => (v === undefined ? undefined : v || null)),
  maxMentees: z.number().int().min(1, '可带教人数至少为 1').max(20, '可带教人数不能超过 20'),
  bio: optionalText(2000, '简介'),
  unitId: z.number().int().positive().optional(),
});

export const createMentor = defineContract({
  method: 'POST',
  path: '/api/mentors',
  access: 'mentors.write',
  tag: 'mentors',
  summary: '登记梦想导师',
  body: mentorFields,
  response: mentorDetail,
});

export const getMentor = defineContract({
  method: 'GET',
  path: '/api/mentors/:id',
  access: 'mentors.read',
  tag: 'mentors',
  summary: '导师详情（手机号脱敏）',
  params: idParams,
  response: mentorDetail,
});

export const updateMentor = defineContract({
  method: 'PATCH',
  path: '/api/mentors/:id',
  access: 'mentors.write',
  tag: 'mentors',
  summary: '修改导师信息（不传手机号时保持原值，传 null 清空）',
  params: idParams,
  body: mentorFields
    .partial()
    .extend({ active: z.boolean().optional(), version: z.number().int().positive() }),
  response: mentorDetail,
});

export const revealMentor = defineContract({
  method: 'POST',
  path: '/api/mentors/:id/reveal',
  access: 'personal.reveal',
  tag: 'mentors',
  summary: '查看导师完整手机号（须填写原因，记入审计日志）',
  params: idParams,
  body: z.object({ reason: text(200).min(4, '请填写查看原因（至少 4 个字）') }),
  response: z.object({ phone: z.string().nullable() }),
});

const username = z
  .string()
  .trim()
  .regex(/^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$/, '用户名为 3–32 位字母、数字或 _.-，以字母开头');

/**
 * The mentor's own account (role 梦想导师): a new one, made by the accounts service with a one-time
 * password, or an existing 梦想导师 account in scope that is not linked to anyone yet.
 */
export const setMentorAccount = defineContract({
  method: 'POST',
  path: '/api/mentors/:id/account',
  access: 'accounts.manage',
  tag: 'mentors',
  summary: '为导师开通账号或关联已有的梦想导师账号',
  params: idParams,
  body: z.discriminatedUnion('mode', [
    z.object({ mode: z.literal('create'), username, version: z.number().int().positive() }),
    z.object({ mode: z.literal('link'), username, version: z.number().int().positive() }),
  ]),
  response: z.object({ mentor: mentorDetail, initialPassword: z.string().nullable() }),
});

export const teamPairing = z.object({
  id: z.number().int(),
  mentorId: z.number().int(),
  mentorName: z.string(),
  youthId: z.number().int(),
  youthName: z.string(),
  status: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  lastLogDate: z.string().nullable(),
});

/** 梦想导师团 of one unit: its own mentors (not those of units below), their load and active pairings. */
export const mentorTeam = defineContract({
  method: 'GET',
  path: '/api/mentor-team',
  access: 'mentors.read',
  tag: 'mentors',
  summary: '单位的梦想导师团：导师、带教负荷与进行中的结对',
  query: z.object({ unitId: z.coerce.number().int().positive().optional() }),
  response: z.object({
    unit: unitRef,
    mentors: z.array(mentorListItem),
    pairings: z.array(teamPairing),
    totals: z.object({
      mentors: z.number().int(),
      capacity: z.number().int(),
      openPairings: z.number().int(),
      activePairings: z.number().int(),
    }),
  }),
});

export const exportMentorTeam = defineContract({
  method: 'GET',
  path: '/api/mentor-team/export',
  access: 'mentors.read',
  tag: 'mentors',
  summary: '导出梦想导师团（.xlsx，手机号脱敏）',
  query: z.object({ unitId: z.coerce.number().int().positive().optional() }),
  response: z.unknown(),
  binary: true,
});
