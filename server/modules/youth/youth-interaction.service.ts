import type { z } from 'zod';
import type { createInteraction } from '../../../common/contracts/youth-workflow';
import { badRequest } from '../../platform/http/errors';
import type { YouthCtx as Ctx } from './youth.context';
import { iso } from './youth.present';
import * as repo from './youth.repo';
import * as wf from './youth-workflow.repo';

/** 联系记录: contacts with a person, which also move their last-contact date. */

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
