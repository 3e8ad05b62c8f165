import { setImmediate as nextTurn } from 'node:timers/promises';
import type { z } from 'zod';
import type { roundRanking } from '../../../common/contracts/judging';
import type { RequestContext } from '../../platform/http/context';
import { badRequest, conflict, notFound, staleVersion } from '../../platform/http/errors';
import { entryLabel } from '../calls/call-entries.repo';
import { keywordConditions } from '../calls/call-entries.service';
import { advances, aggregate, rankScores } from './judging-aggregate';
import { conflictKey, SHORT_REASONS, shortReason } from './judging-assign';
import * as repo from './judging.repo';

/** Progress, ranking, rescore requests and closing a round: the organiser's view of the scores. */

type Ctx = Pick<RequestContext, 'db' | 'viewer' | 'audit'>;

async function loadRound(ctx: Ctx, roundId: number) {
  const found = await repo.roundInScope(ctx.db, ctx.viewer, roundId);
  if (!found) throw notFound('评审轮次');
  return found;
}

/** Rows grouped by a key in one pass: per-entry and per-judge look-ups must not scan every sheet. */
function groupBy<T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

/** Each judge's sheets by state, and the entries that have fewer judges than the round asks for. */
export async function progressOf(ctx: Ctx, roundId: number) {
  const { round } = await loadRound(ctx, roundId);
  const [panel, sheets, entries, pairs] = await Promise.all([
    repo.panels(ctx.db, [roundId]),
    repo.sheetsOfRound(ctx.db, roundId),
    repo.roundEntryCategories(ctx.db, roundId),
    repo.conflictPairs(ctx.db, round.callId),
  ]);
  // The reads of a large round are one chain on the embedded database: let other requests in.
  await nextTurn();
  const byJudge = groupBy(sheets, (s) => s.judgeUserId);
  const byEntry = groupBy(sheets, (s) => s.entryId);
  const loads = panel.map((j) => {
    const mine = byJudge.get(j.userId) ?? [];
    const count = (status: string) => mine.filter((s) => s.status === status).length;
    return {
      userId: j.userId,
      name: j.name,
      assigned: mine.length,
      submitted: count('submitted'),
      abstained: count('abstained'),
      rescore: count('rescore'),
      left: count('assigned') + count('rescore'),
    };
  });
  const conflicts = new Set(pairs.map((p) => conflictKey(p.judgeUserId, p.entryId)));
  const short = sheets.length
    ? entries
        .map((e) => ({ e, assigned: byEntry.get(e.id)?.length ?? 0 }))
        .filter(({ assigned }) => assigned < round.judgesPerWork)
        .map(({ e, assigned }) => ({
          entryId: e.id,
          entryLabel: entryLabel(e.entryNo),
          assigned,
          reason:
            SHORT_REASONS[
              shortReason(
                {
                  judges: panel,
                  conflicts,
                  judgesPerWork: round.judgesPerWork,
                  byCategory: round.byCategory,
                },
                e,
                {
                  maxPerJudge: round.maxPerJudge,
                  load: (userId) => byJudge.get(userId)?.length ?? 0,
                  has: (userId) => (byEntry.get(e.id) ?? []).some((s) => s.judgeUserId === userId),
                },
              )
            ],
        }))
    : [];
  return { loads, short };
}

async function computeRanking(ctx: Ctx, roundId: number) {
  const { round, call } = await loadRound(ctx, roundId);
  // One after another: close() runs this on a transaction's single client, where pg refuses overlapping queries.
  const panel = await repo.panels(ctx.db, [roundId]);
  const sheets = await repo.sheetsOfRound(ctx.db, roundId);
  const entries = await repo.roundEntryCategories(ctx.db, roundId);
  const stored = await repo.roundResults(ctx.db, roundId);
  await nextTurn();
  const ordinal = new Map(panel.map((j, i) => [j.userId, i + 1]));
  const names = new Map(
    (await repo.usersById(ctx.db, [...new Set(sheets.map((s) => s.judgeUserId))])).map((u) => [u.id, u.name]),
  );
  const categories = new Map(call.categories.map((c) => [c.key, c.label]));
  const byEntry = groupBy(sheets, (s) => s.entryId);
  const rows = entries.map((e) => {
    const mine = byEntry.get(e.id) ?? [];
    // A sheet waiting for a rescore keeps counting with its last total until the judge submits again.
    const totals = mine
      .filter((s) => (s.status === 'submitted' || s.status === 'rescore') && s.total !== null)
      .map((s) => s.total!);
    const agg = aggregate(totals, round.aggregation, round.trimCount);
    return {
      entryId: e.id,
      entryLabel: entryLabel(e.entryNo),
      title: e.title,
      categoryLabel: categories.get(e.categoryKey) ?? e.categoryKey,
      sheets: mine.map((s) => ({
        judgeUserId: s.judgeUserId,
        judgeLabel: `评委${ordinal.get(s.judgeUserId) ?? ''}`,
        judgeName: names.get(s.judgeUserId) ?? '',
        status: s.status,
        total: s.total,
        comment: s.comment,
        abstainReason: s.abstainReason,
        rescoreNote: s.rescoreNote,
      })),
      score: agg.score,
      spread: agg.spread,
      spreadFlag: agg.spread !== null && agg.spread > round.spreadThreshold,
      fellBackToMean: agg.fellBackToMean,
    };
  });
  const ranked = rankScores(rows);
  const storedAdvanced = new Map(stored.map((s) => [s.entryId, s.advanced]));
  const perRank = new Map<number, number>();
  for (const r of ranked) if (r.rank !== null) perRank.set(r.rank, (perRank.get(r.rank) ?? 0) + 1);
  const items = ranked
    .map((r) => ({
      ...r,
      tied: r.rank !== null && perRank.get(r.rank)! > 1,
      advanced:
        round.status === 'closed'
          ? (storedAdvanced.get(r.entryId) ?? false)
          : advances(r, round.advanceKind, round.advanceValue),
    }))
    .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.entryLabel.localeCompare(b.entryLabel));
  return { round, items };
}

