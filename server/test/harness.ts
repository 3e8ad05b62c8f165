import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { eq } from 'drizzle-orm';
import { loadConfig, type Config } from '../config';
import type { Database, Db } from '../db/client';
import { buildApp } from '../app';
import { ephemeralKeys, type Keys } from '../platform/crypto/keys';
import { seedUnitTree } from '../platform/units/seed-units';
import { seedDictionaries } from '../modules/dictionaries/dictionaries.seed';
import { units, users } from '../db/schema';
import { hashPassword } from '../platform/auth/passwords';
import { encryptField } from '../platform/crypto/field-crypto';
import { generateTotpSecret, totpCodeFor } from '../platform/auth/totp';
import type { Role } from '../../common/access';
import { openTestDatabase } from './test-db';

export type TestContext = {
  app: FastifyInstance;
  db: Db;
  database: Database;
  config: Config;
  keys: Keys;
  close(): Promise<void>;
};

/** A migrated database with the real unit tree and dictionaries, and the app on top of it. */
export async function createTestContext(overrides: Partial<Config> = {}): Promise<TestContext> {
  const database = await openTestDatabase();
  await seedUnitTree(database.db);
  await seedDictionaries(database.db);
  // Uploads and stored files go to a private temporary DATA_DIR, never the developer's ./data.
  const dataDir = overrides.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'zm-test-'));
  const config = loadConfig({}, { ...overrides, dataDir });
  const keys = ephemeralKeys();
  const app = await buildApp({ config, db: database.db, keys });
  await app.ready();
  return {
    app,
    db: database.db,
    database,
    config,
    keys,
    close: async () => {
      await app.close();
      await database.close();
      if (!overrides.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function unitIdByCode(db: Db, code: string): Promise<number> {
  const row = await db.select({ id: units.id }).from(units).where(eq(units.code, code));
  if (!row[0]) throw new Error(`no unit ${code}`);
  return row[0].id;
}

let seq = 0;
export const TEST_PASSWORD = 'Zhumeng#2026test';

export type TestUser = {
  id: number;
  username: string;
  password: string;
  role: Role;
  unitId: number;
  totpSecret?: string;
};

/** Inserts an account directly; roles that require TOTP get an enrolled secret so tests can sign in. */
export async function createUser(
  t: TestContext,
  opts: { role: Role; unitCode: string; username?: string; password?: string; totp?: boolean },
): Promise<TestUser> {
  const unitId = await unitIdByCode(t.db, opts.unitCode);
  const username = opts.username ?? `u${++seq}${Date.now().toString(36)}`;
  const password = opts.password ?? TEST_PASSWORD;
  const totpSecret = opts.totp === false ? undefined : generateTotpSecret();
  const [row] = await t.db
    .insert(users)
    .values({
      unitId,
      username,
      displayName: `测试${username}`,
      role: opts.role,
      passwordHash: await hashPassword(password),
      totpSecretEnc: totpSecret ? encryptField(t.keys, totpSecret) : null,
      totpEnabled: Boolean(totpSecret),
    })
    .returning({ id: users.id });
  return { id: row.id, username, password, role: opts.role, unitId, totpSecret };
}

export type Agent = {
  user: TestUser;
  request(opts: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
};

/**
 * The code of the earliest time step this user has not used yet. The server takes each code once
 * (replay protection); a person would wait for the next one, tests sign the same user in several
 * times a minute, so past the next step the harness forgets the used one instead of waiting.
 */
export async function freshTotpCode(t: TestContext, user: TestUser): Promise<string> {
  const [row] = await t.db.select({ last: users.totpLastStep }).from(users).where(eq(users.id, user.id));
  const now = Math.floor(Date.now() / 30_000);
  let step = Math.max(now, (row?.last ?? now - 1) + 1);
  if (step > now + 1) {
    await t.db.update(users).set({ totpLastStep: null }).where(eq(users.id, user.id));
    step = now;
  }
  return totpCodeFor(user.totpSecret!, new Date(step * 30_000));
}

/** Signs in through the API (password, then TOTP when enrolled) and returns a cookie-carrying client. */
export async function login(t: TestContext, user: TestUser, ip = '127.0.0.1'): Promise<Agent> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: user.username, password: user.password },
    remoteAddress: ip,
  });
  if (res.statusCode !== 200) throw new Error(`login failed ${res.statusCode} ${res.body}`);
  let cookie = res.cookies.find((c) => c.name === 'zm_sid');
  if (!cookie) throw new Error('no session cookie');
  let me = res.json() as { csrfToken: string; stage: string };
  const headers = () => ({ cookie: `zm_sid=${cookie!.value}`, 'x-csrf-token': me.csrfToken });
  if (me.stage === 'totp') {
    const v = await t.app.inject({
      method: 'POST',
      url: '/api/auth/totp/verify',
      headers: headers(),
      payload: { code: await freshTotpCode(t, user) },
      remoteAddress: ip,
    });
    if (v.statusCode !== 200) throw new Error(`totp failed ${v.statusCode} ${v.body}`);
    me = v.json();
    // The session moved to its full stage under a new token.
    cookie = v.cookies.find((c) => c.name === 'zm_sid') ?? cookie;
  }
  const request = (opts: InjectOptions) =>
    t.app.inject({ ...opts, remoteAddress: ip, headers: { ...headers(), ...(opts.headers ?? {}) } });
  return {
    user,
    request,
    get: (url) => request({ method: 'GET', url }),
    post: (url, body) => request({ method: 'POST', url, payload: body as object }),
    patch: (url, body) => request({ method: 'PATCH', url, payload: body as object }),
    put: (url, body) => request({ method: 'PUT', url, payload: body as object }),
    delete: (url) => request({ method: 'DELETE', url }),
  };
}
