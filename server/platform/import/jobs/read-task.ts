import { encryptField } from '../../crypto/field-crypto';
import type { Keys } from '../../crypto/keys';
import type { HeaderMatch } from '../header-detect';
import { ImportError } from '../errors';
import { readRecords, type ImportRecord } from '../row-reader';
import { listSheets, openSpreadsheet } from '../sheet-source';
import type { ColumnDef, RawValue, SpreadsheetSource } from '../types';
import { rawText } from './raw-text';
import { rowKey, type JobSheet } from './sheets';
import type { WorkerJudge } from './types';

/**
 * Runs in a worker thread (platform/worker): the only code that parses the uploaded file. Everything
 * it sends back is plain data; the main thread judges and stages the records.
 */

/**
 * The data key the original cells are sealed with (raw_enc), so the main thread neither serialises
 * nor encrypts them. It reaches the worker in workerData (memory only, cloned into the thread) and
 * is never written anywhere; a worker thread shares the server's address space, so this exposes
 * nothing the parser could not already reach.
 */
export type SealKey = Pick<Keys, 'data' | 'dataKeyId'>;

export type ReadInput = {
  path: string;
  name: string;
  columns: ColumnDef[];
  seal?: SealKey;
  /** The import kind's per-row work, done here beside the parse (see WorkerJudge). */
  judge?: WorkerJudge;
};

/**
 * A record as the worker hands it over: with `seal`, its original cells arrive encrypted in rawEnc;
 * with `judge`, its verdict in `judged` and no `values` (nothing on the main thread reads them).
 */
export type SealedRecord = ImportRecord & { rawEnc?: string; judged?: unknown };

type Judge = (record: ImportRecord, header: HeaderMatch) => unknown;

export type Progress = { lastRowHint?: number; bytesRead?: number; fileSize: number };

export type ReadEvent =
  | { type: 'sheets'; sheets: JobSheet[] }
  | { type: 'header'; ordinal: number; header: HeaderMatch }
  | { type: 'record'; ordinal: number; record: SealedRecord }
  | { type: 'skipped'; ordinal: number; note: string }
  | { type: 'progress'; ordinal: number; progress: Progress };

const PROGRESS_EVERY = 500;

const progressOf = (source: SpreadsheetSource): Progress => ({
  lastRowHint: source.lastRowHint,
  bytesRead: source.bytesRead,
  fileSize: source.fileSize,
});

/** The original cells as the error report gives them back, encrypted: what the staging stores as raw_enc. */
export const sealRaw = (keys: SealKey, raw: RawValue[]): string =>
  encryptField(keys as Keys, JSON.stringify(raw.map(rawText)));

/** A record of a later sheet keyed past the earlier ones; the reader's own messages follow its key. */
function keyed(ordinal: number, record: ImportRecord): ImportRecord {
  if (ordinal === 0) return record;
  const key = rowKey(ordinal, record.rowNumber);
  const own = `第 ${record.rowNumber} 行`;
  return {
    ...record,
    rowNumber: key,
    problems: record.problems.map((p) => ({
      ...p,
      rowNumber: key,
      message: p.message.split(own).join(`第 ${key} 行`),
    })),
  };
}

function sealer(seal: SealKey | undefined, judge: Judge | undefined) {
  // Structured cloning turns the Buffer into a plain Uint8Array.
  const keys = seal && { data: Buffer.from(seal.data), dataKeyId: seal.dataKeyId };
  return (record: ImportRecord, header: HeaderMatch): SealedRecord => {
    const sealed: SealedRecord = keys ? { ...record, raw: [], rawEnc: sealRaw(keys, record.raw) } : record;
    if (!judge) return sealed;
    return { ...sealed, values: {}, judged: judge(record, header) };
  };
}

async function* readSheet(
  input: ReadInput,
  sheet: JobSheet | undefined,
  judge: Judge | undefined,
): AsyncGenerator<ReadEvent> {
  const seal = sealer(input.seal, judge);
  const ordinal = sheet?.ordinal ?? 0;
  const source = await openSpreadsheet(input.path, input.name, sheet ? { sheet: sheet.index } : {});
  let header: HeaderMatch | undefined;
  let current: HeaderMatch | undefined;
  let n = 0;
  for await (const record of readRecords(source, input.columns, { onHeader: (h) => (header = h) })) {
    if (header) {
      yield { type: 'header', ordinal, header };
      current = header;
      header = undefined;
    }
    yield { type: 'record', ordinal, record: seal(keyed(ordinal, record), current!) };
    n += 1;
    if (n % PROGRESS_EVERY === 0) yield { type: 'progress', ordinal, progress: progressOf(source) };
  }
  if (header) yield { type: 'header', ordinal, header };
  yield { type: 'progress', ordinal, progress: progressOf(source) };
}

async function loadJudge(judge: WorkerJudge | undefined): Promise<Judge | undefined> {
  if (!judge) return undefined;
  const make = ((await import(judge.task.module)) as Record<string, (context: unknown) => Judge>)[
    judge.task.name
  ];
  if (typeof make !== 'function')
    throw new Error(`judge ${judge.task.name} not found in ${judge.task.module}`);
  return make(judge.context);
}

/**
 * Reads every visible worksheet that holds a table with our columns, one after another. With one
 * sheet a missing header fails the job as before; with several, a sheet without one (填写说明, a
 * summary) is reported as not read with the reason, never silently left out.
 */
export async function* readSpreadsheet(input: ReadInput): AsyncGenerator<ReadEvent> {
  const judge = await loadJudge(input.judge);
  const summaries = await listSheets(input.path, input.name);
  if (summaries.length <= 1) {
    yield* readSheet(input, undefined, judge);
    return;
  }
  const sheets: JobSheet[] = summaries.map((s, ordinal) => ({
    ordinal,
    index: s.index,
    name: s.name,
    approxRows: s.rowCount,
    read: true,
  }));
  yield { type: 'sheets', sheets };
  let firstRefusal: ImportError | undefined;
  let anyRead = false;
  for (const sheet of sheets) {
    try {
      yield* readSheet(input, sheet, judge);
      anyRead = true;
    } catch (err) {
      if (!(err instanceof ImportError) || err.code !== 'import_header') throw err;
      firstRefusal ??= err;
      const note = err.message.startsWith('未找到表头')
        ? '没有找到与模板对应的表头（不是名单），未读取'
        : `未读取：${err.message}`;
      yield { type: 'skipped', ordinal: sheet.ordinal, note };
    }
  }
  if (!anyRead) throw firstRefusal!;
}
