/**
 * How long does a cadre wait for a batch accept of a page's sign-ups, and does the server keep
 * answering meanwhile? BENCH_ROWS (500, the contract's maximum) sign-ups are inserted as the public
 * form leaves them, then accepted through POST /api/signups/batch while a loop asks /healthz, one
 * request after the other, until the batch answers. Baselines, same run and database: the same number
 * of registry rows written bare — one INSERT per row in one transaction, and one INSERT … SELECT over
 * unnest. BENCH_REPS rounds (3), each on fresh sign-ups; medians and their ratios are printed. Usage:
 * npx tsx bench/signup-batch.bench.ts (BENCH_DATABASE_URL=postgres://… for a PostgreSQL server).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { buildApp } from '../server/app';
import { loadConfig } from '../server/config';
import type { Database } from '../server/db/client';
import { signups } from '../server/db/schema';
import { seedDictionaries } from '../server/modules/dictionaries/dictionaries.seed';
import { receiptIndex } from '../server/modules/signup/signup-codes';
import { blindIndex, encryptField } from '../server/platform/crypto/field-crypto';
import { ephemeralKeys, type Keys } from '../server/platform/crypto/keys';
import { seedUnitTree } from '../server/platform/units/seed-units';
import { createUser, login, type Agent, type TestContext } from '../server/test/harness';
import { makeId } from '../server/test/id-numbers';
import { fmtMs, median, openBenchDatabase, quantile, table } from './support';

const ROWS = Number(process.env.BENCH_ROWS ?? 500);
const REPS = Number(process.env.BENCH_REPS ?? 3);

async function ok(res: Promise<{ statusCode: number; body: string; json(): unknown }>) {
  const r = await res;
  if (r.statusCode !== 200) throw new Error(`${r.statusCode} ${r.body}`);
  return r.json() as Record<string, unknown>;
}

/** A published notice and an open page of the operator's unit, through the API as a cadre does it. */
async function openPage(op: Agent): Promise<number> {
  await ok(
    op.post('/api/privacy-notices', {
      title: '个人信息处理规则',
      sections: {
        controller: '共青团南昌市东湖区委员会',
        purpose: '联系和服务新兴青年，邀请参加培训和活动。',
        categories: '姓名、性别、出生日期、身份证号、手机号码、所在地、从事领域。',
        retention: '自报名之日起三年，期满删除。',
        rights: '您可以凭回执码查阅、更正报名信息，或撤回同意。',
        contact: '0791-12345678',
      },
    }),
  );
  const page = await ok(op.post('/api/signup-pages', { title: '性能测试招募', intro: '欢迎报名' }));
  await ok(op.patch(`/api/signup-pages/${page.id}`, { status: 'open', version: page.version }));
  return page.id as number;
}

