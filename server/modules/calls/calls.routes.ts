import type { FastifyInstance } from 'fastify';
import {
  batchReviewCallEntries,
  callParentOptions,
  createCall,
  downloadCallEntryFile,
  finishCall,
  getCall,
  getCallEntry,
  listCalls,
  markCallEntryIdentifying,
  publishCall,
  revealCallEntrant,
  reviewCallEntry,
  searchCallEntries,
  updateCall,
} from '../../../common/contracts/calls';
import { sendDownload } from '../../platform/http/download';
import { route } from '../../platform/http/route';
import * as entries from './call-entries.service';
import * as review from './call-review.service';
import * as calls from './calls.service';

export function registerCallRoutes(app: FastifyInstance) {
  route(app, listCalls, ({ query }, ctx) => calls.listCallsInScope(ctx, query));
  route(app, callParentOptions, ({ query }, ctx) => calls.parentOptions(ctx, query));
  route(app, getCall, ({ params }, ctx) => calls.callDetail(ctx, params.id));
  route(app, createCall, ({ body }, ctx) => calls.create(ctx, body));
  route(app, updateCall, ({ params, body }, ctx) => calls.update(ctx, params.id, body));
  route(app, publishCall, ({ params, body }, ctx) => calls.publish(ctx, params.id, body.version));
  route(app, finishCall, ({ params, body }, ctx) => calls.finish(ctx, params.id, body.version));

  route(app, searchCallEntries, ({ params, body }, ctx) => entries.search(ctx, params.id, body));
  route(app, getCallEntry, ({ params }, ctx) => entries.detail(ctx, params.id));
  route(app, downloadCallEntryFile, async ({ params }, ctx) => {
    const f = await entries.download(ctx, params.id, params.fileId);
    return sendDownload(ctx.reply, { filename: f.filename, mime: f.mime, body: f.stream, size: f.size });
  });
  route(app, revealCallEntrant, ({ params, body }, ctx) =>
    entries.revealEntrant(ctx, params.id, params.entrantId, body.reason),
  );
  route(app, markCallEntryIdentifying, ({ params, body }, ctx) =>
    entries.markIdentifying(ctx, params.id, body),
  );
  route(app, reviewCallEntry, ({ params, body }, ctx) => review.review(ctx, params.id, body));
  route(app, batchReviewCallEntries, ({ params, body }, ctx) => review.batchReview(ctx, params.id, body));
}
