import { z } from 'zod';
import { defineContract, idParams, pageOf, pageQuery } from '../contract';

/**
 * 青联会员团体 of a city or county federation (seed 003 §三.5): 推荐或申请 → 资格审查 → 常委会审议 → 吸纳,
 * or 未通过; once admitted, 年度评议 and 调整退出 by procedure. The League itself is listed, never counted.
 */

export const MEMBER_STATUSES = {
  proposed: '推荐或申请',
  qualification: '资格审查通过',
  committee: '常委会审议通过',
  admitted: '已吸纳',
  rejected: '未通过',
  exited: '已退出',
} as const;
export type MemberStatus = keyof typeof MEMBER_STATUSES;
export const memberStatus = z.enum([
  'proposed',
  'qualification',
  'committee',
  'admitted',
  'rejected',
  'exited',
]);

export const MEMBER_ORIGINS = { recommended: '推荐', applied: '申请' } as const;
export const memberOrigin = z.enum(['recommended', 'applied']);

/** The admission procedure in order: each step is open only from the status before it. */
export const ADMISSION_STEPS = {
  qualification: { label: '资格审查', from: 'proposed', to: 'qualification' },
  committee: { label: '常委会审议', from: 'qualification', to: 'committee' },
  admitted: { label: '吸纳', from: 'committee', to: 'admitted' },
} as const;
export type AdmissionStep = keyof typeof ADMISSION_STEPS;
export const admissionStep = z.enum(['qualification', 'committee', 'admitted']);

export const STEP_LABELS: Record<string, string> = {
  recommended: '推荐',
  applied: '申请',
  qualification: '资格审查',
  committee: '常委会审议',
  admitted: '吸纳',
  rejected: '未通过',
  annual_review: '年度评议',
  exited: '调整退出',
  league: '共青团（当然会员）',
};

export const STEP_OUTCOMES: Record<string, string> = { passed: '通过', failed: '未通过' };

export const REVIEW_OUTCOMES = ['合格', '基本合格', '不合格'] as const;

export const EXIT_REASONS = {
  law: '违反宪法和法律',
  charter: '违反青联章程',
  ineffective: '发挥作用不明显',
  other: '其他',
} as const;
export type ExitReason = keyof typeof EXIT_REASONS;
export const exitReason = z.enum(['law', 'charter', 'ineffective', 'other']);

export const SOCIETY_KINDS = {
  registered: '已注册社会组织',
  unregistered: '未注册青年自组织',
  community: '青年社群',
} as const;
export type SocietyKind = keyof typeof SOCIETY_KINDS;

/** 统战、网信等部门和文联、作协等团体组织 (seed 003 §三.5): a society they lead may join before registration. */
export const LEADING_BODIES = ['统战', '网信', '文联', '作协'] as const;

export type AdmissionBasis = 'registered' | 'led' | 'league';
export const ADMISSION_BASES: Record<AdmissionBasis, string> = {
  registered: '已在民政部门登记',
  led: '统战、网信、文联、作协等主导成立（可在注册前吸纳）',
  league: '团属青年社团（可在注册前吸纳）',
};

type SocietyFacts = {
  kind: SocietyKind;
  registeredOn: string | null;
  leagueAffiliated: boolean;
  buildMode: 'independent' | 'joint' | null;
  builtWith: string[];
};

/**
 * Why a society may be admitted (seed 003 §三.5), or null: registered (kind and date), or — even
 * before registration — led by 统战、网信、文联、作协 (built jointly with one of them), or League-affiliated.
 */
export function admissionBasis(s: SocietyFacts): AdmissionBasis | null {
  if (s.kind === 'registered' && s.registeredOn) return 'registered';
  if (s.leagueAffiliated) return 'league';
  if (s.buildMode === 'joint' && s.builtWith.some((b) => LEADING_BODIES.some((l) => b.includes(l)))) {
    return 'led';
  }
  return null;
}

export function notAdmissibleMessage(name: string): string {
  return (
    `「${name}」尚未在民政部门登记注册，也不是统战、网信等部门或文联、作协等团体组织主导成立的青年社团或团属青年社团，` +
    '按中青联发〔2021〕5号第三部分第5条暂不具备吸纳条件。可采用开放部分青联委员推荐名额等方式与青联保持相对紧密联系（在该社团页面登记青联委员推荐名额）'
  );
}

export const DOCUMENT_MAX_BYTES = 20 * 1024 * 1024;
export const DOCUMENT_ACCEPT = '.pdf,.jpg,.jpeg,.png,.docx,.doc';

const YMD = /^\d{4}-\d{2}-\d{2}$/;
export const ymd = (label: string) => z.string().regex(YMD, `${label}格式应为 YYYY-MM-DD`);
const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) =>
  text(max)
    .nullable()
    .optional()
    .transform((v) => v || null);
const version = z.number().int().positive();

const societyRef = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.enum(['registered', 'unregistered', 'community']),
  field: z.string().nullable(),
  leagueAffiliated: z.boolean(),
  registeredOn: z.string().nullable(),
  buildMode: z.enum(['independent', 'joint']).nullable(),
  builtWith: z.array(z.string()),
  /** Why it may be admitted, or null (then only 青联委员推荐名额). */
  basis: z.enum(['registered', 'led', 'league']).nullable(),
  /** League-affiliated and covering an emerging field: counts toward the second target. */
  emergingLeague: z.boolean(),
});
export type SocietyRef = z.infer<typeof societyRef>;

