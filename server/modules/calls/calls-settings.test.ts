import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  callSettingsProblems,
  DEFAULT_AWARD_LEVELS,
  DEFAULT_CATEGORIES,
  DEFAULT_RUBRIC,
} from '../../../common/contracts/calls';

const criterion = (key: string, weight: number) => ({
  key,
  label: `评分项${key}`,
  weight,
  maxScore: 100,
  description: '',
});
const paths = (s: Parameters<typeof callSettingsProblems>[0]) => callSettingsProblems(s).map((p) => p.path);

describe('a call’s settings as a whole', () => {
  it('accepts the defaults', () => {
    expect(
      callSettingsProblems({
        categories: DEFAULT_CATEGORIES,
        rubric: DEFAULT_RUBRIC,
        awardLevels: DEFAULT_AWARD_LEVELS,
      }),
    ).toEqual([]);
  });

  it('refuses a rubric exactly when its weights do not add up to 100', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 12 }), (weights) => {
        const rubric = weights.map((w, i) => criterion(`c${i}`, w));
        const sum = weights.reduce((a, w) => a + w, 0);
        expect(paths({ rubric }).includes('rubric')).toBe(sum !== 100);
      }),
    );
  });

  it('accepts any split of 100 into criteria', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 99 }), { maxLength: 11 }), (cuts) => {
        const bounds = [0, ...[...cuts].sort((a, b) => a - b), 100];
        const rubric = bounds.slice(1).map((b, i) => criterion(`c${i}`, b - bounds[i]));
        expect(callSettingsProblems({ rubric })).toEqual([]);
      }),
    );
  });

  it('finds every repeated key among categories, wherever it repeats', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { minLength: 1, maxLength: 8 }),
        (keys) => {
          const categories = keys.map((key, i) => ({
            key,
            label: `类别${i}`,
            kinds: ['image' as const],
            maxFiles: 1,
            maxMb: 1,
          }));
          const repeats = keys.filter((k, i) => keys.indexOf(k) !== i).length;
          expect(paths({ categories }).filter((p) => p.endsWith('.key'))).toHaveLength(repeats);
        },
      ),
    );
  });

  it('refuses ages and dates in the wrong order, and only those', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 6, max: 60 }),
        fc.integer({ min: 6, max: 60 }),
        fc.integer({ min: 0, max: 1e12 }),
        fc.integer({ min: 0, max: 1e12 }),
        (ageMin, ageMax, opens, closes) => {
          const p = paths({
            ageMin,
            ageMax,
            opensAt: new Date(opens).toISOString(),
            closesAt: new Date(closes).toISOString(),
          });
          expect(p.includes('ageMax')).toBe(ageMin > ageMax);
          expect(p.includes('closesAt')).toBe(closes <= opens);
        },
      ),
    );
  });
});
