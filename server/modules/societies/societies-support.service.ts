import type { z } from 'zod';
import {
  RECOMMENDATION_OUTCOMES,
  type addSocietyBackbone,
  type createSocietyContact,
  type createSocietyNomination,
  type createSocietyRecommendation,
  type setRecommendationOutcome,
} from '../../../common/contracts/societies-support';
import { todayInChina } from '../../../common/validators';
import { badRequest, conflict, notFound } from '../../platform/http/errors';
import { iso } from '../youth/youth.present';
import * as repo from './societies.repo';
import * as support from './societies-support.repo';
import type { SocietyCtx as Ctx } from './societies.service';

type Body<C extends { body?: z.ZodType }> = z.output<NonNullable<C['body']>>;

const fieldError = (path: string, message: string) => badRequest(message, [{ path, message }]);

function notInFuture(date: string, path: string, label: string) {
  if (Number.isNaN(Date.parse(date))) throw fieldError(path, `${label}无效`);
  if (date > todayInChina()) throw fieldError(path, `${label}不能晚于今天`);
}

// ── 联系与支持 ────────────────────────────────────────────────────────────────

const presentContact = (r: support.ContactRow) => ({ ...r, createdAt: iso(r.createdAt)! });

export async function listContacts(ctx: Ctx, id: number) {
  await repo.findSociety(ctx.db, ctx.viewer, id);
  return { items: (await support.listContactRows(ctx.db, id)).map(presentContact) };
}

export async function addContact(ctx: Ctx, id: number, body: Body<typeof createSocietyContact>) {
  notInFuture(body.date, 'date', '联系日期');
  return ctx.db.transaction(async (tx) => {
    const s = await repo.lockSociety(tx, ctx.viewer, id);
    const contactId = await support.insertContact(tx, {
      societyId: id,
      unitId: s.unitId,
      date: body.date,
      kind: body.kind,
      summary: body.summary,
      createdBy: ctx.viewer.userId,
    });
    await support.touchLastContact(tx, id, body.date);
    await ctx.audit(
      {
        action: 'society.contact_created',
        targetType: 'society',
        targetId: id,
        targetLabel: s.name,
        detail: { contactId, kind: body.kind, date: body.date },
      },
      tx,
    );
    const rows = await support.listContactRows(tx, id);
    return presentContact(rows.find((r) => r.id === contactId)!);
  });
}

// ── 骨干 ──────────────────────────────────────────────────────────────────────

const presentBackbone = (r: support.BackboneRow) => ({ ...r, addedAt: iso(r.addedAt)! });

export async function listBackbones(ctx: Ctx, id: number) {
  await repo.findSociety(ctx.db, ctx.viewer, id);
  return { items: (await support.listBackboneRows(ctx.db, id)).map(presentBackbone) };
}

export async function addBackbone(ctx: Ctx, id: number, body: Body<typeof addSocietyBackbone>) {
  return ctx.db.transaction(async (tx) => {
    const s = await repo.lockSociety(tx, ctx.viewer, id);
    const person = await repo.findYouthInScope(tx, ctx.viewer, body.youthId);
    if (!person) throw fieldError('youthId', '骨干须从本单位及下级的青年库中选择');
    const added = await support.insertBackbone(tx, {
      societyId: id,
      youthId: body.youthId,
      role: body.role,
      note: body.note,
      addedBy: ctx.viewer.userId,
    });
    if (!added) throw conflict(`「${person.name}」已是该社团的骨干`);
    await ctx.audit(
      {
        action: 'society.backbone_added',
        targetType: 'society',
        targetId: id,
        targetLabel: s.name,
        detail: { youthId: body.youthId, role: body.role },
      },
      tx,
    );
    const [row] = await support.listBackboneRows(tx, id, body.youthId);
    return presentBackbone(row);
  });
}

export async function removeBackbone(ctx: Ctx, id: number, youthId: number) {
  return ctx.db.transaction(async (tx) => {
    const s = await repo.lockSociety(tx, ctx.viewer, id);
    if ((await support.countRecommendations(tx, id, youthId)) > 0) {
      throw conflict('该骨干已有举荐记录，不能移出');
    }
    if (!(await support.deleteBackbone(tx, id, youthId))) throw notFound('骨干');
    await ctx.audit(
      {
        action: 'society.backbone_removed',
        targetType: 'society',
        targetId: id,
        targetLabel: s.name,
        detail: { youthId },
      },
      tx,
    );
    return { ok: true as const };
  });
}

