import type { FastifyInstance } from 'fastify';
import {
  checkYouthDuplicate,
  createYouth,
  exportYouth,
  getYouth,
  revealYouth,
  searchYouth,
  updateYouth,
} from '../../../common/contracts/youth';
import {
  acceptTransfer,
  cancelTransfer,
  createInteraction,
  listInteractions,
  listStageProposals,
  listTransfers,
  proposeStage,
  rejectTransfer,
  requestTransfer,
  reviewStageProposal,
  youthTimeline,
} from '../../../common/contracts/youth-workflow';
import { route } from '../../platform/http/route';
import { sendXlsx } from '../../platform/excel/xlsx-writer';
import * as identity from './youth-identity.service';
import * as interactions from './youth-interaction.service';
import * as record from './youth-record.service';
import { search } from './youth-search.service';
import * as stage from './youth-stage.service';
import { timeline } from './youth-timeline.service';
import * as transfers from './youth-transfer.service';
import { exportYouthXlsx } from './youth-export.service';

export function registerYouthRoutes(app: FastifyInstance) {
  route(app, searchYouth, ({ body }, ctx) => search(ctx, body));
  route(app, checkYouthDuplicate, ({ body }, ctx) => identity.checkDuplicate(ctx, body));
  route(app, exportYouth, async ({ body }, ctx) => {
    const { buffer, filename } = await exportYouthXlsx(ctx, body);
    return sendXlsx(ctx.reply, filename, buffer);
  });
  route(app, createYouth, ({ body }, ctx) => record.create(ctx, body));
  route(app, getYouth, ({ params }, ctx) => record.detail(ctx, params.id));
  route(app, updateYouth, ({ params, body }, ctx) => record.update(ctx, params.id, body));
  route(app, revealYouth, ({ params, body }, ctx) => identity.reveal(ctx, params.id, body.reason));

  route(app, listInteractions, async ({ params }, ctx) => ({
    items: await interactions.listInteractions(ctx, params.id),
  }));
  route(app, createInteraction, ({ params, body }, ctx) => interactions.addInteraction(ctx, params.id, body));
  route(app, youthTimeline, async ({ params }, ctx) => ({ items: await timeline(ctx, params.id) }));

  route(app, proposeStage, ({ params, body }, ctx) => stage.proposeStage(ctx, params.id, body));
  route(app, listStageProposals, ({ query }, ctx) => stage.listProposals(ctx, query));
  route(app, reviewStageProposal, ({ params, body }, ctx) => stage.reviewProposal(ctx, params.id, body));

  route(app, requestTransfer, ({ body }, ctx) => transfers.requestYouthTransfer(ctx, body));
  route(app, listTransfers, ({ query }, ctx) => transfers.listTransfers(ctx, query));
  route(app, acceptTransfer, ({ params, body }, ctx) =>
    transfers.decideTransfer(ctx, params.id, 'accept', body.note),
  );
  route(app, rejectTransfer, ({ params, body }, ctx) =>
    transfers.decideTransfer(ctx, params.id, 'reject', body.note),
  );
  route(app, cancelTransfer, ({ params, body }, ctx) =>
    transfers.decideTransfer(ctx, params.id, 'cancel', body.note),
  );
}
