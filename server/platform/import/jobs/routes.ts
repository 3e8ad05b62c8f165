import type { FastifyInstance } from 'fastify';
import type { ImportContracts } from '../../../../common/contracts/imports';
import { sendXlsx } from '../../excel/xlsx-writer';
import { route } from '../../http/route';
import * as service from './jobs.service';
import type { ImportKind, ImportScope } from './types';

/** The platform import flow's endpoints for one module's kind. */
export function registerImportRoutes(app: FastifyInstance, contracts: ImportContracts, kind: ImportKind) {
  route(app, contracts.template, async (_input, ctx) => {
    const unit = { id: ctx.viewer.unitId, name: '', path: ctx.viewer.unitPath };
    const scope: Omit<ImportScope, 'jobId'> = { ...ctx, unit };
    return sendXlsx(ctx.reply, `${kind.what}导入模板.xlsx`, await kind.template(scope));
  });
  route(app, contracts.start, ({ body, file }, ctx) =>
    service.startImport(ctx, kind, file, body?.unitId, ctx.reply.log),
  );
  route(app, contracts.list, ({ query }, ctx) => service.listJobs(ctx, kind, query, ctx.reply.log));
  route(app, contracts.get, ({ params }, ctx) => service.getJob(ctx, kind, params.id, ctx.reply.log));
  route(app, contracts.rows, ({ params, query }, ctx) =>
    service.listJobRows(ctx, kind, params.id, query, ctx.reply.log),
  );
  // Also 重新导入 of a job 已中断 during its import: the same staged rows, carrying on after the last chunk written.
  route(app, contracts.commit, ({ params, body }, ctx) =>
    service.commitImport(ctx, kind, params.id, body, ctx.reply.log),
  );
  route(app, contracts.cancel, ({ params }, ctx) =>
    service.cancelImport(ctx, kind, params.id, ctx.reply.log),
  );
  route(app, contracts.errorReport, async ({ params }, ctx) => {
    const { buffer, filename } = await service.errorReport(ctx, kind, params.id, ctx.reply.log);
    return sendXlsx(ctx.reply, filename, buffer);
  });
}
