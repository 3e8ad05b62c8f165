import crypto from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { RequestContext } from '../http/context';
import type { Keys } from '../crypto/keys';
import { assertWithinRate } from './rate-limit';
import { spendChallenge } from './challenge';
import { rateAddress } from './client-address';

const MINUTE = 60;

/** Counters keep a keyed hash of the address, never the address: they outlive the request by days. */
export function addressKey(keys: Keys, ip: string): string {
  return crypto
    .createHmac('sha256', keys.index)
    .update(`rate:${rateAddress(ip)}`)
    .digest('hex')
    .slice(0, 32);
}

/** Reads of the public API (challenges, places, a status lookup): a generous per-address limit. */
export async function guardPublicRead(ctx: RequestContext, req: Pick<FastifyRequest, 'ip'>): Promise<void> {
  await assertWithinRate(ctx.db, {
    bucket: 'read-1m',
    key: addressKey(ctx.keys, req.ip),
    limit: ctx.config.publicReadLimitPerMinute,
    windowSeconds: MINUTE,
  });
}

/**
 * Everything a public form submission passes before its own checks: limits per address (short and
 * daily window) and per page, the honeypot, then the proof of work. `robot: true` means the honeypot
 * was filled: answer as if accepted and store nothing, so the robot learns nothing to adapt to.
 */
export async function guardPublicForm(
  ctx: RequestContext,
  req: Pick<FastifyRequest, 'ip'>,
  o: { pageKey: string; challenge: string; nonce: string; website?: string },
): Promise<{ robot: boolean }> {
  const address = addressKey(ctx.keys, req.ip);
  const { config, db } = ctx;
  await assertWithinRate(db, {
    bucket: 'submit-10m',
    key: address,
    limit: config.publicSubmitLimitPer10Minutes,
    windowSeconds: 10 * MINUTE,
  });
  await assertWithinRate(db, {
    bucket: 'submit-1d',
    key: address,
    limit: config.publicSubmitLimitPerDay,
    windowSeconds: 24 * 60 * MINUTE,
  });
  await assertWithinRate(db, {
    bucket: 'page-1h',
    key: o.pageKey,
    limit: config.publicPageLimitPerHour,
    windowSeconds: 60 * MINUTE,
  });
  if (o.website?.trim()) return { robot: true };
  await spendChallenge(db, ctx.keys, o.challenge, o.nonce);
  return { robot: false };
}
