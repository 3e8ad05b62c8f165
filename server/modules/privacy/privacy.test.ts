import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
import { privacyNotices, youth } from '../../db/schema';
import { NOTICE_SECTIONS, type PrivacyNotice } from '../../../common/contracts/privacy';
import {
  createTestContext,
  createUser,
  login,
  unitIdByCode,
  type Agent,
  type TestContext,
} from '../../test/harness';
import { noticeContentHash, TEMPLATE_PLACEHOLDER } from './privacy-template';
import {
  attachConsentsToYouth,
  currentNotice,
  listConsents,
  recordConsent,
  withdrawConsents,
  type NoticeRow,
} from './privacy.service';

let t: TestContext;
let nanchang: Agent;
let jiujiang: Agent;
let leader: Agent;
beforeAll(async () => {
  t = await createTestContext();
  nanchang = await login(t, await createUser(t, { role: 'unit_admin', unitCode: '360100' }));
  jiujiang = await login(t, await createUser(t, { role: 'operator', unitCode: '360400' }));
  leader = await login(t, await createUser(t, { role: 'leader', unitCode: '360100' }));
});
afterAll(async () => {
  await t?.close();
});

const sections = (contact: string) => ({
  controller: '共青团南昌市委员会',
  purpose: '联系和服务新兴青年。',
  categories: '姓名、手机号码。',
  retention: '三年。',
  rights: '查阅、更正、删除、撤回同意。',
  contact,
});

describe('个人信息处理规则', () => {
  it('starts from the national template naming the unit as 处理者', async () => {
    const res = await nanchang.get('/api/privacy-notices');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.versions).toEqual([]);
    expect(body.template.controller).toContain('共青团南昌市委员会');
    expect(Object.keys(body.template)).toEqual(Object.keys(NOTICE_SECTIONS));
    for (const text of Object.values(body.template)) expect(text).toMatch(/[\u4e00-\u9fff]/);

    const unfilled = await nanchang.post('/api/privacy-notices', {
      title: '个人信息处理规则',
      sections: body.template,
    });
    expect(unfilled.statusCode).toBe(400);
    expect(unfilled.json().message).toContain(TEMPLATE_PLACEHOLDER);
  });

  it('publishes version n+1 with the hash of its canonical text, leaving earlier versions as they were', async () => {
    const first = await nanchang.post('/api/privacy-notices', {
      title: '  个人信息处理规则 ',
      sections: sections('0791-12345678'),
    });
    expect(first.statusCode).toBe(200);
    const v1 = first.json() as PrivacyNotice;
    expect(v1).toMatchObject({ version: 1, title: '个人信息处理规则', unitName: '南昌市' });
    expect(v1.createdByName).toBeTruthy();
    expect(v1.contentHash).toBe(noticeContentHash('个人信息处理规则', sections('0791-12345678')));
    const canonical = JSON.stringify({ title: '个人信息处理规则', sections: sections('0791-12345678') });
    expect(v1.contentHash).toBe(crypto.createHash('sha256').update(canonical).digest('hex'));
    // The same words in another key order hash the same.
    const reordered = Object.fromEntries(Object.entries(sections('0791-12345678')).reverse());
    expect(noticeContentHash('个人信息处理规则', reordered as ReturnType<typeof sections>)).toBe(
      v1.contentHash,
    );

    const second = await nanchang.post('/api/privacy-notices', {
      title: '个人信息处理规则',
      sections: sections('0791-87654321'),
    });
    const v2 = second.json() as PrivacyNotice;
    expect(v2.version).toBe(2);
    expect(v2.contentHash).not.toBe(v1.contentHash);

    const list = (await nanchang.get('/api/privacy-notices')).json();
    expect(list.versions.map((v: PrivacyNotice) => v.version)).toEqual([2, 1]);
    expect(list.versions[1]).toEqual(v1);
    // No route edits or deletes a version.
    for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
      const res = await nanchang.request({ method, url: `/api/privacy-notices/${v1.id}`, payload: {} });
      expect(res.statusCode, method).toBe(404);
    }
    const [stored] = await t.db.select().from(privacyNotices).where(eq(privacyNotices.id, v1.id));
    expect(stored.contentHash).toBe(noticeContentHash(stored.title, stored.sections));

    const [audit] = await queryRows<{ action: string; target_id: string; detail: { version: number } }>(
      t.db,
      sql`select action, target_id, detail from audit_log where action = 'privacy.notice_published' order by id desc limit 1`,
    );
    expect(audit).toMatchObject({ target_id: String(v2.id), detail: { version: 2 } });

    const current = await currentNotice(t.db, await unitIdByCode(t.db, '360100'));
    expect(current?.id).toBe(v2.id);
  });

  it('shows a unit only its own notices, and refuses a leader', async () => {
    const other = (await jiujiang.get('/api/privacy-notices')).json();
    expect(other.versions).toEqual([]);
    expect(other.template.controller).toContain('九江');
    const own = await jiujiang.post('/api/privacy-notices', {
      title: '九江规则',
      sections: { ...sections('0792-1'), controller: '共青团九江市委员会' },
    });
    expect(own.json()).toMatchObject({ version: 1, unitName: '九江市' });
    expect((await nanchang.get('/api/privacy-notices')).json().versions).toHaveLength(2);

    expect((await leader.get('/api/privacy-notices')).statusCode).toBe(403);
    const refused = await leader.post('/api/privacy-notices', { title: '规则', sections: sections('1') });
    expect(refused.statusCode).toBe(403);
  });

  it('names the invalid section in Chinese', async () => {
    const res = await nanchang.post('/api/privacy-notices', { title: '规则', sections: sections('') });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('联系方式');
  });
});

