import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { DrillDown, SubmissionItem } from '../../../common/contracts/reports';
import { createTestContext, unitIdByCode, type Agent, type TestContext } from '../../test/harness';
import {
  agent,
  inDays,
  openCollection,
  setDates,
  submissionId,
  unitIds,
  type UnitKey,
} from './report-test-kit';

let t: TestContext;
let ids: Record<UnitKey, number>;
let centre: Agent;
let jiangxi: Agent;
let nanchang: Agent;
let collectionId: number;

/** Puts a submission in a state with fixed dates, as if it had happened. */
async function settle(id: number, status: string, deadline: string, firstSubmittedOn?: string) {
  await t.db.execute(sql`update report_submissions set status = ${status},
      submitted_at = case when ${status} in ('submitted', 'accepted', 'returned') then now() end
    where id = ${id}`);
  await setDates(t, id, { deadline, firstSubmittedOn });
}

async function drill(a: Agent, query = '', id = collectionId) {
  const res = await a.get(`/api/report-collections/${id}/completeness${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as DrillDown;
}

beforeAll(async () => {
  t = await createTestContext();
  ids = await unitIds(t);
  centre = await agent(t, 'centre');
  jiangxi = await agent(t, 'jiangxi');
  nanchang = await agent(t, 'nanchang');
  const c = await openCollection(centre, { form: 'quarterly', quarter: 3, target: { mode: 'key_cities' } });
  collectionId = c.id;
  // Everyone was due five days ago; 北京 was given more time.
  await t.db.execute(
    sql`update report_submissions set deadline = ${inDays(-5)}::date where collection_id = ${collectionId}`,
  );
  await settle(await submissionId(t, collectionId, ids.nanchang), 'accepted', inDays(-5), inDays(-5));
  await settle(await submissionId(t, collectionId, ids.jingdezhen), 'submitted', inDays(-5), inDays(-3));
  const hangzhou = await unitIdByCode(t.db, '330100');
  // First submitted on time, then returned: still on time (the return is a matter of quality).
  await settle(await submissionId(t, collectionId, hangzhou), 'returned', inDays(-5), inDays(-6));
  await settle(await submissionId(t, collectionId, ids.beijing), 'pending', inDays(3));
});

afterAll(async () => {
  await t?.close();
});

describe('completeness and timeliness of a collection', () => {
  it('counts on time, late, missing and not due at the centre', async () => {
    const d = await drill(centre);
    expect(d.summary).toEqual({
      expected: 71,
      submitted: 3,
      onTime: 2,
      late: 1,
      missing: 67,
      notDue: 1,
      awaitingReview: 1,
      returned: 1,
      accepted: 1,
      completeness: Math.round((3 / 71) * 10000) / 10000,
      timeliness: Math.round((2 / 71) * 10000) / 10000,
    });
    expect(d.unit.name).toBe('共青团中央');
    expect(d.self).toBeNull();
    const jx = d.rows.find((r) => r.unit.name === '江西省')!;
    expect(jx).toMatchObject({ own: null, hasBelow: true });
    expect(jx.summary).toMatchObject({ expected: 2, submitted: 2, onTime: 1, late: 1, missing: 0 });
    const bj = d.rows.find((r) => r.unit.name === '北京市')!;
    expect(bj).toMatchObject({
      hasBelow: false,
      own: { status: 'pending', timeliness: 'not_due', deadline: inDays(3) },
    });
    expect(d.rows.find((r) => r.unit.name === '浙江省')?.summary).toMatchObject({
      expected: 4,
      onTime: 1,
      missing: 3,
    });
    expect(d.rows.reduce((n, r) => n + r.summary.expected, 0)).toBe(71);
  });

  it('drills down to a province and a city, each viewer from their own unit', async () => {
    const atProvince = await drill(centre, `?unitId=${ids.jiangxi}`);
    expect(atProvince.path.map((u) => u.name)).toEqual(['共青团中央', '江西省']);
    expect(atProvince.rows.map((r) => [r.unit.name, r.unit.keyContactCity, r.own?.timeliness])).toEqual([
      ['南昌市', true, 'on_time'],
      ['景德镇市', true, 'late'],
    ]);
    expect(atProvince.rows[0].own?.firstSubmittedAt).toBeTruthy();
    const province = await drill(jiangxi);
    expect(province.path.map((u) => u.name)).toEqual(['江西省']);
    expect(province.summary).toMatchObject({ expected: 2, submitted: 2, completeness: 1, timeliness: 0.5 });
    const city = await drill(nanchang);
    expect(city.self).toMatchObject({ own: { status: 'accepted', timeliness: 'on_time' }, hasBelow: false });
    expect(city.rows).toEqual([]);
    expect(city.summary).toMatchObject({ expected: 1, onTime: 1 });
    expect(
      (await jiangxi.get(`/api/report-collections/${collectionId}/completeness?unitId=${ids.zhejiang}`))
        .statusCode,
    ).toBe(404);
  });

  it('lists the submissions behind each number, filtered by timeliness', async () => {
    const late = await centre.get(`/api/report-collections/${collectionId}/submissions?timeliness=late`);
    const items = late.json().items as SubmissionItem[];
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      unit: { name: '景德镇市', parentName: '江西省' },
      daysLate: 2,
      canReview: true,
    });
    const missing = await centre.get(
      `/api/report-collections/${collectionId}/submissions?timeliness=missing&pageSize=5`,
    );
    expect(missing.json().total).toBe(67);
    expect((missing.json().items as SubmissionItem[])[0].daysLate).toBe(5);
    const inJiangxi = await jiangxi.get(
      `/api/report-collections/${collectionId}/submissions?sort=-submittedAt`,
    );
    expect((inJiangxi.json().items as SubmissionItem[]).map((i) => i.unit.name)).toEqual([
      '景德镇市',
      '南昌市',
    ]);
    const notDue = await centre.get(`/api/report-collections/${collectionId}/submissions?timeliness=not_due`);
    expect((notDue.json().items as SubmissionItem[]).map((i) => [i.unit.name, i.daysLate])).toEqual([
      ['北京市', null],
    ]);
  });
});

describe('timeliness of each unit over a year', () => {
  it('adds up every collection of the year answered below the unit', async () => {
    const news = await openCollection(jiangxi, { form: 'news', target: { mode: 'key_cities' } });
    await settle(await submissionId(t, news.id, ids.nanchang), 'submitted', inDays(-1), inDays(-2));
    const res = await centre.get(`/api/reports/timeliness?year=2026&unitId=${ids.jiangxi}`);
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json() as DrillDown & { collections: number };
    expect(d.collections).toBe(2);
    const [nc, jdz] = d.rows;
    expect(nc).toMatchObject({ unit: { name: '南昌市' }, own: null, hasBelow: false });
    expect(nc.summary).toMatchObject({ expected: 2, onTime: 2, timeliness: 1 });
    expect(jdz.summary).toMatchObject({ expected: 2, late: 1, notDue: 1 });
    const quarterly = (await jiangxi.get('/api/reports/timeliness?year=2026&form=quarterly')).json();
    expect(quarterly).toMatchObject({ collections: 1, summary: { expected: 2, onTime: 1, late: 1 } });
    expect((await jiangxi.get('/api/reports/timeliness?year=2025')).json().summary.expected).toBe(0);
  });
});
