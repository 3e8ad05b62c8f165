import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
import { youthSocieties } from '../../db/schema';
import { multipart, SAMPLE_FILES } from '../../platform/files/test-files';
import {
  createTestContext,
  createUser,
  login,
  unitIdByCode,
  type Agent,
  type TestContext,
} from '../../test/harness';

let t: TestContext;
let provinceAdmin: Agent; // 江西省: configures targets, supervises
let centreAdmin: Agent; // 团中央
let cityAdmin: Agent; // 南昌市 unit admin
let cityOp: Agent; // 南昌市 operator: runs admissions
let countyAdmin: Agent; // 东湖区, below 南昌市
let siblingOp: Agent; // 九江市
let otherProvinceAdmin: Agent; // 浙江省
let ids: { jiangxi: number; nanchang: number; donghu: number; jiujiang: number; zhejiang: number };
let fieldId: number;

type Detail = {
  id: number;
  status: string;
  version: number;
  counted: boolean;
  beforeRegistration: boolean;
  isLeague: boolean;
  steps: { id: number; step: string; outcome: string | null; note: string | null; document: unknown }[];
};
type Row = {
  unit: { id: number; name: string; level: string };
  memberGroups: number;
  leagueSocieties: number;
  met: boolean;
  daysLeft: number | null;
};

let seq = 0;
async function society(
  unitId: number,
  opts: Partial<typeof youthSocieties.$inferInsert> = {},
): Promise<number> {
  const [row] = await t.db
    .insert(youthSocieties)
    .values({
      unitId,
      name: `测试社团${++seq}`,
      namePinyin: 'ceshishetuan',
      nameInitials: 'csst',
      kind: 'registered',
      registeredOn: '2023-06-01',
      ...opts,
    })
    .returning({ id: youthSocieties.id });
  return row.id;
}

async function propose(agent: Agent, unitId: number, societyId: number, onDate = '2024-01-10') {
  const res = await agent.post('/api/federation/members', { unitId, societyId, origin: 'applied', onDate });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Detail;
}

async function step(agent: Agent, d: Detail, stepName: string, onDate: string, outcome = 'passed') {
  return agent.post(`/api/federation/members/${d.id}/steps`, {
    version: d.version,
    step: stepName,
    outcome,
    onDate,
  });
}

/** 推荐或申请 → 资格审查 → 常委会审议 → 吸纳, admitted on `admittedOn`. */
async function admit(agent: Agent, unitId: number, societyId: number, admittedOn: string) {
  let d = await propose(agent, unitId, societyId, '2024-01-10');
  for (const [s, on] of [
    ['qualification', '2024-01-20'],
    ['committee', '2024-01-25'],
    ['admitted', admittedOn],
  ]) {
    const res = await step(agent, d, s, on);
    expect(res.statusCode, res.body).toBe(200);
    d = res.json() as Detail;
  }
  return d;
}

