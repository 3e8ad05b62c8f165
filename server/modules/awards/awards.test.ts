import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, callObjections, calls, consentRecords } from '../../db/schema';
import { createTestContext, createUser, login, type Agent, type TestContext } from '../../test/harness';
import { STALE_NOTICE } from '../signup/signup-public.service';
import {
  PUBLIC_TEST_CONFIG,
  publishNotice,
  solved,
  USER_AGENT,
  type Notice,
} from '../signup/signup-test-fixtures';
import { seedCall, seedScoredEntry } from './awards-fixtures';

let t: TestContext;
let dh: Agent; // 东湖区 operator
let other: Agent; // 西湖区 operator: outside 东湖区's scope
let call: { id: number; unitId: number };
let notice: Notice; // 东湖区's current 个人信息处理规则
const e: Record<string, number> = {};
const SLUG = 'dhawards01';

beforeAll(async () => {
  t = await createTestContext(PUBLIC_TEST_CONFIG);
  dh = await login(t, await createUser(t, { role: 'operator', unitCode: '360102', totp: false }));
  other = await login(t, await createUser(t, { role: 'operator', unitCode: '360103', totp: false }));
  notice = await publishNotice(dh, '南昌市东湖区');
  call = await seedCall(t.db, {
    unitCode: '360102',
    title: '东湖区青年书画大赛',
    slug: SLUG,
    publicityDays: 5,
  });
  const add = async (
    key: string,
    score: number | null,
    extra: Partial<Parameters<typeof seedScoredEntry>[1]> = {},
  ) => {
    e[key] = (
      await seedScoredEntry(t.db, {
        callId: call.id,
        unitId: call.unitId,
        title: `作品${key}`,
        score,
        entrants: [{ name: `张${key}明`, placeCode: '360102' }],
        ...extra,
      })
    ).entryId;
  };
  await add('A', 95);
  await add('B', 90, { consent: false });
  await add('C', 90);
  await add('D', 80, {
    entrants: [
      { name: '欧阳晓华', placeCode: '360102' },
      { name: '李四', placeCode: '360102' },
    ],
  });
  await add('E', 70);
  await add('X', 99, { status: 'ineligible' });
  await add('N', null);
});
afterAll(async () => {
  await t?.close();
});

const url = (p: string) => `/api/calls/${call.id}${p}`;
const pastPublicity = () =>
  t.db
    .update(calls)
    .set({ publicityEndsAt: new Date(Date.now() - 1000) })
    .where(eq(calls.id, call.id));

async function objection(body: Record<string, unknown>, ip = '10.0.0.9') {
  return t.app.inject({
    method: 'POST',
    url: `/api/public/calls/${SLUG}/objections`,
    payload: { ...(await solved(t)), noticeId: notice.id, consent: true, ...body },
    remoteAddress: ip,
    headers: { 'user-agent': USER_AGENT },
  });
}

describe('the proposal', () => {
  it('ranks eligible scored entries, shares ranks on ties and fills levels in order of their counts', async () => {
    const res = await dh.get(url('/awards'));
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.phase).toBe('proposing');
    const rows = body.entries.map(
      (x: { entryId: number; rank: number; tied: boolean; proposedLevelKey: string }) => [
        x.entryId,
        x.rank,
        x.tied,
        x.proposedLevelKey,
      ],
    );
    expect(rows).toEqual([
      [e.A, 1, false, 'first'],
      [e.B, 2, true, 'second'],
      [e.C, 2, true, 'second'],
      [e.D, 4, false, 'third'],
      [e.E, 5, false, 'third'],
    ]);
  });

  it('is in scope only', async () => {
    expect((await other.get(url('/awards'))).statusCode).toBe(404);
  });
});

