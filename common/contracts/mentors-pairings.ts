import { z } from 'zod';
import { defineContract, idParams, pageOf, pageQuery } from '../contract';

/**
 * 结对 of a 梦想导师 with a 重点培养对象 under a 指导协议 (seed 000 §二.3: 至少一年的陪伴式职业指导).
 * 拟结对 → 已签约 → 指导中 → 期满结束 / 提前终止; every change lands in the pairing's history.
 */

export const PAIRING_STATUSES = {
  proposed: '拟结对',
  signed: '已签约',
  active: '指导中',
  completed: '期满结束',
  terminated: '提前终止',
} as const;
export type PairingStatus = keyof typeof PAIRING_STATUSES;
export const pairingStatus = z.enum(['proposed', 'signed', 'active', 'completed', 'terminated']);
/** Pairings that occupy one of the mentor's places. */
export const OPEN_STATUSES: PairingStatus[] = ['proposed', 'signed', 'active'];
/** Guidance can be logged once the agreement is signed, until the pairing ends. */
export const LOGGABLE_STATUSES: PairingStatus[] = ['signed', 'active'];

export const PAIRING_EVENTS = {
  created: '拟结对',
  signed: '签订指导协议',
  agreement: '上传指导协议',
  started: '开始指导',
  extended: '延长结对期限',
  completed: '期满结束',
  terminated: '提前终止',
} as const;

export const GUIDANCE_WAYS = ['面谈', '线上', '带教', '作品点评', '电话', '其他'] as const;

export const AGREEMENT_MAX_BYTES = 20 * 1024 * 1024;
export const AGREEMENT_ACCEPT = '.pdf,.jpg,.jpeg,.png,.docx,.doc';

const YMD = /^\d{4}-\d{2}-\d{2}$/;
const ymd = (label: string) => z.string().regex(YMD, `${label}格式应为 YYYY-MM-DD`);

