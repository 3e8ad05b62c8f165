/**
 * 青年库 import at scale: the platform import (analyseFile, then commitJob, as POST /api/youth/imports and
 * …/commit run them) of a generated roster of BENCH_ROWS people (100,000 by default), against reading the
 * same file alone and a raw multi-row INSERT of the same people through the same driver. Prints times,
 * ratios and memory peaks; asserts only that the import did what it should. Usage: npm run bench:import
 * [-- BENCH_ROWS=…], and BENCH_DATABASE_URL=postgres://… for a PostgreSQL server. See bench/README.md.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { FastifyBaseLogger } from 'fastify';
import type pg from 'pg';
import { todayInChina } from '../common/validators';
import { loadConfig } from '../server/config';
import type { Db } from '../server/db/client';
import { seedDictionaries } from '../server/modules/dictionaries/dictionaries.seed';
import { YOUTH_IMPORT } from '../server/modules/youth/youth-import';
import { YOUTH_COLUMNS } from '../server/modules/youth/youth-import.columns';
import { normaliseYouth } from '../server/modules/youth/youth.input';
import type { Viewer } from '../server/platform/access/viewer';
import { ephemeralKeys, type Keys } from '../server/platform/crypto/keys';
import { openSpreadsheet, readRecords } from '../server/platform/import';
import * as jobs from '../server/platform/import/jobs/jobs.repo';
import { analyseFile, commitJob } from '../server/platform/import/jobs/runner';
import type { ImportScope } from '../server/platform/import/jobs/types';
import { seedUnitTree } from '../server/platform/units/seed-units';
import { DbClock, timedDb, timedKind } from './youth-import.instrument';
import { rosterPerson, writeRoster } from './youth-import.roster';
import { fmtDuration, median, openBenchDatabase, table, timed, type BenchDatabase } from './support';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
/** The smaller file, analysed too, to see whether memory grows with the file. */
const SMALL_ROWS = Math.max(1, Math.floor(ROWS / 5));
/** Rows per statement of the raw INSERT baseline. */
const RAW_BATCH = 1_000;
/** Reads of the file for baseline A; the median is used. */
const PARSE_REPS = 3;
const UNIT_CODE = '360000';
const MB = 1024 * 1024;

const gc = (globalThis as { gc?: () => void }).gc;
const collect = () => {
  gc?.();
  gc?.();
};

type Mem = { rss: number; heapUsed: number; external: number };
const memNow = (): Mem => {
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, external: m.external };
};

/**
 * process.memoryUsage() every 100 ms (and at start and stop), after a forced collection at start. With
 * `liveEvery`, every that many samples a forced collection first: heapUsed right after it is what is
 * still held (live), not garbage V8 has not collected yet. That costs time, so timed runs do without.
 */
class MemorySampler {
  readonly start: Mem;
  readonly peak: Mem;
  /** Peak heapUsed right after a forced collection (only with liveEvery). */
  livePeak = 0;
  private timer: NodeJS.Timeout;
  samples = 0;
  constructor(private liveEvery = 0) {
    collect();
    this.start = memNow();
    this.peak = { ...this.start };
    this.timer = setInterval(() => this.sample(), 100);
  }
  private sample() {
    if (this.liveEvery && gc && this.samples % this.liveEvery === 0) {
      gc();
      this.livePeak = Math.max(this.livePeak, process.memoryUsage().heapUsed);
    }
    const m = memNow();
    this.samples += 1;
    this.peak.rss = Math.max(this.peak.rss, m.rss);
    this.peak.heapUsed = Math.max(this.peak.heapUsed, m.heapUsed);
    this.peak.external = Math.max(this.peak.external, m.external);
  }
  stop() {
    this.sample();
    clearInterval(this.timer);
    collect();
    return {
      start: this.start,
      peak: this.peak,
      end: memNow(),
      samples: this.samples,
      livePeak: this.livePeak,
    };
  }
}
type MemReport = ReturnType<MemorySampler['stop']>;

