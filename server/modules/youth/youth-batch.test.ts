import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
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
let cityAdmin: Agent; // 南昌市 unit admin (may transfer)
let donghuOp: Agent; // 东湖区, a county under 南昌市
let xihuOp: Agent; // 西湖区, its sibling
let hangzhouAdmin: Agent; // 杭州市, another province
const units: Record<string, number> = {};

type Result = { applied: number; skipped: { id: number; name: string; reason: string }[] };
type Person = { id: number; name: string; tags: string[]; stage: string; unit: { id: number; name: string } };

beforeAll(async () => {
  t = await createTestContext();
  for (const code of ['360100', '360102', '360103', '330100']) units[code] = await unitIdByCode(t.db, code);
  cityOp = await login(t, await createUser(t, { role: 'operator', unitCode: '360100', totp: false }));
  cityAdmin = await login(t, await createUser(t, { role: 'unit_admin', unitCode: '360100' }));
  donghuOp = await login(t, await createUser(t, { role: 'operator', unitCode: '360102', totp: false }));
  xihuOp = await login(t, await createUser(t, { role: 'operator', unitCode: '360103', totp: false }));
  hangzhouAdmin = await login(t, await createUser(t, { role: 'unit_admin', unitCode: '330100' }));
});

afterAll(async () => {
  await t?.close();
});

async function register(agent: Agent, name: string, extra: Record<string, unknown> = {}): Promise<Person> {
  const res = await agent.post('/api/youth', { name, ...extra });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().youth;
}

const person = async (agent: Agent, id: number): Promise<Person> =>
  (await agent.get(`/api/youth/${id}`)).json();

