import { YOUTH_STAGES } from '../../../common/contracts/youth';
import type { Db } from '../../db/client';
import { badRequest, conflict, forbidden } from '../../platform/http/errors';
import { isUniqueViolation, type YouthCtx as Ctx } from './youth.context';
import { iso } from './youth.present';
import * as repo from './youth.repo';
import * as wf from './youth-workflow.repo';

const PENDING_PROPOSAL = '该青年已有待审核的阶段调整申请';

/** 培养阶段: proposals (联系对象 ⇄ 重点培养对象) and their review by someone other than the proposer. */

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

type LockedYouth = Awaited<ReturnType<typeof repo.lockYouth>>;
export type StageProposalBody = { toStage: 'contact' | 'key'; reason: string };

/**
 * The rules and the write of one proposal, on a record already locked in `tx`: refused (before
 * anything is written) when the person is already at that stage or has a proposal pending.
 * The single-record route and the batch share it.
 */
export async function proposeStageLocked(ctx: Ctx, tx: Db, y: LockedYouth, body: StageProposalBody) {
  if (y.stage === body.toStage) throw badRequest(`该青年已是${YOUTH_STAGES[body.toStage]}`);
  if (await wf.pendingProposalFor(tx, y.id)) throw conflict(PENDING_PROPOSAL);
  const pid = await wf.insertProposal(tx, {
    youthId: y.id,
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
      targetId: y.id,
      targetLabel: y.name,
      detail: { proposalId: pid, from: y.stage, to: body.toStage },
    },
    tx,
  );
  return pid;
}

export async function proposeStage(ctx: Ctx, youthId: number, body: StageProposalBody) {
  try {
    const id = await ctx.db.transaction(async (tx) =>
      proposeStageLocked(ctx, tx, await repo.lockYouth(tx, ctx.viewer, youthId), body),
    );
    return presentProposal(await wf.findProposal(ctx.db, ctx.viewer, id));
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(PENDING_PROPOSAL);
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
