import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../../db/client';
import type { ImportCounts, ImportJobStatus, ImportRowAction } from '../../../../common/contracts/imports';
import { inScope } from '../../access/scope';
import type { Viewer } from '../../access/viewer';
import { notFound } from '../../http/errors';

export type JobRow = {
  id: number;
  kind: string;
  unitId: number;
  unitName: string;
  unitPath: string;
  createdBy: number;
  createdByName: string;
  fileName: string;
  fileSha256: string;
  status: ImportJobStatus;
  mode: 'add' | 'upsert' | null;
  policy: 'all' | 'valid' | null;
  progressDone: number;
  progressTotal: number | null;
  meta: JobMeta;
  counts: Partial<ImportCounts>;
  result: { inserted: number; updated: number; skipped: number } | null;
  error: string | null;
  /** The worker has not reported for a while: it died with its process. */
  stale: boolean;
  createdAt: Date | string;
  finishedAt: Date | string | null;
};

export type JobMeta = {
  headers?: string[];
  matched?: { header: string; label: string }[];
  ignored?: string[];
  missing?: string[];
  sheetInfo?: string[];
};

/** A worker that has not touched its job for this long is gone (its process ended). */
export const STALE_AFTER_SECONDS = 60;

const COLUMNS = sql`j.id, j.kind, j.unit_id as "unitId", u.name as "unitName", u.path as "unitPath",
  j.created_by as "createdBy", coalesce(a.display_name, a.username) as "createdByName", j.file_name as "fileName",
  j.file_sha256 as "fileSha256", j.status, j.mode, j.policy, j.progress_done as "progressDone",
  j.progress_total as "progressTotal", j.meta, j.counts, j.result, j.error,
  (j.heartbeat_at < now() - make_interval(secs => ${STALE_AFTER_SECONDS})) as stale,
  j.created_at as "createdAt", j.finished_at as "finishedAt"`;
const FROM = sql`import_jobs j join units u on u.id = j.unit_id join users a on a.id = j.created_by`;

export async function insertJob(
  db: Db,
  job: {
    kind: string;
    unitId: number;
    createdBy: number;
    fileName: string;
    fileSize: number;
    sha256: string;
  },
): Promise<number> {
  const [row] = await queryRows<{ id: number }>(
    db,
    sql`insert into import_jobs (kind, unit_id, created_by, file_name, file_size, file_sha256)
        values (${job.kind}, ${job.unitId}, ${job.createdBy}, ${job.fileName}, ${job.fileSize}, ${job.sha256})
        returning id`,
  );
  return row.id;
}

export async function findJob(db: Db, viewer: Pick<Viewer, 'unitPath'>, kind: string, id: number) {
  const [row] = await queryRows<JobRow>(
    db,
    sql`select ${COLUMNS} from ${FROM} where j.id = ${id} and j.kind = ${kind} and ${inScope(sql`j.unit_id`, viewer)}`,
  );
  if (!row) throw notFound('导入任务');
  return row;
}

export async function listJobs(
  db: Db,
  viewer: Pick<Viewer, 'unitPath'>,
  kind: string,
  page: { limit: number; offset: number },
) {
  const where = sql`j.kind = ${kind} and ${inScope(sql`j.unit_id`, viewer)}`;
  const rows = await queryRows<JobRow>(
    db,
    sql`select ${COLUMNS} from ${FROM} where ${where} order by j.id desc limit ${page.limit} offset ${page.offset}`,
  );
  const [{ total }] = await queryRows<{ total: number }>(
    db,
    sql`select count(*)::int as total from import_jobs j join units u on u.id = j.unit_id where ${where}`,
  );
  return { rows, total };
}

/** The last finished import of the same file content, in the viewer's scope. */
export async function findPreviousImport(
  db: Db,
  viewer: Pick<Viewer, 'unitPath'>,
  job: Pick<JobRow, 'id' | 'kind' | 'fileSha256'>,
) {
  const [row] = await queryRows<{ jobId: number; at: Date | string; by: string }>(
    db,
    sql`select j.id as "jobId", j.finished_at as at, coalesce(a.display_name, a.username) as by
          from ${FROM}
         where j.kind = ${job.kind} and j.file_sha256 = ${job.fileSha256} and j.status = 'done'
           and j.id <> ${job.id} and ${inScope(sql`j.unit_id`, viewer)}
         order by j.id desc limit 1`,
  );
  return row ?? null;
}

