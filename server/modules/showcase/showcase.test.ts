import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, callEntries, stories, works, youthEvents } from '../../db/schema';
import { blindIndex } from '../../platform/crypto/field-crypto';
import { createUser, login, type Agent, type TestContext } from '../../test/harness';
import {
  donghuOpenPage,
  freshId,
  freshPhone,
  openPage,
  publicPost,
  type Notice,
} from '../signup/signup-test-fixtures';
import { insertOpenCall, jpegWithExif, mp4Head, submitWork, uploadToken } from '../works/works-test-fixtures';

/**
 * 单位主页: the cadre's 展示到单位主页 switch and what the public then sees at /m/u/<code> — works with
 * masked names only, files served only while the work is showcased and may be shown.
 */

let t: TestContext;
let op: Agent;
let notice: Notice;
let call: { id: number; slug: string; unitId: number };
const UNIT = '360102';
const VIDEO = Buffer.concat([mp4Head(), Buffer.from(Array.from({ length: 4000 }, (_, i) => i % 251))]);

type Entered = { code: string; workId: number; entryId: number; idNumber: string; phone: string };

async function entered(
  title: string,
  o: { name?: string; consent?: boolean; video?: boolean; eligible?: boolean } = {},
): Promise<Entered> {
  const idNumber = freshId();
  const phone = freshPhone();
  const token = o.video
    ? await uploadToken(t, call.slug, 'film', { name: '短片.mp4', content: VIDEO })
    : await uploadToken(t, call.slug, 'photo', { name: '李小梅的照片.jpg', content: jpegWithExif().bytes });
  const res = await submitWork(
    t,
    call.slug,
    {
      title,
      description: '拍摄于赣江边',
      categoryKey: o.video ? 'film' : 'photo',
      entrants: [{ name: o.name ?? '李小梅', idNumber, phone }],
      files: [token],
    },
    { noticeId: notice.id, publicityConsent: o.consent ?? true },
  );
  expect(res.statusCode, res.body).toBe(200);
  const code: string = res.json().receiptCode;
  const [work] = await t.db
    .select({ id: works.id })
    .from(works)
    .where(eq(works.receiptIdx, blindIndex(t.keys, 'receipt', code)));
  const [entry] = await t.db
    .select({ id: callEntries.id })
    .from(callEntries)
    .where(eq(callEntries.workId, work.id));
  if (o.eligible ?? true) {
    await t.db.update(callEntries).set({ status: 'eligible' }).where(eq(callEntries.id, entry.id));
  }
  return { code, workId: work.id, entryId: entry.id, idNumber, phone };
}

const show = (agent: Agent, entryId: number, body: object) =>
  agent.put(`/api/calls/entries/${entryId}/showcase`, body);
const pub = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, remoteAddress: '10.9.8.7', headers });
const page = async () => {
  const res = await pub(`/api/public/units/${UNIT}`);
  expect(res.statusCode, res.body).toBe(200);
  return res;
};

beforeAll(async () => {
  ({ t, op, notice } = await donghuOpenPage());
  call = await insertOpenCall(t, { title: '青春筑梦 · 东湖区摄影征集' });
});
afterAll(async () => {
  await t?.close();
});

