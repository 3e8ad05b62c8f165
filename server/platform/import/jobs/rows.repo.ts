import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../../db/client';
import type { ImportCounts, ImportRowAction } from '../../../../common/contracts/imports';
import { SHEET_STRIDE } from './sheets';

/**
 * The staged rows of a job (import_job_rows). Every statement's text is the same however many rows
 * it carries: a batch travels as one JSON parameter read by jsonb_to_recordset, which both drivers
 * (pg and PGlite) pass as a single text value. Each statement stays short, so the embedded database,
 * which runs on the main thread, keeps answering other requests during an import.
 */

export type StagedInsert = {
  rowNumber: number;
  action: ImportRowAction;
  messages: string[];
  warnings: number;
  label: string | null;
  matchKey: string | null;
  targetId: number | null;
  /** JSON text of what the import writes, or null. */
  payloadJson: string | null;
  rawEnc: string;
};

export async function insertStagedRows(db: Db, jobId: number, rows: StagedInsert[]): Promise<void> {
  if (rows.length === 0) return;
  // The payload is already JSON: it goes in as a nested value, not as an escaped string parsed twice.
  const batch = `[${rows
    .map((r) => {
      const rest = JSON.stringify({
        row_number: r.rowNumber,
        action: r.action,
        messages: r.messages,
        warnings: r.warnings,
        label: r.label,
        match_key: r.matchKey,
        target_id: r.targetId,
        raw_enc: r.rawEnc,
      });
      return `${rest.slice(0, -1)},"payload":${r.payloadJson ?? 'null'}}`;
    })
    .join(',')}]`;
  await db.execute(
    sql`insert into import_job_rows
          (job_id, row_number, action, messages, warnings, label, match_key, target_id, payload, raw_enc)
        select ${jobId}::int, x.row_number, x.action,
               array(select jsonb_array_elements_text(x.messages)), x.warnings, x.label,
               x.match_key, x.target_id, x.payload, x.raw_enc
          from jsonb_to_recordset(${batch}::jsonb) as x(row_number int, action text, messages jsonb,
               warnings int, label text, match_key text, target_id int, payload jsonb, raw_enc text)`,
  );
}

/** Rows the import can no longer write (found while committing): one statement for them all. */
export async function markRowErrors(db: Db, jobId: number, rows: { rowNumber: number; message: string }[]) {
  if (rows.length === 0) return;
  const byRow = new Map<number, string[]>();
  for (const r of rows) byRow.set(r.rowNumber, [...(byRow.get(r.rowNumber) ?? []), r.message]);
  const batch = JSON.stringify([...byRow].map(([row_number, messages]) => ({ row_number, messages })));
  await db.execute(
    sql`update import_job_rows r
           set action = 'error', payload = null,
               messages = r.messages || array(select jsonb_array_elements_text(x.messages))
          from jsonb_to_recordset(${batch}::jsonb) as x(row_number int, messages jsonb)
         where r.job_id = ${jobId} and r.row_number = x.row_number`,
  );
}

/**
 * The same person again further down the file (or in a later sheet): 重复, not an error — nothing
 * is wrong with the row, it is already in the import once. The message names the first row by its
 * key (`第 <key> 行`, named with its sheet when shown).
 */
export async function markInFileRepeats(db: Db, jobId: number): Promise<void> {
  await db.execute(
    sql`with firsts as (
          select row_number, match_key,
                 min(row_number) over (partition by match_key) as first_row
            from import_job_rows
           where job_id = ${jobId} and match_key is not null and action <> 'error')
        update import_job_rows r
           set action = 'duplicate', payload = null, target_id = null,
               messages = array_append(r.messages,
                 '第 ' || r.row_number || ' 行：与第 ' || f.first_row || ' 行是同一人（' ||
                 split_part(f.match_key, '|', 1) || '相同），不重复导入')
          from firsts f
         where r.job_id = ${jobId} and r.row_number = f.row_number and f.row_number <> f.first_row`,
  );
}

/**
 * The next chunk of an import: the row number that ends the next `size` staged rows after `after`
 * (null when none are left), and whether more follow it. Walks the primary key, so it stays short.
 */
export async function nextChunk(db: Db, jobId: number, after: number, size: number) {
  const [row] = await queryRows<{ through: number | null; more: boolean }>(
    db,
    sql`select max(s.rn) filter (where s.i <= ${size}::int) as through, count(*) > ${size}::int as more
          from (select r.row_number as rn, row_number() over (order by r.row_number) as i
                  from import_job_rows r where r.job_id = ${jobId} and r.row_number > ${after}::int
                 order by r.row_number limit ${size}::int + 1) s`,
  );
  return row;
}

