/**
 * Does 作品征集 grow no faster than its input? A county call (东湖区) is run end to end through the API at
 * two sizes, 500 and BENCH_ENTRIES (5,000) entries over six categories, with the same 60 评委: the entries
 * list and a keyword search, the batch formal review of every entry (500 per request), creating the round,
 * setting the panel, the assignment (N = 3, cap M), a judge's task list, progress and ranking once every
 * sheet is scored, closing the round, the awards proposal and the recommendation page; each step is
 * printed with its ratio large ÷ small (10 is linear growth) and, where one is meaningful, against a plain
 * SELECT of the same rows in the same run. /healthz is asked one request after the other during the heavy
 * steps (p50 / p99 / max of the waits). Before that, BENCH_SUBMITS (500) works are submitted through the
 * public path (challenge solved, one file uploaded resumably), the first tenth against the last tenth.
 * Usage: npm run bench:calls (BENCH_DATABASE_URL=postgres://… for a PostgreSQL server).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { RESUMABLE_UPLOADS_PATH } from '../common/contracts/calls-public';
import { solveChallenge } from '../common/pow';
import { buildApp } from '../server/app';
import { loadConfig } from '../server/config';
import { seedDictionaries } from '../server/modules/dictionaries/dictionaries.seed';
import {
  cloneJudges,
  KEYWORD,
  panelOf,
  recordStatements,
  scoreEverySheet,
  seedScaleCall,
  type Statement,
} from '../server/modules/judging/judging-scale-fixtures';
import { SAMPLE_FILES } from '../server/platform/files/test-files';
import { ephemeralKeys } from '../server/platform/crypto/keys';
import { seedUnitTree } from '../server/platform/units/seed-units';
import { createUser, login, unitIdByCode, type Agent, type TestContext } from '../server/test/harness';
import { makeId } from '../server/test/id-numbers';
import { fmtMs, median, openBenchDatabase, quantile, table, type BenchDatabase } from './support';

const LARGE = Number(process.env.BENCH_ENTRIES ?? 5000);
const SMALL = Math.max(1, Math.round(LARGE / 10));
const SUBMITS = Number(process.env.BENCH_SUBMITS ?? 500);
const JUDGES = Number(process.env.BENCH_JUDGES ?? 60);
const N = 3;
const REPS = 7;
const TUS = { 'tus-resumable': '1.0.0' };

type Res = { statusCode: number; body: string; json(): unknown };
async function ok(res: Promise<Res>): Promise<Record<string, unknown> & { items: unknown[] }> {
  const r = await res;
  if (r.statusCode !== 200) throw new Error(`${r.statusCode} ${r.body.slice(0, 400)}`);
  return r.json() as Record<string, unknown> & { items: unknown[] };
}

async function time<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: performance.now() - start, value };
}

async function medianOf(reps: number, work: () => Promise<unknown>): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < reps; i += 1) ms.push((await time(work)).ms);
  return median(ms);
}

/**
 * `work` while /healthz is asked one request after the other until it ends. A wait runs from when the
 * next request was due (just after the previous answer) to its answer: an event loop held by the work
 * delays the asking too, and the last wait, held until the work let go, is counted.
 */
async function probed<T>(app: TestContext['app'], work: () => Promise<T>) {
  let running = true;
  const start = performance.now();
  const pending = work().finally(() => {
    running = false;
  });
  const waits: number[] = [];
  for (;;) {
    const due = performance.now();
    await new Promise((resolve) => setImmediate(resolve));
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    if (res.statusCode !== 200) throw new Error('/healthz');
    waits.push(performance.now() - due);
    if (!running) break;
  }
  const value = await pending;
  return { ms: performance.now() - start, value, waits };
}

const healthLine = (label: string, waits: number[]) =>
  waits.length
    ? `${label}: /healthz answered ${waits.length}× — p50 ${fmtMs(quantile(waits, 0.5))} ms, ` +
      `p99 ${fmtMs(quantile(waits, 0.99))} ms, max ${fmtMs(quantile(waits, 1))} ms`
    : `${label}: /healthz not answered until the step ended`;

