import type { FastifyInstance } from 'fastify';
import { getPublicChallenge, listPublicPlaces } from '../../../common/contracts/public';
import { route } from '../../platform/http/route';
import { issueChallenge } from '../../platform/public/challenge';
import { guardPublicRead } from '../../platform/public/guard';
import { places } from './public-places.repo';

/** The public site's shared reads: the proof-of-work challenge and the place picker. */
export function registerPublicPlatformRoutes(app: FastifyInstance) {
  route(app, getPublicChallenge, async (_input, ctx) => {
    await guardPublicRead(ctx, ctx.reply.request);
    return issueChallenge(ctx.keys, ctx.config.publicPowDifficulty);
  });

  route(app, listPublicPlaces, async ({ query }, ctx) => {
    await guardPublicRead(ctx, ctx.reply.request);
    return { items: await places(ctx.db, query.parent) };
  });
}
