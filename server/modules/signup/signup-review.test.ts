import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
import { consentRecords } from '../../db/schema';
import { createTestContext, createUser, login, type Agent, type TestContext } from '../../test/harness';
import {
  adult,
  arriveOn,
  registerYouth,
  signupDetail,
  freshId,
  freshPhone,
  openPage,
  PUBLIC_TEST_CONFIG,
  publicPost,
  publishNotice,
} from './signup-test-fixtures';

let t: TestContext;
let donghu: Agent; // 东湖区 operator: the page's unit
let xihu: Agent; // 西湖区, the sibling county
let city: Agent; // 南昌市, the parent
let hangzhou: Agent; // another province
let leader: Agent; // 东湖区 leader: reads, does not review
let reviewer: Agent; // 东湖区 reviewer: reviews, does not manage pages
let noticeId: number;
let slug: string;

type Detail = {
  id: number;
  status: string;
  version: number;
  youthId: number | null;
  duplicate: boolean;
  duplicates: {
    field: string;
    inScope: boolean;
    youthId: number | null;
    name: string | null;
    keepingUnitName: string;
  }[];
  lockedFields: string[];
  forwardedFromUnitName: string | null;
  unitName: string;
};

beforeAll(async () => {
  t = await createTestContext(PUBLIC_TEST_CONFIG);
  const user = (role: 'operator' | 'leader' | 'reviewer', unitCode: string) =>
    createUser(t, { role, unitCode, totp: role === 'reviewer' ? undefined : false }).then((u) => login(t, u));
  donghu = await user('operator', '360102');
  xihu = await user('operator', '360103');
  city = await user('operator', '360100');
  hangzhou = await user('operator', '330100');
  leader = await user('leader', '360102');
  reviewer = await user('reviewer', '360102');
  noticeId = (await publishNotice(donghu, '南昌市东湖区')).id;
  slug = (await openPage(donghu)).slug;
});
afterAll(async () => {
  await t?.close();
});

const arrive = (fields: Record<string, unknown>, channel?: string) =>
  arriveOn(t, { slug, noticeId }, fields, channel);
const detail = (agent: Agent, id: number) => signupDetail<Detail>(agent, id);
const register = registerYouth;

const status = async (code: string) =>
  (await publicPost(t, '/api/public/signups/status', { receiptCode: code }, false)).json();

describe('duplicates', () => {
  it('offers a record kept within the subtree for merging, and names only the unit that keeps one elsewhere', async () => {
    const mineId = freshId();
    const theirsId = freshId();
    const mine = await register(donghu, { name: '黄一鸣', idNumber: mineId });
    await register(hangzhou, { name: '杭州某人', idNumber: theirsId });

    const a = await arrive(adult('黄一鸣', { idNumber: mineId }));
    const b = await arrive(adult('外省某', { idNumber: theirsId }));
    const c = await arrive(adult('无重复'));

    const da = await detail(donghu, a.id);
    expect(da.duplicate).toBe(true);
    expect(da.duplicates).toEqual([
      expect.objectContaining({ field: 'idNumber', inScope: true, youthId: mine, name: '黄一鸣' }),
    ]);
    const res = await donghu.get(`/api/signups/${b.id}`);
    expect(res.json().duplicates).toEqual([
      expect.objectContaining({
        field: 'idNumber',
        inScope: false,
        youthId: null,
        name: null,
        keepingUnitName: '杭州市',
      }),
    ]);
    expect(res.body).not.toContain('杭州某人');

    const list = await donghu.post('/api/signups/search', { duplicatesOnly: true, pageSize: 200 });
    expect(list.statusCode, list.body).toBe(200);
    const ids = list.json().items.map((i: { id: number }) => i.id);
    expect(ids).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(ids).not.toContain(c.id);
    const all = (await donghu.post('/api/signups/search', { pageSize: 200 })).json().items;
    expect(all.find((i: { id: number }) => i.id === c.id).duplicate).toBe(false);
    expect(all.find((i: { id: number }) => i.id === a.id).duplicate).toBe(true);

    const byNumber = (await donghu.post('/api/signups/search', { keyword: theirsId })).json();
    expect(byNumber.items.map((i: { id: number }) => i.id)).toEqual([b.id]);
  });
});