let serial = 0;
/** Fresh people: valid ID numbers and phones nobody else holds, real ciphertexts and blind indexes. */
function people(keys: Keys, n: number) {
  return Array.from({ length: n }, () => {
    const i = ++serial;
    const birth = `19${90 + (i % 10)}0${(i % 9) + 1}1${i % 9}`;
    const idNumber = makeId('360102', birth, String(i % 1000).padStart(3, '0'));
    const phone = `13${String(100_000_000 + i).slice(-9)}`;
    return {
      name: `批量${i}`,
      birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6)}`,
      idNumberEnc: encryptField(keys, idNumber),
      idNumberIdx: blindIndex(keys, 'id_number', idNumber),
      phoneEnc: encryptField(keys, phone),
      phoneIdx: blindIndex(keys, 'phone', phone),
    };
  });
}

async function arrive(database: Database, keys: Keys, unitId: number, pageId: number): Promise<number[]> {
  const rows = people(keys, ROWS).map((p, i) => ({
    ...p,
    unitId,
    pageId,
    channel: i % 3 ? '海报' : '微信群',
    receiptIdx: receiptIndex(keys, `BENCH-${p.name}`),
    ageBand: 'adult' as const,
  }));
  const inserted = await database.db.insert(signups).values(rows).returning({ id: signups.id });
  return inserted.map((r) => r.id);
}

const COLUMNS = `unit_id, name, name_pinyin, name_initials, birth_date, id_number_enc, id_number_idx,
  phone_enc, phone_idx, source_id, created_by`;

/** The registry rows a batch writes, written bare: one INSERT per row, one transaction. */
async function rowByRow(database: Database, rows: unknown[][]) {
  const text = `insert into youth (${COLUMNS}) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`;
  if (database.pglite) {
    await database.pglite.transaction(async (tx) => {
      for (const r of rows) await tx.query(text, r);
    });
    return;
  }
  const pool = (database.db as unknown as { $client: pg.Pool }).$client;
  const client = await pool.connect();
  try {
    await client.query('begin');
    for (const r of rows) await client.query(text, r);
    await client.query('commit');
  } finally {
    client.release();
  }
}

/** The same rows in one set-wise statement. */
async function setWise(query: (text: string, params: unknown[]) => Promise<unknown>, rows: unknown[][]) {
  const col = (i: number) => rows.map((r) => r[i]);
  await query(
    `insert into youth (${COLUMNS})
     select * from unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::date[], $6::text[], $7::text[],
       $8::text[], $9::text[], $10::int[], $11::int[])`,
    Array.from({ length: 11 }, (_, i) => col(i)),
  );
}

function youthRows(keys: Keys, unitId: number, sourceId: number, userId: number) {
  return people(keys, ROWS).map((p) => [
    unitId,
    p.name,
    'piliang',
    'pl',
    p.birthDate,
    p.idNumberEnc,
    p.idNumberIdx,
    p.phoneEnc,
    p.phoneIdx,
    sourceId,
    userId,
  ]);
}

/**
 * The batch through the API while /healthz is asked every 10 ms, one request after the other, until the
 * batch answers. A ping's wait runs from when it was due: a blocked event loop delays the timer too.
 */
async function batchWhileProbing(ctx: TestContext, op: Agent, ids: number[]) {
  let running = true;
  const started = performance.now();
  const batch = op.post('/api/signups/batch', { ids, action: 'accept' }).finally(() => {
    running = false;
  });
  const waits: number[] = [];
  while (running) {
    const due = performance.now() + 10;
    await new Promise((resolve) => setTimeout(resolve, 10));
    const res = await ctx.app.inject({ method: 'GET', url: '/healthz' });
    if (res.statusCode !== 200) throw new Error('/healthz');
    if (running) waits.push(performance.now() - due);
  }
  const body = (await ok(batch)) as { done: number; refused: unknown[] };
  if (body.done !== ids.length) throw new Error(`batch: ${JSON.stringify(body).slice(0, 300)}`);
  return { ms: performance.now() - started, waits };
}

async function main() {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'zm-bench-signup-'));
  const bench = await openBenchDatabase({ dataDir: path.join(dir, 'db') });
  try {
    console.log(
      `signup batch accept — ${bench.label}, ${ROWS} rows × ${REPS} rounds, ${os.cpus().length} CPUs`,
    );
    const { database } = bench;
    await database.migrate();
    await seedUnitTree(database.db);
    await seedDictionaries(database.db);
    const keys = ephemeralKeys();
    const config = loadConfig({}, { dataDir: dir });
    const app = await buildApp({ config, db: database.db, keys });
    await app.ready();
    const ctx = { app, db: database.db, keys } as TestContext;
    const user = await createUser(ctx, { role: 'operator', unitCode: '360102', totp: false });
    const op = await login(ctx, user);
    const pageId = await openPage(op);
    const [source] = await bench.raw.query<{ id: number }>(
      `select id from dict_items where dict_type = 'source' and label = '线上招募' and unit_id is null`,
    );

    const times = { batch: [] as number[], rowByRow: [] as number[], setWise: [] as number[] };
    const waits: number[] = [];
    for (let rep = 0; rep < REPS; rep += 1) {
      const ids = await arrive(database, keys, user.unitId, pageId);
      const run = await batchWhileProbing(ctx, op, ids);
      times.batch.push(run.ms);
      waits.push(...run.waits);

      const a = youthRows(keys, user.unitId, source.id, user.id);
      let t0 = performance.now();
      await rowByRow(database, a);
      times.rowByRow.push(performance.now() - t0);

      const b = youthRows(keys, user.unitId, source.id, user.id);
      t0 = performance.now();
      await setWise((text, params) => bench.raw.query(text, params), b);
      times.setWise.push(performance.now() - t0);
      console.log(
        `round ${rep + 1}: batch ${fmtMs(run.ms)} ms (/healthz answered ${run.waits.length} times meanwhile` +
          `${run.waits.length ? `, longest wait ${fmtMs(quantile(run.waits, 1))} ms` : ''}), ` +
          `row-by-row ${fmtMs(times.rowByRow[rep])} ms, set-wise ${fmtMs(times.setWise[rep])} ms`,
      );
    }
    const m = {
      batch: median(times.batch),
      rowByRow: median(times.rowByRow),
      setWise: median(times.setWise),
    };
    console.log(
      '\n' +
        table(
          ['', 'median ms', 'per row ms', 'batch ÷ this'],
          [
            ['batch accept (API)', fmtMs(m.batch), fmtMs(m.batch / ROWS), '1.0'],
            [
              'raw INSERT per row, 1 tx',
              fmtMs(m.rowByRow),
              fmtMs(m.rowByRow / ROWS),
              (m.batch / m.rowByRow).toFixed(1),
            ],
            [
              'raw INSERT … unnest',
              fmtMs(m.setWise),
              fmtMs(m.setWise / ROWS),
              (m.batch / m.setWise).toFixed(1),
            ],
          ],
        ),
    );
    console.log(
      waits.length
        ? `\n/healthz during the batches: n=${waits.length}, wait p50 ${fmtMs(quantile(waits, 0.5))} ms, ` +
            `p99 ${fmtMs(quantile(waits, 0.99))} ms, max ${fmtMs(quantile(waits, 1))} ms`
        : '\n/healthz during the batches: no answer until each batch had finished',
    );
    await app.close();
  } finally {
    await bench.close();
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
