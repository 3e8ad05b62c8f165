import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
import {
  createTestContext,
  createUser,
  login,
  unitIdByCode,
  type Agent,
  type TestContext,
} from '../../test/harness';
import {
  cloneJudges,
  KEYWORD,
  KEYWORD_EVERY,
  maxRows,
  panelOf,
  recordStatements,
  scoreEverySheet,
  seedConflicts,
  seedScaleCall,
  statementShape,
} from './judging-scale-fixtures';

/**
 * A county call of 3,000 entries and 40 judges against one of 300 with the same panel: the assignment
 * gives every entry exactly N judges, none over the cap, none conflicted; the list, the assignment,
 * the progress, the ranking and a judge's task list send the same statements — as many, no longer, with
 * no more parameters — at both sizes; the ranking answers one page, as large at 3,000 as at 300; and
 * /healthz answers while the large assignment runs. No timings.
 */

const JUDGES = 40;
const N = 3;

let t: TestContext;
let organiser: Agent;
let judge: Agent;
let judgeIds: number[];

type Size = { entries: number; callId: number; roundId: number; cap: number };
const small: Size = { entries: 300, callId: 0, roundId: 0, cap: 0 };
const large: Size = { entries: 3000, callId: 0, roundId: 0, cap: 0 };

beforeAll(async () => {
  t = await createTestContext();
  organiser = await login(t, await createUser(t, { role: 'operator', unitCode: '360102', totp: false }));
  const first = await createUser(t, { role: 'judge', unitCode: '360102', totp: false });
  judge = await login(t, first);
  judgeIds = [first.id, ...(await cloneJudges(t.db, first.id, JUDGES - 1, 'scale-judge-'))];
  const unitId = await unitIdByCode(t.db, '360102');
  // A county call's entrants live in the county and the review files them in its registry: the
  // county's own judges are not conflicted by that.
  const placeUnitId = unitId;
  for (const size of [small, large]) {
    size.callId = await seedScaleCall(t.db, {
      unitId,
      placeUnitId,
      slug: `scale-${size.entries}`,
      entries: size.entries,
      status: 'eligible',
      registered: true,
    });
    // One entry in 50 has a judge who must stay off it.
    await seedConflicts(t.db, size.callId, judgeIds, 50);
    // Loads are balanced within a category; a tenth of headroom over the even share.
    size.cap = Math.ceil((1.1 * size.entries * N) / JUDGES);
  }
}, 120_000);
afterAll(async () => t?.close());

async function ok(res: Promise<{ statusCode: number; body: string; json(): unknown }>) {
  const r = await res;
  expect(r.statusCode, r.body.slice(0, 500)).toBe(200);
  return r.json() as Record<string, unknown> & { items: unknown[] };
}

/** The request's statements, with what must not grow. */
async function shapeOf(request: () => Promise<unknown>) {
  const shape = statementShape((await recordStatements(t.database, request)).statements);
  // The recorder saw the request's statements (the session's look-up at least).
  expect(shape.count).toBeGreaterThan(0);
  return shape;
}

async function setUp(size: Size) {
  const round = await ok(
    organiser.post(`/api/calls/${size.callId}/rounds`, {
      name: '初评',
      judgesPerWork: N,
      maxPerJudge: size.cap,
      byCategory: true,
      aggregation: 'trimmed',
      trimCount: 1,
      spreadThreshold: 30,
      advanceKind: 'top',
      advanceValue: Math.round(size.entries / 10),
    }),
  );
  size.roundId = round.id as number;
  expect(round.entryCount).toBe(size.entries);
  await ok(organiser.put(`/api/call-rounds/${size.roundId}/judges`, { judges: panelOf(judgeIds) }));
}

