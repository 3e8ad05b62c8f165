import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../../db/client';
import { recordAudit } from '../../audit/audit';
import { AppError } from '../../http/errors';
import * as repo from './jobs.repo';
import * as rows from './rows.repo';
import { dropStaging, keepAlive, userMessage } from './background';
import { onServer } from './on-server';
import { refreshStatistics } from './refresh-statistics';
import type { JobSheet } from './sheets';
import type { ImportKind, ImportScope } from './types';

export type CommitOptions = {
  mode: 'add' | 'upsert';
  policy: 'all' | 'valid';
  /** Worksheets to import (their ordinals), when the workbook had several; all that were read by default. */
  sheets?: number[];
};

/**
 * Staged rows per chunk. The embedded database runs on the main thread and has one connection: a
 * chunk's transaction is all another request ever waits for (500 youth rows ≈ 40 ms; bench/). A
 * PostgreSQL server answers other requests on other connections meanwhile, so its chunks are larger
 * and follow each other without a pause: the fixed cost per chunk (six round trips) is paid less often.
 */
export function commitChunkRows(db: Db): number {
  return onServer(db) ? 2_000 : 500;
}

/** For tests: runs after each chunk's transaction has committed; throwing interrupts the import there. */
export const commitHooks: { afterChunk?: (jobId: number, chunk: number) => void | Promise<void> } = {};

const NOTHING_YET: repo.CommitProgress = { through: -1, inserted: 0, updated: 0 };

/**
 * Between chunks: a request makes several queries one after another (session, count, page), and
 * each would otherwise wait behind a fresh chunk; 10 ms lets one finish whole (≈ a quarter of a
 * chunk's time).
 */
const pause = (db: Db) =>
  onServer(db) ? Promise.resolve() : new Promise<void>((resolve) => setTimeout(resolve, 10));

function refusal(count: number) {
  return new AppError(
    409,
    'import_changed',
    `检查之后有 ${count} 行的情况发生了变化（如已被其他单位登记），按“全部无误才导入”的选择，本次未写入任何数据。请重新上传检查。`,
  );
}

/**
 * 全部无误才导入: every row still to write is re-checked, read-only and a chunk at a time, before the
 * first write.
 */
async function refuseIfChanged(
  kind: ImportKind,
  scope: ImportScope,
  mode: CommitOptions['mode'],
  after: number,
) {
  let changed = 0;
  const size = commitChunkRows(scope.db);
  for (let from = after; ;) {
    const next = await rows.nextChunk(scope.db, scope.jobId, from, size);
    if (next.through === null) break;
    changed += (await kind.recheck(scope.db, scope, mode, { after: from, through: next.through })).length;
    if (!next.more) break;
    from = next.through;
    await pause(scope.db);
  }
  if (changed > 0) throw refusal(changed);
}

/** The last chunk's transaction: counts, the audit event and 'done', with the last rows. */
async function finish(
  tx: Db,
  kind: ImportKind,
  scope: ImportScope,
  opts: CommitOptions,
  progress: repo.CommitProgress,
  excluded: JobSheet[],
) {
  const { jobId, viewer } = scope;
  const counts = await rows.countRows(tx, jobId);
  const written = {
    inserted: progress.inserted,
    updated: progress.updated,
    skipped: counts.total - counts.error - progress.inserted - progress.updated,
  };
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
  const meta = await repo.jobMeta(tx, jobId);
  const out = new Set(excluded.map((s) => s.ordinal));
  await repo.updateJob(tx, jobId, {
    status: 'done',
    counts,
    result: written,
    error: null,
    owner: null,
    finished: true,
    meta: {
      ...meta,
      commit: undefined,
      sheets: out.size
        ? meta.sheets?.map((s) => (out.has(s.ordinal) ? { ...s, excluded: true } : s))
        : meta.sheets,
    },
  });
  return written;
}

/**
 * Writes the staged rows a chunk at a time, each chunk in its own short transaction together with
 * how far the import got (meta.commit): a crash or kill leaves the job 已中断 with whole chunks
 * written, and 重新导入 carries on after the last of them, never writing a row twice. The audit
 * event and 'done' go with the last chunk. Afterwards only the error rows stay, for the report.
 */
export async function commitJob(
  kind: ImportKind,
  scope: ImportScope,
  opts: CommitOptions,
  log: FastifyBaseLogger,
  sheets: JobSheet[] = [],
): Promise<void> {
  const { db, jobId } = scope;
  const stop = keepAlive(scope);
  const chosen = opts.sheets ? new Set(opts.sheets) : undefined;
  const excluded = chosen ? sheets.filter((s) => s.read && !chosen.has(s.ordinal)) : [];
  let progress = NOTHING_YET;
  let done = false;
  try {
    progress = (await repo.jobMeta(db, jobId)).commit ?? NOTHING_YET;
    await rows.dropSheets(
      db,
      jobId,
      excluded.map((s) => s.ordinal),
    );
    // All-or-nothing is decided before the first write; once chunks are in, a resumed import turns
    // rows changed meanwhile into error rows (named in the report) rather than stop half-way.
    if (opts.policy === 'all' && progress === NOTHING_YET) await refuseIfChanged(kind, scope, opts.mode, -1);
    const size = commitChunkRows(db);
    for (let chunk = 1; ; chunk++) {
      const next = await rows.nextChunk(db, jobId, progress.through, size);
      const step = await db.transaction(async (tx) => {
        let reached = progress;
        if (next.through !== null) {
          const range = { after: progress.through, through: next.through };
          // Rows changed since the check above (or the preview) become error rows, named in the report.
          await rows.markRowErrors(tx, jobId, await kind.recheck(tx, scope, opts.mode, range));
          const wrote = await kind.write(tx, scope, opts.mode, range);
          reached = {
            through: next.through,
            inserted: reached.inserted + wrote.inserted,
            updated: reached.updated + wrote.updated,
          };
        }
        if (next.more) {
          await repo.saveCommitProgress(tx, jobId, reached);
          return { reached, result: null };
        }
        return { reached, result: await finish(tx, kind, scope, opts, reached, excluded) };
      });
      progress = step.reached;
      if (step.result) {
        done = true;
        log.info({ jobId, ...step.result }, 'import committed');
        break;
      }
      await commitHooks.afterChunk?.(jobId, chunk);
      await pause(db);
    }
    for (const table of kind.analyzeTables) await refreshStatistics(db, table);
    // Only the error rows are still of use (the report); the rest would sit in the table for a week.
    // After the statistics, not beside them: on the embedded database two loops of statements would
    // leave no gap for other requests.
    dropStaging(scope, true, log);
  } catch (err) {
    // The import is written and 'done'; only the tidying after it failed.
    if (done) return log.warn({ err, jobId }, 'import done, statistics or staging not refreshed');
    if (!(err instanceof AppError)) log.error({ err, jobId }, 'import failed');
    const changed = err instanceof AppError && err.code === 'import_changed';
    const written = progress.inserted + progress.updated;
    await repo.updateJob(db, jobId, {
      status: changed ? 'failed' : 'interrupted',
      error:
        written > 0 && !changed
          ? `导入中断，已写入 ${written} 行（新增 ${progress.inserted}、更新 ${progress.updated}），重新导入将从中断处继续，已写入的行不会重复写入`
          : userMessage(err, '导入时出错，未写入任何数据，可重新导入'),
      owner: null,
      finished: changed,
    });
    // A failed import has nothing left to offer (all-or-nothing found rows changed: upload again).
    if (changed) dropStaging(scope, false, log);
  } finally {
    stop();
  }
}
