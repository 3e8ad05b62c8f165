import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
import type { TaskStatus } from '../../../common/contracts/plans';
import type { PlanDetail, TaskDetail, TaskItem } from '../../../common/contracts/plans-tasks';
import { todayInChina } from '../../../common/validators';
import { multipart, SAMPLE_FILES } from '../../platform/files/test-files';
import {
  createTestContext,
  createUser,
  login,
  unitIdByCode,
  type Agent,
  type TestContext,
} from '../../test/harness';
import { taskLight } from './plan-light';
import { lightSql } from './plan-light.repo';
import { dayOffset, manualPlan, save } from './plan-test-support';

let t: TestContext;
let cityOp: Agent;
let provinceAdmin: Agent;
let siblingOp: Agent;
let plan: PlanDetail;
const task = (n: string) => plan.tasks.find((x) => x.number === n)!;

async function progress(agent: Agent, id: number, body: Record<string, unknown>) {
  return agent.post(`/api/plan-tasks/${id}/progress`, { date: todayInChina(), text: '按计划推进', ...body });
}

async function detail(id: number) {
  return (await cityOp.get(`/api/plan-tasks/${id}`)).json() as TaskDetail;
}

beforeAll(async () => {
  t = await createTestContext();
  const nanchang = await unitIdByCode(t.db, '360100');
  cityOp = await login(t, await createUser(t, { role: 'operator', unitCode: '360100', totp: false }));
  provinceAdmin = await login(t, await createUser(t, { role: 'unit_admin', unitCode: '360000' }));
  siblingOp = await login(t, await createUser(t, { role: 'operator', unitCode: '360400', totp: false }));
  const id = await save(
    cityOp,
    manualPlan(nanchang, [
      {
        title: '联系新兴青年',
        lead: '社会联络部',
        participants: ['宣传部'],
        startDate: dayOffset(-90),
        deadline: dayOffset(30),
        indicators: [{ name: '联系新兴青年', comparator: '≥', target: 500, measure: '人', period: '全年' }],
      },
      { title: '报送花名册', lead: '社会联络部', startDate: dayOffset(-60), deadline: dayOffset(-3) },
      {
        title: '组建梦想导师团',
        lead: '青发部',
        milestones: [{ title: '遴选导师', dueDate: dayOffset(-1) }],
      },
      { title: '没有期限的任务', lead: '宣传部' },
    ]),
  );
  plan = (await cityOp.get(`/api/plans/${id}`)).json() as PlanDetail;
});

afterAll(async () => {
  await t?.close();
});

describe('the light', () => {
  it('is computed from deadline, milestones and progress', () => {
    // Three quarters of its time gone and nothing reported.
    expect(task('1')).toMatchObject({ light: 'yellow', effectiveStatus: 'not_started', overdue: false });
    expect(task('2')).toMatchObject({
      light: 'red',
      effectiveStatus: 'lagging',
      overdue: true,
      daysLeft: -3,
    });
    // Due at its only milestone, yesterday.
    expect(task('3')).toMatchObject({ deadline: dayOffset(-1), light: 'red', overdue: true });
    expect(task('4')).toMatchObject({ light: 'grey', deadline: null });
    expect(plan.counts).toEqual({ tasks: 4, done: 0, overdue: 2, green: 0, yellow: 1, red: 2, grey: 1 });
  });

  it('is the same in SQL as in plan-light.ts', async () => {
    const today = todayInChina();
    const statuses: TaskStatus[] = ['not_started', 'in_progress', 'done', 'lagging'];
    const cases = statuses.flatMap((status) =>
      [0, 20, 45, 70, 100].flatMap((progress) =>
        [null, -5, 0, 5, 14, 15, 40, 200].flatMap((d) =>
          [null, -120, -30, 0, 10].flatMap((s) =>
            [false, true].map((missedMilestone) => ({
              status,
              progress,
              deadline: d === null ? null : dayOffset(d),
              start: s === null ? null : dayOffset(s),
              missedMilestone,
              today,
            })),
          ),
        ),
      ),
    );
    const values = sql.join(
      cases.map(
        (c, i) =>
          sql`(${i}::int, ${c.status}::text, ${c.progress}::int, ${c.start}::date, ${c.deadline}::date, ${c.missedMilestone}::boolean)`,
      ),
      sql`, `,
    );
    const rows = await queryRows<{ i: number; light: string }>(
      t.db,
      sql`select v.i, ${lightSql(
        {
          status: sql`v.status`,
          progress: sql`v.progress`,
          start: sql`v.start`,
          deadline: sql`v.deadline`,
          missed: sql`v.missed`,
        },
        today,
      )} as light from (values ${values}) as v(i, status, progress, start, deadline, missed) order by v.i`,
    );
    expect(rows.map((r) => r.light)).toEqual(cases.map((c) => taskLight(c).light));
    expect(new Set(rows.map((r) => r.light))).toEqual(new Set(['green', 'yellow', 'red', 'grey']));
  });
});

