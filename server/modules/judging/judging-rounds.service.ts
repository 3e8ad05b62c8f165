import { setImmediate as nextTurn } from 'node:timers/promises';
import type { z } from 'zod';
import type { Round, roundSettings } from '../../../common/contracts/judging';
import type { RequestContext } from '../../platform/http/context';
import { badRequest, conflict, notFound, staleVersion } from '../../platform/http/errors';
import { entryLabel } from '../calls/call-entries.repo';
import type { Db } from '../../db/client';
import { assignJudges, conflictKey, pickReplacement, SHORT_REASONS } from './judging-assign';
import * as repo from './judging.repo';
import { progressOf } from './judging-results.service';

/** The organiser's side of a round: settings, panel, conflicts, assignment, opening for scoring. */

type Settings = z.output<typeof roundSettings>;
type Ctx = Pick<RequestContext, 'db' | 'viewer' | 'audit'>;

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

async function present(ctx: Ctx, callId: number, roundId?: number): Promise<Round[]> {
  const rows = (await repo.roundsOfCall(ctx.db, callId)).filter(
    (r) => roundId === undefined || r.id === roundId,
  );
  const judges = await repo.panels(
    ctx.db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    callId: r.callId,
    seq: r.seq,
    name: r.name,
    status: r.status,
    judgesPerWork: r.judgesPerWork,
    maxPerJudge: r.maxPerJudge,
    byCategory: r.byCategory,
    aggregation: r.aggregation,
    trimCount: r.trimCount,
    spreadThreshold: r.spreadThreshold,
    advanceKind: r.advanceKind,
    advanceValue: r.advanceValue,
    openedAt: iso(r.openedAt),
    closedAt: iso(r.closedAt),
    entryCount: r.entryCount,
    sheetCount: r.sheetCount,
    judges: judges
      .filter((j) => j.roundId === r.id)
      .map((j) => ({ userId: j.userId, name: j.name, unitName: j.unitName, categoryKeys: j.categoryKeys })),
    version: r.version,
  }));
}

export const presentRound = async (ctx: Ctx, callId: number, roundId: number) =>
  (await present(ctx, callId, roundId))[0];

export async function listRounds(ctx: Ctx, callId: number) {
  if (!(await repo.callInScope(ctx.db, ctx.viewer, callId))) throw notFound('作品征集');
  return { items: await present(ctx, callId) };
}

export async function loadRound(ctx: Ctx, roundId: number, lock = false) {
  const found = await repo.roundInScope(ctx.db, ctx.viewer, roundId, lock);
  if (!found) throw notFound('评审轮次');
  return found;
}

export async function createRound(ctx: Ctx, callId: number, settings: Settings) {
  const roundId = await ctx.db.transaction(async (tx) => {
    const call = await repo.callInScope(tx, ctx.viewer, callId);
    if (!call) throw notFound('作品征集');
    const last = await repo.lastRound(tx, callId);
    if (last && last.status !== 'closed') throw conflict(`「${last.name}」尚未结束，不能新建下一轮`);
    const entryIds = last
      ? await repo.advancedEntryIds(tx, last.id)
      : await repo.eligibleEntryIds(tx, callId);
    if (last && entryIds.length === 0) throw badRequest(`「${last.name}」没有晋级作品`);
    const id = await repo.insertRound(tx, { callId, seq: (last?.seq ?? 0) + 1, ...settings });
    await repo.syncRoundEntries(tx, id, entryIds);
    await ctx.audit(
      {
        action: 'judging.round_created',
        targetType: 'call_round',
        targetId: id,
        targetLabel: settings.name,
        detail: { callId, entries: entryIds.length },
      },
      tx,
    );
    return id;
  });
  return presentRound(ctx, callId, roundId);
}

