import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { units } from './units';
import { users } from './accounts';

export const IMPORT_JOB_STATUSES = [
  'analysing',
  'ready',
  'importing',
  'done',
  'failed',
  'interrupted',
  'cancelled',
] as const;
export const IMPORT_ROW_ACTIONS = ['new', 'update', 'duplicate', 'error'] as const;

/**
 * One upload through the platform's import flow. A background worker reads the file once into
 * import_job_rows (the preview), the file is then deleted; the import itself copies staged rows
 * into the module's table in short chunks, resumable after an interruption (decision 0005). `owner` and
 * `heartbeat_at` tell a live worker from a dead one.
 */
export const importJobs = pgTable(
  'import_jobs',
  {
    id: serial('id').primaryKey(),
    /** The module's import kind ('youth'). */
    kind: text('kind').notNull(),
    /** Where the rows go; also the job's scope. */
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    fileName: text('file_name').notNull(),
    fileSize: integer('file_size').notNull(),
    fileSha256: text('file_sha256').notNull(),
    status: text('status', { enum: IMPORT_JOB_STATUSES }).notNull().default('analysing'),
    mode: text('mode', { enum: ['add', 'upsert'] }),
    policy: text('policy', { enum: ['all', 'valid'] }),
    progressDone: integer('progress_done').notNull().default(0),
    progressTotal: integer('progress_total'),
    /** Header found, columns matched and not matched, sheet meta (填报单位…). */
    meta: jsonb('meta').$type<Record<string, unknown>>().notNull().default({}),
    /** Rows per action and with warnings, after analysis. */
    counts: jsonb('counts').$type<Record<string, number>>().notNull().default({}),
    /** What the import wrote. */
    result: jsonb('result').$type<Record<string, number>>(),
    error: text('error'),
    /**
     * The server process (a random id per start) whose worker is analysing or importing: a starting
     * process settles only jobs of processes that are gone, never those of a live neighbour.
     */
    owner: text('owner'),
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('import_jobs_unit_idx').on(t.unitId, t.createdAt),
    index('import_jobs_kind_sha_idx').on(t.kind, t.fileSha256),
  ],
);

/**
 * The preview: one row per data row of the file. `payload` holds the normalised record the import
 * will write (ID number and phone already encrypted), `raw_enc` the original cells, encrypted, for
 * the error report. Neither holds personal data in the clear.
 */
export const importJobRows = pgTable(
  'import_job_rows',
  {
    jobId: integer('job_id')
      .notNull()
      .references(() => importJobs.id, { onDelete: 'cascade' }),
    rowNumber: integer('row_number').notNull(),
    action: text('action', { enum: IMPORT_ROW_ACTIONS }).notNull(),
    messages: text('messages')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    warnings: integer('warnings').notNull().default(0),
    /** What the preview shows: a name and masked identifiers. */
    label: text('label'),
    /** Identity within the file (blind index or name-based key), for in-file duplicates. */
    matchKey: text('match_key'),
    /** The existing record an `update` or `duplicate` refers to. */
    targetId: integer('target_id'),
    payload: jsonb('payload'),
    rawEnc: text('raw_enc'),
  },
  (t) => [
    primaryKey({ columns: [t.jobId, t.rowNumber] }),
    index('import_job_rows_action_idx').on(t.jobId, t.action, t.rowNumber),
    index('import_job_rows_match_idx').on(t.jobId, t.matchKey),
  ],
);
