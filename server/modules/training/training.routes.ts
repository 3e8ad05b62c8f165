import type { FastifyInstance } from 'fastify';
import {
  classSummaryDocx,
  createClass,
  createInstitution,
  createLesson,
  deleteInstitution,
  deleteLesson,
  exportCompletion,
  getClass,
  listClasses,
  listInstitutions,
  updateClass,
  updateInstitution,
  updateLesson,
} from '../../../common/contracts/training';
import {
  addEnrolments,
  admitEnrolments,
  checkCompletion,
  completeClass,
  getAttendance,
  listEnrolments,
  listFollowUps,
  markAttendance,
  recordFollowUp,
  withdrawEnrolment,
} from '../../../common/contracts/training-enrolment';
import { sendXlsx } from '../../platform/excel/xlsx-writer';
import { route } from '../../platform/http/route';
import { sendDocx } from '../../platform/word/word';
import * as classes from './training-class.service';
import * as enrolments from './training-enrolment.service';
import { completionXlsx, summaryDocx } from './training-export.service';
import * as institutions from './training-institution.service';
import * as progress from './training-progress.service';

export function registerTrainingRoutes(app: FastifyInstance) {
  route(app, listInstitutions, ({ query }, ctx) => institutions.list(ctx, query));
  route(app, createInstitution, ({ body }, ctx) => institutions.create(ctx, body));
  route(app, updateInstitution, ({ params, body }, ctx) => institutions.update(ctx, params.id, body));
  route(app, deleteInstitution, ({ params }, ctx) => institutions.remove(ctx, params.id));

  route(app, listClasses, ({ query }, ctx) => classes.list(ctx, query));
  route(app, createClass, ({ body }, ctx) => classes.create(ctx, body));
  route(app, getClass, ({ params }, ctx) => classes.detail(ctx, params.id));
  route(app, updateClass, ({ params, body }, ctx) => classes.update(ctx, params.id, body));
  route(app, createLesson, ({ params, body }, ctx) => classes.addLesson(ctx, params.id, body));
  route(app, updateLesson, ({ params, body }, ctx) => classes.updateLessonFields(ctx, params.id, body));
  route(app, deleteLesson, ({ params }, ctx) => classes.removeLesson(ctx, params.id));

  route(app, listEnrolments, ({ params, query }, ctx) => enrolments.list(ctx, params.id, query.status));
  route(app, addEnrolments, ({ params, body }, ctx) => enrolments.add(ctx, params.id, body.youthIds));
  route(app, admitEnrolments, ({ params }, ctx) => enrolments.admit(ctx, params.id));
  route(app, withdrawEnrolment, ({ params, body }, ctx) => enrolments.withdraw(ctx, params.id, body));

  route(app, getAttendance, ({ params }, ctx) => progress.grid(ctx, params.id));
  route(app, markAttendance, ({ params, body }, ctx) => progress.mark(ctx, params.id, body.marks));
  route(app, checkCompletion, ({ params }, ctx) => progress.check(ctx, params.id));
  route(app, completeClass, ({ params, body }, ctx) => progress.complete(ctx, params.id, body.version));
  route(app, listFollowUps, ({ query }, ctx) => progress.followUps(ctx, query));
  route(app, recordFollowUp, ({ params, body }, ctx) => progress.recordFollowUp(ctx, params.id, body));

  route(app, exportCompletion, async ({ params }, ctx) => {
    const { buffer, filename } = await completionXlsx(ctx, params.id);
    return sendXlsx(ctx.reply, filename, buffer);
  });
  route(app, classSummaryDocx, async ({ params }, ctx) => {
    const { buffer, filename } = await summaryDocx(ctx, params.id);
    return sendDocx(ctx.reply, filename, buffer);
  });
}
