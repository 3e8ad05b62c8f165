import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import type { ImportJob } from '../common/contracts/imports';
import { buildApp } from '../server/app';
import type { Config } from '../server/config';
import { YOUTH_IMPORT } from '../server/modules/youth/youth-import';
import { prepareYouthImport, type AnalysePhases } from '../server/modules/youth/youth-import.analyse';
import type { Keys } from '../server/platform/crypto/keys';
import { multipart } from '../server/platform/files/test-files';
import { createUser, login, type Agent, type TestContext } from '../server/test/harness';
import { DbClock, timedDb } from './youth-import.instrument';
import { MemorySampler, type MemReport } from './youth-import.memory';
import type { BenchDatabase } from './support';

const BASE = '/api/youth/imports';
const POLL_MS = 100;

export type ImportRun = {
  job: ImportJob;
  /** POST until the upload is stored and the job created. */
  uploadMs: number;
  /** POST until the job is ready (the preview). */
  analysisMs: number;
  /** POST …/commit until the job is done. */
  commitMs: number;
  analysis: { clock: DbClock; phases: AnalysePhases };
  commit: { clock: DbClock };
  mem: MemReport;
};

const zeroPhases = (): AnalysePhases => ({ validateMs: 0, normaliseMs: 0, lookupMs: 0, compareMs: 0 });

/**
 * The app as `npm start` builds it, on the bench database, with every db.execute timed and the youth
 * analyser reporting its phases. A cadre of 团江西省委 signs in through the API.
 */
export async function importApp(bench: BenchDatabase, config: Config, keys: Keys) {
  const clock = new DbClock();
  let phases = zeroPhases();
  const prepare: typeof YOUTH_IMPORT.prepare = async (scope) => {
    const analyser = await prepareYouthImport(scope, phases);
    return {
      ...analyser,
      analyse: (records, header) => clock.analyser(() => analyser.analyse(records, header)),
    };
  };
  // The routes call the kind's prepare() when a job starts: the benchmark's one substitution.
  Object.assign(YOUTH_IMPORT, { prepare });
  const app: FastifyInstance = await buildApp({ config, db: timedDb(bench.database.db, clock), keys });
  await app.ready();
  const ctx = { app, db: bench.database.db, keys } as TestContext;
  const user = await createUser(ctx, { role: 'operator', unitCode: '360000', totp: false });
  const agent: Agent = await login(ctx, user);

  const jobNow = async (id: number) =>
    (await clock.untimed(() => agent.get(`${BASE}/${id}`))).json<ImportJob>();
  const waitWhile = async (id: number, status: ImportJob['status']) => {
    for (;;) {
      const job = await jobNow(id);
      if (job.status !== status) return job;
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  };
  const snapshot = () => {
    const copy = Object.assign(new DbClock(), clock);
    copy.byStatement = new Map(clock.byStatement);
    return copy;
  };

  /** Upload → preview ready → committed (mode add, only the valid rows), as the import dialog does it. */
  async function importFile(file: string, name: string): Promise<ImportRun> {
    const content = await fs.promises.readFile(file);
    clock.reset();
    phases = zeroPhases();
    const mem = new MemorySampler();
    const start = performance.now();
    const res = await agent.request({ method: 'POST', url: BASE, ...multipart({}, { name, content }) });
    if (res.statusCode !== 200) throw new Error(`upload: ${res.statusCode} ${res.body}`);
    const uploadMs = performance.now() - start;
    const ready = await waitWhile(res.json<ImportJob>().id, 'analysing');
    const analysisMs = performance.now() - start;
    mem.mark('preview ready');
    if (ready.status !== 'ready') throw new Error(`analysis ended ${ready.status}: ${ready.error}`);
    const analysis = { clock: snapshot(), phases };

    clock.reset();
    const commitStart = performance.now();
    const c = await agent.post(`${BASE}/${ready.id}/commit`, { mode: 'add', policy: 'valid' });
    if (c.statusCode !== 200) throw new Error(`commit: ${c.statusCode} ${c.body}`);
    const job = await waitWhile(ready.id, 'importing');
    const commitMs = performance.now() - commitStart;
    mem.mark('committed');
    if (job.status !== 'done') throw new Error(`commit ended ${job.status}: ${job.error}`);
    return {
      job: { ...job, counts: ready.counts },
      uploadMs,
      analysisMs,
      commitMs,
      analysis,
      commit: { clock: snapshot() },
      mem: mem.stop(),
    };
  }

  return { importFile, close: () => app.close() };
}
