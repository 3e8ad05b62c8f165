import { lt } from 'drizzle-orm';
import { publicChallengesUsed, publicRateCounters } from '../../db/schema';
import type { Db } from '../../db/client';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Longer than the longest window (a day), so no live counter is ever lost. */
export const RATE_COUNTER_KEEP_DAYS = 2;

/**
 * Deletes rate-limit windows older than two days and spent challenges past their expiry (an expired
 * challenge is refused by its signed expiry, so its row has nothing left to guard). Returns the counts.
 */
export async function sweepPublicState(db: Db, now = new Date()) {
  const counters = await db
    .delete(publicRateCounters)
    .where(lt(publicRateCounters.windowStart, new Date(now.getTime() - RATE_COUNTER_KEEP_DAYS * DAY_MS)))
    .returning({ key: publicRateCounters.key });
  const challenges = await db
    .delete(publicChallengesUsed)
    .where(lt(publicChallengesUsed.expiresAt, now))
    .returning({ hash: publicChallengesUsed.challengeHash });
  return { counters: counters.length, challenges: challenges.length };
}

/** Sweeps now and then once a day while the server runs, like the file sweep; the timer never keeps the process alive. */
export function schedulePublicSweep(db: Db, log: (message: string) => void): () => void {
  const run = () =>
    sweepPublicState(db).then(
      (n) =>
        n.counters + n.challenges > 0 &&
        log(`已清理 ${n.counters} 条过期限流计数、${n.challenges} 条过期校验题记录`),
      (err: unknown) => log(`清理公开页面防刷记录失败：${err instanceof Error ? err.message : String(err)}`),
    );
  void run();
  const timer = setInterval(() => void run(), DAY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
