/**
 * 青年库 search at scale: the youth module's search (what POST /api/youth/search runs) against the raw SQL
 * of the same query through the same driver, on a registry of BENCH_ROWS people (1,000,000 by default).
 * Prints ratios, asserts nothing. Usage: npm run bench:search [-- BENCH_ROWS=… BENCH_REPS=…], and
 * BENCH_DATABASE_URL=postgres://… for a PostgreSQL server. See bench/README.md.
 */
import os from 'node:os';
import type { Role } from '../common/access';
import { COUNT_CAP, search } from '../server/modules/youth/youth-search.service';
import type { Viewer } from '../server/platform/access/viewer';
import { ephemeralKeys } from '../server/platform/crypto/keys';
import { seedUnitTree } from '../server/platform/units/seed-units';
import { seedDictionaries } from '../server/modules/dictionaries/dictionaries.seed';
import { fmtDuration, fmtMs, median, openBenchDatabase, quantile, table, timed, type Raw } from './support';
import { seedYouth } from './youth-search.seed';
import {
  countSql,
  pageSql,
  PAGE_SIZE,
  searchCases,
  type ScopeLevel,
  type SearchCase,
} from './youth-search.queries';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const REPS = Number(process.env.BENCH_REPS ?? 30);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
/** `all` prints the plans of every query, not only the slowest. */
const EXPLAIN = process.env.BENCH_EXPLAIN ?? 'slowest';

/** The cadre whose scope a case runs in: 团中央, 团广东省委, 团广州市委. */
const SCOPE_UNITS: Record<ScopeLevel, string> = { central: '000000', province: '440000', city: '440100' };

type Result = {
  c: SearchCase;
  rows: number;
  total: string;
  service: number[];
  raw: number[];
};

async function rawSearch(raw: Raw, c: SearchCase, path: string) {
  const params = [`${path}%`, ...c.params];
  const rows = await raw.query<{ id: number }>(pageSql(c), params);
  // The service's rule: a short, non-empty page is its own total; otherwise a capped count.
  const total =
    rows.length > 0 && rows.length < PAGE_SIZE
      ? rows.length
      : (await raw.query<{ n: number }>(countSql(c), params))[0].n;
  return { ids: rows.map((r) => r.id), total };
}

async function main() {
  if (!Number.isInteger(ROWS) || ROWS < 1) throw new Error('BENCH_ROWS must be a positive integer');
  const bench = await openBenchDatabase();
  const log = (line: string) => console.log(line);
  try {
    log(`youth search benchmark — ${bench.label}`);
    log(
      `${ROWS.toLocaleString('en')} people, ${REPS} repetitions after ${WARMUP} warm-up, ${os.cpus().length} CPUs`,
    );
    const { database, raw } = bench;
    const setup = await timed(async () => {
      await database.migrate();
      await seedUnitTree(database.db);
      await raw.exec('analyze units');
      await seedDictionaries(database.db);
    });
    log(`migrate + unit tree + dictionaries: ${fmtDuration(setup.ms)}`);

    const keys = ephemeralKeys();
    log(`seeding ${ROWS.toLocaleString('en')} people:`);
    const seed = await seedYouth(raw, keys, ROWS, log);
    log(
      `seeded in ${fmtDuration(seed.totalMs)} (insert ${fmtDuration(seed.insertMs)}, indexes ${fmtDuration(seed.indexMs)}, ` +
        `analyze ${fmtDuration(seed.analyzeMs)}); pinyin checked on ${seed.pinyinMismatches.sampled} names, ` +
        `${seed.pinyinMismatches.mismatched.length} differ from the app's`,
    );
    for (const m of seed.pinyinMismatches.mismatched.slice(0, 5)) log(`  pinyin differs: ${m}`);

    const scopes = await raw.query<{ code: string; id: number; path: string; name: string }>(
      `select code, id, path, name from units where code = any($1::text[])`,
      [Object.values(SCOPE_UNITS)],
    );
    const viewerFor = (level: ScopeLevel): Viewer => {
      const u = scopes.find((s) => s.code === SCOPE_UNITS[level])!;
      const role: Role = 'operator';
      return {
        userId: 0,
        username: 'bench',
        displayName: 'bench',
        role,
        unitId: u.id,
        unitPath: u.path,
        sessionId: 'bench',
        stage: 'full',
        csrfToken: 'bench',
      };
    };
    const category = (
      await raw.query<{ id: number }>(
        `select id from dict_items where dict_type = 'category' and parent_id is null order by sort_order limit 1`,
      )
    )[0].id;
    const cases = searchCases(keys, seed.known[1], category);

    const results: Result[] = [];
    for (const c of cases) {
      const viewer = viewerFor(c.scope);
      const ctx = { db: database.db, viewer, keys, audit: async () => {} };
      const runService = () => search(ctx, c.body);
      const runRaw = () => rawSearch(raw, c, viewer.unitPath);

      // Same answer both ways, or the ratio means nothing.
      const a = await runService();
      const b = await runRaw();
      const aIds = a.items.map((i) => i.id).join(',');
      if (aIds !== b.ids.join(',') || Math.min(a.total, COUNT_CAP) !== Math.min(b.total, COUNT_CAP)) {
        throw new Error(`${c.label}: the service and the raw SQL disagree (${a.total} vs ${b.total} rows)`);
      }
      for (let i = 0; i < WARMUP; i += 1) {
        await runService();
        await runRaw();
      }
      const service: number[] = [];
      const rawMs: number[] = [];
      for (let i = 0; i < REPS; i += 1) {
        // Alternate which goes first, so neither always runs on the other's warmed cache.
        const first = i % 2 === 0;
        if (first) service.push((await timed(runService)).ms);
        rawMs.push((await timed(runRaw)).ms);
        if (!first) service.push((await timed(runService)).ms);
      }
      results.push({
        c,
        rows: a.items.length,
        total: a.totalIsEstimate ? `${COUNT_CAP}+` : String(a.total),
        service,
        raw: rawMs,
      });
      log(`  ${c.label}: ${fmtMs(median(service))} ms / ${fmtMs(median(rawMs))} ms`);
    }

    log('');
    log(`${bench.label} — ${ROWS.toLocaleString('en')} people, seeded in ${fmtDuration(seed.totalMs)}`);
    log(
      table(
        ['query', 'page', 'total', 'service med', 'p95', 'raw SQL med', 'p95', 'ratio'],
        results.map((r) => [
          r.c.label,
          String(r.rows),
          r.total,
          fmtMs(median(r.service)),
          fmtMs(quantile(r.service, 0.95)),
          fmtMs(median(r.raw)),
          fmtMs(quantile(r.raw, 0.95)),
          `${(median(r.service) / median(r.raw)).toFixed(2)}×`,
        ]),
      ),
    );
    log(
      '(ms; service = youth-search.service search() as the route calls it: filter resolution, page, capped count,',
    );
    log(' decrypt-to-mask presentation; raw SQL = the same statements as text through the same driver)');

    const byCost = [...results].sort((x, y) => median(y.service) - median(x.service));
    for (const r of EXPLAIN === 'all' ? byCost : byCost.slice(0, 1)) {
      const path = viewerFor(r.c.scope).unitPath;
      for (const [what, text] of [
        ['page', pageSql(r.c)],
        ['count', countSql(r.c)],
      ] as const) {
        const plan = await raw.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${text}`, [
          `${path}%`,
          ...r.c.params,
        ]);
        log(`\nEXPLAIN ANALYZE — ${r.c.label} (${what}):`);
        for (const p of plan) log(`  ${p['QUERY PLAN']}`);
      }
    }
  } finally {
    await bench.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
