import type { z } from 'zod';
import type {
  AwardEntry,
  AwardPhase,
  CallAwards,
  CallObjection,
  saveCallAwards,
} from '../../../common/contracts/awards';
import type { CallAwardLevel, CallCategory } from '../../db/schema';
import { decryptField } from '../../platform/crypto/field-crypto';
import type { RequestContext } from '../../platform/http/context';
import { badRequest, conflict, notFound } from '../../platform/http/errors';
import { entryLabel } from '../calls/call-entries.repo';
import { newReceiptCode } from '../signup/signup-codes';
import { iso } from '../youth/youth.present';
import * as repo from './awards.repo';

/** 评奖 → 公示 → 确认结果, on the organiser's side. */

type SaveBody = z.output<NonNullable<(typeof saveCallAwards)['body']>>;

const DAY_MS = 24 * 60 * 60 * 1000;

export const resultsPath = (slug: string) => `/m/c/${slug}/results`;
export const verifyPath = (code: string) => `/m/v/${code}`;

export function phaseOf(
  call: Pick<repo.CallRow, 'awardsFinalAt' | 'publicityStartsAt' | 'publicityEndsAt'>,
  now = new Date(),
): AwardPhase {
  if (call.awardsFinalAt) return 'final';
  if (!call.publicityStartsAt || !call.publicityEndsAt) return 'proposing';
  return now < new Date(call.publicityEndsAt) ? 'publicity' : 'publicity_ended';
}

export const categoryLabel = (categories: CallCategory[], key: string) =>
  categories.find((c) => c.key === key)?.label ?? key;

export const levelLabel = (levels: CallAwardLevel[], key: string | null) =>
  key === null ? null : (levels.find((l) => l.key === key)?.label ?? key);

/**
 * Competition ranking (equal scores share a rank: 1, 2, 2, 4) and the levels filled in order of their
 * counts. A tie across a level's boundary is filled by entry number and flagged: the organiser decides.
 */
export function rankAndPropose(entries: repo.RankedEntry[], levels: CallAwardLevel[]) {
  const slots = levels.flatMap((l) => Array.from({ length: Math.max(0, l.count) }, () => l.key));
  // One pass each, not a scan of every entry per entry: a county call has thousands.
  const firstAt = new Map<number, number>();
  const sharing = new Map<number, number>();
  entries.forEach((e, i) => {
    if (!firstAt.has(e.finalScore)) firstAt.set(e.finalScore, i);
    sharing.set(e.finalScore, (sharing.get(e.finalScore) ?? 0) + 1);
  });
  return entries.map((e, i) => ({
    ...e,
    rank: firstAt.get(e.finalScore)! + 1,
    tied: sharing.get(e.finalScore)! > 1,
    proposedLevelKey: slots[i] ?? null,
  }));
}

export async function loadCall(ctx: RequestContext, callId: number, lock = false, db = ctx.db) {
  const call = await repo.findCall(db, callId, ctx.viewer, lock);
  if (!call) throw notFound('征集');
  return call;
}

export async function awardsView(ctx: RequestContext, callId: number): Promise<CallAwards> {
  const call = await loadCall(ctx, callId);
  const ranked = (await repo.rankedEntries(ctx.db, call.id)) as repo.RankedEntry[];
  const phase = phaseOf(call);
  const counts = await repo.objectionCounts(ctx.db, call.id, call.publicityStartsAt);
  const entries: AwardEntry[] = rankAndPropose(ranked, call.awardLevels).map((e) => ({
    entryId: e.id,
    entryNo: e.entryNo,
    label: entryLabel(e.entryNo),
    title: e.title,
    categoryLabel: categoryLabel(call.categories, e.categoryKey),
    finalScore: e.finalScore,
    rank: e.rank,
    tied: e.tied,
    proposedLevelKey: e.proposedLevelKey,
    awardLevelKey: e.awardLevelKey,
    certificateCode: e.certificateCode,
  }));
  return {
    callId: call.id,
    title: call.title,
    unitName: call.unitName,
    phase,
    levels: call.awardLevels,
    publicityDays: call.publicityDays,
    publicityStartsAt: iso(call.publicityStartsAt),
    publicityEndsAt: iso(call.publicityEndsAt),
    awardsFinalAt: iso(call.awardsFinalAt),
    resultsPath: resultsPath(call.slug),
    openObjections: counts.open,
    changeAllowed: phase === 'proposing' || (phase !== 'final' && counts.upheldSince > 0),
    entries,
  };
}

