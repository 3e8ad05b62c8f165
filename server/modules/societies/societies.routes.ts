import type { FastifyInstance } from 'fastify';
import {
  createSociety,
  exportSocieties,
  getSociety,
  listSocieties,
  listSocietyCadres,
  updateSociety,
} from '../../../common/contracts/societies';
import {
  addSocietyBackbone,
  createSocietyContact,
  createSocietyNomination,
  createSocietyRecommendation,
  listSocietyBackbones,
  listSocietyContacts,
  listSocietyNominations,
  listSocietyRecommendations,
  removeSocietyBackbone,
  setRecommendationOutcome,
} from '../../../common/contracts/societies-support';
import { sendXlsx } from '../../platform/excel/xlsx-writer';
import { route } from '../../platform/http/route';
import { exportRegister } from './societies-export.service';
import * as support from './societies-support.service';
import * as societies from './societies.service';

export function registerSocietyRoutes(app: FastifyInstance) {
  route(app, listSocieties, ({ query }, ctx) => societies.list(ctx, query));
  route(app, exportSocieties, async ({ query }, ctx) => {
    const { buffer, filename } = await exportRegister(ctx, query);
    return sendXlsx(ctx.reply, filename, buffer);
  });
  route(app, listSocietyCadres, ({ query }, ctx) => societies.cadres(ctx, query.q));
  route(app, createSociety, ({ body }, ctx) => societies.create(ctx, body));
  route(app, getSociety, ({ params }, ctx) => societies.detail(ctx, params.id));
  route(app, updateSociety, ({ params, body }, ctx) => societies.update(ctx, params.id, body));

  route(app, listSocietyContacts, ({ params }, ctx) => support.listContacts(ctx, params.id));
  route(app, createSocietyContact, ({ params, body }, ctx) => support.addContact(ctx, params.id, body));
  route(app, listSocietyBackbones, ({ params }, ctx) => support.listBackbones(ctx, params.id));
  route(app, addSocietyBackbone, ({ params, body }, ctx) => support.addBackbone(ctx, params.id, body));
  route(app, removeSocietyBackbone, ({ params }, ctx) =>
    support.removeBackbone(ctx, params.id, params.youthId),
  );
  route(app, listSocietyRecommendations, ({ params }, ctx) => support.listRecommendations(ctx, params.id));
  route(app, createSocietyRecommendation, ({ params, body }, ctx) =>
    support.addRecommendation(ctx, params.id, body),
  );
  route(app, setRecommendationOutcome, ({ params, body }, ctx) =>
    support.setOutcome(ctx, params.id, params.recommendationId, body),
  );
  route(app, listSocietyNominations, ({ params }, ctx) => support.listNominations(ctx, params.id));
  route(app, createSocietyNomination, ({ params, body }, ctx) => support.addNomination(ctx, params.id, body));
}
