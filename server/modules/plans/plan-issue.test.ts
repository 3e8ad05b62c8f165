import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
import type { PlanCopy, PlanListItem } from '../../../common/contracts/plans';
import type { PlanDetail, TaskDetail } from '../../../common/contracts/plans-tasks';
import { todayInChina } from '../../../common/validators';
import {
  createTestContext,
  createUser,
  login,
  unitIdByCode,
  type Agent,
  type TestContext,
} from '../../test/harness';
import { bodyFrom, draftOf, save, SEED_000 } from './plan-test-support';

let t: TestContext;
let provinceAdmin: Agent; // 江西省: issues the template
let cityOp: Agent; // 南昌市: receives it
let countyAdmin: Agent; // 东湖区
let siblingOp: Agent; // 九江市
let templateId: number;
let ids: {
  jiangxi: number;
  nanchang: number;
  donghu: number;
  jiujiang: number;
  hangzhou: number;
  xunyang: number;
};
const YEAR = 2026;

async function issue(agent: Agent, id: number, body: object) {
  return agent.post(`/api/plans/${id}/issue`, body);
}

async function copies(agent: Agent, id: number) {
  const res = await agent.get(`/api/plans/${id}/copies?pageSize=200`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: PlanCopy[]; total: number; summary: { units: number; done: number } };
}

beforeAll(async () => {
  t = await createTestContext();
  ids = {
    jiangxi: await unitIdByCode(t.db, '360000'),
    nanchang: await unitIdByCode(t.db, '360100'),
    donghu: await unitIdByCode(t.db, '360102'),
    jiujiang: await unitIdByCode(t.db, '360400'),
    xunyang: await unitIdByCode(t.db, '360403'),
    hangzhou: await unitIdByCode(t.db, '330100'),
  };
  provinceAdmin = await login(t, await createUser(t, { role: 'unit_admin', unitCode: '360000' }));
  cityOp = await login(t, await createUser(t, { role: 'operator', unitCode: '360100', totp: false }));
  countyAdmin = await login(t, await createUser(t, { role: 'unit_admin', unitCode: '360102' }));
  siblingOp = await login(t, await createUser(t, { role: 'operator', unitCode: '360400', totp: false }));

  // The 2017 推进步骤 as this year's template of the province: §四 only, 6月31日 corrected, step 2 given
  // departments (宣传部 leads, 社会联络部 takes part) so their matching below can be seen.
  const draft = await draftOf(provinceAdmin, ids.jiangxi, SEED_000, YEAR);
  const body = bodyFrom(draft);
  body.title = `${YEAR}年“筑梦计划”推进步骤`;
  body.kind = 'steps';
  body.sections = body.sections.filter((s) => s.number === '四');
  const step2 = body.sections[0].tasks[1];
  step2.milestones[1].dueDate = `${YEAR}-06-30`;
  step2.deadline = null;
  step2.lead = '宣传部';
  step2.participants = ['社会联络部'];
  templateId = await save(provinceAdmin, body);
});

afterAll(async () => {
  await t?.close();
});