/** While judges score, only what does not change their sheets may change: the spread flag and who goes on. */
export async function updateRound(ctx: Ctx, roundId: number, settings: Settings, version: number) {
  const { round } = await loadRound(ctx, roundId);
  if (round.status === 'closed') throw conflict('本轮已结束，不能修改设置');
  const patch =
    round.status === 'setup'
      ? settings
      : {
          spreadThreshold: settings.spreadThreshold,
          advanceKind: settings.advanceKind,
          advanceValue: settings.advanceValue,
        };
  await ctx.db.transaction(async (tx) => {
    if (!(await repo.updateRound(tx, roundId, version, patch))) throw staleVersion();
    await ctx.audit(
      {
        action: 'judging.round_updated',
        targetType: 'call_round',
        targetId: roundId,
        targetLabel: round.name,
        detail: patch,
      },
      tx,
    );
  });
  return presentRound(ctx, round.callId, roundId);
}

export async function judgeCandidates(ctx: Ctx, callId: number) {
  if (!(await repo.callInScope(ctx.db, ctx.viewer, callId))) throw notFound('作品征集');
  return { items: await repo.judgeCandidates(ctx.db, ctx.viewer) };
}

export async function setJudges(
  ctx: Ctx,
  roundId: number,
  judges: { userId: number; categoryKeys: string[] }[],
) {
  const { round, call } = await loadRound(ctx, roundId);
  if (round.status !== 'setup') throw conflict('评分开始后不能更换评委组');
  const found = await repo.judgeCandidates(
    ctx.db,
    ctx.viewer,
    judges.map((j) => j.userId),
  );
  if (found.length !== judges.length) throw notFound('评委');
  const known = new Set(call.categories.map((c) => c.key));
  if (judges.some((j) => j.categoryKeys.some((k) => !known.has(k))))
    throw badRequest('评委负责的类别不在本次征集的类别中');
  await ctx.db.transaction(async (tx) => {
    await repo.replacePanel(tx, roundId, judges);
    await ctx.audit(
      {
        action: 'judging.panel_set',
        targetType: 'call_round',
        targetId: roundId,
        targetLabel: round.name,
        detail: { judges: judges.map((j) => j.userId) },
      },
      tx,
    );
  });
  return presentRound(ctx, round.callId, roundId);
}

export async function listConflicts(ctx: Ctx, roundId: number) {
  await loadRound(ctx, roundId);
  const rows = await repo.conflictsOfRound(ctx.db, roundId);
  return {
    items: rows.map((r) => ({
      ...r,
      entryLabel: entryLabel(r.entryNo),
      createdAt: new Date(r.createdAt).toISOString(),
    })),
  };
}

/** The organiser's own conflict; a sheet the judge already had on the entry is withdrawn and given to another. */
export async function addConflict(
  ctx: Ctx,
  roundId: number,
  body: { judgeUserId: number; entryId: number; reason: string },
) {
  const { round } = await loadRound(ctx, roundId);
  if (round.status === 'closed') throw conflict('本轮已结束');
  const entries = await repo.roundEntryCategories(ctx.db, roundId, body.entryId);
  const panel = await repo.panels(ctx.db, [roundId]);
  if (!entries.length) throw notFound('作品');
  if (!panel.some((j) => j.userId === body.judgeUserId)) throw notFound('评委');
  await ctx.db.transaction(async (tx) => {
    await repo.insertConflict(tx, {
      callId: round.callId,
      ...body,
      source: 'organiser',
      createdBy: ctx.viewer.userId,
    });
    await repo.removeSheet(tx, roundId, body.entryId, body.judgeUserId);
    if (round.status === 'scoring') await redistribute(tx, roundId, body.entryId);
    await ctx.audit(
      {
        action: 'judging.conflict_added',
        targetType: 'call_entry',
        targetId: body.entryId,
        detail: { roundId, judgeUserId: body.judgeUserId },
      },
      tx,
    );
  });
  return { ok: true as const };
}