describe('saving awards', () => {
  it('refuses an entry that is not eligible or has no final score', async () => {
    for (const id of [e.X, e.N]) {
      const res = await dh.put(url('/awards'), { awards: [{ entryId: id, levelKey: 'first' }] });
      expect(res.statusCode, res.body).toBe(400);
    }
  });

  it('needs a reason to go over a level count, and records it', async () => {
    const over = [
      { entryId: e.A, levelKey: 'first' },
      { entryId: e.B, levelKey: 'first' },
    ];
    const refused = await dh.put(url('/awards'), { awards: over });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toContain('一等奖');
    const ok = await dh.put(url('/awards'), { awards: over, reason: '并列第一，评审委员会决定' });
    expect(ok.statusCode, ok.body).toBe(200);
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'award.saved'));
    expect(audit.detail).toMatchObject({ reason: '并列第一，评审委员会决定', overCount: ['一等奖'] });
  });

  it('replaces the whole list: entries left out lose their award', async () => {
    const res = await dh.put(url('/awards'), {
      awards: [
        { entryId: e.A, levelKey: 'first' },
        { entryId: e.B, levelKey: 'second' },
        { entryId: e.D, levelKey: 'third' },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const levels = Object.fromEntries(
      res
        .json()
        .entries.map((x: { entryId: number; awardLevelKey: string | null }) => [x.entryId, x.awardLevelKey]),
    );
    expect(levels).toMatchObject({
      [e.A]: 'first',
      [e.B]: 'second',
      [e.C]: null,
      [e.D]: 'third',
      [e.E]: null,
    });
  });
});

describe('公示', () => {
  it('has no public results before it starts, and refuses a final confirmation', async () => {
    expect((await t.app.inject({ method: 'GET', url: `/api/public/calls/${SLUG}/results` })).statusCode).toBe(
      404,
    );
    expect((await dh.post(url('/awards/final'))).statusCode).toBe(409);
  });

  it('starts for the call’s publicity days and shows masked names and city/county only with consent', async () => {
    const res = await dh.post(url('/awards/publicity'));
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.phase).toBe('publicity');
    expect(body.resultsPath).toBe(`/m/c/${SLUG}/results`);
    const days = (Date.parse(body.publicityEndsAt) - Date.parse(body.publicityStartsAt)) / 86_400_000;
    expect(days).toBe(5);

    const pub = await t.app.inject({ method: 'GET', url: `/api/public/calls/${SLUG}/results` });
    expect(pub.statusCode, pub.body).toBe(200);
    const items = pub.json().items;
    expect(items.map((i: { levelLabel: string }) => i.levelLabel)).toEqual(['一等奖', '二等奖', '三等奖']);
    expect(items[0]).toMatchObject({
      title: '作品A',
      names: ['张**'],
      place: '南昌市东湖区',
      categoryLabel: '绘画',
    });
    // B has no publicity consent: its number and award only.
    expect(items[1]).toMatchObject({ title: null, names: null, place: null, categoryLabel: null });
    expect(items[2].names).toEqual(['欧***', '李*']);
    expect(pub.body).not.toContain('欧阳晓华');
    expect(pub.body).not.toContain('作品B');
    expect(JSON.stringify(items)).not.toContain('90');
    // The objection form below the list is given under the unit's current notice.
    expect(pub.json().notice).toEqual({
      id: notice.id,
      version: notice.version,
      title: '个人信息处理规则',
      sections: expect.objectContaining({ controller: '共青团南昌市东湖区委员会' }),
      contentHash: notice.contentHash,
    });
  });

  it('takes objections (phone encrypted, never public) behind the proof of work and the honeypot', async () => {
    const robot = await objection({
      content: '我认为二等奖作品与往年作品雷同。',
      contactName: '王五',
      phone: '13800001111',
      website: 'x',
    });
    expect(robot.statusCode, robot.body).toBe(200);
    expect(await t.db.select().from(callObjections)).toHaveLength(0);
    expect(await t.db.select().from(consentRecords)).toHaveLength(0);

    const noPow = await t.app.inject({
      method: 'POST',
      url: `/api/public/calls/${SLUG}/objections`,
      payload: {
        content: '我认为二等奖作品与往年作品雷同。',
        contactName: '王五',
        phone: '13800001111',
        challenge: 'x',
        nonce: '1',
        noticeId: notice.id,
        consent: true,
      },
    });
    expect(noPow.statusCode).toBe(400);

    const badNo = await objection({
      entryNo: 5,
      content: '我认为二等奖作品与往年作品雷同。',
      contactName: '王五',
      phone: '13800001111',
    });
    expect(badNo.statusCode).toBe(400);

    const res = await objection({
      entryNo: 2,
      content: '我认为二等奖作品与往年作品雷同。',
      contactName: '王五',
      phone: '13800001111',
    });
    expect(res.statusCode, res.body).toBe(200);
    const [row] = await t.db.select().from(callObjections);
    expect(row.contactPhoneEnc).not.toContain('13800001111');
    expect(row.ipAnon).toBe('10.0.0.0');
    // The contact was given under the notice the visitor read: its exact version and text are on record.
    const consents = await t.db.select().from(consentRecords);
    expect(consents).toEqual([
      expect.objectContaining({
        unitId: call.unitId,
        purpose: 'registration',
        subjectKind: 'objection',
        subjectId: row.id,
        noticeId: notice.id,
        noticeVersion: notice.version,
        noticeHash: notice.contentHash,
        channel: 'web',
        pagePath: `/m/c/${SLUG}/results`,
        ipAnon: '10.0.0.0',
        userAgent: USER_AGENT,
        withdrawnAt: null,
      }),
    ]);
    const pub = await t.app.inject({ method: 'GET', url: `/api/public/calls/${SLUG}/results` });
    expect(pub.body).not.toContain('雷同');
    expect(pub.body).not.toContain('王五');
    expect(pub.body).not.toContain('13800001111');

    const list = await dh.get(url('/objections'));
    expect(list.json().items[0]).toMatchObject({
      contactPhone: '13800001111',
      entryLabel: '作品 0002',
      status: 'open',
    });
  });

  it('refuses an objection without consent, or given under a notice that has since changed', async () => {
    const body = { content: '我认为一等奖作品的评分偏高。', contactName: '孙八', phone: '13800003333' };
    const stored = async () => ({
      objections: (await t.db.select().from(callObjections)).length,
      consents: (await t.db.select().from(consentRecords)).length,
    });
    const before = await stored();

    const missing = await objection({ ...body, consent: undefined });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().details).toContainEqual({
      path: 'consent',
      message: expect.stringContaining('请阅读并同意个人信息处理规则'),
    });
    expect((await objection({ ...body, consent: false })).statusCode).toBe(400);

    const old = notice;
    notice = await publishNotice(dh, '南昌市东湖区（修订）');
    const stale = await objection({ ...body, noticeId: old.id });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toBe(STALE_NOTICE);
    expect(await stored()).toEqual(before);
    const pub = await t.app.inject({ method: 'GET', url: `/api/public/calls/${SLUG}/results` });
    expect(pub.json().notice).toMatchObject({ id: notice.id, version: old.version + 1 });
  });

  it('refuses changes to the awards during 公示 until an objection is upheld, then restarts 公示', async () => {
    const change = {
      awards: [
        { entryId: e.A, levelKey: 'first' },
        { entryId: e.C, levelKey: 'second' },
        { entryId: e.D, levelKey: 'third' },
      ],
    };
    expect((await dh.put(url('/awards'), change)).statusCode).toBe(409);
    const [o] = await t.db.select().from(callObjections);
    const answered = await dh.post(url(`/objections/${o.id}/answer`), {
      decision: 'upheld',
      response: '经核实确有雷同，调整奖项。',
    });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({ status: 'upheld', handledByName: expect.any(String) });
    expect(
      (await dh.post(url(`/objections/${o.id}/answer`), { decision: 'dismissed', response: '再答一次' }))
        .statusCode,
    ).toBe(409);

    await pastPublicity();
    const res = await dh.put(url('/awards'), change);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().phase).toBe('publicity');
    expect(Date.parse(res.json().publicityStartsAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(res.json().changeAllowed).toBe(false);
  });

  it('confirms only after the window and with every objection answered, issuing unique codes', async () => {
    expect((await dh.post(url('/awards/final'))).statusCode).toBe(409);
    await objection(
      { content: '对一等奖的评分有疑问，请复核。', contactName: '赵六', phone: '0791-86000000' },
      '10.0.0.10',
    );
    await pastPublicity();
    const open = await dh.post(url('/awards/final'));
    expect(open.statusCode).toBe(409);
    expect(open.json().message).toContain('1 条异议未答复');
    const [o] = await t.db.select().from(callObjections).where(eq(callObjections.status, 'open'));
    await dh.post(url(`/objections/${o.id}/answer`), {
      decision: 'dismissed',
      response: '经复核，评分无误。',
    });
    const late = await objection(
      { content: '公示结束以后再提的异议内容。', contactName: '钱七', phone: '13800002222' },
      '10.0.0.11',
    );
    expect(late.statusCode).toBe(409);

    const res = await dh.post(url('/awards/final'));
    expect(res.statusCode, res.body).toBe(200);
    const codes = res
      .json()
      .entries.flatMap((x: { certificateCode: string | null }) => x.certificateCode ?? []);
    expect(codes).toHaveLength(3);
    expect(new Set(codes).size).toBe(3);
    for (const c of codes)
      expect(c).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect((await dh.put(url('/awards'), { awards: [] })).statusCode).toBe(409);
    const pub = await t.app.inject({ method: 'GET', url: `/api/public/calls/${SLUG}/results` });
    expect(pub.json().state).toBe('final');
  });
});

