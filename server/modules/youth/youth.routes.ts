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
import * as service from './youth.service';
import * as workflow from './youth-workflow.service';
import { exportYouthXlsx } from './youth-export.service';

export function registerYouthRoutes(app: FastifyInstance) {
  route(app, searchYouth, ({ body }, ctx) => service.search(ctx, body));
  route(app, checkYouthDuplicate, ({ body }, ctx) => service.checkDuplicate(ctx, body));
  route(app, exportYouth, async ({ body }, ctx) => {
    const { buffer, filename } = await exportYouthXlsx(ctx, body);
    return sendXlsx(ctx.reply, filename, buffer);
  });
  route(app, createYouth, ({ body }, ctx) => service.create(ctx, body));
  route(app, getYouth, ({ params }, ctx) => service.detail(ctx, params.id));
  route(app, updateYouth, ({ params, body }, ctx) => service.update(ctx, params.id, body));
  route(app, revealYouth, ({ params, body }, ctx) => service.reveal(ctx, params.id, body.reason));

  route(app, listInteractions, async ({ params }, ctx) => ({
    items: await workflow.listInteractions(ctx, params.id),
  }));
  route(app, createInteraction, ({ params, body }, ctx) => workflow.addInteraction(ctx, params.id, body));
  route(app, youthTimeline, async ({ params }, ctx) => ({ items: await workflow.timeline(ctx, params.id) }));

  route(app, proposeStage, ({ params, body }, ctx) => workflow.proposeStage(ctx, params.id, body));
  route(app, listStageProposals, ({ query }, ctx) => workflow.listProposals(ctx, query));
  route(app, reviewStageProposal, ({ params, body }, ctx) => workflow.reviewProposal(ctx, params.id, body));

  route(app, requestTransfer, ({ body }, ctx) => workflow.requestYouthTransfer(ctx, body));
  route(app, listTransfers, ({ query }, ctx) => workflow.listTransfers(ctx, query));
  route(app, acceptTransfer, ({ params, body }, ctx) =>
    workflow.decideTransfer(ctx, params.id, 'accept', body.note),
  );
  route(app, rejectTransfer, ({ params, body }, ctx) =>
    workflow.decideTransfer(ctx, params.id, 'reject', body.note),
  );
  route(app, cancelTransfer, ({ params, body }, ctx) =>
    workflow.decideTransfer(ctx, params.id, 'cancel', body.note),
  );
}