describe('issuing a plan downward as a template', () => {
  it('gives each 重点联系城市 below its own copy, and nothing more when issued again', async () => {
    let res = await issue(provinceAdmin, templateId, { target: 'key_cities' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ targets: 2, created: 2, skipped: 0 });
    res = await issue(provinceAdmin, templateId, { target: 'key_cities' });
    expect(res.json()).toEqual({ targets: 2, created: 0, skipped: 2 });
    const listed = await copies(provinceAdmin, templateId);
    expect(listed.items.map((c) => c.unit.name)).toEqual(['南昌市', '景德镇市']);
    expect(listed.items[0].counts).toMatchObject({ tasks: 4, done: 0 });
  });

  it('reaches the rest of the level, skipping the units that already have it', async () => {
    const res = await issue(provinceAdmin, templateId, { target: 'levels', levels: ['city'] });
    expect(res.json()).toEqual({ targets: 11, created: 9, skipped: 2 });
    expect((await copies(provinceAdmin, templateId)).total).toBe(11);
    const audits = await queryRows<{ detail: { created: number } }>(
      t.db,
      sql`select detail from audit_log where action = 'plan.issued' order by id`,
    );
    expect(audits.map((a) => a.detail.created)).toEqual([2, 0, 9]);
  });

  it('shows the copy in the receiving unit’s list as 上级下发, tasks, milestones and departments copied', async () => {
    const list = (await cityOp.get('/api/plans?source=issued')).json().items as PlanListItem[];
    expect(list).toHaveLength(1);
    const [copy] = list;
    expect(copy).toMatchObject({
      unit: { name: '南昌市' },
      source: 'issued',
      issuedBy: '共青团江西省委员会',
    });
    const detail = (await cityOp.get(`/api/plans/${copy.id}`)).json() as PlanDetail;
    expect(detail.tasks.map((x) => x.deadline)).toEqual([
      `${YEAR}-03-31`,
      `${YEAR}-06-30`,
      `${YEAR}-11-30`,
      `${YEAR}-12-31`,
    ]);
    const step2 = detail.tasks[1];
    expect(step2.lead?.name).toBe('宣传部');
    expect(step2.participants.map((p) => p.name)).toEqual(['社会联络部']);
    const [nanchangDept] = await queryRows<{ unitId: number }>(
      t.db,
      sql`select unit_id as "unitId" from departments where id = ${step2.lead!.id}`,
    );
    expect(nanchangDept.unitId).toBe(ids.nanchang);
    const task = (await cityOp.get(`/api/plan-tasks/${step2.id}`)).json() as TaskDetail;
    expect(task.milestones.map((m) => [m.title, m.dueDate, m.dueText])).toEqual([
      ['各地在组织专题调研、摸清本地新兴领域青年底数的基础上', `${YEAR}-05-31`, '4—5月'],
      ['完成首批重点领域培养对象的遴选工作', `${YEAR}-06-30`, '6 月 31 日前'],
    ]);
    // The province's template is above the city: not visible to it.
    expect((await cityOp.get(`/api/plans/${templateId}`)).statusCode).toBe(404);
  });

  it('keeps unmatched department names in the note for a county without departments', async () => {
    const res = await issue(provinceAdmin, templateId, { target: 'units', unitIds: [ids.donghu] });
    expect(res.json()).toEqual({ targets: 1, created: 1, skipped: 0 });
    const [copy] = (await countyAdmin.get('/api/plans?source=issued')).json().items as PlanListItem[];
    const detail = (await countyAdmin.get(`/api/plans/${copy.id}`)).json() as PlanDetail;
    const step2 = (await countyAdmin.get(`/api/plan-tasks/${detail.tasks[1].id}`)).json() as TaskDetail;
    expect(step2.lead).toBeNull();
    expect(step2.participants).toEqual([]);
    expect(step2.departmentsNote).toBe('（责任部门：宣传部、社会联络部）');
    const division = (await countyAdmin.get(`/api/plans/division?planId=${copy.id}`)).json();
    expect(division.unassigned).toBe(4);
  });

  it('shows the progress of the copies on the template’s page', async () => {
    const [copy] = (await cityOp.get('/api/plans?source=issued')).json().items as PlanListItem[];
    const first = ((await cityOp.get(`/api/plans/${copy.id}`)).json() as PlanDetail).tasks[0];
    const res = await cityOp.post(`/api/plan-tasks/${first.id}/progress`, {
      version: first.version,
      date: todayInChina(),
      text: '已召开部署会',
      status: 'done',
      progress: 100,
    });
    expect(res.statusCode, res.body).toBe(200);
    const listed = await copies(provinceAdmin, templateId);
    expect(listed.items.find((c) => c.unit.name === '南昌市')!.counts.done).toBe(1);
    expect(listed.summary).toMatchObject({ units: 12, done: 1 });
    expect((await siblingOp.get(`/api/plans/${templateId}/copies`)).statusCode).toBe(404);
  });

  it('issues only strictly below the plan’s unit and within the viewer’s scope', async () => {
    let res = await issue(provinceAdmin, templateId, { target: 'units', unitIds: [ids.hangzhou] });
    expect(res.statusCode).toBe(404);
    res = await issue(provinceAdmin, templateId, { target: 'units', unitIds: [ids.jiangxi] });
    expect(res.statusCode).toBe(404);
    res = await issue(cityOp, templateId, { target: 'key_cities' });
    expect(res.statusCode).toBe(404);
    // The city passes its copy on to its counties, not to another city's.
    const [copy] = (await cityOp.get('/api/plans?source=issued')).json().items as PlanListItem[];
    res = await issue(cityOp, copy.id, { target: 'units', unitIds: [ids.xunyang] });
    expect(res.statusCode).toBe(404);
    res = await issue(cityOp, copy.id, { target: 'units', unitIds: [ids.donghu] });
    expect(res.json()).toEqual({ targets: 1, created: 1, skipped: 0 });
    res = await issue(countyAdmin, (await countyAdmin.get('/api/plans')).json().items[0].id, {
      target: 'key_cities',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('东湖区以下没有重点联系城市');
  });

  it('refuses to delete a template that has copies', async () => {
    const plan = (await provinceAdmin.get(`/api/plans/${templateId}`)).json() as PlanDetail;
    expect(plan.copies).toBe(12);
    const res = await provinceAdmin.delete(`/api/plans/${templateId}?version=${plan.version}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe('该方案已下发给 12 个下级单位，不能删除');
  });
});
