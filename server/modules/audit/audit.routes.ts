import type { FastifyInstance } from 'fastify';
import { exportAudit, listAudit } from '../../../common/contracts/audit';
import { route } from '../../platform/http/route';
import { sendXlsx } from '../../platform/excel/xlsx-writer';
import { exportAuditEntries, listAuditEntries } from './audit.service';

export function registerAuditRoutes(app: FastifyInstance) {
  route(app, listAudit, async ({ query }, ctx) => listAuditEntries(ctx, query));

  route(app, exportAudit, async ({ query }, ctx) => {
    const { buffer, filename } = await exportAuditEntries(ctx, query);
    return sendXlsx(ctx.reply, filename, buffer);
  });
}
