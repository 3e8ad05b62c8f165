import type { z } from 'zod';
import type { uploadYouthAttachment, YouthAttachment } from '../../../common/contracts/youth-attachments';
import type { RequestContext } from '../../platform/http/context';
import type { UploadedFile } from '../../platform/http/upload';
import { notFound } from '../../platform/http/errors';
import { openFileStream, storeFile } from '../../platform/files/file-store';
import { iso } from './youth.present';
import * as repo from './youth.repo';
import * as att from './youth-attachments.repo';

type Ctx = Pick<RequestContext, 'db' | 'viewer' | 'audit' | 'keys' | 'config'>;
type UploadBody = z.output<NonNullable<(typeof uploadYouthAttachment)['body']>>;

export function presentAttachment(r: att.AttachmentRow): YouthAttachment {
  return {
    id: r.id,
    youthId: r.youthId,
    kind: r.kind,
    note: r.note,
    fileName: r.fileName,
    mime: r.mime,
    size: Number(r.size),
    uploadedBy: r.uploadedBy,
    unit: { id: r.unitId, name: r.unitName },
    createdAt: iso(r.createdAt)!,
  };
}

export async function list(ctx: Ctx, youthId: number) {
  await att.findYouthInScope(ctx.db, ctx.viewer, youthId);
  return (await att.listAttachmentRows(ctx.db, youthId)).map(presentAttachment);
}

/**
 * Scope first (someone outside it learns nothing, not even whether the file type would pass), then
 * the store checks and encrypts the file; the file row, the attachment and the audit commit together.
 */
export async function upload(ctx: Ctx, youthId: number, body: UploadBody, file: UploadedFile) {
  await att.findYouthInScope(ctx.db, ctx.viewer, youthId);
  let name = '';
  const attachmentId = await storeFile(
    ctx,
    file,
    async (tx) => {
      const y = await repo.lockYouth(tx, ctx.viewer, youthId);
      name = y.name;
      return { unitId: y.unitId, createdBy: ctx.viewer.userId };
    },
    async (tx, stored) => {
      const id = await att.insertAttachment(tx, {
        youthId,
        fileId: stored.id,
        unitId: stored.unitId,
        kind: body.kind,
        note: body.note,
        createdBy: ctx.viewer.userId,
      });
      await ctx.audit(
        {
          action: 'youth.attachment_uploaded',
          targetType: 'youth',
          targetId: youthId,
          targetLabel: name,
          detail: { attachmentId: id, kind: body.kind, fileName: stored.name, size: stored.size },
        },
        tx,
      );
      return id;
    },
  );
  return presentAttachment(await att.findAttachmentRow(ctx.db, youthId, attachmentId));
}

/** The decrypted file as a stream, after the scope check; the download is audited before it is sent. */
export async function download(ctx: Ctx, youthId: number, attachmentId: number) {
  const y = await att.findYouthInScope(ctx.db, ctx.viewer, youthId);
  const row = await att.findAttachmentRow(ctx.db, youthId, attachmentId);
  const stream = await openFileStream(ctx, row);
  await ctx.audit({
    action: 'youth.attachment_downloaded',
    targetType: 'youth',
    targetId: youthId,
    targetLabel: y.name,
    detail: { attachmentId, fileName: row.fileName },
  });
  return { stream, filename: row.fileName, mime: row.mime, size: Number(row.size) };
}

export async function remove(ctx: Ctx, youthId: number, attachmentId: number) {
  await ctx.db.transaction(async (tx) => {
    const y = await att.findYouthInScope(tx, ctx.viewer, youthId);
    const row = await att.findAttachmentRow(tx, youthId, attachmentId);
    if (!(await att.markAttachmentDeleted(tx, attachmentId, ctx.viewer.userId))) throw notFound('附件');
    await ctx.audit(
      {
        action: 'youth.attachment_deleted',
        targetType: 'youth',
        targetId: youthId,
        targetLabel: y.name,
        detail: { attachmentId, kind: row.kind, fileName: row.fileName },
      },
      tx,
    );
  });
  return { ok: true as const };
}
