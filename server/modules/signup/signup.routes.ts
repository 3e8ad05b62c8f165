import type { FastifyInstance } from 'fastify';
import {
  getPublicSignupPage,
  getPublicSignupStatus,
  submitPublicSignup,
  updatePublicSignup,
  withdrawPublicConsent,
} from '../../../common/contracts/public';
import {
  acceptSignup,
  batchDecideSignups,
  createSignupPage,
  declineSignup,
  forwardSignup,
  getSignup,
  listSignupPages,
  mergeSignup,
  searchSignups,
  signupForwardTargets,
  updateSignupPage,
} from '../../../common/contracts/signup';
import { route } from '../../platform/http/route';
import { lookupUnits } from '../units/units.service';
import { batchDecide } from './signup-batch.service';
import * as decide from './signup-decide.service';
import * as pages from './signup-pages.service';
import * as publicSide from './signup-public.service';
import * as review from './signup-review.service';
import * as self from './signup-self.service';

export function registerSignupRoutes(app: FastifyInstance) {
  route(app, listSignupPages, ({ query }, ctx) => pages.listPages(ctx, query));
  route(app, createSignupPage, ({ body }, ctx) => pages.createPage(ctx, body));
  route(app, updateSignupPage, ({ params, body }, ctx) => pages.updatePage(ctx, params.id, body));

  route(app, searchSignups, ({ body }, ctx) => review.search(ctx, body));
  route(app, getSignup, ({ params }, ctx) => review.detail(ctx, params.id));
  route(app, acceptSignup, ({ params, body }, ctx) => decide.accept(ctx, params.id, body));
  route(app, mergeSignup, ({ params, body }, ctx) => decide.merge(ctx, params.id, body));
  route(app, forwardSignup, ({ params, body }, ctx) => decide.forward(ctx, params.id, body));
  route(app, signupForwardTargets, async ({ query }, ctx) => ({ items: await lookupUnits(ctx.db, query) }));
  route(app, declineSignup, ({ params, body }, ctx) => decide.decline(ctx, params.id, body));
  route(app, batchDecideSignups, ({ body }, ctx) => batchDecide(ctx, body));

  route(app, getPublicSignupPage, ({ params }, ctx) => publicSide.publicPage(ctx, params.slug));
  route(app, submitPublicSignup, ({ params, body }, ctx) => publicSide.submit(ctx, params.slug, body));
  route(app, getPublicSignupStatus, ({ body }, ctx) => self.status(ctx, body.receiptCode));
  route(app, updatePublicSignup, ({ body }, ctx) => self.selfUpdate(ctx, body));
  route(app, withdrawPublicConsent, ({ body }, ctx) => self.withdraw(ctx, body));
}
