import type { FastifyInstance } from 'fastify';
import {
  addEventParticipants,
  addEventWorks,
  listEventCallOptions,
  listEventCallWorks,
  removeEventWork,
  createEvent,
  deleteEventFile,
  downloadEventFile,
  exportEvents,
  getEvent,
  listEvents,
  listSpeakerMentors,
  removeEventParticipant,
  signInEventParticipants,
  updateEvent,
  uploadEventFile,
} from '../../../common/contracts/events';
import { sendXlsx } from '../../platform/excel/xlsx-writer';
import { sendDownload } from '../../platform/http/download';
import { route } from '../../platform/http/route';
import * as files from './events-files.service';
import * as participants from './events-participants.service';
import * as events from './events.service';
import * as works from './events-works.service';

export function registerEventRoutes(app: FastifyInstance) {
  route(app, listEvents, ({ query }, ctx) => events.list(ctx, query));
  route(app, exportEvents, async ({ query }, ctx) => {
    const { buffer, filename } = await events.exportXlsx(ctx, query);
    return sendXlsx(ctx.reply, filename, buffer);
  });
  route(app, listSpeakerMentors, async ({ query }, ctx) => ({
    items: await events.speakerMentors(ctx, query.q),
  }));
  route(app, listEventCallOptions, async ({ query }, ctx) => ({
    items: await works.callOptions(ctx, query.q),
  }));
  route(app, listEventCallWorks, async ({ params }, ctx) => ({
    items: await works.callWorks(ctx, params.id),
  }));
  route(app, createEvent, ({ body }, ctx) => events.create(ctx, body));
  route(app, getEvent, ({ params }, ctx) => events.detail(ctx, params.id));
  route(app, updateEvent, ({ params, body }, ctx) => events.update(ctx, params.id, body));

  route(app, addEventParticipants, ({ params, body }, ctx) =>
    participants.addParticipants(ctx, params.id, body.youthIds, body.signedIn),
  );
  route(app, removeEventParticipant, ({ params }, ctx) =>
    participants.removeParticipant(ctx, params.id, params.youthId),
  );
  route(app, signInEventParticipants, ({ params, body }, ctx) =>
    participants.signIn(ctx, params.id, body.youthIds, body.signedIn),
  );

  route(app, addEventWorks, ({ params, body }, ctx) => works.addWorks(ctx, params.id, body.entryIds));
  route(app, removeEventWork, ({ params }, ctx) => works.removeWork(ctx, params.id, params.entryId));

  route(app, uploadEventFile, ({ params, body, file }, ctx) => files.upload(ctx, params.id, body.kind, file));
  route(app, downloadEventFile, async ({ params }, ctx) => {
    const f = await files.download(ctx, params.id, params.fileId);
    return sendDownload(ctx.reply, { filename: f.filename, mime: f.mime, body: f.stream, size: f.size });
  });
  route(app, deleteEventFile, ({ params }, ctx) => files.remove(ctx, params.id, params.fileId));
}
