import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { callEntries, calls, consentRecords, files, workEntrants, workFiles, works } from '../../db/schema';
import { blindIndex } from '../../platform/crypto/field-crypto';
import { blobPath } from '../../platform/files/file-store';
import type { TestContext } from '../../test/harness';
import { donghuOpenPage, freshId, freshPhone, publicPost, type Notice } from '../signup/signup-test-fixtures';
import { insertOpenCall, jpegWithExif, pngWithText, submitWork, uploadToken } from './works-test-fixtures';

let t: TestContext;
let notice: Notice;
let call: { id: number; slug: string; unitId: number };

beforeAll(async () => {
  ({ t, notice } = await donghuOpenPage());
  call = await insertOpenCall(t);
});
afterAll(async () => {
  await t?.close();
});

const person = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  idNumber: freshId(),
  phone: freshPhone(),
  ...extra,
});

async function entered(title = '家乡的桥', entrants = [person('李小梅')]) {
  const token = await uploadToken(t, call.slug, 'photo', { name: '桥.jpg', content: jpegWithExif().bytes });
  const res = await submitWork(
    t,
    call.slug,
    { title, description: '拍摄于赣江边', categoryKey: 'photo', entrants, files: [token] },
    { noticeId: notice.id, publicityConsent: true },
  );
  expect(res.statusCode, res.body).toBe(200);
  const code: string = res.json().receiptCode;
  const [work] = await t.db
    .select()
    .from(works)
    .where(eq(works.receiptIdx, blindIndex(t.keys, 'receipt', code)));
  return { code, work };
}

const status = (receiptCode: string) => publicPost(t, '/api/public/works/status', { receiptCode }, false);
const update = (receiptCode: string, body: Record<string, unknown>) =>
  publicPost(t, '/api/public/works/update', { receiptCode, ...body });
const withdraw = (receiptCode: string) => publicPost(t, '/api/public/works/withdraw', { receiptCode });
const review = (workId: number, status: 'eligible' | 'incomplete', reviewReason?: string) =>
  t.db
    .update(callEntries)
    .set({ status, reviewReason, reviewedAt: new Date() })
    .where(eq(callEntries.workId, workId));

describe('status by receipt code', () => {
  it('shows the masked lead, the title, the entry’s status in Chinese and the call’s dates; never the numbers', async () => {
    const { code } = await entered('老街', [person('李小梅'), person('王大力')]);
    const res = await status(code.toLowerCase().replace(/-/g, ' '));
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      callTitle: '青春筑梦 · 东湖区青年文艺作品征集',
      unitName: '东湖区',
      leadName: '李**',
      title: '老街',
      categoryLabel: '摄影',
      status: 'submitted',
      statusText: '已提交，等待形式审查',
      editable: true,
      reviewed: false,
      entrantsEditable: true,
      entrantCount: 2,
      entrantNames: ['李**', '王**'],
      files: [{ kind: 'image', name: '桥.jpg' }],
    });
    expect(body.entryLabel).toMatch(/^作品 \d{4}$/);
    expect(body.closesAt).toBe(new Date(body.closesAt).toISOString());
    expect(res.body).not.toContain('王大力');
    expect(res.body).not.toMatch(/1[3-9]\d{9}/);
    expect((await status('AAAA-BBBB-CCCC')).statusCode).toBe(404);
  });
});

