import { normalizeText } from '../../../common/validators';
import { cellText, isEmptyCell, type RawCell } from '../../platform/import';
import type { UnitChoice } from './youth-import.repo';

/** How the youth import reads cells that cadres fill in freely: units, follower counts, accounts. */

export const key = (text: string) => normalizeText(text).replace(/\s+/g, '').toLowerCase();

/** Unit names as written in rosters: 东湖区, 东湖区团委, 共青团南昌市东湖区委员会, 南昌市东湖区. */
export function unitKey(name: string) {
  return key(name)
    .replace(/^共青团/, '')
    .replace(/(团委|委员会|团工委)$/, '');
}

export function unitLookup(units: UnitChoice[]) {
  const map = new Map<string, UnitChoice[]>();
  const add = (k: string, u: UnitChoice) => map.set(k, [...(map.get(k) ?? []), u]);
  for (const u of units) {
    add(unitKey(u.name), u);
    if (u.parentName) add(unitKey(u.parentName + u.name), u);
  }
  return map;
}

/** The cell as text the field rules read: dates as YYYY-MM-DD, a formula's cached value, never evaluated. */
export function text(cell: RawCell | undefined): string | undefined {
  if (!cell) return undefined;
  if (isEmptyCell(cell)) return '';
  if (cell.value === null && cell.formula) return cell.formula;
  if (typeof cell.value === 'boolean') return cell.value ? '是' : '否';
  return normalizeText(cellText(cell));
}

export function followersOf(raw: string): number | null | 'bad' {
  const t = raw.replace(/[,，\s]/g, '');
  const m = /^(\d+(?:\.\d+)?)(万|w|W|千|k|K)?\+?$/.exec(t);
  if (!m) return 'bad';
  const scale = /[万wW]/.test(m[2] ?? '') ? 10_000 : m[2] ? 1_000 : 1;
  return Math.round(Number(m[1]) * scale);
}

export function accountsOf(raw: string, followers: number | null) {
  return raw
    .split(/[;；\n]+/)
    .map((part) => part.trim())
    .filter(Boolean)
    .slice(0, 20)
    .map((part, i) => {
      const m = /^([^:：]{1,30})[:：](.+)$/.exec(part);
      return {
        platform: m ? m[1].trim() : '未注明平台',
        handle: (m ? m[2] : part).trim().slice(0, 100),
        followers: i === 0 ? followers : null,
      };
    });
}
