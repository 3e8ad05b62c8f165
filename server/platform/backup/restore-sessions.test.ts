import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../app';
import { loadConfig, type Config } from '../../config';
import { openDatabase, queryRows, type Database } from '../../db/client';
import { users } from '../../db/schema';
import { hashPassword } from '../auth/passwords';
import { loadKeys } from '../crypto/keys';
import { backupDatabase, restoreDatabase } from './backup';

const tmpDirs: string[] = [];
function tmpDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zm-restore-'));
  tmpDirs.push(dir);
  return dir;
}

beforeAll(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

afterAll(() => {
  for (const dir of tmpDirs) fs.rmSync(dir, { recursive: true, force: true });
});

const PASSWORD = 'Zhumeng#2026restore';

/** The server as `npm start` runs it, on this configuration, for as long as `work` takes. */
async function withServer<T>(config: Config, work: (app: FastifyInstance, database: Database) => Promise<T>) {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolMax: 2,
  });
  const keys = loadKeys(
    { dataKey: config.dataKey, indexKey: config.indexKey, dataDir: config.dataDir },
    { allowGenerate: true },
  );
  const app = await buildApp({ config, db: database.db, keys });
  await app.ready();
  try {
    return await work(app, database);
  } finally {
    await app.close();
    await database.close();
  }
}

/** A database with one unit and one operator account (no TOTP), migrated. */
async function seed(config: Config) {
  await withServer(config, async (_app, database) => {
    await database.migrate();
    await database.db
      .execute(sql`insert into units (code, name, org_name, level, path, name_pinyin, name_initials)
      values ('990000', '恢复测试省', '共青团恢复测试省委员会', 'province', '/0/', 'x', 'x')`);
    const [unit] = await queryRows<{ id: number }>(database.db, sql`select id from units`);
    await database.db.insert(users).values({
      unitId: unit.id,
      username: 'restore_op',
      displayName: '恢复测试',
      role: 'operator',
      passwordHash: await hashPassword(PASSWORD),
    });
  });
}

type Session = { cookie: string; csrf: string };

async function login(app: FastifyInstance): Promise<Session> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'restore_op', password: PASSWORD },
  });
  expect(res.statusCode).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'zm_sid')!;
  return { cookie: `zm_sid=${cookie.value}`, csrf: (res.json() as { csrfToken: string }).csrfToken };
}

const me = (app: FastifyInstance, s: Session) =>
  app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.cookie } });

const logout = (app: FastifyInstance, s: Session) =>
  app.inject({
    method: 'POST',
    url: '/api/auth/logout',
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
  });

type AuditRow = { username: string | null; target_label: string | null; detail: Record<string, unknown> };

/**
 * Log in, back up, log out, restore: the session the backup still holds as live must stay dead,
 * and the restored audit log says who restored which file.
 */
async function loggedOutSessionStaysDead(config: Config) {
  await seed(config);
  const session = await withServer(config, (app) => login(app));
  const file = await backupDatabase(config);
  await withServer(config, async (app) => {
    expect((await me(app, session)).statusCode).toBe(200);
    expect((await logout(app, session)).statusCode).toBe(200);
    expect((await me(app, session)).statusCode).toBe(401);
  });

  await restoreDatabase(config, file, { force: true });

  const sha256 = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  await withServer(config, async (app, database) => {
    expect((await me(app, session)).statusCode).toBe(401);
    const [restored] = await queryRows<AuditRow>(
      database.db,
      sql`select username, target_label, detail from audit_log where action = 'system.restored'`,
    );
    expect(restored.target_label).toBe(path.basename(file));
    expect(restored.username).toBe(`${os.userInfo().username}@${os.hostname()}（命令行）`);
    expect(restored.detail).toMatchObject({
      via: 'cli',
      osUser: os.userInfo().username,
      file: path.basename(file),
      sha256,
      sessionsRevoked: 1,
    });
    // Signing in again works: the restore locked nobody out.
    expect((await me(app, await login(app))).statusCode).toBe(200);
  });
}

describe('a restore revokes every session and is audited', () => {
  it('embedded database', async () => {
    await loggedOutSessionStaysDead(loadConfig({ DATA_DIR: tmpDir() }));
  });

  const base = process.env.TEST_DATABASE_URL;
  it.skipIf(!base)('PostgreSQL (pg_dump / pg_restore)', async () => {
    const name = `zm_rs_${crypto.randomBytes(5).toString('hex')}`;
    const admin = async (query: string) => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(query);
      await c.end();
    };
    await admin(`create database ${name}`);
    try {
      const url = new URL(base!);
      url.pathname = `/${name}`;
      const key = () => crypto.randomBytes(32).toString('hex');
      await loggedOutSessionStaysDead(
        loadConfig({
          DATA_DIR: tmpDir(),
          DATABASE_URL: url.toString(),
          ZHUMENG_DATA_KEY: key(),
          ZHUMENG_INDEX_KEY: key(),
        }),
      );
    } finally {
      await admin(`drop database if exists ${name} with (force)`);
    }
  });
});
