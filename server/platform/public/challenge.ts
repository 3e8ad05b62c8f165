import crypto from 'node:crypto';
import { publicChallengesUsed } from '../../db/schema';
import type { Db } from '../../db/client';
import type { Keys } from '../crypto/keys';
import { AppError } from '../http/errors';
import { leadingZeroBits } from '../../../common/pow';

/** Long enough to fill in a short form after the page loaded; the site fetches a fresh one if it lapsed. */
export const CHALLENGE_TTL_SECONDS = 10 * 60;
export const DEFAULT_POW_DIFFICULTY = 16;

const challengeFailed = () => new AppError(400, 'challenge_failed', '校验未通过，请刷新页面后重试');

/** Its own key, derived from the blind-index key, so a challenge signature reveals nothing about either. */
function signingKey(keys: Keys): Buffer {
  return crypto.createHmac('sha256', keys.index).update('zhumeng/public-challenge/v1').digest();
}

function sign(keys: Keys, body: string): string {
  return crypto.createHmac('sha256', signingKey(keys)).update(body).digest('base64url');
}

/**
 * Stateless: `1.<difficulty>.<expiry, unix seconds>.<random>.<HMAC>`. Nothing is stored until the
 * challenge is spent, so handing them out costs the server one HMAC.
 */
export function issueChallenge(
  keys: Keys,
  difficulty = DEFAULT_POW_DIFFICULTY,
): { challenge: string; difficulty: number; expiresAt: string } {
  const expires = Math.floor(Date.now() / 1000) + CHALLENGE_TTL_SECONDS;
  const body = `1.${difficulty}.${expires}.${crypto.randomBytes(16).toString('base64url')}`;
  return {
    challenge: `${body}.${sign(keys, body)}`,
    difficulty,
    expiresAt: new Date(expires * 1000).toISOString(),
  };
}

/** The difficulty and expiry the server signed, or nothing for anything it did not issue. */
function verified(keys: Keys, challenge: string): { difficulty: number; expires: Date } | undefined {
  const m = /^(1\.(\d{1,2})\.(\d{1,12})\.[\w-]{22})\.([\w-]{43})$/.exec(challenge);
  if (!m) return undefined;
  const expected = Buffer.from(sign(keys, m[1]));
  const given = Buffer.from(m[4]);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return undefined;
  return { difficulty: Number(m[2]), expires: new Date(Number(m[3]) * 1000) };
}

/**
 * Accepts a solved challenge once: signed by us, not expired, SHA-256(challenge + nonce) with the
 * signed number of leading zero bits, and never spent before (the insert is the check, so two
 * processes racing on one challenge cannot both win).
 */
export async function spendChallenge(db: Db, keys: Keys, challenge: string, nonce: string): Promise<void> {
  const v = verified(keys, challenge);
  if (!v || v.expires.getTime() <= Date.now() || nonce.length === 0 || nonce.length > 40) {
    throw challengeFailed();
  }
  const digest = crypto
    .createHash('sha256')
    .update(challenge + nonce)
    .digest();
  if (leadingZeroBits(digest) < v.difficulty) throw challengeFailed();
  const spent = await db
    .insert(publicChallengesUsed)
    .values({
      challengeHash: crypto.createHash('sha256').update(challenge).digest('hex'),
      expiresAt: v.expires,
    })
    .onConflictDoNothing()
    .returning({ hash: publicChallengesUsed.challengeHash });
  if (spent.length === 0) throw challengeFailed();
}
