import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createUser, login, type Agent, type TestContext } from '../../test/harness';
import { publishNotice } from '../signup/signup-test-fixtures';
import { callBody, createCall, insertEntry, publishCall } from './calls-test-fixtures';

let t: TestContext;
let city: Agent;
let donghu: Agent;
let xihu: Agent;
let province: Agent;
let donghuLeader: Agent;

beforeAll(async () => {
  t = await createTestContext();
  const op = (unitCode: string) => createUser(t, { role: 'operator', unitCode, totp: false });
  city = await login(t, await op('360100'));
  donghu = await login(t, await op('360102'));
  xihu = await login(t, await op('360103'));
  province = await login(t, await op('360000'));
  donghuLeader = await login(t, await createUser(t, { role: 'leader', unitCode: '360102', totp: false }));
  await publishNotice(donghu, '南昌市东湖区');
  await publishNotice(city, '南昌市');
  await publishNotice(province, '江西省');
  await publishNotice(xihu, '南昌市西湖区');
});
afterAll(async () => {
  await t?.close();
});

describe('a unit’s calls for works', () => {
  it('shows a county’s call to the county and the city above it, never to a sibling county', async () => {
    const call = await createCall(donghu, { title: '东湖区青年书法展' });
    expect(call).toMatchObject({
      status: 'draft',
      phase: 'draft',
      unitName: '东湖区',
      path: `/m/c/${call.slug}`,
    });
    expect(call.slug).toMatch(/^[a-z2-7]{10}$/);

    const titles = async (a: Agent) =>
      ((await a.get('/api/calls?keyword=东湖区青年书法展')).json().items as { title: string }[]).map(
        (c) => c.title,
      );
    expect(await titles(city)).toEqual(['东湖区青年书法展']);
    expect(await titles(donghuLeader)).toEqual(['东湖区青年书法展']);
    expect(await titles(xihu)).toEqual([]);

    expect((await xihu.get(`/api/calls/${call.id}`)).statusCode).toBe(404);
    expect(
      (await xihu.patch(`/api/calls/${call.id}`, { title: '改', version: call.version })).statusCode,
    ).toBe(404);
    expect((await city.get(`/api/calls/${call.id}`)).json().title).toBe('东湖区青年书法展');
    // A leader reads calls but does not run them.
    expect((await donghuLeader.post('/api/calls', callBody())).statusCode).toBe(403);
  });

  it('counts entries by status in the list', async () => {
    const call = await publishCall(donghu, await createCall(donghu, { title: '计数征集' }));
    await insertEntry(t, call, { entrants: [{ name: '甲' }] });
    await insertEntry(t, call, { entrants: [{ name: '乙' }] });
    const [item] = (await donghu.get('/api/calls?keyword=计数征集')).json().items;
    expect(item.counts).toMatchObject({ total: 2, submitted: 2, eligible: 0 });
    expect(item.phase).toBe('open');
  });

  it('refuses rubric weights that do not add up to 100, reversed ages and dates', async () => {
    const bad = async (body: Record<string, unknown>) => {
      const res = await donghu.post('/api/calls', callBody(body));
      expect(res.statusCode, res.body).toBe(400);
      return res.json().message as string;
    };
    expect(
      await bad({
        rubric: [
          { key: 'a', label: '思想性', weight: 30, maxScore: 100 },
          { key: 'b', label: '艺术性', weight: 30, maxScore: 100 },
        ],
      }),
    ).toContain('评分项权重合计应为 100，现为 60');
    expect(await bad({ ageMin: 30, ageMax: 20 })).toContain('年龄上限不能小于下限');
    const now = Date.now();
    expect(
      await bad({ opensAt: new Date(now).toISOString(), closesAt: new Date(now - 1000).toISOString() }),
    ).toContain('截止时间应晚于开始时间');
    expect(
      await bad({
        categories: [
          { key: 'a', label: '书法', kinds: ['image'], maxFiles: 1, maxMb: 5 },
          { key: 'a', label: '绘画', kinds: ['image'], maxFiles: 1, maxMb: 5 },
        ],
      }),
    ).toContain('类别标识重复');
  });

  it('keeps a category that has entries; others may change; a stale version is refused', async () => {
    const call = await createCall(donghu, { title: '类别修改' });
    const published = await publishCall(donghu, call);
    await insertEntry(t, published, { categoryKey: 'photography', entrants: [{ name: '丙' }] });
    const detail = (await donghu.get(`/api/calls/${call.id}`)).json();
    expect(detail.entriesByCategory).toEqual([{ key: 'photography', count: 1 }]);

    const withoutPhotography = detail.categories.filter((c: { key: string }) => c.key !== 'photography');
    const refused = await donghu.patch(`/api/calls/${call.id}`, {
      categories: withoutPhotography,
      version: detail.version,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toBe('类别「摄影」已有作品，不能删除或更改标识');

    const withoutCalligraphy = detail.categories.filter((c: { key: string }) => c.key !== 'calligraphy');
    const ok = await donghu.patch(`/api/calls/${call.id}`, {
      categories: withoutCalligraphy,
      version: detail.version,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().categories.map((c: { key: string }) => c.key)).not.toContain('calligraphy');

    const stale = await donghu.patch(`/api/calls/${call.id}`, { title: '旧版本', version: detail.version });
    expect(stale.statusCode).toBe(409);
    // Dates are checked against what is stored when only one of them changes.
    const early = await donghu.patch(`/api/calls/${call.id}`, {
      closesAt: new Date(Date.now() - 30 * 86_400_000).toISOString(),
      version: ok.json().version,
    });
    expect(early.statusCode).toBe(400);
  });

  it('publishes only under the unit’s privacy notice, and finishes only a published call', async () => {
    const qingshanhu = await login(
      t,
      await createUser(t, { role: 'operator', unitCode: '360111', totp: false }),
    );
    const call = await createCall(qingshanhu);
    expect(call).toMatchObject({ noticeReady: false });
    const refused = await qingshanhu.post(`/api/calls/${call.id}/publish`, { version: call.version });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toBe('请先发布本单位的个人信息处理规则，再发布作品征集');
    expect(
      (await qingshanhu.post(`/api/calls/${call.id}/finish`, { version: call.version })).statusCode,
    ).toBe(409);

    await publishNotice(qingshanhu, '南昌市青山湖区');
    const published = await publishCall(qingshanhu, call);
    expect(published).toMatchObject({ status: 'published', phase: 'open' });
    const finished = await qingshanhu.post(`/api/calls/${call.id}/finish`, { version: published.version });
    expect(finished.json()).toMatchObject({ status: 'finished', phase: 'finished' });
    const edit = await qingshanhu.patch(`/api/calls/${call.id}`, {
      title: '再改',
      version: finished.json().version,
    });
    expect(edit.statusCode).toBe(409);

    const audit = await t.db.execute(
      `select action from audit_log where target_type = 'call' and target_id = '${call.id}' order by id`,
    );
    expect((audit as unknown as { rows: { action: string }[] }).rows.map((r) => r.action)).toEqual([
      'calls.created',
      'calls.published',
      'calls.finished',
    ]);
  });

  it('offers as parent calls only the published calls of the units above', async () => {
    const cityCall = await publishCall(
      city,
      await createCall(city, { title: '南昌市青年作品征集', recommendQuota: 5 }),
    );
    await createCall(city, { title: '南昌市草稿征集' });
    const provinceCall = await publishCall(
      province,
      await createCall(province, { title: '江西省青年作品征集' }),
    );
    const xihuCall = await publishCall(xihu, await createCall(xihu, { title: '西湖区征集' }));

    const options = (await donghu.get('/api/calls/parent-options')).json().items as {
      id: number;
      title: string;
    }[];
    const ids = options.map((o) => o.id);
    expect(ids).toContain(cityCall.id);
    expect(ids).toContain(provinceCall.id);
    expect(ids).not.toContain(xihuCall.id);
    expect(options.map((o) => o.title)).not.toContain('南昌市草稿征集');
    // The city's nearest first.
    expect(ids.indexOf(cityCall.id)).toBeLessThan(ids.indexOf(provinceCall.id));
    // From the city: only the province.
    const fromCity = (await city.get('/api/calls/parent-options'))
      .json()
      .items.map((o: { id: number }) => o.id);
    expect(fromCity).toContain(provinceCall.id);
    expect(fromCity).not.toContain(cityCall.id);

    // The quota is the receiving call's: the county sees how many works it may send.
    const linked = await createCall(donghu, { title: '推荐到市', parentCallId: cityCall.id });
    expect((await donghu.get(`/api/calls/${linked.id}`)).json()).toMatchObject({
      parentCallTitle: '南昌市青年作品征集',
      parentUnitName: '南昌市',
      parentRecommendQuota: 5,
    });
    const sideways = await donghu.post('/api/calls', callBody({ parentCallId: xihuCall.id }));
    expect(sideways.statusCode).toBe(400);
    // Even though the county cannot otherwise read the city's call.
    expect((await donghu.get(`/api/calls/${cityCall.id}`)).statusCode).toBe(404);
  });
});
