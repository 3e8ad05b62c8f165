import type { CallCriterion } from '../../db/schema';

/**
 * Scores: a judge's sheet totals Σ weight·score/maxScore (the weights add up to 100, so the total is on
 * 100); an entry's score combines its judges' totals by the round's method. Pure.
 */

export type Aggregation = 'mean' | 'median' | 'trimmed';

const round2 = (n: number) => Math.round(n * 100) / 100;

export function sheetTotal(rubric: CallCriterion[], scores: Record<string, number>): number {
  return round2(rubric.reduce((sum, c) => sum + (c.weight * (scores[c.key] ?? 0)) / c.maxScore, 0));
}

/** Every criterion scored, each within 0..maxScore; else the Chinese message naming the criterion. */
export function scoreProblem(rubric: CallCriterion[], scores: Record<string, number>): string | null {
  for (const c of rubric) {
    const v = scores[c.key];
    if (v === undefined) return `请为「${c.label}」打分`;
    if (!Number.isFinite(v) || v < 0 || v > c.maxScore)
      return `「${c.label}」的分数应在 0 到 ${c.maxScore} 之间`;
  }
  const known = new Set(rubric.map((c) => c.key));
  if (Object.keys(scores).some((k) => !known.has(k))) return '评分项与评分标准不符';
  return null;
}

export type Aggregate = {
  score: number | null;
  spread: number | null;
  /** The trimmed mean was asked for but there were too few scores: the plain mean was used. */
  fellBackToMean: boolean;
};

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

export function aggregate(totals: number[], method: Aggregation, trimCount: number): Aggregate {
  if (totals.length === 0) return { score: null, spread: null, fellBackToMean: false };
  const sorted = [...totals].sort((a, b) => a - b);
  const spread = round2(sorted[sorted.length - 1] - sorted[0]);
  if (method === 'median') {
    const mid = Math.floor(sorted.length / 2);
    const m = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    return { score: round2(m), spread, fellBackToMean: false };
  }
  if (method === 'trimmed') {
    if (sorted.length > 2 * trimCount) {
      return {
        score: round2(mean(sorted.slice(trimCount, sorted.length - trimCount))),
        spread,
        fellBackToMean: false,
      };
    }
    return { score: round2(mean(sorted)), spread, fellBackToMean: true };
  }
  return { score: round2(mean(sorted)), spread, fellBackToMean: false };
}

/** Standard competition ranking (1, 2, 2, 4): equal scores share a rank; unscored entries have none. */
export function rankScores<T extends { score: number | null }>(rows: T[]): (T & { rank: number | null })[] {
  const scored = rows.filter((r) => r.score !== null).sort((a, b) => b.score! - a.score!);
  const ranks = new Map<T, number>();
  scored.forEach((r, i) => {
    const prev = scored[i - 1];
    ranks.set(r, prev && prev.score === r.score ? ranks.get(prev)! : i + 1);
  });
  return rows.map((r) => ({ ...r, rank: ranks.get(r) ?? null }));
}

/** Who goes on: rank within the top N (ties at the boundary all go on), or a score at or above the cut. */
export function advances(
  row: { score: number | null; rank: number | null },
  kind: 'top' | 'cut' | null,
  value: number | null,
): boolean {
  if (!kind || value === null || row.score === null || row.rank === null) return false;
  return kind === 'top' ? row.rank <= value : row.score >= value;
}