export async function updateJob(
  db: Db,
  id: number,
  set: Partial<{
    status: ImportJobStatus;
    mode: 'add' | 'upsert';
    policy: 'all' | 'valid';
    progressDone: number;
    progressTotal: number | null;
    meta: JobMeta;
    counts: ImportCounts;
    result: { inserted: number; updated: number; skipped: number };
    error: string | null;
    finished: boolean;
  }>,
  onlyIfStatus?: ImportJobStatus[],
): Promise<boolean> {
  const parts: SQL[] = [sql`heartbeat_at = now()`];
  if (set.status !== undefined) parts.push(sql`status = ${set.status}`);
  if (set.mode !== undefined) parts.push(sql`mode = ${set.mode}`);
  if (set.policy !== undefined) parts.push(sql`policy = ${set.policy}`);
  if (set.progressDone !== undefined) parts.push(sql`progress_done = ${set.progressDone}`);
  if (set.progressTotal !== undefined) parts.push(sql`progress_total = ${set.progressTotal}`);
  if (set.meta !== undefined) parts.push(sql`meta = ${JSON.stringify(set.meta)}::jsonb`);
  if (set.counts !== undefined) parts.push(sql`counts = ${JSON.stringify(set.counts)}::jsonb`);
  if (set.result !== undefined) parts.push(sql`result = ${JSON.stringify(set.result)}::jsonb`);
  if (set.error !== undefined) parts.push(sql`error = ${set.error}`);
  if (set.finished) parts.push(sql`finished_at = now()`);
  const guard = onlyIfStatus?.length
    ? sql` and status in (${sql.join(
        onlyIfStatus.map((s) => sql`${s}`),
        sql`, `,
      )})`
    : sql``;
  const rows = await queryRows<{ id: number }>(
    db,
    sql`update import_jobs set ${sql.join(parts, sql`, `)} where id = ${id}${guard} returning id`,
  );
  return rows.length > 0;
}

/** Jobs whose worker died: analysis cannot resume (the file is gone), an import can be retried. */
export async function markStaleJobs(db: Db): Promise<void> {
  const stale = sql`heartbeat_at < now() - make_interval(secs => ${STALE_AFTER_SECONDS})`;
  await db.execute(
    sql`update import_jobs set status = 'failed', finished_at = now(),
               error = '检查表格时服务中断，请重新上传文件'
         where status = 'analysing' and ${stale}`,
  );
  await db.execute(
    sql`update import_jobs set status = 'interrupted',
               error = '导入时服务中断，未写入任何数据，可重新导入'
         where status = 'importing' and ${stale}`,
  );
}

export type StagedInsert = {
  rowNumber: number;
  action: ImportRowAction;
  messages: string[];
  warnings: number;
  label: string | null;
  matchKey: string | null;
  targetId: number | null;
  payload: unknown;
  rawEnc: string;
};

export async function insertStagedRows(db: Db, jobId: number, rows: StagedInsert[]): Promise<void> {
  if (rows.length === 0) return;
  const values = rows.map(
    (r) =>
      sql`(${jobId}, ${r.rowNumber}, ${r.action}, ${textArray(r.messages)}, ${r.warnings}, ${r.label},
           ${r.matchKey}, ${r.targetId}, ${r.payload === null ? null : JSON.stringify(r.payload)}::jsonb, ${r.rawEnc})`,
  );
  await db.execute(
    sql`insert into import_job_rows
          (job_id, row_number, action, messages, warnings, label, match_key, target_id, payload, raw_enc)
        values ${sql.join(values, sql`, `)}`,
  );
}

/**
 * A text[] parameter both drivers accept: one array literal (drizzle would spread a JS array into
 * a parameter list). Quoting every element keeps commas, braces and quotes in messages intact.
 */
function textArray(values: string[]): SQL {
  const quoted = values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`);
  return sql`${`{${quoted.join(',')}}`}::text[]`;
}

/**
 * The same person twice in one file: every occurrence after the first becomes an error naming the
 * first row. The part of match_key before '|' says what matched.
 */
export async function markInFileDuplicates(db: Db, jobId: number): Promise<void> {
  await db.execute(
    sql`with firsts as (
          select row_number, match_key,
                 min(row_number) over (partition by match_key) as first_row
            from import_job_rows
           where job_id = ${jobId} and match_key is not null and action <> 'error')
        update import_job_rows r
           set action = 'error', payload = null,
               messages = array_append(r.messages,
                 '第 ' || r.row_number || ' 行：与第 ' || f.first_row || ' 行是同一人（' ||
                 split_part(f.match_key, '|', 1) || '相同），本行不导入')
          from firsts f
         where r.job_id = ${jobId} and r.row_number = f.row_number and f.row_number <> f.first_row`,
  );
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

export async function markRowErrors(db: Db, jobId: number, rows: { rowNumber: number; message: string }[]) {
  for (const r of rows) {
    await db.execute(
      sql`update import_job_rows set action = 'error', payload = null,
                 messages = array_append(messages, ${r.message})
           where job_id = ${jobId} and row_number = ${r.rowNumber}`,
    );
  }
}

/** Staged rows of finished jobs older than the retention: the report is no longer offered. */
export async function purgeOldRows(db: Db, retentionDays: number): Promise<void> {
  await db.execute(
    sql`delete from import_job_rows where job_id in (
          select id from import_jobs
           where status in ('done', 'failed', 'cancelled')
             and coalesce(finished_at, created_at) < now() - make_interval(days => ${retentionDays}))`,
  );
}
