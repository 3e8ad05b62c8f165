import { describe, expect, it } from 'vitest';
import * as validators from './index';

describe('common/validators index', () => {
  it('re-exports the public functions', () => {
    for (const name of [
      'normalizeText',
      'normalizeName',
      'toHalfWidth',
      'stripInvisible',
      'isFormulaLike',
      'parseIdNumber',
      'compareWithId',
      'idCheckDigit',
      'parseGender',
      'parsePhone',
      'parseCreditCode',
      'creditCodeCheckChar',
      'parseLooseDate',
      'excelSerialToDate',
      'todayInChina',
      'ageOn',
      'ageWarnings',
    ]) {
      expect(typeof (validators as Record<string, unknown>)[name], name).toBe('function');
    }
  });
});
