import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { queryRows } from '../../db/client';
import { youth } from '../../db/schema';
import { creditCodeCheckChar, orgCodeCheckChar, todayInChina } from '../../../common/validators';
import {
  createTestContext,
  createUser,
  login,
  unitIdByCode,
  type Agent,
  type TestContext,
} from '../../test/harness';

let t: TestContext;
let cityOp: Agent; // 南昌市 operator
let countyOp: Agent; // 东湖区, below the city
let siblingOp: Agent; // 西湖区, a sibling county of 东湖区
let leader: Agent; // 南昌市 leader: reads only
let fieldId: number;

const today = todayInChina();
const daysAgo = (n: number) => {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
};

let codeSeq = 0;
/** A valid 统一社会信用代码 of a 社会团体 registered in 南昌市东湖区, unique per call. */
function creditCode(): string {
  const body = `MJ${String(100000 + ++codeSeq).slice(-6)}`;
  const first17 = `51360102${body}${orgCodeCheckChar(body)}`;
  return first17 + creditCodeCheckChar(first17);
}

let seq = 0;
async function person(unitCode: string, name = `社团青年${++seq}`) {
  const [row] = await t.db
    .insert(youth)
    .values({ unitId: await unitIdByCode(t.db, unitCode), name, namePinyin: 'st', nameInitials: 'st' })
    .returning({ id: youth.id });
  return row.id;
}

type Society = {
  id: number;
  version: number;
  name: string;
  lastContactAt: string | null;
  leader: { name: string; youthId: number | null } | null;
  creditCode: string | null;
  counts: { contacts: number; backbones: number; recommendations: number; nominationSeats: number };
};

