import type { FastifyInstance } from 'fastify';
import {
  batchMoveYouth,
  batchProposeStage,
  batchRequestTransfer,
  batchYouthTags,
} from '../../../common/contracts/youth-batch';
import { route } from '../../platform/http/route';
import * as batch from './youth-batch.service';

export function registerYouthBatchRoutes(app: FastifyInstance) {
  route(app, batchYouthTags, ({ body }, ctx) => batch.batchTags(ctx, body));
  route(app, batchProposeStage, ({ body }, ctx) => batch.batchStage(ctx, body));
  route(app, batchMoveYouth, ({ body }, ctx) => batch.batchMove(ctx, body));
  route(app, batchRequestTransfer, ({ body }, ctx) => batch.batchTransfer(ctx, body));
}
