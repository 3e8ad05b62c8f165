import { describe, expect, it } from 'vitest';
import { ageOn, ageWarnings } from './age';

const CONSENT = '未满 14 周岁，须取得监护人同意（个人信息保护法第三十一条）';

describe('ageOn', () => {
  it('counts full years, going up on the birthday', () => {
    expect(ageOn('1995-03-12', '2025-03-11')).toBe(29);
    expect(ageOn('1995-03-12', '2025-03-12')).toBe(30);
    expect(ageOn('1995-03-12', '2025-12-31')).toBe(30);
    expect(ageOn('1995-03-12', '1995-03-12')).toBe(0);
  });

  it('moves a 29 February birthday to 1 March in common years', () => {
    expect(ageOn('2000-02-29', '2018-02-28')).toBe(17);
    expect(ageOn('2000-02-29', '2018-03-01')).toBe(18);
    expect(ageOn('2000-02-29', '2004-02-29')).toBe(4);
  });

  it('is negative for a birth date after the day asked about', () => {
    expect(ageOn('2030-01-01', '2025-06-01')).toBe(-5);
  });

  it('refuses malformed dates', () => {
    expect(() => ageOn('1995.03.12', '2025-06-01')).toThrow(RangeError);
    expect(() => ageOn('1995-03-12', '')).toThrow(RangeError);
  });
});

describe('ageWarnings', () => {
  it('is silent inside 16–35, both ends included', () => {
    expect(ageWarnings('2009-06-01', '2025-06-01')).toEqual({
      age: 16,
      warnings: [],
      needsGuardianConsent: false,
    });
    expect(ageWarnings('1989-06-02', '2025-06-01')).toEqual({
      age: 35,
      warnings: [],
      needsGuardianConsent: false,
    });
  });

  it('warns outside the target range', () => {
    expect(ageWarnings('2009-06-02', '2025-06-01')).toEqual({
      age: 15,
      warnings: ['年龄 15 岁，不在 16–35 岁的工作对象范围内'],
      needsGuardianConsent: false,
    });
    expect(ageWarnings('1989-06-01', '2025-06-01').warnings).toEqual([
      '年龄 36 岁，不在 16–35 岁的工作对象范围内',
    ]);
  });

  it('flags guardian consent under 14', () => {
    expect(ageWarnings('2012-06-02', '2025-06-01')).toEqual({
      age: 12,
      warnings: ['年龄 12 岁，不在 16–35 岁的工作对象范围内', CONSENT],
      needsGuardianConsent: true,
    });
  });

  it('still requires consent on the 14th birthday itself, not the day after', () => {
    expect(ageWarnings('2011-06-01', '2025-06-01').needsGuardianConsent).toBe(true);
    expect(ageWarnings('2011-06-01', '2025-06-02')).toEqual({
      age: 14,
      warnings: ['年龄 14 岁，不在 16–35 岁的工作对象范围内'],
      needsGuardianConsent: false,
    });
  });

  it('handles a 29 February birth for the consent age', () => {
    expect(ageWarnings('2008-02-29', '2022-03-01').needsGuardianConsent).toBe(true);
    expect(ageWarnings('2008-02-29', '2022-03-02').needsGuardianConsent).toBe(false);
    expect(ageWarnings('2008-02-29', '2022-02-28').needsGuardianConsent).toBe(true);
  });

  it('reports a birth date in the future instead of an age', () => {
    expect(ageWarnings('2026-01-01', '2025-06-01')).toEqual({
      age: -1,
      warnings: ['出生日期晚于今天'],
      needsGuardianConsent: false,
    });
  });

  it("defaults to today's date in Beijing", () => {
    expect(ageWarnings('1995-03-12').age).toBeGreaterThanOrEqual(30);
  });
});
