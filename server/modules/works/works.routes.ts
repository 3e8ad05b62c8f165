import type { FastifyInstance } from 'fastify';
import {
  getPublicCall,
  getPublicWorkStatus,
  submitPublicWork,
  updatePublicWork,
  withdrawPublicWork,
} from '../../../common/contracts/calls-public';
import { route } from '../../platform/http/route';
import { registerResumableUploads } from './work-resumable';
import { publicCall } from './works-call';
import * as publicSide from './works-public.service';
import * as self from './works-self.service';

export function registerWorksPublicRoutes(app: FastifyInstance) {
  route(app, getPublicCall, ({ params }, ctx) => publicCall(ctx, params.slug));
  registerResumableUploads(app);
  route(app, submitPublicWork, ({ params, body }, ctx) => publicSide.submit(ctx, params.slug, body));
  route(app, getPublicWorkStatus, ({ body }, ctx) => self.status(ctx, body.receiptCode));
  route(app, updatePublicWork, ({ body }, ctx) => self.selfUpdate(ctx, body));
  route(app, withdrawPublicWork, ({ body }, ctx) => self.withdraw(ctx, body));
}
