import type { FastifyInstance } from 'fastify';
import { listPrivacyNotices, publishPrivacyNotice } from '../../../common/contracts/privacy';
import { route } from '../../platform/http/route';
import * as service from './privacy.service';

/** 个人信息处理规则: the viewer's own unit's notice versions; publishing adds a version, never edits one. */
export function registerPrivacyRoutes(app: FastifyInstance) {
  route(app, listPrivacyNotices, async (_input, ctx) => service.listNotices(ctx));

  route(app, publishPrivacyNotice, async ({ body }, ctx) => service.publishNotice(ctx, body));
}
