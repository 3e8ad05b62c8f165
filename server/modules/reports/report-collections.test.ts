import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { CollectionDetail, CollectionItem } from '../../../common/contracts/reports';
import { queryRows } from '../../db/client';
import { createTestContext, type Agent, type TestContext } from '../../test/harness';
import { seedReportDemo } from './report-demo';
import { agent, inDays, openCollection, submissionId, unitIds, type UnitKey } from './report-test-kit';

let t: TestContext;
let ids: Record<UnitKey, number>;
let centre: Agent;
let jiangxi: Agent;
let nanchang: Agent;
let donghu: Agent;
let jiujiang: Agent;
let zhejiang: Agent;
let beijing: Agent;

async function reviewers(collectionId: number) {
  const rows = await queryRows<{ code: string; reviewer: string; deadline: string; level: string }>(
    t.db,
    sql`select u.code, ru.code as reviewer, s.deadline::text as deadline, u.level
        from report_submissions s join units u on u.id = s.unit_id join units ru on ru.id = s.reviewer_unit_id
        where s.collection_id = ${collectionId}`,
  );
  return new Map(rows.map((r) => [r.code, r]));
}

async function list(a: Agent, query = '') {
  const res = await a.get(`/api/report-collections?pageSize=100&${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: CollectionItem[]; total: number };
}

beforeAll(async () => {
  t = await createTestContext();
  ids = await unitIds(t);
  centre = await agent(t, 'centre');
  jiangxi = await agent(t, 'jiangxi');
  nanchang = await agent(t, 'nanchang');
  donghu = await agent(t, 'donghu', 'operator');
  jiujiang = await agent(t, 'jiujiang', 'operator');
  zhejiang = await agent(t, 'zhejiang');
  beijing = await agent(t, 'beijing');
});

afterAll(async () => {
  await t?.close();
});

let keyCities: CollectionDetail;

describe('opening a collection', () => {
  it('the centre asks the 71 key contact cities (four of them municipalities) and reviews them itself', async () => {
    const preview = await centre.post('/api/report-collections/targets', { target: { mode: 'key_cities' } });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ count: 71, byLevel: { province: 4, city: 67, county: 0 } });
    expect(preview.json().sample).toHaveLength(20);

    keyCities = await openCollection(centre, {
      form: 'quarterly',
      quarter: 4,
      target: { mode: 'key_cities' },
    });
    expect(keyCities).toMatchObject({
      title: '2026年第4季度工作进展',
      periodStart: '2026-10-01',
      periodEnd: '2026-12-31',
      targetMode: 'key_cities',
      targetLevels: ['province', 'city'],
      status: 'open',
      ownedByViewer: true,
      ownSubmissionId: null,
    });
    expect(keyCities.summary).toMatchObject({ expected: 71, submitted: 0, notDue: 71, completeness: 0 });
    const rows = await reviewers(keyCities.id);
    expect(rows.size).toBe(71);
    expect([...rows.values()].every((r) => r.reviewer === '000000')).toBe(true);
    for (const code of ['110000', '120000', '310000', '500000', '360100', '360200', '661300']) {
      expect(rows.has(code), code).toBe(true);
    }
    const [audit] = await queryRows<{ detail: { expected: number } }>(
      t.db,
      sql`select detail from audit_log where action = 'report.collection_opened'
          and target_id = ${String(keyCities.id)}`,
    );
    expect(audit.detail.expected).toBe(71);
  });

  it('with provinces, cities and counties, each unit is reviewed by the nearest unit above that answers too', async () => {
    const started = Date.now();
    const c = await openCollection(centre, {
      form: 'roster',
      target: { mode: 'levels', levels: ['province', 'city', 'county'] },
      deadline: inDays(30),
      deadlineByLevel: { county: inDays(10), city: inDays(20) },
    });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(c.title).toBe('2026年度花名册');
    expect(c.periodStart).toBe('2026-01-01');
    expect(c.deadlineByLevel).toEqual({ county: inDays(10), city: inDays(20) });
    const rows = await reviewers(c.id);
    expect(rows.size).toBe(3225);
    expect(rows.get('360102')).toMatchObject({ reviewer: '360100', deadline: inDays(10) });
    expect(rows.get('360100')).toMatchObject({ reviewer: '360000', deadline: inDays(20) });
    expect(rows.get('360000')).toMatchObject({ reviewer: '000000', deadline: inDays(30) });
    // A municipality's districts answer straight to it.
    expect(rows.get('110101')).toMatchObject({ reviewer: '110000' });
  });

  it('hand-picked units: 江西省 asks 南昌市 and 东湖区, so 南昌市 reviews 东湖区', async () => {
    const c = await openCollection(jiangxi, {
      form: 'case',
      target: { mode: 'units', unitIds: [ids.nanchang, ids.donghu] },
    });
    expect(c.title).toBe('2026年度工作案例');
    const rows = await reviewers(c.id);
    expect(rows.get('360102')?.reviewer).toBe('360100');
    expect(rows.get('360100')?.reviewer).toBe('360000');
    const keyOnes = await jiangxi.post('/api/report-collections/targets', { target: { mode: 'key_cities' } });
    expect(keyOnes.json().sample.map((u: { name: string }) => u.name)).toEqual(['南昌市', '景德镇市']);
  });

  it('refuses a lower level due after the level that consolidates it, past deadlines and impossible periods', async () => {
    const later = await jiangxi.post('/api/report-collections', {
      form: 'quarterly',
      year: 2026,
      quarter: 1,
      target: { mode: 'levels', levels: ['city', 'county'] },
      deadline: inDays(10),
      deadlineByLevel: { county: inDays(9), city: inDays(5) },
    });
    expect(later.statusCode).toBe(400);
    expect(later.json().message).toContain(
      `县级截止日期（${inDays(9)}）不能晚于市级截止日期（${inDays(5)}）`,
    );
    const countyAfterDefault = await jiangxi.post('/api/report-collections', {
      form: 'news',
      year: 2026,
      target: { mode: 'levels', levels: ['city', 'county'] },
      deadline: inDays(5),
      deadlineByLevel: { county: inDays(6) },
    });
    expect(countyAfterDefault.statusCode).toBe(400);
    const past = await jiangxi.post('/api/report-collections', {
      form: 'news',
      year: 2026,
      target: { mode: 'levels', levels: ['city'] },
      deadline: inDays(-1),
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().message).toContain('不能早于今天');
    const noQuarter = await jiangxi.post('/api/report-collections', {
      form: 'quarterly',
      year: 2026,
      target: { mode: 'levels', levels: ['city'] },
      deadline: inDays(5),
    });
    expect(noQuarter.statusCode).toBe(400);
    expect(noQuarter.json().message).toContain('季度工作进展须选择季度');
    const annualQuarter = await jiangxi.post('/api/report-collections', {
      form: 'annual',
      year: 2026,
      quarter: 2,
      target: { mode: 'levels', levels: ['city'] },
      deadline: inDays(5),
    });
    expect(annualQuarter.statusCode).toBe(400);
    // A deadline for a level that does not answer is dropped, not refused.
    const dropped = await openCollection(jiangxi, {
      form: 'news',
      target: { mode: 'levels', levels: ['city'] },
      deadlineByLevel: { county: inDays(40) },
    });
    expect(dropped.deadlineByLevel).toEqual({});
    expect(dropped.summary.expected).toBe(11);
  });

  it('refuses targets that are not strictly below the opener', async () => {
    const up = await nanchang.post('/api/report-collections/targets', {
      target: { mode: 'levels', levels: ['city'] },
    });
    expect(up.statusCode).toBe(400);
    expect(up.json().message).toContain('不能选择市级单位');
    const sibling = await nanchang.post('/api/report-collections/targets', {
      target: { mode: 'units', unitIds: [ids.donghu, ids.jiujiang] },
    });
    expect(sibling.statusCode).toBe(400);
    expect(sibling.json().message).toContain('有 1 个不是本单位的下级');
    const self = await nanchang.post('/api/report-collections/targets', {
      target: { mode: 'units', unitIds: [ids.nanchang] },
    });
    expect(self.statusCode).toBe(400);
    expect(self.json().message).toContain('不能选择本单位');
    const none = await beijing.post('/api/report-collections/targets', { target: { mode: 'key_cities' } });
    expect(none.statusCode).toBe(400);
    expect(none.json().message).toBe('本单位下级没有重点联系城市');
    const county = await donghu.post('/api/report-collections/targets', {
      target: { mode: 'levels', levels: ['county'] },
    });
    expect(county.statusCode).toBe(400);
  });
});

describe('who sees a collection, and its counts', () => {
  it('counts only the submissions in the viewer’s scope', async () => {
    const find = async (a: Agent) => (await list(a)).items.find((c) => c.id === keyCities.id);
    expect((await find(centre))?.summary.expected).toBe(71);
    expect((await find(jiangxi))?.summary.expected).toBe(2);
    expect((await find(zhejiang))?.summary.expected).toBe(4);
    const own = await nanchang.get(`/api/report-collections/${keyCities.id}`);
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({
      summary: { expected: 1 },
      ownedByViewer: false,
      ownSubmissionId: await submissionId(t, keyCities.id, ids.nanchang),
    });
    expect(await find(donghu)).toBeUndefined();
    expect((await donghu.get(`/api/report-collections/${keyCities.id}`)).statusCode).toBe(404);
    expect(await find(jiujiang)).toBeUndefined();
  });

  it('a collection opened below is visible above; `opened` lists only the viewer’s own', async () => {
    const c = await openCollection(nanchang, {
      form: 'news',
      target: { mode: 'levels', levels: ['county'] },
    });
    const seen = (await list(jiangxi)).items.find((x) => x.id === c.id);
    expect(seen).toMatchObject({ ownedByViewer: false, unit: { name: '南昌市' } });
    expect(seen?.summary.expected).toBe(c.summary.expected);
    expect((await list(jiujiang)).items.find((x) => x.id === c.id)).toBeUndefined();
    const opened = await list(nanchang, 'scope=opened');
    expect(opened.items.map((x) => x.id)).toEqual([c.id]);
    const byForm = await list(jiangxi, 'form=quarterly&year=2026');
    expect(byForm.items.every((x) => x.form === 'quarterly')).toBe(true);
  });

  it('only the opener closes it; what was never submitted then counts as missing', async () => {
    const c = await openCollection(jiangxi, { form: 'news', target: { mode: 'key_cities' } });
    const notOwner = await nanchang.post(`/api/report-collections/${c.id}/close`, { version: c.version });
    expect(notOwner.statusCode).toBe(403);
    const stale = await jiangxi.post(`/api/report-collections/${c.id}/close`, { version: c.version + 1 });
    expect(stale.statusCode).toBe(409);
    const closed = await jiangxi.post(`/api/report-collections/${c.id}/close`, { version: c.version });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({
      status: 'closed',
      summary: { expected: 2, missing: 2, notDue: 0 },
    });
    expect(closed.json().closedAt).toBeTruthy();
    const again = await jiangxi.post(`/api/report-collections/${c.id}/close`, {
      version: closed.json().version,
    });
    expect(again.statusCode).toBe(409);
  });
});

describe('the demo', () => {
  it('江西省 has asked its key cities for this quarter’s progress and 南昌市 has started its report', async () => {
    await seedReportDemo(t.db, {
      jiangxiId: ids.jiangxi,
      nanchangId: ids.nanchang,
      openedBy: jiangxi.user.id,
      draftedBy: nanchang.user.id,
    });
    const demo = (await list(jiangxi, 'form=quarterly&scope=opened')).items;
    expect(demo).toHaveLength(1);
    expect(demo[0]).toMatchObject({ unit: { name: '江西省' }, targetMode: 'key_cities' });
    expect(demo[0].summary).toMatchObject({ expected: 2, notDue: 2 });
    const due = (await nanchang.get('/api/reports/due')).json().items as { status: string }[];
    expect(due.map((d) => d.status)).toContain('draft');
  });
});
