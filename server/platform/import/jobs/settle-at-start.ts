import type { Db } from '../../../db/client';
import { INSTANCE_ID } from './background';
import * as repo from './jobs.repo';
import * as rows from './rows.repo';
import { IMPORT_RETENTION_DAYS } from './jobs.service';

/**
 * At start, jobs left running by a process that is gone are settled at once: 检查 → 失败 (upload
 * again, staged rows deleted), 导入 → 已中断 (重新导入 from the staged rows). The embedded database
 * is held by one process (the data-directory lock), so every running job there is dead; on
 * PostgreSQL other servers may be working, and only jobs of processes gone quiet are settled. Jobs
 * past the retention are emptied too.
 */
export async function settleImportJobsAtStart(db: Db, database: 'embedded' | 'postgres') {
  const failed = await repo.settleDeadJobs(
    db,
    database === 'embedded' ? { all: true } : { self: INSTANCE_ID, alive: [] },
  );
  const expired = await repo.expireJobs(db, IMPORT_RETENTION_DAYS);
  for (const jobId of failed) await rows.deleteStagedRows(db, jobId, { keepErrors: false });
  for (const jobId of expired) await rows.deleteStagedRows(db, jobId, { keepErrors: false });
  return { failed: failed.length, expired: expired.length };
}