describe('consent records', () => {
  let notice: NoticeRow;
  let unitId: number;
  beforeAll(async () => {
    unitId = await unitIdByCode(t.db, '360100');
    notice = (await currentNotice(t.db, unitId))!;
  });

  const consent = (subjectId: number, extra: object = {}) =>
    t.db.transaction((tx) =>
      recordConsent(tx, {
        unitId,
        purpose: 'registration',
        subjectKind: 'signup',
        subjectId,
        notice,
        channel: '海报',
        pagePath: '/m/s/abcdef',
        ipAnon: '203.0.113.0',
        userAgent: 'Mozilla/5.0',
        ...extra,
      }),
    );

  it('records the notice version and hash, follows the subject into the registry, and is withdrawn not deleted', async () => {
    const id = await consent(9001, { guardianName: '王芳', guardianRelation: '母亲' });
    await consent(9002);
    const [record] = await listConsents(t.db, { subjectKind: 'signup', subjectId: 9001 });
    expect(record).toMatchObject({
      id,
      purpose: 'registration',
      noticeId: notice.id,
      noticeVersion: notice.version,
      noticeHash: notice.contentHash,
      channel: '海报',
      pagePath: '/m/s/abcdef',
      ipAnon: '203.0.113.0',
      guardianName: '王芳',
      guardianRelation: '母亲',
      withdrawnAt: null,
      withdrawnChannel: null,
    });
    expect(Date.parse(record.givenAt)).toBeGreaterThan(Date.now() - 60_000);

    const [person] = await t.db
      .insert(youth)
      .values({ unitId, name: '同意测试', namePinyin: 'tongyiceshi', nameInitials: 'tycs', stage: 'contact' })
      .returning({ id: youth.id });
    await t.db.transaction((tx) => attachConsentsToYouth(tx, 'signup', 9001, person.id));
    expect((await listConsents(t.db, { youthId: person.id })).map((c) => c.id)).toEqual([id]);

    const at = await t.db.transaction((tx) => withdrawConsents(tx, 'signup', 9001, 'receipt'));
    const [withdrawn] = await listConsents(t.db, { youthId: person.id });
    expect(withdrawn.withdrawnAt).toBe(at.toISOString());
    expect(withdrawn.withdrawnChannel).toBe('receipt');
    // Withdrawing again keeps the first withdrawal.
    const again = await t.db.transaction((tx) => withdrawConsents(tx, 'signup', 9001, 'cadre'));
    expect(again.toISOString()).toBe(at.toISOString());
    expect((await listConsents(t.db, { subjectKind: 'signup', subjectId: 9001 }))[0].withdrawnChannel).toBe(
      'receipt',
    );
    // Another subject's consent is untouched.
    expect((await listConsents(t.db, { subjectKind: 'signup', subjectId: 9002 }))[0].withdrawnAt).toBeNull();
  });
});

describe('places for the public forms', () => {
  it('lists provinces at the top, then children, names and levels only', async () => {
    const top = await t.app.inject({ url: '/api/public/places', remoteAddress: '198.51.100.50' });
    expect(top.statusCode).toBe(200);
    const items = top.json().items as { id: number; name: string; level: string; hasChildren: boolean }[];
    expect(items.length).toBeGreaterThanOrEqual(31);
    expect(new Set(items.map((i) => i.level))).toEqual(new Set(['province']));
    const jiangxi = items.find((i) => i.name === '江西省')!;
    expect(jiangxi).toEqual({ id: jiangxi.id, name: '江西省', level: 'province', hasChildren: true });

    const cities = (
      await t.app.inject({ url: `/api/public/places?parent=${jiangxi.id}`, remoteAddress: '198.51.100.50' })
    ).json().items as typeof items;
    const city = cities.find((c) => c.name === '南昌市')!;
    expect(city).toMatchObject({ level: 'city', hasChildren: true });
    const counties = (
      await t.app.inject({ url: `/api/public/places?parent=${city.id}`, remoteAddress: '198.51.100.50' })
    ).json().items as typeof items;
    expect(counties.length).toBeGreaterThan(3);
    expect(counties.every((c) => c.level === 'county' && !c.hasChildren)).toBe(true);
    for (const c of counties) expect(Object.keys(c).sort()).toEqual(['hasChildren', 'id', 'level', 'name']);

    const bad = await t.app.inject({ url: '/api/public/places?parent=abc', remoteAddress: '198.51.100.50' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('上级地区');
  });
});
