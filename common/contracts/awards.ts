import { z } from 'zod';
import { defineContract, ID_MAX, okResponse } from '../contract';
import { publicFormGuard, publicNotice, RECEIPT_CODE_PATTERN } from './public';

/**
 * 评奖、公示、证书与向上推荐: the organiser proposes awards from the ranking, shows them on the public
 * site for objections (公示), confirms them, issues certificates the public can verify, and recommends the
 * best works to the higher unit's call within its quota.
 */

const text = (max: number) => z.string().trim().max(max);
const id = z.number().int().positive().max(ID_MAX);
const callParams = z.object({ id: z.coerce.number().int().positive().max(ID_MAX) });

/**
 * proposing: awards being decided; publicity: on the public site, objections open; publicity_ended: the
 * window is over, waiting for 确认结果; final: confirmed, certificates issued.
 */
export const AWARD_PHASES = {
  proposing: '评定中',
  publicity: '公示中',
  publicity_ended: '公示期满，待确认',
  final: '结果已确认',
} as const;
export const awardPhase = z.enum(['proposing', 'publicity', 'publicity_ended', 'final']);
export type AwardPhase = z.infer<typeof awardPhase>;

export const OBJECTION_STATUSES = { open: '待答复', upheld: '异议成立', dismissed: '异议不成立' } as const;
export const objectionStatus = z.enum(['open', 'upheld', 'dismissed']);

export const awardLevel = z.object({ key: z.string(), label: z.string(), count: z.number().int() });

export const awardEntry = z.object({
  entryId: z.number().int(),
  entryNo: z.number().int(),
  label: z.string(),
  title: z.string(),
  categoryLabel: z.string(),
  finalScore: z.number(),
  /** Competition ranking: equal scores share a rank (1, 2, 2, 4). */
  rank: z.number().int(),
  /** Shares its score with another entry: the organiser decides between them. */
  tied: z.boolean(),
  /** What the ranking suggests, filling the levels in order of their counts. */
  proposedLevelKey: z.string().nullable(),
  awardLevelKey: z.string().nullable(),
  certificateCode: z.string().nullable(),
});
export type AwardEntry = z.infer<typeof awardEntry>;

export const callAwards = z.object({
  callId: z.number().int(),
  title: z.string(),
  unitName: z.string(),
  phase: awardPhase,
  levels: z.array(awardLevel),
  publicityDays: z.number().int(),
  publicityStartsAt: z.string().nullable(),
  publicityEndsAt: z.string().nullable(),
  awardsFinalAt: z.string().nullable(),
  /** The public results page, /m/c/<slug>/results. */
  resultsPath: z.string(),
  openObjections: z.number().int(),
  /** An objection was upheld in this 公示: the awards may be changed, and 公示 starts again. */
  changeAllowed: z.boolean(),
  entries: z.array(awardEntry),
});
export type CallAwards = z.infer<typeof callAwards>;

export const getCallAwards = defineContract({
  method: 'GET',
  path: '/api/calls/:id/awards',
  access: 'calls.read',
  tag: 'calls',
  summary: '评奖：按最终得分排名的有效作品、按奖项名额给出的建议、已定奖项、公示与确认的状态',
  params: callParams,
  response: callAwards,
});

export const saveCallAwards = defineContract({
  method: 'PUT',
  path: '/api/calls/:id/awards',
  access: 'calls.manage',
  tag: 'calls',
  summary:
    '保存奖项：列出的作品获相应奖项，其余不获奖。超出某奖项名额须说明理由；公示期间只有异议成立后才能调整，调整后重新公示',
  params: callParams,
  body: z.object({
    awards: z.array(z.object({ entryId: id, levelKey: text(40).min(1) })).max(2000),
    reason: text(500).optional(),
  }),
  response: callAwards,
});

export const startPublicity = defineContract({
  method: 'POST',
  path: '/api/calls/:id/awards/publicity',
  access: 'calls.manage',
  tag: 'calls',
  summary: '开始公示：获奖名单在公开页面展示设定的天数，期间任何人可提出异议',
  params: callParams,
  response: callAwards,
});

export const confirmAwards = defineContract({
  method: 'POST',
  path: '/api/calls/:id/awards/final',
  access: 'calls.manage',
  tag: 'calls',
  summary: '确认结果：公示期满且异议均已答复后，结果生效并为每件获奖作品生成证书编号',
  params: callParams,
  response: callAwards,
});