async function supervision(agent: Agent, query: string) {
  const res = await agent.get(`/api/coverage/supervision?pageSize=200&${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: Row[]; total: number; summary: { units: number; met: number } };
}

beforeAll(async () => {
  t = await createTestContext();
  ids = {
    jiangxi: await unitIdByCode(t.db, '360000'),
    nanchang: await unitIdByCode(t.db, '360100'),
    donghu: await unitIdByCode(t.db, '360102'),
    jiujiang: await unitIdByCode(t.db, '360400'),
    zhejiang: await unitIdByCode(t.db, '330000'),
  };
  const [field] = await queryRows<{ id: number }>(
    t.db,
    sql`select id from dict_items where dict_type = 'emerging_field' order by id limit 1`,
  );
  fieldId = field.id;
  provinceAdmin = await login(t, await createUser(t, { role: 'unit_admin', unitCode: '360000' }));
  centreAdmin = await login(t, await createUser(t, { role: 'unit_admin', unitCode: '000000' }));
  cityAdmin = await login(t, await createUser(t, { role: 'unit_admin', unitCode: '360100' }));
  cityOp = await login(t, await createUser(t, { role: 'operator', unitCode: '360100', totp: false }));
  countyAdmin = await login(t, await createUser(t, { role: 'unit_admin', unitCode: '360102' }));
  siblingOp = await login(t, await createUser(t, { role: 'operator', unitCode: '360400', totp: false }));
  otherProvinceAdmin = await login(t, await createUser(t, { role: 'unit_admin', unitCode: '330000' }));
});

afterAll(async () => {
  await t?.close();
});

describe('admission procedure', () => {
  it('goes 推荐或申请 → 资格审查 → 常委会审议 → 吸纳 in order, with the League listed but not counted', async () => {
    const d = await admit(cityOp, ids.nanchang, await society(ids.nanchang), '2024-02-01');
    expect(d.status).toBe('admitted');
    expect(d.counted).toBe(true);
    expect(d.steps.map((s) => s.step)).toEqual(['applied', 'qualification', 'committee', 'admitted']);
    const list = (
      await cityOp.get(`/api/federation/members?unitId=${ids.nanchang}&includeDescendants=false`)
    ).json();
    const league = list.items.find((i: { isLeague: boolean }) => i.isLeague);
    expect(league.name).toContain('共青团');
    expect(league.counted).toBe(false);
    expect(list.items[0].isLeague).toBe(true);
    const audit = await queryRows<{ action: string }>(
      t.db,
      sql`select action from audit_log where target_type = 'federation_member' and target_id = ${String(d.id)} order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual([
      'federation.member_proposed',
      'federation.qualification_passed',
      'federation.committee_passed',
      'federation.member_admitted',
    ]);
  });

  it('refuses skipping a step, a date before the previous step, and any step after 未通过', async () => {
    const d = await propose(cityOp, ids.nanchang, await society(ids.nanchang));
    const skip = await step(cityOp, d, 'committee', '2024-02-01');
    expect(skip.statusCode).toBe(409);
    expect(skip.json().message).toContain('下一步应为「资格审查」');
    const skipToAdmit = await step(cityOp, d, 'admitted', '2024-02-01');
    expect(skipToAdmit.statusCode).toBe(409);
    const early = await step(cityOp, d, 'qualification', '2023-12-31');
    expect(early.statusCode).toBe(400);
    const failed = await step(cityOp, d, 'qualification', '2024-02-01', 'failed');
    expect(failed.statusCode, failed.body).toBe(200);
    const rejected = failed.json() as Detail;
    expect(rejected.status).toBe('rejected');
    const after = await step(cityOp, rejected, 'committee', '2024-02-02');
    expect(after.statusCode).toBe(409);
    const stale = await step(cityOp, d, 'qualification', '2024-02-01');
    expect(stale.statusCode).toBe(409);
    const [again] = await queryRows<{ id: number }>(
      t.db,
      sql`select society_id as id from federation_members where id = ${d.id}`,
    );
    expect((await propose(cityOp, ids.nanchang, again.id)).status).toBe('proposed');
  });

  it('refuses a duplicate open membership and a province as the federation', async () => {
    const s = await society(ids.nanchang);
    await propose(cityOp, ids.nanchang, s);
    const dup = await cityOp.post('/api/federation/members', {
      unitId: ids.nanchang,
      societyId: s,
      origin: 'recommended',
      onDate: '2024-01-10',
    });
    expect(dup.statusCode).toBe(409);
    const prov = await provinceAdmin.post('/api/federation/members', {
      unitId: ids.jiangxi,
      societyId: s,
      origin: 'recommended',
      onDate: '2024-01-10',
    });
    expect(prov.statusCode).toBe(400);
  });

  it('admits before registration only societies led by 统战、网信、文联、作协 or League-affiliated (seed 003 §三.5)', async () => {
    const selfOrg = await society(ids.nanchang, { kind: 'unregistered', registeredOn: null });
    const d = await propose(cityOp, ids.nanchang, selfOrg);
    const refused = await step(cityOp, d, 'qualification', '2024-02-01');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toContain('青联委员推荐名额');
    const registeredWithoutDate = await society(ids.nanchang, { kind: 'registered', registeredOn: null });
    const d2 = await propose(cityOp, ids.nanchang, registeredWithoutDate);
    expect((await step(cityOp, d2, 'qualification', '2024-02-01')).statusCode).toBe(409);
    const independent = await society(ids.nanchang, {
      kind: 'unregistered',
      registeredOn: null,
      buildMode: 'independent',
      builtWith: ['作协'],
    });
    const d3 = await propose(cityOp, ids.nanchang, independent);
    expect((await step(cityOp, d3, 'qualification', '2024-02-01')).statusCode).toBe(409);

    const ledByWriters = await society(ids.nanchang, {
      kind: 'community',
      registeredOn: null,
      buildMode: 'joint',
      builtWith: ['市作协'],
    });
    const led = await admit(cityOp, ids.nanchang, ledByWriters, '2024-02-01');
    expect(led.beforeRegistration).toBe(true);
    expect(led.steps.at(-1)?.note).toContain('统战、网信、文联、作协');
    const league = await society(ids.nanchang, {
      kind: 'unregistered',
      registeredOn: null,
      leagueAffiliated: true,
    });
    expect((await admit(cityOp, ids.nanchang, league, '2024-02-01')).beforeRegistration).toBe(true);
  });

  it('a group outside the register is admitted only when declared registered', async () => {
    const body = {
      unitId: ids.nanchang,
      name: '南昌市青年企业家协会',
      origin: 'recommended',
      onDate: '2024-01-10',
    };
    expect((await cityOp.post('/api/federation/members', body)).statusCode).toBe(400);
    const res = await cityOp.post('/api/federation/members', { ...body, declaredRegistered: true });
    expect(res.statusCode, res.body).toBe(200);
  });

  it('keeps step documents in the file store and records annual reviews and exits', async () => {
    const d = await admit(cityOp, ids.nanchang, await society(ids.nanchang), '2024-02-01');
    const committee = d.steps.find((s) => s.step === 'committee')!;
    const up = await cityOp.request({
      method: 'POST',
      url: `/api/federation/members/${d.id}/steps/${committee.id}/document`,
      ...multipart({}, { name: '常委会纪要.pdf', content: SAMPLE_FILES.pdf }),
    });
    expect(up.statusCode, up.body).toBe(200);
    const down = await cityOp.get(`/api/federation/members/${d.id}/steps/${committee.id}/document`);
    expect(down.statusCode).toBe(200);
    expect(down.rawPayload.equals(SAMPLE_FILES.pdf)).toBe(true);
    expect(
      (await siblingOp.get(`/api/federation/members/${d.id}/steps/${committee.id}/document`)).statusCode,
    ).toBe(404);

    const reviewed = await cityOp.post(`/api/federation/members/${d.id}/review`, {
      version: d.version,
      onDate: '2024-12-20',
      outcome: '基本合格',
      note: '活动开展偏少',
    });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    const r = reviewed.json() as Detail & { lastReview: { outcome: string } };
    expect(r.lastReview.outcome).toBe('基本合格');
    const again = await cityOp.post(`/api/federation/members/${d.id}/review`, {
      version: r.version,
      onDate: '2024-12-28',
      outcome: '合格',
    });
    expect(again.statusCode).toBe(409);
    const noNote = await cityOp.post(`/api/federation/members/${d.id}/exit`, {
      version: r.version,
      onDate: '2025-01-10',
      reason: 'other',
    });
    expect(noNote.statusCode).toBe(400);
    const exited = await cityOp.post(`/api/federation/members/${d.id}/exit`, {
      version: r.version,
      onDate: '2025-01-10',
      reason: 'ineffective',
      note: '连续两年未开展活动',
    });
    expect(exited.statusCode, exited.body).toBe(200);
    const e = exited.json() as Detail & { exitReason: string; steps: { step: string }[] };
    expect(e.status).toBe('exited');
    expect(e.exitReason).toBe('ineffective');
    expect(e.steps.map((s) => s.step)).toEqual([
      'applied',
      'qualification',
      'committee',
      'admitted',
      'annual_review',
      'exited',
    ]);
  });
});

