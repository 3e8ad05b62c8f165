import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { queryRows } from '../../db/client';
import { publicChallengesUsed, publicRateCounters } from '../../db/schema';
import { buildApp } from '../../app';
import { createTestContext, type TestContext } from '../../test/harness';
import type { RequestContext } from '../http/context';
import { leadingZeroBits, solveChallenge } from '../../../common/pow';
import { assertWithinRate } from './rate-limit';
import { CHALLENGE_TTL_SECONDS, issueChallenge, spendChallenge } from './challenge';
import { anonymiseIp, publicUserAgent, rateAddress } from './client-address';
import { guardPublicForm } from './guard';
import { sweepPublicState } from './public-sweep';

let t: TestContext;
let second: FastifyInstance;
beforeAll(async () => {
  t = await createTestContext({ publicReadLimitPerMinute: 3, publicPowDifficulty: 6 });
  // A second server process on the same database: limits must count across both.
  second = await buildApp({ config: t.config, db: t.db, keys: t.keys });
  await second.ready();
});
afterAll(async () => {
  await second?.close();
  await t?.close();
});

const challengeFrom = (app: FastifyInstance, ip: string) =>
  app.inject({ method: 'GET', url: '/api/public/challenge', remoteAddress: ip });

/** A nonce whose digest has fewer leading zero bits than asked: a wrong answer. */
function wrongNonce(challenge: string, difficulty: number): string {
  for (let i = 0; ; i++) {
    const digest = crypto.createHash('sha256').update(`${challenge}w${i}`).digest();
    if (leadingZeroBits(digest) < difficulty) return `w${i}`;
  }
}

function fakeCtx(overrides: Partial<TestContext['config']> = {}): RequestContext {
  return { db: t.db, keys: t.keys, config: { ...t.config, ...overrides } } as RequestContext;
}

describe('rate limits', () => {
  it('refuses the hit past the limit with 429, counting across server processes', async () => {
    const ip = '203.0.113.7';
    expect((await challengeFrom(t.app, ip)).statusCode).toBe(200);
    expect((await challengeFrom(second, ip)).statusCode).toBe(200);
    expect((await challengeFrom(t.app, ip)).statusCode).toBe(200);
    const refused = await challengeFrom(second, ip);
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toEqual({ code: 'rate_limited', message: '操作太频繁，请稍后再试' });
    // Another address is counted on its own; the places route shares the read limit.
    expect((await challengeFrom(t.app, '203.0.113.8')).statusCode).toBe(200);
    const places = await t.app.inject({ url: '/api/public/places', remoteAddress: ip });
    expect(places.statusCode).toBe(429);
    // The counter keeps a keyed hash, never the address itself.
    const keys = await t.db.select({ key: publicRateCounters.key }).from(publicRateCounters);
    expect(keys.some((k) => k.key.includes('203.0.113'))).toBe(false);
  });

  it('starts afresh in the next window', async () => {
    const rule = { bucket: 'test', key: 'roll', limit: 2, windowSeconds: 60 };
    const start = new Date('2026-12-07T10:00:05Z');
    await assertWithinRate(t.db, { ...rule, now: start });
    await assertWithinRate(t.db, { ...rule, now: new Date('2026-12-07T10:00:59Z') });
    await expect(assertWithinRate(t.db, { ...rule, now: start })).rejects.toMatchObject({ status: 429 });
    await assertWithinRate(t.db, { ...rule, now: new Date('2026-12-07T10:01:00Z') });
    await assertWithinRate(t.db, { ...rule, now: new Date('2026-12-07T10:01:30Z') });
    await expect(
      assertWithinRate(t.db, { ...rule, now: new Date('2026-12-07T10:01:59Z') }),
    ).rejects.toMatchObject({ status: 429 });
  });
});

