import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { callEntries, calls } from '../../db/schema';
import { createTestContext, createUser, login, type Agent, type TestContext } from '../../test/harness';
import { seedCall, seedScoredEntry } from './awards-fixtures';

let t: TestContext;
let dh: Agent; // 东湖区 operator
let nc: Agent; // 南昌 operator
let county: { id: number; unitId: number };
let city: { id: number; unitId: number };
const e: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestContext();
  dh = await login(t, await createUser(t, { role: 'operator', unitCode: '360102', totp: false }));
  nc = await login(t, await createUser(t, { role: 'operator', unitCode: '360100', totp: false }));
  city = await seedCall(t.db, {
    unitCode: '360100',
    title: '南昌市青年书画大赛',
    slug: 'ncawards01',
    // The receiving level sets how many works each lower call may send it.
    recommendQuota: 2,
    judged: false,
  });
  await seedCall(t.db, {
    unitCode: '360103',
    title: '西湖区的征集',
    slug: 'xhawards01',
    recommendQuota: 2,
  });
  await seedCall(t.db, {
    unitCode: '360000',
    title: '江西省未发布的征集',
    slug: 'jxawards01',
    status: 'draft',
  });
  county = await seedCall(t.db, {
    unitCode: '360102',
    title: '东湖区青年书画大赛',
    slug: 'dhawards02',
    parentCallId: city.id,
  });
  for (const [key, score] of [
    ['A', 95],
    ['B', 90],
    ['C', 85],
  ] as const) {
    e[key] = (
      await seedScoredEntry(t.db, {
        callId: county.id,
        unitId: county.unitId,
        title: `作品${key}`,
        score,
        entrants: [{ name: `张${key}` }],
      })
    ).entryId;
  }
  await t.db.update(callEntries).set({ awardLevelKey: 'first' }).where(eq(callEntries.id, e.A));
});
afterAll(async () => {
  await t?.close();
});

const url = (id: number, p = '') => `/api/calls/${id}/recommendations${p}`;

const setQuota = (quota: number) =>
  t.db.update(calls).set({ recommendQuota: quota }).where(eq(calls.id, city.id));

describe('the higher call', () => {
  it('must be a published call of a unit above', async () => {
    await t.db.update(calls).set({ status: 'draft' }).where(eq(calls.id, city.id));
    const draft = await dh.post(url(county.id), { entryIds: [e.A] });
    expect(draft.statusCode).toBe(409);
    await t.db.update(calls).set({ status: 'published' }).where(eq(calls.id, city.id));
    const sibling = (await t.db.select().from(calls).where(eq(calls.slug, 'xhawards01')))[0];
    await t.db.update(calls).set({ parentCallId: sibling.id }).where(eq(calls.id, county.id));
    const notAbove = await dh.post(url(county.id), { entryIds: [e.A] });
    expect(notAbove.statusCode).toBe(409);
    expect(notAbove.json().message).toContain('上级团组织');
    await t.db.update(calls).set({ parentCallId: city.id }).where(eq(calls.id, county.id));
    expect(await t.db.select().from(callEntries).where(eq(callEntries.callId, city.id))).toHaveLength(0);
  });
});

describe('recommending', () => {
  it('adds fresh entries to the higher call within the quota; one more is refused', async () => {
    const res = await dh.post(url(county.id), { entryIds: [e.A, e.B], note: '区赛前两名' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ used: 2, quota: 2 });
    const rows = await t.db.select().from(callEntries).where(eq(callEntries.callId, city.id));
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r).toMatchObject({
        origin: 'recommended',
        status: 'submitted',
        recommendedByUnitId: county.unitId,
        recommendNote: '区赛前两名',
        finalScore: null,
        awardLevelKey: null,
      });
    }
    expect(rows.map((r) => r.sourceEntryId).sort()).toEqual([e.A, e.B].sort());
    const third = await dh.post(url(county.id), { entryIds: [e.C] });
    expect(third.statusCode).toBe(409);
    expect(third.json().message).toContain('名额为 2 件');
  });

  it('holds the quota under concurrent requests', async () => {
    await setQuota(3);
    const other = await login(t, await createUser(t, { role: 'operator', unitCode: '360102', totp: false }));
    const extra = (
      await seedScoredEntry(t.db, {
        callId: county.id,
        unitId: county.unitId,
        title: '作品D',
        score: 60,
        entrants: [{ name: '王D' }],
      })
    ).entryId;
    const [a, b] = await Promise.all([
      dh.post(url(county.id), { entryIds: [e.C] }),
      other.post(url(county.id), { entryIds: [extra] }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const standing = (await t.db.select().from(callEntries).where(eq(callEntries.callId, city.id))).filter(
      (r) => r.status !== 'withdrawn',
    );
    expect(standing).toHaveLength(3);
    const winner = a.statusCode === 200 ? e.C : extra;
    const back = await dh.post(url(county.id, `/${winner}/withdraw`));
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json().used).toBe(2);
    await setQuota(2);
  });

  it('shows the higher call each level’s score, award and who recommended', async () => {
    const res = await nc.get(url(city.id));
    expect(res.statusCode, res.body).toBe(200);
    const [from] = res.json().received;
    expect(from).toMatchObject({ unitName: '东湖区', callTitle: '东湖区青年书画大赛', quota: 2, used: 2 });
    const a = from.entries.find((x: { title: string }) => x.title === '作品A');
    expect(a.chain).toEqual([
      {
        callTitle: '东湖区青年书画大赛',
        unitName: '东湖区',
        label: expect.stringMatching(/^作品 \d{4}$/),
        finalScore: 95,
        awardLabel: '一等奖',
        recommendedByName: expect.any(String),
        recommendNote: '区赛前两名',
      },
      {
        callTitle: '南昌市青年书画大赛',
        unitName: '南昌市',
        label: a.label,
        finalScore: null,
        awardLabel: null,
        recommendedByName: null,
        recommendNote: null,
      },
    ]);
  });

  it('allows a withdrawal until the higher level has reviewed the entry', async () => {
    const [reviewed] = await t.db
      .update(callEntries)
      .set({ status: 'eligible', reviewedAt: new Date() })
      .where(eq(callEntries.sourceEntryId, e.A))
      .returning();
    expect(reviewed).toBeDefined();
    expect((await dh.post(url(county.id, `/${e.A}/withdraw`))).statusCode).toBe(409);
    const ok = await dh.post(url(county.id, `/${e.B}/withdraw`));
    expect(ok.statusCode, ok.body).toBe(200);
    expect(
      ok.json().candidates.find((c: { entryId: number }) => c.entryId === e.B).recommendation,
    ).toBeNull();
    // Recommended again: the same entry in the higher call comes back.
    const again = await dh.post(url(county.id), { entryIds: [e.B] });
    expect(again.statusCode, again.body).toBe(200);
    const rows = await t.db.select().from(callEntries).where(eq(callEntries.sourceEntryId, e.B));
    expect(rows.filter((r) => r.status === 'submitted')).toHaveLength(1);
  });

  it('refuses while a round is still open', async () => {
    const open = await seedCall(t.db, {
      unitCode: '360102',
      title: '东湖区还在评审的征集',
      slug: 'dhawards03',
      parentCallId: city.id,
      judged: false,
    });
    const res = await dh.get(url(open.id));
    expect(res.json().blockedReason).toContain('评审结束');
  });
});
