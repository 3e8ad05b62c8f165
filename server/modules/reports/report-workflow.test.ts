import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { DueItem, SubmissionItem } from '../../../common/contracts/reports';
import { queryRows } from '../../db/client';
import { multipart, SAMPLE_FILES } from '../../platform/files/test-files';
import { createTestContext, type Agent, type TestContext } from '../../test/harness';
import {
  act,
  actOk,
  agent,
  getSubmission,
  inDays,
  openCollection,
  save,
  setDates,
  submissionId,
  unitIds,
  type UnitKey,
} from './report-test-kit';

let t: TestContext;
let ids: Record<UnitKey, number>;
let centre: Agent;
let jiangxi: Agent;
let nanchangOp: Agent;
let nanchangReviewer: Agent;
let jingdezhenOp: Agent;
let jiujiangOp: Agent;
let donghuOp: Agent;
let zhejiang: Agent;

beforeAll(async () => {
  t = await createTestContext();
  ids = await unitIds(t);
  centre = await agent(t, 'centre');
  jiangxi = await agent(t, 'jiangxi');
  nanchangOp = await agent(t, 'nanchang', 'operator');
  nanchangReviewer = await agent(t, 'nanchang', 'reviewer');
  jingdezhenOp = await agent(t, 'jingdezhen', 'operator');
  jiujiangOp = await agent(t, 'jiujiang', 'operator');
  donghuOp = await agent(t, 'donghu', 'operator');
  zhejiang = await agent(t, 'zhejiang');
});

afterAll(async () => {
  await t?.close();
});

async function auditActions(id: number) {
  const rows = await queryRows<{ action: string }>(
    t.db,
    sql`select action from audit_log where target_type = 'report_submission' and target_id = ${String(id)}
        order by id`,
  );
  return rows.map((r) => r.action);
}

describe('a report’s states', () => {
  it('goes 未填报 → 填报中 → 待审核 → 已退回 → 待审核 (resubmitted) → 已通过, then stays locked', async () => {
    const c = await openCollection(centre, { form: 'quarterly', quarter: 4, target: { mode: 'key_cities' } });
    const id = await submissionId(t, c.id, ids.nanchang);
    const opened = await getSubmission(nanchangOp, id);
    expect(opened).toMatchObject({
      status: 'pending',
      timeliness: 'not_due',
      daysLeft: 10,
      canEdit: true,
      canReview: false,
      reviewerUnit: { name: '共青团中央' },
      collection: { openedBy: { name: '共青团中央' }, periodStart: '2026-10-01' },
    });
    expect(opened.figures).toHaveLength(17);
    expect(opened.figuresAt).toBeTruthy();

    const empty = await act(nanchangOp, id, 'submit');
    expect(empty.statusCode).toBe(400);
    expect(empty.json().message).toContain('请填写「本季度工作进展」');

    const draft = await save(nanchangOp, id, { progress: '走访网络作家 12 人。' });
    expect(draft.status).toBe('draft');
    await save(nanchangOp, id, { practices: '建立联系台账。' });
    const saved = await getSubmission(nanchangOp, id);
    expect(saved.content).toEqual({ progress: '走访网络作家 12 人。', practices: '建立联系台账。' });
    expect(saved.events.map((e) => e.action)).toEqual(['saved']);
    const stale = await nanchangOp.put(`/api/report-submissions/${id}`, {
      version: opened.version,
      content: {},
    });
    expect(stale.statusCode).toBe(409);
    const unknown = await nanchangOp.put(`/api/report-submissions/${id}`, {
      version: saved.version,
      content: { title: 'x' },
    });
    expect(unknown.statusCode).toBe(400);

    const submitted = await actOk(nanchangOp, id, 'submit');
    expect(submitted).toMatchObject({ status: 'submitted', timeliness: 'on_time', canEdit: false });
    const first = submitted.firstSubmittedAt;
    expect(first).toBeTruthy();
    const locked = await act(nanchangOp, id, 'submit');
    expect(locked.statusCode).toBe(409);
    expect(locked.json().message).toContain('等待审核');

    expect((await getSubmission(centre, id)).canReview).toBe(true);
    const noComment = await act(centre, id, 'return', { comment: '' });
    expect(noComment.statusCode).toBe(400);
    const returned = await actOk(centre, id, 'return', { comment: '请补充青春沙龙的场次和人次' });
    expect(returned).toMatchObject({ status: 'returned', returnCount: 1, canReview: false });
    const due = (await nanchangOp.get('/api/reports/due')).json().items as DueItem[];
    expect(due.find((d) => d.submissionId === id)).toMatchObject({
      status: 'returned',
      returnComment: '请补充青春沙龙的场次和人次',
    });

    await save(nanchangOp, id, { progress: '走访网络作家 12 人，举办青春沙龙 3 场。' });
    const again = await actOk(nanchangOp, id, 'submit');
    expect(again).toMatchObject({ status: 'submitted', firstSubmittedAt: first, returnCount: 1 });
    const accepted = await actOk(centre, id, 'accept', { comment: '材料翔实' });
    expect(accepted).toMatchObject({ status: 'accepted', canEdit: false, canReview: false });
    expect(accepted.events.map((e) => e.action)).toEqual([
      'saved',
      'submitted',
      'returned',
      'saved',
      'resubmitted',
      'accepted',
    ]);
    expect(accepted.events[2]).toMatchObject({ comment: '请补充青春沙龙的场次和人次', unit: '共青团中央' });

    const edit = await nanchangOp.put(`/api/report-submissions/${id}`, {
      version: accepted.version,
      content: { progress: '改' },
    });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().message).toContain('锁定');
    expect((await act(centre, id, 'return', { comment: '再改改' })).statusCode).toBe(409);
    expect(await auditActions(id)).toEqual([
      'report.saved',
      'report.saved',
      'report.submitted',
      'report.returned',
      'report.saved',
      'report.resubmitted',
      'report.accepted',
    ]);
  });

  it('a closed collection takes no more reports, and what it holds cannot be returned', async () => {
    const c = await openCollection(jiangxi, { form: 'news', target: { mode: 'key_cities' } });
    const nc = await submissionId(t, c.id, ids.nanchang);
    const jdz = await submissionId(t, c.id, ids.jingdezhen);
    await save(nanchangOp, nc, { title: '南昌市青年作家座谈会' });
    await save(jingdezhenOp, jdz, { title: '景德镇陶瓷青年创作营', body: '百名青年陶艺人参加。' });
    await actOk(jingdezhenOp, jdz, 'submit');
    const closed = await jiangxi.post(`/api/report-collections/${c.id}/close`, { version: c.version });
    expect(closed.statusCode, closed.body).toBe(200);
    const refused = await act(nanchangOp, nc, 'submit');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toContain('报送任务已结束');
    expect(await getSubmission(nanchangOp, nc)).toMatchObject({ canEdit: false, timeliness: 'missing' });
    const noReturn = await act(jiangxi, jdz, 'return', { comment: '请补充图片' });
    expect(noReturn.statusCode).toBe(409);
    expect((await actOk(jiangxi, jdz, 'accept')).status).toBe('accepted');
  });
});