export const callObjection = z.object({
  id: z.number().int(),
  entryLabel: z.string().nullable(),
  content: z.string(),
  contactName: z.string(),
  /** Decrypted for the organiser, who may need to call back. */
  contactPhone: z.string().nullable(),
  status: objectionStatus,
  response: z.string().nullable(),
  handledByName: z.string().nullable(),
  handledAt: z.string().nullable(),
  createdAt: z.string(),
});
export type CallObjection = z.infer<typeof callObjection>;

export const listCallObjections = defineContract({
  method: 'GET',
  path: '/api/calls/:id/objections',
  access: 'calls.manage',
  tag: 'calls',
  summary: '公示期间收到的异议及答复（异议内容不公开）',
  params: callParams,
  response: z.object({ items: z.array(callObjection) }),
});

export const answerObjection = defineContract({
  method: 'POST',
  path: '/api/calls/:id/objections/:objectionId/answer',
  access: 'calls.manage',
  tag: 'calls',
  summary: '答复异议：成立或不成立，并写明答复意见；成立后可调整奖项',
  params: z.object({
    id: z.coerce.number().int().positive().max(ID_MAX),
    objectionId: z.coerce.number().int().positive().max(ID_MAX),
  }),
  body: z.object({
    decision: z.enum(['upheld', 'dismissed']),
    response: text(1000).min(2, '请填写答复意见'),
  }),
  response: callObjection,
});

export const certificate = z.object({
  entryId: z.number().int(),
  code: z.string(),
  /** The entrants' full names: the certificate is theirs. */
  names: z.array(z.string()),
  groupName: z.string().nullable(),
  workTitle: z.string(),
  levelLabel: z.string(),
  /** The public page that checks the code, /m/v/<code>. */
  verifyPath: z.string(),
});
export type Certificate = z.infer<typeof certificate>;

export const getCertificates = defineContract({
  method: 'GET',
  path: '/api/calls/:id/certificates',
  access: 'calls.manage',
  tag: 'calls',
  summary: '获奖证书的内容（含获奖者姓名，每次调取记入审计）：不传 entryId 为全部获奖作品',
  params: callParams,
  query: z.object({ entryId: z.coerce.number().int().positive().max(ID_MAX).optional() }),
  response: z.object({
    unitName: z.string(),
    callTitle: z.string(),
    issuedAt: z.string(),
    items: z.array(certificate),
  }),
});

// —— 向上推荐 ——

export const recommendTarget = z.object({
  id: z.number().int(),
  title: z.string(),
  unitName: z.string(),
});

export const recommendChainStep = z.object({
  callTitle: z.string(),
  unitName: z.string(),
  label: z.string(),
  finalScore: z.number().nullable(),
  awardLabel: z.string().nullable(),
  /** Who recommended the entry of this level upward, and why. */
  recommendedByName: z.string().nullable(),
  recommendNote: z.string().nullable(),
});

export const RECOMMENDATION_STATES = {
  submitted: '待上级审查',
  reviewed: '上级已受理',
  withdrawn: '已撤回',
} as const;

export const recommendCandidate = z.object({
  entryId: z.number().int(),
  label: z.string(),
  title: z.string(),
  categoryLabel: z.string(),
  finalScore: z.number(),
  rank: z.number().int(),
  awardLabel: z.string().nullable(),
  /** The entry in the higher call, while the recommendation stands. */
  recommendation: z
    .object({
      parentEntryId: z.number().int(),
      state: z.enum(['submitted', 'reviewed']),
      note: z.string().nullable(),
      recommendedAt: z.string(),
    })
    .nullable(),
});

export const receivedEntry = z.object({
  entryId: z.number().int(),
  label: z.string(),
  title: z.string(),
  status: z.string(),
  recommendedAt: z.string(),
  /** From the lowest level up to the one that recommended it to this call. */
  chain: z.array(recommendChainStep),
});

export const receivedFromUnit = z.object({
  callId: z.number().int(),
  callTitle: z.string(),
  unitName: z.string(),
  quota: z.number().int(),
  used: z.number().int(),
  entries: z.array(receivedEntry),
});

export const callRecommendations = z.object({
  callId: z.number().int(),
  parent: recommendTarget.nullable(),
  quota: z.number().int(),
  used: z.number().int(),
  /** Why nothing can be recommended now (no parent call, no final scores…), or null. */
  blockedReason: z.string().nullable(),
  candidates: z.array(recommendCandidate),
  /** On a higher call: what the lower calls recommended to it, per call and its quota. */
  received: z.array(receivedFromUnit),
});
export type CallRecommendations = z.infer<typeof callRecommendations>;

