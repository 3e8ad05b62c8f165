import type { FastifyInstance } from 'fastify';
import {
  advanceMember,
  createMember,
  downloadStepDocument,
  exitMember,
  getMember,
  listMembers,
  reviewMember,
  societyOptions,
  uploadStepDocument,
} from '../../../common/contracts/federation';
import {
  coverageSupervision,
  exportSupervision,
  getCoverageTargets,
  setCoverageTargets,
} from '../../../common/contracts/federation-coverage';
import { sendXlsx } from '../../platform/excel/xlsx-writer';
import { sendDownload } from '../../platform/http/download';
import { route } from '../../platform/http/route';
import * as coverage from './federation-coverage.service';
import * as documents from './federation-documents.service';
import * as members from './federation.service';

export function registerFederationRoutes(app: FastifyInstance) {
  route(app, listMembers, ({ query }, ctx) => members.list(ctx, query));
  route(app, societyOptions, ({ query }, ctx) => members.societyOptions(ctx, query.q));
  route(app, createMember, ({ body }, ctx) => members.create(ctx, body));
  route(app, getMember, ({ params }, ctx) => members.detail(ctx, params.id));
  route(app, advanceMember, ({ params, body }, ctx) => members.advance(ctx, params.id, body));
  route(app, reviewMember, ({ params, body }, ctx) => members.review(ctx, params.id, body));
  route(app, exitMember, ({ params, body }, ctx) => members.exit(ctx, params.id, body));
  route(app, uploadStepDocument, ({ params, file }, ctx) =>
    documents.uploadStepDocument(ctx, params.id, params.stepId, file),
  );
  route(app, downloadStepDocument, async ({ params }, ctx) => {
    const f = await documents.downloadStepDocument(ctx, params.id, params.stepId);
    return sendDownload(ctx.reply, { filename: f.filename, mime: f.mime, body: f.stream, size: f.size });
  });

  route(app, getCoverageTargets, ({ query }, ctx) => coverage.getTargets(ctx, query.provinceId));
  route(app, setCoverageTargets, ({ params, body }, ctx) =>
    coverage.setTargets(ctx, params.provinceId, body),
  );
  route(app, coverageSupervision, ({ query }, ctx) => coverage.supervision(ctx, query));
  route(app, exportSupervision, async ({ query }, ctx) => {
    const { buffer, filename } = await coverage.exportSupervision(ctx, query);
    return sendXlsx(ctx.reply, filename, buffer);
  });
}
