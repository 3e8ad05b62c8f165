import { findFileRow, openFileStream, storeFile } from '../../platform/files/file-store';
import { conflict, notFound } from '../../platform/http/errors';
import type { UploadedFile } from '../../platform/http/upload';
import * as files from './report-files.repo';
import { detail } from './report-submission-detail.service';
import * as repo from './report-submissions.repo';
import { assertEditable } from './report-transition';
import type { ReportCtx } from './reports.context';

/** Enough for a case's photos and materials; a report is not an archive. */
const MAX_FILES_PER_SUBMISSION = 20;

/**
 * Pictures and documents sent with a report, in the platform file store. Scope first, so someone
 * outside it learns nothing; only the unit filling the report attaches or removes, and only before it
 * is submitted. Attaching does not bump the version, so the open form can still be saved.
 */
export async function upload(ctx: ReportCtx, id: number, file: UploadedFile) {
  assertEditable(ctx.viewer, await repo.findSubmission(ctx.db, ctx.viewer, id));
  await storeFile(
    ctx,
    file,
    async (tx) => {
      const s = await repo.findSubmission(tx, ctx.viewer, id, true);
      assertEditable(ctx.viewer, s);
      if ((await files.fileCount(tx, id)) >= MAX_FILES_PER_SUBMISSION) {
        throw conflict(`每份报告最多 ${MAX_FILES_PER_SUBMISSION} 个附件，请先删除不需要的附件`);
      }
      return { unitId: s.unitId, createdBy: ctx.viewer.userId };
    },
    async (tx, stored) => {
      const s = await repo.findSubmission(tx, ctx.viewer, id);
      await files.link(tx, id, stored.id);
      await repo.markDraft(tx, id);
      await ctx.audit(
        {
          action: 'report.file_uploaded',
          targetType: 'report_submission',
          targetId: id,
          targetLabel: `${s.collection.title} — ${s.unitName}`,
          detail: { fileId: stored.id, fileName: stored.name, size: stored.size },
        },
        tx,
      );
    },
  );
  return detail(ctx, id);
}

export async function download(ctx: ReportCtx, id: number, fileId: number) {
  const s = await repo.findSubmission(ctx.db, ctx.viewer, id);
  const row = (await files.isLinked(ctx.db, id, fileId)) ? await findFileRow(ctx.db, fileId) : undefined;
  if (!row) throw notFound('附件');
  const stream = await openFileStream(ctx, row);
  await ctx.audit({
    action: 'report.file_downloaded',
    targetType: 'report_submission',
    targetId: id,
    targetLabel: `${s.collection.title} — ${s.unitName}`,
    detail: { fileId, fileName: row.name },
  });
  return { stream, filename: row.name, mime: row.mime, size: Number(row.size) };
}

/** Unlinks the file from the report; the stored file stays for the audit trail and backups. */
export async function remove(ctx: ReportCtx, id: number, fileId: number) {
  await ctx.db.transaction(async (tx) => {
    const s = await repo.findSubmission(tx, ctx.viewer, id, true);
    assertEditable(ctx.viewer, s);
    const name = await files.unlink(tx, id, fileId);
    if (name === null) throw notFound('附件');
    await ctx.audit(
      {
        action: 'report.file_deleted',
        targetType: 'report_submission',
        targetId: id,
        targetLabel: `${s.collection.title} — ${s.unitName}`,
        detail: { fileId, fileName: name },
      },
      tx,
    );
  });
  return { ok: true as const };
}
