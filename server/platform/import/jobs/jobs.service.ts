import fs from 'node:fs';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'drizzle-orm';
import type { ImportJob, ImportRowAction } from '../../../../common/contracts/imports';
import { queryRows, type Db } from '../../../db/client';
import { assertUnitInScope } from '../../access/scope';
import type { RequestContext } from '../../http/context';
import { AppError, badRequest, conflict, forbidden } from '../../http/errors';
import type { UploadedFile } from '../../http/upload';
import { dropStaging, INSTANCE_ID, runInBackground, runningJobs } from './background';
import { commitJob } from './commit-job';
import { writeErrorReport } from './error-report';
import * as repo from './jobs.repo';
import * as rows from './rows.repo';
import { analyseFile } from './runner';
import { RowNamer, rowNumberOf, sheetLabel } from './sheets';
import type { ImportKind, ImportScope } from './types';

type Ctx = Pick<RequestContext, 'db' | 'viewer' | 'keys' | 'config' | 'audit'>;

/** Staged rows (and with them the error report) are kept this long after a job ends. */
export const IMPORT_RETENTION_DAYS = 7;

/** States in which a job has its error rows to offer; cancelled and failed jobs keep none. */
const REPORTING = new Set<ImportJob['status']>(['ready', 'importing', 'interrupted', 'done']);

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

async function present(ctx: Ctx, job: repo.JobRow): Promise<ImportJob> {
  const [previous, errorRows] = await Promise.all([
    repo.findPreviousImport(ctx.db, ctx.viewer, job),
    rows.hasErrorRows(ctx.db, job.id),
  ]);
  const c = job.counts;
  return {
    id: job.id,
    kind: job.kind,
    unit: { id: job.unitId, name: job.unitName },
    fileName: job.fileName,
    status: job.status,
    progress: { done: job.progressDone, total: job.progressTotal },
    counts:
      c.total === undefined
        ? null
        : {
            total: c.total,
            new: c.new ?? 0,
            update: c.update ?? 0,
            duplicate: c.duplicate ?? 0,
            error: c.error ?? 0,
            warning: c.warning ?? 0,
          },
    columns: {
      matched: job.meta.matched ?? [],
      ignored: job.meta.ignored ?? [],
      missing: job.meta.missing ?? [],
    },
    sheetInfo: job.meta.sheetInfo ?? [],
    sheets: (job.meta.sheets ?? []).map((s) => ({
      ordinal: s.ordinal,
      name: s.name,
      label: sheetLabel(s),
      approxRows: s.approxRows,
      read: s.read,
      note: s.note ?? null,
      dataRows: s.dataRows ?? 0,
      errors: s.errors ?? 0,
      excluded: s.excluded ?? false,
    })),
    previousImport: previous
      ? { jobId: previous.jobId, at: new Date(previous.at).toISOString(), by: previous.by }
      : null,
    mode: job.mode,
    policy: job.policy,
    result: job.result,
    error: job.error,
    canRetry: job.status === 'interrupted',
    // Only the person who uploaded the file gets its rows back: they had them already.
    hasErrorReport: errorRows && REPORTING.has(job.status) && job.createdBy === ctx.viewer.userId,
    createdBy: job.createdByName,
    createdAt: iso(job.createdAt)!,
    finishedAt: iso(job.finishedAt),
  };
}

const isRunning = (job: repo.JobRow) => job.status === 'analysing' || job.status === 'importing';

/** Settles the jobs whose worker has gone quiet (never this process's own); a failed analysis's rows go. */
export async function settleDead(db: Db, log: FastifyBaseLogger, all = false) {
  const failed = await repo.settleDeadJobs(
    db,
    all ? { all: true } : { self: INSTANCE_ID, alive: runningJobs() },
  );
  for (const jobId of failed) dropStaging({ db, jobId }, false, log);
}

/** Reads a job, first settling it if its worker died (a crash shows as 已中断, not as running forever). */
async function load(ctx: Ctx, kind: ImportKind, id: number, log: FastifyBaseLogger) {
  const job = await repo.findJob(ctx.db, ctx.viewer, kind.kind, id);
  if (!isRunning(job)) return job;
  if (!job.stale || (job.owner === INSTANCE_ID && runningJobs().has(job.id))) return job;
  await settleDead(ctx.db, log);
  return repo.findJob(ctx.db, ctx.viewer, kind.kind, id);
}

function scopeOf(ctx: Ctx, jobId: number, unit: ImportScope['unit']): ImportScope {
  return { db: ctx.db, keys: ctx.keys, config: ctx.config, viewer: ctx.viewer, jobId, unit };
}

async function targetUnit(ctx: Ctx, unitId: number): Promise<ImportScope['unit']> {
  const unitPath = await assertUnitInScope(ctx.db, unitId, ctx.viewer);
  const [row] = await queryRows<{ name: string }>(ctx.db, sql`select name from units where id = ${unitId}`);
  return { id: unitId, name: row.name, path: unitPath };
}

/** Past the retention, a finished job's report and a waiting job's staged rows go. */
async function expire(ctx: Ctx, log: FastifyBaseLogger) {
  for (const jobId of await repo.expireJobs(ctx.db, IMPORT_RETENTION_DAYS)) {
    dropStaging({ db: ctx.db, jobId }, false, log);
  }
}

