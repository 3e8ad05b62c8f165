import { sql } from 'drizzle-orm';
import type { Config } from './config';
import type { Database } from './db/client';
import { seedUnitTree } from './platform/units/seed-units';
import { seedDictionaries } from './modules/dictionaries/dictionaries.seed';
import { ensureSystemAdmin, type BootstrapResult } from './platform/auth/bootstrap-admin';
import { settleImportJobsAtStart } from './platform/import/jobs/settle-at-start';

export type PrepareResult = { unitsInserted: number; admin: BootstrapResult };

/**
 * Migrations, the real unit tree, dictionaries and the first administrator: safe to run on every
 * start, and by several servers starting at once on one PostgreSQL (they take turns).
 */
export async function prepareDatabase(database: Database, config: Config): Promise<PrepareResult> {
  return database.exclusive(async (db) => {
    await database.migrateWith(db);
    const units = await seedUnitTree(db);
    // Every scoped query joins the unit tree; without statistics the planner misjudges a subtree's
    // size badly (docs/decisions/0004), and PGlite has no autovacuum to gather them later.
    if (units.inserted > 0) await db.execute(sql`analyze units`);
    await seedDictionaries(db);
    const admin = await ensureSystemAdmin(db, config);
    // Imports a dead process left 正在检查/正在导入 show as 失败/已中断 now, not a minute later.
    await settleImportJobsAtStart(db, database.kind);
    return { unitsInserted: units.inserted, admin };
  });
}