/** The earliest end date an agreement starting on `start` may have: the same day one year later (29 Feb → 28 Feb). */
export function minimumEndDate(start: string): string {
  const [y, m, d] = start.split('-').map(Number);
  const last = new Date(Date.UTC(y + 1, m, 0)).getUTCDate();
  const day = Math.min(d, last);
  return `${y + 1}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export const ONE_YEAR_MESSAGE = '指导协议期限至少一年（筑梦计划要求提供至少一年的陪伴式职业指导）';

const text = (max: number) => z.string().trim().max(max);
const version = z.number().int().positive();

export const pairingEvent = z.object({
  id: z.number().int(),
  event: z.string(),
  label: z.string(),
  fromEndDate: z.string().nullable(),
  toEndDate: z.string().nullable(),
  note: z.string().nullable(),
  by: z.string().nullable(),
  at: z.string(),
});

export const mentorLog = z.object({
  id: z.number().int(),
  date: z.string(),
  way: z.string(),
  content: z.string(),
  nextSteps: z.string().nullable(),
  enteredBy: z.string().nullable(),
  /** Entered by the mentor themself rather than a cadre. */
  byMentor: z.boolean(),
  createdAt: z.string(),
});
export type MentorLog = z.infer<typeof mentorLog>;

export const pairingListItem = z.object({
  id: z.number().int(),
  mentor: z.object({ id: z.number().int(), name: z.string() }),
  youth: z.object({
    id: z.number().int(),
    name: z.string(),
    category: z.string().nullable(),
    occupation: z.string().nullable(),
  }),
  unit: z.object({ id: z.number().int(), name: z.string() }),
  status: pairingStatus,
  startDate: z.string(),
  endDate: z.string(),
  signedOn: z.string().nullable(),
  endedOn: z.string().nullable(),
  lastLogDate: z.string().nullable(),
  logCount: z.number().int(),
  hasAgreement: z.boolean(),
  version: z.number().int(),
});
export type PairingListItem = z.infer<typeof pairingListItem>;

export const pairingDetail = pairingListItem.extend({
  goals: z.string().nullable(),
  endReason: z.string().nullable(),
  agreement: z.object({ fileName: z.string(), size: z.number().int(), uploadedAt: z.string() }).nullable(),
  events: z.array(pairingEvent),
  logs: z.array(mentorLog),
  createdAt: z.string(),
});
export type PairingDetail = z.infer<typeof pairingDetail>;

export const listPairings = defineContract({
  method: 'GET',
  path: '/api/mentor-pairings',
  access: 'mentors.read',
  tag: 'mentors',
  summary: '结对列表（本单位及下级）',
  query: pageQuery.extend({
    q: text(50).optional(),
    status: pairingStatus.optional(),
    mentorId: z.coerce.number().int().positive().optional(),
    youthId: z.coerce.number().int().positive().optional(),
  }),
  response: pageOf(pairingListItem),
});

export const createPairing = defineContract({
  method: 'POST',
  path: '/api/mentor-pairings',
  access: 'mentors.write',
  tag: 'mentors',
  summary: '新建结对（拟结对；只限重点培养对象，协议期限至少一年）',
  body: z.object({
    mentorId: z.number().int().positive({ message: '请选择导师' }),
    youthId: z.number().int().positive({ message: '请选择培养对象' }),
    startDate: ymd('开始日期'),
    endDate: ymd('结束日期'),
    goals: text(1000)
      .nullable()
      .optional()
      .transform((v) => v || null),
  }),
  response: pairingDetail,
});

export const getPairing = defineContract({
  method: 'GET',
  path: '/api/mentor-pairings/:id',
  access: 'mentors.read',
  tag: 'mentors',
  summary: '结对详情：协议、状态历史与指导记录',
  params: idParams,
  response: pairingDetail,
});

export const signPairing = defineContract({
  method: 'POST',
  path: '/api/mentor-pairings/:id/sign',
  access: 'mentors.write',
  tag: 'mentors',
  summary: '签订指导协议（拟结对 → 已签约；须已上传协议或填写签订日期）',
  params: idParams,
  body: z.object({ version, signedOn: ymd('签订日期').nullable().optional() }),
  response: pairingDetail,
});

export const startPairing = defineContract({
  method: 'POST',
  path: '/api/mentor-pairings/:id/start',
  access: 'mentors.write',
  tag: 'mentors',
  summary: '开始指导（已签约 → 指导中）',
  params: idParams,
  body: z.object({ version }),
  response: pairingDetail,
});

export const extendPairing = defineContract({
  method: 'POST',
  path: '/api/mentor-pairings/:id/extend',
  access: 'mentors.write',
  tag: 'mentors',
  summary: '延长结对期限（新的结束日期须晚于原结束日期）',
  params: idParams,
  body: z.object({ version, endDate: ymd('新的结束日期'), note: text(200).optional() }),
  response: pairingDetail,
});

export const endPairing = defineContract({
  method: 'POST',
  path: '/api/mentor-pairings/:id/end',
  access: 'mentors.write',
  tag: 'mentors',
  summary: '结束结对：期满结束，或提前终止（须填写原因）',
  params: idParams,
  body: z.object({
    version,
    outcome: z.enum(['completed', 'terminated']),
    endedOn: ymd('结束日期').optional(),
    reason: text(500).optional(),
  }),
  response: pairingDetail,
});

export const uploadAgreement = defineContract({
  method: 'POST',
  path: '/api/mentor-pairings/:id/agreement',
  access: 'mentors.write',
  tag: 'mentors',
  summary: '上传指导协议（PDF、图片或 Word，不超过 20 MB；替换原有文件）',
  params: idParams,
  body: z.object({}),
  response: pairingDetail,
  upload: { maxBytes: AGREEMENT_MAX_BYTES },
});

export const downloadAgreement = defineContract({
  method: 'GET',
  path: '/api/mentor-pairings/:id/agreement',
  access: 'mentors.read',
  tag: 'mentors',
  summary: '下载指导协议',
  params: idParams,
  response: z.unknown(),
  binary: true,
});

export const logFields = z.object({
  date: ymd('指导日期'),
  way: text(20).min(1, '请选择指导方式'),
  content: text(2000).min(2, '请填写指导内容'),
  nextSteps: text(1000)
    .nullable()
    .optional()
    .transform((v) => v || null),
});

export const createPairingLog = defineContract({
  method: 'POST',
  path: '/api/mentor-pairings/:id/logs',
  access: 'mentors.write',
  tag: 'mentors',
  summary: '填写指导记录（团干部代录）',
  params: idParams,
  body: logFields,
  response: mentorLog,
});

export const attentionItem = pairingListItem.extend({
  /** Days since the last guidance log (or since signing / the start date when there is none). */
  silentDays: z.number().int(),
  daysToEnd: z.number().int(),
});
export type AttentionItem = z.infer<typeof attentionItem>;

export const pairingAttention = defineContract({
  method: 'GET',
  path: '/api/mentor-pairings/attention',
  access: 'mentors.read',
  tag: 'mentors',
  summary: '需关注的结对：超过 N 天未填写指导记录、60 天内到期',
  query: z.object({
    silentDays: z.coerce.number().int().min(1).max(3650).default(30),
    endingDays: z.coerce.number().int().min(1).max(365).default(60),
  }),
  response: z.object({ silent: z.array(attentionItem), ending: z.array(attentionItem) }),
});