export async function countRows(db: Db, jobId: number): Promise<ImportCounts> {
  const [row] = await queryRows<ImportCounts>(
    db,
    sql`select count(*)::int as total,
               count(*) filter (where action = 'new')::int as new,
               count(*) filter (where action = 'update')::int as update,
               count(*) filter (where action = 'duplicate')::int as duplicate,
               count(*) filter (where action = 'error')::int as error,
               count(*) filter (where warnings > 0 and action <> 'error')::int as warning
          from import_job_rows where job_id = ${jobId}`,
  );
  return row;
}

/** Data rows and errors per worksheet. */
export async function countBySheet(db: Db, jobId: number) {
  return queryRows<{ ordinal: number; rows: number; errors: number }>(
    db,
    sql`select (row_number / ${SHEET_STRIDE})::int as ordinal, count(*)::int as rows,
               count(*) filter (where action = 'error')::int as errors
          from import_job_rows where job_id = ${jobId} group by 1 order by 1`,
  );
}

export async function listRows(
  db: Db,
  jobId: number,
  q: { action?: ImportRowAction; warningsOnly?: boolean; limit: number; offset: number },
) {
  const where = sql`job_id = ${jobId}
    ${q.action ? sql`and action = ${q.action}` : sql``}
    ${q.warningsOnly ? sql`and warnings > 0 and action <> 'error'` : sql``}`;
  const items = await queryRows<{
    rowNumber: number;
    action: ImportRowAction;
    label: string | null;
    messages: string[];
    warnings: number;
  }>(
    db,
    sql`select row_number as "rowNumber", action, label, messages, warnings
          from import_job_rows where ${where}
         order by row_number limit ${q.limit} offset ${q.offset}`,
  );
  const [{ total }] = await queryRows<{ total: number }>(
    db,
    sql`select count(*)::int as total from import_job_rows where ${where}`,
  );
  return { items, total };
}

/** Error rows in file order, a page at a time (the report never holds the whole file). */
export async function errorRowsAfter(db: Db, jobId: number, afterRow: number, limit: number) {
  return queryRows<{ rowNumber: number; messages: string[]; rawEnc: string | null }>(
    db,
    sql`select row_number as "rowNumber", messages, raw_enc as "rawEnc"
          from import_job_rows
         where job_id = ${jobId} and action = 'error' and row_number > ${afterRow}
         order by row_number limit ${limit}`,
  );
}

export async function hasErrorRows(db: Db, jobId: number): Promise<boolean> {
  const rows = await queryRows<{ one: number }>(
    db,
    sql`select 1 as one from import_job_rows where job_id = ${jobId} and action = 'error' limit 1`,
  );
  return rows.length > 0;
}

/** Rows of worksheets the cadre chose not to import (inside the import's transaction). */
export async function dropSheets(db: Db, jobId: number, ordinals: number[]): Promise<void> {
  if (ordinals.length === 0) return;
  await db.execute(
    sql`delete from import_job_rows where job_id = ${jobId}
          and (row_number / ${SHEET_STRIDE}) = any(select jsonb_array_elements_text(${JSON.stringify(ordinals)}::jsonb)::int)`,
  );
}

const DELETE_CHUNK = 5_000;

/**
 * Deletes a job's staged rows a chunk at a time (each statement short), all of them or all but the
 * errors the report is made of. Returns how many went.
 */
export async function deleteStagedRows(db: Db, jobId: number, opts: { keepErrors: boolean }) {
  const keep = opts.keepErrors ? sql`and action <> 'error'` : sql``;
  let deleted = 0;
  for (;;) {
    const gone = await queryRows<{ n: number }>(
      db,
      sql`with gone as (
            delete from import_job_rows where job_id = ${jobId} and row_number in (
              select row_number from import_job_rows where job_id = ${jobId} ${keep}
               order by row_number limit ${DELETE_CHUNK})
            returning 1)
          select count(*)::int as n from gone`,
    );
    deleted += gone[0].n;
    if (gone[0].n < DELETE_CHUNK) return deleted;
    // On the embedded database other requests queue behind each statement: let them through.
    await new Promise<void>((resolve) => setTimeout(resolve, 10));
  }
}