describe('展示到单位主页 (cadre)', () => {
  it('refuses a work without publicity consent, or not found eligible, with the reason in Chinese', async () => {
    const noConsent = await entered('无授权的作品', { consent: false });
    const res = await show(op, noConsent.entryId, { showcased: true });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().message).toBe('作者没有同意公开展示作品，不能展示');
    const state = await op.get(`/api/calls/entries/${noConsent.entryId}/showcase`);
    expect(state.json()).toMatchObject({ showcased: false, refusal: '作者没有同意公开展示作品，不能展示' });

    const unreviewed = await entered('未审查的作品', { eligible: false });
    const res2 = await show(op, unreviewed.entryId, { showcased: true });
    expect(res2.statusCode).toBe(409);
    expect(res2.json().message).toContain('审查合格或获奖');
    const [row] = await t.db
      .select({ showcased: callEntries.showcased })
      .from(callEntries)
      .where(eq(callEntries.id, unreviewed.entryId));
    expect(row.showcased).toBe(false);
  });

  it('shows an eligible work with its 推荐语, audited; another unit cannot see or change it', async () => {
    const w = await entered('家乡的桥');
    const versionOf = async () =>
      (
        await t.db.select({ v: callEntries.version }).from(callEntries).where(eq(callEntries.id, w.entryId))
      )[0].v;
    const before = await versionOf();
    const tooLong = await show(op, w.entryId, { showcased: true, note: '好'.repeat(121) });
    expect(tooLong.statusCode).toBe(400);
    const res = await show(op, w.entryId, { showcased: true, note: '光影里的赣江，温柔而有力量。' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      showcased: true,
      note: '光影里的赣江，温柔而有力量。',
      refusal: null,
      publicPath: `/m/u/${UNIT}/w/${w.entryId}`,
    });
    const audits = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'calls.entry_showcased'), eq(auditLog.targetId, String(w.entryId))));
    expect(audits).toHaveLength(1);
    // The review's version is untouched: a drawer open on the entry can still review it.
    expect(await versionOf()).toBe(before);

    const stranger = await login(
      t,
      await createUser(t, { role: 'operator', unitCode: '360103', totp: false }),
    );
    expect((await stranger.get(`/api/calls/entries/${w.entryId}/showcase`)).statusCode).toBe(404);
    expect((await show(stranger, w.entryId, { showcased: false })).statusCode).toBe(404);
  });
});

