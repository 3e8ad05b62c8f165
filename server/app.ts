import fs from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import type { Config } from './config';
import { queryRows, type Db } from './db/client';
import type { Keys } from './platform/crypto/keys';
import './platform/http/fastify-types';
import { LOG_SERIALIZERS } from './platform/http/log-safety';
import { installAccessHook } from './platform/http/access-hook';
import { frameworkErrors, installErrorHandler } from './platform/http/error-handler';
import { installGracefulShutdown } from './platform/http/graceful-shutdown';
import { installJsonParser } from './platform/http/json-body';
import { DEFAULT_BODY_LIMIT } from './platform/http/route';
import { installSecurityHeaders, securityHeaders } from './platform/http/security-headers';
import { registerModules } from './modules';

export type BuildAppOptions = {
  config: Config;
  db: Db;
  keys: Keys;
  /** Serve the built web app from this directory when it exists. */
  webDir?: string;
  logger?: boolean;
  /** Where the log goes instead of stdout (tests read it back). */
  logStream?: Writable;
};

/** Plugin routes that carry no contract of ours; their access is declared here, by prefix. */
const PLUGIN_ROUTE_ACCESS: [prefix: string, access: 'session'][] = [['/api/docs', 'session']];

export async function buildApp(opts: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      opts.logger || opts.logStream
        ? {
            level: opts.config.logLevel,
            serializers: LOG_SERIALIZERS,
            ...(opts.logStream ? { stream: opts.logStream } : {}),
          }
        : false,
    trustProxy: opts.config.trustProxy,
    // Per route from its contract (route.ts); this is the ceiling for anything else.
    bodyLimit: DEFAULT_BODY_LIMIT,
    // Answered by the graceful-shutdown hook instead, in Chinese and with our headers.
    return503OnClosing: false,
    // A path that is not valid percent-encoded UTF-8: refused in Chinese (error-handler.ts).
    frameworkErrors: frameworkErrors(securityHeaders({ hsts: opts.config.cookieSecure === true })),
  });
  app.decorate('zm', {
    db: opts.db,
    config: opts.config,
    keys: opts.keys,
    // Asked every time: a database that answered once may be gone now, and the balancer must know.
    ready: async () => {
      const rows = await queryRows<{ ok: boolean }>(
        opts.db,
        sql`select to_regclass('public.units') is not null as ok`,
      );
      return Boolean(rows[0]?.ok);
    },
  });
  installGracefulShutdown(app);
  installJsonParser(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.addHook('onRoute', (route) => {
    const match = PLUGIN_ROUTE_ACCESS.find(([prefix]) => route.url.startsWith(prefix));
    if (match && !route.config?.access) route.config = { ...route.config, access: match[1] };
  });
  // Cookies are parsed on request; the access hook, which reads the session cookie then, comes after.
  await app.register(cookie);
  // Files are streamed by the upload routes themselves (platform/http/upload.ts), never buffered.
  await app.register(multipart);
  installAccessHook(app);
  installErrorHandler(app);
  installSecurityHeaders(app, { hsts: opts.config.cookieSecure === true });
  await app.register(swagger, {
    openapi: {
      info: { title: '筑梦 API', description: '共青团新兴青年群体工作平台接口', version: '1' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'zm_sid' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: false });
  // The API's map is for those signed in, like the API itself.
  app.get('/api/openapi.json', { config: { access: 'session' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  await registerModules(app);

  if (opts.webDir && fs.existsSync(path.join(opts.webDir, 'index.html'))) {
    await serveWeb(app, opts.webDir);
  }
  return app;
}

async function serveWeb(app: FastifyInstance, webDir: string) {
  await app.register(async (scope) => {
    scope.addHook('onRoute', (route) => {
      route.config = { ...route.config, access: 'public' };
    });
    await scope.register(fastifyStatic, { root: webDir, wildcard: false, index: false });
    const indexHtml = fs.readFileSync(path.join(webDir, 'index.html'), 'utf8');
    const publicFile = path.join(webDir, 'm.html');
    // The public site for young people (/m/…) is its own small page, sharing nothing with the cadres' app.
    const publicHtml = fs.existsSync(publicFile) ? fs.readFileSync(publicFile, 'utf8') : indexHtml;
    const shell = (html: string) => async (_req: FastifyRequest, reply: FastifyReply) =>
      reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-cache').send(html);
    scope.get('/m', shell(publicHtml));
    scope.get('/m/*', shell(publicHtml));
    // Client-side routes: every non-API GET without a file answers with the app shell.
    scope.get('/*', async (req, reply) => {
      if (req.url.startsWith('/api/')) {
        return reply.status(404).send({ code: 'not_found', message: '接口不存在' });
      }
      return shell(indexHtml)(req, reply);
    });
  });
}