describe('editing by receipt code', () => {
  it('changes title, description and files before review; files keep their order', async () => {
    const { code, work } = await entered();
    const before = (await status(code)).json();
    const added = await uploadToken(t, call.slug, 'photo', { name: '桥二.png', content: pngWithText() });
    const res = await update(code, {
      title: '赣江上的桥',
      description: '新的说明',
      removeFileIds: [before.files[0].id],
      addFiles: [added],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      title: '赣江上的桥',
      description: '新的说明',
      files: [{ name: '桥二.png', kind: 'image' }],
    });
    const rows = await t.db
      .select()
      .from(workFiles)
      .where(eq(workFiles.workId, work.id))
      .orderBy(workFiles.position);
    expect(rows.map((r) => [r.position, r.removedAt !== null])).toEqual([
      [0, true],
      [1, false],
    ]);
    const keepOne = await update(code, { removeFileIds: [res.json().files[0].id] });
    expect(keepOne.statusCode).toBe(400);
    expect(keepOne.json().message).toBe('至少保留一个作品文件');
  });

  it('replaces the entrants with their consents under the current notice', async () => {
    const { code, work } = await entered('合作', [person('甲甲')]);
    const res = await update(code, {
      entrants: [person('乙乙'), person('丙丙', { phone: null })],
      groupName: '乙丙组合',
      noticeId: notice.id,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      leadName: '乙*',
      entrantCount: 2,
      entrantNames: ['乙*', '丙*'],
      groupName: '乙丙组合',
    });
    const consents = await t.db
      .select()
      .from(consentRecords)
      .where(and(eq(consentRecords.subjectKind, 'work'), eq(consentRecords.subjectId, work.id)))
      .orderBy(consentRecords.id);
    expect(consents.map((c) => [c.purpose, c.withdrawnAt !== null])).toEqual([
      ['registration', true],
      ['publicity', true],
      ['registration', false],
      ['registration', false],
      ['publicity', false],
      ['publicity', false],
    ]);
    const stale = await update(code, { entrants: [person('丁丁')], noticeId: notice.id + 1000 });
    expect(stale.statusCode).toBe(409);
  });

  it('after a cadre’s review allows only the description and files, marked for the cadre', async () => {
    const { code, work } = await entered();
    await review(work.id, 'incomplete', '请补充作品说明');
    const shown = (await status(code)).json();
    expect(shown).toMatchObject({
      statusText: '材料不完整：请补充作品说明。请在截止前补充',
      reviewed: true,
      editable: true,
      entrantsEditable: false,
    });
    const retitle = await update(code, { title: '改名' });
    expect(retitle.statusCode).toBe(409);
    expect(retitle.json().message).toBe('作品已经过形式审查，只能修改作品说明和文件');
    const ok = await update(code, { description: '补充的说明' });
    expect(ok.statusCode, ok.body).toBe(200);
    const [row] = await t.db.select().from(works).where(eq(works.id, work.id));
    expect(row.selfEditedAt).not.toBeNull();
    expect(row.title).toBe('家乡的桥');
  });

  it('is refused after the deadline', async () => {
    const { code, work } = await entered();
    await t.db
      .update(calls)
      .set({ closesAt: new Date(Date.now() - 1000) })
      .where(eq(calls.id, work.callId));
    expect((await status(code)).json()).toMatchObject({ editable: false, entrantsEditable: false });
    const res = await update(code, { description: '迟到的修改' });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe('征集已截止，不能再修改作品');
    await t.db
      .update(calls)
      .set({ closesAt: new Date(Date.now() + 30 * 86_400_000) })
      .where(eq(calls.id, work.callId));
  });
});

describe('withdrawal by receipt code', () => {
  it('before review: the work leaves the call, consents are withdrawn, people’s data and files are erased', async () => {
    const { code, work } = await entered('撤回的作品', [person('赵小红'), person('钱小明')]);
    const [file] = await t.db
      .select({ id: files.id, storageKey: files.storageKey })
      .from(workFiles)
      .innerJoin(files, eq(files.id, workFiles.fileId))
      .where(eq(workFiles.workId, work.id));
    const res = await withdraw(code);
    expect(res.statusCode, res.body).toBe(200);
    const [row] = await t.db.select().from(works).where(eq(works.id, work.id));
    expect(row).toMatchObject({ status: 'withdrawn', description: '' });
    const people = await t.db
      .select()
      .from(workEntrants)
      .where(eq(workEntrants.workId, work.id))
      .orderBy(workEntrants.position);
    expect(people.map((p) => [p.name, p.idNumberEnc, p.phoneEnc, p.birthDate, p.idNumberIdx])).toEqual([
      ['赵**', null, null, null, null],
      ['钱**', null, null, null, null],
    ]);
    const [entry] = await t.db.select().from(callEntries).where(eq(callEntries.workId, work.id));
    expect(entry.status).toBe('withdrawn');
    const consents = await t.db
      .select()
      .from(consentRecords)
      .where(and(eq(consentRecords.subjectKind, 'work'), eq(consentRecords.subjectId, work.id)));
    expect(consents.length).toBe(4);
    expect(consents.every((c) => c.withdrawnAt !== null && c.withdrawnChannel === '回执码')).toBe(true);
    expect(await t.db.select().from(files).where(eq(files.id, file.id))).toEqual([]);
    expect(fs.existsSync(blobPath(t.config.dataDir, file.storageKey))).toBe(false);
    expect((await status(code)).json()).toMatchObject({
      status: 'withdrawn',
      statusText: '已撤回',
      editable: false,
      files: [],
    });
    expect((await withdraw(code)).statusCode).toBe(409);
    expect((await update(code, { description: 'x' })).statusCode).toBe(409);
  });

  it('after review: the organiser keeps the record; only the consents and the entry are withdrawn', async () => {
    const { code, work } = await entered('审过的作品', [person('孙审过')]);
    await review(work.id, 'eligible');
    expect((await withdraw(code)).statusCode).toBe(200);
    const [entrant] = await t.db.select().from(workEntrants).where(eq(workEntrants.workId, work.id));
    expect(entrant.name).toBe('孙审过');
    expect(entrant.idNumberEnc).not.toBeNull();
    expect((await t.db.select().from(workFiles).where(eq(workFiles.workId, work.id))).length).toBe(1);
    const [entry] = await t.db.select().from(callEntries).where(eq(callEntries.workId, work.id));
    expect(entry.status).toBe('withdrawn');
  });
});