describe('targets and counting', () => {
  it('only the province itself configures its targets; a county, a city and another province cannot', async () => {
    const body = {
      version: null,
      startDate: '2024-01-01',
      periodYears: 3,
      minMemberGroups: 3,
      minLeagueSocieties: 1,
      countyIds: [ids.donghu],
    };
    expect((await countyAdmin.put(`/api/coverage/targets/${ids.jiangxi}`, body)).statusCode).toBe(403);
    expect((await cityAdmin.put(`/api/coverage/targets/${ids.jiangxi}`, body)).statusCode).toBe(403);
    expect((await centreAdmin.put(`/api/coverage/targets/${ids.jiangxi}`, body)).statusCode).toBe(403);
    expect((await otherProvinceAdmin.put(`/api/coverage/targets/${ids.jiangxi}`, body)).statusCode).toBe(404);
    expect((await cityOp.put(`/api/coverage/targets/${ids.jiangxi}`, body)).statusCode).toBe(403);
    const foreign = await provinceAdmin.put(`/api/coverage/targets/${ids.jiangxi}`, {
      ...body,
      countyIds: [await unitIdByCode(t.db, '330102')],
    });
    expect(foreign.statusCode).toBe(400);
    expect(
      (await provinceAdmin.put(`/api/coverage/targets/${ids.jiangxi}`, { ...body, periodYears: 5 }))
        .statusCode,
    ).toBe(400);
    const res = await provinceAdmin.put(`/api/coverage/targets/${ids.jiangxi}`, body);
    expect(res.statusCode, res.body).toBe(200);
    const targets = res.json();
    expect(targets.endDate).toBe('2027-01-01');
    expect(targets.counties.find((c: { id: number }) => c.id === ids.donghu).included).toBe(true);
    const stale = await provinceAdmin.put(`/api/coverage/targets/${ids.jiangxi}`, body);
    expect(stale.statusCode).toBe(409);
    // A city reads the period it works to.
    expect((await cityOp.get('/api/coverage/targets')).json().startDate).toBe('2024-01-01');
  });

  it('counts admitted groups at a date: the League never, exits from their exit date, later admissions not yet', async () => {
    // 东湖区 (a qualifying county) starts empty; its own League row appears with its first group.
    const county = ids.donghu;
    const a = await admit(cityOp, county, await society(county), '2024-03-01');
    await admit(cityOp, county, await society(county), '2024-03-01');
    await admit(cityOp, county, await society(county, { leagueAffiliated: true, fieldId }), '2024-04-01');
    // League-affiliated without an emerging field: a member group, not the second target.
    await admit(cityOp, county, await society(county, { leagueAffiliated: true }), '2024-05-01');
    const row = async (on: string) =>
      (await supervision(provinceAdmin, `on=${on}`)).items.find((r) => r.unit.id === county)!;

    expect(await row('2024-02-29')).toMatchObject({ memberGroups: 0, leagueSocieties: 0, met: false });
    expect(await row('2024-03-01')).toMatchObject({ memberGroups: 2, leagueSocieties: 0, met: false });
    expect(await row('2024-04-01')).toMatchObject({ memberGroups: 3, leagueSocieties: 1, met: true });
    expect(await row('2024-05-01')).toMatchObject({ memberGroups: 4, leagueSocieties: 1, met: true });

    const ex = await cityOp.post(`/api/federation/members/${a.id}/exit`, {
      version: a.version,
      onDate: '2024-06-15',
      reason: 'charter',
    });
    expect(ex.statusCode, ex.body).toBe(200);
    expect(await row('2024-06-14')).toMatchObject({ memberGroups: 4 });
    expect(await row('2024-06-15')).toMatchObject({ memberGroups: 3, met: true });
    expect((await row('2024-06-15')).daysLeft).toBe(930);
  });

  it('shows every prefecture city and qualifying county, sorted and filtered; scope applies', async () => {
    const prov = await supervision(provinceAdmin, 'sort=-memberGroups');
    expect(prov.items.filter((r) => r.unit.level === 'city')).toHaveLength(11);
    expect(prov.items.filter((r) => r.unit.level === 'county').map((r) => r.unit.id)).toEqual([ids.donghu]);
    expect(prov.items[0].memberGroups).toBeGreaterThanOrEqual(prov.items[1].memberGroups);
    const unmet = await supervision(provinceAdmin, 'met=false');
    expect(unmet.items.every((r) => !r.met)).toBe(true);

    const city = await supervision(cityOp, '');
    expect(city.items.map((r) => r.unit.id).sort()).toEqual([ids.nanchang, ids.donghu].sort());
    expect((await siblingOp.get(`/api/coverage/supervision?unitId=${ids.nanchang}`)).statusCode).toBe(404);

    const centre = await supervision(centreAdmin, 'level=city');
    expect(centre.total).toBeGreaterThan(300);
    expect(centre.summary.units).toBeGreaterThan(300);
  });

  it('keeps a sibling city out of the groups, the list and the register', async () => {
    const d = await propose(cityOp, ids.nanchang, await society(ids.nanchang));
    expect((await siblingOp.get(`/api/federation/members/${d.id}`)).statusCode).toBe(404);
    expect(
      (
        await siblingOp.post(`/api/federation/members/${d.id}/steps`, {
          version: d.version,
          step: 'qualification',
          outcome: 'passed',
          onDate: '2024-02-01',
        })
      ).statusCode,
    ).toBe(404);
    expect((await siblingOp.get('/api/federation/members')).json().total).toBe(0);
    expect((await siblingOp.get(`/api/federation/members?unitId=${ids.nanchang}`)).statusCode).toBe(404);
    const theirs = await society(ids.nanchang);
    const take = await siblingOp.post('/api/federation/members', {
      unitId: ids.jiujiang,
      societyId: theirs,
      origin: 'applied',
      onDate: '2024-01-10',
    });
    expect(take.statusCode).toBe(404);
    expect((await siblingOp.get('/api/federation/society-options')).json().items).toEqual([]);
  });

  it('exports the indicator table', async () => {
    const res = await provinceAdmin.get('/api/coverage/supervision/export?on=2024-06-15');
    expect(res.statusCode, res.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const text: string[] = [];
    wb.worksheets[0].eachRow((r) => text.push(JSON.stringify(r.values)));
    expect(text.join('\n')).toContain('东湖区');
    expect(text.join('\n')).toContain('达标');
    const [a] = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from audit_log where action = 'coverage.exported'`,
    );
    expect(a.n).toBe(1);
  });
});
