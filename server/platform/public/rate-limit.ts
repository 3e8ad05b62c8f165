import { sql } from 'drizzle-orm';
import { publicRateCounters } from '../../db/schema';
import type { Db } from '../../db/client';
import { AppError } from '../http/errors';

export type RateRule = {
  /** What is counted: 'submit-address-10m', 'page-1h'… */
  bucket: string;
  /** Who or what is counted within the bucket: a keyed hash of an address, a page. */
  key: string;
  limit: number;
  windowSeconds: number;
  /** The clock, for tests. */
  now?: Date;
};

export const rateLimited = () => new AppError(429, 'rate_limited', '操作太频繁，请稍后再试');

/**
 * Counts one hit in the current fixed window and refuses it past the limit. One upsert in the
 * database, so every server process shares the count; a refused hit counts too, so hammering does
 * not reopen the window early.
 */
export async function assertWithinRate(db: Db, o: RateRule): Promise<void> {
  const windowMs = o.windowSeconds * 1000;
  const now = (o.now ?? new Date()).getTime();
  const windowStart = new Date(Math.floor(now / windowMs) * windowMs);
  const [row] = await db
    .insert(publicRateCounters)
    .values({ bucket: o.bucket, key: o.key, windowStart, count: 1 })
    .onConflictDoUpdate({
      target: [publicRateCounters.bucket, publicRateCounters.key, publicRateCounters.windowStart],
      set: { count: sql`${publicRateCounters.count} + 1` },
    })
    .returning({ count: publicRateCounters.count });
  if (row.count > o.limit) throw rateLimited();
}