describe('scope', () => {
  let id: number;
  beforeAll(async () => {
    const c = await openCollection(centre, { form: 'case', target: { mode: 'key_cities' } });
    id = await submissionId(t, c.id, ids.nanchang);
    await save(nanchangOp, id, { title: '“网络作家之家”建设', practices: '依托青年之家。' });
  });

  it('a sibling city, a county below and another province cannot read or fill 南昌市’s report', async () => {
    for (const a of [jiujiangOp, donghuOp, zhejiang]) {
      expect((await a.get(`/api/report-submissions/${id}`)).statusCode).toBe(404);
      expect((await a.post(`/api/report-submissions/${id}/submit`, { version: 1 })).statusCode).toBe(404);
    }
    const put = await jiujiangOp.put(`/api/report-submissions/${id}`, { version: 1, content: {} });
    expect(put.statusCode).toBe(404);
    expect(put.body).not.toContain('南昌');
  });

  it('the province reads what the centre reviews but neither fills nor accepts it; a reviewer cannot submit', async () => {
    const seen = await getSubmission(jiangxi, id);
    expect(seen).toMatchObject({
      canEdit: false,
      canReview: false,
      content: { title: '“网络作家之家”建设' },
    });
    const fill = await act(jiangxi, id, 'submit');
    expect(fill.statusCode).toBe(403);
    expect(fill.json().message).toContain('本单位');
    await actOk(nanchangOp, id, 'submit');
    const accept = await act(jiangxi, id, 'accept');
    expect(accept.statusCode).toBe(403);
    expect(accept.json().message).toContain('只有审核单位');
    expect((await act(nanchangReviewer, id, 'accept')).statusCode).toBe(403);
    expect((await act(nanchangReviewer, id, 'consolidate')).statusCode).toBe(403);
  });
});