/** Which level is over its count, with how many were given: over a count needs a reason. */
function overCounts(levels: CallAwardLevel[], awards: SaveBody['awards']) {
  return levels
    .map((l) => ({ ...l, given: awards.filter((a) => a.levelKey === l.key).length }))
    .filter((l) => l.given > l.count);
}

export async function saveAwards(ctx: RequestContext, callId: number, body: SaveBody): Promise<CallAwards> {
  await ctx.db.transaction(async (tx) => {
    const call = await loadCall(ctx, callId, true, tx);
    const phase = phaseOf(call);
    if (phase === 'final') throw conflict('结果已确认，不能再调整奖项');
    const restart = phase !== 'proposing';
    if (restart && (await repo.objectionCounts(tx, call.id, call.publicityStartsAt)).upheldSince === 0) {
      throw conflict('公示期间不能调整奖项；有异议经答复成立后才能调整');
    }
    const eligible = new Set((await repo.rankedEntries(tx, call.id)).map((e) => e.id));
    const seen = new Set<number>();
    for (const a of body.awards) {
      if (!eligible.has(a.entryId)) {
        throw badRequest('只能给形式审查通过且有最终得分的作品评奖');
      }
      if (seen.has(a.entryId)) throw badRequest('同一作品只能获一个奖项');
      seen.add(a.entryId);
      if (!call.awardLevels.some((l) => l.key === a.levelKey)) throw badRequest('奖项不存在，请重新选择');
    }
    const over = overCounts(call.awardLevels, body.awards);
    if (over.length > 0 && !body.reason) {
      const l = over[0];
      throw badRequest(`「${l.label}」名额为 ${l.count} 个，已评 ${l.given} 个：超出名额须说明理由`, [
        { path: 'reason', message: '请说明超出名额的理由' },
      ]);
    }
    await repo.replaceAwards(tx, call.id, body.awards);
    const now = new Date();
    if (restart)
      await repo.setPublicity(tx, call.id, now, new Date(now.getTime() + call.publicityDays * DAY_MS));
    await ctx.audit(
      {
        action: 'award.saved',
        targetType: 'call',
        targetId: call.id,
        targetLabel: call.title,
        detail: {
          levels: Object.fromEntries(
            call.awardLevels.map((l) => [l.label, body.awards.filter((a) => a.levelKey === l.key).length]),
          ),
          overCount: over.map((l) => l.label),
          reason: body.reason ?? null,
          publicityRestarted: restart,
        },
      },
      tx,
    );
  });
  return awardsView(ctx, callId);
}

export async function startPublicity(ctx: RequestContext, callId: number): Promise<CallAwards> {
  await ctx.db.transaction(async (tx) => {
    const call = await loadCall(ctx, callId, true, tx);
    if (phaseOf(call) !== 'proposing') throw conflict('已经开始公示');
    if ((await repo.awardedEntries(tx, call.id)).length === 0) throw conflict('请先评定奖项再公示');
    const now = new Date();
    const ends = new Date(now.getTime() + call.publicityDays * DAY_MS);
    await repo.setPublicity(tx, call.id, now, ends);
    await ctx.audit(
      {
        action: 'award.publicity_started',
        targetType: 'call',
        targetId: call.id,
        targetLabel: call.title,
        detail: { days: call.publicityDays, endsAt: ends.toISOString() },
      },
      tx,
    );
  });
  return awardsView(ctx, callId);
}

const dateText = (d: Date) =>
  d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'long', timeStyle: 'short' });

