import type { FastifyInstance } from 'fastify';
import { exportHomeFigures, homeSummary } from '../../../common/contracts/home';
import { sendXlsx } from '../../platform/excel/xlsx-writer';
import { route } from '../../platform/http/route';
import { exportFigures } from './home-figures.service';
import { homeSummaryFor } from './home.service';

export function registerHomeRoutes(app: FastifyInstance) {
  route(app, homeSummary, async (_input, ctx) => homeSummaryFor(ctx));
  route(app, exportHomeFigures, async (_input, ctx) => {
    const { buffer, filename } = await exportFigures(ctx);
    return sendXlsx(ctx.reply, filename, buffer);
  });
}
