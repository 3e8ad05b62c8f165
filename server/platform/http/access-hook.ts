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

/**
 * The origin this request was addressed to, as the browser sees it: behind a proxy (TRUST_PROXY)
 * from X-Forwarded-Proto and X-Forwarded-Host, otherwise from the connection and the Host header.
 */
export function ownOrigin(req: FastifyRequest): string | undefined {
  return originOf(`${req.protocol}://${req.host}`);
}

/** `scheme://host[:port]` as URL normalises it (lower case, default port dropped); nothing for garbage. */
function originOf(text: string): string | undefined {
  try {
    const url = new URL(text);
    return url.origin === 'null' ? undefined : url.origin;
  } catch {
    return undefined;
  }
}

/** A write whose Origin (sent by every current browser on a write) names another site, `null` included. */
function foreignOrigin(req: FastifyRequest): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  const own = ownOrigin(req);
  return own === undefined || originOf(origin) !== own;
}

/** Refused before a byte of it is read: what the request says it carries is more than the route takes. */
function declaredTooLarge(req: FastifyRequest): boolean {
  const length = Number(req.headers['content-length'] ?? 0);
  return Number.isFinite(length) && length > req.routeOptions.bodyLimit;
}

export function routeAccess(req: FastifyRequest): Access | undefined {
  return (req.routeOptions.config as { access?: Access } | undefined)?.access;
}

/**
 * Deny by default: a route without a declared access is refused at registration and, should one
 * slip through, at request time. Then declared size, origin, session, CSRF, sign-in stage and
 * permission, in that order; a session still signing in reaches only the sign-in steps, whose
 * body limit is a few kilobytes (route.ts).
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

  app.addHook('onRequest', async (req, reply) => {
    // Unknown URLs go on to the not-found handler, which answers 404 for everyone alike.
    if (req.is404) return;
    const access = routeAccess(req);
    if (!access) throw forbidden();
    if (declaredTooLarge(req)) {
      // The rest of the body is not worth receiving: the connection ends with the answer.
      reply.header('Connection', 'close');
      throw new AppError(413, 'too_large', '提交的内容过大');
    }
    const write = !SAFE_METHODS.has(req.method);
    if (write && (CROSS_ORIGIN_SITES.has(String(req.headers['sec-fetch-site'])) || foreignOrigin(req))) {
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
