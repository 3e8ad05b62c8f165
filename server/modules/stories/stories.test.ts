import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import {
  auditLog,
  callEntries,
  consentRecords,
  files,
  stories,
  workEntrants,
  works,
  youth,
} from '../../db/schema';
import { readFileBuffer } from '../../platform/files/file-store';
import { multipart, SAMPLE_FILES } from '../../platform/files/test-files';
import { createTestContext, createUser, login, type Agent, type TestContext } from '../../test/harness';
import { seedCall, seedScoredEntry } from '../awards/awards-fixtures';
import { publishNotice, type Notice } from '../signup/signup-test-fixtures';
import { publishedStoriesOf, publishedStory } from './stories.repo';
import { COVER_SECRETS, tinyJpeg } from './stories-test-fixtures';

let t: TestContext;
let dh: Agent; // 东湖区 operator
let xh: Agent; // 西湖区 operator: another county, outside 东湖区's scope
let leader: Agent; // 东湖区 leader: reads, does not manage
let dhUnit: number;
let notice: Notice;
let call: { id: number; unitId: number };
let personId: number;

const NOTE = '2026年3月2日当面签署《个人故事公开同意书》，原件存档';

async function entry(title: string, o: { consent?: boolean; child?: boolean } = {}) {
  const e = await seedScoredEntry(t.db, {
    callId: call.id,
    unitId: call.unitId,
    title,
    score: 80,
    consent: o.consent ?? true,
    entrants: [{ name: '王小明', placeCode: '360102' }],
  });
  if (o.child) {
    await t.db.update(workEntrants).set({ ageBand: 'child' }).where(eq(workEntrants.workId, e.workId));
  }
  return e;
}

async function consent(workId: number, o: { guardian?: boolean; withdrawn?: boolean } = {}) {
  await t.db.insert(consentRecords).values({
    unitId: call.unitId,
    purpose: 'publicity',
    subjectKind: 'work',
    subjectId: workId,
    subjectPosition: 0,
    noticeId: notice.id,
    noticeVersion: notice.version,
    noticeHash: notice.contentHash,
    channel: 'web',
    pagePath: '/m/c/x',
    ipAnon: '10.0.0.0',
    userAgent: 'test',
    guardianName: o.guardian ? '王芳' : null,
    guardianRelation: o.guardian ? '母亲' : null,
    withdrawnAt: o.withdrawn ? new Date() : null,
  });
}

async function create(agent: Agent, body: Record<string, unknown>) {
  const res = await agent.post('/api/stories', { title: '追梦的青年', body: '第一段\n\n第二段', ...body });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { id: number; version: number };
}

const publish = (agent: Agent, s: { id: number; version: number }) =>
  agent.post(`/api/stories/${s.id}/publish`, { version: s.version });

beforeAll(async () => {
  t = await createTestContext();
  dh = await login(t, await createUser(t, { role: 'operator', unitCode: '360102', totp: false }));
  xh = await login(t, await createUser(t, { role: 'operator', unitCode: '360103', totp: false }));
  leader = await login(t, await createUser(t, { role: 'leader', unitCode: '360102', totp: false }));
  dhUnit = dh.user.unitId;
  notice = await publishNotice(dh, '南昌市东湖区');
  call = await seedCall(t.db, { unitCode: '360102', title: '东湖区青年书画大赛', slug: 'dhstory01' });
  const [p] = await t.db
    .insert(youth)
    .values({ unitId: dhUnit, name: '李晓华', namePinyin: 'lixiaohua', nameInitials: 'lxh' })
    .returning({ id: youth.id });
  personId = p.id;
});

afterAll(async () => {
  await t?.close();
});

