import { z } from 'zod';
import { defineContract } from '../contract';
import { noticeSections } from './privacy';
import { ageBand, signupLockableField, signupStatus } from './signup';
import { gender } from './youth';

/**
 * The public site's API (/m/…): no account, no session. Everything here is rate limited per address
 * and per page, answers only what the person typed themselves (found by their receipt code), and
 * never shows one visitor what another typed.
 */

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => text(max).nullable().optional();
const id = z.number().int().positive();

export const RECEIPT_CODE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;
/** Receipt codes are typed back by people: case, spaces and a missing dash are forgiven. */
export const receiptCode = z
  .string()
  .trim()
  .max(30)
  .transform((v) => v.toUpperCase().replace(/[\s-]/g, ''))
  .transform((v) => (v.length === 12 ? `${v.slice(0, 4)}-${v.slice(4, 8)}-${v.slice(8)}` : v))
  .refine((v) => RECEIPT_CODE_PATTERN.test(v), '回执码格式不对，应为 12 位字母和数字');

export const publicNotice = z.object({
  id: z.number().int(),
  version: z.number().int(),
  title: z.string(),
  sections: noticeSections,
  contentHash: z.string(),
});

export const publicOption = z.object({ id: z.number().int(), label: z.string() });

export const publicSignupPage = z.object({
  slug: z.string(),
  title: z.string(),
  intro: z.string(),
  unitName: z.string(),
  unitId: z.number().int(),
  /** open, or why not: not yet open, closed. */
  state: z.enum(['open', 'not_yet', 'closed']),
  opensAt: z.string().nullable(),
  closesAt: z.string().nullable(),
  notice: publicNotice,
  categories: z.array(publicOption),
  needs: z.array(publicOption),
});
export type PublicSignupPage = z.infer<typeof publicSignupPage>;

export const getPublicSignupPage = defineContract({
  method: 'GET',
  path: '/api/public/signup-pages/:slug',
  access: 'public',
  tag: 'public',
  summary: '公开的招募页面：标题、发布单位、个人信息处理规则（当前版本）、可选的群体类别和需求',
  params: z.object({ slug: z.string().regex(/^[a-z0-9]{6,32}$/, '页面不存在') }),
  response: publicSignupPage,
});

export const publicPlace = z.object({
  id: z.number().int(),
  name: z.string(),
  level: z.enum(['central', 'province', 'city', 'county']),
  hasChildren: z.boolean(),
});

export const listPublicPlaces = defineContract({
  method: 'GET',
  path: '/api/public/places',
  access: 'public',
  tag: 'public',
  summary: '所在地选择：某一团组织的下级（不传 parent 为省级），只有名称和层级',
  query: z.object({ parent: z.coerce.number().int().positive().max(2_147_483_647).optional() }),
  response: z.object({ items: z.array(publicPlace) }),
});

export const getPublicChallenge = defineContract({
  method: 'GET',
  path: '/api/public/challenge',
  access: 'public',
  tag: 'public',
  summary:
    '防刷校验：返回一道计算题（找出 nonce，使 SHA-256(challenge + nonce) 的前 difficulty 位为 0）；每题只能用一次，几分钟内有效',
  response: z.object({ challenge: z.string(), difficulty: z.number().int(), expiresAt: z.string() }),
});

/** What every public form sends besides its own fields. */
export const publicFormGuard = z.object({
  challenge: z.string().max(300),
  nonce: z.string().max(40),
  /** A field people never see; anything in it marks the sender as a robot. */
  website: z.string().max(200).optional(),
  /** ?ch=… of the link the person came from. */
  channel: z
    .string()
    .trim()
    .max(40)
    .regex(/^[\p{L}\p{N}_-]*$/u, '渠道标识只能包含文字、数字、- 和 _')
    .optional(),
  /** The notice version the person saw and agreed to (must be the current one). */
  noticeId: id,
  consent: z.literal(true, { error: '请阅读并同意个人信息处理规则' }),
});

export const publicSignupFields = z.object({
  name: text(50).min(1, '请填写姓名'),
  gender: gender.nullable().optional(),
  birthDate: optionalText(20),
  idNumber: optionalText(30),
  phone: text(30).min(1, '请填写手机号'),
  placeUnitId: id.nullable().optional(),
  categoryId: id.nullable().optional(),
  field: optionalText(50),
  platformOrg: optionalText(100),
  worksLinks: z
    .array(
      z.object({
        title: text(100),
        url: z.url({ protocol: /^https?$/, error: '请填写以 http(s):// 开头的链接' }),
      }),
    )
    .max(10)
    .default([]),
  needs: z.array(id).max(20).default([]),
  needsText: optionalText(500),
  dream: optionalText(1000),
  /** Required under 14 (PIPL Art. 31). */
  guardianName: optionalText(50),
  guardianRelation: optionalText(20),
  guardianConsent: z.boolean().optional(),
});
export type PublicSignupFields = z.infer<typeof publicSignupFields>;

export const submitPublicSignup = defineContract({
  method: 'POST',
  path: '/api/public/signup-pages/:slug/signups',
  access: 'public',
  tag: 'public',
  summary:
    '提交报名：须填写出生日期或身份证号；不满 14 周岁须监护人同意。返回回执码（只显示这一次），凭它查询进度、修改或撤回同意',
  params: z.object({ slug: z.string().regex(/^[a-z0-9]{6,32}$/, '页面不存在') }),
  body: publicSignupFields.and(publicFormGuard),
  response: z.object({ receiptCode: z.string(), ageBand: ageBand }),
});

export const publicSignupStatus = z.object({
  pageTitle: z.string(),
  unitName: z.string(),
  /** Masked, so a code read over someone's shoulder gives away little. */
  name: z.string(),
  status: signupStatus,
  /** A decline's reason, a forward's new unit: what the person should know. */
  message: z.string().nullable(),
  submittedAt: z.string(),
  lockedFields: z.array(signupLockableField),
  editable: z.boolean(),
  consentWithdrawn: z.boolean(),
});

export const getPublicSignupStatus = defineContract({
  method: 'POST',
  path: '/api/public/signups/status',
  access: 'public',
  tag: 'public',
  summary: '凭回执码查询报名进度',
  body: z.object({ receiptCode }),
  response: publicSignupStatus,
});

export const updatePublicSignup = defineContract({
  method: 'POST',
  path: '/api/public/signups/update',
  access: 'public',
  tag: 'public',
  summary: '凭回执码修改报名信息：待审核时都可改；入库后只能改未经核实的字段，修改标记给团干部复核',
  body: z.object({
    receiptCode,
    fields: publicSignupFields.partial(),
    challenge: z.string().max(300),
    nonce: z.string().max(40),
  }),
  response: publicSignupStatus,
});

export const withdrawPublicConsent = defineContract({
  method: 'POST',
  path: '/api/public/consents/withdraw',
  access: 'public',
  tag: 'public',
  summary: '凭回执码撤回同意：待审核的报名撤回并删除其中的个人信息；已入库的，同意记录标记撤回并通知经办单位',
  body: z.object({
    receiptCode,
    challenge: z.string().max(300),
    nonce: z.string().max(40),
  }),
  response: z.object({ withdrawnAt: z.string() }),
});