describe('proof-of-work challenge', () => {
  it('issues the configured difficulty, signed, expiring in minutes', async () => {
    const res = await challengeFrom(t.app, '198.51.100.1');
    const body = res.json();
    expect(body.difficulty).toBe(6);
    expect(body.challenge).toMatch(/^1\.6\.\d+\.[\w-]{22}\.[\w-]{43}$/);
    const ttl = (Date.parse(body.expiresAt) - Date.now()) / 1000;
    expect(ttl).toBeGreaterThan(CHALLENGE_TTL_SECONDS - 5);
    expect(ttl).toBeLessThanOrEqual(CHALLENGE_TTL_SECONDS);
  });

  it('accepts a solved challenge once and refuses it the second time', async () => {
    const { challenge, difficulty } = issueChallenge(t.keys, 8);
    const nonce = await solveChallenge(challenge, difficulty);
    await spendChallenge(t.db, t.keys, challenge, nonce);
    await expect(spendChallenge(t.db, t.keys, challenge, nonce)).rejects.toMatchObject({
      status: 400,
      code: 'challenge_failed',
      message: '校验未通过，请刷新页面后重试',
    });
  });

  it('refuses a wrong nonce, an expired challenge, a forged signature and a lowered difficulty', async () => {
    const fails = (challenge: string, nonce: string) =>
      expect(spendChallenge(t.db, t.keys, challenge, nonce)).rejects.toMatchObject({
        code: 'challenge_failed',
      });

    const a = issueChallenge(t.keys, 8);
    await fails(a.challenge, wrongNonce(a.challenge, 8));
    await fails(a.challenge, '');

    const b = issueChallenge(t.keys, 4);
    const bNonce = await solveChallenge(b.challenge, 4);
    const now = Date.now();
    const clock = vi.spyOn(Date, 'now').mockReturnValue(now + (CHALLENGE_TTL_SECONDS + 1) * 1000);
    try {
      await fails(b.challenge, bNonce);
    } finally {
      clock.mockRestore();
    }

    const c = issueChallenge(t.keys, 4);
    const sig = c.challenge.slice(-43);
    const flipped = c.challenge.slice(0, -43) + (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1);
    await fails(flipped, await solveChallenge(flipped, 4));
    const otherKeys = { ...t.keys, index: crypto.randomBytes(32) };
    const foreign = issueChallenge(otherKeys, 4);
    await fails(foreign.challenge, await solveChallenge(foreign.challenge, 4));

    // The difficulty is part of what is signed: rewriting it to 0 breaks the signature.
    const d = issueChallenge(t.keys, 20);
    const lowered = d.challenge.replace(/^1\.20\./, '1.0.');
    await fails(lowered, 'anything');
    // A nonce good for 4 bits is not good for 20.
    let weak = '';
    for (let i = 0; !weak; i++) {
      const bits = leadingZeroBits(crypto.createHash('sha256').update(`${d.challenge}${i}`).digest());
      if (bits >= 4 && bits < 20) weak = String(i);
    }
    await fails(d.challenge, weak);

    // The unspent challenges were not recorded as spent: only the valid one above left a row.
    const [{ n }] = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from public_challenges_used`,
    );
    expect(n).toBe(1);
  });
});

describe('public form guard', () => {
  it('answers a filled honeypot as accepted, spending nothing; a person passes with a solved challenge', async () => {
    const ctx = fakeCtx();
    const c = issueChallenge(t.keys, 4);
    const nonce = await solveChallenge(c.challenge, 4);
    const before = await t.db.select().from(publicChallengesUsed);
    const robot = await guardPublicForm(
      ctx,
      { ip: '192.0.2.10' },
      {
        pageKey: 'page:1',
        challenge: c.challenge,
        nonce,
        website: 'http://spam.example',
      },
    );
    expect(robot).toEqual({ robot: true });
    expect(await t.db.select().from(publicChallengesUsed)).toHaveLength(before.length);
    const person = await guardPublicForm(
      ctx,
      { ip: '192.0.2.10' },
      {
        pageKey: 'page:1',
        challenge: c.challenge,
        nonce,
        website: '',
      },
    );
    expect(person).toEqual({ robot: false });
  });

  it('limits submissions per address and per page', async () => {
    const perAddress = fakeCtx({ publicSubmitLimitPer10Minutes: 2 });
    const submit = async (ctx: RequestContext, ip: string, pageKey: string) => {
      const c = issueChallenge(t.keys, 1);
      return guardPublicForm(
        ctx,
        { ip },
        { pageKey, challenge: c.challenge, nonce: await solveChallenge(c.challenge, 1) },
      );
    };
    await submit(perAddress, '192.0.2.20', 'page:2');
    await submit(perAddress, '192.0.2.20', 'page:3');
    await expect(submit(perAddress, '192.0.2.20', 'page:4')).rejects.toMatchObject({ status: 429 });
    // One IPv6 subscriber's /64 is one address.
    await submit(perAddress, '2001:db8:1:2::1', 'page:5');
    await submit(perAddress, '2001:db8:1:2:ffff::9', 'page:5');
    await expect(submit(perAddress, '2001:db8:1:2::77', 'page:5')).rejects.toMatchObject({ status: 429 });

    const perPage = fakeCtx({ publicPageLimitPerHour: 2 });
    await submit(perPage, '192.0.2.31', 'page:6');
    await submit(perPage, '192.0.2.32', 'page:6');
    await expect(submit(perPage, '192.0.2.33', 'page:6')).rejects.toMatchObject({ status: 429 });
  });
});

describe('client address', () => {
  it('anonymises IPv4, IPv6 and IPv4-mapped IPv6', () => {
    expect(anonymiseIp('203.0.113.77')).toBe('203.0.113.0');
    expect(anonymiseIp('2001:db8:abcd:12:1:2:3:4')).toBe('2001:db8:abcd::');
    expect(anonymiseIp('2001:db8::1')).toBe('2001:db8:0::');
    expect(anonymiseIp('fe80::1%eth0')).toBe('fe80:0:0::');
    expect(anonymiseIp('::1')).toBe('0:0:0::');
    expect(anonymiseIp('::ffff:203.0.113.77')).toBe('203.0.113.0');
    expect(anonymiseIp('::ffff:cb00:714d')).toBe('203.0.113.0');
    expect(anonymiseIp('not an address')).toBe('未知');
    expect(rateAddress('::ffff:203.0.113.77')).toBe('203.0.113.77');
    expect(rateAddress('2001:db8:abcd:12:1:2:3:4')).toBe('2001:db8:abcd:12::/64');
  });

  it('keeps at most 300 printable characters of the user agent', () => {
    expect(
      publicUserAgent({ headers: { 'user-agent': `Mozilla\u0000/5.0 ${'x'.repeat(400)}` } }),
    ).toHaveLength(300);
    expect(publicUserAgent({ headers: { 'user-agent': 'A\u0007B\u200bC' } })).toBe('ABC');
    expect(publicUserAgent({ headers: {} })).toBe('');
  });
});

describe('sweep', () => {
  it('deletes windows older than two days and spent challenges past expiry, nothing else', async () => {
    const now = new Date();
    const old = new Date(now.getTime() - 3 * 24 * 3600 * 1000);
    await t.db.insert(publicRateCounters).values([
      { bucket: 'sweep', key: 'old', windowStart: old, count: 1 },
      { bucket: 'sweep', key: 'new', windowStart: new Date(now.getTime() - 3600 * 1000), count: 1 },
    ]);
    await t.db.insert(publicChallengesUsed).values([
      { challengeHash: 'sweep-old', expiresAt: new Date(now.getTime() - 1000) },
      { challengeHash: 'sweep-new', expiresAt: new Date(now.getTime() + 60_000) },
    ]);
    const removed = await sweepPublicState(t.db, now);
    expect(removed.counters).toBeGreaterThanOrEqual(1);
    const counters = await t.db.select({ key: publicRateCounters.key }).from(publicRateCounters);
    expect(counters.map((c) => c.key)).toContain('new');
    expect(counters.map((c) => c.key)).not.toContain('old');
    const challenges = (await t.db.select().from(publicChallengesUsed)).map((c) => c.challengeHash);
    expect(challenges).toContain('sweep-new');
    expect(challenges).not.toContain('sweep-old');
  });
});
