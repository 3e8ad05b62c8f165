import type { z } from 'zod';
import type { requestTransfer } from '../../../common/contracts/youth-workflow';
import { maskName } from '../../../common/masking';
import type { Db } from '../../db/client';
import { assertUnitInScope, pathInScope } from '../../platform/access/scope';
import { badRequest, conflict, forbidden, notFound } from '../../platform/http/errors';
import { isUniqueViolation, type YouthCtx as Ctx } from './youth.context';
import { idNumberToken } from './youth.input';
import { iso } from './youth.present';
import * as repo from './youth.repo';
import * as wf from './youth-workflow.repo';

const PENDING_TRANSFER = '该青年已有待处理的转接申请';

/**
 * 转接 between units that do not see each other: pushed by the keeping side to any unit in the
 * country, or pulled by the receiving side by ID number; the other side decides.
 */

/** The side that decides is the one that did not ask. */
const decidingPath = (t: wf.TransferRow) => (t.initiatedBy === 'from' ? t.toUnitPath : t.fromUnitPath);
const initiatingPath = (t: wf.TransferRow) => (t.initiatedBy === 'from' ? t.fromUnitPath : t.toUnitPath);

export function presentTransfer(t: wf.TransferRow, viewer: Ctx['viewer']) {
  const pending = t.status === 'pending';
  return {
    id: t.id,
    youthId: t.youthId,
    // The receiving side learns the person's name only once the record is theirs.
    youthName: pathInScope(t.youthUnitPath, viewer) ? t.youthName : maskName(t.youthName),
    fromUnit: { id: t.fromUnitId, name: t.fromUnitName },
    toUnit: { id: t.toUnitId, name: t.toUnitName },
    initiatedBy: t.initiatedBy,
    reason: t.reason,
    requestedBy: t.requestedBy,
    requestedAt: iso(t.requestedAt)!,
    status: t.status,
    decidedBy: t.decidedBy,
    decidedAt: iso(t.decidedAt),
    note: t.note,
    canDecide: pending && pathInScope(decidingPath(t), viewer),
    canCancel: pending && pathInScope(initiatingPath(t), viewer),
  };
}

type TransferBody = z.output<NonNullable<(typeof requestTransfer)['body']>>;

/**
 * Where the keeping side may push a record: any unit in the country outside its own subtree
 * (inside it, editing 所在单位 is enough). Units are public organisational data.
 */
export async function pushTarget(ctx: Ctx, toUnitId: number) {
  const to = await repo.unitPathOf(ctx.db, toUnitId);
  if (!to) throw notFound('接收单位');
  if (pathInScope(to.path, ctx.viewer))
    throw badRequest('接收单位在本单位管辖范围内，直接修改“所在单位”即可');
  return to;
}

export type NewTransfer = {
  youthId: number;
  fromUnitId: number;
  toUnitId: number;
  initiatedBy: 'from' | 'to';
  reason: string;
};

/**
 * The rule and the write of one request, in `tx`: refused (before anything is written) while
 * another transfer of the person is pending. The single request and the batch share it.
 */
export async function insertTransferRequest(ctx: Ctx, tx: Db, t: NewTransfer): Promise<number> {
  if (await wf.pendingTransferFor(tx, t.youthId)) throw conflict(PENDING_TRANSFER);
  const tid = await wf.insertTransfer(tx, {
    youthId: t.youthId,
    unitId: t.fromUnitId,
    fromUnitId: t.fromUnitId,
    toUnitId: t.toUnitId,
    initiatedBy: t.initiatedBy,
    reason: t.reason,
    requestedBy: ctx.viewer.userId,
  });
  await ctx.audit(
    {
      action: 'youth.transfer_requested',
      targetType: 'youth_transfer',
      targetId: tid,
      detail: {
        youthId: t.youthId,
        fromUnitId: t.fromUnitId,
        toUnitId: t.toUnitId,
        initiatedBy: t.initiatedBy,
      },
    },
    tx,
  );
  return tid;
}

export async function requestYouthTransfer(ctx: Ctx, body: TransferBody) {
  let request: NewTransfer;
  if (body.youthId) {
    // Pushed by the keeping side to a unit outside its own subtree.
    const y = await repo.findYouthDetail(ctx.db, ctx.viewer, body.youthId);
    const to = await pushTarget(ctx, body.toUnitId!);
    request = {
      youthId: y.id,
      fromUnitId: y.unitId,
      toUnitId: to.id,
      initiatedBy: 'from',
      reason: body.reason,
    };
  } else {
    // Pulled by the receiving side, which knows the person's ID number from the duplicate check.
    const { token } = idNumberToken(ctx.keys, body.idNumber!);
    const [keeper] = await repo.findKeepersByIndex(ctx.db, 'id_number_idx', token);
    if (!keeper) throw notFound('该身份证号的登记记录');
    if (pathInScope(keeper.unitPath, ctx.viewer)) throw badRequest('该青年已在本单位管辖范围内，无需转接');
    const toUnitId = body.toUnitId ?? ctx.viewer.unitId;
    await assertUnitInScope(ctx.db, toUnitId, ctx.viewer);
    request = {
      youthId: keeper.id,
      fromUnitId: keeper.unitId,
      toUnitId,
      initiatedBy: 'to',
      reason: body.reason,
    };
  }
  try {
    const id = await ctx.db.transaction((tx) => insertTransferRequest(ctx, tx, request));
    return presentTransfer(await wf.findTransfer(ctx.db, ctx.viewer, id), ctx.viewer);
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(PENDING_TRANSFER);
    throw err;
  }
}

export async function decideTransfer(
  ctx: Ctx,
  id: number,
  action: 'accept' | 'reject' | 'cancel',
  note?: string,
) {
  await ctx.db.transaction(async (tx) => {
    const t = await wf.findTransfer(tx, ctx.viewer, id, true);
    if (t.status !== 'pending') throw conflict('该转接申请已处理，请刷新');
    if (action === 'cancel' && !pathInScope(initiatingPath(t), ctx.viewer)) {
      throw forbidden('只有申请方可以撤回');
    }
    if (action !== 'cancel' && !pathInScope(decidingPath(t), ctx.viewer)) {
      throw forbidden('该申请由对方单位处理');
    }
    if (action === 'reject' && !(note && note.length >= 2)) throw badRequest('拒绝时请填写理由');
    if (action === 'accept' && !(await wf.moveYouth(tx, t.youthId, t.fromUnitId, t.toUnitId))) {
      throw conflict('该青年的保管单位已变化，此申请不能再同意');
    }
    const status = ({ accept: 'accepted', reject: 'rejected', cancel: 'cancelled' } as const)[action];
    await wf.closeTransfer(tx, id, { status, decidedBy: ctx.viewer.userId, note: note || null });
    await ctx.audit(
      {
        action: `youth.transfer_${status}`,
        targetType: 'youth_transfer',
        targetId: id,
        detail: { youthId: t.youthId, fromUnitId: t.fromUnitId, toUnitId: t.toUnitId },
      },
      tx,
    );
  });
  return presentTransfer(await wf.findTransfer(ctx.db, ctx.viewer, id), ctx.viewer);
}

export async function listTransfers(
  ctx: Ctx,
  q: {
    status: wf.TransferRow['status'];
    direction: 'all' | 'incoming' | 'outgoing';
    page: number;
    pageSize: number;
  },
) {
  const { rows, total } = await wf.listTransferRows(ctx.db, ctx.viewer, {
    status: q.status,
    direction: q.direction,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return {
    items: rows.map((r) => presentTransfer(r, ctx.viewer)),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}