async function batch(agent: Agent, what: string, body: object): Promise<Result> {
  const res = await agent.post(`/api/youth-batch/${what}`, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const auditCount = async (action: string, targetIds: number[]) =>
  (
    await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from audit_log where action = ${action}
          and target_id in ${targetIds.map(String)}`,
    )
  )[0].n;

describe('batch scope', () => {
  it('a county cannot batch-tag its sibling’s people: 404 for the whole request, nothing changed', async () => {
    const theirs = await register(donghuOp, '东湖甲');
    const mine = await register(xihuOp, '西湖乙');
    const res = await xihuOp.post('/api/youth-batch/tags', {
      ids: [mine.id, theirs.id],
      action: 'add',
      tag: '越权',
    });
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('东湖');
    expect((await person(donghuOp, theirs.id)).tags).toEqual([]);
    expect((await person(xihuOp, mine.id)).tags).toEqual([]);
    expect(await auditCount('youth.updated', [mine.id, theirs.id])).toBe(0);

    const stage = await xihuOp.post('/api/youth-batch/stage-proposals', {
      ids: [theirs.id],
      toStage: 'key',
      reason: '越权申请测试',
    });
    expect(stage.statusCode).toBe(404);
    expect(await auditCount('youth.stage_proposed', [theirs.id])).toBe(0);
  });

  it('refuses more than 500 ids and an empty selection', async () => {
    const ids = Array.from({ length: 501 }, (_, i) => i + 1);
    const res = await cityOp.post('/api/youth-batch/tags', { ids, action: 'add', tag: '多' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('500');
    expect(
      (await cityOp.post('/api/youth-batch/tags', { ids: [], action: 'add', tag: '多' })).statusCode,
    ).toBe(400);
  });

  it('moves only within the scope: a unit outside it is not found', async () => {
    const p = await register(donghuOp, '东湖丙');
    const res = await donghuOp.post('/api/youth-batch/unit', { ids: [p.id], unitId: units['360103'] });
    expect(res.statusCode).toBe(404);
    const moved = await batch(cityOp, 'unit', { ids: [p.id], unitId: units['360103'] });
    expect(moved).toEqual({ applied: 1, skipped: [] });
    expect((await person(cityOp, p.id)).unit.name).toBe('西湖区');
    const again = await batch(cityOp, 'unit', { ids: [p.id], unitId: units['360103'] });
    expect(again).toEqual({ applied: 0, skipped: [{ id: p.id, name: '东湖丙', reason: '已在该单位' }] });
    const [audit] = await queryRows<{ detail: { fields: string[]; unitId: { from: number; to: number } } }>(
      t.db,
      sql`select detail from audit_log where action = 'youth.updated' and target_id = ${String(p.id)}`,
    );
    expect(audit.detail).toEqual({
      fields: ['unitId'],
      unitId: { from: units['360102'], to: units['360103'] },
    });
  });
});

describe('per-row outcomes', () => {
  it('tags: adds to those without it, reports those that have it; removes likewise', async () => {
    const a = await register(cityOp, '标签甲', { tags: ['作家'] });
    const b = await register(cityOp, '标签乙');
    const c = await register(donghuOp, '标签丙');
    const added = await batch(cityOp, 'tags', { ids: [a.id, b.id, c.id], action: 'add', tag: ' 作家 ' });
    expect(added).toEqual({ applied: 2, skipped: [{ id: a.id, name: '标签甲', reason: '已有标签“作家”' }] });
    expect((await person(cityOp, c.id)).tags).toEqual(['作家']);
    expect(await auditCount('youth.updated', [a.id, b.id, c.id])).toBe(2);

    const removed = await batch(cityOp, 'tags', { ids: [a.id, b.id], action: 'remove', tag: '作家' });
    expect(removed).toEqual({ applied: 2, skipped: [] });
    expect((await person(cityOp, a.id)).tags).toEqual([]);
    const none = await batch(cityOp, 'tags', { ids: [a.id], action: 'remove', tag: '作家' });
    expect(none.skipped[0].reason).toBe('没有标签“作家”');
  });

  it('stage: one shared reason; a pending proposal or an existing key target is reported, the rest applied', async () => {
    const fresh = await register(cityOp, '阶段甲');
    const pending = await register(cityOp, '阶段乙');
    const key = await register(cityOp, '阶段丙');
    expect(
      (
        await cityOp.post(`/api/youth/${pending.id}/stage-proposals`, {
          toStage: 'key',
          reason: '先行单独申请',
        })
      ).statusCode,
    ).toBe(200);
    await t.db.execute(sql`update youth set stage = 'key' where id = ${key.id}`);

    const result = await batch(cityOp, 'stage-proposals', {
      ids: [fresh.id, pending.id, key.id],
      toStage: 'key',
      reason: '批量：作品获市级奖项',
    });
    expect(result.applied).toBe(1);
    expect(result.skipped).toEqual([
      { id: pending.id, name: '阶段乙', reason: '该青年已有待审核的阶段调整申请' },
      { id: key.id, name: '阶段丙', reason: '该青年已是重点培养对象' },
    ]);
    const proposals = (await cityOp.get('/api/youth-stage-proposals?pageSize=200')).json().items as {
      youthId: number;
      reason: string;
    }[];
    expect(proposals.find((p) => p.youthId === fresh.id)?.reason).toBe('批量：作品获市级奖项');
    expect(await auditCount('youth.stage_proposed', [fresh.id])).toBe(1);
    expect(await auditCount('youth.stage_proposed', [key.id])).toBe(0);
  });
});

describe('pushing transfers across provinces', () => {
  it('the lookup finds any unit in the country with its parents, and nothing else', async () => {
    const res = await cityAdmin.get('/api/units/lookup?q=hangzhou');
    expect(res.statusCode, res.body).toBe(200);
    const [first] = res.json().items;
    expect(first).toEqual({ id: units['330100'], name: '杭州市', level: 'city', parentNames: ['浙江省'] });
    const xihu = (
      await cityAdmin.get(`/api/units/lookup?q=${encodeURIComponent('西湖区')}&level=county`)
    ).json().items as { name: string; parentNames: string[] }[];
    expect(xihu.map((u) => u.parentNames.join('/'))).toEqual(
      expect.arrayContaining(['江西省/南昌市', '浙江省/杭州市']),
    );
    // An operator has no transfer permission, hence no lookup.
    expect((await cityOp.get('/api/units/lookup?q=hangzhou')).statusCode).toBe(403);
  });

  it('南昌 pushes several people to 杭州 in one request; 杭州 accepts; a repeated push is reported per row', async () => {
    const a = await register(cityAdmin, '转接甲');
    const b = await register(cityAdmin, '转接乙');
    const inside = await cityAdmin.post('/api/youth-batch/transfers', {
      ids: [a.id],
      toUnitId: units['360102'],
      reason: '本地调整不应转接',
    });
    expect(inside.statusCode).toBe(400);

    const pushed = await batch(cityAdmin, 'transfers', {
      ids: [a.id, b.id],
      toUnitId: units['330100'],
      reason: '二人已迁居杭州',
    });
    expect(pushed).toEqual({ applied: 2, skipped: [] });
    // One audit event per person, as the single request writes (its target is the transfer).
    const audits = await queryRows<{ youthId: string }>(
      t.db,
      sql`select detail->>'youthId' as "youthId" from audit_log where action = 'youth.transfer_requested'`,
    );
    expect(audits.map((r) => Number(r.youthId)).sort()).toEqual([a.id, b.id].sort());
    const again = await batch(cityAdmin, 'transfers', {
      ids: [a.id],
      toUnitId: units['330100'],
      reason: '重复提交',
    });
    expect(again.skipped).toEqual([{ id: a.id, name: '转接甲', reason: '该青年已有待处理的转接申请' }]);

    const incoming = (await hangzhouAdmin.get('/api/youth-transfers?direction=incoming')).json().items as {
      id: number;
      youthId: number;
      youthName: string;
      canDecide: boolean;
    }[];
    const forA = incoming.find((i) => i.youthId === a.id)!;
    expect(forA).toMatchObject({ youthName: '转**', canDecide: true });
    const accepted = await hangzhouAdmin.post(`/api/youth-transfers/${forA.id}/accept`, { note: '已核实' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect((await person(hangzhouAdmin, a.id)).unit.name).toBe('杭州市');
    expect((await cityAdmin.get(`/api/youth/${a.id}`)).statusCode).toBe(404);
    expect((await person(cityAdmin, b.id)).unit.name).toBe('南昌市');
  });

  it('the single push takes a unit found by the lookup, and the receiver accepts', async () => {
    const p = await register(cityAdmin, '转接丙');
    const [to] = (await cityAdmin.get('/api/units/lookup?q=hangzhou')).json().items;
    const req = await cityAdmin.post('/api/youth-transfers', {
      youthId: p.id,
      toUnitId: to.id,
      reason: '迁居杭州',
    });
    expect(req.statusCode, req.body).toBe(200);
    const ok = await hangzhouAdmin.post(`/api/youth-transfers/${req.json().id}/accept`, {});
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await person(hangzhouAdmin, p.id)).unit.name).toBe('杭州市');
  });
});
