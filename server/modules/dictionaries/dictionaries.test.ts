import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { auditLog, dictItems } from '../../db/schema';
import { createTestContext, createUser, login, type Agent, type TestContext } from '../../test/harness';
import type { DictItem } from '../../../common/contracts/dictionaries';
import { seedDictionaries } from './dictionaries.seed';
import { NATIONAL_TERMS } from './dictionaries.terms';

let t: TestContext;
let root: Agent;
let jxAdmin: Agent;
let ncAdmin: Agent;
let dhOperator: Agent;
let zjAdmin: Agent;

beforeAll(async () => {
  t = await createTestContext();
  root = await login(t, await createUser(t, { role: 'system_admin', unitCode: '000000' }));
  jxAdmin = await login(t, await createUser(t, { role: 'unit_admin', unitCode: '360000' }));
  ncAdmin = await login(t, await createUser(t, { role: 'unit_admin', unitCode: '360100' }));
  dhOperator = await login(t, await createUser(t, { role: 'operator', unitCode: '360102', totp: false }));
  zjAdmin = await login(t, await createUser(t, { role: 'unit_admin', unitCode: '330000' }));
});

afterAll(async () => {
  await t?.close();
});

async function items(agent: Agent, type: string, includeDisabled = false): Promise<DictItem[]> {
  const res = await agent.get(`/api/dictionaries/${type}?includeDisabled=${includeDisabled}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}
const labels = (list: DictItem[]) => list.map((i) => i.label);
const find = (list: DictItem[], label: string) => list.find((i) => i.label === label);

describe('national dictionaries', () => {
  it('are seeded once, in standard order', async () => {
    const national = (type: string) =>
      t.db
        .select({ label: dictItems.label })
        .from(dictItems)
        .where(and(eq(dictItems.dictType, type), isNull(dictItems.unitId)));
    const ethnicity = await items(dhOperator, 'ethnicity');
    expect(ethnicity).toHaveLength(56);
    expect(ethnicity[0].label).toBe('汉族');
    expect(ethnicity[55].label).toBe('基诺族');
    expect(labels(await items(dhOperator, 'political_status'))).toEqual(NATIONAL_TERMS.political_status);
    expect(labels(await items(dhOperator, 'source'))).toEqual([
      '调研座谈',
      '青情走访',
      '网络沟通',
      '活动参与',
      '建立组织',
      '线上招募',
      '作品征集',
      '才艺展示',
      '举办竞赛',
      '组织推荐',
      '个人自荐',
    ]);
    const before = (await national('category')).length;
    expect(await seedDictionaries(t.db)).toEqual({ inserted: 0 });
    expect((await national('category')).length).toBe(before);
  });

  it('serves the categories as a two-level tree', async () => {
    const tree = await items(dhOperator, 'category');
    expect(labels(tree)).toEqual(['网络文化青年', '独立文艺青年', '生活新业态青年', '新社会组织从业人员']);
    const life = find(tree, '生活新业态青年')!;
    expect(labels(life.children!)).toEqual([
      '快递小哥',
      '外卖骑手',
      '网约车司机',
      '货车司机',
      '家政服务人员',
    ]);
    expect(life.children![0]).toMatchObject({ parentId: life.id, national: true, unitName: null });
    expect(labels(find(tree, '独立文艺青年')!.children!)).toContain('独立演员歌手');
  });
});

describe('unit additions', () => {
  it('are visible in the adding unit and below it, not above or beside it', async () => {
    const res = await jxAdmin.post('/api/dictionaries/source', { label: '省级来源甲' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      label: '省级来源甲',
      national: false,
      unitName: '江西省',
      version: 1,
    });
    const nc = await ncAdmin.post('/api/dictionaries/source', { label: '市级来源乙' });
    expect(nc.statusCode, nc.body).toBe(200);

    expect(labels(await items(dhOperator, 'source')).slice(-2)).toEqual(['省级来源甲', '市级来源乙']);
    expect(labels(await items(ncAdmin, 'source'))).toContain('省级来源甲');
    expect(labels(await items(jxAdmin, 'source'))).not.toContain('市级来源乙');
    const zj = labels(await items(zjAdmin, 'source'));
    expect(zj).not.toContain('省级来源甲');
    expect(zj).toHaveLength(NATIONAL_TERMS.source.length);
  });

  it('refuses a label that already exists among the siblings anyone would see together', async () => {
    const national = await ncAdmin.post('/api/dictionaries/source', { label: '调研座谈' });
    expect(national.statusCode).toBe(409);
    expect(national.json().message).toContain('全国通用项');
    const ancestor = await ncAdmin.post('/api/dictionaries/source', { label: '省级来源甲' });
    expect(ancestor.statusCode).toBe(409);
    expect(ancestor.json().message).toContain('江西省');
    const descendant = await jxAdmin.post('/api/dictionaries/source', { label: '市级来源乙' });
    expect(descendant.statusCode).toBe(409);
    expect(descendant.json().message).toContain('南昌市');
    // Another province may use the same words.
    expect((await zjAdmin.post('/api/dictionaries/source', { label: '省级来源甲' })).statusCode).toBe(200);
  });

  it('adds second-level categories under a visible parent, never a third level', async () => {
    const tree = await items(ncAdmin, 'category');
    const life = find(tree, '生活新业态青年')!;
    const res = await ncAdmin.post('/api/dictionaries/category', { label: '即时配送员', parentId: life.id });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ parentId: life.id, unitName: '南昌市' });
    const seen = find(await items(dhOperator, 'category'), '生活新业态青年')!;
    expect(labels(seen.children!).at(-1)).toBe('即时配送员');
    expect(labels(find(await items(zjAdmin, 'category'), '生活新业态青年')!.children!)).not.toContain(
      '即时配送员',
    );

    const courier = find(life.children!, '快递小哥')!;
    const third = await ncAdmin.post('/api/dictionaries/category', {
      label: '同城快递',
      parentId: courier.id,
    });
    expect(third.statusCode).toBe(400);
    expect(third.json().message).toContain('最多两级');
    const flat = await ncAdmin.post('/api/dictionaries/source', { label: '子来源', parentId: courier.id });
    expect(flat.statusCode).toBe(400);
    const dup = await ncAdmin.post('/api/dictionaries/category', { label: '快递小哥', parentId: life.id });
    expect(dup.statusCode).toBe(409);
  });

  it('lets the root system administrator add national items everyone sees', async () => {
    const res = await root.post('/api/dictionaries/need', { label: '心理疏导' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ national: true, unitName: null });
    expect(labels(await items(zjAdmin, 'need'))).toContain('心理疏导');
    expect(labels(await items(dhOperator, 'need'))).toContain('心理疏导');
  });

  it('is refused to roles without the dictionary permission', async () => {
    const res = await dhOperator.post('/api/dictionaries/source', { label: '经办新增' });
    expect(res.statusCode).toBe(403);
  });
});

describe('editing', () => {
  it('allows a unit administrator its own items only, with a version check, all audited', async () => {
    const sources = await items(ncAdmin, 'source');
    const own = find(sources, '市级来源乙')!;
    const provincial = find(sources, '省级来源甲')!;
    const national = find(sources, '调研座谈')!;

    const nat = await ncAdmin.patch(`/api/dictionary-items/${national.id}`, {
      label: '座谈',
      version: national.version,
    });
    expect(nat.statusCode).toBe(403);
    expect(nat.json().message).toContain('系统管理员');
    const up = await ncAdmin.patch(`/api/dictionary-items/${provincial.id}`, { enabled: false, version: 1 });
    expect(up.statusCode).toBe(403);
    const hidden = await zjAdmin.patch(`/api/dictionary-items/${own.id}`, { enabled: false, version: 1 });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.body).not.toContain('南昌');

    const renamed = await ncAdmin.patch(`/api/dictionary-items/${own.id}`, {
      label: '市级来源丙',
      version: own.version,
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ label: '市级来源丙', version: own.version + 1 });
    const stale = await ncAdmin.patch(`/api/dictionary-items/${own.id}`, {
      enabled: false,
      version: own.version,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('version_conflict');
    const clash = await ncAdmin.patch(`/api/dictionary-items/${own.id}`, {
      label: '网络沟通',
      version: own.version + 1,
    });
    expect(clash.statusCode).toBe(409);

    const disabled = await ncAdmin.patch(`/api/dictionary-items/${own.id}`, {
      enabled: false,
      version: own.version + 1,
    });
    expect(disabled.statusCode).toBe(200);
    expect(labels(await items(dhOperator, 'source'))).not.toContain('市级来源丙');
    expect(find(await items(dhOperator, 'source', true), '市级来源丙')).toMatchObject({ enabled: false });

    const audits = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'dictionary.updated'), eq(auditLog.targetId, String(own.id))));
    expect(audits.map((a) => a.detail)).toEqual([
      { type: 'source', national: false, changes: { label: { from: '市级来源乙', to: '市级来源丙' } } },
      { type: 'source', national: false, changes: { enabled: { from: true, to: false } } },
    ]);
    const created = await t.db.select().from(auditLog).where(eq(auditLog.action, 'dictionary.created'));
    expect(created.map((a) => a.targetLabel)).toContain('联系来源：市级来源乙');
  });

  it('lets the root system administrator edit national items', async () => {
    const need = find(await items(root, 'need'), '心理疏导')!;
    const res = await root.patch(`/api/dictionary-items/${need.id}`, { sortOrder: 0, version: need.version });
    expect(res.statusCode, res.body).toBe(200);
    expect((await items(zjAdmin, 'need'))[0].label).toBe('心理疏导');
  });
});
