import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
import { entryLabel } from '../calls/call-entries.repo';
import {
  createTestContext,
  createUser,
  login,
  unitIdByCode,
  type Agent,
  type TestContext,
} from '../../test/harness';
import { KEYWORD, KEYWORD_EVERY, seedScaleCall } from './judging-scale-fixtures';

/**
 * The ranking answered a page at a time over a 120-entry round: entries 2k-1 and 2k share a score (so
 * every rank is 并列, also across a page's edge), every 10th entry's judges differ by 30 (over the
 * threshold of 25), and entries 111…120 are not scored. And the conflict dialog's entry look-up.
 */

const ENTRIES = 120;
const SCORED = 110;

let t: TestContext;
let organiser: Agent;
let neighbour: Agent; // another county's operator
let roundId: number;

type Row = {
  entryId: number;
  entryLabel: string;
  title: string;
  rank: number | null;
  tied: boolean;
  spreadFlag: boolean;
  score: number | null;
  advanced: boolean;
};
type Page = {
  items: Row[];
  total: number;
  page: number;
  pageSize: number;
  closed: boolean;
  counts: Record<string, number>;
};

/** Entry no. n's expected score: pairs (1,2), (3,4)… share one, the higher numbers lower. */
const scoreOf = (n: number) => 100 - Math.ceil(n / 2) * 0.5;
/** Its rank: the first of each pair's position. */
const rankOf = (n: number) => (n % 2 ? n : n - 1);
const noOf = (label: string) => Number(label.replace(/\D/g, ''));

async function page(query: string): Promise<Page> {
  const res = await organiser.get(`/api/call-rounds/${roundId}/ranking?${query}`);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res.json() as Page;
}

beforeAll(async () => {
  t = await createTestContext();
  organiser = await login(t, await createUser(t, { role: 'operator', unitCode: '360102', totp: false }));
  neighbour = await login(t, await createUser(t, { role: 'operator', unitCode: '360103', totp: false }));
  const judgeIds = [];
  for (let i = 0; i < 3; i += 1)
    judgeIds.push((await createUser(t, { role: 'judge', unitCode: '360102', totp: false })).id);
  const unitId = await unitIdByCode(t.db, '360102');
  const callId = await seedScaleCall(t.db, {
    unitId,
    placeUnitId: unitId,
    slug: 'ranking-pages',
    entries: ENTRIES,
    status: 'eligible',
    registered: true,
  });
  const round = (
    await organiser.post(`/api/calls/${callId}/rounds`, {
      name: '初评',
      judgesPerWork: 2,
      maxPerJudge: null,
      byCategory: false,
      aggregation: 'mean',
      trimCount: 1,
      spreadThreshold: 25,
      advanceKind: 'top',
      advanceValue: 30,
    })
  ).json();
  roundId = round.id;
  const panel = judgeIds.map((userId) => ({ userId, categoryKeys: [] }));
  expect((await organiser.put(`/api/call-rounds/${roundId}/judges`, { judges: panel })).statusCode).toBe(200);
  expect((await organiser.post(`/api/call-rounds/${roundId}/assign`, { seed: 3 })).statusCode).toBe(200);
  // Each entry's first judge gives s + d, the second s - d: the mean is s, the spread 2d.
  await queryRows(
    t.db,
    sql`update judge_assignments ja set status = 'submitted', submitted_at = now(),
          scores = '{"theme": 50, "craft": 50}'::jsonb,
          total = x.s + case when x.ord = 1 then x.d else -x.d end
        from (select a.id, 100 - ceil(ce.entry_no / 2.0) * 0.5 as s,
                case when ce.entry_no % 10 = 0 then 15 else 0 end as d,
                row_number() over (partition by a.entry_id order by a.judge_user_id) as ord
              from judge_assignments a join call_entries ce on ce.id = a.entry_id
              where a.round_id = ${roundId} and ce.entry_no <= ${SCORED}) x
        where ja.id = x.id`,
  );
}, 60_000);
afterAll(async () => t?.close());

