import type { AuditAction } from '../../../../common/audit-actions';
import type { Config } from '../../../config';
import type { Db } from '../../../db/client';
import type { ImportRowAction } from '../../../../common/contracts/imports';
import type { Viewer } from '../../access/viewer';
import type { Keys } from '../../crypto/keys';
import type { HeaderMatch } from '../header-detect';
import type { ImportRecord } from '../row-reader';
import type { ColumnDef } from '../types';
import type { TaskRef } from '../../worker/untrusted';

/** What an import kind works with: the job's target unit and the person who started it. */
export type ImportScope = {
  db: Db;
  keys: Keys;
  config: Config;
  viewer: Viewer;
  jobId: number;
  unit: { id: number; name: string; path: string };
};

/** One analysed row, as it goes into import_job_rows. */
export type StagedRow = {
  rowNumber: number;
  action: ImportRowAction;
  /** Errors and warnings, in Chinese, each naming row and column. */
  messages: string[];
  warnings: number;
  /** For the preview: a name and masked identifiers, never an ID number in the clear. */
  label: string | null;
  /**
   * Who the row is, for finding the same person twice in the file: `<what matched>|<key>`, e.g.
   * `身份证号|<blind index>`. The part before '|' names it in the message.
   */
  matchKey: string | null;
  targetId: number | null;
  /** What the import writes; personal identifiers already encrypted. */
  payload: unknown;
};

/**
 * The per-row work that needs no database, run in the worker thread that reads the file, beside the
 * parse: `task` names a function that is given `context` (plain data; it may hold the data keys, which
 * stay in this process) and returns the judge of one record. What it returns arrives as `judged`.
 */
export type WorkerJudge = { task: TaskRef; context: unknown };

/** A record as the analyser gets it: with a worker judge, `judged` is set and `values` empty. */
export type JudgedRecord<K extends string> = ImportRecord<K> & { judged?: unknown };

export type Analyser<K extends string> = {
  judge?: WorkerJudge;
  /** A batch of records in file order; returns one staged row per record. */
  analyse(records: JudgedRecord<K>[], header: HeaderMatch<K>): Promise<StagedRow[]>;
};

export type CommitResult = { inserted: number; updated: number; skipped: number };

/** Staged rows with `after < row_number <= through`: one chunk of an import. */
export type RowRange = { after: number; through: number };
export type RowProblem = { rowNumber: number; message: string };
export type ChunkWritten = { inserted: number; updated: number };

/**
 * A module's part of the platform import flow: its columns, how a row is judged, how staged rows
 * are written, and its template. The platform does the rest (upload, job, preview, report).
 */
export type ImportKind<K extends string = string> = {
  kind: string;
  /** '青年' — in messages and file names. */
  what: string;
  columns: ColumnDef<K>[];
  prepare(scope: ImportScope): Promise<Analyser<K>>;
  /**
   * Rows of `range` that can no longer be written as previewed (another unit registered the person
   * meanwhile, a record left the scope): read-only, so 全部无误才导入 can refuse before any write.
   */
  recheck(db: Db, scope: ImportScope, mode: 'add' | 'upsert', range: RowRange): Promise<RowProblem[]>;
  /**
   * Writes the staged rows of `range` (rows already turned into errors are skipped), inside the
   * chunk's short transaction; the statement text must not depend on how many rows there are.
   */
  write(tx: Db, scope: ImportScope, mode: 'add' | 'upsert', range: RowRange): Promise<ChunkWritten>;
  /** Audit action written once per import, with its counts. */
  auditAction: AuditAction;
  /** Tables to ANALYZE after an import (PGlite has no autovacuum to do it). */
  analyzeTables: string[];
  template(scope: Omit<ImportScope, 'jobId'>): Promise<Buffer>;
};
