import fs from 'node:fs';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'drizzle-orm';
import type { ImportJob, ImportRowAction } from '../../../../common/contracts/imports';
import { queryRows } from '../../../db/client';
import { assertUnitInScope } from '../../access/scope';
import { decryptField } from '../../crypto/field-crypto';
import { writeXlsx, type XlsxRow } from '../../excel/xlsx-writer';
import type { RequestContext } from '../../http/context';
import { AppError, badRequest, conflict, forbidden } from '../../http/errors';
import type { UploadedFile } from '../../http/upload';
import * as repo from './jobs.repo';
import { analyseFile, commitJob, runInBackground } from './runner';
import type { ImportKind, ImportScope } from './types';

type Ctx = Pick<RequestContext, 'db' | 'viewer' | 'keys' | 'config' | 'audit'>;

/** Staged rows (and with them the error report) are kept this long after a job ends. */
export const IMPORT_RETENTION_DAYS = 7;

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

async function present(ctx: Ctx, job: repo.JobRow): Promise<ImportJob> {
  const [previous, errorRows] = await Promise.all([
    repo.findPreviousImport(ctx.db, ctx.viewer, job),
    queryRows<{ n: number }>(
      ctx.db,
      sql`select count(*)::int as n from (select 1 from import_job_rows
           where job_id = ${job.id} and action = 'error' limit 1) e`,
    ),
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
    previousImport: previous
      ? { jobId: previous.jobId, at: new Date(previous.at).toISOString(), by: previous.by }
      : null,
    mode: job.mode,
    policy: job.policy,
    result: job.result,
    error: job.error,
    // Only the person who uploaded the file gets its rows back: they had them already.
    hasErrorReport: errorRows[0].n > 0 && job.createdBy === ctx.viewer.userId,
    createdBy: job.createdByName,
    createdAt: iso(job.createdAt)!,
    finishedAt: iso(job.finishedAt),
  };
}

/** Reads a job, first settling any whose worker died (a crash shows as 已中断, not as running forever). */
async function load(ctx: Ctx, kind: ImportKind, id: number) {
  const job = await repo.findJob(ctx.db, ctx.viewer, kind.kind, id);
  if (!job.stale || (job.status !== 'analysing' && job.status !== 'importing')) return job;
  await repo.markStaleJobs(ctx.db);
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

export async function startImport(
  ctx: Ctx,
  kind: ImportKind,
  file: UploadedFile,
  unitId: number | undefined,
  log: FastifyBaseLogger,
) {
  const unit = await targetUnit(ctx, unitId ?? ctx.viewer.unitId);
  await repo.purgeOldRows(ctx.db, IMPORT_RETENTION_DAYS);
  const jobId = await repo.insertJob(ctx.db, {
    kind: kind.kind,
    unitId: unit.id,
    createdBy: ctx.viewer.userId,
    fileName: file.filename,
    fileSize: file.size,
    sha256: file.sha256,
  });
  // The request's temporary file is removed when it ends; the job keeps its own until analysed.
  const kept = path.join(path.dirname(file.path), `import-${jobId}-${path.basename(file.path)}`);
  await fs.promises.rename(file.path, kept);
  runInBackground(
    () => analyseFile(kind, scopeOf(ctx, jobId, unit), { path: kept, name: file.filename }, log),
    log,
  );
  return present(ctx, await load(ctx, kind, jobId));
}

export async function getJob(ctx: Ctx, kind: ImportKind, id: number) {
  return present(ctx, await load(ctx, kind, id));
}

export async function listJobs(ctx: Ctx, kind: ImportKind, page: { page: number; pageSize: number }) {
  await repo.markStaleJobs(ctx.db);
  const { rows, total } = await repo.listJobs(ctx.db, ctx.viewer, kind.kind, {
    limit: page.pageSize,
    offset: (page.page - 1) * page.pageSize,
  });
  return { items: await Promise.all(rows.map((r) => present(ctx, r))), total, ...page };
}

export async function listJobRows(
  ctx: Ctx,
  kind: ImportKind,
  id: number,
  q: { action?: ImportRowAction; warningsOnly?: boolean; page: number; pageSize: number },
) {
  await load(ctx, kind, id);
  const { items, total } = await repo.listRows(ctx.db, id, {
    action: q.action,
    warningsOnly: q.warningsOnly,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return { items, total, page: q.page, pageSize: q.pageSize };
}

export async function commitImport(
  ctx: Ctx,
  kind: ImportKind,
  id: number,
  opts: { mode: 'add' | 'upsert'; policy: 'all' | 'valid' },
  log: FastifyBaseLogger,
) {
  const job = await load(ctx, kind, id);
  if (job.status !== 'ready' && job.status !== 'interrupted') {
    throw conflict(`该导入任务当前为“${job.status === 'done' ? '已完成' : '不可导入'}”状态，不能再次导入`);
  }
  const errors = job.counts.error ?? 0;
  if (opts.policy === 'all' && errors > 0) {
    throw badRequest(`有 ${errors} 行存在错误。请下载错误报告修改后重新上传，或选择“只导入无误的行”`);
  }
  const claimed = await repo.updateJob(
    ctx.db,
    id,
    { status: 'importing', mode: opts.mode, policy: opts.policy, error: null },
    ['ready', 'interrupted'],
  );
  if (!claimed) throw conflict('该导入任务已在进行中，请勿重复提交');
  const unit = { id: job.unitId, name: job.unitName, path: job.unitPath };
  runInBackground(() => commitJob(kind, scopeOf(ctx, id, unit), opts, log), log);
  return present(ctx, await load(ctx, kind, id));
}

export async function cancelImport(ctx: Ctx, kind: ImportKind, id: number) {
  await load(ctx, kind, id);
  const ok = await repo.updateJob(ctx.db, id, { status: 'cancelled', finished: true }, [
    'analysing',
    'ready',
    'interrupted',
  ]);
  if (!ok) throw conflict('该导入任务已完成或正在写入，不能取消');
  return present(ctx, await load(ctx, kind, id));
}

const REPORT_PAGE = 1000;

/** The error rows as uploaded, plus 错误原因: fix them in the report and upload it again. */
export async function errorReport(ctx: Ctx, kind: ImportKind, id: number) {
  const job = await load(ctx, kind, id);
  if (job.createdBy !== ctx.viewer.userId) throw forbidden('错误报告含原始数据，仅上传该文件的人可以下载');
  const headers = (job.meta.headers ?? []).map((h, i) => h || `第 ${i + 1} 列`);
  const rows: XlsxRow[] = [];
  let after = 0;
  for (;;) {
    const page = await repo.errorRowsAfter(ctx.db, id, after, REPORT_PAGE);
    for (const r of page) {
      const raw = r.rawEnc ? (JSON.parse(decryptField(ctx.keys, r.rawEnc)) as XlsxRow[string][]) : [];
      const row: XlsxRow = { rowNumber: r.rowNumber, reason: r.messages.join('；') };
      raw.forEach((v, i) => {
        row[`c${i}`] = v;
      });
      rows.push(row);
    }
    if (page.length < REPORT_PAGE) break;
    after = page[page.length - 1].rowNumber;
  }
  if (rows.length === 0) throw new AppError(404, 'not_found', '本次导入没有错误行，或错误报告已超过保留期限');
  const buffer = await writeXlsx({
    sheetName: '错误报告',
    columns: [
      { header: '原行号', key: 'rowNumber', width: 8 },
      ...headers.map((h, i) => ({
        header: h,
        key: `c${i}`,
        width: Math.min(30, Math.max(10, h.length * 2 + 4)),
      })),
      { header: '错误原因', key: 'reason', width: 60 },
    ],
    rows,
  });
  await ctx.audit({
    action: 'import.error_report_downloaded',
    targetType: 'import_job',
    targetId: id,
    targetLabel: job.fileName,
    detail: { kind: kind.kind, rows: rows.length },
  });
  return { buffer, filename: `错误报告-${job.fileName.replace(/\.(xlsx|csv|xlsm|xls)$/i, '')}.xlsx` };
}
