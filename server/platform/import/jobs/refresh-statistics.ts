import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../../db/client';

const COLUMNS_PER_STATEMENT = 3;

/**
 * ANALYZE after an import: PGlite has no autovacuum, and without fresh statistics the planner
 * misjudges the grown table. A whole-table ANALYZE of the registry is one statement of 0.1–0.4 s on
 * the embedded database's one connection, so it goes a few columns at a time (≈ 10 ms each), with a
 * pause between for the requests queued behind it.
 */
export async function refreshStatistics(db: Db, table: string): Promise<void> {
  const columns = await queryRows<{ name: string }>(
    db,
    sql`select attname as name from pg_attribute
         where attrelid = ${table}::regclass and attnum > 0 and not attisdropped order by attnum`,
  );
  const quoted = columns.map((c) => `"${c.name.replaceAll('"', '""')}"`);
  for (let i = 0; i < quoted.length; i += COLUMNS_PER_STATEMENT) {
    if (i > 0) await new Promise<void>((resolve) => setTimeout(resolve, 10));
    const group = quoted.slice(i, i + COLUMNS_PER_STATEMENT).join(', ');
    await db.execute(sql.raw(`analyze "${table.replaceAll('"', '""')}" (${group})`));
  }
}
