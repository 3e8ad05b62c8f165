import { badRequest, notFound } from '../../platform/http/errors';
import * as repo from './events.repo';
import type { EventsCtx as Ctx } from './events.service';

/**
 * 参与青年: added from the 青年库 in batches. Every person must be kept within the viewer's scope; one
 * outside it refuses the whole request as not found (as the registry's batch actions do). They must
 * also be kept by the organising unit or a unit below it, so everyone who may see the event may see
 * each of its participants.
 */

export async function addParticipants(ctx: Ctx, eventId: number, youthIds: number[], signedIn: boolean) {
  const ids = [...new Set(youthIds)];
  return ctx.db.transaction(async (tx) => {
    const event = await repo.lockEvent(tx, ctx.viewer, eventId);
    const kept = await repo.youthInScope(tx, ctx.viewer, ids);
    if (kept.length !== ids.length) throw notFound('所选青年中有记录');
    const within = new Set(await repo.youthInScope(tx, { unitPath: event.unitPath }, ids));
    if (within.size !== ids.length) {
      throw badRequest(
        `活动的参与青年须为组织单位及其下级登记的青年，所选中有 ${ids.length - within.size} 人不属于该范围`,
      );
    }
    const added = await repo.insertParticipants(tx, eventId, ids, signedIn, ctx.viewer.userId);
    if (added > 0) {
      await repo.touchEvent(tx, eventId);
      await ctx.audit(
        {
          action: 'event.participants_added',
          targetType: 'event',
          targetId: eventId,
          targetLabel: event.title,
          detail: { youthIds: ids, added, skipped: ids.length - added, signedIn },
        },
        tx,
      );
    }
    return { added, skipped: ids.length - added };
  });
}

export async function removeParticipant(ctx: Ctx, eventId: number, youthId: number) {
  await ctx.db.transaction(async (tx) => {
    const event = await repo.lockEvent(tx, ctx.viewer, eventId);
    if (!(await repo.deleteParticipant(tx, eventId, youthId))) throw notFound('参与记录');
    await repo.touchEvent(tx, eventId);
    await ctx.audit(
      {
        action: 'event.participant_removed',
        targetType: 'event',
        targetId: eventId,
        targetLabel: event.title,
        detail: { youthId },
      },
      tx,
    );
  });
  return { ok: true as const };
}

/** 签到: only people already on the list; asking for someone who is not refuses the request. */
export async function signIn(ctx: Ctx, eventId: number, youthIds: number[], signedIn: boolean) {
  const ids = [...new Set(youthIds)];
  return ctx.db.transaction(async (tx) => {
    const event = await repo.lockEvent(tx, ctx.viewer, eventId);
    const listed = await repo.participantIds(tx, eventId, ids);
    if (listed.length !== ids.length) throw notFound('参与记录');
    const changed = await repo.setSignedIn(tx, eventId, ids, signedIn);
    if (changed.length > 0) {
      await repo.touchEvent(tx, eventId);
      await ctx.audit(
        {
          action: 'event.signed_in',
          targetType: 'event',
          targetId: eventId,
          targetLabel: event.title,
          detail: { youthIds: changed, signedIn },
        },
        tx,
      );
    }
    return { changed: changed.length };
  });
}
