import type { EventFile } from '../../../common/contracts/events';
import type { RequestContext } from '../../platform/http/context';
import type { UploadedFile } from '../../platform/http/upload';
import { AppError, notFound } from '../../platform/http/errors';
import { openFileStream, storeFile } from '../../platform/files/file-store';
import * as repo from './events.repo';

/** 照片与纪要: images, PDF or Word documents of an event, in the platform file store. */

type Ctx = Pick<RequestContext, 'db' | 'viewer' | 'audit' | 'keys' | 'config'>;

const EVENT_MIMES = [
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'application/pdf',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
];

export function presentFile(r: repo.EventFileRow): EventFile {
  return {
    id: r.id,
    kind: r.kind,
    fileName: r.fileName,
    mime: r.mime,
    size: Number(r.size),
    uploadedBy: r.uploadedBy,
    createdAt: (r.createdAt instanceof Date ? r.createdAt : new Date(r.createdAt)).toISOString(),
  };
}

/**
 * Scope first (outside it nothing is learnt), then the store checks the type by content; an allowed
 * type that is not an image, PDF or Word document (a spreadsheet…) is refused before anything commits.
 */
export async function upload(ctx: Ctx, eventId: number, kind: string, file: UploadedFile) {
  await repo.findEventRow(ctx.db, ctx.viewer, eventId);
  let title = '';
  const id = await storeFile(
    ctx,
    file,
    async (tx) => {
      const e = await repo.lockEvent(tx, ctx.viewer, eventId);
      title = e.title;
      return { unitId: e.unitId, createdBy: ctx.viewer.userId };
    },
    async (tx, stored) => {
      if (!EVENT_MIMES.includes(stored.mime)) {
        throw new AppError(
          415,
          'unsupported_file_type',
          '活动文件只能是照片（JPG、PNG、GIF、WebP）、PDF 或 Word 文档',
        );
      }
      const fileId = await repo.insertFile(tx, {
        eventId,
        fileId: stored.id,
        kind,
        createdBy: ctx.viewer.userId,
      });
      await repo.touchEvent(tx, eventId);
      await ctx.audit(
        {
          action: 'event.file_uploaded',
          targetType: 'event',
          targetId: eventId,
          targetLabel: title,
          detail: { fileId, kind, fileName: stored.name, size: stored.size },
        },
        tx,
      );
      return fileId;
    },
  );
  return presentFile(await repo.findFile(ctx.db, eventId, id));
}

export async function download(ctx: Ctx, eventId: number, fileId: number) {
  const event = await repo.findEventRow(ctx.db, ctx.viewer, eventId);
  const row = await repo.findFile(ctx.db, eventId, fileId);
  const stream = await openFileStream(ctx, row);
  await ctx.audit({
    action: 'event.file_downloaded',
    targetType: 'event',
    targetId: eventId,
    targetLabel: event.title,
    detail: { fileId, fileName: row.fileName },
  });
  return { stream, filename: row.fileName, mime: row.mime, size: Number(row.size) };
}

export async function remove(ctx: Ctx, eventId: number, fileId: number) {
  await ctx.db.transaction(async (tx) => {
    const event = await repo.lockEvent(tx, ctx.viewer, eventId);
    const row = await repo.findFile(tx, eventId, fileId);
    if (!(await repo.markFileDeleted(tx, eventId, fileId))) throw notFound('活动文件');
    await repo.touchEvent(tx, eventId);
    await ctx.audit(
      {
        action: 'event.file_deleted',
        targetType: 'event',
        targetId: eventId,
        targetLabel: event.title,
        detail: { fileId, kind: row.kind, fileName: row.fileName },
      },
      tx,
    );
  });
  return { ok: true as const };
}
