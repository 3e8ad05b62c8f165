import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { recordAudit } from '../../audit/audit';
import { AppError } from '../../http/errors';
import * as repo from './jobs.repo';
import * as rows from './rows.repo';
import { dropStaging, keepAlive, userMessage } from './background';
import type { JobSheet } from './sheets';
import type { ImportKind, ImportScope } from './types';

export type CommitOptions = {
  mode: 'add' | 'upsert';
  policy: 'all' | 'valid';
  /** Worksheets to import (their ordinals), when the workbook had several; all that were read by default. */
  sheets?: number[];
};

/**
 * Writes the staged rows in one transaction: a crash, a kill or an error anywhere leaves nothing
 * written, and the job can be run again. Counts go to the audit log. Afterwards only the error rows
 * stay, for the report.
 */
export async function commitJob(
  kind: ImportKind,
  scope: ImportScope,
  opts: CommitOptions,
  log: FastifyBaseLogger,
  sheets: JobSheet[] = [],
): Promise<void> {
  const { db, jobId, viewer } = scope;
  const stop = keepAlive(scope);
  const chosen = opts.sheets ? new Set(opts.sheets) : undefined;
  const excluded = chosen ? sheets.filter((s) => s.read && !chosen.has(s.ordinal)) : [];
  try {
    const result = await db.transaction(async (tx) => {
      await rows.dropSheets(
        tx,
        jobId,
        excluded.map((s) => s.ordinal),
      );
      const newErrors: { rowNumber: number; message: string }[] = [];
      const written = await kind.commit(tx, scope, opts.mode, async (marked) => {
        newErrors.push(...marked);
        await rows.markRowErrors(tx, jobId, marked);
      });
      if (opts.policy === 'all' && newErrors.length > 0) {
        throw new AppError(
          409,
          'import_changed',
          `检查之后有 ${newErrors.length} 行的情况发生了变化（如已被其他单位登记），按“全部无误才导入”的选择，本次未写入任何数据。请重新上传检查。`,
        );
      }
      const counts = await rows.countRows(tx, jobId);
      await recordAudit(
        tx,
        { userId: viewer.userId, username: viewer.username, unitId: viewer.unitId },
        {
          action: kind.auditAction,
          targetType: 'import_job',
          targetId: jobId,
          targetLabel: scope.unit.name,
          detail: {
            ...written,
            errors: counts.error,
            rows: counts.total,
            mode: opts.mode,
            policy: opts.policy,
            ...(excluded.length ? { sheetsLeftOut: excluded.map((s) => s.name) } : {}),
          },
        },
      );
      const update: Parameters<typeof repo.updateJob>[2] = {
        status: 'done',
        counts,
        result: written,
        error: null,
        owner: null,
        finished: true,
      };
      if (excluded.length > 0) {
        const meta = await repo.jobMeta(tx, jobId);
        const out = new Set(excluded.map((s) => s.ordinal));
        update.meta = {
          ...meta,
          sheets: meta.sheets?.map((s) => (out.has(s.ordinal) ? { ...s, excluded: true } : s)),
        };
      }
      await repo.updateJob(tx, jobId, update);
      return written;
    });
    log.info({ jobId, ...result }, 'import committed');
    // Only the error rows are still of use (the report); the rest would sit in the table for a week.
    dropStaging(scope, true, log);
    // PGlite has no autovacuum: without fresh statistics the planner misjudges the grown table.
    for (const table of kind.analyzeTables) await db.execute(sql.raw(`analyze ${table}`));
  } catch (err) {
    if (!(err instanceof AppError)) log.error({ err, jobId }, 'import failed');
    const changed = err instanceof AppError && err.code === 'import_changed';
    await repo.updateJob(db, jobId, {
      status: changed ? 'failed' : 'interrupted',
      error: userMessage(err, '导入时出错，未写入任何数据，可重新导入'),
      owner: null,
      finished: changed,
    });
    // A failed import has nothing left to offer (all-or-nothing found rows changed: upload again).
    if (changed) dropStaging(scope, false, log);
  } finally {
    stop();
  }
}
