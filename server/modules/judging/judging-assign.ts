/**
 * Assignment of a round's entries to its judges: each entry gets `judgesPerWork` judges among those
 * eligible for it (listed for its category when the round is by category, not conflicted), no judge
 * gets more than `maxPerJudge`, and loads stay balanced. Pure and deterministic for a given seed.
 */

export type AssignEntry = { id: number; categoryKey: string };
/** categoryKeys empty: the judge judges every category. */
export type AssignJudge = { userId: number; categoryKeys: string[] };

export type AssignInput = {
  entries: AssignEntry[];
  judges: AssignJudge[];
  /** `${judgeUserId}:${entryId}` for every conflicted pair. */
  conflicts: ReadonlySet<string>;
  judgesPerWork: number;
  maxPerJudge: number | null;
  byCategory: boolean;
  seed: number;
};

/** Why an entry got fewer judges than the round asks for. */
export type ShortReason = 'category' | 'conflict' | 'capacity' | 'pending';

export const SHORT_REASONS: Record<ShortReason, string> = {
  category: '本类别评委人数不足',
  conflict: '回避后可用评委不足',
  capacity: '评委已达每人评审上限',
  pending: '分配后评委组或回避有变动，重新分配即可补足',
};

export type AssignResult = {
  pairs: { entryId: number; judgeUserId: number }[];
  loads: Map<number, number>;
  short: { entryId: number; assigned: number; reason: ShortReason }[];
};

export const conflictKey = (judgeUserId: number, entryId: number) => `${judgeUserId}:${entryId}`;

/** mulberry32: a small seeded generator, so the same seed gives the same assignment. */
function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export const judgesCategory = (judge: AssignJudge, categoryKey: string, byCategory: boolean) =>
  !byCategory || judge.categoryKeys.length === 0 || judge.categoryKeys.includes(categoryKey);

export function assignJudges(input: AssignInput): AssignResult {
  const random = seeded(input.seed);
  // A fixed random order of judges breaks ties between equal loads.
  const judges = shuffled(
    [...input.judges].sort((a, b) => a.userId - b.userId),
    random,
  );
  const tieOrder = new Map(judges.map((j, i) => [j.userId, i]));
  const loads = new Map(judges.map((j) => [j.userId, 0]));
  const cap = input.maxPerJudge ?? Number.POSITIVE_INFINITY;

  const byCat = (e: AssignEntry) => judges.filter((j) => judgesCategory(j, e.categoryKey, input.byCategory));
  const candidates = new Map(
    input.entries.map((e) => [
      e.id,
      byCat(e).filter((j) => !input.conflicts.has(conflictKey(j.userId, e.id))),
    ]),
  );
  // The most constrained entries choose first, so the scarce judges are not used up on easy ones.
  const order = shuffled(
    [...input.entries].sort((a, b) => a.id - b.id),
    random,
  ).sort((a, b) => candidates.get(a.id)!.length - candidates.get(b.id)!.length);

  const pairs: AssignResult['pairs'] = [];
  const short: AssignResult['short'] = [];
  for (const entry of order) {
    const open = candidates
      .get(entry.id)!
      .filter((j) => loads.get(j.userId)! < cap)
      .sort(
        (a, b) =>
          loads.get(a.userId)! - loads.get(b.userId)! || tieOrder.get(a.userId)! - tieOrder.get(b.userId)!,
      );
    const chosen = open.slice(0, input.judgesPerWork);
    for (const j of chosen) {
      loads.set(j.userId, loads.get(j.userId)! + 1);
      pairs.push({ entryId: entry.id, judgeUserId: j.userId });
    }
    if (chosen.length < input.judgesPerWork) {
      short.push({ entryId: entry.id, assigned: chosen.length, reason: shortReason(input, entry) });
    }
  }
  short.sort((a, b) => a.entryId - b.entryId);
  return { pairs, loads, short };
}

/**
 * Why an entry has fewer judges than the round asks for: too few for its category, conflicts, or the cap.
 * Given the sheets as they stand (`now`), a free judge still under the cap means the assignment is out of
 * date (a conflict or panel change after it), not that the cap was reached.
 */
export function shortReason(
  input: Pick<AssignInput, 'judges' | 'conflicts' | 'judgesPerWork' | 'byCategory'>,
  entry: AssignEntry,
  now?: { maxPerJudge: number | null; load: (userId: number) => number; has: (userId: number) => boolean },
): ShortReason {
  const byCat = input.judges.filter((j) => judgesCategory(j, entry.categoryKey, input.byCategory));
  if (byCat.length < input.judgesPerWork) return 'category';
  const free = byCat.filter((j) => !input.conflicts.has(conflictKey(j.userId, entry.id)));
  if (free.length < input.judgesPerWork) return 'conflict';
  if (!now) return 'capacity';
  const cap = now.maxPerJudge ?? Number.POSITIVE_INFINITY;
  return free.some((j) => !now.has(j.userId) && now.load(j.userId) < cap) ? 'pending' : 'capacity';
}

/**
 * The judge who takes over an entry a judge has left (declared a conflict): eligible, not already on
 * it, under the cap, the least loaded. Null when nobody can.
 */
export function pickReplacement(opts: {
  entry: AssignEntry;
  judges: AssignJudge[];
  conflicts: ReadonlySet<string>;
  alreadyOn: ReadonlySet<number>;
  loads: ReadonlyMap<number, number>;
  maxPerJudge: number | null;
  byCategory: boolean;
}): number | null {
  const cap = opts.maxPerJudge ?? Number.POSITIVE_INFINITY;
  const open = opts.judges
    .filter(
      (j) =>
        judgesCategory(j, opts.entry.categoryKey, opts.byCategory) &&
        !opts.alreadyOn.has(j.userId) &&
        !opts.conflicts.has(conflictKey(j.userId, opts.entry.id)) &&
        (opts.loads.get(j.userId) ?? 0) < cap,
    )
    .sort((a, b) => (opts.loads.get(a.userId) ?? 0) - (opts.loads.get(b.userId) ?? 0) || a.userId - b.userId);
  return open[0]?.userId ?? null;
}
