import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RequestContext } from './context';
import { recordAudit } from '../audit/audit';
import { unauthorized } from './errors';

export function requestContext(req: FastifyRequest, reply: FastifyReply): RequestContext {
  const { db, config, keys } = req.server.zm;
  const viewer = req.viewer;
  const ip = req.ip;
  return {
    db,
    config,
    keys,
    get viewer() {
      if (!viewer) throw unauthorized();
      return viewer;
    },
    ip,
    userAgent: String(req.headers['user-agent'] ?? '').slice(0, 300),
    reply,
    audit: (event, tx) =>
      recordAudit(
        tx ?? db,
        { userId: viewer?.userId, username: viewer?.username, unitId: viewer?.unitId, ip },
        event,
      ),
  };
}
