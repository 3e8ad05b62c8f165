import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inArray } from 'drizzle-orm';
import { callEntries, youth } from '../../db/schema';
import type { FigureRow } from '../../../common/contracts/reports-submissions';
import { todayInChina } from '../../../common/validators';
import { createTestContext, createUser, login, type Agent, type TestContext } from '../../test/harness';
import { insertCall, insertWork, recommendEntry } from '../../test/call-rows';
import { agent, getSubmission, openCollection, submissionId, unitIds, type UnitKey } from './report-test-kit';

/**
 * 作品征集 figures, on the home page (this year) and in a 季度工作进展 for this year's first quarter, from
 * calls of 东湖区 (county), 南昌市 (its city), 九江市 (a sibling, never counted for 南昌) and 江西省 (above),
 * with a withdrawn entry, a provisional award of a call not yet final, and an entry just after the quarter.
 */

let t: TestContext;
let ids: Record<UnitKey, number>;
let nanchang: Agent;
let donghu: Agent;
let collectionId: number;
const year = Number(todayInChina().slice(0, 4));
const at = (beijing: string) => new Date(`${year}-${beijing}+08:00`);
type Db = TestContext['db'];

async function person(db: Db, unitId: number, name: string) {
  const [row] = await db
    .insert(youth)
    .values({ unitId, name, namePinyin: name, nameInitials: name })
    .returning({ id: youth.id });
  return row.id;
}

const award = (db: Db, entryIds: number[], level: string) =>
  db.update(callEntries).set({ awardLevelKey: level }).where(inArray(callEntries.id, entryIds));

async function seed(db: Db) {
  const { jiangxi: jx, nanchang: nc, donghu: dh, jiujiang: jj } = ids;
  const a = await person(db, nc, '甲');
  const b = await person(db, dh, '乙');
  const final = at('03-20T10:00:00');
  const province = await insertCall(db, { unitId: jx, title: '江西省青年书画大赛' });
  const city = await insertCall(db, { unitId: nc, title: '南昌市青年书画大赛', parentCallId: province });
  const county = await insertCall(db, {
    unitId: dh,
    title: '东湖区青年书画征集',
    parentCallId: city,
    awardsFinalAt: final,
  });
  const sibling = await insertCall(db, { unitId: jj, title: '九江市青年书画征集', awardsFinalAt: final });

  const work = (
    callId: number,
    unitId: number,
    entrants: (number | null)[],
    when: string,
    withdrawn = false,
  ) =>
    insertWork(db, {
      callId,
      unitId,
      title: `作品${when}`,
      entrants,
      at: at(when),
      status: withdrawn ? 'withdrawn' : 'eligible',
    });
  const e1 = await work(county, dh, [a, null], '02-01T10:00:00');
  const e2 = await work(county, dh, [a], '02-02T10:00:00');
  await work(county, dh, [b], '02-03T10:00:00', true);
  await work(county, dh, [null], '04-01T00:30:00');
  // 00:30 on 1 January in Beijing is still the previous year in UTC.
  await work(county, dh, [b], '01-01T00:30:00');
  const e6 = await work(city, nc, [null, null], '03-01T10:00:00');
  const e7 = await work(sibling, jj, [a], '02-01T10:00:00');
  await award(db, [e1.entryId, e7.entryId, e6.entryId], 'first');
  await award(db, [e2.entryId], 'second');

  const up = (
    from: { workId: number; entryId: number },
    toCallId: number,
    toUnitId: number,
    byUnitId: number,
  ) =>
    recommendEntry(db, {
      sourceEntryId: from.entryId,
      workId: from.workId,
      toCallId,
      toUnitId,
      byUnitId,
      at: at('03-25T10:00:00'),
    });
  await up(e1, city, nc, dh);
  await up(e6, province, jx, nc);
  await up(e7, province, jx, jj);
}

const works = (figures: FigureRow[]) =>
  Object.fromEntries(figures.filter((f) => f.key.startsWith('works')).map((f) => [f.key, f.auto]));

beforeAll(async () => {
  t = await createTestContext();
  ids = await unitIds(t);
  const jiangxi = await agent(t, 'jiangxi');
  nanchang = await agent(t, 'nanchang', 'operator');
  donghu = await agent(t, 'donghu', 'operator');
  await seed(t.db);
  const c = await openCollection(jiangxi, {
    form: 'quarterly',
    year,
    quarter: 1,
    target: { mode: 'units', unitIds: [ids.nanchang, ids.donghu] },
  });
  collectionId = c.id;
});

afterAll(async () => {
  await t?.close();
});

describe('作品征集 in the quarterly report', () => {
  it('counts the city and its county, inside the quarter only', async () => {
    const d = await getSubmission(nanchang, await submissionId(t, collectionId, ids.nanchang));
    // Entries: 东湖 three (not the withdrawn one, not April's) and 南昌 one. People: 甲 once although in two
    // works, 乙, and three entrants without a record. Awards: 东湖's two; 南昌's is not final yet.
    // Recommended: 东湖 → 南昌 and 南昌 → 江西, not 九江's.
    expect(works(d.figures)).toEqual({
      worksEntered: 4,
      worksEntrants: 5,
      worksAwarded: 2,
      worksRecommended: 2,
    });
    expect(d.figures.find((f) => f.key === 'worksEntered')).toMatchObject({
      label: '征集作品数',
      unit: '件',
    });
  });

  it('a county counts only its own calls', async () => {
    const d = await getSubmission(donghu, await submissionId(t, collectionId, ids.donghu));
    expect(works(d.figures)).toEqual({
      worksEntered: 3,
      worksEntrants: 3,
      worksAwarded: 2,
      worksRecommended: 1,
    });
  });
});

describe('作品征集 on the home page', () => {
  it('counts the whole year for the viewer’s subtree', async () => {
    const leader = await login(t, await createUser(t, { role: 'leader', unitCode: '360100', totp: false }));
    const res = await leader.get('/api/home/summary');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().cultivation.works).toEqual({ entries: 5, entrants: 6, awards: 2, recommended: 2 });
  });

  it('a sibling city sees only its own call', async () => {
    const leader = await login(t, await createUser(t, { role: 'leader', unitCode: '360400', totp: false }));
    const res = await leader.get('/api/home/summary');
    expect(res.json().cultivation.works).toEqual({ entries: 1, entrants: 1, awards: 1, recommended: 1 });
  });
});