export const memberListItem = z.object({
  id: z.number().int(),
  unit: z.object({ id: z.number().int(), name: z.string(), level: z.string() }),
  name: z.string(),
  society: societyRef.nullable(),
  isLeague: z.boolean(),
  origin: memberOrigin,
  status: memberStatus,
  beforeRegistration: z.boolean(),
  admittedOn: z.string().nullable(),
  exitedOn: z.string().nullable(),
  exitReason: exitReason.nullable(),
  /** Counts toward 3 个以上会员团体 today (admitted, not exited, not the League). */
  counted: z.boolean(),
  lastReview: z.object({ on: z.string(), outcome: z.string() }).nullable(),
  version: z.number().int(),
});
export type MemberListItem = z.infer<typeof memberListItem>;

export const memberStep = z.object({
  id: z.number().int(),
  step: z.string(),
  label: z.string(),
  onDate: z.string(),
  outcome: z.string().nullable(),
  note: z.string().nullable(),
  document: z.object({ fileName: z.string(), size: z.number().int() }).nullable(),
  by: z.string().nullable(),
  at: z.string(),
});
export type MemberStep = z.infer<typeof memberStep>;

export const memberDetail = memberListItem.extend({
  exitNote: z.string().nullable(),
  steps: z.array(memberStep),
  createdAt: z.string(),
});
export type MemberDetail = z.infer<typeof memberDetail>;

export const listMembers = defineContract({
  method: 'GET',
  path: '/api/federation/members',
  access: 'orgs.read',
  tag: 'federation',
  summary: '青联会员团体列表（本级及下级市、县青联；共青团列出但不计入）',
  query: pageQuery.extend({
    unitId: z.coerce.number().int().positive().optional(),
    includeDescendants: z.enum(['true', 'false']).optional(),
    q: text(50).optional(),
    status: memberStatus.optional(),
  }),
  response: pageOf(memberListItem),
});

export const createMember = defineContract({
  method: 'POST',
  path: '/api/federation/members',
  access: 'orgs.write',
  tag: 'federation',
  summary: '推荐或申请加入青联的团体（从青年社团中选择，或填写名称）',
  body: z
    .object({
      unitId: z.number().int().positive({ message: '请选择青联所在的市或县' }),
      societyId: z.number().int().positive().nullable().optional(),
      name: optionalText(100),
      /** A group outside the society register is declared registered (others go through the register). */
      declaredRegistered: z.boolean().optional(),
      origin: memberOrigin,
      onDate: ymd('推荐或申请日期'),
      note: optionalText(500),
    })
    .refine((b) => b.societyId || b.name, { message: '请选择青年社团或填写团体名称', path: ['name'] }),
  response: memberDetail,
});

export const getMember = defineContract({
  method: 'GET',
  path: '/api/federation/members/:id',
  access: 'orgs.read',
  tag: 'federation',
  summary: '会员团体详情：吸纳程序、年度评议与退出的全部记录',
  params: idParams,
  response: memberDetail,
});

export const advanceMember = defineContract({
  method: 'POST',
  path: '/api/federation/members/:id/steps',
  access: 'orgs.write',
  tag: 'federation',
  summary: '记录吸纳程序的下一步（资格审查 → 常委会审议 → 吸纳；不能跳过，未通过即终止）',
  params: idParams,
  body: z.object({
    version,
    step: admissionStep,
    outcome: z.enum(['passed', 'failed']),
    onDate: ymd('日期'),
    note: optionalText(500),
  }),
  response: memberDetail,
});

export const reviewMember = defineContract({
  method: 'POST',
  path: '/api/federation/members/:id/review',
  access: 'orgs.write',
  tag: 'federation',
  summary: '年度评议（合格 / 基本合格 / 不合格）',
  params: idParams,
  body: z.object({
    version,
    onDate: ymd('评议日期'),
    outcome: z.enum(REVIEW_OUTCOMES),
    note: optionalText(500),
  }),
  response: memberDetail,
});

export const exitMember = defineContract({
  method: 'POST',
  path: '/api/federation/members/:id/exit',
  access: 'orgs.write',
  tag: 'federation',
  summary: '按程序调整退出（须选择原因；自退出之日起不再计入）',
  params: idParams,
  body: z.object({
    version,
    onDate: ymd('退出日期'),
    reason: exitReason,
    note: optionalText(500),
  }),
  response: memberDetail,
});

export const uploadStepDocument = defineContract({
  method: 'POST',
  path: '/api/federation/members/:id/steps/:stepId/document',
  access: 'orgs.write',
  tag: 'federation',
  summary: '上传程序文件（推荐函、申请书、审查意见、会议纪要等；PDF、图片或 Word，不超过 20 MB）',
  params: z.object({ id: z.coerce.number().int().positive(), stepId: z.coerce.number().int().positive() }),
  body: z.object({}),
  response: memberDetail,
  upload: { maxBytes: DOCUMENT_MAX_BYTES },
});

export const downloadStepDocument = defineContract({
  method: 'GET',
  path: '/api/federation/members/:id/steps/:stepId/document',
  access: 'orgs.read',
  tag: 'federation',
  summary: '下载程序文件',
  params: z.object({ id: z.coerce.number().int().positive(), stepId: z.coerce.number().int().positive() }),
  response: z.unknown(),
  binary: true,
});

export const societyOptions = defineContract({
  method: 'GET',
  path: '/api/federation/society-options',
  access: 'orgs.read',
  tag: 'federation',
  summary: '可推荐为会员团体的青年社团（本级及下级登记的，附吸纳条件）',
  query: z.object({ q: text(50).optional() }),
  response: z.object({ items: z.array(societyRef) }),
});
