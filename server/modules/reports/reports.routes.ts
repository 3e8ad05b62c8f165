import type { FastifyInstance } from 'fastify';
import {
  closeCollection,
  collectionCompleteness,
  exportCollection,
  exportCollectionDocument,
  getCollection,
  listCollections,
  listCollectionSubmissions,
  listDue,
  listToReview,
  openCollection,
  previewTargets,
  reportReminders,
  reportTimeliness,
} from '../../../common/contracts/reports';
import {
  acceptSubmission,
  consolidateSubmission,
  deleteSubmissionFile,
  downloadSubmissionFile,
  exportRoster,
  exportSubmissionDocument,
  generateRoster,
  getSubmission,
  listRoster,
  refreshFigures,
  returnSubmission,
  saveSubmission,
  submitSubmission,
  uploadSubmissionFile,
} from '../../../common/contracts/reports-submissions';
import { sendXlsx } from '../../platform/excel/xlsx-writer';
import { sendDownload } from '../../platform/http/download';
import { route } from '../../platform/http/route';
import { sendDocx } from '../../platform/word/word';
import * as collections from './report-collections.service';
import * as completeness from './report-completeness.service';
import * as documents from './report-document.service';
import * as exports from './report-export.service';
import * as figures from './report-figures.service';
import * as files from './report-files.service';
import * as lists from './report-lists.service';
import * as roster from './report-roster.service';
import { detail } from './report-submission-detail.service';
import * as submissions from './report-submissions.service';

export function registerReportRoutes(app: FastifyInstance) {
  route(app, listCollections, ({ query }, ctx) => collections.list(ctx, query));
  route(app, previewTargets, ({ body }, ctx) => collections.previewTargets(ctx, body.target));
  route(app, openCollection, ({ body }, ctx) => collections.open(ctx, body));
  route(app, getCollection, ({ params }, ctx) => collections.detail(ctx, params.id));
  route(app, closeCollection, ({ params, body }, ctx) => collections.close(ctx, params.id, body.version));
  route(app, collectionCompleteness, ({ params, query }, ctx) =>
    completeness.collectionDrillDown(ctx, params.id, query.unitId),
  );
  route(app, listCollectionSubmissions, ({ params, query }, ctx) =>
    lists.collectionSubmissions(ctx, params.id, query),
  );
  route(app, exportCollection, async ({ params, body }, ctx) => {
    const { buffer, filename } = await exports.exportCollectionXlsx(ctx, params.id, body);
    return sendXlsx(ctx.reply, filename, buffer);
  });
  route(app, exportCollectionDocument, async ({ params, query }, ctx) => {
    const { buffer, filename } = await documents.collectionDocument(ctx, params.id, query.unitId);
    return sendDocx(ctx.reply, filename, buffer);
  });
  route(app, listDue, ({ query }, ctx) => lists.due(ctx, query));
  route(app, listToReview, ({ query }, ctx) => lists.toReview(ctx, query));
  route(app, reportReminders, (_input, ctx) => lists.reminders(ctx));
  route(app, reportTimeliness, ({ query }, ctx) => completeness.unitTimeliness(ctx, query));

  route(app, getSubmission, ({ params }, ctx) => detail(ctx, params.id));
  route(app, saveSubmission, ({ params, body }, ctx) => submissions.save(ctx, params.id, body));
  route(app, refreshFigures, ({ params, body }, ctx) => figures.refresh(ctx, params.id, body.version));
  route(app, generateRoster, ({ params, body }, ctx) =>
    roster.generate(ctx, params.id, body.version, body.source),
  );
  route(app, listRoster, ({ params, query }, ctx) => roster.list(ctx, params.id, query));
  route(app, exportRoster, async ({ params, body }, ctx) => {
    const { buffer, filename } = await roster.exportXlsx(ctx, params.id, body);
    return sendXlsx(ctx.reply, filename, buffer);
  });
  route(app, consolidateSubmission, ({ params, body }, ctx) =>
    submissions.consolidate(ctx, params.id, body.version),
  );
  route(app, submitSubmission, ({ params, body }, ctx) => submissions.submit(ctx, params.id, body.version));
  route(app, returnSubmission, ({ params, body }, ctx) =>
    submissions.returnToUnit(ctx, params.id, body.version, body.comment),
  );
  route(app, acceptSubmission, ({ params, body }, ctx) =>
    submissions.accept(ctx, params.id, body.version, body.comment),
  );
  route(app, exportSubmissionDocument, async ({ params }, ctx) => {
    const { buffer, filename } = await documents.submissionDocument(ctx, params.id);
    return sendDocx(ctx.reply, filename, buffer);
  });
  route(app, uploadSubmissionFile, ({ params, file }, ctx) => files.upload(ctx, params.id, file));
  route(app, downloadSubmissionFile, async ({ params }, ctx) => {
    const f = await files.download(ctx, params.id, params.fileId);
    return sendDownload(ctx.reply, { filename: f.filename, mime: f.mime, body: f.stream, size: f.size });
  });
  route(app, deleteSubmissionFile, ({ params }, ctx) => files.remove(ctx, params.id, params.fileId));
}
