import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { callEntries, callRounds, judgeAssignments, roundEntries, roundJudges } from '../../db/schema';
import {
  createTestContext,
  createUser,
  login,
  unitIdByCode,
  type Agent,
  type TestContext,
  type TestUser,
} from '../../test/harness';
import { insertCall, insertWork, recommendEntry } from '../../test/call-rows';

/** The person's timeline shows the works they entered, the closed rounds' scores, final awards and recommendation upward. */

let t: TestContext;
let op: Agent;
let judge: TestUser;
let youthId: number;

type Entry = { at: string; kind: string; title: string; detail: string | null; by: string | null };
const at = (day: string) => new Date(`${day}T12:00:00+08:00`);

beforeAll(async () => {
  t = await createTestContext();
  const dh = await unitIdByCode(t.db, '360102');
  const nc = await unitIdByCode(t.db, '360100');
  op = await login(t, await createUser(t, { role: 'operator', unitCode: '360100', totp: false }));
  judge = await createUser(t, { role: 'judge', unitCode: '360100', totp: false });
  const recommender = await createUser(t, { role: 'operator', unitCode: '360102', totp: false });
  const res = await op.post('/api/youth', { name: '作品青年', unitId: dh });
  expect(res.statusCode, res.body).toBe(200);
  youthId = res.json().youth.id;
  const other = (await op.post('/api/youth', { name: '旁人青年', unitId: dh })).json().youth.id as number;

  const cityCall = await insertCall(t.db, { unitId: nc, title: '南昌市青年书画大赛' });
  const call = await insertCall(t.db, {
    unitId: dh,
    title: '东湖区青年书画征集',
    parentCallId: cityCall,
    awardsFinalAt: at('2026-04-20'),
  });
  // A group work: the person with a partner who has no record.
  const mine = await insertWork(t.db, {
    callId: call,
    unitId: dh,
    title: '春山',
    entrants: [youthId, null],
    at: at('2026-03-10'),
  });
  await insertWork(t.db, {
    callId: call,
    unitId: dh,
    title: '旁人之作',
    entrants: [other],
    at: at('2026-03-11'),
  });

  const [closed] = await t.db
    .insert(callRounds)
    .values({ callId: call, seq: 1, name: '初评', status: 'closed', closedAt: at('2026-04-01') })
    .returning({ id: callRounds.id });
  const [open] = await t.db
    .insert(callRounds)
    .values({ callId: call, seq: 2, name: '终评', status: 'scoring' })
    .returning({ id: callRounds.id });
  await t.db.insert(roundJudges).values({ roundId: closed.id, userId: judge.id });
  await t.db.insert(judgeAssignments).values({
    roundId: closed.id,
    entryId: mine.entryId,
    judgeUserId: judge.id,
    status: 'submitted',
    scores: { idea: 9 },
    total: 90,
    comment: '笔力遒劲',
  });
  await t.db.insert(roundEntries).values([
    { roundId: closed.id, entryId: mine.entryId, score: 86.5, rank: 2, advanced: true },
    { roundId: open.id, entryId: mine.entryId, score: 70 },
  ]);
  await t.db
    .update(callEntries)
    .set({ awardLevelKey: 'first', awardedAt: at('2026-04-15') })
    .where(eq(callEntries.id, mine.entryId));

  const up = await recommendEntry(t.db, {
    sourceEntryId: mine.entryId,
    workId: mine.workId,
    toCallId: cityCall,
    toUnitId: nc,
    byUnitId: dh,
    byUserId: recommender.id,
    at: at('2026-04-25'),
    note: '区级一等奖',
  });
  // The city has not finalised its awards: its provisional award is not shown.
  await t.db.update(callEntries).set({ awardLevelKey: 'second' }).where(eq(callEntries.id, up));
});

afterAll(async () => {
  await t?.close();
});

describe('works on the person timeline', () => {
  it('lists entry, closed-round score, final award and recommendation, newest first', async () => {
    const res = await op.get(`/api/youth/${youthId}/timeline`);
    expect(res.statusCode, res.body).toBe(200);
    const works = (res.json().items as Entry[]).filter((i) => i.kind === 'work');
    expect(works.map((i) => [i.at.slice(0, 10), i.title, i.detail])).toEqual([
      [
        '2026-04-25',
        '被推荐至：南昌市青年书画大赛',
        '作品《春山》 · 由东湖区从「东湖区青年书画征集」推荐 · 区级一等奖',
      ],
      ['2026-04-20', '获奖：东湖区青年书画征集', '一等奖 · 作品《春山》'],
      ['2026-04-01', '评审得分：东湖区青年书画征集', '初评：86.5 分 · 排名第 2'],
      ['2026-03-10', '提交作品：东湖区青年书画征集（合格）', '作品《春山》 · 类别：书法'],
    ]);
  });

  it('never names the judges or shows their own scores and comments', async () => {
    const body = (await op.get(`/api/youth/${youthId}/timeline`)).body;
    expect(body).not.toContain(judge.username);
    expect(body).not.toContain('笔力遒劲');
    expect(body).not.toContain('90 分');
  });
});
