import type { FastifyInstance } from 'fastify';
import {
  deleteYouthAttachment,
  downloadYouthAttachment,
  listYouthAttachments,
  uploadYouthAttachment,
} from '../../../common/contracts/youth-attachments';
import { sendDownload } from '../../platform/http/download';
import { route } from '../../platform/http/route';
import * as service from './youth-attachments.service';

export function registerYouthAttachmentRoutes(app: FastifyInstance) {
  route(app, listYouthAttachments, async ({ params }, ctx) => ({
    items: await service.list(ctx, params.id),
  }));
  route(app, uploadYouthAttachment, ({ params, body, file }, ctx) =>
    service.upload(ctx, params.id, body, file),
  );
  route(app, downloadYouthAttachment, async ({ params }, ctx) => {
    const f = await service.download(ctx, params.id, params.attachmentId);
    return sendDownload(ctx.reply, { filename: f.filename, mime: f.mime, body: f.stream, size: f.size });
  });
  route(app, deleteYouthAttachment, ({ params }, ctx) => service.remove(ctx, params.id, params.attachmentId));
}