describe('certificates', () => {
  it('gives the full names for the documents and audits every read', async () => {
    const res = await dh.get(url('/certificates'));
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ unitName: '共青团东湖区委员会', callTitle: '东湖区青年书画大赛' });
    expect(body.items.map((i: { levelLabel: string }) => i.levelLabel)).toEqual([
      '一等奖',
      '二等奖',
      '三等奖',
    ]);
    expect(body.items[2].names).toEqual(['欧阳晓华', '李四']);
    expect(body.items[0].verifyPath).toBe(`/m/v/${body.items[0].code}`);
    const one = await dh.get(url(`/certificates?entryId=${e.D}`));
    expect(one.json().items).toHaveLength(1);
    const audits = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'award.certificates_read'), eq(auditLog.targetId, String(call.id))));
    expect(audits).toHaveLength(2);
    expect(JSON.stringify(audits)).not.toContain('欧阳');
  });

  it('verifies a code publicly with masked names, forgiving case and dashes; anything else is 未查到', async () => {
    const { items } = (await dh.get(url(`/certificates?entryId=${e.D}`))).json();
    const code: string = items[0].code;
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/public/certificates/${code.replace(/-/g, '').toLowerCase()}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      code,
      callTitle: '东湖区青年书画大赛',
      unitName: '共青团东湖区委员会',
      levelLabel: '三等奖',
      workTitle: '作品D',
      names: ['欧***', '李*'],
    });
    const unknown = await t.app.inject({ method: 'GET', url: '/api/public/certificates/0000-0000-0000' });
    const junk = await t.app.inject({ method: 'GET', url: '/api/public/certificates/abc' });
    expect(unknown.statusCode).toBe(404);
    expect(junk.statusCode).toBe(404);
    expect(unknown.json().message).toBe(junk.json().message);
    expect(unknown.json().message).toContain('未查到');
  });

  it('limits verification lookups per address', async () => {
    const strict = await createTestContext({ ...PUBLIC_TEST_CONFIG, publicReadLimitPerMinute: 3 });
    try {
      const codes = [];
      for (let i = 0; i < 4; i++) {
        codes.push(
          (
            await strict.app.inject({
              method: 'GET',
              url: '/api/public/certificates/0000-0000-0000',
              remoteAddress: '10.9.9.9',
            })
          ).statusCode,
        );
      }
      expect(codes).toEqual([404, 404, 404, 429]);
    } finally {
      await strict.close();
    }
  });
});
