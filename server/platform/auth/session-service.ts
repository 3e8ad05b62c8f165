import crypto from 'node:crypto';
import type { FastifyReply } from 'fastify';
import type { Db } from '../../db/client';
import type { Config } from '../../config';
import type { Viewer } from '../access/viewer';
import type { Role } from '../../../common/access';
import { unauthorized } from '../http/errors';
import {
  findSessionWithUser,
  insertSession,
  retireSession,
  revokeSession,
  touchSession,
  type SessionRow,
} from './session.repo';

export const SESSION_COOKIE = 'zm_sid';

export const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

export async function startSession(
  db: Db,
  config: Config,
  reply: FastifyReply,
  user: { id: number; unitId: number },
  stage: SessionRow['stage'],
  client: { ip: string; userAgent: string },
): Promise<{ id: string; csrfToken: string }> {
  const expiresAt = new Date(Date.now() + config.sessionAbsoluteHours * 3600_000);
  return issueSession(db, config, reply, { userId: user.id, unitId: user.unitId, stage, expiresAt }, client);
}

async function issueSession(
  db: Db,
  config: Config,
  reply: FastifyReply,
  s: { userId: number; unitId: number; stage: SessionRow['stage']; expiresAt: Date },
  client: { ip: string; userAgent: string },
): Promise<{ id: string; csrfToken: string }> {
  const token = crypto.randomBytes(32).toString('base64url');
  const id = hashToken(token);
  const csrfToken = crypto.randomBytes(24).toString('base64url');
  await insertSession(db, { id, ...s, csrfToken, ip: client.ip, userAgent: client.userAgent });
  reply.setCookie(SESSION_COOKIE, token, {
    ...cookieOptions(config, reply),
    maxAge: Math.max(1, Math.floor((s.expiresAt.getTime() - Date.now()) / 1000)),
  });
  return { id, csrfToken };
}

/**
 * Moves a session up a sign-in stage (password → code → full, enrolment, forced password change)
 * under a new token and CSRF token: a token seen before the stage rose — a fixated cookie, one
 * read over a shoulder or from a log — is worth nothing after it. Keeps the absolute expiry of
 * the sign-in. Two concurrent rises cannot both succeed: the second finds the old session ended.
 */
export async function raiseSessionStage(
  db: Db,
  config: Config,
  reply: FastifyReply,
  viewer: Pick<Viewer, 'sessionId'>,
  stage: SessionRow['stage'],
  client: { ip: string; userAgent: string },
): Promise<{ id: string; csrfToken: string }> {
  return db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const old = await retireSession(tx, viewer.sessionId);
    if (!old) throw unauthorized('登录已失效，请重新登录');
    const { userId, unitId, expiresAt } = old;
    return issueSession(tx, config, reply, { userId, unitId, stage, expiresAt }, client);
  });
}

/** Secure behind HTTPS: the request's own protocol, or X-Forwarded-Proto when TRUST_PROXY is set. */
function cookieOptions(config: Pick<Config, 'cookieSecure'>, reply: FastifyReply) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: config.cookieSecure ?? reply.request.protocol === 'https',
  };
}

/** Cleared with the attributes it was set with, so no response ever sends a laxer session cookie. */
export function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(reply.server.zm.config, reply));
}

/**
 * Resolves a cookie to a viewer, enforcing revocation, the absolute expiry, the idle timeout and
 * the account's state. Activity refreshes the idle clock at most once a minute, to spare writes.
 */
export async function resolveSession(db: Db, config: Config, token: string): Promise<Viewer | null> {
  const id = hashToken(token);
  const found = await findSessionWithUser(db, id);
  if (!found) return null;
  const { session, user, unitPath } = found;
  const now = Date.now();
  if (session.revokedAt || session.expiresAt.getTime() <= now) return null;
  if (now - session.lastSeenAt.getTime() > config.sessionIdleMinutes * 60_000) {
    await revokeSession(db, id, 'idle_timeout');
    return null;
  }
  if (user.status !== 'active') return null;
  if (now - session.lastSeenAt.getTime() > 60_000) await touchSession(db, id);
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role as Role,
    unitId: user.unitId,
    unitPath,
    sessionId: id,
    stage: session.stage,
    csrfToken: session.csrfToken,
  };
}
