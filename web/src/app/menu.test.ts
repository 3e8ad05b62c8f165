import { describe, expect, it } from 'vitest';
import { menuKeyFor } from './menu';

describe('menuKeyFor', () => {
  it('picks the longest matching entry, so a sub-page of a group lights its own entry', () => {
    expect(menuKeyFor('/')).toBe('/');
    expect(menuKeyFor('/plans')).toBe('/plans');
    expect(menuKeyFor('/plans/12')).toBe('/plans');
    expect(menuKeyFor('/plans/tasks/overdue')).toBe('/plans/tasks');
    expect(menuKeyFor('/federation/supervision/targets')).toBe('/federation/supervision');
  });

  it('lights the entry a page belongs to when the page has no entry of its own', () => {
    expect(menuKeyFor('/reports/submissions/7')).toBe('/reports/due');
    expect(menuKeyFor('/reports/collections/3')).toBe('/reports/collections');
    expect(menuKeyFor('/nowhere')).toBe('');
  });
});
