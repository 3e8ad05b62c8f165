import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql, type SQL } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite, type PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema';
import { acquireDataDirLock } from './lock';
import { makeTreePrivate, PRIVATE_DIR_MODE, secureDataDir } from './private-files';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export type Database = {
  db: Db;
  kind: 'embedded' | 'postgres';
  /** Applies pending migrations, one process at a time. */
  migrate(): Promise<void>;
  /**
   * Runs `work` while no other process sharing the database runs its own (a PostgreSQL advisory lock
   * held on one connection, which `work` is given): startup steps of several servers cannot interleave.
   * The embedded database has one process by construction.
   */
  exclusive<T>(work: (db: Db) => Promise<T>): Promise<T>;
  /** Applies pending migrations through `db` (inside `exclusive`). */
  migrateWith(db: Db): Promise<void>;
  close(): Promise<void>;
  /** Embedded only: the PGlite instance, for dumpDataDir backups. */
  pglite?: PGlite;
};

const migrationsFolder = path.join(import.meta.dirname, 'migrations');

export type DatabaseOptions = {
  databaseUrl?: string;
  /** Embedded: a directory on disk, or undefined for an in-memory database (tests). */
  dataDir?: string;
  poolMax?: number;
  /** Embedded: load an existing dump (restore). */
  loadDataDir?: Blob;
};

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.databaseUrl) {
    // Stored files, uploads in progress and backups live there with a PostgreSQL server too.
    if (opts.dataDir && fs.existsSync(opts.dataDir)) secureDataDir(opts.dataDir);
    return openPostgres(opts.databaseUrl, opts.poolMax ?? 10);
  }
  return openEmbedded(opts.dataDir, opts.loadDataDir);
}

/** Any constant both processes agree on: the key of the startup advisory lock. */
const STARTUP_LOCK_KEY = 0x7a6d_0001;

async function openPostgres(url: string, max: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on('error', (err) => console.error('PostgreSQL 连接池错误', err.message));
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  const exclusive = async <T>(work: (db: Db) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      await client.query('select pg_advisory_lock($1)', [STARTUP_LOCK_KEY]);
      return await work(drizzlePg(client, { schema }) as unknown as Db);
    } finally {
      await client.query('select pg_advisory_unlock($1)', [STARTUP_LOCK_KEY]).catch(() => undefined);
      client.release();
    }
  };
  const migrateWith = async (on: Db) => {
    if (!(await hasPendingMigrations(on))) return;
    try {
      await migratePg(on as unknown as NodePgDatabase<Schema>, { migrationsFolder });
    } catch (err) {
      if ((err as { cause?: { code?: string } }).cause?.code !== '42501') throw err;
      throw new Error(
        '数据库有待执行的迁移，但当前数据库账号无权修改表结构：请用数据库所有者账号执行 npm run migrate 后再启动（见 docs/decisions/0003-audit-append-only.md）',
        { cause: err },
      );
    }
  };
  return {
    db,
    kind: 'postgres',
    exclusive,
    migrateWith,
    migrate: () => exclusive(migrateWith),
    close: () => pool.end(),
  };
}

/**
 * Drizzle's migrator creates its schema and table before it looks, which an application role
 * without CREATE cannot do (docs/decisions/0003): look first, the way it does — the journal's
 * timestamps against the newest one recorded — and run it only when something is pending.
 */
async function hasPendingMigrations(db: Db): Promise<boolean> {
  const latest = Math.max(...readMigrationFiles({ migrationsFolder }).map((m) => m.folderMillis));
  const table = await queryRows<{ ok: boolean }>(
    db,
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as ok`,
  );
  if (!table[0]?.ok) return true;
  const applied = await queryRows<{ at: string | null }>(
    db,
    sql`select max(created_at)::text as at from drizzle.__drizzle_migrations`,
  );
  return Number(applied[0]?.at ?? 0) < latest;
}

/**
 * The embedded server's buffer cache. PGlite's default 128 MB grows its WebAssembly memory to 189 MB,
 * all of it touched (an opened database: 367 MB rss; 268 MB with 32 MB). At 64 MB it stays at the
 * 128 MB PGlite starts with through a 100,000-row import, while a list page during a commit is not
 * slowed the ~15% it was at 32 MB (bench/, decision 0005); the operating system caches the files too.
 */
const EMBEDDED_SETTINGS = ['-c', 'shared_buffers=64MB'];

async function openEmbedded(dataDir: string | undefined, loadDataDir?: Blob): Promise<Database> {
  let release = () => {};
  let pgDir: string | undefined;
  if (dataDir) {
    release = acquireDataDirLock(dataDir);
    pgDir = path.join(dataDir, 'pgdata');
    fs.mkdirSync(pgDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  }
  try {
    if (dataDir) secureDataDir(dataDir);
    const client = await PGlite.create({
      dataDir: pgDir,
      extensions: { pg_trgm },
      loadDataDir,
      startParams: [...PGlite.defaultStartParams, ...EMBEDDED_SETTINGS],
    });
    // PGlite writes its files 0666 whatever the umask (initdb, a restored dump, new relations).
    if (pgDir) makeTreePrivate(pgDir);
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    const migrateWith = (on: Db) =>
      migratePglite(on as unknown as PgliteDatabase<Schema>, { migrationsFolder });
    return {
      db,
      kind: 'embedded',
      pglite: client,
      exclusive: (work) => work(db),
      migrateWith,
      migrate: () => migrateWith(db),
      close: async () => {
        await client.close();
        if (pgDir) makeTreePrivate(pgDir);
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}

/** Raw SQL for repositories: both drivers answer with `{ rows }`. Cast counts to int in SQL (pg gives bigint as text). */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const res = (await db.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}
