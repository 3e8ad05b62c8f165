import { encryptField } from '../../crypto/field-crypto';
import type { Keys } from '../../crypto/keys';
import type { HeaderMatch } from '../header-detect';
import { ImportError } from '../errors';
import { readRecords, type ImportRecord } from '../row-reader';
import { listSheets, openSpreadsheet } from '../sheet-source';
import type { ColumnDef, RawValue, SpreadsheetSource } from '../types';
import { rawText } from './raw-text';
import type { JobSheet } from './sheets';

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

export type ReadInput = { path: string; name: string; columns: ColumnDef[]; seal?: SealKey };

/** A record as the worker hands it over: with `seal`, its original cells arrive encrypted in rawEnc. */
export type SealedRecord = ImportRecord & { rawEnc?: string };

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

function sealer(seal: SealKey | undefined): (record: ImportRecord) => SealedRecord {
  if (!seal) return (record) => record;
  // Structured cloning turns the Buffer into a plain Uint8Array.
  const keys = { data: Buffer.from(seal.data), dataKeyId: seal.dataKeyId };
  return (record) => ({ ...record, raw: [], rawEnc: sealRaw(keys, record.raw) });
}

async function* readSheet(input: ReadInput, sheet: JobSheet | undefined): AsyncGenerator<ReadEvent> {
  const seal = sealer(input.seal);
  const ordinal = sheet?.ordinal ?? 0;
  const source = await openSpreadsheet(input.path, input.name, sheet ? { sheet: sheet.index } : {});
  let header: HeaderMatch | undefined;
  let n = 0;
  for await (const record of readRecords(source, input.columns, { onHeader: (h) => (header = h) })) {
    if (header) {
      yield { type: 'header', ordinal, header };
      header = undefined;
    }
    yield { type: 'record', ordinal, record: seal(record) };
    n += 1;
    if (n % PROGRESS_EVERY === 0) yield { type: 'progress', ordinal, progress: progressOf(source) };
  }
  if (header) yield { type: 'header', ordinal, header };
  yield { type: 'progress', ordinal, progress: progressOf(source) };
}

/**
 * Reads every visible worksheet that holds a table with our columns, one after another. With one
 * sheet a missing header fails the job as before; with several, a sheet without one (填写说明, a
 * summary) is reported as not read with the reason, never silently left out.
 */
export async function* readSpreadsheet(input: ReadInput): AsyncGenerator<ReadEvent> {
  const summaries = await listSheets(input.path, input.name);
  if (summaries.length <= 1) {
    yield* readSheet(input, undefined);
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
      yield* readSheet(input, sheet);
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
