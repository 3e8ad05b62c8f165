import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { queryRows } from '../../db/client';
import { callEntries, works, youth, youthEventParticipants } from '../../db/schema';
import { insertCall, insertWork } from '../../test/call-rows';
import { countFigures } from '../reports/report-figures.repo';
import {
  createTestContext,
  createUser,
  login,
  unitIdByCode,
  type Agent,
  type TestContext,
} from '../../test/harness';

/** 巡演巡展 and 见面会: events linked to a call, showing its works, with the audience counted at the door. */

let t: TestContext;
let dhOp: Agent; // 东湖区 operator
let ncOp: Agent; // 南昌市 operator, the parent
let nc: number;
let dh: number;
let dhCall: number; // 东湖区's own call
let dhOtherCall: number;
let ncCall: number; // the city's call: above 东湖区
let xhCall: number; // the sibling county's call
const entry: Record<string, number> = {};

type Work = {
  entryId: number;
  label: string;
  title: string;
  awardLevel: string | null;
  addedBy: string | null;
};
type Detail = {
  id: number;
  version: number;
  kind: string;
  call: { id: number; title: string } | null;
  works: number;
  audience: number | null;
  published: boolean;
  workList: Work[];
};

async function tour(agent: Agent, body: object) {
  return agent.post('/api/events', { kind: '巡展', title: '青年书法作品巡展', date: '2026-05-20', ...body });
}

