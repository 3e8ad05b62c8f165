import type { z } from 'zod';
import type {
  batchMoveYouth,
  batchProposeStage,
  batchRequestTransfer,
  batchYouthTags,
  YouthBatchResult,
} from '../../../common/contracts/youth-batch';
import { normalizeText } from '../../../common/validators';
import type { Db } from '../../db/client';
import { assertUnitInScope } from '../../platform/access/scope';
import { AppError, conflict, notFound, staleVersion } from '../../platform/http/errors';
import { lockYouthRows, type BatchYouthRow } from './youth-batch.repo';
import { proposeStageLocked } from './youth-stage.service';
import { insertTransferRequest, pushTarget } from './youth-transfer.service';
import { isUniqueViolation, type YouthCtx as Ctx } from './youth.context';
import * as repo from './youth.repo';

/**
 * Batch actions on the list's selection. One transaction per request; every id must be in the
 * viewer's scope or the whole request is refused as not found. Each row goes through the same rule
 * and write as its single-record path, with the same audit event; a row the rules refuse is left
 * as it was and reported with the reason.
 */

type Body<C extends { body?: z.ZodType }> = z.output<NonNullable<C['body']>>;
/** A row's own outcome: nothing when applied, the reason when it was left as it was. */
type Apply = (tx: Db, row: BatchYouthRow) => Promise<string | void>;

const MAX_TAGS = 20;

/** Refusals meant for the user (already at that stage, already pending…) become the row's reason. */
const isRowRefusal = (err: unknown): err is AppError =>
  err instanceof AppError && (err.status === 400 || err.status === 409) && err.code !== 'version_conflict';

async function eachRow(ctx: Ctx, ids: number[], apply: Apply): Promise<YouthBatchResult> {
  const unique = [...new Set(ids)];
  try {
    return await ctx.db.transaction(async (tx) => {
      const rows = await lockYouthRows(tx, ctx.viewer, unique);
      if (rows.length !== unique.length) throw notFound('青年记录');
      const result: YouthBatchResult = { applied: 0, skipped: [] };
      for (const row of rows) {
        let reason: string | void;
        try {
          reason = await apply(tx, row);
        } catch (err) {
          if (!isRowRefusal(err)) throw err;
          reason = err.message;
        }
        if (reason) result.skipped.push({ id: row.id, name: row.name, reason });
        else result.applied += 1;
      }
      return result;
    });
  } catch (err) {
    if (isUniqueViolation(err))
      throw conflict('部分青年刚被他人提交了同类申请，本次未做任何修改，请刷新后重试');
    throw err;
  }
}

/** The profile edit the single path makes (PATCH with only these fields): version bump, field names audited. */
async function editRow(ctx: Ctx, tx: Db, row: BatchYouthRow, values: Partial<repo.YouthValues>) {
  if (!(await repo.updateYouthRow(tx, row.id, row.version, values))) throw staleVersion();
  const fields = Object.keys(values);
  await ctx.audit(
    {
      action: 'youth.updated',
      targetType: 'youth',
      targetId: row.id,
      targetLabel: row.name,
      detail: {
        fields,
        ...(values.unitId !== undefined && values.unitId !== row.unitId
          ? { unitId: { from: row.unitId, to: values.unitId } }
          : {}),
      },
    },
    tx,
  );
}

export function batchTags(ctx: Ctx, body: Body<typeof batchYouthTags>) {
  const tag = normalizeText(body.tag);
  return eachRow(ctx, body.ids, async (tx, row) => {
    const tags = row.tags ?? [];
    if (body.action === 'add') {
      if (tags.includes(tag)) return `已有标签“${tag}”`;
      if (tags.length >= MAX_TAGS) return `标签已满 ${MAX_TAGS} 个`;
      await editRow(ctx, tx, row, { tags: [...tags, tag] });
    } else {
      if (!tags.includes(tag)) return `没有标签“${tag}”`;
      await editRow(ctx, tx, row, { tags: tags.filter((t) => t !== tag) });
    }
  });
}

export function batchStage(ctx: Ctx, body: Body<typeof batchProposeStage>) {
  return eachRow(ctx, body.ids, async (tx, row) => {
    await proposeStageLocked(ctx, tx, row, { toStage: body.toStage, reason: body.reason });
  });
}

/** Within the viewer's subtree a move is an edit of 所在单位, as on the record itself. */
export async function batchMove(ctx: Ctx, body: Body<typeof batchMoveYouth>) {
  await assertUnitInScope(ctx.db, body.unitId, ctx.viewer);
  return eachRow(ctx, body.ids, async (tx, row) => {
    if (row.unitId === body.unitId) return '已在该单位';
    await editRow(ctx, tx, row, { unitId: body.unitId });
  });
}

/** Pushed to one unit outside the viewer's subtree, anywhere in the country; that unit accepts or rejects. */
export async function batchTransfer(ctx: Ctx, body: Body<typeof batchRequestTransfer>) {
  const to = await pushTarget(ctx, body.toUnitId);
  return eachRow(ctx, body.ids, async (tx, row) => {
    await insertTransferRequest(ctx, tx, {
      youthId: row.id,
      fromUnitId: row.unitId,
      toUnitId: to.id,
      initiatedBy: 'from',
      reason: body.reason,
    });
  });
}