describe('the public unit page /m/u/<code>', () => {
  let shown: Entered;
  let video: Entered;

  beforeAll(async () => {
    shown = await entered('老街的黄昏', { name: '王大力' });
    expect((await show(op, shown.entryId, { showcased: true, note: '推荐' })).statusCode).toBe(200);
    video = await entered('赣江微电影', { name: '赵小川', video: true });
    expect((await show(op, video.entryId, { showcased: true })).statusCode).toBe(200);
    await insertOpenCall(t, { title: '草稿中的征集', status: 'draft' });
    const closed = await openPage(op, '已结束的招募');
    const res = await op.patch(`/api/signup-pages/${closed.id}`, {
      status: 'closed',
      version: closed.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    await t.db.insert(youthEvents).values([
      {
        unitId: call.unitId,
        kind: '巡展',
        title: '青年摄影巡展',
        date: '2026-05-04',
        place: '八一广场',
        published: true,
      },
      { unitId: call.unitId, kind: '巡展', title: '未公开的巡展', date: '2026-05-05', published: false },
    ]);
  });

  it('lists the open call and sign-up page, published events and the showcased works with masked names', async () => {
    const res = await page();
    const body = res.json();
    expect(body.unitName).toBe('东湖区');
    expect(body.calls.map((c: { title: string }) => c.title)).toContain('青春筑梦 · 东湖区摄影征集');
    expect(res.body).not.toContain('草稿中的征集');
    expect(body.signupPages.map((p: { title: string }) => p.title)).toContain('新兴青年线上招募');
    expect(res.body).not.toContain('已结束的招募');
    expect(body.events).toEqual([
      {
        id: expect.any(Number),
        kindLabel: '巡展',
        title: '青年摄影巡展',
        date: '2026-05-04',
        place: '八一广场',
      },
    ]);
    const work = body.works.items.find((i: { entryId: number }) => i.entryId === shown.entryId);
    expect(work).toMatchObject({
      title: '老街的黄昏',
      categoryLabel: '摄影',
      names: ['王**'],
      note: '推荐',
      awardLabel: null,
      thumbnailPath: expect.stringMatching(`^/api/public/units/${UNIT}/works/${shown.entryId}/files/\\d+$`),
    });
    expect(res.body).not.toContain('王大力');
    expect(res.body).not.toContain(shown.idNumber);
    expect(res.body).not.toContain(shown.phone);
    expect(res.body).not.toContain('无授权的作品');
  });

  it('serves the work page and its image, never the uploaded file name or the numbers', async () => {
    const res = await pub(`/api/public/units/${UNIT}/works/${shown.entryId}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).not.toContain('李小梅的照片');
    expect(res.body).not.toContain(shown.idNumber);
    const [file] = res.json().files;
    expect(file).toMatchObject({ kind: 'image', label: '文件 1.jpg', mime: 'image/jpeg' });
    const img = await pub(file.path);
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/jpeg');
    expect(img.headers['cache-control']).toBe('private, max-age=300');
    expect(img.headers['content-disposition']).toContain("filename*=UTF-8''");
    expect(img.rawPayload.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(img.rawPayload.toString('latin1')).not.toContain('GPSLatitude');
  });

  it('answers a Range request on a video with 206 and exactly those bytes', async () => {
    const detail = (await pub(`/api/public/units/${UNIT}/works/${video.entryId}`)).json();
    const path = detail.files[0].path as string;
    const whole = await pub(path);
    expect(whole.statusCode).toBe(200);
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(whole.rawPayload.equals(VIDEO)).toBe(true);
    const part = await pub(path, { range: 'bytes=100-1099' });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 100-1099/${VIDEO.length}`);
    expect(part.headers['content-length']).toBe('1000');
    expect(part.rawPayload.equals(VIDEO.subarray(100, 1100))).toBe(true);
    const tail = await pub(path, { range: 'bytes=-10' });
    expect(tail.statusCode).toBe(206);
    expect(tail.rawPayload.equals(VIDEO.subarray(VIDEO.length - 10))).toBe(true);
    expect((await pub(path, { range: `bytes=${VIDEO.length + 5}-` })).statusCode).toBe(416);
  });

  it('stops serving a file once the work is taken off the page', async () => {
    const w = await entered('短暂展示的作品');
    await show(op, w.entryId, { showcased: true });
    const path = (await pub(`/api/public/units/${UNIT}/works/${w.entryId}`)).json().files[0].path;
    expect((await pub(path)).statusCode).toBe(200);
    expect((await show(op, w.entryId, { showcased: false })).statusCode).toBe(200);
    expect((await pub(path)).statusCode).toBe(404);
    expect((await pub(`/api/public/units/${UNIT}/works/${w.entryId}`)).statusCode).toBe(404);
    expect((await page()).body).not.toContain('短暂展示的作品');
  });

  it('drops a work whose author withdraws it with the receipt code, though it is still marked showcased', async () => {
    const w = await entered('将被撤回的作品', { name: '孙晓' });
    await show(op, w.entryId, { showcased: true });
    const path = (await pub(`/api/public/units/${UNIT}/works/${w.entryId}`)).json().files[0].path;
    expect((await pub(path)).statusCode).toBe(200);
    const res = await publicPost(t, '/api/public/works/withdraw', { receiptCode: w.code });
    expect(res.statusCode, res.body).toBe(200);
    expect((await pub(path)).statusCode).toBe(404);
    expect((await page()).body).not.toContain('将被撤回的作品');
    const state = (await op.get(`/api/calls/entries/${w.entryId}/showcase`)).json();
    expect(state).toMatchObject({ showcased: true, publicPath: null, refusal: '作品已撤回，不能展示' });
  });

  it('shows a published story and its text, linking to the work while it is shown', async () => {
    const [s] = await t.db
      .insert(stories)
      .values({
        unitId: call.unitId,
        entryId: shown.entryId,
        title: '用镜头记录老街',
        summary: '一位青年摄影爱好者的故事',
        body: '第一段<script>alert(1)</script>\n\n第二段',
        consentBasis: 'work_publicity',
        status: 'published',
        publishedAt: new Date(),
      })
      .returning({ id: stories.id });
    const list = (await page()).json();
    expect(list.stories.items[0]).toMatchObject({ id: s.id, title: '用镜头记录老街', coverPath: null });
    const res = await pub(`/api/public/units/${UNIT}/stories/${s.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      paragraphs: ['第一段<script>alert(1)</script>', '第二段'],
      workPath: `/m/u/${UNIT}/w/${shown.entryId}`,
    });
    expect((await pub(`/api/public/units/${UNIT}/stories/${s.id}/cover`)).statusCode).toBe(404);
  });

  it('answers 404 for an unknown unit and for a work of another unit', async () => {
    expect((await pub('/api/public/units/nope42')).statusCode).toBe(404);
    expect((await pub('/api/public/units/360103')).statusCode).toBe(200);
    expect((await pub(`/api/public/units/360103/works/${shown.entryId}`)).statusCode).toBe(404);
    const other = (await pub('/api/public/units/360103')).json();
    expect(other).toMatchObject({ calls: [], signupPages: [], events: [], works: { total: 0 } });
  });

  it('gives the cadre the unit page link and how many works it shows', async () => {
    const res = await op.get('/api/showcase/unit-page');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ unitName: '东湖区', path: `/m/u/${UNIT}` });
    expect(res.json().showcasedWorks).toBeGreaterThanOrEqual(3);
  });
});