describe('what is due, what waits for review, reminders', () => {
  it('lists the unit’s reports by urgency and the reviews waiting for it, and counts reminders', async () => {
    const soon = await openCollection(jiangxi, {
      form: 'news',
      target: { mode: 'units', unitIds: [ids.nanchang] },
      deadline: inDays(3),
    });
    const late = await openCollection(jiangxi, {
      form: 'case',
      target: { mode: 'units', unitIds: [ids.nanchang] },
    });
    const lateId = await submissionId(t, late.id, ids.nanchang);
    await setDates(t, lateId, { deadline: inDays(-2) });
    const reminders = (await nanchangOp.get('/api/reports/reminders')).json();
    expect(reminders.dueSoon).toBeGreaterThanOrEqual(1);
    expect(reminders.overdue).toBeGreaterThanOrEqual(1);
    expect(reminders.toReview).toBe(0);
    expect(reminders.items[0]).toMatchObject({ submissionId: lateId, daysLeft: -2, timeliness: 'missing' });
    expect(reminders.items.length).toBeLessThanOrEqual(5);

    const soonId = await submissionId(t, soon.id, ids.nanchang);
    await save(nanchangOp, soonId, { title: '动态', body: '正文' });
    await actOk(nanchangOp, soonId, 'submit');
    const due = (await nanchangOp.get('/api/reports/due?pageSize=100')).json().items as DueItem[];
    expect(due[0].submissionId).toBe(lateId);
    expect(due.find((d) => d.submissionId === soonId)).toMatchObject({ status: 'submitted' });
    expect(due.every((d) => d.status !== 'accepted')).toBe(true);

    const waiting = (await jiangxi.get('/api/reports/reminders')).json();
    expect(waiting.toReview).toBeGreaterThanOrEqual(1);
    const toReview = await jiangxi.get('/api/reports/to-review?status=submitted');
    const item = (toReview.json().items as (SubmissionItem & { collection: { id: number } })[]).find(
      (i) => i.id === soonId,
    );
    expect(item).toMatchObject({ canReview: true, collection: { id: soon.id }, unit: { name: '南昌市' } });
    await actOk(jiangxi, soonId, 'accept');
    const all = (await nanchangOp.get('/api/reports/due?show=all&pageSize=100')).json().items as DueItem[];
    expect(all.find((d) => d.submissionId === soonId)?.status).toBe('accepted');
  });
});

describe('attachments', () => {
  it('the unit attaches and removes files before submitting; others may download only within scope', async () => {
    const c = await openCollection(jiangxi, {
      form: 'case',
      target: { mode: 'units', unitIds: [ids.nanchang] },
    });
    const id = await submissionId(t, c.id, ids.nanchang);
    const version = (await getSubmission(nanchangOp, id)).version;
    const up = await nanchangOp.request({
      method: 'POST',
      url: `/api/report-submissions/${id}/files`,
      ...multipart({}, { name: '案例照片.png', content: SAMPLE_FILES.png }),
    });
    expect(up.statusCode, up.body).toBe(200);
    const d = up.json();
    expect(d).toMatchObject({ status: 'draft', version, files: [{ name: '案例照片.png' }] });
    const fileId = d.files[0].id as number;
    const down = await jiangxi.get(`/api/report-submissions/${id}/files/${fileId}`);
    expect(down.statusCode).toBe(200);
    expect(down.rawPayload.equals(SAMPLE_FILES.png)).toBe(true);
    expect((await jiujiangOp.get(`/api/report-submissions/${id}/files/${fileId}`)).statusCode).toBe(404);
    const byOther = await jiangxi.delete(`/api/report-submissions/${id}/files/${fileId}`);
    expect(byOther.statusCode).toBe(403);
    await save(nanchangOp, id, { title: '案例', practices: '做法' });
    await actOk(nanchangOp, id, 'submit');
    expect((await nanchangOp.delete(`/api/report-submissions/${id}/files/${fileId}`)).statusCode).toBe(409);
    await actOk(jiangxi, id, 'return', { comment: '换一张照片' });
    expect((await nanchangOp.delete(`/api/report-submissions/${id}/files/${fileId}`)).statusCode).toBe(200);
    expect((await getSubmission(nanchangOp, id)).files).toEqual([]);
  });
});

describe('consolidation', () => {
  it('a province passes up the accepted reports it reviewed with its own', async () => {
    const c = await openCollection(centre, {
      form: 'annual',
      target: { mode: 'levels', levels: ['province', 'city'] },
    });
    const jx = await submissionId(t, c.id, ids.jiangxi);
    const nc = await submissionId(t, c.id, ids.nanchang);
    const nothing = await act(jiangxi, jx, 'consolidate');
    expect(nothing.statusCode).toBe(409);
    await save(nanchangOp, nc, { overview: '南昌市全年联系新兴青年 800 人。' });
    await actOk(nanchangOp, nc, 'submit');
    expect((await getSubmission(jiangxi, jx)).consolidatable).toBe(0);
    await actOk(jiangxi, nc, 'accept');
    expect((await getSubmission(jiangxi, jx)).consolidatable).toBe(1);
    const merged = await actOk(jiangxi, jx, 'consolidate');
    expect(merged.consolidated.map((s) => s.unit.name)).toEqual(['南昌市']);
    expect(merged.consolidatable).toBe(0);
    expect(merged.events.at(-1)).toMatchObject({ action: 'consolidated', comment: '汇总下级报送 1 份' });
    await save(jiangxi, jx, { overview: '江西省全年工作总体情况。' });
    await actOk(jiangxi, jx, 'submit');
    const atCentre = await getSubmission(centre, jx);
    expect(atCentre).toMatchObject({ canReview: true, consolidated: [{ unit: { name: '南昌市' } }] });
  });
});
