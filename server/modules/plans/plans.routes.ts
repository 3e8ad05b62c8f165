import type { FastifyInstance } from 'fastify';
import {
  deletePlan,
  departmentOptions,
  downloadPlanSource,
  exportPlanDivision,
  exportPlanReport,
  issuePlan,
  listPlanCopies,
  listPlans,
  updatePlan,
} from '../../../common/contracts/plans';
import { createPlan, draftFromDocument, draftFromText } from '../../../common/contracts/plans-drafts';
import {
  createTask,
  deleteTask,
  downloadProgressFile,
  getDivision,
  getPlan,
  getTask,
  listTasks,
  recordProgress,
  updateTask,
  uploadProgressFile,
} from '../../../common/contracts/plans-tasks';
import { sendXlsx } from '../../platform/excel/xlsx-writer';
import { sendDownload } from '../../platform/http/download';
import { route } from '../../platform/http/route';
import { sendDocx } from '../../platform/word/word';
import * as create from './plan-create.service';
import { division } from './plan-division.service';
import * as drafts from './plan-draft.service';
import * as exports from './plan-export.service';
import { withPlanErrorMessages } from './plan-input-errors';
import * as issuing from './plan-issue.service';
import * as progress from './plan-progress.service';
import * as tasks from './plan-tasks.service';
import * as plans from './plans.service';

/** The plan routes, in a scope whose validation errors name the part of the plan (plan-input-errors.ts). */
export function registerPlanRoutes(app: FastifyInstance) {
  withPlanErrorMessages(app, registerRoutes);
}

function registerRoutes(app: FastifyInstance) {
  route(app, draftFromText, ({ body }, ctx) => drafts.fromText(ctx, body));
  route(app, draftFromDocument, ({ body, file }, ctx) => drafts.fromDocument(ctx, body, file));
  route(app, listPlans, ({ query }, ctx) => plans.list(ctx, query));
  route(app, createPlan, ({ body }, ctx) => create.create(ctx, body));
  route(app, departmentOptions, ({ query }, ctx) => plans.departmentOptions(ctx, query.unitId));
  route(app, getDivision, ({ query }, ctx) => division(ctx, query));
  route(app, getPlan, ({ params }, ctx) => plans.detail(ctx, params.id));
  route(app, updatePlan, ({ params, body }, ctx) => plans.update(ctx, params.id, body));
  route(app, deletePlan, ({ params, query }, ctx) => plans.remove(ctx, params.id, query.version));
  route(app, downloadPlanSource, async ({ params }, ctx) => {
    const f = await plans.downloadSource(ctx, params.id);
    return sendDownload(ctx.reply, { filename: f.filename, mime: f.mime, body: f.stream, size: f.size });
  });
  route(app, exportPlanReport, async ({ params }, ctx) => {
    const { buffer, filename } = await exports.report(ctx, params.id);
    return sendDocx(ctx.reply, filename, buffer);
  });
  route(app, exportPlanDivision, async ({ params }, ctx) => {
    const { buffer, filename } = await exports.divisionXlsx(ctx, params.id);
    return sendXlsx(ctx.reply, filename, buffer);
  });
  route(app, issuePlan, ({ params, body }, ctx) => issuing.issue(ctx, params.id, body));
  route(app, listPlanCopies, ({ params, query }, ctx) => issuing.copies(ctx, params.id, query));

  route(app, listTasks, ({ query }, ctx) => tasks.list(ctx, query));
  route(app, createTask, ({ params, body }, ctx) => tasks.create(ctx, params.id, body));
  route(app, getTask, ({ params }, ctx) => tasks.detail(ctx, params.id));
  route(app, updateTask, ({ params, body }, ctx) => tasks.update(ctx, params.id, body));
  route(app, deleteTask, ({ params, query }, ctx) => tasks.remove(ctx, params.id, query.version));
  route(app, recordProgress, ({ params, body }, ctx) => progress.record(ctx, params.id, body));
  route(app, uploadProgressFile, ({ params, file }, ctx) =>
    progress.uploadFile(ctx, params.id, params.progressId, file),
  );
  route(app, downloadProgressFile, async ({ params }, ctx) => {
    const f = await progress.downloadFile(ctx, params.id, params.progressId, params.fileId);
    return sendDownload(ctx.reply, { filename: f.filename, mime: f.mime, body: f.stream, size: f.size });
  });
}
