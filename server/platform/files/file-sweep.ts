import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import { discardBlob } from './file-store';

/** A file no row has pointed to for this long is not waiting to be linked any more (a plan draft is saved within days). */
export const UNLINKED_FILE_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Every column with a foreign key to files.id, read from the catalogue so a new module's link table is seen. */
async function linkColumns(db: Db): Promise<{ table: string; column: string }[]> {
  return queryRows<{ table: string; column: string }>(
    db,
    sql`select quote_ident(cl.relname) as "table", quote_ident(a.attname) as "column"
          from pg_constraint c
          join pg_class cl on cl.oid = c.conrelid
          join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any (c.conkey)
         where c.contype = 'f' and c.confrelid = 'public.files'::regclass
         order by 1, 2`,
  );
}

/**
 * Removes stored files that nothing refers to: an uploaded plan document whose draft was never saved,
 * or the attachments of a plan that was deleted. Personal data should not outlive its purpose in a
 * blob nobody can reach. Rows first (several servers may sweep at once: each row is deleted once), then
 * their blobs. Returns how many were removed.
 */
export async function sweepUnlinkedFiles(db: Db, dataDir: string, olderThanDays = UNLINKED_FILE_DAYS) {
  const links = await linkColumns(db);
  const cutoff = new Date(Date.now() - olderThanDays * DAY_MS);
  const unlinked = links.map(
    (l) => sql`not exists (select 1 from ${sql.raw(l.table)} r where r.${sql.raw(l.column)} = f.id)`,
  );
  const removed = await queryRows<{ storageKey: string }>(
    db,
    sql`delete from files f where f.created_at < ${cutoff.toISOString()}::timestamptz
          ${unlinked.length ? sql`and ${sql.join(unlinked, sql` and `)}` : sql``}
        returning f.storage_key as "storageKey"`,
  );
  for (const r of removed) await discardBlob(dataDir, r.storageKey);
  return removed.length;
}

/** Sweeps now and then once a day while the server runs; the timer never keeps the process alive. */
export function scheduleFileSweep(db: Db, dataDir: string, log: (message: string) => void): () => void {
  const run = () =>
    sweepUnlinkedFiles(db, dataDir).then(
      (n) => n > 0 && log(`已清理 ${n} 个无任何记录引用的存储文件`),
      (err: unknown) => log(`清理存储文件失败：${err instanceof Error ? err.message : String(err)}`),
    );
  void run();
  const timer = setInterval(() => void run(), DAY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
