import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { recordAudit } from '../../audit/audit';
import { encryptField } from '../../crypto/field-crypto';
import { AppError } from '../../http/errors';
import type { HeaderMatch } from '../header-detect';
import type { ImportRecord } from '../row-reader';
import { readRecords } from '../row-reader';
import { openSpreadsheet } from '../sheet-source';
import { cellText, type RawValue } from '../types';
import * as repo from './jobs.repo';
import type { ImportKind, ImportScope } from './types';

/** Rows judged, staged and reported per round trip. */
const BATCH_ROWS = 500;
const HEARTBEAT_MS = 5_000;

const inFlight = new Set<Promise<void>>();

/**
 * Starts work that outlives the request. Errors end up on the job; one that cannot even be recorded
 * (the database went away, the process is stopping) is logged, never left unhandled to kill the process.
 */
export function runInBackground(task: () => Promise<void>, log: FastifyBaseLogger) {
  const p = task()
    .catch((err: unknown) => log.error({ err }, 'import job could not record its outcome'))
    .finally(() => inFlight.delete(p));
  inFlight.add(p);
}

/** Waits for every background job of this process (tests; a graceful shutdown). */
export async function settleImportJobs(): Promise<void> {
  while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
}

function keepAlive(scope: ImportScope) {
  const timer = setInterval(() => {
    void repo.updateJob(scope.db, scope.jobId, {}).catch(() => undefined);
  }, HEARTBEAT_MS);
  timer.unref();
  return () => clearInterval(timer);
}

const userMessage = (err: unknown, fallback: string) => (err instanceof AppError ? err.message : fallback);

const rawJson = (v: RawValue) => (v instanceof Date ? cellText({ value: v, numeric: true }) : v);

function describeHeader<K extends string>(kind: ImportKind<K>, header: HeaderMatch<K>): repo.JobMeta {
  const labelOf = new Map(kind.columns.map((c) => [c.key, c.label]));
  const present = new Set(header.mapping.values());
  const { meta } = header;
  return {
    headers: header.headers,
    matched: [...header.mapping.entries()]
      .sort(([a], [b]) => a - b)
      .map(([col, key]) => ({ header: header.headers[col], label: labelOf.get(key) ?? key })),
    ignored: [...header.unknownColumns, ...header.duplicateColumns],
    missing: kind.columns.filter((c) => !present.has(c.key)).map((c) => c.label),
    sheetInfo: [
      meta.title ? `标题：${meta.title}` : '',
      meta.fillingUnit ? `填报单位：${meta.fillingUnit}` : '',
      meta.fillingDate ? `填报日期：${meta.fillingDate}` : '',
    ].filter(Boolean),
  };
}

/**
 * Reads the uploaded file once, judging and staging rows a batch at a time, so memory does not grow
 * with the file. The file is deleted afterwards whatever happens: the staged rows are the preview.
 */
export async function analyseFile<K extends string>(
  kind: ImportKind<K>,
  scope: ImportScope,
  file: { path: string; name: string },
  log: FastifyBaseLogger,
): Promise<void> {
  const { db, jobId } = scope;
  const stop = keepAlive(scope);
  try {
    const source = await openSpreadsheet(file.path, file.name);
    const analyser = await kind.prepare(scope);
    let meta: repo.JobMeta = {};
    let header: HeaderMatch<K> | undefined;
    let done = 0;
    let batch: ImportRecord<K>[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const staged = await analyser.analyse(batch, header!);
      const raws = new Map(batch.map((r) => [r.rowNumber, r.raw]));
      await repo.insertStagedRows(
        db,
        jobId,
        staged.map((s) => ({
          ...s,
          rawEnc: encryptField(scope.keys, JSON.stringify((raws.get(s.rowNumber) ?? []).map(rawJson))),
        })),
      );
      done += batch.length;
      batch = [];
      const total = source.lastRowHint
        ? Math.max(done, source.lastRowHint - (meta.headers ? 1 : 0))
        : source.bytesRead
          ? Math.round((done * source.fileSize) / source.bytesRead)
          : null;
      const stillWanted = await repo.updateJob(db, jobId, { progressDone: done, progressTotal: total }, [
        'analysing',
      ]);
      if (!stillWanted) throw new Cancelled();
    };
    for await (const record of readRecords(source, kind.columns, {
      onHeader: (h) => {
        header = h;
        meta = describeHeader(kind, h);
      },
    })) {
      batch.push(record);
      if (batch.length >= BATCH_ROWS) await flush();
    }
    await flush();
    if (done === 0) throw new AppError(400, 'import_empty', '表格中没有可导入的数据行');
    await repo.markInFileDuplicates(db, jobId);
    const counts = await repo.countRows(db, jobId);
    await repo.updateJob(
      db,
      jobId,
      { status: 'ready', counts, meta, progressDone: counts.total, progressTotal: counts.total },
      ['analysing'],
    );
  } catch (err) {
    if (!(err instanceof Cancelled)) {
      if (!(err instanceof AppError)) log.error({ err, jobId }, 'import analysis failed');
      await repo.updateJob(
        db,
        jobId,
        { status: 'failed', error: userMessage(err, '检查表格时出错，请稍后重试'), finished: true },
        ['analysing'],
      );
    }
  } finally {
    stop();
    await fs.promises.rm(file.path, { force: true });
  }
}

class Cancelled extends Error {}

/**
 * Writes the staged rows in one transaction: a crash, a kill or an error anywhere leaves nothing
 * written, and the job can be run again. Counts go to the audit log.
 */
export async function commitJob(
  kind: ImportKind,
  scope: ImportScope,
  opts: { mode: 'add' | 'upsert'; policy: 'all' | 'valid' },
  log: FastifyBaseLogger,
): Promise<void> {
  const { db, jobId, viewer } = scope;
  const stop = keepAlive(scope);
  try {
    const result = await db.transaction(async (tx) => {
      const newErrors: { rowNumber: number; message: string }[] = [];
      const written = await kind.commit(tx, scope, opts.mode, async (rows) => {
        newErrors.push(...rows);
        await repo.markRowErrors(tx, jobId, rows);
      });
      if (opts.policy === 'all' && newErrors.length > 0) {
        throw new AppError(
          409,
          'import_changed',
          `检查之后有 ${newErrors.length} 行的情况发生了变化（如已被其他单位登记），按“全部无误才导入”的选择，本次未写入任何数据。请重新上传检查。`,
        );
      }
      const counts = await repo.countRows(tx, jobId);
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
          },
        },
      );
      await repo.updateJob(tx, jobId, {
        status: 'done',
        counts,
        result: written,
        error: null,
        finished: true,
      });
      return written;
    });
    log.info({ jobId, ...result }, 'import committed');
    // PGlite has no autovacuum: without fresh statistics the planner misjudges the grown table.
    for (const table of kind.analyzeTables) await db.execute(sql.raw(`analyze ${table}`));
  } catch (err) {
    if (!(err instanceof AppError)) log.error({ err, jobId }, 'import failed');
    const changed = err instanceof AppError && err.code === 'import_changed';
    await repo.updateJob(db, jobId, {
      status: changed ? 'failed' : 'interrupted',
      error: userMessage(err, '导入时出错，未写入任何数据，可重新导入'),
      finished: changed,
    });
  } finally {
    stop();
  }
}
