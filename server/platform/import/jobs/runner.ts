import fs from 'node:fs';
import type { FastifyBaseLogger } from 'fastify';
import { AppError } from '../../http/errors';
import { streamUntrusted, task, UntrustedTaskError, type UntrustedLimits } from '../../worker/untrusted';
import type { HeaderMatch } from '../header-detect';
import type { ImportRecord } from '../row-reader';
import { keepAlive, userMessage } from './background';
import * as repo from './jobs.repo';
import type { ReadEvent, ReadInput, SealedRecord } from './read-task';
import * as rows from './rows.repo';
import type { JobSheet } from './sheets';
import { Stager } from './stager';
import type { ImportKind, ImportScope } from './types';

export { runInBackground, settleImportJobs } from './background';
export { commitJob } from './commit-job';

/** Rows judged, staged and reported per round trip; also the worker's batch. */
const BATCH_ROWS = 500;

/** The worker that parses an upload: its heap and how long a batch may take. Tests lower the heap. */
export const importReadLimits: Required<UntrustedLimits> = { maxHeapMb: 256, timeoutMs: 120_000 };

const READ_TASK = task(import.meta.url, './read-task.ts', 'readSpreadsheet');

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

class Cancelled extends Error {}

/**
 * Reads the uploaded file once in a worker thread (a hostile file ends the worker, not the server),
 * judging and staging rows a batch at a time as the worker hands them over, so memory does not grow
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
    const analyser = await kind.prepare(scope);
    const stager = new Stager(scope);
    let meta: repo.JobMeta = {};
    let sheets: JobSheet[] | undefined;
    const headers = new Map<number, HeaderMatch<K>>();
    let batch: (ImportRecord<K> & SealedRecord)[] = [];
    let batchOrdinal = 0;
    let progress: Extract<ReadEvent, { type: 'progress' }>['progress'] | undefined;
    const flush = async () => {
      if (batch.length === 0) return;
      const staged = await analyser.analyse(batch, headers.get(batchOrdinal)!);
      await stager.stage(batch, staged, sheets);
      batch = [];
      const done = stager.rows;
      const total = sheets
        ? Math.max(
            done,
            sheets.reduce((n, s) => n + (s.read ? s.approxRows : 0), 0),
          )
        : progress?.lastRowHint
          ? Math.max(done, progress.lastRowHint - 1)
          : progress?.bytesRead
            ? Math.round((done * progress.fileSize) / progress.bytesRead)
            : null;
      const stillWanted = await repo.updateJob(db, jobId, { progressDone: done, progressTotal: total }, [
        'analysing',
      ]);
      if (!stillWanted) throw new Cancelled();
    };
    const input: ReadInput = {
      path: file.path,
      name: file.name,
      columns: kind.columns,
      seal: { data: scope.keys.data, dataKeyId: scope.keys.dataKeyId },
      judge: analyser.judge,
    };
    const events = streamUntrusted<ReadEvent>(READ_TASK, input, {
      ...importReadLimits,
      batchSize: BATCH_ROWS,
    });
    for await (const ev of events) {
      if (ev.type === 'sheets') sheets = ev.sheets;
      else if (ev.type === 'skipped') Object.assign(sheets![ev.ordinal], { read: false, note: ev.note });
      else if (ev.type === 'progress') progress = ev.progress;
      else if (ev.type === 'header') {
        headers.set(ev.ordinal, ev.header as HeaderMatch<K>);
        if (!meta.headers) meta = describeHeader(kind, ev.header as HeaderMatch<K>);
        if (sheets) sheets[ev.ordinal].headers = ev.header.headers;
      } else {
        if (ev.ordinal !== batchOrdinal) await flush();
        batchOrdinal = ev.ordinal;
        batch.push(ev.record as ImportRecord<K> & SealedRecord);
        if (batch.length >= BATCH_ROWS) await flush();
      }
    }
    await flush();
    if (stager.rows === 0) throw new AppError(400, 'import_empty', '表格中没有可导入的数据行');
    await rows.markInFileRepeats(db, jobId);
    const counts = await rows.countRows(db, jobId);
    if (sheets) {
      for (const s of await rows.countBySheet(db, jobId)) {
        Object.assign(sheets[s.ordinal], { dataRows: s.rows, errors: s.errors });
      }
      meta.sheets = sheets;
    }
    await repo.updateJob(
      db,
      jobId,
      { status: 'ready', counts, meta, progressDone: counts.total, progressTotal: counts.total, owner: null },
      ['analysing'],
    );
  } catch (err) {
    const cancelled = err instanceof Cancelled;
    if (!cancelled) {
      if (err instanceof UntrustedTaskError)
        log.warn({ jobId, reason: err.reason, detail: err.detail }, 'import worker died');
      else if (!(err instanceof AppError)) log.error({ err, jobId }, 'import analysis failed');
      await repo.updateJob(
        db,
        jobId,
        {
          status: 'failed',
          error: userMessage(err, '检查表格时出错，请稍后重试'),
          finished: true,
          owner: null,
        },
        ['analysing'],
      );
    }
    // A failed or cancelled analysis offers nothing: its staged rows go.
    await rows.deleteStagedRows(db, jobId, { keepErrors: false });
  } finally {
    stop();
    await fs.promises.rm(file.path, { force: true });
  }
}
