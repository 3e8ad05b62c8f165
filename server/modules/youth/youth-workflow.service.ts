import type { z } from 'zod';
import type {
  createInteraction,
  requestTransfer,
  timelineEntry,
} from '../../../common/contracts/youth-workflow';
import { YOUTH_STAGES } from '../../../common/contracts/youth';
import { maskName } from '../../../common/masking';
import type { RequestContext } from '../../platform/http/context';
import { assertUnitInScope, pathInScope } from '../../platform/access/scope';
import { badRequest, conflict, forbidden, notFound } from '../../platform/http/errors';
import { iso } from './youth.present';
import { idNumberToken } from './youth.input';
import * as repo from './youth.repo';
import * as wf from './youth-workflow.repo';

type Ctx = Pick<RequestContext, 'db' | 'viewer' | 'audit' | 'keys'>;

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === '23505' || e?.cause?.code === '23505';
}

export function presentInteraction(r: wf.InteractionRow) {
  return {
    id: r.id,
    youthId: r.youthId,
    date: r.date,
    way: r.way,
    contactedBy: r.contactedBy,
    summary: r.summary,
    followUpNeeded: r.followUpNeeded,
    followUpNote: r.followUpNote,
    unit: { id: r.unitId, name: r.unitName },
    createdAt: iso(r.createdAt)!,
  };
}

export async function listInteractions(ctx: Ctx, youthId: number) {
  await repo.findYouthDetail(ctx.db, ctx.viewer, youthId);
  return (await wf.listInteractionRows(ctx.db, youthId)).map(presentInteraction);
}

type InteractionBody = z.output<NonNullable<(typeof createInteraction)['body']>>;

export async function addInteraction(ctx: Ctx, youthId: number, body: InteractionBody) {
  if (Number.isNaN(Date.parse(body.date))) throw badRequest('联系日期无效');
  return ctx.db.transaction(async (tx) => {
    const y = await repo.lockYouth(tx, ctx.viewer, youthId);
    const row = await wf.insertInteraction(tx, {
      youthId,
      unitId: y.unitId,
      date: body.date,
      way: body.way,
      contactedBy: body.contactedBy,
      summary: body.summary,
      followUpNeeded: body.followUpNeeded,
      followUpNote: body.followUpNote ?? null,
      createdBy: ctx.viewer.userId,
    });
    await wf.touchLastContact(tx, youthId, body.date);
    await ctx.audit(
      {
        action: 'youth.interaction_created',
        targetType: 'youth',
        targetId: youthId,
        targetLabel: y.name,
        detail: { interactionId: row.id, way: body.way },
      },
      tx,
    );
    return presentInteraction(row);
  });
}

export function presentProposal(r: wf.ProposalRow) {
  return {
    id: r.id,
    youthId: r.youthId,
    youthName: r.youthName,
    unit: { id: r.unitId, name: r.unitName },
    fromStage: r.fromStage,
    toStage: r.toStage,
    reason: r.reason,
    proposedBy: r.proposedBy,
    proposedAt: iso(r.proposedAt)!,
    status: r.status,
    reviewedBy: r.reviewedBy,
    reviewedAt: iso(r.reviewedAt),
    reviewComment: r.reviewComment,
  };
}

export async function proposeStage(
  ctx: Ctx,
  youthId: number,
  body: { toStage: 'contact' | 'key'; reason: string },
) {
  try {
    const id = await ctx.db.transaction(async (tx) => {
      const y = await repo.lockYouth(tx, ctx.viewer, youthId);
      if (y.stage === body.toStage) throw badRequest(`该青年已是${YOUTH_STAGES[body.toStage]}`);
      if (await wf.pendingProposalFor(tx, youthId)) throw conflict('该青年已有待审核的阶段调整申请');
      const pid = await wf.insertProposal(tx, {
        youthId,
        unitId: y.unitId,
        fromStage: y.stage,
        toStage: body.toStage,
        reason: body.reason,
        proposedBy: ctx.viewer.userId,
      });
      await ctx.audit(
        {
          action: 'youth.stage_proposed',
          targetType: 'youth',
          targetId: youthId,
          targetLabel: y.name,
          detail: { proposalId: pid, from: y.stage, to: body.toStage },
        },
        tx,
      );
      return pid;
    });
    return presentProposal(await wf.findProposal(ctx.db, ctx.viewer, id));
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('该青年已有待审核的阶段调整申请');
    throw err;
  }
}

