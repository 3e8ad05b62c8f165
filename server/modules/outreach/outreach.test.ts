import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { queryRows } from '../../db/client';
import { youth, youthSocieties } from '../../db/schema';
import { decryptField } from '../../platform/crypto/field-crypto';
import {
  createTestContext,
  createUser,
  login,
  unitIdByCode,
  type Agent,
  type TestContext,
} from '../../test/harness';

let t: TestContext;
let dhOp: Agent; // 东湖区 operator
let ncOp: Agent; // 南昌市, the parent
let ncLeader: Agent; // may read, not write
let xhOp: Agent; // 西湖区, the sibling county
let dh: number;
let xh: number;
let nc: number;
const people: Record<string, number> = {};

type Point = {
  id: number;
  name: string;
  kind: string;
  contactPhone: string | null;
  activeBranches: number;
  members: number;
  version: number;
  unit: { id: number };
  branches: { id: number; name: string; members: number; status: string }[];
};
type Branch = {
  id: number;
  version: number;
  unit: { id: number };
  location: string;
  status: string;
  members: number;
  secretary: string | null;
  memberList: { youthId: number; name: string; role: string; joinedOn: string; leftOn: string | null }[];
};

async function addYouth(unitId: number, name: string) {
  const [row] = await t.db
    .insert(youth)
    .values({ unitId, name, namePinyin: 'qingnian', nameInitials: 'qn', stage: 'contact' })
    .returning({ id: youth.id });
  people[name] = row.id;
}