/** Runs `work` while asking /healthz one request after the other; counts the answers that came meanwhile. */
async function whileProbing<T>(work: () => Promise<T>) {
  let running = true;
  const pending = work().finally(() => {
    running = false;
  });
  let answered = 0;
  while (running) {
    const health = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
    if (running) answered += 1;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { value: await pending, answered };
}

describe('a call of 3,000 entries and 40 judges', () => {
  it('lists and searches the entries with the same statements as a call of 300', async () => {
    const list = (size: Size) => () =>
      ok(organiser.post(`/api/calls/${size.callId}/entries/search`, { pageSize: 50 }));
    const search = (size: Size) => () =>
      ok(organiser.post(`/api/calls/${size.callId}/entries/search`, { keyword: KEYWORD, pageSize: 50 }));
    expect((await list(large)()).total).toBe(3000);
    expect((await search(large)()).total).toBe(Math.floor(3000 / KEYWORD_EVERY));
    expect(await shapeOf(list(large))).toEqual(await shapeOf(list(small)));
    expect(await shapeOf(search(large))).toEqual(await shapeOf(search(small)));
  });

  it('assigns every entry exactly N judges within the cap and never a conflicted one', async () => {
    await setUp(small);
    await setUp(large);
    const assign = (size: Size) => () =>
      ok(organiser.post(`/api/call-rounds/${size.roundId}/assign`, { seed: 7 }));
    const smallShape = await shapeOf(assign(small));
    const run = await whileProbing(() => recordStatements(t.database, assign(large)));
    const body = run.value.value as unknown as {
      short: unknown[];
      loads: { assigned: number }[];
      conflicts: number;
    };
    expect(body.short).toEqual([]);
    expect(body.conflicts).toBe(60);
    expect(body.loads).toHaveLength(JUDGES);
    expect(Math.max(...body.loads.map((l) => l.assigned))).toBeLessThanOrEqual(large.cap);
    // The statements of 3,000 entries are those of 300: as many, no longer, no more parameters.
    expect(statementShape(run.value.statements)).toEqual(smallShape);
    // The embedded database answers between the assignment's steps, not only before it began.
    if (t.database.kind === 'embedded') expect(run.answered).toBeGreaterThanOrEqual(3);

    for (const size of [small, large]) {
      const [perEntry] = await queryRows<{ entries: number; min: number; max: number }>(
        t.db,
        sql`select count(*)::int as entries, min(n)::int as min, max(n)::int as max from (
              select re.entry_id, count(ja.id) as n from round_entries re
              left join judge_assignments ja on ja.round_id = re.round_id and ja.entry_id = re.entry_id
              where re.round_id = ${size.roundId} group by re.entry_id) x`,
      );
      expect(perEntry).toEqual({ entries: size.entries, min: N, max: N });
      const [load] = await queryRows<{ max: number; judges: number }>(
        t.db,
        sql`select max(n)::int as max, count(*)::int as judges from (
              select judge_user_id, count(*) as n from judge_assignments where round_id = ${size.roundId}
              group by judge_user_id) x`,
      );
      expect(load.max).toBeLessThanOrEqual(size.cap);
      expect(load.judges).toBe(JUDGES);
      const [conflicted] = await queryRows<{ n: number }>(
        t.db,
        sql`select count(*)::int as n from judge_assignments ja join call_rounds r on r.id = ja.round_id
            join judge_conflicts jc on jc.call_id = r.call_id and jc.judge_user_id = ja.judge_user_id
              and jc.entry_id = ja.entry_id
            where ja.round_id = ${size.roundId}`,
      );
      expect(conflicted.n).toBe(0);
      // Judges only get entries of the categories they were given.
      const [outside] = await queryRows<{ n: number }>(
        t.db,
        sql`select count(*)::int as n from judge_assignments ja
            join round_judges rj on rj.round_id = ja.round_id and rj.user_id = ja.judge_user_id
            join call_entries ce on ce.id = ja.entry_id join works w on w.id = ce.work_id
            where ja.round_id = ${size.roundId} and not (w.category_key = any(rj.category_keys))`,
      );
      expect(outside.n).toBe(0);
    }
  }, 60_000);

  it('shows progress, the judges’ task lists and the ranking with the same statements at both sizes', async () => {
    for (const size of [small, large]) {
      const [round] = (await ok(organiser.get(`/api/calls/${size.callId}/rounds`))).items as {
        version: number;
      }[];
      await ok(organiser.post(`/api/call-rounds/${size.roundId}/open`, { version: round.version }));
      await scoreEverySheet(t.db, size.roundId);
    }
    const progress = (size: Size) => () => ok(organiser.get(`/api/call-rounds/${size.roundId}/progress`));
    const tasks = (size: Size) => () => ok(judge.get(`/api/judging/rounds/${size.roundId}/entries`));
    const ranking = (size: Size) => () => ok(organiser.get(`/api/call-rounds/${size.roundId}/ranking`));

    const p = await progress(large)();
    expect(p.short).toEqual([]);
    expect((p.loads as { submitted: number }[]).reduce((s, l) => s + l.submitted, 0)).toBe(3000 * N);
    const [mine] = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from judge_assignments where round_id = ${large.roundId}
          and judge_user_id = ${judgeIds[0]}`,
    );
    expect((await tasks(large)()).items).toHaveLength(mine.n);
    const run = await whileProbing(ranking(large));
    const items = run.value.items as { rank: number | null; score: number | null; sheets: unknown[] }[];
    // The whole round is ranked, one page answered.
    expect(run.value.total).toBe(3000);
    expect(items).toHaveLength(50);
    expect(items.every((i) => i.sheets.length === N && i.score !== null)).toBe(true);
    expect(items[0].rank).toBe(1);
    for (let i = 1; i < items.length; i += 1)
      expect(items[i].score!).toBeLessThanOrEqual(items[i - 1].score!);
    if (t.database.kind === 'embedded') expect(run.answered).toBeGreaterThan(0);
    // The answer does not grow with the round: a page of 50 weighs about the same at 300 and 3,000.
    const bytes = async (size: Size) =>
      (await organiser.get(`/api/call-rounds/${size.roundId}/ranking?page=2`)).body.length;
    const [smallBytes, largeBytes] = [await bytes(small), await bytes(large)];
    expect(largeBytes).toBeLessThan(smallBytes * 1.2);
    const widest = await ok(organiser.get(`/api/call-rounds/${large.roundId}/ranking?pageSize=200&page=3`));
    expect(widest.items).toHaveLength(200);
    expect((widest.items[0] as { rank: number }).rank).toBeGreaterThanOrEqual(
      (items.at(-1) as { rank: number }).rank,
    );

    expect(await shapeOf(progress(large))).toEqual(await shapeOf(progress(small)));
    expect(await shapeOf(tasks(large))).toEqual(await shapeOf(tasks(small)));
    expect(await shapeOf(ranking(large))).toEqual(await shapeOf(ranking(small)));
  }, 60_000);

  it('hands a sheet a judge declares a conflict on to another judge, reading only that entry', async () => {
    const declare = (size: Size, entryId: number) => () =>
      ok(
        judge.post(`/api/judging/rounds/${size.roundId}/entries/${entryId}/conflict`, {
          reason: '作者是我的学生',
        }),
      );
    const firstOf = async (size: Size) =>
      ((await ok(judge.get(`/api/judging/rounds/${size.roundId}/entries`))).items[0] as { entryId: number })
        .entryId;
    const [smallEntry, largeEntry] = [await firstOf(small), await firstOf(large)];
    const recorded = {
      small: await recordStatements(t.database, declare(small, smallEntry)),
      large: await recordStatements(t.database, declare(large, largeEntry)),
    };
    expect(statementShape(recorded.large.statements)).toEqual(statementShape(recorded.small.statements));
    // No statement returns more rows in the large round: at most the panel, never its 9,000 sheets.
    expect(maxRows(recorded.large.statements)).toBe(maxRows(recorded.small.statements));
    expect(maxRows(recorded.large.statements)).toBeLessThanOrEqual(JUDGES);
    const judgesOn = await queryRows<{ judgeUserId: number }>(
      t.db,
      sql`select judge_user_id as "judgeUserId" from judge_assignments
          where round_id = ${large.roundId} and entry_id = ${largeEntry}`,
    );
    expect(judgesOn).toHaveLength(N);
    expect(judgesOn.map((j) => j.judgeUserId)).not.toContain(judgeIds[0]);
  });
});