describe('progress updates', () => {
  it('sets status, share done and the indicator actual, and turns the light', async () => {
    const first = task('1');
    const indicatorId = (await detail(first.id)).indicators[0].id;
    // 90 of 120 days gone, 10% done: well behind.
    let res = await progress(cityOp, first.id, {
      version: first.version,
      status: 'in_progress',
      progress: 10,
      actuals: [{ indicatorId, value: 120 }],
    });
    expect(res.statusCode, res.body).toBe(200);
    let after = res.json().task as TaskDetail;
    expect(after).toMatchObject({
      status: 'in_progress',
      progress: 10,
      light: 'yellow',
      lastProgressOn: todayInChina(),
    });
    expect(after.lightReason).toBe('进度落后于时间（时间已过 75%，完成 10%）');
    expect(after.indicators[0]).toMatchObject({ actual: 120, met: false, actualOn: todayInChina() });

    res = await progress(cityOp, first.id, {
      version: after.version,
      text: '已联系 520 人',
      status: 'done',
      progress: 90,
      actuals: [{ indicatorId, value: 520 }],
    });
    after = res.json().task as TaskDetail;
    expect(after).toMatchObject({
      status: 'done',
      progress: 100,
      light: 'green',
      completedOn: todayInChina(),
    });
    expect(after.indicators[0]).toMatchObject({ actual: 520, met: true });
    expect(after.progressHistory.map((p) => [p.text, p.status, p.progress])).toEqual([
      ['已联系 520 人', 'done', 100],
      ['按计划推进', 'in_progress', 10],
    ]);
    expect(after.progressHistory[0].actuals).toEqual([{ name: '联系新兴青年', value: 520, measure: '人' }]);
  });

  it('refuses a report made on a version already changed (the second save is not lost silently)', async () => {
    const x = task('4');
    const ok = await progress(cityOp, x.id, { version: x.version, status: 'in_progress', progress: 30 });
    expect(ok.statusCode, ok.body).toBe(200);
    const stale = await progress(cityOp, x.id, { version: x.version, status: 'in_progress', progress: 40 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('version_conflict');
    expect((await detail(x.id)).progress).toBe(30);
  });

  it('marks 滞后 red, completes milestones, and checks dates and indicators', async () => {
    const x = await detail(task('3').id);
    let res = await progress(cityOp, x.id, {
      version: x.version,
      date: dayOffset(1),
      status: 'in_progress',
      progress: 5,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('进展日期不能晚于今天');
    res = await progress(cityOp, x.id, { version: x.version, status: 'not_started', progress: 5 });
    expect(res.json().message).toBe('状态为“未开始”时完成比例应为 0%');
    res = await progress(cityOp, x.id, {
      version: x.version,
      status: 'lagging',
      progress: 20,
      actuals: [{ indicatorId: 999999, value: 1 }],
    });
    expect(res.statusCode).toBe(404);
    res = await progress(cityOp, x.id, {
      version: x.version,
      status: 'lagging',
      progress: 20,
      milestonesDone: [x.milestones[0].id],
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = res.json().task as TaskDetail;
    expect(after.milestones[0]).toMatchObject({ doneOn: todayInChina(), missed: false });
    expect(after).toMatchObject({ light: 'red', effectiveStatus: 'lagging' });
    res = await progress(cityOp, x.id, {
      version: after.version,
      date: dayOffset(-10),
      status: 'in_progress',
      progress: 30,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('进展日期不能早于上一次填报的日期');
  });

  it('keeps attachments of a report in the file store, for download within scope', async () => {
    const x = await detail(task('2').id);
    const res = await progress(cityOp, x.id, { version: x.version, status: 'in_progress', progress: 60 });
    const progressId = res.json().progressId as number;
    const file = { name: '花名册报送回执.pdf', content: SAMPLE_FILES.pdf };
    const up = await cityOp.request({
      method: 'POST',
      url: `/api/plan-tasks/${x.id}/progress/${progressId}/files`,
      ...multipart({}, file),
    });
    expect(up.statusCode, up.body).toBe(200);
    const [stored] = (up.json() as TaskDetail).progressHistory[0].files;
    expect(stored.name).toBe('花名册报送回执.pdf');
    const url = `/api/plan-tasks/${x.id}/progress/${progressId}/files/${stored.id}`;
    const down = await provinceAdmin.get(url);
    expect(down.statusCode).toBe(200);
    expect(Buffer.compare(down.rawPayload, SAMPLE_FILES.pdf)).toBe(0);
    expect((await siblingOp.get(url)).statusCode).toBe(404);
    // Another task's report cannot take the file.
    const other = await cityOp.request({
      method: 'POST',
      url: `/api/plan-tasks/${task('4').id}/progress/${progressId}/files`,
      ...multipart({}, file),
    });
    expect(other.statusCode).toBe(404);
    const audits = await queryRows<{ action: string }>(
      t.db,
      sql`select action from audit_log where action like 'plan.progress%' order by id`,
    );
    expect(audits.map((a) => a.action)).toContain('plan.progress_file_uploaded');
    expect(audits.map((a) => a.action)).toContain('plan.progress_file_downloaded');
  });
});

describe('overdue list', () => {
  it('lists every task past its deadline and not done, across plans, within scope', async () => {
    const overdue = async (agent: Agent) =>
      ((await agent.get('/api/plan-tasks?overdue=true&sort=deadline')).json().items as TaskItem[]).map(
        (x) => x.title,
      );
    expect(await overdue(cityOp)).toEqual(['报送花名册', '组建梦想导师团']);
    expect(await overdue(provinceAdmin)).toEqual(['报送花名册', '组建梦想导师团']);
    expect(await overdue(siblingOp)).toEqual([]);
    const red = (await cityOp.get('/api/plan-tasks?light=red')).json().total;
    expect(red).toBe(2);
    const lagging = (await cityOp.get('/api/plan-tasks?status=lagging')).json().items as TaskItem[];
    expect(lagging.map((x) => x.title).sort()).toEqual(['报送花名册', '组建梦想导师团']);
  });
});
