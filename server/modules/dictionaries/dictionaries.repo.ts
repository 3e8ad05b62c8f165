import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import type { DictionaryType } from '../../../common/contracts/dictionaries';

export type DictRow = {
  id: number;
  dictType: DictionaryType;
  unitId: number | null;
  unitName: string | null;
  parentId: number | null;
  label: string;
  aliases: string[];
  sortOrder: number;
  enabled: boolean;
  version: number;
};

const SELECT = sql`
  select d.id, d.dict_type as "dictType", d.unit_id as "unitId", u.name as "unitName",
         d.parent_id as "parentId", d.label, d.aliases, d.sort_order as "sortOrder", d.enabled, d.version
    from dict_items d left join units u on u.id = d.unit_id`;

/** National items and those added by the given units (the viewer's unit and its ancestors). */
function visibleTo(unitIds: number[]): SQL {
  if (!unitIds.length) return sql`d.unit_id is null`;
  return sql`(d.unit_id is null or d.unit_id in (${sql.join(
    unitIds.map((id) => sql`${id}`),
    sql`, `,
  )}))`;
}

export async function listVisibleItems(
  db: Db,
  type: DictionaryType,
  unitIds: number[],
  includeDisabled: boolean,
): Promise<DictRow[]> {
  return queryRows<DictRow>(
    db,
    sql`${SELECT}
      where d.dict_type = ${type} and ${visibleTo(unitIds)} ${includeDisabled ? sql`` : sql`and d.enabled`}
      order by d.sort_order, d.id`,
  );
}

export async function findItem(db: Db, id: number): Promise<DictRow | undefined> {
  const rows = await queryRows<DictRow>(db, sql`${SELECT} where d.id = ${id}`);
  return rows[0];
}

export async function findVisibleItem(db: Db, id: number, unitIds: number[]): Promise<DictRow | undefined> {
  const rows = await queryRows<DictRow>(db, sql`${SELECT} where d.id = ${id} and ${visibleTo(unitIds)}`);
  return rows[0];
}

/** Items someone would see side by side with the viewer's: national, the viewer's unit and ancestors, or below. */
function seenTogether(unitIds: number[], unitPath: string): SQL {
  return sql`(${visibleTo(unitIds)} or d.unit_id in (select su.id from units su where su.path like ${unitPath + '%'}))`;
}

/** Every item, disabled ones included, whose labels and aliases an alias must not repeat. */
export async function listItemsSeenTogether(
  db: Db,
  type: DictionaryType,
  unitIds: number[],
  unitPath: string,
): Promise<DictRow[]> {
  return queryRows<DictRow>(
    db,
    sql`${SELECT} where d.dict_type = ${type} and ${seenTogether(unitIds, unitPath)} order by d.id`,
  );
}

/** All items of a type, every unit's, for seeding aliases without creating a clash anywhere. */
export async function listAllItems(db: Db, type: DictionaryType): Promise<DictRow[]> {
  return queryRows<DictRow>(db, sql`${SELECT} where d.dict_type = ${type} order by d.id`);
}

/** An item with the same label under the same parent that someone would see side by side with the new one. */
export async function findSiblingWithLabel(
  db: Db,
  q: {
    type: DictionaryType;
    parentId: number | null;
    label: string;
    unitIds: number[];
    unitPath: string;
    excludeId?: number;
  },
): Promise<DictRow | undefined> {
  const rows = await queryRows<DictRow>(
    db,
    sql`${SELECT}
      where d.dict_type = ${q.type}
        and coalesce(d.parent_id, 0) = ${q.parentId ?? 0}
        and d.label = ${q.label}
        and d.id <> ${q.excludeId ?? 0}
        and ${seenTogether(q.unitIds, q.unitPath)}
      limit 1`,
  );
  return rows[0];
}

export async function nextSortOrder(db: Db, type: DictionaryType, parentId: number | null): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`select coalesce(max(sort_order), 0)::int + 1 as n from dict_items
         where dict_type = ${type} and coalesce(parent_id, 0) = ${parentId ?? 0}`,
  );
  return rows[0]?.n ?? 1;
}

export async function countNationalItems(db: Db, type: DictionaryType): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from dict_items where dict_type = ${type} and unit_id is null`,
  );
  return rows[0]?.n ?? 0;
}

/** Serialises concurrent seeding (several servers starting at once on one PostgreSQL). */
export async function lockDictionarySeed(db: Db): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext('zhumeng.dictionaries.seed'))`);
}

/** Serialises label and alias changes within one dictionary, so two saves cannot both pass the clash check. */
export async function lockDictionary(db: Db, type: DictionaryType): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${'zhumeng.dictionaries.' + type}))`);
}

export async function readMeta(db: Db, key: string): Promise<string | undefined> {
  const rows = await queryRows<{ value: string }>(db, sql`select value from app_meta where key = ${key}`);
  return rows[0]?.value;
}

export async function writeMeta(db: Db, key: string, value: string): Promise<void> {
  await db.execute(
    sql`insert into app_meta (key, value) values (${key}, ${value})
        on conflict (key) do update set value = excluded.value`,
  );
}

/** Seeding writes aliases without touching the version: no one has the item open on a fresh start. */
export async function setAliases(db: Db, id: number, aliases: string[]): Promise<void> {
  await db.execute(sql`update dict_items set aliases = ${toTextArray(aliases)} where id = ${id}`);
}

function toTextArray(values: string[]): SQL {
  if (!values.length) return sql`'{}'::text[]`;
  return sql`array[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`;
}

export async function insertItem(
  db: Db,
  v: {
    dictType: DictionaryType;
    unitId: number | null;
    parentId: number | null;
    label: string;
    sortOrder: number;
    aliases?: string[];
  },
): Promise<{ id: number }> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`insert into dict_items (dict_type, unit_id, parent_id, label, sort_order, aliases)
        values (${v.dictType}, ${v.unitId}, ${v.parentId}, ${v.label}, ${v.sortOrder}, ${toTextArray(v.aliases ?? [])})
        returning id`,
  );
  return rows[0];
}

/** Optimistic update: no row back means the version moved on (or the item is gone). */
export async function updateItem(
  db: Db,
  id: number,
  version: number,
  patch: { label?: string; sortOrder?: number; enabled?: boolean; aliases?: string[] },
): Promise<boolean> {
  const sets: SQL[] = [sql`version = version + 1`, sql`updated_at = now()`];
  if (patch.label !== undefined) sets.push(sql`label = ${patch.label}`);
  if (patch.sortOrder !== undefined) sets.push(sql`sort_order = ${patch.sortOrder}`);
  if (patch.enabled !== undefined) sets.push(sql`enabled = ${patch.enabled}`);
  if (patch.aliases !== undefined) sets.push(sql`aliases = ${toTextArray(patch.aliases)}`);
  const rows = await queryRows<{ id: number }>(
    db,
    sql`update dict_items set ${sql.join(sets, sql`, `)} where id = ${id} and version = ${version} returning id`,
  );
  return rows.length > 0;
}
