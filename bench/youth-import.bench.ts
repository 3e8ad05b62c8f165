/**
 * 青年库 import at scale: a generated roster of BENCH_ROWS people (100,000 by default) imported end to
 * end through the API (upload → preview ready → committed), against reading the same file alone and a
 * raw COPY of the same rows, in the same run on the same database. Prints times, ratios, a phase
 * breakdown and peak RSS; asserts only that the import did what it should. Usage: npm run bench:import,
 * BENCH_ROWS=… for a quick run, BENCH_DATABASE_URL=postgres://… for a PostgreSQL server. See bench/README.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../server/config';
import { seedDictionaries } from '../server/modules/dictionaries/dictionaries.seed';
import { ephemeralKeys } from '../server/platform/crypto/keys';
import { seedUnitTree } from '../server/platform/units/seed-units';
import { parseOnly, precomputeRows, rawCopy } from './youth-import.baselines';
import { importApp, type ImportRun } from './youth-import.http';
import { describeMark, gcAvailable, mb, MemorySampler, watchWasm } from './youth-import.memory';
import { runUntrusted, task } from '../server/platform/worker/untrusted';
import { fmtDuration, median, openBenchDatabase, table, timed } from './support';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
/** Reads of the file for baseline A; the median is used. */
const PARSE_REPS = 3;
const MB = 1024 * 1024;
/** Staging: the statements writing the preview's rows. */
const isStaging = (label: string) => label.startsWith('insert into import_job_rows');

const s = (ms: number) => (ms / 1000).toFixed(2);
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
const perSecond = (rows: number, ms: number) =>
  `${Math.round((rows * 1000) / ms).toLocaleString('en')} rows/s`;

