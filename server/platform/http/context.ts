import type { FastifyReply } from 'fastify';
import type { Db } from '../../db/client';
import type { Viewer } from '../access/viewer';
import type { AuditEvent } from '../audit/audit';
import type { Config } from '../../config';
import type { Keys } from '../crypto/keys';

/** What a route handler gets besides its validated input. */
export type RequestContext = {
  db: Db;
  config: Config;
  keys: Keys;
  /** Present on every route except `public` ones. */
  viewer: Viewer;
  ip: string;
  userAgent: string;
  /** Audit as the current viewer; pass `tx` to write inside a transaction. */
  audit(event: AuditEvent, tx?: Db): Promise<void>;
  /** Sets a response cookie or header (login, logout). */
  reply: FastifyReply;
};
