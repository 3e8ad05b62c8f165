import { z } from 'zod';
import { defineContract } from '../contract';
import { youthStage } from './youth';

/**
 * 青年库 batch actions on the list's selection. Every id must be in the viewer's scope, otherwise the
 * whole request is refused as not found (so existence does not leak); the rows that can apply do, in
 * one transaction, and the others come back with the reason in Chinese.
 */

export const YOUTH_BATCH_MAX = 500;

const text = (max: number) => z.string().trim().max(max);
const ids = z
  .array(z.number().int().positive())
  .min(1, '请至少选择 1 人')
  .max(YOUTH_BATCH_MAX, `每次最多处理 ${YOUTH_BATCH_MAX} 人`);

export const youthBatchResult = z.object({
  /** How many people the action changed. */
  applied: z.number().int(),
  /** The people it could not apply to, each with why. */
  skipped: z.array(z.object({ id: z.number().int(), name: z.string(), reason: z.string() })),
});
export type YouthBatchResult = z.infer<typeof youthBatchResult>;

export const batchYouthTags = defineContract({
  method: 'POST',
  path: '/api/youth-batch/tags',
  access: 'youth.write',
  tag: 'youth',
  summary: '批量添加或移除标签',
  body: z.object({
    ids,
    action: z.enum(['add', 'remove']),
    tag: text(30).min(1, '请填写标签'),
  }),
  response: youthBatchResult,
});

export const batchProposeStage = defineContract({
  method: 'POST',
  path: '/api/youth-batch/stage-proposals',
  access: 'youth.write',
  tag: 'youth',
  summary: '批量提出培养阶段调整（理由相同），待审核',
  body: z.object({ ids, toStage: youthStage, reason: text(500).min(4, '请填写理由（至少 4 个字）') }),
  response: youthBatchResult,
});

export const batchMoveYouth = defineContract({
  method: 'POST',
  path: '/api/youth-batch/unit',
  access: 'youth.write',
  tag: 'youth',
  summary: '批量调整所在单位（本单位及下级之间）',
  body: z.object({ ids, unitId: z.number().int().positive() }),
  response: youthBatchResult,
});

export const batchRequestTransfer = defineContract({
  method: 'POST',
  path: '/api/youth-batch/transfers',
  access: 'youth.transfer',
  tag: 'youth',
  summary: '批量转出到本单位管辖范围以外的同一单位（由接收单位处理）',
  body: z.object({
    ids,
    toUnitId: z.number().int().positive(),
    reason: text(500).min(4, '请填写转接原因（至少 4 个字）'),
  }),
  response: youthBatchResult,
});
