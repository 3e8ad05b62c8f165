import { STEP_LABELS } from '../../../common/contracts/federation';
import { findFileRow, openFileStream, storeFile } from '../../platform/files/file-store';
import type { UploadedFile } from '../../platform/http/upload';
import { conflict, notFound } from '../../platform/http/errors';
import * as repo from './federation.repo';
import { detail, type FederationCtx } from './federation.service';

/**
 * A step's document (推荐函、申请书、审查意见、会议纪要、退出决定…) in the platform file store. Scope
 * first, so someone outside it learns nothing; a new upload replaces the one shown (the old file stays).
 */
export async function uploadStepDocument(ctx: FederationCtx, id: number, stepId: number, file: UploadedFile) {
  await repo.findMember(ctx.db, ctx.viewer, id);
  await repo.findStep(ctx.db, id, stepId);
  await storeFile(
    ctx,
    file,
    async (tx) => {
      const m = await repo.lockMember(tx, ctx.viewer, id);
      return { unitId: m.unitId, createdBy: ctx.viewer.userId };
    },
    async (tx, stored) => {
      const m = await repo.lockMember(tx, ctx.viewer, id);
      const step = await repo.findStep(tx, id, stepId);
      if (step.step === 'league') throw conflict('共青团的会员记录没有程序文件');
      await repo.setStepFile(tx, stepId, stored.id);
      await ctx.audit(
        {
          action: 'federation.document_uploaded',
          targetType: 'federation_member',
          targetId: id,
          targetLabel: m.name,
          detail: {
            stepId,
            step: STEP_LABELS[step.step] ?? step.step,
            fileId: stored.id,
            fileName: stored.name,
            replaced: step.fileId,
          },
        },
        tx,
      );
    },
  );
  return detail(ctx, id);
}

export async function downloadStepDocument(ctx: FederationCtx, id: number, stepId: number) {
  const m = await repo.findMember(ctx.db, ctx.viewer, id);
  const step = await repo.findStep(ctx.db, id, stepId);
  const row = step.fileId ? await findFileRow(ctx.db, step.fileId) : undefined;
  if (!row) throw notFound('程序文件');
  const stream = await openFileStream(ctx, row);
  await ctx.audit({
    action: 'federation.document_downloaded',
    targetType: 'federation_member',
    targetId: id,
    targetLabel: m.name,
    detail: { stepId, fileId: row.id, fileName: row.name },
  });
  return { stream, filename: row.name, mime: row.mime, size: Number(row.size) };
}
