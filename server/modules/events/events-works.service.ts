import type { EventWork } from '../../../common/contracts/events';
import { pathInScope } from '../../platform/access/scope';
import { badRequest, notFound } from '../../platform/http/errors';
import { escapeLike } from '../../platform/search/like';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { entryLabel } from '../calls/call-entries.repo';
import * as calls from '../calls/calls.repo';
import * as repo from './events.repo';
import type { EventsCtx as Ctx } from './events.service';

/**
 * 巡演巡展 and 见面会: an event names the call whose works it shows and picks them. The call must be one the
 * organising unit can read (its own or a unit's below it), so everyone who sees the event may see the call;
 * a call outside the viewer's scope is not found, one in it but outside the organising unit's is refused.
 * Works are the call's entries that passed the formal review and were not withdrawn.
 */

export function presentWork(r: repo.WorkRow): EventWork {
  return {
    entryId: r.entryId,
    label: entryLabel(r.entryNo),
    title: r.title,
    categoryLabel: r.categoryLabel,
    awardLevel: r.awardLevel,
    publicityConsent: r.publicityConsent,
    addedBy: r.addedBy,
  };
}

/** Checks that the organising unit (by path) can read the call; returns the call's title. */
export async function assertCallForUnit(ctx: Pick<Ctx, 'db' | 'viewer'>, callId: number, unitPath: string) {
  const call = await calls.findCall(ctx.db, ctx.viewer, callId);
  if (!pathInScope(call.unitPath, { unitPath })) {
    throw badRequest(
      `所选征集由${call.unitName}发布，不在活动组织单位的范围内：活动只能关联组织单位本级或下级发布的征集`,
    );
  }
  return call.title;
}

/** Of `ids`, refuses the request unless every one is a showable work of the call. */
async function assertShowable(db: Db, callId: number, ids: number[]) {
  const found = await repo.showableWorks(db, callId, ids);
  if (found.length !== ids.length) {
    throw badRequest(
      `所选作品中有 ${ids.length - found.length} 件不是本活动关联征集中形式审查合格的作品，请重新选择`,
    );
  }
}

/** Inside the caller's transaction, after the event row is written. */
export async function addWorksInTx(tx: Db, ctx: Ctx, eventId: number, callId: number, ids: number[]) {
  await assertShowable(tx, callId, ids);
  return repo.insertWorks(tx, eventId, ids, ctx.viewer.userId);
}

export async function callOptions(ctx: Ctx, q: string | undefined) {
  const { rows } = await calls.listCallRows(
    ctx.db,
    ctx.viewer,
    { titlePattern: q ? `%${escapeLike(q)}%` : undefined },
    { order: sql`c.created_at desc`, limit: 50, offset: 0 },
  );
  return rows.map((c) => ({ id: c.id, title: c.title, unitName: c.unitName, status: c.status }));
}

export async function callWorks(ctx: Ctx, callId: number) {
  await calls.findCall(ctx.db, ctx.viewer, callId);
  const rows = await repo.showableWorks(ctx.db, callId);
  return rows.map((r) => {
    const w = presentWork(r);
    return {
      entryId: w.entryId,
      label: w.label,
      title: w.title,
      categoryLabel: w.categoryLabel,
      awardLevel: w.awardLevel,
      publicityConsent: w.publicityConsent,
    };
  });
}

export async function addWorks(ctx: Ctx, eventId: number, entryIds: number[]) {
  const ids = [...new Set(entryIds)];
  return ctx.db.transaction(async (tx) => {
    const event = await repo.lockEvent(tx, ctx.viewer, eventId);
    if (!event.callId) throw badRequest('请先在“修改”中为活动关联作品征集，再添加展演作品');
    const added = await addWorksInTx(tx, ctx, eventId, event.callId, ids);
    if (added > 0) {
      await repo.touchEvent(tx, eventId);
      await ctx.audit(
        {
          action: 'event.works_added',
          targetType: 'event',
          targetId: eventId,
          targetLabel: event.title,
          detail: { callId: event.callId, entryIds: ids, added, skipped: ids.length - added },
        },
        tx,
      );
    }
    return { added, skipped: ids.length - added };
  });
}

export async function removeWork(ctx: Ctx, eventId: number, entryId: number) {
  await ctx.db.transaction(async (tx) => {
    const event = await repo.lockEvent(tx, ctx.viewer, eventId);
    if (!(await repo.deleteWork(tx, eventId, entryId))) throw notFound('展演作品');
    await repo.touchEvent(tx, eventId);
    await ctx.audit(
      {
        action: 'event.work_removed',
        targetType: 'event',
        targetId: eventId,
        targetLabel: event.title,
        detail: { callId: event.callId, entryId },
      },
      tx,
    );
  });
  return { ok: true as const };
}