describe('publishing needs a ground', () => {
  it('refuses a story whose ground is missing, naming what is missing', async () => {
    const noEntry = await create(dh, { consentBasis: 'work_publicity' });
    const res = await publish(dh, noEntry);
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('须关联一件作品');

    const noPerson = await create(dh, { consentBasis: 'written', consentNote: NOTE });
    expect((await publish(dh, noPerson)).json().message).toContain('须关联到本人');

    const shortNote = await create(dh, {
      consentBasis: 'written',
      youthId: personId,
      consentNote: '口头同意',
    });
    const refused = await publish(dh, shortNote);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toContain('至少 10 个字');
    const [row] = await t.db.select().from(stories).where(eq(stories.id, shortNote.id));
    expect(row.status).toBe('draft');
    expect(row.publishedAt).toBeNull();
  });

  it("refuses 'work_publicity' when the work has no publicity consent", async () => {
    const e = await entry('无授权作品', { consent: false });
    const s = await create(dh, { consentBasis: 'work_publicity', entryId: e.entryId });
    const res = await publish(dh, s);
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('未获公开展示授权');
    expect(
      (await publishedStoriesOf(t.db, dhUnit, { limit: 50, offset: 0 })).items.map((x) => x.id),
    ).not.toContain(s.id);
  });

  it('refuses a child’s work without the guardian’s publicity consent, accepts it with one', async () => {
    const e = await entry('少儿作品', { child: true });
    await consent(e.workId);
    const s = await create(dh, { consentBasis: 'work_publicity', entryId: e.entryId });
    expect((await publish(dh, s)).json().message).toContain('监护人');
    await consent(e.workId, { guardian: true });
    const res = await publish(dh, s);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'published', groundProblem: null, groundLost: false });
  });

  it('publishes on a written consent with the person linked, and shows the person masked only', async () => {
    const s = await create(dh, { consentBasis: 'written', youthId: personId, consentNote: NOTE });
    const res = await publish(dh, s);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().person).toEqual({ id: personId, maskedName: '李**' });
    expect(res.body).not.toContain('李晓华');
    const shown = await publishedStory(t.db, dhUnit, s.id);
    expect(shown).toMatchObject({ title: '追梦的青年', body: '第一段\n\n第二段', entryId: null });
    expect(JSON.stringify(shown)).not.toContain('李');
    const timeline = (await dh.get(`/api/youth/${personId}/timeline`)).json().items as {
      kind: string;
      title: string;
    }[];
    expect(timeline).toContainEqual(
      expect.objectContaining({ kind: 'story', title: '故事发布：追梦的青年' }),
    );
    const audit = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'stories.published'), eq(auditLog.targetId, String(s.id))));
    expect(audit).toHaveLength(1);
  });
});

describe('a consent withdrawn later', () => {
  it('takes the story off the public page at once and marks it 已失去公开依据 for the cadre', async () => {
    const e = await entry('公开作品');
    const s = await create(dh, { consentBasis: 'work_publicity', entryId: e.entryId });
    expect((await publish(dh, s)).statusCode).toBe(200);
    const before = await publishedStoriesOf(t.db, dhUnit, { limit: 50, offset: 0 });
    expect(before.items.find((x) => x.id === s.id)).toMatchObject({ entryId: e.entryId });

    await t.db.update(works).set({ publicityConsent: false }).where(eq(works.id, e.workId));
    const after = await publishedStoriesOf(t.db, dhUnit, { limit: 50, offset: 0 });
    expect(after.items.map((x) => x.id)).not.toContain(s.id);
    expect(after.total).toBe(before.total - 1);
    expect(await publishedStory(t.db, dhUnit, s.id)).toBeNull();

    const detail = (await dh.get(`/api/stories/${s.id}`)).json();
    expect(detail).toMatchObject({ status: 'published', groundLost: true });
    expect(detail.groundProblem).toContain('未获公开展示授权');
    const lost = (await dh.get('/api/stories?groundLost=true')).json();
    expect(lost.items.map((x: { id: number }) => x.id)).toContain(s.id);
  });

  it('does the same when the work is withdrawn or an entrant withdraws the publicity consent', async () => {
    const a = await entry('撤回的作品');
    const sa = await create(dh, { consentBasis: 'work_publicity', entryId: a.entryId });
    expect((await publish(dh, sa)).statusCode).toBe(200);
    await t.db.update(works).set({ status: 'withdrawn' }).where(eq(works.id, a.workId));
    await t.db.update(callEntries).set({ status: 'withdrawn' }).where(eq(callEntries.id, a.entryId));
    expect(await publishedStory(t.db, dhUnit, sa.id)).toBeNull();

    const b = await entry('撤回授权的作品');
    await consent(b.workId);
    const sb = await create(dh, { consentBasis: 'work_publicity', entryId: b.entryId });
    expect((await publish(dh, sb)).statusCode).toBe(200);
    expect(await publishedStory(t.db, dhUnit, sb.id)).not.toBeNull();
    await t.db
      .update(consentRecords)
      .set({ withdrawnAt: new Date() })
      .where(eq(consentRecords.subjectId, b.workId));
    expect(await publishedStory(t.db, dhUnit, sb.id)).toBeNull();
    expect((await dh.get(`/api/stories/${sb.id}`)).json().groundProblem).toContain('撤回');
  });

  it('a written story does not show a work whose consent is gone', async () => {
    const e = await entry('书面同意附带作品', { consent: false });
    const s = await create(dh, {
      consentBasis: 'written',
      youthId: personId,
      consentNote: NOTE,
      entryId: e.entryId,
    });
    expect((await publish(dh, s)).statusCode).toBe(200);
    expect(await publishedStory(t.db, dhUnit, s.id)).toMatchObject({ entryId: null });
  });
});

