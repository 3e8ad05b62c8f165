import type { CallRecommendations } from '../../../common/contracts/awards';
import type { Db } from '../../db/client';
import type { RequestContext } from '../../platform/http/context';
import { badRequest, conflict, notFound } from '../../platform/http/errors';
import { entryLabel, insertCallEntry } from '../calls/call-entries.repo';
import { parentOptionRows } from '../calls/calls.repo';
import { iso } from '../youth/youth.present';
import * as awardsRepo from './awards.repo';
import { categoryLabel, levelLabel, loadCall, rankAndPropose } from './awards.service';
import * as repo from './recommend.repo';

/**
 * 向上推荐: a call sends its best works to the higher unit's call (parent_call_id) within the quota the
 * higher call set for each lower call (its recommend_quota); each becomes a fresh entry there, reviewed and judged again, the lower level's scores
 * and award staying on its own entry.
 */

/** A parent must be a published call of a unit above this call's unit. */
async function assertTarget(db: Db, call: awardsRepo.CallRow, parentCallId: number) {
  const ok = (await parentOptionRows(db, call.unitPath)).some((t) => t.id === parentCallId);
  if (!ok) throw conflict('上级征集须是上级团组织已发布的征集');
}

/** Why this call cannot recommend now, or null. */
async function blockedReason(db: Db, call: awardsRepo.CallRow, parent: awardsRepo.CallRow | undefined) {
  if (!call.parentCallId) return '尚未设定上级征集';
  if (parent?.status !== 'published') return '上级征集未在进行中';
  if (parent.recommendQuota <= 0) return '上级征集尚未设定下级推荐名额';
  const rounds = await repo.roundStates(db, call.id);
  if (rounds.total === 0 || rounds.open > 0) return '评审结束（各轮均已关闭）后才能推荐';
  return null;
}

export async function view(ctx: RequestContext, callId: number): Promise<CallRecommendations> {
  const call = await loadCall(ctx, callId);
  const parent = call.parentCallId ? await awardsRepo.findCallById(ctx.db, call.parentCallId) : undefined;
  const ranked = rankAndPropose(
    (await awardsRepo.rankedEntries(ctx.db, call.id)) as awardsRepo.RankedEntry[],
    call.awardLevels,
  );
  const sent = parent ? await repo.recommendationsOf(ctx.db, call.id, parent.id) : [];
  const standing = sent.filter((s) => s.status !== 'withdrawn');
  const bySource = new Map(standing.map((s) => [s.sourceEntryId, s]));
  return {
    callId: call.id,
    parent: parent ? { id: parent.id, title: parent.title, unitName: parent.unitName } : null,
    quota: parent?.recommendQuota ?? 0,
    used: standing.length,
    blockedReason: await blockedReason(ctx.db, call, parent),
    candidates: ranked.map((e) => {
      const r = bySource.get(e.id);
      return {
        entryId: e.id,
        label: entryLabel(e.entryNo),
        title: e.title,
        categoryLabel: categoryLabel(call.categories, e.categoryKey),
        finalScore: e.finalScore,
        rank: e.rank,
        awardLabel: levelLabel(call.awardLevels, e.awardLevelKey),
        recommendation: r
          ? {
              parentEntryId: r.id,
              state:
                r.status === 'submitted' && !r.reviewedAt ? ('submitted' as const) : ('reviewed' as const),
              note: r.note,
              recommendedAt: iso(r.recommendedAt)!,
            }
          : null,
      };
    }),
    received: await received(ctx.db, call),
  };
}

