import { z } from 'zod';
import { defineContract } from '../contract';

/**
 * 个人信息处理规则 (PIPL Art. 17): each unit's notice, versioned. Publishing a change makes a new
 * version; old versions stay readable because consent records point at them.
 */

const text = (max: number) => z.string().trim().max(max);

export const NOTICE_SECTIONS = {
  controller: '个人信息处理者',
  purpose: '处理目的与方式',
  categories: '处理的个人信息种类',
  retention: '保存期限',
  rights: '您的权利及行使方式',
  contact: '联系方式',
} as const;

export const noticeSections = z.object({
  controller: text(200).min(1, '请填写个人信息处理者'),
  purpose: text(2000).min(1, '请填写处理目的与方式'),
  categories: text(2000).min(1, '请填写处理的个人信息种类'),
  retention: text(500).min(1, '请填写保存期限'),
  rights: text(2000).min(1, '请填写您的权利及行使方式'),
  contact: text(200).min(1, '请填写联系方式'),
});
export type NoticeSectionsInput = z.infer<typeof noticeSections>;

export const privacyNotice = z.object({
  id: z.number().int(),
  unitId: z.number().int(),
  unitName: z.string(),
  version: z.number().int(),
  title: z.string(),
  sections: noticeSections,
  contentHash: z.string(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
});
export type PrivacyNotice = z.infer<typeof privacyNotice>;

export const listPrivacyNotices = defineContract({
  method: 'GET',
  path: '/api/privacy-notices',
  access: 'public.manage',
  tag: 'privacy',
  summary: '本单位个人信息处理规则的全部版本（新版本在前）；尚未发布时返回国家模板供修改',
  response: z.object({ versions: z.array(privacyNotice), template: noticeSections }),
});

export const publishPrivacyNotice = defineContract({
  method: 'POST',
  path: '/api/privacy-notices',
  access: 'public.manage',
  tag: 'privacy',
  summary: '发布新版本（旧版本保留，已有同意记录仍指向其当时看到的版本）',
  body: z.object({ title: text(100).min(1, '请填写标题'), sections: noticeSections }),
  response: privacyNotice,
});

export const CONSENT_PURPOSES = { registration: '个人信息登记', publicity: '作品公开展示' } as const;

/** A consent record as cadres see it (the person page, a sign-up's detail). */
export const consentRecord = z.object({
  id: z.number().int(),
  purpose: z.enum(['registration', 'publicity']),
  noticeVersion: z.number().int(),
  noticeHash: z.string(),
  noticeId: z.number().int(),
  channel: z.string(),
  pagePath: z.string(),
  ipAnon: z.string(),
  userAgent: z.string(),
  guardianName: z.string().nullable(),
  guardianRelation: z.string().nullable(),
  givenAt: z.string(),
  withdrawnAt: z.string().nullable(),
  withdrawnChannel: z.string().nullable(),
});
export type ConsentRecord = z.infer<typeof consentRecord>;