const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
const perSecond = (rows: number, ms: number) =>
  `${Math.round((rows * 1000) / ms).toLocaleString('en')} rows/s`;

function quietLogger(): FastifyBaseLogger {
  const noop = () => undefined;
  const logger = {
    level: 'error',
    fatal: (obj: unknown, msg?: string) => console.error('[fatal]', msg, obj),
    error: (obj: unknown, msg?: string) => console.error('[error]', msg, obj),
    warn: noop,
    info: noop,
    debug: noop,
    trace: noop,
    silent: noop,
    child: () => logger,
  };
  return logger as unknown as FastifyBaseLogger;
}

/** Baseline A: the file read as the import reads it, records counted, nothing judged or written. */
async function parseOnly(file: string): Promise<number> {
  const source = await openSpreadsheet(file, path.basename(file));
  let n = 0;
  for await (const record of readRecords(source, YOUTH_COLUMNS)) if (record) n += 1;
  return n;
}

/** One transaction on one connection: PGlite's own, or a client of the pool drizzle runs on. */
async function inTransaction(
  bench: BenchDatabase,
  work: (query: (text: string, params: unknown[]) => Promise<unknown>) => Promise<void>,
) {
  const lite = bench.database.pglite;
  if (lite) {
    await lite.transaction((tx) => work((text, params) => tx.query(text, params)));
    return;
  }
  const pool = (bench.database.db as unknown as { $client: pg.Pool }).$client;
  const client = await pool.connect();
  try {
    await client.query('begin');
    await work((text, params) => client.query(text, params));
    await client.query('commit');
  } catch (err) {
    await client.query('rollback');
    throw err;
  } finally {
    client.release();
  }
}

const RAW_COLUMNS = [
  'unit_id',
  'name',
  'name_pinyin',
  'name_initials',
  'gender',
  'birth_date',
  'ethnicity',
  'id_number_enc',
  'id_number_idx',
  'phone_enc',
  'phone_idx',
  'category_id',
  'remark',
  'created_by',
];

/**
 * The rows the import would write, computed beforehand by the app's own normaliseYouth (real SM4
 * ciphertexts, blind indexes and pinyin), so the baseline is the database's share alone.
 */
function precomputeRows(
  keys: Keys,
  n: number,
  ctx: { unitId: number; userId: number; categories: Map<string, number> },
) {
  const today = todayInChina();
  const rows: unknown[][] = [];
  for (let i = 0; i < n; i += 1) {
    const p = rosterPerson(i);
    const y = normaliseYouth(
      keys,
      {
        name: p.name,
        idNumber: p.idNumber,
        phone: p.phone,
        birthDate: p.birthDate.toISOString().slice(0, 10),
        gender: p.gender === '男' ? 'male' : 'female',
        ethnicity: p.ethnicity === '汉' ? '汉族' : p.ethnicity,
        remark: p.remark || undefined,
      },
      today,
    );
    const v = y.values;
    rows.push([
      ctx.unitId,
      v.name,
      v.namePinyin,
      v.nameInitials,
      v.gender,
      v.birthDate,
      v.ethnicity,
      y.idNumber?.enc ?? null,
      y.idNumber?.token ?? null,
      y.phone?.enc ?? null,
      y.phone?.token ?? null,
      ctx.categories.get(p.category) ?? null,
      v.remark,
      ctx.userId,
    ]);
  }
  return rows;
}

/** Baseline B: multi-row INSERTs of RAW_BATCH rows with parameters, in one transaction. */
async function rawInsert(bench: BenchDatabase, rows: unknown[][]) {
  await inTransaction(bench, async (query) => {
    for (let lo = 0; lo < rows.length; lo += RAW_BATCH) {
      const batch = rows.slice(lo, lo + RAW_BATCH);
      const w = RAW_COLUMNS.length;
      const values = batch.map(
        (_, r) =>
          `(${RAW_COLUMNS.map((c, k) => `$${r * w + k + 1}${c === 'birth_date' ? '::date' : ''}`).join(', ')})`,
      );
      await query(`insert into youth (${RAW_COLUMNS.join(', ')}) values ${values.join(', ')}`, batch.flat());
    }
  });
}