async function main() {
  if (!Number.isInteger(ROWS) || ROWS < 5) throw new Error('BENCH_ROWS must be an integer ≥ 5');
  const log = (line: string) => console.log(line);
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'zm-bench-import-'));
  // PGlite on a data directory, as the server runs it: in memory, the whole database and its WAL
  // would count in this process's rss (BENCH_PGLITE=memory measures that).
  const bench = await openBenchDatabase(
    process.env.BENCH_PGLITE === 'memory' ? {} : { dataDir: path.join(dir, 'db') },
  );
  try {
    log(`youth import benchmark — ${bench.label}`);
    log(
      `${ROWS.toLocaleString('en')} rows, ${os.cpus().length} CPUs, node ${process.version}, ` +
        `global.gc ${gcAvailable ? 'available' : 'NOT available (run with --expose-gc)'}`,
    );
    const { database, raw } = bench;
    const wasm = (database.pglite as unknown as { mod?: { HEAPU8: Uint8Array } } | undefined)?.mod;
    if (wasm) watchWasm(() => wasm.HEAPU8.byteLength);
    const setup = await timed(async () => {
      await database.migrate();
      await seedUnitTree(database.db);
      await raw.exec('analyze units');
      await seedDictionaries(database.db);
    });
    log(`migrate + unit tree + dictionaries: ${fmtDuration(setup.ms)}`);
    const keys = ephemeralKeys();
    const config = loadConfig({}, { dataDir: dir });
    const app = await importApp(bench, config, keys);

    const file = path.join(dir, 'roster.xlsx');
    // In a worker thread: ExcelJS's garbage would otherwise stay in the rss the import is measured by.
    const written = await timed(() =>
      runUntrusted(
        task(import.meta.url, './youth-import.roster.ts', 'writeRosterTask'),
        { path: file, rows: ROWS },
        { maxHeapMb: 2048, timeoutMs: 600_000 },
      ),
    );
    const size = (await fs.promises.stat(file)).size;
    log(`generated roster.xlsx (${(size / MB).toFixed(1)} MB) in ${fmtDuration(written.ms)}`);

    // ---- 1. The import through the API; 2. the same file again: every row a duplicate, nothing written.
    // First, so that its rss is its own, not what the baselines left behind.
    const first = await app.importFile(file, '联系对象名册.xlsx');
    if (first.job.counts?.new !== ROWS || first.job.result?.inserted !== ROWS)
      throw new Error(`import: ${JSON.stringify(first.job.counts)} ${JSON.stringify(first.job.result)}`);
    log(`1. import: ${fmtDuration(first.analysisMs + first.commitMs)} — ${JSON.stringify(first.job.result)}`);
    const second = await app.importFile(file, '联系对象名册（再次）.xlsx');
    if (second.job.counts?.duplicate !== ROWS || second.job.result?.inserted !== 0)
      throw new Error(`again: ${JSON.stringify(second.job.counts)} ${JSON.stringify(second.job.result)}`);
    log(
      `2. again: ${fmtDuration(second.analysisMs + second.commitMs)} — ${JSON.stringify(second.job.counts)}`,
    );
    await app.close();
    const sizes = await raw.query<{ t: string; size: string }>(
      `select t, pg_size_pretty(pg_total_relation_size(t::regclass)) as size
         from unnest(array['youth', 'import_job_rows']) t`,
    );

    // ---- A. parse only (the median of PARSE_REPS reads, after a warm-up).
    await parseOnly(file);
    const parseMem = new MemorySampler();
    const parseTimes: number[] = [];
    for (let i = 0; i < PARSE_REPS; i += 1) {
      const run = await timed(() => parseOnly(file));
      if (run.value !== ROWS) throw new Error(`parse-only read ${run.value} rows, expected ${ROWS}`);
      parseTimes.push(run.ms);
    }
    const parseRss = parseMem.stop();
    const parseMs = median(parseTimes);
    log(`A. parse only: ${fmtDuration(parseMs)} (${perSecond(ROWS, parseMs)})`);

    // ---- B. raw COPY of the same people, one transaction; then the table is emptied again.
    const [unit] = await raw.query<{ id: number }>(`select id from units where code = '360000'`);
    const [user] = await raw.query<{ id: number }>(`select id from users order by id limit 1`);
    const categories = new Map(
      (
        await raw.query<{ id: number; label: string }>(
          `select id, label from dict_items where dict_type = 'category'`,
        )
      ).map((c) => [c.label, c.id]),
    );
    await raw.exec('truncate youth restart identity cascade');
    const preStart = performance.now();
    const rows = precomputeRows(keys, ROWS, { unitId: unit.id, userId: user.id, categories });
    const preMs = performance.now() - preStart;
    const copyMem = new MemorySampler();
    const copy = await timed(() => rawCopy(bench, rows));
    const copyRss = copyMem.stop();
    rows.length = 0;
    const [{ n: copied }] = await raw.query<{ n: number }>(`select count(*)::int as n from youth`);
    if (copied !== ROWS) throw new Error(`raw COPY wrote ${copied} rows, expected ${ROWS}`);
    await raw.exec('truncate youth restart identity cascade');
    log(
      `B. raw COPY: ${fmtDuration(copy.ms)} (${perSecond(ROWS, copy.ms)}; values precomputed by ` +
        `normaliseYouth in ${fmtDuration(preMs)}, not timed)`,
    );

    const e2e = (r: ImportRun) => r.analysisMs + r.commitMs;
    log('');
    log(`${bench.label} — ${ROWS.toLocaleString('en')} rows, ${(size / MB).toFixed(1)} MB .xlsx`);
    log(
      table(
        ['step', 'seconds', 'rows/s', 'baseline', 'baseline s', 'ratio', 'peak rss'],
        [
          ['A. parse only', s(parseMs), perSecond(ROWS, parseMs), '', '', '', mb(parseRss.peak.rss)],
          ['B. raw COPY', s(copy.ms), perSecond(ROWS, copy.ms), '', '', '', mb(copyRss.peak.rss)],
          [
            'upload → preview ready',
            s(first.analysisMs),
            perSecond(ROWS, first.analysisMs),
            'A',
            s(parseMs),
            ratio(first.analysisMs, parseMs),
            '',
          ],
          [
            'preview → committed',
            s(first.commitMs),
            perSecond(ROWS, first.commitMs),
            'B',
            s(copy.ms),
            ratio(first.commitMs, copy.ms),
            '',
          ],
          [
            'import end to end',
            s(e2e(first)),
            perSecond(ROWS, e2e(first)),
            'A + B',
            s(parseMs + copy.ms),
            ratio(e2e(first), parseMs + copy.ms),
            mb(first.mem.peak.rss),
          ],
          [
            'again (all duplicates)',
            s(e2e(second)),
            perSecond(ROWS, e2e(second)),
            'A',
            s(parseMs),
            ratio(second.analysisMs, parseMs),
            mb(second.mem.peak.rss),
          ],
        ],
      ),
    );
    log('');
    log(
      'Where the time goes (seconds; the reading worker parses, validates and normalises (the worker columns, ' +
        'summed per row) while the main thread looks rows up and stages them; "waiting" is the rest of the ' +
        'main thread’s time, mostly waiting for the worker; on PostgreSQL statements of the pool overlap):',
    );
    const phaseRow = (label: string, r: ImportRun) => {
      const p = r.analysis.phases;
      const c = r.analysis.clock;
      const staging = [...c.byStatement].reduce((t, [label, st]) => t + (isStaging(label) ? st.ms : 0), 0);
      const otherDb = c.totalMs - c.inAnalyserMs - staging;
      // The field rules and normalising run in the reading worker, beside what the main thread does.
      const accounted = r.uploadMs + p.lookupMs + p.compareMs + staging + otherDb;
      return [
        label,
        s(r.uploadMs),
        s(r.analysisMs - accounted),
        s(p.validateMs),
        s(p.normaliseMs),
        s(p.lookupMs),
        s(p.compareMs),
        s(staging),
        s(otherDb),
        s(r.commitMs),
        s(e2e(r)),
      ];
    };
    log(
      table(
        [
          'import',
          'upload',
          'waiting',
          'validate (worker)',
          'crypto + pinyin (worker)',
          'dup. lookup',
          'compare',
          'staging (db)',
          'other db',
          'commit',
          'total',
        ],
        [phaseRow('first', first), phaseRow('again', second)],
      ),
    );
    for (const [label, clock] of [
      ['analysis', first.analysis.clock],
      ['commit', first.commit.clock],
      ['again: analysis', second.analysis.clock],
    ] as const) {
      log(`  slowest statements, ${label}:`);
      for (const [text, st] of clock.top(5))
        log(`    ${s(st.ms).padStart(7)} s  ${String(st.calls).padStart(5)}×  ${text}`);
    }
    log('');
    log(
      `peak rss of the whole import ${mb(first.mem.peak.rss)} (start ${mb(first.mem.start.rss)}), heap peak ` +
        `${mb(first.mem.peak.heapUsed)}; database at the end: ${sizes.map((r) => `${r.t} ${r.size}`).join(', ')}` +
        (bench.label.includes('in-memory') ? ' (in-memory PGlite: in this process’s rss)' : ''),
    );
    for (const [label, r] of [
      ['first', first],
      ['again', second],
    ] as const) {
      log(`  memory, ${label}: start rss ${mb(r.mem.start.rss)}, wasm ${mb(r.mem.start.wasm)}`);
      for (const m of r.mem.marks) log(`    ${describeMark(m)}`);
    }
    log(
      `  after A: ${mb(parseRss.peak.rss)} peak; after B: ${mb(copyRss.peak.rss)} peak, wasm ${mb(copyRss.peak.wasm)}`,
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