describe('the ranking, a page at a time', () => {
  it('answers page 2 with the next entries in rank order, ties marked across the page edge', async () => {
    const first = await page('page=1&pageSize=25');
    const second = await page('page=2&pageSize=25');
    expect(first.total).toBe(ENTRIES);
    expect(second).toMatchObject({ total: ENTRIES, page: 2, pageSize: 25, closed: false });
    expect(second.counts).toMatchObject({
      entries: ENTRIES,
      scored: SCORED,
      spreadFlagged: SCORED / 10,
      tied: SCORED,
      advanced: 30,
    });
    // Entries 26…50, in rank order, each with the rank and score it has in the whole round.
    expect(second.items.map((r) => noOf(r.entryLabel))).toEqual(Array.from({ length: 25 }, (_, i) => 26 + i));
    for (const r of second.items) {
      const n = noOf(r.entryLabel);
      expect(r).toMatchObject({ rank: rankOf(n), tied: true, score: scoreOf(n), advanced: n <= 30 });
    }
    // Entry 25 ends page 1 and entry 26 opens page 2: one rank, both marked 并列.
    expect(first.items.at(-1)).toMatchObject({ rank: 25, tied: true });
    expect(second.items[0]).toMatchObject({ rank: 25, tied: true });
    // The unscored come last, without a rank.
    const last = await page('page=3&pageSize=50');
    expect(last.items).toHaveLength(20);
    expect(last.items.slice(-10).every((r) => r.rank === null && r.score === null)).toBe(true);
  });

  it('filters: the spread-flagged only, the unscored, the advanced, with the total after the filter', async () => {
    const spread = await page('filter=spread&pageSize=200');
    expect(spread.total).toBe(SCORED / 10);
    expect(spread.items.map((r) => noOf(r.entryLabel))).toEqual(
      Array.from({ length: SCORED / 10 }, (_, i) => (i + 1) * 10),
    );
    expect(spread.items.every((r) => r.spreadFlag)).toBe(true);
    const unscored = await page('filter=unscored');
    expect(unscored.total).toBe(ENTRIES - SCORED);
    expect(unscored.items.every((r) => r.score === null)).toBe(true);
    const advanced = await page('filter=advanced&pageSize=20&page=2');
    expect(advanced.total).toBe(30);
    expect(advanced.items.map((r) => r.rank)).toEqual([21, 21, 23, 23, 25, 25, 27, 27, 29, 29]);
    // The counts stay those of the whole round.
    expect(advanced.counts.entries).toBe(ENTRIES);
  });

  it('narrows to the entries whose title or number matches', async () => {
    const byTitle = await page(`q=${encodeURIComponent(KEYWORD)}`);
    expect(byTitle.total).toBe(Math.floor(ENTRIES / KEYWORD_EVERY));
    expect(byTitle.items.every((r) => r.title.includes(KEYWORD))).toBe(true);
    const byNumber = await page(`q=${encodeURIComponent('作品 0042')}`);
    expect(byNumber.items.map((r) => r.entryLabel)).toEqual([entryLabel(42)]);
    expect(byNumber.items[0]).toMatchObject({ rank: 41, tied: true });
    const none = await page('q=nothing-like-this');
    expect(none).toMatchObject({ items: [], total: 0 });
  });

  it('refuses a page size over 200 and a search over 50 characters', async () => {
    const big = await organiser.get(`/api/call-rounds/${roundId}/ranking?pageSize=201`);
    expect(big.statusCode).toBe(400);
    const long = await organiser.get(`/api/call-rounds/${roundId}/ranking?q=${'长'.repeat(51)}`);
    expect(long.statusCode).toBe(400);
  });

  it('answers the default page of 50 with the counts', async () => {
    const res = await page('');
    expect(res.items).toHaveLength(50);
    expect(res.pageSize).toBe(50);
  });
});

describe('the conflict dialog’s entry look-up', () => {
  const options = (agent: Agent, q?: string) =>
    agent.get(`/api/call-rounds/${roundId}/entry-options${q ? `?q=${encodeURIComponent(q)}` : ''}`);

  it('answers at most 20 of the round’s entries, by title or number', async () => {
    const all = (await options(organiser)).json().items as { entryId: number; entryLabel: string }[];
    expect(all).toHaveLength(20);
    expect(all[0]).toMatchObject({ entryLabel: entryLabel(1), categoryLabel: expect.any(String) });
    const byTitle = (await options(organiser, KEYWORD)).json().items as { title: string }[];
    expect(byTitle).toHaveLength(Math.floor(ENTRIES / KEYWORD_EVERY));
    expect(byTitle.every((e) => e.title.includes(KEYWORD))).toBe(true);
    const byNumber = (await options(organiser, '7')).json().items as { entryLabel: string }[];
    expect(byNumber.map((e) => e.entryLabel)).toContain(entryLabel(7));
    expect((await options(organiser, '作品 0119')).json().items).toMatchObject([
      { entryLabel: entryLabel(119) },
    ]);
  });

  it('is not found for another county’s cadre, as the round’s other routes', async () => {
    expect((await options(neighbour)).statusCode).toBe(404);
    expect((await neighbour.get(`/api/call-rounds/${roundId}/ranking`)).statusCode).toBe(404);
  });
});
