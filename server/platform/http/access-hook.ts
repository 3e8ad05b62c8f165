import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Access } from '../../../common/access';
import { PERMISSIONS } from '../../../common/access';
import { can } from '../access/viewer';
import { resolveSession, SESSION_COOKIE } from '../auth/session-service';
import { recordAudit } from '../audit/audit';
import { AppError, forbidden, unauthorized } from './errors';

/** Every route the app registered, with what it declared: the access-matrix test walks this list. */
export type RegisteredRoute = { method: string; url: string; access: Access | undefined };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The app and its API share one origin: a write sent from any other origin, even a sibling subdomain, is refused. */
const CROSS_ORIGIN_SITES = new Set(['cross-site', 'same-site']);

export function routeAccess(req: FastifyRequest): Access | undefined {
  return (req.routeOptions.config as { access?: Access } | undefined)?.access;
}

/**
 * Deny by default: a route without a declared access is refused at registration and, should one
 * slip through, at request time. Then session, CSRF, sign-in stage and permission, in that order.
 * The check runs on request, before the body is read or validated: a caller who may not use a
 * route learns nothing about its input and costs no parsing. Needs the cookie plugin registered first.
 */
export function installAccessHook(app: FastifyInstance) {
  const routes: { method: string | string[]; url: string; config?: { access?: Access } }[] = [];
  app.decorate('zmRoutes', [] as RegisteredRoute[]);
  app.addHook('onRoute', (opts) => {
    routes.push(opts);
  });
  // Checked once all routes exist, so a plugin scope may still declare access for its own routes.
  app.addHook('onReady', async () => {
    for (const opts of routes) {
      const access = opts.config?.access;
      for (const method of [opts.method].flat()) app.zmRoutes.push({ method, url: opts.url, access });
      if (!access) throw new Error(`路由 ${[opts.method].flat().join(',')} ${opts.url} 未声明访问权限`);
      if (!['public', 'session', 'login-step'].includes(access) && !(access in PERMISSIONS)) {
        throw new Error(`路由 ${opts.url} 声明了未知权限 ${access}`);
      }
    }
  });

  app.addHook('onRequest', async (req) => {
    // Unknown URLs go on to the not-found handler, which answers 404 for everyone alike.
    if (req.is404) return;
    const access = routeAccess(req);
    if (!access) throw forbidden();
    const write = !SAFE_METHODS.has(req.method);
    if (write && CROSS_ORIGIN_SITES.has(String(req.headers['sec-fetch-site']))) {
      throw new AppError(403, 'csrf', '拒绝跨站请求');
    }
    if (access === 'public') return;

    const token = req.cookies[SESSION_COOKIE];
    const viewer = token ? await resolveSession(req.server.zm.db, req.server.zm.config, token) : null;
    if (!viewer) throw unauthorized('登录已失效，请重新登录');
    if (write && req.headers['x-csrf-token'] !== viewer.csrfToken) {
      throw new AppError(403, 'csrf', '请求校验失败，请刷新页面后重试');
    }
    req.viewer = viewer;
    if (access === 'login-step') return;
    if (viewer.stage !== 'full') throw new AppError(403, 'login_incomplete', '请先完成登录验证');
    if (access === 'session') return;
    if (!can(viewer, access)) {
      await recordAudit(
        req.server.zm.db,
        { userId: viewer.userId, username: viewer.username, unitId: viewer.unitId, ip: req.ip },
        {
          action: 'access.denied',
          outcome: 'denied',
          detail: { route: `${req.method} ${req.routeOptions.url}` },
        },
      );
      throw forbidden();
    }
  });
}
