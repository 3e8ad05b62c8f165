import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

// antd injects its CSS-in-JS styles at run time, hence style-src 'unsafe-inline'; scripts stay 'self' only.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Sets our headers on one answer; also used where Fastify answers without running hooks (bad URLs). */
export function securityHeaders(opts: { hsts: boolean }) {
  return (req: FastifyRequest, reply: FastifyReply) => {
    reply.header('Content-Security-Policy', CSP);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('Cross-Origin-Opener-Policy', 'same-origin');
    reply.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
    if (opts.hsts || req.protocol === 'https') reply.header('Strict-Transport-Security', 'max-age=31536000');
    // A route may allow a short private cache (the public site's checked files); everything else is no-store.
    if (req.url.startsWith('/api/') && !reply.hasHeader('Cache-Control'))
      reply.header('Cache-Control', 'no-store');
  };
}

export function installSecurityHeaders(app: FastifyInstance, opts: { hsts: boolean }) {
  const apply = securityHeaders(opts);
  app.addHook('onSend', async (req, reply, payload) => {
    apply(req, reply);
    return payload;
  });
}