type RankingQuery = z.output<NonNullable<(typeof roundRanking)['query']>>;
type RankedRow = Awaited<ReturnType<typeof computeRanking>>['items'][number];

const RANKING_FILTERS: Record<RankingQuery['filter'], (r: RankedRow) => boolean> = {
  all: () => true,
  spread: (r) => r.spreadFlag,
  tied: (r) => r.tied,
  advanced: (r) => r.advanced,
  unscored: (r) => r.score === null,
};

/**
 * One page of the ranking, in rank order. The ranks, ties and advancement come from the whole round's
 * computation, so a page shows the same rank and 并列 mark the entry has in the full list.
 */
export async function ranking(ctx: Ctx, roundId: number, query: RankingQuery) {
  const { round, items } = await computeRanking(ctx, roundId);
  const keyword = keywordConditions(query.q);
  const words = query.q?.trim();
  const label = keyword.entryNo === undefined ? null : entryLabel(keyword.entryNo);
  const keep = RANKING_FILTERS[query.filter];
  const matched = items.filter(
    (r) =>
      keep(r) &&
      (!words || r.entryLabel === label || r.title.includes(words) || r.entryLabel.includes(words)),
  );
  const start = (query.page - 1) * query.pageSize;
  const count = (f: (r: RankedRow) => boolean) => items.reduce((n, r) => n + (f(r) ? 1 : 0), 0);
  return {
    items: matched.slice(start, start + query.pageSize),
    total: matched.length,
    page: query.page,
    pageSize: query.pageSize,
    closed: round.status === 'closed',
    counts: {
      entries: items.length,
      scored: count((r) => r.score !== null),
      spreadFlagged: count(RANKING_FILTERS.spread),
      tied: count(RANKING_FILTERS.tied),
      advanced: count(RANKING_FILTERS.advanced),
      fellBackToMean: count((r) => r.fellBackToMean),
    },
  };
}

const ENTRY_OPTIONS_LIMIT = 20;

/** The conflict dialog's picker: a few of the round's entries by number or title, never the whole round. */
export async function entryOptions(ctx: Ctx, roundId: number, q: string | undefined) {
  const { round, call } = await loadRound(ctx, roundId);
  const categories = new Map(call.categories.map((c) => [c.key, c.label]));
  const rows = await repo.roundEntryOptions(ctx.db, round.id, keywordConditions(q), ENTRY_OPTIONS_LIMIT);
  return {
    items: rows.map((e) => ({
      entryId: e.id,
      entryLabel: entryLabel(e.entryNo),
      title: e.title,
      categoryLabel: categories.get(e.categoryKey) ?? e.categoryKey,
    })),
  };
}

export async function requestRescore(
  ctx: Ctx,
  roundId: number,
  body: { entryId: number; judgeUserIds: number[]; note: string },
) {
  const { round } = await loadRound(ctx, roundId);
  if (round.status !== 'scoring') throw conflict('只有评分中的轮次可以请评委复评');
  const judgeUserIds = [...new Set(body.judgeUserIds)];
  await ctx.db.transaction(async (tx) => {
    const marked = await repo.markRescore(tx, roundId, body.entryId, judgeUserIds, body.note);
    if (marked.length !== judgeUserIds.length) throw badRequest('只能请已对该作品评分的评委复评');
    await ctx.audit(
      {
        action: 'judging.rescore_requested',
        targetType: 'call_entry',
        targetId: body.entryId,
        detail: { roundId, judgeUserIds },
      },
      tx,
    );
  });
  return { ok: true as const };
}

/** Closes the round: each entry's score, spread and rank are kept, and its score becomes the entry's final score. */
export async function close(ctx: Ctx, roundId: number, version: number) {
  const { round } = await loadRound(ctx, roundId);
  if (round.status !== 'scoring') throw conflict('只有评分中的轮次可以结束');
  await ctx.db.transaction(async (tx) => {
    // The round's row is locked first: a judge's score (which share-locks it) is either in or refused.
    await repo.roundInScope(tx, ctx.viewer, roundId, true);
    const { items } = await computeRanking({ ...ctx, db: tx }, roundId);
    if (!(await repo.updateRound(tx, roundId, version, { status: 'closed', closedAt: new Date() })))
      throw staleVersion();
    await repo.writeRoundResults(
      tx,
      roundId,
      items.map((r) => ({
        entryId: r.entryId,
        score: r.score,
        spread: r.spread,
        rank: r.rank,
        advanced: r.advanced,
      })),
    );
    await ctx.audit(
      {
        action: 'judging.round_closed',
        targetType: 'call_round',
        targetId: roundId,
        targetLabel: round.name,
        detail: { entries: items.length, advanced: items.filter((r) => r.advanced).length },
      },
      tx,
    );
  });
  return round.callId;
}
