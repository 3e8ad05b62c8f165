import { badRequest, conflict, notFound } from '../../platform/http/errors';
import * as members from './league-branch-members.repo';
import * as repo from './league-branch.repo';
import { notInFuture, presentMember } from './league-branch.service';
import type { OutreachCtx as Ctx } from './outreach.context';

/**
 * 成员: people of the 青年库, added in batches. Every person must be kept within the viewer's scope
 * (one outside refuses the whole request as not found) and by the branch's unit or a unit below it.
 * Leaving records the date; the row stays, so the branch's history does too.
 */

async function lockActive(ctx: Ctx, tx: Ctx['db'], branchId: number) {
  const branch = await repo.lockBranch(tx, ctx.viewer, branchId);
  if (branch.status === 'dissolved') throw conflict('该团组织已撤销，不能再调整成员');
  return branch;
}

export async function add(
  ctx: Ctx,
  branchId: number,
  body: { youthIds: number[]; role: string; joinedOn: string },
) {
  const ids = [...new Set(body.youthIds)];
  notInFuture(body.joinedOn, '加入日期');
  return ctx.db.transaction(async (tx) => {
    const branch = await lockActive(ctx, tx, branchId);
    if (body.joinedOn < branch.establishedOn) throw badRequest('加入日期不能早于团组织成立日期');
    const kept = await members.youthInScope(tx, ctx.viewer, ids);
    if (kept.length !== ids.length) throw notFound('所选青年中有记录');
    const within = await members.youthInScope(tx, { unitPath: branch.unitPath }, ids);
    if (within.length !== ids.length) {
      throw badRequest(
        `团组织成员须为其所属单位及下级登记的青年，所选中有 ${ids.length - within.length} 人不属于该范围`,
      );
    }
    const res = await members.insertMembers(tx, branchId, ids, body.role, body.joinedOn, ctx.viewer.userId);
    const added = res.added.length + res.rejoined.length;
    if (added > 0) {
      await repo.touchBranch(tx, branchId);
      await ctx.audit(
        {
          action: 'league_branch.members_added',
          targetType: 'league_branch',
          targetId: branchId,
          targetLabel: branch.name,
          detail: {
            youthIds: res.added,
            rejoined: res.rejoined,
            role: body.role,
            joinedOn: body.joinedOn,
            skipped: ids.length - added,
          },
        },
        tx,
      );
    }
    return { added, skipped: ids.length - added };
  });
}

export async function changeRole(ctx: Ctx, branchId: number, youthId: number, role: string) {
  return ctx.db.transaction(async (tx) => {
    const branch = await lockActive(ctx, tx, branchId);
    const before = await members.findMember(tx, branchId, youthId);
    if (before.leftOn) throw conflict(`${before.name}已于 ${before.leftOn} 离开，不能修改职务`);
    if (before.role !== role) {
      await members.setRole(tx, branchId, youthId, role);
      await repo.touchBranch(tx, branchId);
      await ctx.audit(
        {
          action: 'league_branch.member_updated',
          targetType: 'league_branch',
          targetId: branchId,
          targetLabel: branch.name,
          detail: { youthId, from: before.role, to: role },
        },
        tx,
      );
    }
    return presentMember(await members.findMember(tx, branchId, youthId));
  });
}

export async function leave(ctx: Ctx, branchId: number, youthId: number, leftOn: string) {
  notInFuture(leftOn, '离开日期');
  return ctx.db.transaction(async (tx) => {
    const branch = await lockActive(ctx, tx, branchId);
    const before = await members.findMember(tx, branchId, youthId);
    if (before.leftOn) throw conflict(`${before.name}已于 ${before.leftOn} 离开`);
    if (leftOn < before.joinedOn) throw badRequest(`离开日期不能早于加入日期（${before.joinedOn}）`);
    await members.setLeft(tx, branchId, youthId, leftOn);
    await repo.touchBranch(tx, branchId);
    await ctx.audit(
      {
        action: 'league_branch.member_left',
        targetType: 'league_branch',
        targetId: branchId,
        targetLabel: branch.name,
        detail: { youthId, role: before.role, joinedOn: before.joinedOn, leftOn },
      },
      tx,
    );
    return presentMember(await members.findMember(tx, branchId, youthId));
  });
}
