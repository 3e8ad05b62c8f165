import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
import { callEntries } from '../../db/schema';
import { createTestContext, createUser, login, type Agent, type TestContext } from '../../test/harness';
import { JUDGING_RUBRIC, originalFileNames, seedJudgingCall } from './judging-test-fixtures';

let t: TestContext;
let organiser: Agent;
let outsider: Agent; // another province's operator
const judges: Record<'a' | 'b' | 'c' | 'e', Agent> = {} as never;
let hangzhouJudgeId: number;
let seeded: Awaited<ReturnType<typeof seedJudgingCall>>;
let roundId: number;
/** Everything a judge must never learn about who made the works. */
let secrets: string[];

const settings = {
  name: '初评',
  judgesPerWork: 2,
  maxPerJudge: null,
  byCategory: false,
  aggregation: 'mean',
  trimCount: 1,
  spreadThreshold: 25,
  advanceKind: 'top',
  advanceValue: 3,
};

/** A judge's scores for an entry: each criterion the same value, so the total is value × 10. */
const scoresOf = (value: number) => Object.fromEntries(JUDGING_RUBRIC.map((c) => [c.key, value]));

function assertBlind(what: string, body: string) {
  for (const s of secrets) expect(body.includes(s), `${what} leaks ${s}`).toBe(false);
}

beforeAll(async () => {
  t = await createTestContext();
  organiser = await login(t, await createUser(t, { role: 'operator', unitCode: '360100' }));
  outsider = await login(t, await createUser(t, { role: 'operator', unitCode: '330100' }));
  for (const k of ['a', 'b', 'c'] as const) {
    judges[k] = await login(t, await createUser(t, { role: 'judge', unitCode: '360100' }));
  }
  // 东湖区 is the first entrant's place: this judge is conflicted by unit.
  judges.e = await login(t, await createUser(t, { role: 'judge', unitCode: '360102' }));
  hangzhouJudgeId = (await createUser(t, { role: 'judge', unitCode: '330100' })).id;
  seeded = await seedJudgingCall(t, {
    unitCode: '360100',
    slug: 'judging-test',
    mentorUserId: judges.c.user.id,
  });
  secrets = seeded.entries.flatMap((e) => [
    e.entrant.name,
    e.entrant.phone,
    e.entrant.idNumber,
    e.placeName,
    ...(e.entrant.groupName ? [e.entrant.groupName] : []),
    ...originalFileNames(e.entrant),
  ]);
  secrets.push('南昌市');
}, 120_000);

afterAll(async () => t?.close());

describe('setting up a round', () => {
  it('creates round 1 over the eligible entries, outside the scope not at all', async () => {
    expect((await outsider.post(`/api/calls/${seeded.callId}/rounds`, settings)).statusCode).toBe(404);
    const res = await organiser.post(`/api/calls/${seeded.callId}/rounds`, settings);
    expect(res.statusCode).toBe(200);
    roundId = res.json().id;
    expect(res.json()).toMatchObject({ seq: 1, status: 'setup', entryCount: 8 });
  });

  it('offers only judge accounts in the organiser’s unit and below', async () => {
    const res = await organiser.get(`/api/calls/${seeded.callId}/judge-candidates`);
    const ids = res.json().items.map((j: { userId: number }) => j.userId);
    expect(ids).toEqual(
      expect.arrayContaining([judges.a.user.id, judges.b.user.id, judges.c.user.id, judges.e.user.id]),
    );
    expect(ids).not.toContain(hangzhouJudgeId);
    const far = await organiser.put(`/api/call-rounds/${roundId}/judges`, {
      judges: [{ userId: hangzhouJudgeId, categoryKeys: [] }],
    });
    expect(far.statusCode).toBe(404);
  });

  it('derives the mentor and unit conflicts and assigns around them, balanced', async () => {
    const panel = (['a', 'b', 'c', 'e'] as const).map((k) => ({
      userId: judges[k].user.id,
      categoryKeys: [],
    }));
    expect((await organiser.put(`/api/call-rounds/${roundId}/judges`, { judges: panel })).statusCode).toBe(
      200,
    );
    const res = await organiser.post(`/api/call-rounds/${roundId}/assign`, {});
    expect(res.statusCode).toBe(200);
    const out = res.json();
    expect(out.short).toEqual([]);
    const loads = out.loads.map((l: { assigned: number }) => l.assigned);
    expect(loads.reduce((a: number, b: number) => a + b)).toBe(16);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);

    const conflicts = (await organiser.get(`/api/call-rounds/${roundId}/conflicts`)).json().items;
    const first = seeded.entries[0].entryId;
    expect(conflicts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ judgeUserId: judges.c.user.id, entryId: first, source: 'mentor' }),
        expect.objectContaining({ judgeUserId: judges.e.user.id, entryId: first, source: 'unit' }),
      ]),
    );
    const onFirst = await queryRows<{ judge: number }>(
      t.db,
      sql`select judge_user_id as judge from judge_assignments where round_id = ${roundId} and entry_id = ${first}`,
    );
    expect(onFirst.map((r) => r.judge).sort()).toEqual([judges.a.user.id, judges.b.user.id].sort());
  });

  it('shows judges nothing before the round opens', async () => {
    expect((await judges.a.get('/api/judging/rounds')).json().items).toEqual([]);
    expect((await judges.a.get(`/api/judging/rounds/${roundId}/entries`)).statusCode).toBe(404);
    const round = (await organiser.get(`/api/calls/${seeded.callId}/rounds`)).json().items[0];
    expect(
      (await organiser.post(`/api/call-rounds/${roundId}/open`, { version: round.version })).statusCode,
    ).toBe(200);
  });
});