describe('decisions', () => {
  it('accepts into the registry as 联系对象 from 线上招募, with the consent attached and verified fields locked', async () => {
    const s = await arrive(adult('许嘉', { categoryId: null, needsText: '想参加培训' }), '微信群');
    const before = await detail(donghu, s.id);
    const stale = await donghu.post(`/api/signups/${s.id}/accept`, { version: before.version + 1 });
    expect(stale.statusCode).toBe(409);

    const res = await donghu.post(`/api/signups/${s.id}/accept`, {
      version: before.version,
      verifiedFields: ['name', 'idNumber'],
    });
    expect(res.statusCode, res.body).toBe(200);
    const signup: Detail = res.json().signup;
    expect(signup).toMatchObject({ status: 'accepted', lockedFields: ['name', 'idNumber'] });
    const person = (await donghu.get(`/api/youth/${signup.youthId}`)).json();
    expect(person).toMatchObject({
      name: '许嘉',
      stage: 'contact',
      source: { label: '线上招募' },
      unit: { name: '东湖区' },
      occupation: '网络文学',
      needsText: '想参加培训',
      hasIdNumber: true,
    });
    const consents = await t.db
      .select()
      .from(consentRecords)
      .where(eq(consentRecords.youthId, signup.youthId!));
    expect(consents).toHaveLength(1);
    expect(consents[0]).toMatchObject({ subjectKind: 'signup', subjectId: s.id, channel: '微信群' });
    const audited = await queryRows<{ action: string }>(
      t.db,
      sql`select action from audit_log where (action = 'signup.accepted' and target_id = ${String(s.id)})
          or (action = 'youth.created' and target_id = ${String(signup.youthId)})`,
    );
    expect(audited.map((a) => a.action).sort()).toEqual(['signup.accepted', 'youth.created']);
    expect((await status(s.code)).status).toBe('accepted');

    const again = await donghu.post(`/api/signups/${s.id}/accept`, { version: signup.version });
    expect(again.statusCode).toBe(409);
  });

  it('merges into a record of the scope, filling only what it lacks', async () => {
    const phone = freshPhone();
    const youthId = await register(donghu, { name: '陈默', phone, dream: '原来的梦想' });
    const s = await arrive(
      adult('陈默', { phone, idNumber: null, birthDate: '1997-07-07', field: '短视频', dream: '新的梦想' }),
    );
    expect((await detail(donghu, s.id)).duplicates[0]).toMatchObject({
      field: 'phone',
      inScope: true,
      youthId,
    });

    const elsewhere = await register(hangzhou, { name: '陈默' });
    const refused = await donghu.post(`/api/signups/${s.id}/merge`, { version: 1, youthId: elsewhere });
    expect(refused.statusCode).toBe(404);

    const res = await donghu.post(`/api/signups/${s.id}/merge`, { version: 1, youthId });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().signup).toMatchObject({ status: 'merged', youthId, duplicates: [] });
    const person = (await donghu.get(`/api/youth/${youthId}`)).json();
    expect(person).toMatchObject({
      dream: '原来的梦想',
      occupation: '短视频',
      birthDate: '1997-07-07',
      source: { label: '线上招募' },
    });
    const [consent] = await t.db.select().from(consentRecords).where(eq(consentRecords.subjectId, s.id));
    expect(consent.youthId).toBe(youthId);
  });

  it('forwards to another unit: it leaves this scope and the person is told who handles it', async () => {
    const s = await arrive(adult('林立'));
    const xihuUnit = (
      await queryRows<{ id: number }>(t.db, sql`select id from units where code = '360103'`)
    )[0].id;
    const res = await donghu.post(`/api/signups/${s.id}/forward`, {
      version: 1,
      unitId: xihuUnit,
      reason: '本人居住在西湖区',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().signup).toMatchObject({
      unitName: '西湖区',
      forwardedFromUnitName: '东湖区',
      status: 'pending',
    });
    expect((await donghu.get(`/api/signups/${s.id}`)).statusCode).toBe(404);
    expect((await detail(xihu, s.id)).forwardedFromUnitName).toBe('东湖区');
    expect((await status(s.code)).message).toContain('西湖区');
  });

  it('declines with a reason the person sees', async () => {
    const s = await arrive(adult('马超'));
    const noReason = await donghu.post(`/api/signups/${s.id}/decline`, { version: 1, reason: '' });
    expect(noReason.statusCode).toBe(400);
    const res = await donghu.post(`/api/signups/${s.id}/decline`, {
      version: 1,
      reason: '不在本次招募的群体范围内',
    });
    expect(res.statusCode, res.body).toBe(200);
    const shown = await status(s.code);
    expect(shown).toMatchObject({ status: 'declined', editable: false });
    expect(shown.message).toContain('不在本次招募的群体范围内');
  });
});

describe('scope and permissions', () => {
  it("hides a county's sign-ups from its sibling and shows them to the parent", async () => {
    const s = await arrive(adult('邻县看不到'));
    expect((await xihu.get(`/api/signups/${s.id}`)).statusCode).toBe(404);
    expect((await xihu.post(`/api/signups/${s.id}/decline`, { version: 1, reason: '越权' })).statusCode).toBe(
      404,
    );
    const list = await xihu.post('/api/signups/search', { keyword: '邻县看不到' });
    expect(list.json().total).toBe(0);
    expect((await detail(city, s.id)).unitName).toBe('东湖区');
    const pages = (await xihu.get('/api/signup-pages')).json();
    expect(pages.items.every((p: { unitName: string }) => p.unitName === '西湖区')).toBe(true);
  });

  it('refuses a leader; lets a reviewer review but not publish pages', async () => {
    expect((await leader.post('/api/signups/search', {})).statusCode).toBe(403);
    expect((await leader.get('/api/signup-pages')).statusCode).toBe(403);
    expect((await reviewer.post('/api/signups/search', {})).statusCode).toBe(200);
    expect((await reviewer.post('/api/signup-pages', { title: '不该能建' })).statusCode).toBe(403);
  });

  it('counts sign-ups per page by status and channel', async () => {
    const pages = (await donghu.get('/api/signup-pages')).json().items;
    const page = pages.find((p: { slug: string }) => p.slug === slug);
    // Three with duplicates, one each accepted, merged, forwarded (still counted for the page), declined, hidden.
    expect(page.counts).toEqual({
      total: 8,
      pending: 5,
      accepted: 1,
      merged: 1,
      declined: 1,
      withdrawn: 0,
      byChannel: [
        { channel: 'web', count: 7 },
        { channel: '微信群', count: 1 },
      ],
    });
  });
});