async function publishNotice(op: Agent): Promise<number> {
  const res = await ok(
    op.post('/api/privacy-notices', {
      title: '个人信息处理规则',
      sections: {
        controller: '共青团南昌市东湖区委员会',
        purpose: '征集、评审和展示青年作品，联系作者。',
        categories: '姓名、身份证号、手机号码、作品。',
        retention: '自征集结束之日起三年，期满删除。',
        rights: '您可以凭回执码查阅、更正或撤回作品。',
        contact: '0791-12345678',
      },
    }),
  );
  return res.id as number;
}

async function solved(app: TestContext['app']) {
  const res = await ok(app.inject({ method: 'GET', url: '/api/public/challenge' }));
  const { challenge, difficulty } = res as unknown as { challenge: string; difficulty: number };
  return { challenge, nonce: await solveChallenge(challenge, difficulty) };
}

/** SUBMITS works through the public path; the challenges are solved outside the timed part. */
async function submitWorks(ctx: TestContext, unitId: number, placeUnitId: number, noticeId: number) {
  const now = Date.now();
  const slug = 'b0b0b0b0b0b0';
  await seedScaleCall(ctx.db, {
    unitId,
    placeUnitId,
    slug,
    entries: 0,
    status: 'submitted',
    opensAt: new Date(now - 86_400_000),
    closesAt: new Date(now + 30 * 86_400_000),
  });
  const perWork: number[] = [];
  for (let i = 0; i < SUBMITS; i += 1) {
    const ip = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
    const content = Buffer.from(`${SAMPLE_FILES.txt.toString()}第 ${i} 篇\r\n`);
    const uploadProof = await solved(ctx.app);
    const proof = await solved(ctx.app);
    const birth = `200${i % 8}0${(i % 9) + 1}1${i % 9}`;
    const t0 = performance.now();
    // The file as the public site sends it: a resumable (tus) upload, all bytes in one PATCH, then finish.
    const created = await ctx.app.inject({
      method: 'POST',
      url: RESUMABLE_UPLOADS_PATH,
      remoteAddress: ip,
      headers: {
        ...TUS,
        'upload-length': String(content.length),
        'upload-metadata': Object.entries({
          slug,
          categoryKey: 'essay',
          filename: `作品${i}.txt`,
          ...uploadProof,
        })
          .map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`)
          .join(','),
      },
    });
    if (created.statusCode !== 201) throw new Error(`upload ${created.statusCode} ${created.body}`);
    const location = String(created.headers.location);
    const sent = await ctx.app.inject({
      method: 'PATCH',
      url: location,
      remoteAddress: ip,
      headers: { ...TUS, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
      payload: content,
    });
    if (sent.statusCode !== 204) throw new Error(`upload ${sent.statusCode} ${sent.body}`);
    const upload = await ok(ctx.app.inject({ method: 'POST', url: `${location}/finish`, remoteAddress: ip }));
    await ok(
      ctx.app.inject({
        method: 'POST',
        url: `/api/public/calls/${slug}/works`,
        remoteAddress: ip,
        headers: {
          'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) MicroMessenger/8.0',
        },
        payload: {
          title: `家乡的河 ${i}`,
          categoryKey: 'essay',
          description: '散文',
          entrants: [
            {
              name: `投稿${i}`,
              idNumber: makeId('360102', birth, String(i % 1000).padStart(3, '0')),
              phone: `136${String(10_000_000 + i).slice(-8)}`,
            },
          ],
          files: [upload.token],
          ...proof,
          noticeId,
          consent: true,
          originality: true,
          publicityConsent: i % 2 === 0,
        },
      }),
    );
    perWork.push(performance.now() - t0);
  }
  return perWork;
}

type Step = { name: string; small: number; large: number; baseline?: number; perEntry?: boolean };

/** One size of the call: every step, timed; the probed steps' waits for /healthz. */
async function runSize(
  bench: BenchDatabase,
  ctx: TestContext,
  o: {
    entries: number;
    unitId: number;
    placeUnitId: number;
    parentCallId: number;
    organiser: Agent;
    judge: Agent;
    judgeIds: number[];
  },
) {
  const { organiser, judge } = o;
  const raw = bench.raw;
  const callId = await seedScaleCall(ctx.db, {
    unitId: o.unitId,
    placeUnitId: o.placeUnitId,
    slug: `bench-${o.entries}`,
    entries: o.entries,
    status: 'submitted',
    parentCallId: o.parentCallId,
  });
  const out: Record<string, number> = {};
  const base: Record<string, number> = {};
  const waits: Record<string, number[]> = {};
  const slowest: Record<string, Statement[]> = {};

  out.list = await medianOf(REPS, () => ok(organiser.post(`/api/calls/${callId}/entries/search`, {})));
  base.list = await medianOf(REPS, async () => {
    await raw.query(
      `select e.id, e.entry_no, e.status, w.title, w.category_key from call_entries e join works w on w.id = e.work_id
       where e.call_id = $1 order by e.entry_no desc, e.id desc limit 20`,
      [callId],
    );
    await raw.query(`select count(*) from call_entries where call_id = $1`, [callId]);
  });
  out.search = await medianOf(REPS, () =>
    ok(organiser.post(`/api/calls/${callId}/entries/search`, { keyword: KEYWORD })),
  );
  base.search = await medianOf(REPS, async () => {
    const where = `e.call_id = $1 and (w.title like $2 or exists (select 1 from work_entrants we
                   where we.work_id = w.id and we.name like $2))`;
    await raw.query(
      `select e.id, e.entry_no, w.title from call_entries e join works w on w.id = e.work_id
       where ${where} order by e.entry_no desc limit 20`,
      [callId, `%${KEYWORD}%`],
    );
    await raw.query(`select count(*) from call_entries e join works w on w.id = e.work_id where ${where}`, [
      callId,
      `%${KEYWORD}%`,
    ]);
  });

  // 形式审查 of every entry, 500 per request as the list's batch action sends them.
  const ids = (
    await raw.query<{ id: number }>(`select id from call_entries where call_id = $1 order by id`, [callId])
  ).map((r) => Number(r.id));
  const review = await probed(ctx.app, async () => {
    for (let i = 0; i < ids.length; i += 500) {
      const body = await ok(
        organiser.post(`/api/calls/${callId}/entries/review`, {
          ids: ids.slice(i, i + 500),
          status: 'eligible',
        }),
      );
      const refused = body.refused as unknown[];
      if (refused.length) throw new Error(`refused: ${JSON.stringify(refused[0])}`);
    }
  });
  out.review = review.ms;
  waits.review = review.waits;

  const cap = Math.ceil((1.25 * o.entries * N) / o.judgeIds.length) + 2;
  const created = await time(() =>
    ok(
      organiser.post(`/api/calls/${callId}/rounds`, {
        name: '初评',
        judgesPerWork: N,
        maxPerJudge: cap,
        byCategory: true,
        aggregation: 'trimmed',
        trimCount: 1,
        spreadThreshold: 30,
        advanceKind: 'top',
        advanceValue: Math.round(o.entries / 10),
      }),
    ),
  );
  out.round = created.ms;
  const roundId = created.value.id as number;
  out.panel = (
    await time(() => ok(organiser.put(`/api/call-rounds/${roundId}/judges`, { judges: panelOf(o.judgeIds) })))
  ).ms;
  const assign = await probed(ctx.app, () =>
    recordStatements(ctx.database, () => ok(organiser.post(`/api/call-rounds/${roundId}/assign`, {}))),
  );
  slowest.assign = assign.value.statements;
  const short = assign.value.value.short as unknown[];
  if (short.length) throw new Error(`assignment left ${short.length} short: ${JSON.stringify(short[0])}`);
  out.assign = assign.ms;
  waits.assign = assign.waits;

  const [round] = (await ok(organiser.get(`/api/calls/${callId}/rounds`))).items as { version: number }[];
  await ok(organiser.post(`/api/call-rounds/${roundId}/open`, { version: round.version }));
  out.tasks = await medianOf(REPS, () => ok(judge.get(`/api/judging/rounds/${roundId}/entries`)));
  base.tasks = await medianOf(REPS, () =>
    raw.query(
      `select ce.id, ce.entry_no, w.category_key, w.title, ja.status, ja.total from judge_assignments ja
       join call_entries ce on ce.id = ja.entry_id join works w on w.id = ce.work_id
       where ja.round_id = $1 and ja.judge_user_id = $2 order by ce.entry_no`,
      [roundId, o.judgeIds[0]],
    ),
  );
  await scoreEverySheet(ctx.db, roundId);
  out.progress = await medianOf(3, () => ok(organiser.get(`/api/call-rounds/${roundId}/progress`)));
  const ranking = await probed(ctx.app, () =>
    recordStatements(ctx.database, () => ok(organiser.get(`/api/call-rounds/${roundId}/ranking`))),
  );
  slowest.ranking = ranking.value.statements;
  const rankingAgain = () => ok(organiser.get(`/api/call-rounds/${roundId}/ranking`));
  out.ranking = median([ranking.ms, (await time(rankingAgain)).ms, (await time(rankingAgain)).ms]);
  waits.ranking = ranking.waits;
  base.ranking = await medianOf(3, () =>
    raw.query(
      `select ja.entry_id, ja.judge_user_id, ja.status, ja.total, ja.comment, ce.entry_no, w.title, w.category_key
       from judge_assignments ja join call_entries ce on ce.id = ja.entry_id join works w on w.id = ce.work_id
       where ja.round_id = $1 order by ja.entry_id, ja.judge_user_id`,
      [roundId],
    ),
  );
  base.progress = base.ranking;
  const [again] = (await ok(organiser.get(`/api/calls/${callId}/rounds`))).items as { version: number }[];
  const close = await probed(ctx.app, () =>
    ok(organiser.post(`/api/call-rounds/${roundId}/close`, { version: again.version })),
  );
  out.close = close.ms;
  waits.close = close.waits;

  out.awards = await medianOf(3, () => ok(organiser.get(`/api/calls/${callId}/awards`)));
  base.awards = await medianOf(3, () =>
    raw.query(
      `select e.id, e.entry_no, e.final_score, w.title, w.category_key from call_entries e
       join works w on w.id = e.work_id where e.call_id = $1 and e.status = 'eligible'
       and e.final_score is not null order by e.final_score desc, e.entry_no`,
      [callId],
    ),
  );
  out.recommendations = await medianOf(3, () => ok(organiser.get(`/api/calls/${callId}/recommendations`)));
  base.recommendations = base.awards;
  const view = await ok(organiser.get(`/api/calls/${callId}/recommendations`));
  const best = (view.candidates as { entryId: number }[]).slice(0, 20).map((c) => c.entryId);
  out.recommend = (
    await time(() => ok(organiser.post(`/api/calls/${callId}/recommendations`, { entryIds: best })))
  ).ms;
  return { out, base, waits, slowest };
}

async function main() {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'zm-bench-calls-'));
  const bench = await openBenchDatabase({ dataDir: path.join(dir, 'db') });
  try {
    console.log(
      `作品征集 at scale — ${bench.label}; ${SMALL} and ${LARGE} entries, ${JUDGES} judges, ` +
        `${SUBMITS} public submissions, ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(1)}`,
    );
    const { database } = bench;
    await database.migrate();
    await seedUnitTree(database.db);
    await seedDictionaries(database.db);
    const config = loadConfig(
      {},
      {
        dataDir: dir,
        publicPowDifficulty: 8,
        publicSubmitLimitPer10Minutes: 1_000_000,
        publicSubmitLimitPerDay: 1_000_000,
        publicPageLimitPerHour: 1_000_000,
        publicReadLimitPerMinute: 1_000_000,
      },
    );
    const keys = ephemeralKeys();
    const app = await buildApp({ config, db: database.db, keys });
    await app.ready();
    const ctx = { app, db: database.db, keys, database, config } as TestContext;
    const unitId = await unitIdByCode(database.db, '360102');
    // A county call's entrants live in the county (their place), as the public form offers it.
    const placeUnitId = unitId;
    const cityId = await unitIdByCode(database.db, '360100');
    const organiser = await login(
      ctx,
      await createUser(ctx, { role: 'operator', unitCode: '360102', totp: false }),
    );
    const first = await createUser(ctx, { role: 'judge', unitCode: '360102', totp: false });
    const judge = await login(ctx, first);
    const judgeIds = [first.id, ...(await cloneJudges(database.db, first.id, JUDGES - 1, 'bench-judge-'))];
    const noticeId = await publishNotice(organiser);

    const perWork = await submitWorks(ctx, unitId, placeUnitId, noticeId);
    const tenth = Math.max(1, Math.floor(perWork.length / 10));
    const firstTenth = median(perWork.slice(0, tenth));
    const lastTenth = median(perWork.slice(-tenth));
    console.log(
      `\npublic submission (upload + submit), ${perWork.length} works: median ${fmtMs(median(perWork))} ms, ` +
        `p99 ${fmtMs(quantile(perWork, 0.99))} ms; first ${tenth} ${fmtMs(firstTenth)} ms, ` +
        `last ${tenth} ${fmtMs(lastTenth)} ms (last ÷ first ${(lastTenth / firstTenth).toFixed(2)})`,
    );

    const now = Date.now();
    const parentCallId = await seedScaleCall(database.db, {
      unitId: cityId,
      placeUnitId,
      slug: 'bench-city',
      entries: 0,
      status: 'submitted',
      opensAt: new Date(now - 86_400_000),
      closesAt: new Date(now + 30 * 86_400_000),
      recommendQuota: 20,
    });
    const common = { unitId, placeUnitId, parentCallId, organiser, judge, judgeIds };
    const s = await runSize(bench, ctx, { ...common, entries: SMALL });
    console.log(`\n${SMALL} entries done`);
    const l = await runSize(bench, ctx, { ...common, entries: LARGE });

    const steps: Step[] = [
      { name: '作品列表 page 1 (20)', small: s.out.list, large: l.out.list, baseline: l.base.list },
      {
        name: `keyword search「${KEYWORD}」`,
        small: s.out.search,
        large: l.out.search,
        baseline: l.base.search,
      },
      { name: '形式审查 batch, all entries', small: s.out.review, large: l.out.review, perEntry: true },
      { name: 'create round', small: s.out.round, large: l.out.round },
      { name: `set panel (${JUDGES} judges)`, small: s.out.panel, large: l.out.panel },
      { name: `assign (N=${N}, cap)`, small: s.out.assign, large: l.out.assign },
      { name: "a judge's task list", small: s.out.tasks, large: l.out.tasks, baseline: l.base.tasks },
      { name: 'progress', small: s.out.progress, large: l.out.progress, baseline: l.base.progress },
      { name: 'ranking', small: s.out.ranking, large: l.out.ranking, baseline: l.base.ranking },
      { name: 'close round', small: s.out.close, large: l.out.close },
      { name: '评奖 proposal', small: s.out.awards, large: l.out.awards, baseline: l.base.awards },
      {
        name: '推荐 page',
        small: s.out.recommendations,
        large: l.out.recommendations,
        baseline: l.base.recommendations,
      },
      { name: 'recommend 20', small: s.out.recommend, large: l.out.recommend },
    ];
    console.log(
      '\n' +
        table(
          [
            'step',
            `${SMALL} ms`,
            `${LARGE} ms`,
            `÷ (${LARGE / SMALL}× rows)`,
            'plain SELECT ms',
            'step ÷ SELECT',
          ],
          steps.map((st) => [
            st.name + (st.perEntry ? ` (${fmtMs(st.large / LARGE)} ms/entry)` : ''),
            fmtMs(st.small),
            fmtMs(st.large),
            (st.large / st.small).toFixed(1),
            st.baseline === undefined ? '' : fmtMs(st.baseline),
            st.baseline === undefined ? '' : (st.large / st.baseline).toFixed(1),
          ]),
        ),
    );
    console.log(`\nwhile the ${LARGE}-entry steps ran:`);
    for (const k of ['review', 'assign', 'ranking', 'close']) console.log(healthLine(k, l.waits[k]));
    for (const k of ['assign', 'ranking']) {
      const all = l.slowest[k];
      console.log(`\n${k} at ${LARGE}: ${all.length} statements, the slowest:`);
      for (const st of [...all].sort((a, b) => b.ms - a.ms).slice(0, 3)) {
        console.log(
          `  ${fmtMs(st.ms)} ms, ${st.rows} rows, ${st.textBytes} B text, ${st.params} params: ${st.head.slice(0, 90)}`,
        );
      }
    }
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