describe('the judge', () => {
  it('never learns who made a work, on any judge route', async () => {
    const rounds = await judges.a.get('/api/judging/rounds');
    assertBlind('my rounds', rounds.body);
    expect(rounds.json().items[0]).toMatchObject({ roundId, assigned: 4, submitted: 0, left: 4 });
    const list = await judges.a.get(`/api/judging/rounds/${roundId}/entries`);
    assertBlind('my entries', list.body);
    for (const item of list.json().items as { entryId: number; entryLabel: string }[]) {
      expect(item.entryLabel).toMatch(/^作品 \d{4}$/);
      const detail = await judges.a.get(`/api/judging/rounds/${roundId}/entries/${item.entryId}`);
      assertBlind('entry', detail.body);
      const files = detail.json().files as { id: number; label: string }[];
      expect(files.map((f) => f.label)).toEqual(['作品文件 1.png', '作品文件 2.pdf']);
      for (const f of files) {
        const dl = await judges.a.get(`/api/judging/rounds/${roundId}/entries/${item.entryId}/files/${f.id}`);
        expect(dl.statusCode).toBe(200);
        assertBlind('file headers', decodeURIComponent(String(dl.headers['content-disposition'])));
        expect(decodeURIComponent(String(dl.headers['content-disposition']))).toContain(f.label);
      }
      const scored = await judges.a.put(`/api/judging/rounds/${roundId}/entries/${item.entryId}/score`, {
        scores: scoresOf(8),
        comment: '构图完整',
      });
      assertBlind('score', scored.body);
      expect(scored.json()).toMatchObject({ status: 'submitted', total: 80 });
    }
  });

  it('cannot open a file of a work not assigned to them, nor see the mentee’s work', async () => {
    const first = seeded.entries[0].entryId;
    const cList = (await judges.c.get(`/api/judging/rounds/${roundId}/entries`)).json().items;
    expect(cList.map((i: { entryId: number }) => i.entryId)).not.toContain(first);
    expect((await judges.c.get(`/api/judging/rounds/${roundId}/entries/${first}`)).statusCode).toBe(404);
    const aFile = (await judges.a.get(`/api/judging/rounds/${roundId}/entries/${first}`)).json().files[0].id;
    expect(
      (await judges.c.get(`/api/judging/rounds/${roundId}/entries/${first}/files/${aFile}`)).statusCode,
    ).toBe(404);
  });

  it('must score every criterion within its range', async () => {
    const mine = (await judges.b.get(`/api/judging/rounds/${roundId}/entries`)).json().items[0];
    const url = `/api/judging/rounds/${roundId}/entries/${mine.entryId}/score`;
    const missing = await judges.b.put(url, { scores: { theme: 5 }, comment: '' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().message).toBe('请为「艺术技法」打分');
    const over = await judges.b.put(url, { scores: scoresOf(11), comment: '' });
    expect(over.json().message).toBe('「主题立意」的分数应在 0 到 10 之间');
  });

  it('declares a conflict: the work leaves their list and goes to another judge', async () => {
    const mine = (await judges.b.get(`/api/judging/rounds/${roundId}/entries`)).json().items;
    const target = mine.find((i: { entryId: number }) => i.entryId !== seeded.entries[0].entryId);
    const res = await judges.b.post(`/api/judging/rounds/${roundId}/entries/${target.entryId}/conflict`, {
      reason: '作品风格与我的学生相近，可能认识作者',
    });
    expect(res.statusCode).toBe(200);
    expect((await judges.b.get(`/api/judging/rounds/${roundId}/entries/${target.entryId}`)).statusCode).toBe(
      404,
    );
    const on = await queryRows<{ judge: number }>(
      t.db,
      sql`select judge_user_id as judge from judge_assignments where round_id = ${roundId} and entry_id = ${target.entryId}`,
    );
    expect(on).toHaveLength(2);
    expect(on.map((r) => r.judge)).not.toContain(judges.b.user.id);
  });

  it('abstains with a reason, which keeps the sheet out of the aggregate', async () => {
    const mine = (await judges.e.get(`/api/judging/rounds/${roundId}/entries`)).json().items;
    const res = await judges.e.post(`/api/judging/rounds/${roundId}/entries/${mine[0].entryId}/abstain`, {
      reason: '不熟悉该画种',
    });
    assertBlind('abstain', res.body);
    expect(res.json()).toMatchObject({ status: 'abstained', total: null });
  });
});

describe('ranking, rescore and closing', () => {
  it('scores the rest, then ranks with the mean, the spread flagged over the threshold', async () => {
    // Judge A also scores the work that came to them when judge B stepped aside.
    const values: Record<string, number> = { a: 8, b: 4, c: 6, e: 9 };
    for (const k of ['a', 'b', 'c', 'e'] as const) {
      for (const item of (await judges[k].get(`/api/judging/rounds/${roundId}/entries`)).json().items) {
        if (item.status !== 'assigned') continue;
        const r = await judges[k].put(`/api/judging/rounds/${roundId}/entries/${item.entryId}/score`, {
          scores: scoresOf(values[k]),
          comment: '',
        });
        expect(r.statusCode).toBe(200);
      }
    }
    const res = await organiser.get(`/api/call-rounds/${roundId}/ranking`);
    const rows = res.json().items as {
      score: number | null;
      spread: number | null;
      spreadFlag: boolean;
      rank: number;
      tied: boolean;
      sheets: { status: string; total: number | null; judgeName: string; judgeLabel: string }[];
    }[];
    expect(rows).toHaveLength(8);
    for (const row of rows) {
      const totals = row.sheets.filter((s) => s.status === 'submitted').map((s) => s.total!);
      const mean = totals.reduce((a, b) => a + b, 0) / totals.length;
      expect(row.score).toBeCloseTo(mean, 2);
      expect(row.spread).toBe(Math.max(...totals) - Math.min(...totals));
      expect(row.spreadFlag).toBe(row.spread! > 25);
      expect(row.sheets.every((s) => /^评委\d$/.test(s.judgeLabel) && s.judgeName)).toBe(true);
    }
    const ranks = rows.map((r) => r.rank);
    for (const row of rows) expect(row.tied).toBe(ranks.filter((x) => x === row.rank).length > 1);
    expect(rows.some((r) => r.tied)).toBe(true);
    expect(rows.some((r) => r.spreadFlag)).toBe(true);
  });

  it('asks a judge for a rescore; the judge sees the note and may change the score', async () => {
    const rows = (await organiser.get(`/api/call-rounds/${roundId}/ranking`)).json().items;
    const flagged = rows.find((r: { spreadFlag: boolean }) => r.spreadFlag);
    const eSheet = flagged.sheets.find(
      (s: { judgeUserId: number; status: string }) => s.status === 'submitted',
    );
    const res = await organiser.post(`/api/call-rounds/${roundId}/rescore`, {
      entryId: flagged.entryId,
      judgeUserIds: [eSheet.judgeUserId],
      note: '分差较大，请再看一次',
    });
    expect(res.statusCode).toBe(200);
    const agent = Object.values(judges).find((a) => a.user.id === eSheet.judgeUserId)!;
    const detail = (await agent.get(`/api/judging/rounds/${roundId}/entries/${flagged.entryId}`)).json();
    expect(detail).toMatchObject({ status: 'rescore', rescoreNote: '分差较大，请再看一次' });
    const again = await agent.put(`/api/judging/rounds/${roundId}/entries/${flagged.entryId}/score`, {
      scores: scoresOf(7),
      comment: '复评后调整',
    });
    expect(again.json()).toMatchObject({ status: 'submitted', total: 70 });
  });

  it('closes the round: scores, ranks and the top 3 kept, final scores set, sheets frozen', async () => {
    const round = (await organiser.get(`/api/calls/${seeded.callId}/rounds`)).json().items[0];
    const ranking = (await organiser.get(`/api/call-rounds/${roundId}/ranking`)).json().items;
    const closed = await organiser.post(`/api/call-rounds/${roundId}/close`, { version: round.version });
    expect(closed.statusCode).toBe(200);
    expect(closed.json().status).toBe('closed');
    const stored = await queryRows<{ entry: number; score: number; rank: number; advanced: boolean }>(
      t.db,
      sql`select entry_id as entry, score::float8 as score, rank, advanced from round_entries where round_id = ${roundId}`,
    );
    for (const r of ranking) {
      const s = stored.find((x) => x.entry === r.entryId)!;
      expect(s.score).toBeCloseTo(r.score, 2);
      expect(s.rank).toBe(r.rank);
      expect(s.advanced).toBe(r.rank !== null && r.rank <= 3);
      const [entry] = await t.db.select().from(callEntries).where(eq(callEntries.id, r.entryId));
      expect(entry.finalScore).toBeCloseTo(r.score, 2);
    }
    const mine = (await judges.a.get(`/api/judging/rounds/${roundId}/entries`)).json().items[0];
    const late = await judges.a.put(`/api/judging/rounds/${roundId}/entries/${mine.entryId}/score`, {
      scores: scoresOf(10),
      comment: '',
    });
    expect(late.statusCode).toBe(409);
  });

  it('creates round 2 from the advanced entries', async () => {
    const res = await organiser.post(`/api/calls/${seeded.callId}/rounds`, { ...settings, name: '复评' });
    expect(res.statusCode).toBe(200);
    const advanced = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from round_entries where round_id = ${roundId} and advanced`,
    );
    expect(res.json()).toMatchObject({ seq: 2, entryCount: advanced[0].n });
  });
});