export async function reviewProposal(
  ctx: Ctx,
  id: number,
  body: { decision: 'approve' | 'reject'; comment?: string },
) {
  await ctx.db.transaction(async (tx) => {
    const p = await wf.findProposal(tx, ctx.viewer, id, true);
    if (p.status !== 'pending') throw conflict('该申请已处理，请刷新');
    if (p.proposedById === ctx.viewer.userId) throw forbidden('不能审核自己提出的申请');
    const y = await repo.lockYouth(tx, ctx.viewer, p.youthId);
    const approve = body.decision === 'approve';
    if (approve && y.stage !== p.fromStage) throw conflict('该青年的培养阶段已变化，请驳回后重新申请');
    await wf.decideProposal(tx, id, {
      status: approve ? 'approved' : 'rejected',
      reviewedBy: ctx.viewer.userId,
      comment: body.comment || null,
    });
    if (approve) await wf.setStage(tx, p.youthId, p.toStage);
    await ctx.audit(
      {
        action: approve ? 'youth.stage_approved' : 'youth.stage_rejected',
        targetType: 'youth',
        targetId: p.youthId,
        targetLabel: p.youthName,
        detail: { proposalId: id, from: p.fromStage, to: p.toStage },
      },
      tx,
    );
  });
  return presentProposal(await wf.findProposal(ctx.db, ctx.viewer, id));
}

export async function listProposals(
  ctx: Ctx,
  q: { status: wf.ProposalRow['status']; page: number; pageSize: number },
) {
  const { rows, total } = await wf.listProposals(
    ctx.db,
    ctx.viewer,
    q.status,
    q.pageSize,
    (q.page - 1) * q.pageSize,
  );
  return { items: rows.map(presentProposal), total, page: q.page, pageSize: q.pageSize };
}

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

export async function requestYouthTransfer(ctx: Ctx, body: TransferBody) {
  let youthId: number;
  let fromUnitId: number;
  let toUnitId: number;
  let initiatedBy: 'from' | 'to';
  if (body.youthId) {
    // Pushed by the keeping side to a unit outside its own subtree (inside it, editing the unit is enough).
    const y = await repo.findYouthDetail(ctx.db, ctx.viewer, body.youthId);
    const to = await repo.unitPathOf(ctx.db, body.toUnitId!);
    if (!to) throw notFound('接收单位');
    if (pathInScope(to.path, ctx.viewer))
      throw badRequest('接收单位在本单位管辖范围内，直接修改“所在单位”即可');
    youthId = y.id;
    fromUnitId = y.unitId;
    toUnitId = to.id;
    initiatedBy = 'from';
  } else {
    // Pulled by the receiving side, which knows the person's ID number from the duplicate check.
    const { token } = idNumberToken(ctx.keys, body.idNumber!);
    const [keeper] = await repo.findKeepersByIndex(ctx.db, 'id_number_idx', token);
    if (!keeper) throw notFound('该身份证号的登记记录');
    if (pathInScope(keeper.unitPath, ctx.viewer)) throw badRequest('该青年已在本单位管辖范围内，无需转接');
    toUnitId = body.toUnitId ?? ctx.viewer.unitId;
    await assertUnitInScope(ctx.db, toUnitId, ctx.viewer);
    youthId = keeper.id;
    fromUnitId = keeper.unitId;
    initiatedBy = 'to';
  }
  try {
    const id = await ctx.db.transaction(async (tx) => {
      if (await wf.pendingTransferFor(tx, youthId)) throw conflict('该青年已有待处理的转接申请');
      const tid = await wf.insertTransfer(tx, {
        youthId,
        unitId: fromUnitId,
        fromUnitId,
        toUnitId,
        initiatedBy,
        reason: body.reason,
        requestedBy: ctx.viewer.userId,
      });
      await ctx.audit(
        {
          action: 'youth.transfer_requested',
          targetType: 'youth_transfer',
          targetId: tid,
          detail: { youthId, fromUnitId, toUnitId, initiatedBy },
        },
        tx,
      );
      return tid;
    });
    return presentTransfer(await wf.findTransfer(ctx.db, ctx.viewer, id), ctx.viewer);
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('该青年已有待处理的转接申请');
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

const STAGE_EVENT: Record<string, string> = {
  proposed: '提出调整',
  approved: '批准调整',
  rejected: '驳回调整',
};
const TRANSFER_EVENT: Record<string, string> = {
  requested: '申请转接',
  accepted: '转接完成',
  rejected: '拒绝转接',
  cancelled: '撤回转接',
};

export async function timeline(ctx: Ctx, youthId: number): Promise<z.input<typeof timelineEntry>[]> {
  await repo.findYouthDetail(ctx.db, ctx.viewer, youthId);
  const rows = await wf.timelineRows(ctx.db, youthId);
  return rows.map((r) => {
    let title: string;
    if (r.kind === 'created') title = '登记入库';
    else if (r.kind === 'interaction') title = `联系：${r.event}`;
    else if (r.kind === 'stage') {
      title = `${STAGE_EVENT[r.event] ?? r.event}：${YOUTH_STAGES[r.fromStage!]} → ${YOUTH_STAGES[r.toStage!]}`;
    } else title = `${TRANSFER_EVENT[r.event] ?? r.event}：${r.fromUnit} → ${r.toUnit}`;
    return { at: iso(r.at)!, kind: r.kind, title, detail: r.detail, by: r.by };
  });
}
