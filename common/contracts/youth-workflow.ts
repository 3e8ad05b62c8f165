import { z } from 'zod';
import { defineContract, idParams, pageOf } from '../contract';
import { youthStage } from './youth';

/** 青年库 workflows around a record: contacts, stage proposals and reviews, transfers, timeline. */

const text = (max: number) => z.string().trim().max(max);
const unitRef = z.object({ id: z.number().int(), name: z.string() });

export const INTERACTION_WAYS = ['走访', '座谈', '电话', '微信/网络沟通', '活动参与', '其他'] as const;

export const interaction = z.object({
  id: z.number().int(),
  youthId: z.number().int(),
  date: z.string(),
  way: z.string(),
  contactedBy: z.string(),
  summary: z.string(),
  followUpNeeded: z.boolean(),
  followUpNote: z.string().nullable(),
  unit: unitRef,
  createdAt: z.string(),
});

export const listInteractions = defineContract({
  method: 'GET',
  path: '/api/youth/:id/interactions',
  access: 'youth.read',
  tag: 'youth',
  summary: '联系记录（新的在前）',
  params: idParams,
  response: z.object({ items: z.array(interaction) }),
});

export const createInteraction = defineContract({
  method: 'POST',
  path: '/api/youth/:id/interactions',
  access: 'youth.write',
  tag: 'youth',
  summary: '新增联系记录（更新最近联系时间）',
  params: idParams,
  body: z.object({
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD'),
    way: text(20).min(1, '请选择联系方式'),
    contactedBy: text(50).min(1, '请填写联系人'),
    summary: text(2000).min(2, '请填写联系情况'),
    followUpNeeded: z.boolean().default(false),
    followUpNote: text(500).nullable().optional(),
  }),
  response: interaction,
});

export const stageProposal = z.object({
  id: z.number().int(),
  youthId: z.number().int(),
  youthName: z.string(),
  unit: unitRef,
  fromStage: youthStage,
  toStage: youthStage,
  reason: z.string(),
  proposedBy: z.string(),
  proposedAt: z.string(),
  status: z.enum(['pending', 'approved', 'rejected']),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewComment: z.string().nullable(),
});

export const proposeStage = defineContract({
  method: 'POST',
  path: '/api/youth/:id/stage-proposals',
  access: 'youth.write',
  tag: 'youth',
  summary: '提出培养阶段调整（联系对象 ⇄ 重点培养对象），待审核',
  params: idParams,
  body: z.object({ toStage: youthStage, reason: text(500).min(4, '请填写理由（至少 4 个字）') }),
  response: stageProposal,
});

export const listStageProposals = defineContract({
  method: 'GET',
  path: '/api/youth-stage-proposals',
  access: 'youth.read',
  tag: 'youth',
  summary: '培养阶段调整申请（本单位及下级）',
  query: z.object({
    status: z.enum(['pending', 'approved', 'rejected']).default('pending'),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(20),
  }),
  response: pageOf(stageProposal),
});

export const reviewStageProposal = defineContract({
  method: 'POST',
  path: '/api/youth-stage-proposals/:id/review',
  access: 'youth.review',
  tag: 'youth',
  summary: '审核培养阶段调整：批准后生效，驳回须说明理由',
  params: idParams,
  body: z
    .object({ decision: z.enum(['approve', 'reject']), comment: text(500).optional() })
    .refine((b) => b.decision === 'approve' || (b.comment ?? '').length >= 2, {
      message: '驳回须填写意见',
      path: ['comment'],
    }),
  response: stageProposal,
});

export const transferStatus = z.enum(['pending', 'accepted', 'rejected', 'cancelled']);

export const transfer = z.object({
  id: z.number().int(),
  youthId: z.number().int(),
  /** Masked for a viewer on the side that does not keep the record. */
  youthName: z.string(),
  fromUnit: unitRef,
  toUnit: unitRef,
  initiatedBy: z.enum(['from', 'to']),
  reason: z.string(),
  requestedBy: z.string(),
  requestedAt: z.string(),
  status: transferStatus,
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  note: z.string().nullable(),
  canDecide: z.boolean(),
  canCancel: z.boolean(),
});

export const requestTransfer = defineContract({
  method: 'POST',
  path: '/api/youth-transfers',
  access: 'youth.transfer',
  tag: 'youth',
  summary: '申请转接：保管单位转出（youthId + toUnitId），或接收单位凭身份证号申请转入',
  body: z
    .object({
      youthId: z.number().int().positive().optional(),
      idNumber: text(30).optional(),
      toUnitId: z.number().int().positive().optional(),
      reason: text(500).min(4, '请填写转接原因（至少 4 个字）'),
    })
    .refine(
      (b) => Boolean(b.youthId) !== Boolean(b.idNumber),
      '请指定要转出的记录，或填写要转入青年的身份证号',
    )
    .refine((b) => !b.youthId || Boolean(b.toUnitId), { message: '请选择接收单位', path: ['toUnitId'] }),
  response: transfer,
});

export const listTransfers = defineContract({
  method: 'GET',
  path: '/api/youth-transfers',
  access: 'youth.read',
  tag: 'youth',
  summary: '转接申请（转入或转出本单位及下级）',
  query: z.object({
    status: transferStatus.default('pending'),
    direction: z.enum(['all', 'incoming', 'outgoing']).default('all'),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(20),
  }),
  response: pageOf(transfer),
});

const decide = (action: 'accept' | 'reject' | 'cancel', summary: string) =>
  defineContract({
    method: 'POST',
    path: `/api/youth-transfers/:id/${action}`,
    access: 'youth.transfer',
    tag: 'youth',
    summary,
    params: idParams,
    body: z.object({ note: text(500).optional() }),
    response: transfer,
  });

export const acceptTransfer = decide('accept', '同意转接（记录改由接收单位保管，历史保留）');
export const rejectTransfer = decide('reject', '拒绝转接');
export const cancelTransfer = decide('cancel', '撤回转接申请');

export const timelineEntry = z.object({
  at: z.string(),
  kind: z.enum([
    'created',
    'interaction',
    'stage',
    'transfer',
    'attachment',
    'training',
    'mentoring',
    'event',
    'signup',
    'consent',
    'work',
    'story',
  ]),
  title: z.string(),
  detail: z.string().nullable(),
  by: z.string().nullable(),
  /** A calendar date without a time of day (contacts, events, guidance logs). */
  dateOnly: z.boolean(),
});

export const youthTimeline = defineContract({
  method: 'GET',
  path: '/api/youth/:id/timeline',
  access: 'youth.read',
  tag: 'youth',
  summary:
    '成长轨迹：登记、联系、阶段调整、转接、附件、培训、导师结对与指导、参加活动、线上报名、作品征集（新的在前）',
  params: idParams,
  response: z.object({ items: z.array(timelineEntry) }),
});