async function society(agent: Agent, body: Record<string, unknown> = {}): Promise<Society> {
  const res = await agent.post('/api/societies', {
    name: `青年自组织${++seq}`,
    kind: 'unregistered',
    fieldId,
    ...body,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Society;
}

beforeAll(async () => {
  t = await createTestContext();
  cityOp = await login(t, await createUser(t, { role: 'operator', unitCode: '360100', totp: false }));
  countyOp = await login(t, await createUser(t, { role: 'operator', unitCode: '360102', totp: false }));
  siblingOp = await login(t, await createUser(t, { role: 'operator', unitCode: '360103', totp: false }));
  leader = await login(t, await createUser(t, { role: 'leader', unitCode: '360100', totp: false }));
  const [f] = await queryRows<{ id: number }>(
    t.db,
    sql`select id from dict_items where dict_type = 'emerging_field' and label = '网络文学' and unit_id is null`,
  );
  fieldId = f.id;
});

afterAll(async () => {
  await t?.close();
});

describe('registration', () => {
  const registered = () => ({
    kind: 'registered',
    registrationAuthority: '南昌市东湖区民政局',
    creditCode: creditCode(),
    registeredOn: daysAgo(400),
  });

  it('requires 登记机关, credit code and date of a registered organisation only', async () => {
    for (const missing of ['registrationAuthority', 'creditCode', 'registeredOn']) {
      const body = { name: '缺项社团', fieldId, ...registered(), [missing]: null };
      const res = await countyOp.post('/api/societies', body);
      expect(res.statusCode, missing).toBe(400);
      expect(res.json().details[0].path).toBe(missing);
      expect(res.json().message).toMatch(/已注册社会组织须填写/);
    }
    const refused = await countyOp.post('/api/societies', {
      name: '自组织带代码',
      kind: 'community',
      creditCode: creditCode(),
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toMatch(/不填写登记机关/);
    const ok = await society(countyOp, { name: '东湖网络作家协会', ...registered() });
    expect(ok.creditCode).toMatch(/^51360102/);
    const community = await society(countyOp, { name: '东湖街舞社群', kind: 'community' });
    expect(community.creditCode).toBeNull();
  });

  it('validates the credit code by its check characters, normalises it and keeps it unique', async () => {
    const good = creditCode();
    const wrong = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    const bad = await countyOp.post('/api/societies', {
      name: '校验失败社团',
      ...registered(),
      creditCode: wrong,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/校验位/);
    expect(bad.body).not.toContain(wrong);
    const typed = good.toLowerCase().replace(/(.{8})/, '$1 ');
    const first = await society(countyOp, { name: '代码社团甲', ...registered(), creditCode: typed });
    expect(first.creditCode).toBe(good);
    const again = await countyOp.post('/api/societies', {
      name: '代码社团乙',
      ...registered(),
      creditCode: good,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('代码社团甲');
    // Held by a unit outside the viewer's scope: refused without naming it.
    const elsewhere = await siblingOp.post('/api/societies', {
      name: '代码社团丙',
      ...registered(),
      creditCode: good,
    });
    expect(elsewhere.statusCode).toBe(409);
    expect(elsewhere.body).not.toContain('代码社团甲');
    expect(elsewhere.body).not.toContain('东湖');
  });

  it('needs how a League-affiliated society was built, and with whom when jointly', async () => {
    const noMode = await countyOp.post('/api/societies', {
      name: '团属甲',
      kind: 'unregistered',
      leagueAffiliated: true,
    });
    expect(noMode.statusCode).toBe(400);
    const noPartner = await countyOp.post('/api/societies', {
      name: '团属乙',
      kind: 'unregistered',
      leagueAffiliated: true,
      buildMode: 'joint',
    });
    expect(noPartner.json().details[0].path).toBe('builtWith');
    const ok = await society(countyOp, {
      name: '新的社会阶层青年联谊会',
      leagueAffiliated: true,
      buildMode: 'joint',
      builtWith: ['统战部', '网信办', '统战部'],
    });
    const detail = (await countyOp.get(`/api/societies/${ok.id}`)).json();
    expect(detail.builtWith).toEqual(['统战部', '网信办']);
  });

  it('links the leader to the registry (in scope only) and makes them a backbone', async () => {
    const mine = await person('360102', '林晓');
    const theirs = await person('360103', '外区人');
    const refused = await countyOp.post('/api/societies', {
      name: '越权负责人社团',
      kind: 'unregistered',
      leaderYouthId: theirs,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).not.toContain('外区人');
    const s = await society(countyOp, { name: '林晓读书会', leaderYouthId: mine, leaderName: '别的名字' });
    expect(s.leader).toEqual({ name: '林晓', youthId: mine });
    const backbones = (await countyOp.get(`/api/societies/${s.id}/backbones`)).json().items;
    expect(backbones).toMatchObject([{ youthId: mine, role: '负责人', name: '林晓' }]);
  });

  it('refuses a stale version and a reader', async () => {
    const s = await society(countyOp);
    const first = await countyOp.patch(`/api/societies/${s.id}`, { memberCount: 80, version: s.version });
    expect(first.statusCode, first.body).toBe(200);
    const second = await countyOp.patch(`/api/societies/${s.id}`, { memberCount: 90, version: s.version });
    expect(second.statusCode).toBe(409);
    expect((await leader.post('/api/societies', { name: '领导登记', kind: 'community' })).statusCode).toBe(
      403,
    );
  });
});

describe('scope and list', () => {
  it('a sibling county gets 404 and sees nothing in its list; the city sees it', async () => {
    const s = await society(countyOp, { name: '兄弟区看不见的社团' });
    const res = await siblingOp.get(`/api/societies/${s.id}`);
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('兄弟区看不见');
    for (const sub of ['contacts', 'backbones', 'recommendations', 'nominations']) {
      expect((await siblingOp.get(`/api/societies/${s.id}/${sub}`)).statusCode, sub).toBe(404);
    }
    const write = await siblingOp.post(`/api/societies/${s.id}/contacts`, {
      date: today,
      kind: '走访',
      summary: '越权走访',
    });
    expect(write.statusCode).toBe(404);
    const list = (await siblingOp.get('/api/societies?q=兄弟区看不见')).json();
    expect(list).toMatchObject({ items: [], total: 0 });
    const cityList = (await cityOp.get('/api/societies?q=兄弟区看不见')).json();
    expect(cityList.total).toBe(1);
    const unitFilter = await siblingOp.get(`/api/societies?unitId=${await unitIdByCode(t.db, '360102')}`);
    expect(unitFilter.statusCode).toBe(404);
  });

  it('filters by kind, field, 团属, League organisation, activity, unit, pinyin and silence', async () => {
    const a = await society(countyOp, {
      name: '豫章电竞联盟',
      kind: 'community',
      activityLevel: 'high',
      hasLeagueOrg: true,
    });
    const q = (params: string) =>
      cityOp.get(`/api/societies?pageSize=200&${params}`).then((r) => {
        expect(r.statusCode, r.body).toBe(200);
        return (r.json().items as { id: number }[]).map((i) => i.id);
      });
    expect(await q('q=yzdj')).toContain(a.id);
    expect(await q('q=dianjing')).toContain(a.id);
    expect(await q('kind=community&activityLevel=high&hasLeagueOrg=true')).toContain(a.id);
    expect(await q('kind=registered')).not.toContain(a.id);
    expect(await q(`fieldId=${fieldId}`)).toContain(a.id);
    expect(await q('leagueAffiliated=true')).not.toContain(a.id);
    expect(await q(`unitId=${await unitIdByCode(t.db, '360102')}`)).toContain(a.id);
    expect(await q(`unitId=${await unitIdByCode(t.db, '360100')}&includeDescendants=false`)).not.toContain(
      a.id,
    );
    expect(await q('notContactedDays=30')).toContain(a.id);
    await countyOp.post(`/api/societies/${a.id}/contacts`, {
      date: daysAgo(3),
      kind: '座谈',
      summary: '座谈交流',
    });
    expect(await q('notContactedDays=30')).not.toContain(a.id);
    expect(await q('notContactedDays=2')).toContain(a.id);
    expect((await cityOp.get('/api/societies?sort=-lastContactAt')).statusCode).toBe(200);
    expect((await cityOp.get('/api/societies?sort=password')).statusCode).toBe(400);
  });

  it('exports the filtered register as .xlsx, audited', async () => {
    await society(countyOp, { name: '导出用社团' });
    const res = await cityOp.get('/api/societies/export?q=导出用');
    expect(res.statusCode, res.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const text = JSON.stringify(wb.worksheets[0].getSheetValues());
    expect(text).toContain('导出用社团');
    expect(text).toContain('未注册青年自组织');
    const [audit] = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from audit_log where action = 'society.exported'`,
    );
    expect(audit.n).toBeGreaterThan(0);
  });
});

describe('contact, backbones, recommendations, nominations', () => {
  it('contact records move the last contact forward only, and are audited', async () => {
    const s = await society(countyOp);
    const first = await countyOp.post(`/api/societies/${s.id}/contacts`, {
      date: daysAgo(5),
      kind: '协助注册',
      summary: '协助准备注册材料',
    });
    expect(first.statusCode, first.body).toBe(200);
    expect((await countyOp.get(`/api/societies/${s.id}`)).json().lastContactAt).toBe(daysAgo(5));
    await countyOp.post(`/api/societies/${s.id}/contacts`, {
      date: daysAgo(20),
      kind: '走访',
      summary: '补记走访',
    });
    const after = (await countyOp.get(`/api/societies/${s.id}`)).json();
    expect(after.lastContactAt).toBe(daysAgo(5));
    expect(after.counts.contacts).toBe(2);
    const future = await countyOp.post(`/api/societies/${s.id}/contacts`, {
      date: '2999-01-01',
      kind: '走访',
      summary: '未来',
    });
    expect(future.statusCode).toBe(400);
    const bad = await countyOp.post(`/api/societies/${s.id}/contacts`, {
      date: today,
      kind: '喝茶',
      summary: '随便',
    });
    expect(bad.statusCode).toBe(400);
    const items = (await countyOp.get(`/api/societies/${s.id}/contacts`)).json().items;
    expect(items.map((i: { kind: string }) => i.kind)).toEqual(['协助注册', '走访']);
    const [audit] = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from audit_log where action = 'society.contact_created' and target_id = ${String(s.id)}`,
    );
    expect(audit.n).toBe(2);
  });

  it('backbones must be registry people in scope; recommendations go to backbones and get one outcome', async () => {
    const s = await society(countyOp);
    const outside = await person('360103');
    const refused = await countyOp.post(`/api/societies/${s.id}/backbones`, {
      youthId: outside,
      role: '骨干',
    });
    expect(refused.statusCode).toBe(400);
    const nobody = await countyOp.post(`/api/societies/${s.id}/backbones`, {
      youthId: 99999999,
      role: '骨干',
    });
    expect(nobody.statusCode).toBe(400);
    const p = await person('360102', '骨干小王');
    const added = await countyOp.post(`/api/societies/${s.id}/backbones`, {
      youthId: p,
      role: '骨干',
      note: '组织活动',
    });
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json()).toMatchObject({ name: '骨干小王', role: '骨干', trainingsCompleted: 0 });
    expect(
      (await countyOp.post(`/api/societies/${s.id}/backbones`, { youthId: p, role: '骨干' })).statusCode,
    ).toBe(409);

    const notBackbone = await person('360102');
    const wrong = await countyOp.post(`/api/societies/${s.id}/recommendations`, {
      youthId: notBackbone,
      kind: '青联委员',
      recommendedOn: daysAgo(10),
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().message).toMatch(/骨干/);
    const rec = await countyOp.post(`/api/societies/${s.id}/recommendations`, {
      youthId: p,
      kind: '青联委员',
      recommendedOn: daysAgo(10),
    });
    expect(rec.statusCode, rec.body).toBe(200);
    expect(rec.json()).toMatchObject({ outcome: 'pending', outcomeOn: null, name: '骨干小王' });
    const recId = rec.json().id as number;
    const early = await countyOp.post(`/api/societies/${s.id}/recommendations/${recId}/outcome`, {
      outcome: 'accepted',
      outcomeOn: daysAgo(11),
    });
    expect(early.statusCode).toBe(400);
    const decided = await countyOp.post(`/api/societies/${s.id}/recommendations/${recId}/outcome`, {
      outcome: 'accepted',
      outcomeOn: daysAgo(2),
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({ outcome: 'accepted', outcomeOn: daysAgo(2) });
    const twice = await countyOp.post(`/api/societies/${s.id}/recommendations/${recId}/outcome`, {
      outcome: 'declined',
      outcomeOn: daysAgo(1),
    });
    expect(twice.statusCode).toBe(409);
    // Another society's recommendation id under this society is not found.
    const other = await society(countyOp);
    const cross = await countyOp.post(`/api/societies/${other.id}/recommendations/${recId}/outcome`, {
      outcome: 'declined',
      outcomeOn: daysAgo(1),
    });
    expect(cross.statusCode).toBe(404);
    expect((await countyOp.delete(`/api/societies/${s.id}/backbones/${p}`)).statusCode).toBe(409);
    const backbones = (await countyOp.get(`/api/societies/${s.id}/backbones`)).json().items;
    expect(backbones[0]).toMatchObject({ youthId: p, recommendations: 1 });
    const removable = await person('360102');
    await countyOp.post(`/api/societies/${s.id}/backbones`, { youthId: removable, role: '骨干' });
    expect((await countyOp.delete(`/api/societies/${s.id}/backbones/${removable}`)).statusCode).toBe(200);
    const actions = await queryRows<{ action: string }>(
      t.db,
      sql`select action from audit_log where target_type = 'society' and target_id = ${String(s.id)} order by id`,
    );
    expect(actions.map((a) => a.action)).toEqual([
      'society.created',
      'society.backbone_added',
      'society.recommendation_created',
      'society.recommendation_decided',
      'society.backbone_added',
      'society.backbone_removed',
    ]);
  });

  it('nomination seats go to unregistered groups only and are listed with their total', async () => {
    const s = await society(countyOp, { kind: 'community' });
    const a = await countyOp.post(`/api/societies/${s.id}/nominations`, { seats: 2, grantedOn: daysAgo(30) });
    expect(a.statusCode, a.body).toBe(200);
    await countyOp.post(`/api/societies/${s.id}/nominations`, {
      seats: 1,
      grantedOn: daysAgo(1),
      note: '增补',
    });
    const list = (await cityOp.get(`/api/societies/${s.id}/nominations`)).json();
    expect(list.seats).toBe(3);
    expect(list.items).toHaveLength(2);
    expect((await countyOp.get(`/api/societies/${s.id}`)).json().counts.nominationSeats).toBe(3);
    const reg = await society(countyOp, {
      kind: 'registered',
      registrationAuthority: '民政局',
      creditCode: creditCode(),
      registeredOn: daysAgo(10),
    });
    const refused = await countyOp.post(`/api/societies/${reg.id}/nominations`, {
      seats: 1,
      grantedOn: today,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toMatch(/会员团体/);
  });

  it('lists the cadres who may keep contact, in scope only', async () => {
    const res = await countyOp.get('/api/societies/cadres');
    expect(res.statusCode, res.body).toBe(200);
    const names = (res.json().items as { name: string }[]).map((i) => i.name);
    expect(names).toContain(`测试${countyOp.user.username}`);
    expect(names).not.toContain(`测试${siblingOp.user.username}`);
    const s = await countyOp.post('/api/societies', {
      name: '越权联系人社团',
      kind: 'community',
      contactUserId: siblingOp.user.id,
    });
    expect(s.statusCode).toBe(400);
  });
});
