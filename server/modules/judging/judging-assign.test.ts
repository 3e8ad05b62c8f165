import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { assignJudges, conflictKey, pickReplacement, shortReason, type AssignInput } from './judging-assign';

const entries = (n: number, cat = 'art') =>
  Array.from({ length: n }, (_, i) => ({ id: i + 1, categoryKey: cat }));
const judges = (n: number, keys: string[] = []) =>
  Array.from({ length: n }, (_, i) => ({ userId: 100 + i, categoryKeys: keys }));

const base = (over: Partial<AssignInput>): AssignInput => ({
  entries: entries(8),
  judges: judges(3),
  conflicts: new Set(),
  judgesPerWork: 2,
  maxPerJudge: null,
  byCategory: true,
  seed: 7,
  ...over,
});

describe('assignJudges', () => {
  it('gives every entry N distinct judges and balances the loads', () => {
    const r = assignJudges(base({}));
    expect(r.short).toEqual([]);
    for (const e of entries(8)) {
      const on = r.pairs.filter((p) => p.entryId === e.id).map((p) => p.judgeUserId);
      expect(new Set(on).size).toBe(2);
    }
    const loads = [...r.loads.values()];
    expect(loads.reduce((a, b) => a + b)).toBe(16);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
  });

  it('never gives a conflicted judge the entry, and says so when that leaves too few', () => {
    const conflicts = new Set([conflictKey(100, 1), conflictKey(101, 1)]);
    const r = assignJudges(base({ conflicts }));
    expect(r.pairs.filter((p) => p.entryId === 1).map((p) => p.judgeUserId)).toEqual([102]);
    expect(r.short).toEqual([{ entryId: 1, assigned: 1, reason: 'conflict' }]);
  });

  it('keeps judges to their categories and reports a category without enough judges', () => {
    const r = assignJudges(
      base({
        entries: [...entries(2, 'music'), { id: 9, categoryKey: 'drama' }],
        judges: [...judges(2, ['music']), { userId: 200, categoryKeys: ['drama'] }],
      }),
    );
    expect(r.pairs.filter((p) => p.judgeUserId === 200).map((p) => p.entryId)).toEqual([9]);
    expect(r.pairs.filter((p) => p.entryId <= 2).every((p) => p.judgeUserId < 200)).toBe(true);
    expect(r.short).toEqual([{ entryId: 9, assigned: 1, reason: 'category' }]);
  });

  it('respects the cap per judge and reports capacity', () => {
    const r = assignJudges(base({ maxPerJudge: 4 }));
    expect(Math.max(...r.loads.values())).toBe(4);
    expect(r.pairs).toHaveLength(12);
    expect(r.short.every((s) => s.reason === 'capacity')).toBe(true);
    expect(r.short.reduce((s, x) => s + 2 - x.assigned, 0)).toBe(4);
  });

  it('calls a shortfall out of date, not capacity, when a free judge under the cap could still take it', () => {
    // Entry 1 lost judge 100 to a conflict declared after the assignment; judge 102 is free and under the cap.
    const input = base({ conflicts: new Set([conflictKey(100, 1)]), judges: judges(3) });
    const sheets = new Map([
      [100, 4],
      [101, 4],
      [102, 3],
    ]);
    const now = (maxPerJudge: number | null) => ({
      maxPerJudge,
      load: (u: number) => sheets.get(u) ?? 0,
      has: (u: number) => u === 101,
    });
    expect(shortReason(input, { id: 1, categoryKey: 'art' }, now(null))).toBe('pending');
    expect(shortReason(input, { id: 1, categoryKey: 'art' }, now(4))).toBe('pending');
    expect(shortReason(input, { id: 1, categoryKey: 'art' }, now(3))).toBe('capacity');
    expect(shortReason(input, { id: 1, categoryKey: 'art' })).toBe('capacity');
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const a = assignJudges(base({ judges: judges(5), judgesPerWork: 1 }));
    const b = assignJudges(base({ judges: judges(5), judgesPerWork: 1 }));
    expect(a.pairs).toEqual(b.pairs);
    const others = [1, 2, 3, 4, 5].map((seed) =>
      assignJudges(base({ judges: judges(5), judgesPerWork: 1, seed })),
    );
    expect(others.some((o) => JSON.stringify(o.pairs) !== JSON.stringify(a.pairs))).toBe(true);
  });

  it('holds its promises for any panel (property)', () => {
    const cats = ['a', 'b', 'c'];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...cats), { minLength: 0, maxLength: 30 }),
        fc.array(fc.subarray(cats), { minLength: 1, maxLength: 8 }),
        fc.array(fc.tuple(fc.nat(7), fc.nat(29)), { maxLength: 10 }),
        fc.integer({ min: 1, max: 4 }),
        fc.option(fc.integer({ min: 1, max: 10 }), { nil: null }),
        fc.integer(),
        (entryCats, judgeCats, conflictPairs, n, m, seed) => {
          const es = entryCats.map((c, i) => ({ id: i + 1, categoryKey: c }));
          const js = judgeCats.map((keys, i) => ({ userId: i, categoryKeys: keys }));
          const conflicts = new Set(conflictPairs.map(([j, e]) => conflictKey(j, e + 1)));
          const input = {
            entries: es,
            judges: js,
            conflicts,
            judgesPerWork: n,
            maxPerJudge: m,
            byCategory: true,
            seed,
          };
          const r = assignJudges(input);
          expect(assignJudges(input).pairs).toEqual(r.pairs);
          const seen = new Set<string>();
          for (const p of r.pairs) {
            const key = conflictKey(p.judgeUserId, p.entryId);
            expect(seen.has(key)).toBe(false);
            seen.add(key);
            expect(conflicts.has(key)).toBe(false);
            const j = js[p.judgeUserId];
            const e = es[p.entryId - 1];
            expect(j.categoryKeys.length === 0 || j.categoryKeys.includes(e.categoryKey)).toBe(true);
          }
          for (const [, load] of r.loads) expect(load).toBeLessThanOrEqual(m ?? Infinity);
          for (const e of es) {
            const got = r.pairs.filter((p) => p.entryId === e.id).length;
            const s = r.short.find((x) => x.entryId === e.id);
            expect(got).toBe(s ? s.assigned : n);
            if (s) expect(s.assigned).toBeLessThan(n);
          }
          // Judges with the same categories and no conflicts are balanced within one.
          const free = js.filter((j) => ![...conflicts].some((k) => k.startsWith(`${j.userId}:`)));
          const groups = new Map<string, number[]>();
          for (const j of free) {
            const k = [...j.categoryKeys].sort().join(',');
            groups.set(k, [...(groups.get(k) ?? []), r.loads.get(j.userId)!]);
          }
          for (const loads of groups.values())
            expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('pickReplacement', () => {
  it('takes the least loaded eligible judge not already on the entry', () => {
    const pick = pickReplacement({
      entry: { id: 1, categoryKey: 'art' },
      judges: [...judges(3), { userId: 200, categoryKeys: ['music'] }],
      conflicts: new Set([conflictKey(102, 1)]),
      alreadyOn: new Set([100]),
      loads: new Map([
        [100, 1],
        [101, 3],
        [102, 0],
        [200, 0],
      ]),
      maxPerJudge: null,
      byCategory: true,
    });
    expect(pick).toBe(101);
  });

  it('finds nobody when every eligible judge is at the cap', () => {
    const pick = pickReplacement({
      entry: { id: 1, categoryKey: 'art' },
      judges: judges(2),
      conflicts: new Set(),
      alreadyOn: new Set([100]),
      loads: new Map([[101, 2]]),
      maxPerJudge: 2,
      byCategory: true,
    });
    expect(pick).toBeNull();
  });
});