/** Gives an entry that lost a judge to the least loaded eligible judge, when there is one (inside a transaction). */
export async function redistribute(tx: Db, roundId: number, entryId: number): Promise<number | null> {
  const round = await repo.roundById(tx, roundId);
  // This entry's row, sheets and conflicts only: a declared conflict must not read the whole round.
  const [entry] = await repo.roundEntryCategories(tx, roundId, entryId);
  if (!round || !entry) return null;
  const loads = await repo.roundLoads(tx, roundId);
  const sheets = await repo.sheetsOfRound(tx, roundId, entryId);
  const conflicts = await repo.conflictPairs(tx, round.callId, entryId);
  const pick = pickReplacement({
    entry,
    judges: loads,
    conflicts: new Set(conflicts.map((c) => conflictKey(c.judgeUserId, c.entryId))),
    alreadyOn: new Set(sheets.map((s) => s.judgeUserId)),
    loads: new Map(loads.map((l) => [l.userId, l.load])),
    maxPerJudge: round.maxPerJudge,
    byCategory: round.byCategory,
  });
  if (pick !== null) await repo.addSheet(tx, roundId, entryId, pick);
  return pick;
}

export async function assign(ctx: Ctx, roundId: number, seed: number | undefined) {
  const { round, call } = await loadRound(ctx, roundId);
  if (round.status !== 'setup') throw conflict('评分已开始，不能重新分配');
  // A turn of the event loop between the steps: on the embedded database a chain of statements never
  // yields by itself, and /healthz and every other request would wait for the whole assignment.
  const result = await ctx.db.transaction(async (tx) => {
    await repo.roundInScope(tx, ctx.viewer, roundId, true);
    // The first round follows the formal review up to the moment of assignment.
    if (round.seq === 1) {
      const eligible = await repo.eligibleEntryIds(tx, call.id);
      await nextTurn();
      await repo.syncRoundEntries(tx, roundId, eligible);
      await nextTurn();
    }
    await repo.deriveConflicts(tx, roundId);
    await nextTurn();
    const entries = await repo.roundEntryCategories(tx, roundId);
    const judges = await repo.panels(tx, [roundId]);
    if (!judges.length) throw badRequest('请先设定评委组');
    if (!entries.length) throw badRequest('本轮没有待评审的作品');
    await nextTurn();
    const pairs = await repo.conflictPairs(tx, call.id);
    await nextTurn();
    const out = assignJudges({
      entries,
      judges,
      conflicts: new Set(pairs.map((p) => conflictKey(p.judgeUserId, p.entryId))),
      judgesPerWork: round.judgesPerWork,
      maxPerJudge: round.maxPerJudge,
      byCategory: round.byCategory,
      seed: seed ?? roundId,
    });
    await nextTurn();
    await repo.replaceAssignments(tx, roundId, out.pairs);
    await ctx.audit(
      {
        action: 'judging.assigned',
        targetType: 'call_round',
        targetId: roundId,
        targetLabel: round.name,
        detail: { sheets: out.pairs.length, short: out.short.length },
      },
      tx,
    );
    const labels = new Map(entries.map((e) => [e.id, entryLabel(e.entryNo)]));
    return { ...out, labels };
  });
  await nextTurn();
  const progress = await progressOf(ctx, roundId);
  return {
    loads: progress.loads,
    short: result.short.map((s) => ({
      entryId: s.entryId,
      entryLabel: result.labels.get(s.entryId) ?? '',
      assigned: s.assigned,
      reason: SHORT_REASONS[s.reason],
    })),
    conflicts: (await repo.conflictsOfRound(ctx.db, roundId)).length,
  };
}

export async function open(ctx: Ctx, roundId: number, version: number) {
  const { round } = await loadRound(ctx, roundId);
  if (round.status !== 'setup') throw conflict('本轮已开始评分');
  const sheets = await repo.sheetsOfRound(ctx.db, roundId);
  if (!sheets.length) throw badRequest('请先分配作品');
  await ctx.db.transaction(async (tx) => {
    if (!(await repo.updateRound(tx, roundId, version, { status: 'scoring', openedAt: new Date() })))
      throw staleVersion();
    await ctx.audit(
      {
        action: 'judging.round_opened',
        targetType: 'call_round',
        targetId: roundId,
        targetLabel: round.name,
      },
      tx,
    );
  });
  return presentRound(ctx, round.callId, roundId);
}