async function received(db: Db, call: awardsRepo.CallRow): Promise<CallRecommendations['received']> {
  const [lower, entries] = await Promise.all([
    repo.lowerCalls(db, call.id),
    repo.receivedEntries(db, call.id),
  ]);
  const standing = entries.filter((e) => e.status !== 'withdrawn');
  const steps = await repo.chains(
    db,
    standing.map((e) => e.id),
  );
  // Grouped once: a provincial call receives thousands, and each look-up must not scan them all.
  const fromCall = new Map<number, typeof standing>();
  for (const e of standing) {
    const list = fromCall.get(e.fromCallId);
    if (list) list.push(e);
    else fromCall.set(e.fromCallId, [e]);
  }
  const stepsOf = new Map<number, typeof steps>();
  for (const s of steps) {
    const list = stepsOf.get(s.rootId);
    if (list) list.push(s);
    else stepsOf.set(s.rootId, [s]);
  }
  return lower.map((l) => {
    const mine = fromCall.get(l.id) ?? [];
    return {
      callId: l.id,
      callTitle: l.title,
      unitName: l.unitName,
      quota: call.recommendQuota,
      used: mine.length,
      entries: mine.map((e) => {
        const chain = stepsOf.get(e.id) ?? [];
        return {
          entryId: e.id,
          label: entryLabel(e.entryNo),
          title: e.title,
          status: e.status,
          recommendedAt: iso(e.recommendedAt)!,
          // Lowest level first; who sent a level's entry upward is recorded on the entry one level up.
          chain: chain.map((s, i) => ({
            callTitle: s.callTitle,
            unitName: s.unitName,
            label: entryLabel(s.entryNo),
            finalScore: s.finalScore,
            awardLabel: levelLabel(s.awardLevels, s.awardLevelKey),
            recommendedByName: chain[i + 1]?.recommendedByName ?? null,
            recommendNote: chain[i + 1]?.recommendNote ?? null,
          })),
        };
      }),
    };
  });
}

export async function recommend(
  ctx: RequestContext,
  callId: number,
  body: { entryIds: number[]; note?: string },
) {
  const entryIds = [...new Set(body.entryIds)];
  await ctx.db.transaction(async (tx) => {
    // The lower call's row is the quota's lock: two organisers recommending at once count one after the other.
    const call = await loadCall(ctx, callId, true, tx);
    const parent = call.parentCallId ? await awardsRepo.findCallById(tx, call.parentCallId) : undefined;
    const blocked = await blockedReason(tx, call, parent);
    if (blocked) throw conflict(blocked);
    const parentCallId = call.parentCallId!;
    const quota = parent!.recommendQuota;
    await assertTarget(tx, call, parentCallId);
    const sent = await repo.recommendationsOf(tx, call.id, parentCallId);
    const used = sent.filter((s) => s.status !== 'withdrawn').length;
    if (used + entryIds.length > quota) {
      throw conflict(`推荐名额为 ${quota} 件，已推荐 ${used} 件，还能推荐 ${Math.max(0, quota - used)} 件`);
    }
    const entries = await repo.lowerEntries(tx, call.id, entryIds);
    if (
      entries.length !== entryIds.length ||
      entries.some((e) => e.status !== 'eligible' || e.finalScore === null)
    ) {
      throw badRequest('只能推荐本征集中形式审查通过且有最终得分的作品');
    }
    for (const e of entries) {
      const existing = await repo.entryOfWork(tx, parentCallId, e.workId);
      const recommendation = {
        sourceEntryId: e.id,
        recommendedByUnitId: call.unitId,
        recommendedBy: ctx.viewer.userId,
        recommendNote: body.note || null,
      };
      if (!existing) {
        await insertCallEntry(tx, {
          callId: parentCallId,
          workId: e.workId,
          origin: 'recommended',
          ...recommendation,
        });
      } else if (existing.origin === 'recommended' && existing.status === 'withdrawn') {
        await repo.renewRecommendation(tx, existing.id, recommendation);
      } else {
        throw conflict('该作品已在上级征集中');
      }
    }
    await ctx.audit(
      {
        action: 'recommend.submitted',
        targetType: 'call',
        targetId: call.id,
        targetLabel: call.title,
        detail: { parentCallId, entryIds, quota, used: used + entryIds.length },
      },
      tx,
    );
  });
  return view(ctx, callId);
}

export async function withdraw(ctx: RequestContext, callId: number, entryId: number) {
  await ctx.db.transaction(async (tx) => {
    const call = await loadCall(ctx, callId, true, tx);
    const sent = call.parentCallId ? await repo.recommendationsOf(tx, call.id, call.parentCallId) : [];
    const r = sent.find((s) => s.sourceEntryId === entryId && s.status !== 'withdrawn');
    if (!r) throw notFound('推荐');
    if (!(await repo.withdraw(tx, r.id))) throw conflict('上级已审查该作品，不能再撤回');
    await ctx.audit(
      {
        action: 'recommend.withdrawn',
        targetType: 'call',
        targetId: call.id,
        targetLabel: call.title,
        detail: { parentCallId: call.parentCallId, entryId, parentEntryId: r.id },
      },
      tx,
    );
  });
  return view(ctx, callId);
}
