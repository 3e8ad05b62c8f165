import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { loadConfig } from './config';
import { openDatabase, queryRows, type Database } from './db/client';
import { buildApp } from './app';
import { prepareDatabase } from './prepare';
import { ephemeralKeys } from './platform/crypto/keys';
import { settleImportJobs } from './platform/import/jobs/runner';
import type { TestContext } from './test/harness';
import { asSuperuser } from './test/test-db';
import { smokeAccounts, smokeRegistry } from './test/app-role-smoke-people';
import { smokeCultivation, smokePlansAndReports } from './test/app-role-smoke-work';

/**
 * The server as production runs it (docs/decisions/0003): connected as an application role that is
 * not the owner, with exactly the documented grants, through one write and one read of every
 * module. A missing grant shows here as a 500. Runs only against a server (TEST_DATABASE_URL).
 */
const base = process.env.TEST_DATABASE_URL;
const name = `zm_role_${crypto.randomBytes(5).toString('hex')}`;
const appRole = `${name}_app`;
const opened: Database[] = [];

/** The grants of docs/decisions/0003-audit-append-only.md, in that order. */
const APP_ROLE_GRANTS = [
  `grant usage on schema public, drizzle to ${appRole}`,
  `grant select, insert, update, delete on all tables in schema public to ${appRole}`,
  `revoke update, delete, truncate on audit_log from ${appRole}`,
  `grant usage on all sequences in schema public to ${appRole}`,
  `grant select on drizzle.__drizzle_migrations to ${appRole}`,
];

/** A connection to the test database, optionally acting as another role (no password needed). */
async function connect(role?: string): Promise<Database> {
  const url = new URL(base!);
  url.pathname = `/${name}`;
  if (role) url.searchParams.set('options', `-c role=${role}`);
  const database = await openDatabase({ databaseUrl: url.toString(), poolMax: 3 });
  opened.push(database);
  return database;
}

const describePg = base ? describe : describe.skip;
const maintenanceDb = () => new URL(base!).pathname.slice(1) || 'postgres';

describePg('the server as the restricted application role (docs/decisions/0003)', () => {
  let t: TestContext;

  beforeAll(async () => {
    await asSuperuser(maintenanceDb(), (c) => c.query(`create database ${name}`));
    const config = loadConfig({}, { dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'zm-role-')) });
    // The owner (here the superuser) migrates and seeds; the application role only runs.
    const owner = await connect();
    await prepareDatabase(owner, config);
    await asSuperuser(name, async (c) => {
      await c.query(`create role ${appRole} nologin`);
      for (const grant of APP_ROLE_GRANTS) await c.query(grant);
    });
    const restricted = await connect(appRole);
    // Starting runs the startup steps; with nothing to migrate it must not need CREATE.
    await prepareDatabase(restricted, config);
    const keys = ephemeralKeys();
    const app = await buildApp({ config, db: restricted.db, keys });
    await app.ready();
    t = {
      app,
      db: restricted.db,
      database: restricted,
      config,
      keys,
      close: async () => {
        await app.close();
      },
    };
  }, 120_000);

  afterAll(async () => {
    await settleImportJobs();
    await t?.close();
    for (const database of opened) await database.close();
    if (t) fs.rmSync(t.config.dataDir, { recursive: true, force: true });
    await asSuperuser(maintenanceDb(), async (c) => {
      await c.query(`drop database if exists ${name} with (force)`);
      await c.query(`drop role if exists ${appRole}`);
    });
  });

  it('is connected as that role, not as the owner', async () => {
    const [who] = await queryRows<{ u: string; owner: string }>(
      t.db,
      sql`select current_user as u, (select tableowner from pg_tables where tablename = 'audit_log') as owner`,
    );
    expect(who.u).toBe(appRole);
    expect(who.owner).not.toBe(appRole);
  });

  it('may only add to and read the audit log', async () => {
    const refused = async (statement: string) => {
      const error = await t.db.execute(sql.raw(statement)).then(
        () => null,
        (err: { cause?: { message?: string } }) => err.cause?.message ?? String(err),
      );
      expect(error, statement).toMatch(/permission denied|must be owner/);
    };
    await refused(`update audit_log set outcome = 'success'`);
    await refused(`delete from audit_log`);
    await refused(`truncate audit_log`);
    await refused(`alter table audit_log disable trigger audit_log_no_update`);
    await refused(`drop trigger audit_log_no_update on audit_log`);
  });

  it('signs in, locks, changes and resets passwords and tells the user', async () => {
    await smokeAccounts(t);
  });

  it('keeps the youth registry: dictionaries, records, duplicates, imports, attachments, export', async () => {
    await smokeRegistry(t);
  }, 60_000);

  it('runs training, mentoring, events and societies, and shows them on the home page', async () => {
    await smokeCultivation(t);
  }, 60_000);

  it('saves a plan from pasted text and collects a report up the tree', async () => {
    await smokePlansAndReports(t);
  }, 60_000);

  it('wrote every step to the audit log as that role', async () => {
    const [row] = await queryRows<{ n: number; actions: string[] }>(
      t.db,
      sql`select count(*)::int as n, array_agg(distinct action) as actions from audit_log`,
    );
    expect(row.n).toBeGreaterThan(30);
    expect(row.actions).toEqual(
      expect.arrayContaining(['account.password_reset', 'youth.created', 'youth.imported']),
    );
  });
});