// ── 举荐 ──────────────────────────────────────────────────────────────────────

const presentRecommendation = (r: support.RecommendationRow) => ({ ...r, createdAt: iso(r.createdAt)! });

export async function listRecommendations(ctx: Ctx, id: number) {
  await repo.findSociety(ctx.db, ctx.viewer, id);
  return { items: (await support.listRecommendationRows(ctx.db, id)).map(presentRecommendation) };
}

export async function addRecommendation(
  ctx: Ctx,
  id: number,
  body: Body<typeof createSocietyRecommendation>,
) {
  notInFuture(body.recommendedOn, 'recommendedOn', '举荐日期');
  return ctx.db.transaction(async (tx) => {
    const s = await repo.lockSociety(tx, ctx.viewer, id);
    const [backbone] = await support.listBackboneRows(tx, id, body.youthId);
    if (!backbone) throw fieldError('youthId', '只能举荐该社团的骨干，请先将其添加为骨干');
    const recId = await support.insertRecommendation(tx, {
      societyId: id,
      unitId: s.unitId,
      youthId: body.youthId,
      kind: body.kind,
      recommendedOn: body.recommendedOn,
      note: body.note,
      createdBy: ctx.viewer.userId,
    });
    await ctx.audit(
      {
        action: 'society.recommendation_created',
        targetType: 'society',
        targetId: id,
        targetLabel: s.name,
        detail: { recommendationId: recId, youthId: body.youthId, kind: body.kind },
      },
      tx,
    );
    return presentRecommendation((await support.findRecommendation(tx, id, recId))!);
  });
}

export async function setOutcome(
  ctx: Ctx,
  id: number,
  recommendationId: number,
  body: Body<typeof setRecommendationOutcome>,
) {
  notInFuture(body.outcomeOn, 'outcomeOn', '结果日期');
  return ctx.db.transaction(async (tx) => {
    const s = await repo.lockSociety(tx, ctx.viewer, id);
    const rec = await support.findRecommendation(tx, id, recommendationId, true);
    if (!rec) throw notFound('举荐记录');
    if (rec.outcome !== 'pending') {
      throw conflict(`该举荐已登记结果（${RECOMMENDATION_OUTCOMES[rec.outcome]}），不能再次登记`);
    }
    if (body.outcomeOn < rec.recommendedOn) throw fieldError('outcomeOn', '结果日期不能早于举荐日期');
    await support.setOutcome(tx, recommendationId, body);
    await ctx.audit(
      {
        action: 'society.recommendation_decided',
        targetType: 'society',
        targetId: id,
        targetLabel: s.name,
        detail: { recommendationId, youthId: rec.youthId, kind: rec.kind, outcome: body.outcome },
      },
      tx,
    );
    return presentRecommendation((await support.findRecommendation(tx, id, recommendationId))!);
  });
}

// ── 青联委员推荐名额 ──────────────────────────────────────────────────────────

const presentNomination = (r: support.NominationRow) => ({ ...r, createdAt: iso(r.createdAt)! });

export async function listNominations(ctx: Ctx, id: number) {
  await repo.findSociety(ctx.db, ctx.viewer, id);
  const items = (await support.listNominationRows(ctx.db, id)).map(presentNomination);
  return { items, seats: items.reduce((n, i) => n + i.seats, 0) };
}

/** Seed 003 §三.5: seats for a group not yet fit for membership; a registered one goes through admission. */
export async function addNomination(ctx: Ctx, id: number, body: Body<typeof createSocietyNomination>) {
  notInFuture(body.grantedOn, 'grantedOn', '开放日期');
  return ctx.db.transaction(async (tx) => {
    const s = await repo.lockSociety(tx, ctx.viewer, id);
    if (s.kind === 'registered') {
      throw badRequest(
        '青联委员推荐名额面向未注册的青年自组织和青年社群；已注册社会组织可按程序吸纳为会员团体',
      );
    }
    const nominationId = await support.insertNomination(tx, {
      societyId: id,
      unitId: s.unitId,
      seats: body.seats,
      grantedOn: body.grantedOn,
      note: body.note,
      createdBy: ctx.viewer.userId,
    });
    await ctx.audit(
      {
        action: 'society.nomination_granted',
        targetType: 'society',
        targetId: id,
        targetLabel: s.name,
        detail: { nominationId, seats: body.seats, grantedOn: body.grantedOn },
      },
      tx,
    );
    const [row] = await support.listNominationRows(tx, id, nominationId);
    return presentNomination(row);
  });
}