describe('下线', () => {
  it('needs a reason, takes the story off the public page and audits the reason', async () => {
    const s = await create(dh, { consentBasis: 'written', youthId: personId, consentNote: NOTE });
    const published = (await publish(dh, s)).json();
    const noReason = await dh.post(`/api/stories/${s.id}/withdraw`, {
      version: published.version,
      reason: '',
    });
    expect(noReason.statusCode).toBe(400);
    const res = await dh.post(`/api/stories/${s.id}/withdraw`, {
      version: published.version,
      reason: '本人要求撤下',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('withdrawn');
    expect(await publishedStory(t.db, dhUnit, s.id)).toBeNull();
    const [a] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'stories.withdrawn'), eq(auditLog.targetId, String(s.id))));
    expect(a.detail).toMatchObject({ reason: '本人要求撤下' });
  });

  it('a stale version is refused', async () => {
    const s = await create(dh, { consentBasis: 'written' });
    await dh.patch(`/api/stories/${s.id}`, { version: s.version, title: '新标题' });
    const res = await dh.patch(`/api/stories/${s.id}`, { version: s.version, title: '另一个标题' });
    expect(res.statusCode).toBe(409);
  });
});

describe('scope and roles', () => {
  it('another county can neither read, change, publish nor link to 东湖区’s story and people', async () => {
    const s = await create(dh, { consentBasis: 'written', youthId: personId, consentNote: NOTE });
    expect((await xh.get(`/api/stories/${s.id}`)).statusCode).toBe(404);
    expect((await xh.patch(`/api/stories/${s.id}`, { version: s.version, title: '改' })).statusCode).toBe(
      404,
    );
    expect((await publish(xh, s)).statusCode).toBe(404);
    const list = (await xh.get('/api/stories')).json();
    expect(list.items.map((x: { id: number }) => x.id)).not.toContain(s.id);
    const link = await xh.post('/api/stories', {
      title: '借用',
      body: '正文',
      consentBasis: 'written',
      youthId: personId,
    });
    expect(link.statusCode).toBe(400);
    expect(link.body).not.toContain('李');
    const people = (await xh.get('/api/story-options/people')).json();
    expect(people.items.map((x: { id: number }) => x.id)).not.toContain(personId);
    const [row] = await t.db.select().from(stories).where(eq(stories.id, s.id));
    expect(row.title).toBe('追梦的青年');
  });

  it('a leader reads stories but may not write them', async () => {
    expect((await leader.get('/api/stories')).statusCode).toBe(200);
    const res = await leader.post('/api/stories', { title: 'x', body: 'y', consentBasis: 'written' });
    expect(res.statusCode).toBe(403);
  });

  it('the pickers show masked names and say whether a work can ground a story', async () => {
    const e = await entry('选择器作品', { consent: false });
    const people = (await dh.get(`/api/story-options/people?keyword=${encodeURIComponent('李')}`)).json();
    expect(people.items).toContainEqual(expect.objectContaining({ id: personId, maskedName: '李**' }));
    expect(JSON.stringify(people)).not.toContain('李晓华');
    const entries = (
      await dh.get(`/api/story-options/entries?keyword=${encodeURIComponent('选择器')}`)
    ).json();
    expect(entries.items[0]).toMatchObject({ id: e.entryId, workTitle: '选择器作品' });
    expect(entries.items[0].publicityProblem).toContain('未获公开展示授权');
  });
});

describe('text and photos', () => {
  it('keeps a body with <script> as plain text, byte for byte', async () => {
    const body = '开头<script>alert(1)</script>\n\n<b>不是粗体</b>';
    const s = await create(dh, { consentBasis: 'written', youthId: personId, consentNote: NOTE, body });
    const res = await dh.get(`/api/stories/${s.id}`);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.json().body).toBe(body);
    await publish(dh, s);
    expect((await publishedStory(t.db, dhUnit, s.id))?.body).toBe(body);
  });

  it('stores a cover photo without its metadata, and refuses what is not a JPEG or PNG', async () => {
    const s = await create(dh, { consentBasis: 'written' });
    const res = await dh.request({
      method: 'POST',
      url: `/api/stories/${s.id}/cover`,
      ...multipart({}, { name: '封面.jpg', content: tinyJpeg() }),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().hasCover).toBe(true);
    const [row] = await t.db.select().from(stories).where(eq(stories.id, s.id));
    const [file] = await t.db.select().from(files).where(eq(files.id, row.coverFileId!));
    const stored = await readFileBuffer(t, file);
    expect(stored.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    for (const secret of COVER_SECRETS) expect(stored.includes(Buffer.from(secret))).toBe(false);
    const shown = await dh.get(`/api/stories/${s.id}/cover`);
    expect(shown.statusCode).toBe(200);
    expect(shown.rawPayload.equals(stored)).toBe(true);

    const pdf = await dh.request({
      method: 'POST',
      url: `/api/stories/${s.id}/cover`,
      ...multipart({}, { name: '封面.pdf', content: SAMPLE_FILES.pdf }),
    });
    expect(pdf.statusCode).toBe(415);
    const gif = await dh.request({
      method: 'POST',
      url: `/api/stories/${s.id}/cover`,
      ...multipart({}, { name: '封面.gif', content: SAMPLE_FILES.gif }),
    });
    expect(gif.statusCode).toBe(415);
  });
});