const auditCount = async (action: string) =>
  (
    await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from audit_log where action = ${action}`,
    )
  )[0].n;

async function createPoint(agent: Agent, body: object = {}) {
  const res = await agent.post('/api/contact-points', {
    name: '顺达快递东湖营业部',
    kind: '快递物流企业',
    relation: '日常联系',
    contactName: '周站长',
    contactPhone: '13812348000',
    since: '2025-06-01',
    youthEstimate: 120,
    ...body,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Point;
}

async function createBranch(agent: Agent, body: object) {
  const res = await agent.post('/api/league-branches', {
    name: '顺达快递流动团支部',
    kind: '流动团支部',
    establishedOn: '2025-07-01',
    ...body,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Branch;
}

async function xlsxText(res: LightMyRequestResponse): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const cells: string[] = [];
  wb.worksheets[0].eachRow((row) => cells.push(JSON.stringify(row.values)));
  return cells.join('\n');
}

beforeAll(async () => {
  t = await createTestContext();
  nc = await unitIdByCode(t.db, '360100');
  dh = await unitIdByCode(t.db, '360102');
  xh = await unitIdByCode(t.db, '360103');
  dhOp = await login(t, await createUser(t, { role: 'operator', unitCode: '360102', totp: false }));
  ncOp = await login(t, await createUser(t, { role: 'operator', unitCode: '360100', totp: false }));
  ncLeader = await login(t, await createUser(t, { role: 'leader', unitCode: '360100', totp: false }));
  xhOp = await login(t, await createUser(t, { role: 'operator', unitCode: '360103', totp: false }));
  for (const name of ['王快递', '李快递', '张快递']) await addYouth(dh, name);
  await addYouth(xh, '赵西湖');
  await addYouth(nc, '钱市里');
});

afterAll(async () => {
  await t?.close();
});

describe('contact points', () => {
  let point: Point;

  it('keeps the contact phone encrypted at rest and masked in every response and export', async () => {
    point = await createPoint(dhOp);
    expect(point.unit.id).toBe(dh);
    expect(point.contactPhone).toBe('138****8000');
    const [row] = await queryRows<{ enc: string }>(
      t.db,
      sql`select contact_phone_enc as enc from contact_points where id = ${point.id}`,
    );
    expect(row.enc).not.toContain('13812348000');
    expect(decryptField(t.keys, row.enc)).toBe('13812348000');

    const list = await dhOp.get('/api/contact-points');
    expect(list.body).toContain('138****8000');
    expect(list.body).not.toContain('13812348000');
    const xlsx = await dhOp.get('/api/contact-points/export');
    expect(xlsx.statusCode).toBe(200);
    const text = await xlsxText(xlsx);
    expect(text).toContain('顺达快递东湖营业部');
    expect(text).toContain('138****8000');
    expect(text).not.toContain('13812348000');
    expect(await auditCount('contact_point.created')).toBe(1);
    expect(await auditCount('contact_point.exported')).toBe(1);
  });

  it('refuses a bad phone in Chinese, and keeps the stored phone when an update leaves it out', async () => {
    const bad = await dhOp.post('/api/contact-points', {
      name: '错误电话园区',
      kind: '文创园区',
      relation: '签约',
      contactPhone: '12345',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/联系电话/);
    const res = await dhOp.patch(`/api/contact-points/${point.id}`, {
      address: '东湖区八一大道 1 号',
      version: point.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as Point).contactPhone).toBe('138****8000');
    const stale = await dhOp.patch(`/api/contact-points/${point.id}`, {
      remark: '迟到',
      version: point.version,
    });
    expect(stale.statusCode).toBe(409);
  });

  it('counts by kind over the filter (every kind, zeros included), ignoring the kind filter itself', async () => {
    await createPoint(dhOp, { name: '东湖文创园', kind: '文创园区', relation: '挂牌', contactPhone: null });
    await createPoint(dhOp, {
      name: '滕王阁文化街区',
      kind: '文化街区',
      relation: '签约',
      contactPhone: null,
    });
    await createPoint(xhOp, { name: '西湖区文创园', kind: '文创园区', relation: '挂牌', contactPhone: null });
    const res = await ncOp.get('/api/contact-points?kind=%E6%96%87%E5%88%9B%E5%9B%AD%E5%8C%BA');
    const body = res.json() as { total: number; byKind: { kind: string; count: number }[] };
    expect(body.total).toBe(2);
    const count = (k: string) => body.byKind.find((b) => b.kind === k)?.count;
    expect(count('文创园区')).toBe(2);
    expect(count('快递物流企业')).toBe(1);
    expect(count('文化街区')).toBe(1);
    expect(count('行业协会')).toBe(0);
    const own = (await dhOp.get('/api/contact-points')).json() as typeof body;
    expect(own.total).toBe(3);
    expect(own.byKind.find((b) => b.kind === '文创园区')?.count).toBe(1);
    const signed = (await ncOp.get('/api/contact-points?relation=%E7%AD%BE%E7%BA%A6')).json() as typeof body;
    expect(signed.total).toBe(1);
  });

  it('hides a contact point from the sibling county: 404 on read and write, nothing in its list or export', async () => {
    expect((await xhOp.get(`/api/contact-points/${point.id}`)).statusCode).toBe(404);
    const patch = await xhOp.patch(`/api/contact-points/${point.id}`, { remark: '越界', version: 99 });
    expect(patch.statusCode).toBe(404);
    expect((await xhOp.delete(`/api/contact-points/${point.id}`)).statusCode).toBe(404);
    const list = await xhOp.get('/api/contact-points');
    expect(list.body).not.toContain('顺达快递');
    expect((list.json() as { total: number }).total).toBe(1);
    expect(await xlsxText(await xhOp.get('/api/contact-points/export'))).not.toContain('顺达快递');
    const other = await xhOp.post('/api/contact-points', {
      name: '越界园区',
      kind: '文创园区',
      relation: '签约',
      unitId: dh,
    });
    expect(other.statusCode).toBe(404);
    expect(
      (await ncLeader.post('/api/contact-points', { name: '领导园区', kind: '其他', relation: '签约' }))
        .statusCode,
    ).toBe(403);
  });
});

describe('league branches', () => {
  let point: Point;
  let branch: Branch;

  beforeAll(async () => {
    point = await createPoint(dhOp, { name: '飞驰外卖东湖站', kind: '平台企业' });
  });

  it('sets up a 流动团支部 at a contact point, in the contact point’s unit by default', async () => {
    branch = await createBranch(ncOp, { contactPointId: point.id });
    expect(branch.unit.id).toBe(dh);
    expect(branch.location).toBe('飞驰外卖东湖站');
    const none = await ncOp.post('/api/league-branches', {
      name: '无处安放团支部',
      kind: '团支部',
      establishedOn: '2025-07-01',
    });
    expect(none.statusCode).toBe(400);
    expect(none.json().message).toMatch(/三者选其一/);
    const above = await ncOp.post('/api/league-branches', {
      name: '越级团支部',
      kind: '团支部',
      establishedOn: '2025-07-01',
      contactPointId: point.id,
      unitId: nc,
    });
    expect(above.statusCode).toBe(400);
    const sibling = await xhOp.post('/api/league-branches', {
      name: '越界团支部',
      kind: '团支部',
      establishedOn: '2025-07-01',
      contactPointId: point.id,
    });
    expect(sibling.statusCode).toBe(404);
    expect(await auditCount('league_branch.created')).toBe(1);
  });

  it('sits in a youth society of the scope, or with a named host', async () => {
    const [s] = await t.db
      .insert(youthSocieties)
      .values({
        unitId: dh,
        name: '东湖骑手联盟',
        namePinyin: 'donghuqishoulianmeng',
        nameInitials: 'dhqslm',
        kind: 'community',
      })
      .returning({ id: youthSocieties.id });
    const found = await dhOp.get('/api/league-branches/societies?q=dhqs');
    expect(found.body).toContain('东湖骑手联盟');
    expect((await xhOp.get('/api/league-branches/societies')).body).not.toContain('东湖骑手联盟');
    const inSociety = await createBranch(dhOp, { name: '骑手联盟团支部', kind: '团支部', societyId: s.id });
    expect(inSociety.location).toBe('东湖骑手联盟');
    const hosted = await createBranch(dhOp, {
      name: '网约车联合团支部',
      kind: '联合团支部',
      host: '东湖区网约车司机之家',
    });
    expect(hosted.location).toBe('东湖区网约车司机之家');
    expect(
      (
        await xhOp.post('/api/league-branches', {
          name: '越界',
          kind: '团支部',
          establishedOn: '2025-07-01',
          societyId: s.id,
        })
      ).statusCode,
    ).toBe(404);
  });

  it('adds members only from the registry in scope and kept by the branch’s unit or below', async () => {
    const outside = await dhOp.post(`/api/league-branches/${branch.id}/members`, {
      youthIds: [people['王快递'], people['赵西湖']],
      joinedOn: '2025-07-01',
    });
    expect(outside.statusCode).toBe(404);
    const above = await ncOp.post(`/api/league-branches/${branch.id}/members`, {
      youthIds: [people['钱市里']],
      joinedOn: '2025-07-01',
    });
    expect(above.statusCode).toBe(400);
    expect(above.json().message).toMatch(/所属单位及下级/);
    const early = await dhOp.post(`/api/league-branches/${branch.id}/members`, {
      youthIds: [people['王快递']],
      joinedOn: '2025-06-01',
    });
    expect(early.statusCode).toBe(400);
    const res = await dhOp.post(`/api/league-branches/${branch.id}/members`, {
      youthIds: [people['王快递'], people['李快递'], people['张快递']],
      joinedOn: '2025-07-01',
    });
    expect(res.json()).toEqual({ added: 3, skipped: 0 });
    const again = await dhOp.post(`/api/league-branches/${branch.id}/members`, {
      youthIds: [people['王快递']],
      joinedOn: '2025-08-01',
    });
    expect(again.json()).toEqual({ added: 0, skipped: 1 });
    const role = await dhOp.patch(`/api/league-branches/${branch.id}/members/${people['王快递']}`, {
      role: '书记',
    });
    expect(role.statusCode, role.body).toBe(200);
    const d = (await dhOp.get(`/api/league-branches/${branch.id}`)).json() as Branch;
    expect(d.members).toBe(3);
    expect(d.secretary).toBe('王快递');
    expect(d.memberList[0]).toMatchObject({ name: '王快递', role: '书记' });
  });

  it('keeps a member who left, with the date, and counts only current members', async () => {
    const early = await dhOp.post(`/api/league-branches/${branch.id}/members/${people['李快递']}/leave`, {
      leftOn: '2025-06-30',
    });
    expect(early.statusCode).toBe(400);
    const res = await dhOp.post(`/api/league-branches/${branch.id}/members/${people['李快递']}/leave`, {
      leftOn: '2025-12-31',
    });
    expect(res.statusCode, res.body).toBe(200);
    const d = (await dhOp.get(`/api/league-branches/${branch.id}`)).json() as Branch;
    expect(d.members).toBe(2);
    expect(d.memberList).toHaveLength(3);
    expect(d.memberList.at(-1)).toMatchObject({
      name: '李快递',
      joinedOn: '2025-07-01',
      leftOn: '2025-12-31',
    });
    const twice = await dhOp.post(`/api/league-branches/${branch.id}/members/${people['李快递']}/leave`, {
      leftOn: '2026-01-01',
    });
    expect(twice.statusCode).toBe(409);
    const p = (await dhOp.get(`/api/contact-points/${point.id}`)).json() as Point;
    expect(p.activeBranches).toBe(1);
    expect(p.members).toBe(2);
    expect(p.branches).toEqual([expect.objectContaining({ name: '顺达快递流动团支部', members: 2 })]);
    expect(await auditCount('league_branch.member_left')).toBe(1);
  });

  it('lists with totals, hides the branch from the sibling county, and exports', async () => {
    const list = (await ncOp.get('/api/league-branches')).json() as {
      total: number;
      totals: {
        branches: number;
        active: number;
        members: number;
        byKind: { kind: string; count: number }[];
      };
    };
    expect(list.totals).toMatchObject({ branches: 3, active: 3, members: 2 });
    expect(list.totals.byKind.find((k) => k.kind === '流动团支部')?.count).toBe(1);
    const xh = await xhOp.get('/api/league-branches');
    expect(xh.body).not.toContain('顺达快递');
    expect((xh.json() as { total: number }).total).toBe(0);
    expect((await xhOp.get(`/api/league-branches/${branch.id}`)).statusCode).toBe(404);
    const add = await xhOp.post(`/api/league-branches/${branch.id}/members`, {
      youthIds: [people['赵西湖']],
      joinedOn: '2025-07-01',
    });
    expect(add.statusCode).toBe(404);
    const text = await xlsxText(await ncOp.get('/api/league-branches/export'));
    expect(text).toContain('顺达快递流动团支部');
    expect(text).toContain('王快递');
  });

  it('dissolves with a date: current members leave that day, history kept, figures drop', async () => {
    const before = (await dhOp.get(`/api/league-branches/${branch.id}`)).json() as Branch;
    const res = await dhOp.post(`/api/league-branches/${branch.id}/dissolve`, {
      dissolvedOn: '2026-01-15',
      version: before.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json() as Branch;
    expect(d.status).toBe('dissolved');
    expect(d.members).toBe(0);
    expect(d.memberList.every((m) => m.leftOn !== null)).toBe(true);
    expect(d.memberList.find((m) => m.name === '王快递')?.leftOn).toBe('2026-01-15');
    expect(d.memberList.find((m) => m.name === '李快递')?.leftOn).toBe('2025-12-31');
    const more = await dhOp.post(`/api/league-branches/${branch.id}/members`, {
      youthIds: [people['王快递']],
      joinedOn: '2026-01-20',
    });
    expect(more.statusCode).toBe(409);
    expect((await dhOp.delete(`/api/contact-points/${point.id}`)).statusCode).toBe(409);
  });

  it('gives the scope summary: active contact points by kind, active branches, members', async () => {
    const s = (await ncOp.get('/api/outreach/summary')).json() as {
      contactPoints: { active: number; byKind: { kind: string; count: number }[] };
      branches: { active: number };
      members: number;
    };
    expect(s.contactPoints.active).toBe(5);
    expect(s.contactPoints.byKind.find((k) => k.kind === '文创园区')?.count).toBe(2);
    expect(s.branches.active).toBe(2);
    expect(s.members).toBe(0);
    const sib = (await xhOp.get('/api/outreach/summary')).json() as typeof s;
    expect(sib.contactPoints.active).toBe(1);
    expect(sib.branches.active).toBe(0);
  });
});
