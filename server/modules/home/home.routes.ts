import type { FastifyInstance } from 'fastify';
import { homeSummary } from '../../../common/contracts/home';
import { route } from '../../platform/http/route';
import { homeSummaryFor } from './home.service';

export function registerHomeRoutes(app: FastifyInstance) {
  route(app, homeSummary, async (_input, ctx) => homeSummaryFor(ctx));
}
