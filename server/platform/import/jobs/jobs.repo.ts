import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../../db/client';
import type { ImportCounts, ImportJobStatus } from '../../../../common/contracts/imports';
import { inScope } from '../../access/scope';
import type { Viewer } from '../../access/viewer';
import { notFound } from '../../http/errors';
import type { JobSheet } from './sheets';

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
  /** The process instance running the job's worker (analysis or import), null when none is. */
  owner: string | null;
  /** The worker has not reported for a while: it died with its process. */
  stale: boolean;
  createdAt: Date | string;
  finishedAt: Date | string | null;
};

export type JobMeta = {
  headers?: string[];
  /** Worksheets of a workbook with more than one visible sheet: read, skipped with the reason, or excluded. */
  sheets?: JobSheet[];
  matched?: { header: string; label: string }[];
  ignored?: string[];
  missing?: string[];
  sheetInfo?: string[];
  /** An import under way or interrupted: the chunks written so far, each saved with its rows. */
  commit?: CommitProgress;
};

/** Every staged row up to `through` (a row number) is written; counts of what was. */
export type CommitProgress = { through: number; inserted: number; updated: number };

/**
 * A job owned by another process that has not been touched for this long has lost its worker: the
 * owner writes a heartbeat every 5 s while it works, whatever the work is doing.
 */
export const STALE_AFTER_SECONDS = 30;

const COLUMNS = sql`j.id, j.kind, j.unit_id as "unitId", u.name as "unitName", u.path as "unitPath",
  j.created_by as "createdBy", coalesce(a.display_name, a.username) as "createdByName", j.file_name as "fileName",
  j.file_sha256 as "fileSha256", j.status, j.mode, j.policy, j.progress_done as "progressDone",
  j.progress_total as "progressTotal", j.meta, j.counts, j.result, j.error,
  j.owner, (j.heartbeat_at < now() - make_interval(secs => ${STALE_AFTER_SECONDS})) as stale,
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
    /** The process that will analyse it (INSTANCE_ID). */
    owner?: string;
  },
): Promise<number> {
  const [row] = await queryRows<{ id: number }>(
    db,
    sql`insert into import_jobs (kind, unit_id, created_by, file_name, file_size, file_sha256, owner)
        values (${job.kind}, ${job.unitId}, ${job.createdBy}, ${job.fileName}, ${job.fileSize}, ${job.sha256},
                ${job.owner ?? null})
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

export async function jobMeta(db: Db, id: number): Promise<JobMeta> {
  const [row] = await queryRows<{ meta: JobMeta }>(db, sql`select meta from import_jobs where id = ${id}`);
  return row?.meta ?? {};
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
    owner: string | null;
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
  if (set.owner !== undefined) parts.push(sql`owner = ${set.owner}`);
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

const ANALYSIS_DIED = '检查表格时服务中断，请重新上传文件';
const IMPORT_DIED = '导入时服务中断，未写入任何数据，可重新导入';

/** Records how far the import got, in the transaction that wrote the chunk. */
export async function saveCommitProgress(db: Db, id: number, progress: CommitProgress): Promise<void> {
  await db.execute(
    sql`update import_jobs set meta = jsonb_set(meta, '{commit}', ${JSON.stringify(progress)}::jsonb),
               heartbeat_at = now()
         where id = ${id}`,
  );
}

/**
 * Settles jobs whose worker is gone: analysis cannot resume (the file went with it) and fails; an
 * import keeps the chunks it wrote and becomes 已中断, to carry on from the staged rows.
 * `which` picks the dead: every running job (the embedded database has one process, so at start
 * none is alive), or those gone quiet for STALE_AFTER_SECONDS, never one this process is running
 * (a long statement on the embedded database may hold its heartbeat back).
 * Returns the analyses that failed, whose staged rows the caller deletes.
 */
export async function settleDeadJobs(
  db: Db,
  which: { all: true } | { self: string; alive: Iterable<number> },
): Promise<number[]> {
  const dead =
    'all' in which
      ? sql`true`
      : sql`heartbeat_at < now() - make_interval(secs => ${STALE_AFTER_SECONDS})
             and not (coalesce(owner, '') = ${which.self}
                      and id = any(select jsonb_array_elements_text(${JSON.stringify([...which.alive])}::jsonb)::int))`;
  const failed = await queryRows<{ id: number }>(
    db,
    sql`update import_jobs set status = 'failed', finished_at = now(), owner = null, error = ${ANALYSIS_DIED}
         where status = 'analysing' and (${dead}) returning id`,
  );
  await db.execute(
    sql`update import_jobs set status = 'interrupted', owner = null,
               error = case when meta ? 'commit'
                 then '导入时服务中断，已写入 ' || ((meta->'commit'->>'inserted')::int + (meta->'commit'->>'updated')::int)
                      || ' 行，重新导入将从中断处继续，已写入的行不会重复写入'
                 else ${IMPORT_DIED} end
         where status = 'importing' and (${dead})`,
  );
  return failed.map((r) => r.id);
}

/**
 * Jobs past the retention: finished ones lose the error rows their report was made of; one left
 * waiting (检查完毕未确认, 已中断) is given up, its staged rows with it. Returns the jobs to empty.
 */
export async function expireJobs(db: Db, retentionDays: number): Promise<number[]> {
  const old = sql`coalesce(finished_at, created_at) < now() - make_interval(days => ${retentionDays})`;
  const abandoned = await queryRows<{ id: number }>(
    db,
    sql`update import_jobs set status = 'cancelled', finished_at = now(), owner = null,
               error = ${`超过 ${retentionDays} 天未确认导入，已自动放弃；如仍需导入，请重新上传`}
         where status in ('ready', 'interrupted') and created_at < now() - make_interval(days => ${retentionDays})
         returning id`,
  );
  const finished = await queryRows<{ id: number }>(
    db,
    sql`select j.id from import_jobs j
         where j.status in ('done', 'failed', 'cancelled') and ${old}
           and exists (select 1 from import_job_rows r where r.job_id = j.id)`,
  );
  return [...abandoned, ...finished].map((r) => r.id);
}
