/**
 * Prepares the browser tests' database before the server starts: migrations, the real unit tree,
 * dictionaries, and a known set of accounts (TOTP secrets fixed so tests can compute codes).
 * Run by global-setup.ts as `tsx e2e/seed-e2e.ts` with DATA_DIR set.
 */
import { loadConfig } from '../server/config';
import { openDatabase } from '../server/db/client';
import { units, users } from '../server/db/schema';
import { seedUnitTree } from '../server/platform/units/seed-units';
import { seedDictionaries } from '../server/modules/dictionaries/dictionaries.seed';
import { ensureSystemAdmin } from '../server/platform/auth/bootstrap-admin';
import { hashPassword } from '../server/platform/auth/passwords';
import { encryptField } from '../server/platform/crypto/field-crypto';
import { loadKeys } from '../server/platform/crypto/keys';
import { E2E_PASSWORD, USERS } from './fixtures';
import { eq } from 'drizzle-orm';
import { seedMentorFixtures } from './seed-mentors';
import { seedSocietyFixtures } from './seed-societies';
import { seedFederationFixtures } from './seed-federation';
import { seedPlanFixtures } from './seed-plans';
import { seedReportFixtures } from './seed-reports';
import { seedAwardsFixtures } from './seed-awards';
import { seedJudgingFixtures } from './seed-judging';
import { seedShowcaseFixtures } from './seed-showcase';

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
await database.migrate();
await seedUnitTree(database.db);
await seedDictionaries(database.db);
await ensureSystemAdmin(database.db, config);
// The server's own keys: from the environment with a database server, else the data directory's.
const keys = loadKeys(
  {
    dataKey: config.dataKey,
    indexKey: config.indexKey,
    dataDir: config.databaseUrl ? undefined : config.dataDir,
  },
  { allowGenerate: !config.databaseUrl },
);

const unitId = async (code: string) =>
  (await database.db.select({ id: units.id }).from(units).where(eq(units.code, code)))[0].id;

const hash = await hashPassword(E2E_PASSWORD);
const accounts = [
  { ...USERS.admin, role: 'system_admin', unit: '000000', name: '系统管理员' },
  { ...USERS.jxAdmin, role: 'unit_admin', unit: '360000', name: '江西管理员' },
  { ...USERS.hzAdmin, role: 'unit_admin', unit: '330100', name: '杭州管理员' },
  { ...USERS.ncOperator, role: 'operator', unit: '360100', name: '南昌经办' },
  { ...USERS.ncReviewer, role: 'reviewer', unit: '360100', name: '南昌审核' },
  { ...USERS.lockme, role: 'operator', unit: '360100', name: '锁定测试' },
  { ...USERS.enrol, role: 'reviewer', unit: '360100', name: '绑定测试' },
  { ...USERS.dhOperator, role: 'operator', unit: '360102', name: '东湖经办' },
  { ...USERS.judgeA, role: 'judge', unit: '360100', name: '评委甲' },
  { ...USERS.judgeB, role: 'judge', unit: '360100', name: '评委乙' },
  { ...USERS.judgeC, role: 'judge', unit: '360100', name: '评委丙' },
];
for (const a of accounts) {
  const secret = 'totpSecret' in a ? a.totpSecret : undefined;
  await database.db.insert(users).values({
    unitId: await unitId(a.unit),
    username: a.username,
    displayName: a.name,
    role: a.role,
    passwordHash: hash,
    totpSecretEnc: secret ? encryptField(keys, secret) : null,
    totpEnabled: Boolean(secret),
  });
}
await seedMentorFixtures(database.db, await unitId('360100'));
await seedSocietyFixtures(database.db, await unitId('360100'));
await seedFederationFixtures(database.db, await unitId('360100'));
await seedPlanFixtures(database.db, await unitId('360100'));
await seedReportFixtures(database.db, await unitId('000000'), await unitId('360100'));
await seedAwardsFixtures(database.db);
await seedJudgingFixtures(database.db, keys, config);
await seedShowcaseFixtures(database.db, keys, config);
await database.close();