export async function startImport(
  ctx: Ctx,
  kind: ImportKind,
  file: UploadedFile,
  unitId: number | undefined,
  log: FastifyBaseLogger,
) {
  const unit = await targetUnit(ctx, unitId ?? ctx.viewer.unitId);
  await expire(ctx, log);
  const jobId = await repo.insertJob(ctx.db, {
    kind: kind.kind,
    unitId: unit.id,
    createdBy: ctx.viewer.userId,
    fileName: file.filename,
    fileSize: file.size,
    sha256: file.sha256,
    owner: INSTANCE_ID,
  });
  // The request's temporary file is removed when it ends; the job keeps its own until analysed.
  const kept = path.join(path.dirname(file.path), `import-${jobId}-${path.basename(file.path)}`);
  await fs.promises.rename(file.path, kept);
  runInBackground(
    () => analyseFile(kind, scopeOf(ctx, jobId, unit), { path: kept, name: file.filename }, log),
    log,
  );
  return present(ctx, await load(ctx, kind, jobId, log));
}

export async function getJob(ctx: Ctx, kind: ImportKind, id: number, log: FastifyBaseLogger) {
  return present(ctx, await load(ctx, kind, id, log));
}

export async function listJobs(
  ctx: Ctx,
  kind: ImportKind,
  page: { page: number; pageSize: number },
  log: FastifyBaseLogger,
) {
  await settleDead(ctx.db, log);
  const { rows: jobs, total } = await repo.listJobs(ctx.db, ctx.viewer, kind.kind, {
    limit: page.pageSize,
    offset: (page.page - 1) * page.pageSize,
  });
  return { items: await Promise.all(jobs.map((r) => present(ctx, r))), total, ...page };
}

export async function listJobRows(
  ctx: Ctx,
  kind: ImportKind,
  id: number,
  q: { action?: ImportRowAction; warningsOnly?: boolean; page: number; pageSize: number },
  log: FastifyBaseLogger,
) {
  const job = await load(ctx, kind, id, log);
  const namer = new RowNamer(job.meta.sheets);
  const { items, total } = await rows.listRows(ctx.db, id, {
    action: q.action,
    warningsOnly: q.warningsOnly,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return {
    items: items.map((r) => ({
      ...r,
      key: r.rowNumber,
      rowNumber: rowNumberOf(r.rowNumber),
      sheet: namer.sheetName(r.rowNumber),
      messages: r.messages.map((m) => namer.rewrite(m)),
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function commitImport(
  ctx: Ctx,
  kind: ImportKind,
  id: number,
  opts: { mode: 'add' | 'upsert'; policy: 'all' | 'valid'; sheets?: number[] },
  log: FastifyBaseLogger,
) {
  const job = await load(ctx, kind, id, log);
  if (job.status !== 'ready' && job.status !== 'interrupted') {
    throw conflict(`该导入任务当前为“${job.status === 'done' ? '已完成' : '不可导入'}”状态，不能再次导入`);
  }
  const sheets = job.meta.sheets ?? [];
  if (opts.sheets) {
    const readable = new Set(sheets.filter((s) => s.read).map((s) => s.ordinal));
    if (opts.sheets.some((o) => !readable.has(o))) {
      throw badRequest('所选的工作表不在本次检查读取的工作表之中，请重新选择');
    }
  }
  const errors = opts.sheets
    ? sheets.filter((s) => opts.sheets!.includes(s.ordinal)).reduce((n, s) => n + (s.errors ?? 0), 0)
    : (job.counts.error ?? 0);
  if (opts.policy === 'all' && errors > 0) {
    throw badRequest(`有 ${errors} 行存在错误。请下载错误报告修改后重新上传，或选择“只导入无误的行”`);
  }
  const claimed = await repo.updateJob(
    ctx.db,
    id,
    { status: 'importing', mode: opts.mode, policy: opts.policy, error: null, owner: INSTANCE_ID },
    ['ready', 'interrupted'],
  );
  if (!claimed) throw conflict('该导入任务已在进行中，请勿重复提交');
  const unit = { id: job.unitId, name: job.unitName, path: job.unitPath };
  runInBackground(() => commitJob(kind, scopeOf(ctx, id, unit), opts, log, sheets), log);
  return present(ctx, await load(ctx, kind, id, log));
}

/** Gives the job up; its staged rows are deleted (a running analysis stops at its next batch). */
export async function cancelImport(ctx: Ctx, kind: ImportKind, id: number, log: FastifyBaseLogger) {
  await load(ctx, kind, id, log);
  const ok = await repo.updateJob(ctx.db, id, { status: 'cancelled', finished: true }, [
    'analysing',
    'ready',
    'interrupted',
  ]);
  if (!ok) throw conflict('该导入任务已完成或正在写入，不能取消');
  dropStaging({ db: ctx.db, jobId: id }, false, log);
  return present(ctx, await load(ctx, kind, id, log));
}

/** The error rows as uploaded, plus 错误原因: fix them in the report and upload it again. */
export async function errorReport(ctx: Ctx, kind: ImportKind, id: number, log: FastifyBaseLogger) {
  const job = await load(ctx, kind, id, log);
  if (job.createdBy !== ctx.viewer.userId) throw forbidden('错误报告含原始数据，仅上传该文件的人可以下载');
  if (!REPORTING.has(job.status)) throw new AppError(404, 'not_found', '本次导入已取消或失败，没有错误报告');
  const { buffer, rows: written } = await writeErrorReport(ctx.db, ctx.keys, {
    id,
    headers: job.meta.headers ?? [],
    sheets: job.meta.sheets,
  });
  if (written === 0) throw new AppError(404, 'not_found', '本次导入没有错误行，或错误报告已超过保留期限');
  await ctx.audit({
    action: 'import.error_report_downloaded',
    targetType: 'import_job',
    targetId: id,
    targetLabel: job.fileName,
    detail: { kind: kind.kind, rows: written },
  });
  return { buffer, filename: `错误报告-${job.fileName.replace(/\.(xlsx|csv|xlsm|xls)$/i, '')}.xlsx` };
}
