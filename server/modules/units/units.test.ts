import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
import { seedUnitTree } from '../../platform/units/seed-units';
import {
  createTestContext,
  createUser,
  login,
  unitIdByCode,
  type Agent,
  type TestContext,
} from '../../test/harness';

type Node = {
  id: number;
  name: string;
  code: string;
  keyContactCity: boolean;
  childCount: number;
  descendantCount: number;
};
type SearchItem = Node & { level: string; pathNames: string[] };
type Page = { items: SearchItem[]; total: number };

let t: TestContext;
let central: Agent;
let cityAdmin: Agent;
let cityOperator: Agent;
let countyOperator: Agent;
const ids: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestContext();
  for (const code of ['000000', '360000', '360100', '360102', '360121', '360400']) {
    ids[code] = await unitIdByCode(t.db, code);
  }
  central = await login(t, await createUser(t, { role: 'unit_admin', unitCode: '000000' }));
  cityAdmin = await login(t, await createUser(t, { role: 'unit_admin', unitCode: '360100' }));
  cityOperator = await login(t, await createUser(t, { role: 'operator', unitCode: '360100', totp: false }));
  countyOperator = await login(t, await createUser(t, { role: 'operator', unitCode: '360102', totp: false }));
});

afterAll(async () => {
  await t?.close();
});

