import crypto from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { loadConfig } from './config';
import { openDatabase, queryRows, type Database } from './db/client';
import { buildApp } from './app';
import { prepareDatabase } from './prepare';
import { ephemeralKeys } from './platform/crypto/keys';
import { totpCodeFor } from './platform/auth/totp';
import { createUser, type TestContext } from './test/harness';
import { asSuperuser } from './test/test-db';

/**
 * Several server processes on one PostgreSQL database: here, separate connection pools and app
 * instances stand in for separate processes. Runs only against a server (TEST_DATABASE_URL).
 */
const base = process.env.TEST_DATABASE_URL;
const config = loadConfig({}, {});
const keys = ephemeralKeys();
const name = `zm_mp_${crypto.randomBytes(5).toString('hex')}`;
const opened: Database[] = [];
const apps: FastifyInstance[] = [];

/** A connection to the test database. The restricted application role: server/app-role.test.ts. */
async function connect(): Promise<Database> {
  const url = new URL(base!);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolMax: 3 });
  opened.push(database);
  return database;
}

async function appOn(database: Database): Promise<FastifyInstance> {
  const app = await buildApp({ config, db: database.db, keys });
  await app.ready();
  apps.push(app);
  return app;
}

const describePg = base ? describe : describe.skip;

describePg('several servers on one PostgreSQL database', () => {
  let a: Database;
  let b: Database;

  beforeAll(async () => {
    await asSuperuser(new URL(base!).pathname.slice(1) || 'postgres', (c) =>
      c.query(`create database ${name}`),
    );
    a = await connect();
    b = await connect();
  });

  afterAll(async () => {
    for (const app of apps) await app.close();
    for (const database of opened) await database.close();
    await asSuperuser(new URL(base!).pathname.slice(1) || 'postgres', async (c) => {
      await c.query(`drop database if exists ${name} with (force)`);
    });
  });

  it('start together on an empty database and take turns: one migration, one unit tree, one administrator', async () => {
    const results = await Promise.all([prepareDatabase(a, config), prepareDatabase(b, config)]);
    expect(results.map((r) => r.admin.created).sort()).toEqual([false, true]);
    expect(results.map((r) => r.unitsInserted).sort((x, y) => x - y)).toEqual([0, 3226]);
    const [units] = await queryRows<{ n: number }>(a.db, sql`select count(*)::int as n from units`);
    expect(units.n).toBe(3226);
  });

  it('honour a session started through the other, and end it when the other signs out', async () => {
    const [one, two] = [await appOn(a), await appOn(b)];
    const user = await createUser({ db: a.db, keys } as TestContext, {
      role: 'operator',
      unitCode: '360100',
      totp: false,
    });
    const signedIn = await one.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: user.username, password: user.password },
    });
    expect(signedIn.statusCode, signedIn.body).toBe(200);
    const headers = sessionHeaders(signedIn);
    expect((await two.inject({ url: '/api/auth/me', headers })).json()).toMatchObject({ id: user.id });
    const out = await two.inject({ method: 'POST', url: '/api/auth/logout', headers });
    expect(out.statusCode).toBe(200);
    expect((await one.inject({ url: '/api/auth/me', headers })).statusCode).toBe(401);
  });

  it('share the second sign-in step, forced sign-outs and the lockout count', async () => {
    const [one, two] = [apps[0], apps[1]];
    const admin = await createUser({ db: a.db, keys } as TestContext, {
      role: 'unit_admin',
      unitCode: '360000',
    });
    const login = (app: FastifyInstance, password = admin.password) =>
      app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: admin.username, password } });
    const first = await login(one);
    const verified = await two.inject({
      method: 'POST',
      url: '/api/auth/totp/verify',
      headers: sessionHeaders(first),
      payload: { code: totpCodeFor(admin.totpSecret!) },
    });
    expect(verified.json().stage).toBe('full');
    // The full session has a new token (rotated when the second factor was proven).
    const headers = sessionHeaders(verified);
    expect((await one.inject({ url: '/api/accounts', headers })).statusCode).toBe(200);

    const operator = await createUser({ db: a.db, keys } as TestContext, {
      role: 'operator',
      unitCode: '360100',
      totp: false,
    });
    const theirs = sessionHeaders(
      await one.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: operator.username, password: operator.password },
      }),
    );
    const revoked = await two.inject({
      method: 'POST',
      url: `/api/accounts/${operator.id}/revoke-sessions`,
      headers,
    });
    expect(revoked.json()).toEqual({ revoked: 1 });
    expect((await one.inject({ url: '/api/auth/me', headers: theirs })).statusCode).toBe(401);

    const codes = [];
    for (const app of [one, two, one, two, one]) codes.push((await login(app, 'Wrong#Passw0rd1')).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 423]);
    expect((await login(two)).statusCode).toBe(423);
  });
});

function sessionHeaders(res: LightMyRequestResponse) {
  const cookie = res.cookies.find((c) => c.name === 'zm_sid');
  if (!cookie) throw new Error(`no session: ${res.statusCode} ${res.body}`);
  return {
    cookie: `zm_sid=${cookie.value}`,
    'x-csrf-token': (res.json() as { csrfToken: string }).csrfToken,
  };
}