export async function confirmAwards(ctx: RequestContext, callId: number): Promise<CallAwards> {
  await ctx.db.transaction(async (tx) => {
    const call = await loadCall(ctx, callId, true, tx);
    const phase = phaseOf(call);
    if (phase === 'final') throw conflict('结果已经确认');
    if (phase === 'proposing') throw conflict('结果须先公示，公示期满后才能确认');
    if (phase === 'publicity') {
      throw conflict(`公示期至 ${dateText(new Date(call.publicityEndsAt!))} 结束，期满后才能确认`);
    }
    const { open } = await repo.objectionCounts(tx, call.id, null);
    if (open > 0) throw conflict(`还有 ${open} 条异议未答复，答复后才能确认结果`);
    const now = new Date();
    const awarded = await repo.awardedEntries(tx, call.id);
    for (const e of awarded) await repo.issueCertificate(tx, e.id, newReceiptCode(), now);
    await repo.markFinal(tx, call.id, now);
    await ctx.audit(
      {
        action: 'award.confirmed',
        targetType: 'call',
        targetId: call.id,
        targetLabel: call.title,
        detail: { certificates: awarded.length },
      },
      tx,
    );
  });
  return awardsView(ctx, callId);
}

function presentObjection(ctx: RequestContext, o: repo.ObjectionRow): CallObjection {
  return {
    id: o.id,
    entryLabel: o.entryNo === null ? null : entryLabel(o.entryNo),
    content: o.content,
    contactName: o.contactName,
    contactPhone: o.contactPhoneEnc ? decryptField(ctx.keys, o.contactPhoneEnc) : null,
    status: o.status,
    response: o.response,
    handledByName: o.handledByName,
    handledAt: iso(o.handledAt),
    createdAt: iso(o.createdAt)!,
  };
}

export async function objections(ctx: RequestContext, callId: number) {
  const call = await loadCall(ctx, callId);
  const rows = await repo.listObjections(ctx.db, call.id);
  return { items: rows.map((o) => presentObjection(ctx, o)) };
}

export async function answerObjection(
  ctx: RequestContext,
  callId: number,
  objectionId: number,
  body: { decision: 'upheld' | 'dismissed'; response: string },
): Promise<CallObjection> {
  await ctx.db.transaction(async (tx) => {
    const call = await loadCall(ctx, callId, true, tx);
    if (phaseOf(call) === 'final') throw conflict('结果已确认，不能再答复异议');
    if (!(await repo.findObjection(tx, call.id, objectionId))) throw notFound('异议');
    const answered = await repo.answerObjection(tx, objectionId, {
      status: body.decision,
      response: body.response,
      handledBy: ctx.viewer.userId,
    });
    if (!answered) throw conflict('该异议已经答复过了');
    await ctx.audit(
      {
        action: 'award.objection_answered',
        targetType: 'call',
        targetId: call.id,
        targetLabel: call.title,
        detail: { objectionId, decision: body.decision },
      },
      tx,
    );
  });
  return presentObjection(ctx, (await repo.findObjection(ctx.db, callId, objectionId))!);
}

/** The certificates' contents, full names included: a document in someone's hands, so every read is audited. */
export async function certificates(ctx: RequestContext, callId: number, entryId?: number) {
  const call = await loadCall(ctx, callId);
  if (phaseOf(call) !== 'final') throw conflict('结果确认后才能下载证书');
  const awarded = (await repo.awardedEntries(ctx.db, call.id)).filter(
    (e) => e.certificateCode && (entryId === undefined || e.id === entryId),
  );
  if (entryId !== undefined && awarded.length === 0) throw notFound('获奖作品');
  const entrants = await repo.entrantsOf(
    ctx.db,
    awarded.map((e) => e.workId),
  );
  const order = new Map(call.awardLevels.map((l, i) => [l.key, i]));
  awarded.sort(
    (a, b) => order.get(a.awardLevelKey!)! - order.get(b.awardLevelKey!)! || a.entryNo - b.entryNo,
  );
  await ctx.audit({
    action: 'award.certificates_read',
    targetType: 'call',
    targetId: call.id,
    targetLabel: call.title,
    detail: { count: awarded.length, entryId: entryId ?? null },
  });
  return {
    unitName: call.orgName,
    callTitle: call.title,
    issuedAt: iso(call.awardsFinalAt)!,
    items: awarded.map((e) => ({
      entryId: e.id,
      code: e.certificateCode!,
      names: entrants.filter((p) => p.workId === e.workId).map((p) => p.name),
      groupName: e.groupName,
      workTitle: e.title,
      levelLabel: levelLabel(call.awardLevels, e.awardLevelKey)!,
      verifyPath: verifyPath(e.certificateCode!),
    })),
  };
}