const search = async (agent: Agent, query: string) => {
  const res = await agent.get(`/api/units?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Page;
};

describe('unit tree seed', () => {
  it('is in the database once, with paths and pinyin', async () => {
    expect(await seedUnitTree(t.db)).toEqual({ inserted: 0 });
    const [row] = await queryRows<{
      path: string;
      name_pinyin: string;
      name_initials: string;
      org_name: string;
    }>(t.db, sql`select path, name_pinyin, name_initials, org_name from units where code = '360102'`);
    expect(row).toEqual({
      path: `/${ids['000000']}/${ids['360000']}/${ids['360100']}/${ids['360102']}/`,
      name_pinyin: 'donghuqu',
      name_initials: 'dhq',
      org_name: '共青团东湖区委员会',
    });
  });
});

describe('data scope of a city user (南昌市)', () => {
  it('starts the tree at their own unit', async () => {
    const res = await cityOperator.get('/api/units/children');
    expect(res.statusCode, res.body).toBe(200);
    const items = (res.json() as { items: Node[] }).items;
    expect(items.map((i) => i.name)).toEqual(['南昌市']);
    expect(items[0].keyContactCity).toBe(true);
    expect(items[0].childCount).toBeGreaterThan(5);
    expect(items[0].descendantCount).toBe(items[0].childCount);
  });

  it('lists their counties but not the province above nor a sibling city', async () => {
    const own = await cityOperator.get(`/api/units/children?parentId=${ids['360100']}`);
    expect(own.statusCode).toBe(200);
    const names = (own.json() as { items: Node[] }).items.map((i) => i.name);
    expect(names).toContain('东湖区');
    expect(names).toContain('南昌县');
    for (const code of ['360000', '360400']) {
      const res = await cityOperator.get(`/api/units/children?parentId=${ids[code]}`);
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('九江');
    }
  });

  it('opens their own unit and refuses 江西省 and 九江市 as not found', async () => {
    const own = await cityOperator.get(`/api/units/${ids['360100']}`);
    expect(own.statusCode, own.body).toBe(200);
    const detail = own.json();
    expect(detail.ancestors).toEqual([]);
    expect(detail.countsBelow).toEqual({ province: 0, city: 0, county: detail.childCount });
    expect(detail.keyContactCitiesBelow).toBe(0);
    expect(detail.accounts).toBe(2);
    expect(detail.departments.map((d: { name: string }) => d.name)).toContain('社会联络部');
    for (const code of ['360000', '360400']) {
      const res = await cityOperator.get(`/api/units/${ids[code]}`);
      expect(res.statusCode).toBe(404);
      expect(res.json().message).toBe('单位不存在或不在您的管辖范围内');
    }
  });

  it('finds 南昌 by characters, full pinyin and initials, within the scope only', async () => {
    for (const q of ['南昌', 'nanchang', 'nc', 'NC']) {
      const page = await search(cityOperator, `q=${encodeURIComponent(q)}`);
      expect(page.items.map((i) => i.name).slice(0, 2), q).toEqual(['南昌市', '南昌县']);
      expect(page.items.find((i) => i.name === '南昌县')?.pathNames).toEqual(['南昌市']);
    }
    expect((await search(cityOperator, 'q=jiujiang')).total).toBe(0);
    expect((await search(cityOperator, `q=${encodeURIComponent('九江')}`)).total).toBe(0);
    expect((await search(cityOperator, `q=${encodeURIComponent('江西')}`)).total).toBe(0);
    const all = await search(cityOperator, 'pageSize=200');
    expect(all.items.every((i) => i.code.startsWith('3601'))).toBe(true);
    expect(all.items[0].name).toBe('南昌市');
    expect(all.total).toBe(all.items.length);
    const outside = await cityOperator.get(`/api/units?withinId=${ids['360400']}`);
    expect(outside.statusCode).toBe(404);
  });

  it('a county user sees only the county', async () => {
    const res = await countyOperator.get(`/api/units/${ids['360100']}`);
    expect(res.statusCode).toBe(404);
    const page = await search(countyOperator, 'q=nc');
    expect(page.total).toBe(0);
    const root = await countyOperator.get('/api/units/children');
    expect((root.json() as { items: Node[] }).items.map((i) => i.name)).toEqual(['东湖区']);
  });
});

describe('search from the central unit', () => {
  it('gives the 71 key contact cities', async () => {
    const page = await search(central, 'keyContactCity=true&pageSize=200');
    expect(page.total).toBe(71);
    expect(page.items).toHaveLength(71);
    const names = page.items.map((i) => i.name);
    for (const name of ['北京市', '吉林市', '红河哈尼族彝族自治州', '第十三师', '南昌市'])
      expect(names).toContain(name);
    expect(names).not.toContain('吉林省');
    expect((await search(central, 'keyContactCity=true&level=city')).total).toBe(67);
  });

  it('names the path from below 中央 and ranks prefix matches and higher levels first', async () => {
    const page = await search(central, `q=${encodeURIComponent('东湖')}`);
    const donghu = page.items.find((i) => i.code === '360102');
    expect(donghu?.pathNames).toEqual(['江西省', '南昌市']);
    const nanchang = await search(central, 'q=nanchang');
    expect(nanchang.items[0]).toMatchObject({ name: '南昌市', pathNames: ['江西省'] });
    const within = await search(central, `q=dhq&withinId=${ids['360000']}`);
    expect(within.items.map((i) => i.code)).toEqual(['360102']);
  });

  it('sorts by code by default, by name or level on request, and refuses an unknown sort', async () => {
    const byCode = await search(central, 'level=province&pageSize=5');
    expect(byCode.items.map((i) => i.name)).toEqual(['北京市', '天津市', '河北省', '山西省', '内蒙古自治区']);
    expect(byCode.total).toBe(32);
    const byName = await search(central, 'level=province&sort=name&pageSize=2');
    expect(byName.items.map((i) => i.name)).toEqual(['安徽省', '北京市']);
    const res = await central.get('/api/units?sort=password');
    expect(res.statusCode).toBe(400);
  });

  it('counts what lies below in the detail', async () => {
    const res = await central.get(`/api/units/${ids['360000']}`);
    const detail = res.json();
    expect(detail.ancestors).toMatchObject([{ name: '中央', level: 'central' }]);
    expect(detail.countsBelow.province).toBe(0);
    expect(detail.countsBelow.city).toBe(11);
    expect(detail.keyContactCitiesBelow).toBe(2);
    const root = await central.get(`/api/units/${ids['000000']}`);
    expect(root.json().keyContactCitiesBelow).toBe(71);
    expect(root.json().countsBelow).toEqual({ province: 32, city: 347, county: 2846 });
  });
});

describe('maintaining units and departments', () => {
  it('renames the unit with a version check', async () => {
    const before = (await cityAdmin.get(`/api/units/${ids['360100']}`)).json();
    const body = { orgName: '共青团南昌市委员会（测试）', version: before.version };
    const ok = await cityAdmin.patch(`/api/units/${ids['360100']}`, body);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ orgName: body.orgName, version: before.version + 1 });
    const stale = await cityAdmin.patch(`/api/units/${ids['360100']}`, {
      ...body,
      orgName: '共青团南昌市委员会',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('version_conflict');
    const parent = await cityAdmin.patch(`/api/units/${ids['360000']}`, { orgName: '改名', version: 1 });
    expect(parent.statusCode).toBe(404);
  });

  it('creates, renames and deletes a department; a stale save is refused', async () => {
    const url = `/api/units/${ids['360100']}/departments`;
    const created = await cityAdmin.post(url, { name: '新兴青年工作部' });
    expect(created.statusCode, created.body).toBe(200);
    const dep = created.json();
    expect(dep).toMatchObject({ unitId: ids['360100'], name: '新兴青年工作部', version: 1, sortOrder: 9 });
    const duplicate = await cityAdmin.post(url, { name: '新兴青年工作部' });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().message).toContain('已有名为“新兴青年工作部”的部门');

    const first = await cityAdmin.patch(`/api/departments/${dep.id}`, { name: '新兴领域青年部', version: 1 });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().version).toBe(2);
    const second = await cityAdmin.patch(`/api/departments/${dep.id}`, { name: '另一个名称', version: 1 });
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('version_conflict');
    const clash = await cityAdmin.patch(`/api/departments/${dep.id}`, { name: '宣传部', version: 2 });
    expect(clash.statusCode).toBe(409);

    const deleted = await cityAdmin.delete(`/api/departments/${dep.id}`);
    expect(deleted.statusCode, deleted.body).toBe(200);
    expect((await cityAdmin.delete(`/api/departments/${dep.id}`)).statusCode).toBe(404);
    const detail = (await cityAdmin.get(`/api/units/${ids['360100']}`)).json();
    expect(detail.departments.map((d: { name: string }) => d.name)).not.toContain('新兴领域青年部');

    const audit = await queryRows<{ action: string }>(
      t.db,
      sql`select action from audit_log where target_type = 'department' and target_id = ${String(dep.id)} order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual([
      'department.created',
      'department.updated',
      'department.deleted',
    ]);
  });

  it('does not reach departments of other units', async () => {
    const res = await cityAdmin.post(`/api/units/${ids['360400']}/departments`, { name: '九江测试部' });
    expect(res.statusCode).toBe(404);
    const [provinceDep] = await queryRows<{ id: number }>(
      t.db,
      sql`select id from departments where unit_id = ${ids['360000']} limit 1`,
    );
    expect((await cityAdmin.delete(`/api/departments/${provinceDep.id}`)).statusCode).toBe(404);
  });

  it('refuses an operator (no units.manage) with 403', async () => {
    const own = `/api/units/${ids['360102']}`;
    expect((await countyOperator.post(`${own}/departments`, { name: '测试部门' })).statusCode).toBe(403);
    expect((await countyOperator.patch(own, { orgName: '共青团东湖区委员会', version: 1 })).statusCode).toBe(
      403,
    );
    expect(
      (await cityOperator.post(`/api/units/${ids['360100']}/departments`, { name: '测试部门' })).statusCode,
    ).toBe(403);
  });
});