export const getCallRecommendations = defineContract({
  method: 'GET',
  path: '/api/calls/:id/recommendations',
  access: 'calls.read',
  tag: 'calls',
  summary:
    '向上推荐：上级征集、名额与已用、可推荐的作品；以及下级向本征集推荐来的作品（按单位，含各级得分、奖项和推荐人）',
  params: callParams,
  response: callRecommendations,
});

export const recommendEntries = defineContract({
  method: 'POST',
  path: '/api/calls/:id/recommendations',
  access: 'calls.manage',
  tag: 'calls',
  summary: '向上级征集推荐作品（在名额之内），上级重新审查和评审',
  params: callParams,
  body: z.object({
    entryIds: z.array(id).min(1, '请选择要推荐的作品').max(200),
    note: text(500).optional(),
  }),
  response: callRecommendations,
});

export const withdrawRecommendation = defineContract({
  method: 'POST',
  path: '/api/calls/:id/recommendations/:entryId/withdraw',
  access: 'calls.manage',
  tag: 'calls',
  summary: '撤回推荐：上级审查之前可以撤回',
  params: z.object({
    id: z.coerce.number().int().positive().max(ID_MAX),
    entryId: z.coerce.number().int().positive().max(ID_MAX),
  }),
  response: callRecommendations,
});

// —— 公开页面 ——

const slugParams = z.object({ slug: z.string().regex(/^[a-z0-9]{6,32}$/, '页面不存在') });

export const publicResultItem = z.object({
  entryNo: z.number().int(),
  label: z.string(),
  levelLabel: z.string(),
  /** Null unless the entrants agreed to the work being shown in public. */
  title: z.string().nullable(),
  categoryLabel: z.string().nullable(),
  /** Masked as everywhere on the platform: 张*. */
  names: z.array(z.string()).nullable(),
  /** City and county only. */
  place: z.string().nullable(),
});

export const publicCallResults = z.object({
  title: z.string(),
  unitName: z.string(),
  state: z.enum(['publicity', 'closed', 'final']),
  publicityStartsAt: z.string(),
  publicityEndsAt: z.string(),
  items: z.array(publicResultItem),
  /** The call unit's current notice: an objection names a contact, so it is given under it. */
  notice: publicNotice,
});
export type PublicCallResults = z.infer<typeof publicCallResults>;

export const getPublicCallResults = defineContract({
  method: 'GET',
  path: '/api/public/calls/:slug/results',
  access: 'public',
  tag: 'public',
  summary:
    '获奖结果公示：作品编号、奖项；作者同意公开的，另有作品名、类别、姓名（部分隐去）和所在市县；提出异议前须阅读的个人信息处理规则（当前版本）',
  params: slugParams,
  response: publicCallResults,
});

export const submitObjection = defineContract({
  method: 'POST',
  path: '/api/public/calls/:slug/objections',
  access: 'public',
  tag: 'public',
  summary: '公示期间对结果提出异议：须同意个人信息处理规则；内容和联系方式只给主办单位，不公开',
  params: slugParams,
  body: z
    .object({
      entryNo: z.number().int().positive().max(ID_MAX).nullable().optional(),
      content: text(1000).min(10, '请具体说明异议（至少 10 个字）'),
      contactName: text(50).min(1, '请填写联系人'),
      phone: text(30).min(1, '请填写联系电话'),
    })
    .and(publicFormGuard),
  response: okResponse,
});

/** Certificate codes are read off paper: case, spaces and a missing dash are forgiven. */
export const normaliseCertificateCode = (raw: string) => {
  const v = raw.toUpperCase().replace(/[\s-]/g, '');
  return v.length === 12 ? `${v.slice(0, 4)}-${v.slice(4, 8)}-${v.slice(8)}` : v;
};
export const CERTIFICATE_CODE_PATTERN = RECEIPT_CODE_PATTERN;

export const verifyCertificate = defineContract({
  method: 'GET',
  path: '/api/public/certificates/:code',
  access: 'public',
  tag: 'public',
  summary: '核验证书编号：征集名称、主办单位、奖项、作品名、获奖者（部分隐去）和颁发日期',
  params: z.object({ code: z.string().max(40) }),
  response: z.object({
    code: z.string(),
    callTitle: z.string(),
    unitName: z.string(),
    levelLabel: z.string(),
    workTitle: z.string(),
    names: z.array(z.string()),
    issuedAt: z.string(),
  }),
});
