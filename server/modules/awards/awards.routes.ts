import type { FastifyInstance } from 'fastify';
import {
  answerObjection,
  confirmAwards,
  getCallAwards,
  getCallRecommendations,
  getCertificates,
  getPublicCallResults,
  listCallObjections,
  recommendEntries,
  saveCallAwards,
  startPublicity,
  submitObjection,
  verifyCertificate,
  withdrawRecommendation,
} from '../../../common/contracts/awards';
import { route } from '../../platform/http/route';
import * as publicSide from './awards-public.service';
import * as awards from './awards.service';
import * as recommend from './recommend.service';

export function registerAwardsRoutes(app: FastifyInstance) {
  route(app, getCallAwards, ({ params }, ctx) => awards.awardsView(ctx, params.id));
  route(app, saveCallAwards, ({ params, body }, ctx) => awards.saveAwards(ctx, params.id, body));
  route(app, startPublicity, ({ params }, ctx) => awards.startPublicity(ctx, params.id));
  route(app, confirmAwards, ({ params }, ctx) => awards.confirmAwards(ctx, params.id));
  route(app, listCallObjections, ({ params }, ctx) => awards.objections(ctx, params.id));
  route(app, answerObjection, ({ params, body }, ctx) =>
    awards.answerObjection(ctx, params.id, params.objectionId, body),
  );
  route(app, getCertificates, ({ params, query }, ctx) => awards.certificates(ctx, params.id, query.entryId));

  route(app, getCallRecommendations, ({ params }, ctx) => recommend.view(ctx, params.id));
  route(app, recommendEntries, ({ params, body }, ctx) => recommend.recommend(ctx, params.id, body));
  route(app, withdrawRecommendation, ({ params }, ctx) => recommend.withdraw(ctx, params.id, params.entryId));

  route(app, getPublicCallResults, ({ params }, ctx) => publicSide.results(ctx, params.slug));
  route(app, submitObjection, ({ params, body }, ctx) => publicSide.objection(ctx, params.slug, body));
  route(app, verifyCertificate, ({ params }, ctx) => publicSide.verify(ctx, params.code));
}
