/**
 * Does the embedded server keep answering while an import is written? BENCH_ROWS (100,000 by
 * default) new people are staged as a preview leaves them, then committed through the API while a
 * loop asks /healthz and, as a cadre of another unit, the first page of the 青年库 list, one after
 * the other, until the job is done. Prints p50 / p99 / max of each. Usage:
 * npx tsx bench/import-latency.bench.ts (BENCH_DATABASE_URL=postgres://… for a PostgreSQL server).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ImportJob } from '../common/contracts/imports';
import { buildApp } from '../server/app';
import { loadConfig } from '../server/config';
import { seedDictionaries } from '../server/modules/dictionaries/dictionaries.seed';
import { stageNewPeople } from '../server/modules/youth/youth-import.staged';
import { ephemeralKeys } from '../server/platform/crypto/keys';
import { settleImportJobs } from '../server/platform/import/jobs/background';
import { seedUnitTree } from '../server/platform/units/seed-units';
import { createUser, login, unitIdByCode, type TestContext } from '../server/test/harness';
import { openBenchDatabase } from './support';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? 0;
};
const figures = (xs: number[]) =>
  `n=${xs.length}  p50 ${quantile(xs, 0.5).toFixed(0)} ms  p99 ${quantile(xs, 0.99).toFixed(0)} ms  max ${Math.max(...xs).toFixed(0)} ms`;

async function main() {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'zm-bench-latency-'));
  const bench = await openBenchDatabase({ dataDir: path.join(dir, 'db') });
  try {
    console.log(
      `import latency — ${bench.label}, ${ROWS.toLocaleString('en')} rows, ${os.cpus().length} CPUs`,
    );
    await bench.database.migrate();
    await seedUnitTree(bench.database.db);
    await seedDictionaries(bench.database.db);
    const keys = ephemeralKeys();
    const app = await buildApp({ config: loadConfig({}, { dataDir: dir }), db: bench.database.db, keys });
    await app.ready();
    const ctx = { app, db: bench.database.db, keys } as TestContext;
    const importer = await login(
      ctx,
      await createUser(ctx, { role: 'operator', unitCode: '360102', totp: false }),
    );
    const neighbour = await login(
      ctx,
      await createUser(ctx, { role: 'operator', unitCode: '360103', totp: false }),
    );
    const jobId = await stageNewPeople(bench.database.db, {
      unitId: await unitIdByCode(bench.database.db, '360102'),
      createdBy: importer.user.id,
      rows: ROWS,
      key: '延迟测试',
    });

    const started = performance.now();
    const res = await importer.post(`/api/youth/imports/${jobId}/commit`, { mode: 'add', policy: 'all' });
    if (res.statusCode !== 200) throw new Error(`commit: ${res.statusCode} ${res.body}`);
    const health: number[] = [];
    const list: number[] = [];
    let job: ImportJob;
    for (;;) {
      let t0 = performance.now();
      if ((await app.inject({ method: 'GET', url: '/healthz' })).statusCode !== 200)
        throw new Error('/healthz');
      health.push(performance.now() - t0);
      t0 = performance.now();
      const page = await neighbour.post('/api/youth/search', { page: 1, pageSize: 20 });
      if (page.statusCode !== 200) throw new Error(`list: ${page.statusCode}`);
      list.push(performance.now() - t0);
      job = (await importer.get(`/api/youth/imports/${jobId}`)).json<ImportJob>();
      if (job.status !== 'importing') break;
    }
    const commitMs = performance.now() - started;
    await settleImportJobs();
    if (job.status !== 'done' || job.result?.inserted !== ROWS)
      throw new Error(`job: ${JSON.stringify(job)}`);
    console.log(
      `commit: ${(commitMs / 1000).toFixed(1)} s (${job.result.inserted.toLocaleString('en')} inserted)`,
    );
    console.log(`/healthz  ${figures(health)}`);
    console.log(`list      ${figures(list)}`);
    await app.close();
  } finally {
    await bench.close();
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
