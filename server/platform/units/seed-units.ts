import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { UnitLevel } from '../../../common/access';
import { queryRows, type Db } from '../../db/client';
import { departments, units } from '../../db/schema';
import { placePinyin } from '../search/pinyin';

/** One row of units-data.json (built by scripts/build-unit-tree.ts): orgName only when not 共青团{name}委员会. */
type UnitDataRow = [
  code: string,
  name: string,
  level: UnitLevel,
  parentCode: string | null,
  keyContact: 0 | 1,
  orgName?: string,
];

/** The standing departments of a League committee; counties vary too much, so they add their own. */
export const STANDARD_DEPARTMENTS = [
  '办公室',
  '组织部',
  '宣传部',
  '统战部',
  '学少部',
  '青发部',
  '社会联络部',
  '志联部',
  '权益部',
];
const LEVELS_WITH_DEPARTMENTS = new Set<UnitLevel>(['central', 'province', 'city']);
const LEVEL_ORDER: UnitLevel[] = ['central', 'province', 'city', 'county'];
const CHUNK = 1000;

function loadUnitData(): UnitDataRow[] {
  const file = path.join(import.meta.dirname, 'units-data.json');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { units: UnitDataRow[] }).units;
}

/**
 * Inserts the real unit tree once (a no-op when units exist). Ids are drawn from the sequence up
 * front so every path ('/1/5/77/') is known before the insert: a few bulk statements, no updates.
 */
export async function seedUnitTree(db: Db): Promise<{ inserted: number }> {
  const existing = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from units`);
  if (existing[0].n > 0) return { inserted: 0 };

  const data = loadUnitData();
  const ids = await queryRows<{ id: number }>(
    db,
    sql`select nextval(pg_get_serial_sequence('units', 'id'))::int as id from generate_series(1, ${data.length}::int)`,
  );
  const byCode = new Map<string, { id: number; path: string }>();
  const rows: (typeof units.$inferInsert)[] = [];
  const ordered = data
    .map((row, sortOrder) => ({ row, sortOrder }))
    .sort(
      (a, b) => LEVEL_ORDER.indexOf(a.row[2]) - LEVEL_ORDER.indexOf(b.row[2]) || a.sortOrder - b.sortOrder,
    );
  ordered.forEach(({ row: [code, name, level, parentCode, keyContact, orgName], sortOrder }, i) => {
    const id = ids[i].id;
    const parent = parentCode === null ? null : byCode.get(parentCode);
    if (parentCode !== null && !parent) throw new Error(`单位数据有误：${code} 的上级 ${parentCode} 不存在`);
    const unitPath = `${parent?.path ?? '/'}${id}/`;
    byCode.set(code, { id, path: unitPath });
    const { full, initials } = placePinyin(name);
    rows.push({
      id,
      code,
      name,
      orgName: orgName ?? `共青团${name}委员会`,
      level,
      parentId: parent?.id ?? null,
      path: unitPath,
      keyContactCity: keyContact === 1,
      namePinyin: full,
      nameInitials: initials,
      sortOrder,
    });
  });

  const departmentRows = rows
    .filter((r) => LEVELS_WITH_DEPARTMENTS.has(r.level))
    .flatMap((r) => STANDARD_DEPARTMENTS.map((name, sortOrder) => ({ unitId: r.id!, name, sortOrder })));

  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += CHUNK) await tx.insert(units).values(rows.slice(i, i + CHUNK));
    for (let i = 0; i < departmentRows.length; i += CHUNK) {
      await tx.insert(departments).values(departmentRows.slice(i, i + CHUNK));
    }
  });
  return { inserted: rows.length };
}