type Phase = { ms: number; mem: MemReport; clock: DbClock };

async function main() {
  if (!Number.isInteger(ROWS) || ROWS < 5) throw new Error('BENCH_ROWS must be an integer ≥ 5');
  const log = (line: string) => console.log(line);
  const bench = await openBenchDatabase();
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'zm-bench-import-'));
  try {
    log(`youth import benchmark — ${bench.label}`);
    log(
      `${ROWS.toLocaleString('en')} rows (and ${SMALL_ROWS.toLocaleString('en')} for the memory comparison), ` +
        `${os.cpus().length} CPUs, node ${process.version}, global.gc ${gc ? 'available' : 'NOT available (run with --expose-gc)'}`,
    );
    const { database, raw } = bench;
    const setup = await timed(async () => {
      await database.migrate();
      await seedUnitTree(database.db);
      await raw.exec('analyze units');
      await seedDictionaries(database.db);
    });
    log(`migrate + unit tree + dictionaries: ${fmtDuration(setup.ms)}`);

    const [unit] = await raw.query<{ id: number; name: string; path: string }>(
      `select id, name, path from units where code = $1`,
      [UNIT_CODE],
    );
    const [user] = await raw.query<{ id: number }>(
      `insert into users (unit_id, username, display_name, role, password_hash)
       values ($1, 'bench_import', '导入基准', 'operator', 'x') returning id`,
      [unit.id],
    );
    const categories = new Map(
      (
        await raw.query<{ id: number; label: string }>(
          `select id, label from dict_items where dict_type = 'category'`,
        )
      ).map((c) => [c.label, c.id]),
    );
    const viewer: Viewer = {
      userId: user.id,
      username: 'bench_import',
      displayName: '导入基准',
      role: 'operator',
      unitId: unit.id,
      unitPath: unit.path,
      sessionId: 'bench',
      stage: 'full',
      csrfToken: 'bench',
    };
    const keys = ephemeralKeys();
    const config = loadConfig({}, { dataDir: dir });
    const logger = quietLogger();
    const clock = new DbClock();
    const db: Db = timedDb(database.db, clock);
    const kind = timedKind(YOUTH_IMPORT, clock);

    // The files: the import deletes what it analysed, so each run gets a copy.
    const bigFile = path.join(dir, 'roster.xlsx');
    const smallFile = path.join(dir, 'roster-small.xlsx');
    const written = await timed(async () => {
      await writeRoster(bigFile, ROWS);
      await writeRoster(smallFile, SMALL_ROWS);
    });
    const bigSize = (await fs.promises.stat(bigFile)).size;
    const smallSize = (await fs.promises.stat(smallFile)).size;
    log(
      `generated roster.xlsx (${(bigSize / MB).toFixed(1)} MB) and roster-small.xlsx (${(smallSize / MB).toFixed(1)} MB) ` +
        `in ${fmtDuration(written.ms)}`,
    );
    const sha = crypto
      .createHash('sha256')
      .update(await fs.promises.readFile(bigFile))
      .digest('hex');
    let copies = 0;
    const copyOf = async (file: string) => {
      copies += 1;
      const copy = path.join(dir, `upload-${copies}.xlsx`);
      await fs.promises.copyFile(file, copy);
      return copy;
    };

    // ---- Baseline A: parse only (the median of PARSE_REPS reads, after a warm-up).
    await parseOnly(smallFile);
    const parseMem = new MemorySampler();
    const parseTimes: number[] = [];
    for (let i = 0; i < PARSE_REPS; i += 1) {
      const run = await timed(() => parseOnly(bigFile));
      if (run.value !== ROWS) throw new Error(`parse-only read ${run.value} rows, expected ${ROWS}`);
      parseTimes.push(run.ms);
    }
    const parseReport = parseMem.stop();
    const parse = { ms: median(parseTimes) };
    log(
      `A. parse only: ${fmtDuration(parse.ms)} (${perSecond(ROWS, parse.ms)}; median of ` +
        `${parseTimes.map((t) => (t / 1000).toFixed(2)).join(', ')} s)`,
    );

    // ---- Baseline B: raw INSERT of the same people, one transaction; then the table is emptied again.
    const preStart = performance.now();
    let rawRows: unknown[][] | null = precomputeRows(keys, ROWS, {
      unitId: unit.id,
      userId: user.id,
      categories,
    });
    const pre = { ms: performance.now() - preStart };
    const rawInsertRun = await timed(() => rawInsert(bench, rawRows!));
    const [{ n: rawCount }] = await raw.query<{ n: number }>(`select count(*)::int as n from youth`);
    if (rawCount !== ROWS) throw new Error(`raw insert wrote ${rawCount} rows, expected ${ROWS}`);
    const rawAnalyze = await timed(() => raw.exec('analyze youth'));
    rawRows = null;
    await raw.exec('truncate youth restart identity cascade');
    log(
      `B. raw INSERT (${RAW_BATCH} rows per statement, one transaction): ${fmtDuration(rawInsertRun.ms)} ` +
        `(${perSecond(ROWS, rawInsertRun.ms)}; values precomputed by normaliseYouth in ${fmtDuration(pre.ms)}, ` +
        `not timed); analyze youth afterwards ${fmtDuration(rawAnalyze.ms)}`,
    );

    const newJob = async () =>
      jobs.insertJob(db, {
        kind: YOUTH_IMPORT.kind,
        unitId: unit.id,
        createdBy: user.id,
        fileName: '联系对象名册.xlsx',
        fileSize: bigSize,
        sha256: sha,
      });
    const scopeFor = (jobId: number): ImportScope => ({
      db,
      keys,
      config,
      viewer,
      jobId,
      unit: { id: unit.id, name: unit.name, path: unit.path },
    });
    const jobRow = (jobId: number) => jobs.findJob(db, viewer, YOUTH_IMPORT.kind, jobId);

    const analyse = async (file: string, liveEvery = 0): Promise<Phase & { jobId: number }> => {
      const jobId = await newJob();
      const upload = await copyOf(file);
      clock.reset();
      const mem = new MemorySampler(liveEvery);
      const run = await timed(() =>
        analyseFile(kind, scopeFor(jobId), { path: upload, name: '联系对象名册.xlsx' }, logger),
      );
      const report = mem.stop();
      const job = await jobRow(jobId);
      if (job.status !== 'ready') throw new Error(`job ${jobId} ended ${job.status}: ${job.error}`);
      const phaseClock = Object.assign(new DbClock(), clock);
      phaseClock.byStatement = new Map(clock.byStatement);
      return { jobId, ms: run.ms, mem: report, clock: phaseClock };
    };
    const commit = async (jobId: number): Promise<Phase> => {
      // What commitImport does before it starts the worker: claim the job.
      const claimed = await jobs.updateJob(db, jobId, { status: 'importing', mode: 'add', policy: 'valid' }, [
        'ready',
      ]);
      if (!claimed) throw new Error(`job ${jobId} could not be claimed`);
      clock.reset();
      const mem = new MemorySampler();
      const run = await timed(() =>
        commitJob(kind, scopeFor(jobId), { mode: 'add', policy: 'valid' }, logger),
      );
      const report = mem.stop();
      const phaseClock = Object.assign(new DbClock(), clock);
      phaseClock.byStatement = new Map(clock.byStatement);
      return { ms: run.ms, mem: report, clock: phaseClock };
    };

    // ---- Memory: both files analysed with a forced collection every second (live heap), then discarded.
    // The same people as the timed run, so the same 'new' path; not timed (the collections cost time).
    const discard = async (jobId: number) => {
      await jobs.updateJob(db, jobId, { status: 'cancelled', finished: true });
      await raw.exec(`delete from import_job_rows where job_id = ${jobId}`);
      await raw.exec('vacuum analyze import_job_rows');
    };
    const memoryRuns: [string, Phase][] = [];
    for (const [file, rows] of [
      [smallFile, SMALL_ROWS],
      [bigFile, ROWS],
    ] as const) {
      const run = await analyse(file, 10);
      const job = await jobRow(run.jobId);
      if (job.counts.new !== rows) throw new Error(`${JSON.stringify(job.counts)}, expected ${rows} new`);
      await discard(run.jobId);
      memoryRuns.push([`analysis ${rows.toLocaleString('en')}, GC every 1 s`, run]);
      log(`   memory run, analysis of ${rows.toLocaleString('en')} rows: ${fmtDuration(run.ms)} (not timed)`);
    }

    // ---- 1. The platform import: analysis, then commit.
    const first = await analyse(bigFile);
    const firstJob = await jobRow(first.jobId);
    if (firstJob.counts.new !== ROWS)
      throw new Error(`analysis: ${JSON.stringify(firstJob.counts)}, expected ${ROWS} new`);
    log(
      `1. analysis: ${fmtDuration(first.ms)} (${perSecond(ROWS, first.ms)}) — counts ${JSON.stringify(firstJob.counts)}`,
    );
    const firstCommit = await commit(first.jobId);
    const committed = await jobRow(first.jobId);
    if (committed.status !== 'done' || committed.result?.inserted !== ROWS)
      throw new Error(`commit: ${committed.status} ${JSON.stringify(committed.result)} ${committed.error}`);
    const [{ n: youthCount }] = await raw.query<{ n: number }>(`select count(*)::int as n from youth`);
    if (youthCount !== ROWS) throw new Error(`youth holds ${youthCount} rows, expected ${ROWS}`);
    log(`   commit: ${fmtDuration(firstCommit.ms)} — result ${JSON.stringify(committed.result)}`);

    // ---- 2. The same file again: every row a duplicate, nothing written.
    const second = await analyse(bigFile);
    const secondJob = await jobRow(second.jobId);
    if (secondJob.counts.duplicate !== ROWS)
      throw new Error(`second analysis: ${JSON.stringify(secondJob.counts)}, expected ${ROWS} duplicate`);
    log(`2. second analysis: ${fmtDuration(second.ms)} — counts ${JSON.stringify(secondJob.counts)}`);
    const secondCommit = await commit(second.jobId);
    const recommitted = await jobRow(second.jobId);
    if (recommitted.status !== 'done' || recommitted.result?.inserted !== 0)
      throw new Error(`second commit: ${recommitted.status} ${JSON.stringify(recommitted.result)}`);
    const [{ n: after }] = await raw.query<{ n: number }>(`select count(*)::int as n from youth`);
    if (after !== ROWS)
      throw new Error(`youth holds ${after} rows after the second import, expected ${ROWS}`);
    log(`   second commit: ${fmtDuration(secondCommit.ms)} — result ${JSON.stringify(recommitted.result)}`);

    // ---- Report.
    const s = (ms: number) => (ms / 1000).toFixed(2);
    log('');
    log(`${bench.label} — ${ROWS.toLocaleString('en')} rows, ${(bigSize / MB).toFixed(1)} MB .xlsx`);
    log(
      table(
        ['step', 'seconds', 'rows/s', 'baseline', 'baseline s', 'ratio'],
        [
          ['A. parse only', s(parse.ms), perSecond(ROWS, parse.ms), '', '', ''],
          ['B. raw INSERT', s(rawInsertRun.ms), perSecond(ROWS, rawInsertRun.ms), '', '', ''],
          ['analysis', s(first.ms), perSecond(ROWS, first.ms), 'A', s(parse.ms), ratio(first.ms, parse.ms)],
          [
            'commit',
            s(firstCommit.ms),
            perSecond(ROWS, firstCommit.ms),
            'B',
            s(rawInsertRun.ms),
            ratio(firstCommit.ms, rawInsertRun.ms),
          ],
          [
            'analysis + commit',
            s(first.ms + firstCommit.ms),
            perSecond(ROWS, first.ms + firstCommit.ms),
            'A + B',
            s(parse.ms + rawInsertRun.ms),
            ratio(first.ms + firstCommit.ms, parse.ms + rawInsertRun.ms),
          ],
          [
            'again: analysis',
            s(second.ms),
            perSecond(ROWS, second.ms),
            'A',
            s(parse.ms),
            ratio(second.ms, parse.ms),
          ],
          ['again: commit (0 rows)', s(secondCommit.ms), '', '', '', ''],
        ],
      ),
    );

    log('');
    log(
      'Where the time goes (db = db.execute incl. drizzle building the query; analyser = analyse() per batch):',
    );
    const breakdown = (label: string, p: Phase) => {
      const c = p.clock;
      const lookups = c.inAnalyserMs;
      const judging = c.analyserMs - lookups;
      const staging = c.totalMs - lookups;
      const rest = p.ms - c.analyserMs - staging;
      return [label, s(p.ms), s(judging), s(lookups), s(staging), s(rest), String(c.calls)];
    };
    log(
      table(
        [
          'phase',
          'total',
          'judge+normalise (JS)',
          'look-ups (db)',
          'other db',
          'reading, raw_enc, rest',
          'statements',
        ],
        [
          ...memoryRuns.map(([label, p]) => breakdown(label.replace(', GC every 1 s', ' (GC)'), p)),
          breakdown(`analysis ${ROWS.toLocaleString('en')}`, first),
          breakdown('commit', firstCommit),
          breakdown('again: analysis', second),
          breakdown('again: commit', secondCommit),
        ],
      ),
    );
    for (const [label, p] of [
      ['analysis', first],
      ['commit', firstCommit],
      ['again: analysis', second],
    ] as const) {
      log(`  slowest statements, ${label}:`);
      for (const [text, st] of p.clock.top(5))
        log(`    ${s(st.ms).padStart(7)} s  ${String(st.calls).padStart(5)}×  ${text}`);
    }

    log('');
    log(
      `Memory (process.memoryUsage every 100 ms; start = after a forced GC${gc ? '' : ' — unavailable, run with --expose-gc'}; ` +
        'PGlite’s WebAssembly memory counts in rss, never in heapUsed):',
    );
    const memRow = (label: string, m: MemReport) => [
      label,
      mb(m.start.heapUsed),
      mb(m.peak.heapUsed),
      `+${mb(m.peak.heapUsed - m.start.heapUsed)}`,
      mb(m.end.heapUsed),
      m.livePeak ? mb(m.livePeak) : '',
      mb(m.start.rss),
      mb(m.peak.rss),
      `+${mb(m.peak.rss - m.start.rss)}`,
      String(m.samples),
    ];
    log(
      table(
        [
          'phase',
          'heap start',
          'heap peak',
          'growth',
          'heap after',
          'live peak',
          'rss start',
          'rss peak',
          'growth',
          'samples',
        ],
        [
          memRow(`parse only ${ROWS.toLocaleString('en')}`, parseReport),
          ...memoryRuns.map(([label, p]) => memRow(label, p.mem)),
          memRow(`analysis ${ROWS.toLocaleString('en')}`, first.mem),
          memRow('commit', firstCommit.mem),
          memRow('again: analysis', second.mem),
          memRow('again: commit', secondCommit.mem),
        ],
      ),
    );
    const sizes = await raw.query<{ t: string; size: string }>(
      `select t, pg_size_pretty(pg_total_relation_size(t::regclass)) as size
         from unnest(array['youth', 'import_job_rows']) t`,
    );
    log(
      `database at the end: ${sizes.map((r) => `${r.t} ${r.size}`).join(', ')} (with indexes)` +
        (database.pglite ? '; in-memory PGlite holds them in this process’s rss' : ''),
    );
  } finally {
    await bench.close();
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
