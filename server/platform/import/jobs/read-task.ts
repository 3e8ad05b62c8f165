import type { HeaderMatch } from '../header-detect';
import { ImportError } from '../errors';
import { readRecords, type ImportRecord } from '../row-reader';
import { listSheets, openSpreadsheet } from '../sheet-source';
import type { ColumnDef, SpreadsheetSource } from '../types';
import type { JobSheet } from './sheets';

/**
 * Runs in a worker thread (platform/worker): the only code that parses the uploaded file. Everything
 * it sends back is plain data; the main thread judges and stages the records.
 */

export type ReadInput = { path: string; name: string; columns: ColumnDef[] };

export type Progress = { lastRowHint?: number; bytesRead?: number; fileSize: number };

export type ReadEvent =
  | { type: 'sheets'; sheets: JobSheet[] }
  | { type: 'header'; ordinal: number; header: HeaderMatch }
  | { type: 'record'; ordinal: number; record: ImportRecord }
  | { type: 'skipped'; ordinal: number; note: string }
  | { type: 'progress'; ordinal: number; progress: Progress };

const PROGRESS_EVERY = 500;

const progressOf = (source: SpreadsheetSource): Progress => ({
  lastRowHint: source.lastRowHint,
  bytesRead: source.bytesRead,
  fileSize: source.fileSize,
});

async function* readSheet(input: ReadInput, sheet: JobSheet | undefined): AsyncGenerator<ReadEvent> {
  const ordinal = sheet?.ordinal ?? 0;
  const source = await openSpreadsheet(input.path, input.name, sheet ? { sheet: sheet.index } : {});
  let header: HeaderMatch | undefined;
  let n = 0;
  for await (const record of readRecords(source, input.columns, { onHeader: (h) => (header = h) })) {
    if (header) {
      yield { type: 'header', ordinal, header };
      header = undefined;
    }
    yield { type: 'record', ordinal, record };
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
