import type { RequestContext } from '../../platform/http/context';
import type { UploadedFile } from '../../platform/http/upload';
import { findFileRow, openFileStream, storeFile } from '../../platform/files/file-store';
import { conflict, notFound } from '../../platform/http/errors';
import * as repo from './mentors-pairings.repo';
import { detail } from './mentors-pairings.service';

type Ctx = Pick<RequestContext, 'db' | 'viewer' | 'audit' | 'keys' | 'config'>;

/**
 * The signed 指导协议 in the platform file store. Scope first (someone outside it learns nothing),
 * then the store checks the type by content and encrypts; the file row, the pairing's link, its
 * history row and the audit commit together. A new upload replaces the one shown (the old file stays).
 */
export async function uploadAgreement(ctx: Ctx, id: number, file: UploadedFile) {
  await repo.findPairing(ctx.db, ctx.viewer, id);
  await storeFile(
    ctx,
    file,
    async (tx) => {
      const p = await repo.lockPairing(tx, ctx.viewer, id);
      if (p.status === 'completed' || p.status === 'terminated') {
        throw conflict('该结对已结束，不能再上传指导协议');
      }
      return { unitId: p.unitId, createdBy: ctx.viewer.userId };
    },
    async (tx, stored) => {
      const p = await repo.lockPairing(tx, ctx.viewer, id);
      await repo.updatePairingAtVersion(tx, id, p.version, { agreementFileId: stored.id });
      await repo.insertEvent(tx, {
        pairingId: id,
        event: 'agreement',
        note: stored.name,
        byUser: ctx.viewer.userId,
      });
      await ctx.audit(
        {
          action: 'mentor.agreement_uploaded',
          targetType: 'mentor_pairing',
          targetId: id,
          targetLabel: p.label,
          detail: {
            fileId: stored.id,
            fileName: stored.name,
            size: stored.size,
            replaced: p.agreementFileId,
          },
        },
        tx,
      );
    },
  );
  return detail(ctx, id);
}

export async function downloadAgreement(ctx: Ctx, id: number) {
  const p = await repo.findPairing(ctx.db, ctx.viewer, id);
  const row = p.agreementFileId ? await findFileRow(ctx.db, p.agreementFileId) : undefined;
  if (!row) throw notFound('指导协议');
  const stream = await openFileStream(ctx, row);
  await ctx.audit({
    action: 'mentor.agreement_downloaded',
    targetType: 'mentor_pairing',
    targetId: id,
    targetLabel: `${p.mentorName} — ${p.youthName}`,
    detail: { fileId: row.id, fileName: row.name },
  });
  return { stream, filename: row.name, mime: row.mime, size: Number(row.size) };
}
