import { eq } from 'drizzle-orm';
import type { Db } from '../server/db/client';
import { users } from '../server/db/schema';
import type { Keys } from '../server/platform/crypto/keys';
import { seedJudgingCall } from '../server/modules/judging/judging-test-fixtures';
import { USERS } from './fixtures';

/** The judging spec's call: eight eligible works of 南昌 with real files; judge C mentors the first entrant. */
export const JUDGING_E2E_SLUG = 'e2e-judging';

export async function seedJudgingFixtures(db: Db, keys: Keys, config: { dataDir: string }) {
  const [judgeC] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.username, USERS.judgeC.username));
  await seedJudgingCall(
    { db, keys, config },
    { unitCode: '360100', slug: JUDGING_E2E_SLUG, mentorUserId: judgeC.id },
  );
}
