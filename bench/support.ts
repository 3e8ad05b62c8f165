import crypto from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { openDatabase, type Database } from '../server/db/client';

/** The driver underneath drizzle, for the baseline: SQL text and parameters, nothing else in between. */
export type Raw = {
  query<T>(text: string, params?: unknown[]): Promise<T[]>;
  exec(text: string): Promise<void>;
};

export type BenchDatabase = {
  database: Database;
  raw: Raw;
  /** What was opened, for the report; never the password. */
  label: string;
  close(): Promise<void>;
};

/**
 * A fresh, empty database: in-memory PGlite by default, or PGlite on `dataDir` (as `npm start` runs it:
 * the files on disk, not in the process's memory); with BENCH_DATABASE_URL, a new database on that
 * server, dropped again on close (the server's own databases are never touched).
 */
export async function openBenchDatabase(opts: { dataDir?: string } = {}): Promise<BenchDatabase> {
  const base = process.env.BENCH_DATABASE_URL;
  if (!base) {
    const database = await openDatabase({ dataDir: opts.dataDir });
    const client = database.pglite!;
    return {
      database,
      label: `PGlite (${opts.dataDir ? 'data directory' : 'in-memory'}, ${process.version})`,
      raw: {
        query: async <T>(text: string, params: unknown[] = []) => (await client.query<T>(text, params)).rows,
        exec: async (text) => void (await client.exec(text)),
      },
      close: () => database.close(),
    };
  }
  const name = `zm_bench_${crypto.randomBytes(5).toString('hex')}`;
  await adminQuery(base, `create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolMax: 4 });
  // The pool drizzle runs on: the baseline takes its connections from the same place.
  const pool = (database.db as unknown as { $client: pg.Pool }).$client;
  const version = (await pool.query<{ v: string }>("select current_setting('server_version') as v")).rows[0]
    .v;
  return {
    database,
    label: `PostgreSQL ${version} at ${url.host} (database ${name}, dropped at the end)`,
    raw: {
      query: async <T>(text: string, params: unknown[] = []) => (await pool.query(text, params)).rows as T[],
      exec: async (text) => void (await pool.query(text)),
    },
    close: async () => {
      await database.close();
      await adminQuery(base, `drop database if exists ${name} with (force)`);
    },
  };
}

async function adminQuery(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: performance.now() - start, value };
}

export function median(xs: number[]): number {
  return quantile(xs, 0.5);
}

/** Nearest-rank quantile. */
export function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

export const fmtMs = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));

export const fmtDuration = (ms: number) =>
  ms >= 60_000 ? `${(ms / 60_000).toFixed(1)} min` : `${(ms / 1000).toFixed(1)} s`;

/** Terminal width of a string: CJK characters take two columns. */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60]/.test(ch) ? 2 : 1;
  return w;
}

/** A plain-text table; columns after the first are right-aligned. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i]))));
  const pad = (s: string, i: number) => {
    const fill = ' '.repeat(widths[i] - displayWidth(s));
    return i === 0 ? s + fill : fill + s;
  };
  const line = (r: string[]) => r.map(pad).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
