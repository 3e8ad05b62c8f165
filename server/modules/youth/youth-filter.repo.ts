import { sql, type SQL } from 'drizzle-orm';
import { escapeLike } from '../../platform/search/like';

/** A list filter after the service has resolved it: blind-index tokens instead of values, dates instead of ages. */
export type ResolvedFilter = {
  /** The chosen unit's path (already checked to be in scope) and whether its subtree counts. */
  unit?: { id: number; path: string; includeDescendants: boolean };
  categoryId?: number;
  stage?: 'contact' | 'key';
  sourceId?: number;
  needId?: number;
  tag?: string;
  /** Born on or before this date (age at least N). */
  bornOnOrBefore?: string;
  /** Born after this date (age at most N). */
  bornAfter?: string;
  notContactedDays?: number;
  match?:
    | { kind: 'idNumber'; token: string }
    | { kind: 'phone'; token: string }
    | { kind: 'pinyin'; value: string }
    | { kind: 'name'; value: string };
  ids?: number[];
};

/**
 * Name matching sized for a million rows. Three characters or more: a contains-match served by the
 * trigram index. Fewer (most searches for a two-character name or a surname): a prefix match, which the
 * trigram index also serves because its pattern is anchored, where '%张三%' would yield no trigram at all.
 * Latin letters: full-pinyin prefix (or contains, from three letters) and initials prefix.
 */
function matchCondition(match: NonNullable<ResolvedFilter['match']>): SQL {
  switch (match.kind) {
    case 'idNumber':
      return sql`y.id_number_idx = ${match.token}`;
    case 'phone':
      return sql`y.phone_idx = ${match.token}`;
    case 'pinyin': {
      const v = escapeLike(match.value);
      const full = match.value.length >= 3 ? `%${v}%` : `${v}%`;
      return sql`(y.name_pinyin like ${full} or y.name_initials like ${v + '%'})`;
    }
    case 'name': {
      const v = escapeLike(match.value);
      return sql`y.name like ${[...match.value].length >= 3 ? `%${v}%` : `${v}%`}`;
    }
  }
}

export function filterConditions(f: ResolvedFilter): SQL[] {
  const c: SQL[] = [];
  if (f.unit) {
    c.push(
      f.unit.includeDescendants
        ? sql`y.unit_id in (select fu.id from units fu where fu.path like ${f.unit.path + '%'})`
        : sql`y.unit_id = ${f.unit.id}`,
    );
  }
  if (f.categoryId) {
    c.push(
      sql`y.category_id in (select dc.id from dict_items dc where dc.id = ${f.categoryId} or dc.parent_id = ${f.categoryId})`,
    );
  }
  if (f.stage) c.push(sql`y.stage = ${f.stage}`);
  if (f.sourceId) c.push(sql`y.source_id = ${f.sourceId}`);
  if (f.needId) c.push(sql`y.needs @> array[${f.needId}]::int[]`);
  if (f.tag) c.push(sql`y.tags @> array[${f.tag}]::text[]`);
  if (f.bornOnOrBefore) c.push(sql`y.birth_date <= ${f.bornOnOrBefore}::date`);
  if (f.bornAfter) c.push(sql`y.birth_date > ${f.bornAfter}::date`);
  if (f.notContactedDays) {
    c.push(
      sql`(y.last_contact_at is null or y.last_contact_at < now() - make_interval(days => ${f.notContactedDays}::int))`,
    );
  }
  if (f.match) c.push(matchCondition(f.match));
  if (f.ids) c.push(f.ids.length ? sql`y.id in ${f.ids}` : sql`false`);
  return c;
}

export const YOUTH_SORTS = {
  id: sql`y.id`,
  name: sql`y.name_pinyin`,
  birthDate: sql`y.birth_date`,
  lastContactAt: sql`y.last_contact_at`,
  createdAt: sql`y.created_at`,
  updatedAt: sql`y.updated_at`,
} as const;
export type YouthSortKey = keyof typeof YOUTH_SORTS;

/** Always ends on the id, so pages are stable; nulls (never contacted, no birth date) go last. */
export function orderOf(by: YouthSortKey, desc: boolean): SQL {
  const key = YOUTH_SORTS[by];
  if (by === 'id') return desc ? sql`y.id desc` : sql`y.id`;
  return desc ? sql`${key} desc nulls last, y.id desc` : sql`${key} nulls last, y.id`;
}