async function tourOk(agent: Agent, body: object) {
  const res = await tour(agent, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Detail;
}

const count = async (q: ReturnType<typeof sql>) => (await queryRows<{ n: number }>(t.db, q))[0].n;

beforeAll(async () => {
  t = await createTestContext();
  nc = await unitIdByCode(t.db, '360100');
  dh = await unitIdByCode(t.db, '360102');
  const xh = await unitIdByCode(t.db, '360103');
  dhOp = await login(t, await createUser(t, { role: 'operator', unitCode: '360102', totp: false }));
  ncOp = await login(t, await createUser(t, { role: 'operator', unitCode: '360100', totp: false }));
  dhCall = await insertCall(t.db, { unitId: dh, title: '东湖区青年书法征集' });
  dhOtherCall = await insertCall(t.db, { unitId: dh, title: '东湖区原创歌曲征集' });
  ncCall = await insertCall(t.db, { unitId: nc, title: '南昌市青年美术征集' });
  xhCall = await insertCall(t.db, { unitId: xh, title: '西湖区摄影征集' });
  const add = async (key: string, callId: number, unitId: number, status?: 'eligible' | 'submitted') => {
    entry[key] = (await insertWork(t.db, { callId, unitId, title: key, entrants: [null], status })).entryId;
  };
  await add('兰亭新韵', dhCall, dh);
  await add('行草长卷', dhCall, dh);
  await add('待审作品', dhCall, dh, 'submitted');
  await add('撤回作品', dhCall, dh);
  await add('别的征集作品', dhOtherCall, dh);
  await add('市级作品', ncCall, nc);
  await t.db.execute(
    sql`update ${callEntries} set award_level_key = 'first' where id = ${entry['兰亭新韵']}`,
  );
  await t.db.execute(
    sql`update ${works} set status = 'withdrawn'
         where id = (select work_id from call_entries where id = ${entry['撤回作品']})`,
  );
});

afterAll(async () => {
  await t?.close();
});

describe('tours and exhibitions', () => {
  let show: Detail;

  it('offers the calls in scope and only the works that passed review and were not withdrawn', async () => {
    const calls = (await dhOp.get('/api/events/call-options')).json().items as { title: string }[];
    expect(calls.map((c) => c.title).sort()).toEqual(['东湖区原创歌曲征集', '东湖区青年书法征集']);
    const res = await dhOp.get(`/api/events/call-works/${dhCall}`);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as Work[];
    expect(items.map((w) => w.title)).toEqual(['兰亭新韵', '行草长卷']);
    expect(items[0]).toMatchObject({ label: '作品 0001', awardLevel: '一等奖' });
    expect(items[1].awardLevel).toBeNull();
    expect((await dhOp.get(`/api/events/call-works/${ncCall}`)).statusCode).toBe(404);
  });

  it('saves a 巡展 linked to its call with two works, 观众人次 and the publish flag, recording who added them', async () => {
    show = await tourOk(dhOp, {
      callId: dhCall,
      entryIds: [entry['兰亭新韵'], entry['行草长卷']],
      audience: 320,
      published: true,
      place: '东湖区文化馆',
    });
    expect(show).toMatchObject({
      kind: '巡展',
      call: { id: dhCall, title: '东湖区青年书法征集' },
      works: 2,
      audience: 320,
      published: true,
    });
    expect(show.workList.map((w) => [w.label, w.title, w.awardLevel])).toEqual([
      ['作品 0001', '兰亭新韵', '一等奖'],
      ['作品 0002', '行草长卷', null],
    ]);
    const addedBy = await queryRows<{ addedBy: number }>(
      t.db,
      sql`select added_by as "addedBy" from youth_event_works where event_id = ${show.id}`,
    );
    expect(addedBy).toEqual([{ addedBy: dhOp.user.id }, { addedBy: dhOp.user.id }]);
    const [audit] = await queryRows<{ detail: Record<string, unknown> }>(
      t.db,
      sql`select detail from audit_log where action = 'event.created' and target_id = ${String(show.id)}`,
    );
    expect(audit.detail).toMatchObject({ callId: dhCall, works: 2, audience: 320, published: true });
  });

  it('refuses a call outside the viewer’s scope, and one above the organising unit', async () => {
    expect((await tour(dhOp, { callId: xhCall })).statusCode).toBe(404);
    expect((await tour(dhOp, { callId: ncCall })).statusCode).toBe(404);
    const above = await tour(ncOp, { unitId: dh, callId: ncCall });
    expect(above.statusCode).toBe(400);
    expect(above.json().message).toContain('不在活动组织单位的范围内');
    // The city may show a county's works: the county's call lies in its scope.
    const city = await tourOk(ncOp, { callId: dhCall, entryIds: [entry['行草长卷']] });
    expect(city.works).toBe(1);
    const events = await count(
      sql`select count(*)::int as n from youth_events where title = '青年书法作品巡展'`,
    );
    expect(events).toBe(2);
  });

  it('refuses a work of another call, one not yet reviewed and a withdrawn one, saving nothing', async () => {
    for (const key of ['别的征集作品', '待审作品', '撤回作品']) {
      const res = await tour(dhOp, {
        title: `拒绝${key}`,
        callId: dhCall,
        entryIds: [entry['兰亭新韵'], entry[key]],
      });
      expect(res.statusCode, key).toBe(400);
      expect(res.json().message).toContain('形式审查合格');
    }
    expect(await count(sql`select count(*)::int as n from youth_events where title like '拒绝%'`)).toBe(0);
    const add = await dhOp.post(`/api/events/${show.id}/works`, { entryIds: [entry['别的征集作品']] });
    expect(add.statusCode).toBe(400);
    expect(
      await count(sql`select count(*)::int as n from youth_event_works where event_id = ${show.id}`),
    ).toBe(2);
    const noCall = await tourOk(dhOp, { kind: '见面会', title: '读者见面会' });
    const refused = await dhOp.post(`/api/events/${noCall.id}/works`, { entryIds: [entry['兰亭新韵']] });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toContain('关联作品征集');
  });

  it('keeps the call while works remain, removes a work with an audit record, and re-adds it', async () => {
    const change = await dhOp.patch(`/api/events/${show.id}`, { callId: dhOtherCall, version: show.version });
    expect(change.statusCode).toBe(400);
    expect(change.json().message).toContain('请先移除');
    const del = await dhOp.delete(`/api/events/${show.id}/works/${entry['行草长卷']}`);
    expect(del.statusCode, del.body).toBe(200);
    expect((await dhOp.delete(`/api/events/${show.id}/works/${entry['行草长卷']}`)).statusCode).toBe(404);
    expect(
      await count(sql`select count(*)::int as n from audit_log where action = 'event.work_removed'`),
    ).toBe(1);
    const again = await dhOp.post(`/api/events/${show.id}/works`, {
      entryIds: [entry['行草长卷'], entry['兰亭新韵']],
    });
    expect(again.json()).toEqual({ added: 1, skipped: 1 });
    const detail = (await dhOp.get(`/api/events/${show.id}`)).json() as Detail;
    expect(detail.works).toBe(2);
    const patched = await dhOp.patch(`/api/events/${show.id}`, { audience: 350, version: detail.version });
    expect(patched.statusCode, patched.body).toBe(200);
    expect((patched.json() as Detail).audience).toBe(350);
    const negative = await dhOp.patch(`/api/events/${show.id}`, {
      audience: -1,
      version: detail.version + 1,
    });
    expect(negative.statusCode).toBe(400);
    expect(negative.body).toContain('观众人次');
  });

  it('lists the call’s events with their works and sums 观众人次 apart from 参与人次', async () => {
    await tourOk(dhOp, { kind: '巡演', title: '青年书法巡演（二）', callId: dhCall, audience: 80 });
    await tourOk(dhOp, { kind: '巡演', title: '青年书法巡演（三）', callId: dhCall });
    const [y] = await t.db
      .insert(youth)
      .values({ unitId: dh, name: '王书法', namePinyin: 'wangshufa', nameInitials: 'ws', stage: 'key' })
      .returning({ id: youth.id });
    await t.db.insert(youthEventParticipants).values({ eventId: show.id, youthId: y.id });
    const res = await ncOp.get(`/api/events?callId=${dhCall}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as {
      items: { title: string; works: number; audience: number | null }[];
      totals: { events: number; personTimes: number; audience: number };
    };
    // 350 + 80 + 0 (not counted) + the city's 巡展 (not counted): 参与 counts only the registry person.
    expect(body.totals).toMatchObject({ events: 4, personTimes: 1, audience: 430 });
    expect(body.items.find((e) => e.title === '青年书法作品巡展' && e.works === 2)?.audience).toBe(350);
    const other = (await ncOp.get(`/api/events?callId=${dhOtherCall}`)).json();
    expect(other.totals.events).toBe(0);

    const xlsx = await ncOp.get(`/api/events/export?callId=${dhCall}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const text: string[] = [];
    wb.worksheets[0].eachRow((row) => text.push(JSON.stringify(row.values)));
    expect(text.join('\n')).toContain('观众 430 人次');
    expect(text.join('\n')).toContain('观众人次');
    expect(text.join('\n')).toContain('东湖区青年书法征集');
  });

  it('counts 巡演巡展场次 and 观众人次 in the quarterly indicators, apart from 活动参与', async () => {
    await t.db.execute(
      sql`insert into youth_events (unit_id, kind, title, date, audience)
          values (${dh}, '青春沙龙', '带观众的沙龙', '2026-06-01', 20),
                 (${dh}, '巡展', '下季度巡展', '2026-07-01', 999)`,
    );
    const path = async (id: number) =>
      (await queryRows<{ path: string }>(t.db, sql`select path from units where id = ${id}`))[0].path;
    const q2 = { start: '2026-04-01', end: '2026-06-30', today: '2026-07-10' };
    const county = await countFigures(t.db, await path(dh), q2);
    // 东湖区: its 巡展, 见面会 and two 巡演; audience 350 + 80 + the salon's 20; one registry person.
    expect(county).toMatchObject({ events: 5, tourEvents: 4, eventAudience: 450, eventPersonTimes: 1 });
    const city = await countFigures(t.db, await path(nc), q2);
    expect(city).toMatchObject({ tourEvents: 5, eventAudience: 450 });
  });
});
