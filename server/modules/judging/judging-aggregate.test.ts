import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { advances, aggregate, rankScores, scoreProblem, sheetTotal } from './judging-aggregate';

const rubric = [
  { key: 'idea', label: '创意', weight: 40, maxScore: 10, description: '' },
  { key: 'craft', label: '技法', weight: 60, maxScore: 5, description: '' },
];

describe('sheetTotal and scoreProblem', () => {
  it('weights each criterion on its own scale, totalling on 100', () => {
    expect(sheetTotal(rubric, { idea: 10, craft: 5 })).toBe(100);
    expect(sheetTotal(rubric, { idea: 5, craft: 2 })).toBe(44);
    expect(sheetTotal(rubric, { idea: 0, craft: 0 })).toBe(0);
  });

  it('requires every criterion within its range', () => {
    expect(scoreProblem(rubric, { idea: 5 })).toBe('请为「技法」打分');
    expect(scoreProblem(rubric, { idea: 11, craft: 1 })).toBe('「创意」的分数应在 0 到 10 之间');
    expect(scoreProblem(rubric, { idea: 1, craft: 1, other: 1 })).toBe('评分项与评分标准不符');
    expect(scoreProblem(rubric, { idea: 1, craft: 1 })).toBeNull();
  });

  it('stays within 0..100 for any valid sheet (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 5 }), (a, b) => {
        const t = sheetTotal(rubric, { idea: a, craft: b });
        expect(t).toBeGreaterThanOrEqual(0);
        expect(t).toBeLessThanOrEqual(100);
      }),
    );
  });
});

describe('aggregate', () => {
  it('computes mean, median and trimmed mean with the spread', () => {
    expect(aggregate([80, 90, 70], 'mean', 1)).toEqual({ score: 80, spread: 20, fellBackToMean: false });
    expect(aggregate([80, 95, 70, 60], 'median', 1)).toEqual({
      score: 75,
      spread: 35,
      fellBackToMean: false,
    });
    expect(aggregate([10, 80, 82, 84, 100], 'trimmed', 1)).toEqual({
      score: 82,
      spread: 90,
      fellBackToMean: false,
    });
  });

  it('falls back to the mean and says so when too few scores to trim', () => {
    expect(aggregate([60, 90], 'trimmed', 1)).toEqual({ score: 75, spread: 30, fellBackToMean: true });
  });

  it('has no score without sheets', () => {
    expect(aggregate([], 'mean', 1)).toEqual({ score: null, spread: null, fellBackToMean: false });
  });

  it('lies between the lowest and highest score for every method (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10000 }), { minLength: 1, maxLength: 12 }),
        fc.constantFrom('mean' as const, 'median' as const, 'trimmed' as const),
        fc.integer({ min: 1, max: 3 }),
        (raw, method, trim) => {
          const xs = raw.map((x) => x / 100);
          const a = aggregate(xs, method, trim);
          expect(a.score!).toBeGreaterThanOrEqual(Math.min(...xs) - 0.005);
          expect(a.score!).toBeLessThanOrEqual(Math.max(...xs) + 0.005);
          expect(a.spread).toBeCloseTo(Math.max(...xs) - Math.min(...xs), 2);
          expect(aggregate([...xs].reverse(), method, trim)).toEqual(a);
        },
      ),
    );
  });
});

describe('rankScores and advances', () => {
  it('shows ties as the same rank and leaves unscored entries unranked', () => {
    const ranked = rankScores([
      { id: 1, score: 80 },
      { id: 2, score: 90 },
      { id: 3, score: 80 },
      { id: 4, score: null },
      { id: 5, score: 70 },
    ]);
    expect(ranked.map((r) => [r.id, r.rank])).toEqual([
      [1, 2],
      [2, 1],
      [3, 2],
      [4, null],
      [5, 4],
    ]);
  });

  it('advances the top N with ties at the boundary, or everyone at or above the cut', () => {
    expect(advances({ score: 80, rank: 2 }, 'top', 2)).toBe(true);
    expect(advances({ score: 70, rank: 4 }, 'top', 3)).toBe(false);
    expect(advances({ score: 75, rank: 9 }, 'cut', 75)).toBe(true);
    expect(advances({ score: 74.99, rank: 1 }, 'cut', 75)).toBe(false);
    expect(advances({ score: null, rank: null }, 'top', 5)).toBe(false);
    expect(advances({ score: 99, rank: 1 }, null, null)).toBe(false);
  });
});
