import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
import type { PlanDraft } from '../../../common/contracts/plans-drafts';
import type { PlanDetail, TaskDetail } from '../../../common/contracts/plans-tasks';
import { multipart, SAMPLE_FILES } from '../../platform/files/test-files';
import { docxDocumentXml } from '../../platform/word/test-docx';
import {
  createTestContext,
  createUser,
  login,
  unitIdByCode,
  type Agent,
  type TestContext,
} from '../../test/harness';
import { bodyFrom, docxOf, draftOf, EXPECTED_002, save, SEED_000, SEED_002 } from './plan-test-support';

let t: TestContext;
let cityOp: Agent; // 南昌市 operator
let cityLeader: Agent; // 南昌市 leader: reads only
let provinceAdmin: Agent; // 江西省
let countyAdmin: Agent; // 东湖区, below 南昌市
let siblingOp: Agent; // 九江市
let ids: { nanchang: number; donghu: number; jiujiang: number };
let planId: number;
let docx: Buffer;

async function upload(agent: Agent, unitId: number, file: { name: string; content: Buffer }) {
  return agent.request({
    method: 'POST',
    url: '/api/plans/drafts/document',
    ...multipart({ unitId: String(unitId) }, file),
  });
}

beforeAll(async () => {
  t = await createTestContext();
  ids = {
    nanchang: await unitIdByCode(t.db, '360100'),
    donghu: await unitIdByCode(t.db, '360102'),
    jiujiang: await unitIdByCode(t.db, '360400'),
  };
  cityOp = await login(t, await createUser(t, { role: 'operator', unitCode: '360100', totp: false }));
  cityLeader = await login(t, await createUser(t, { role: 'leader', unitCode: '360100', totp: false }));
  provinceAdmin = await login(t, await createUser(t, { role: 'unit_admin', unitCode: '360000' }));
  countyAdmin = await login(t, await createUser(t, { role: 'unit_admin', unitCode: '360102' }));
  siblingOp = await login(t, await createUser(t, { role: 'operator', unitCode: '360400', totp: false }));
  docx = await docxOf(SEED_002);
});

afterAll(async () => {
  await t?.close();
});

describe('a plan from the document the unit received (seed 002)', () => {
  let draft: PlanDraft;

  it('parses the uploaded .docx into a draft of 23 tasks, keeping the original', async () => {
    const res = await upload(cityOp, ids.nanchang, { name: '洪青发〔2021〕7号.docx', content: docx });
    expect(res.statusCode, res.body).toBe(200);
    draft = res.json() as PlanDraft;
    expect(draft.sections.flatMap((s) => s.tasks)).toHaveLength(23);
    expect(draft).toMatchObject({
      source: 'document',
      docNumber: '洪青发〔2021〕7号',
      issuer: '共青团南昌市委',
      year: 2021,
      kind: 'implementation',
      newDepartments: ['南青基金'],
      problems: [],
    });
    expect(draft.sourceFile?.name).toBe('洪青发〔2021〕7号.docx');
    expect(draft.departments.map((d) => d.name)).toContain('青发部');
  });

  it('saves it as its 23 tasks with the right lead and participating departments, without edits', async () => {
    planId = await save(cityOp, bodyFrom(draft));
    const rows = await queryRows<{
      number: string;
      lead: string | null;
      participants: string[];
      collective: string | null;
    }>(
      t.db,
      sql`select tk.number, ld.name as lead, tk.collective,
            coalesce((select array_agg(d.name order by td.sort_order) from plan_task_departments td
              join departments d on d.id = td.department_id where td.task_id = tk.id), '{}') as participants
          from plan_tasks tk left join departments ld on ld.id = tk.lead_department_id
          where tk.plan_id = ${planId} order by tk.sort_order`,
    );
    expect(rows).toHaveLength(23);
    for (const r of rows) {
      const [lead, participants, collective] = EXPECTED_002[r.number];
      expect([r.number, r.lead, r.participants, r.collective], r.number).toEqual([
        r.number,
        lead,
        participants,
        collective ?? null,
      ]);
    }
    // Every department is 南昌市's own; 南青基金 was made one, and audited.
    const foreign = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from plan_tasks tk join plan_task_departments td on td.task_id = tk.id
          join departments d on d.id = td.department_id where tk.plan_id = ${planId} and d.unit_id <> tk.unit_id`,
    );
    expect(foreign[0].n).toBe(0);
    const audits = await queryRows<{ action: string; label: string }>(
      t.db,
      sql`select action, target_label as label from audit_log where action in ('department.created', 'plan.created')
          order by id`,
    );
    expect(audits).toEqual([
      { action: 'department.created', label: '南青基金' },
      { action: 'plan.created', label: draft.title },
    ]);
  });

  it('shows the plan with sections, tasks, lights and the original to download', async () => {
    const res = await cityOp.get(`/api/plans/${planId}`);
    expect(res.statusCode, res.body).toBe(200);
    const plan = res.json() as PlanDetail;
    expect(plan.sections.map((s) => s.number)).toEqual(['一', '二', '三', '四']);
    expect(plan.counts).toMatchObject({ tasks: 23, done: 0, overdue: 0, grey: 23 });
    const task7 = plan.tasks.find((x) => x.number === '7')!;
    expect(task7.lead?.name).toBe('青发部');
    expect(task7.participants.map((p) => p.name)).toEqual(['组织部', '宣传部', '统战部', '学少部', '志联部']);
    expect(task7).toMatchObject({ light: 'grey', effectiveStatus: 'not_started', section: { number: '二' } });
    expect(plan.sourceFile?.name).toBe('洪青发〔2021〕7号.docx');
    const original = await cityOp.get(`/api/plans/${planId}/source`);
    expect(original.statusCode).toBe(200);
    expect(Buffer.compare(original.rawPayload, docx)).toBe(0);
  });

  it('will not link the same original to a second plan', async () => {
    const res = await cityOp.post('/api/plans', bodyFrom(draft));
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('方案原文文件无效');
  });

  it('refuses a .doc with a message saying what to do', async () => {
    const res = await upload(cityOp, ids.nanchang, { name: '方案.doc', content: SAMPLE_FILES.doc });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/只能读取 Word 文档（\.docx）.*另存为 \.docx/);
  });

  it('lists the plan with its counts', async () => {
    const res = await cityOp.get('/api/plans?year=2021&q=五城');
    expect(res.statusCode, res.body).toBe(200);
    const [item] = res.json().items;
    expect(item).toMatchObject({ id: planId, source: 'document', counts: { tasks: 23, grey: 23 } });
  });
});

describe('6月31日 (seed 000 §四)', () => {
  it('refuses the impossible date naming the task, and saves once it is corrected', async () => {
    const draft = await draftOf(cityOp, ids.nanchang, SEED_000);
    expect(draft.problems).toEqual([
      { where: '四、第2项', message: '日期不存在：6月31日（6月只有30天），请更正' },
    ]);
    const body = bodyFrom(draft);
    body.sections = body.sections.filter((s) => s.number === '四');
    const step2 = body.sections[0].tasks[1];
    let res = await cityOp.post('/api/plans', body);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe(
      '四、第2项「4—5月，各地在组织专题调研、摸清本地新…」推进节点「完成首批重点领域培养对象的遴选工作」缺少日期（原文：6 月 31 日前），请填写',
    );
    step2.milestones[1].dueDate = '2017-06-31';
    res = await cityOp.post('/api/plans', body);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('日期「2017-06-31」有误（日期不存在：6 月没有 31 日）');
    expect(res.json().message).toContain('四、第2项');
    step2.milestones[1].dueDate = '2017-06-30';
    step2.deadline = null;
    const id = await save(cityOp, body);
    const plan = (await cityOp.get(`/api/plans/${id}`)).json() as PlanDetail;
    expect(plan.tasks.map((x) => x.deadline)).toEqual([
      '2017-03-31',
      '2017-06-30',
      '2017-11-30',
      '2017-12-31',
    ]);
    expect(plan.counts.overdue).toBe(4);
  });
});

describe('tasks by hand', () => {
  it('adds, edits and deletes a task; departments must be the unit’s; a stale version is refused', async () => {
    const plan = (await cityOp.get(`/api/plans/${planId}`)).json() as PlanDetail;
    const dept = (name: string) => plan.departments.find((d) => d.name === name)!.id;
    const created = await cityOp.post(`/api/plans/${planId}/tasks`, {
      sectionId: plan.sections[3].id,
      number: '24',
      title: '建立新兴青年联系制度',
      leadDepartmentId: dept('社会联络部'),
      participantIds: [dept('宣传部')],
      deadline: '2021-12-31',
      milestones: [{ title: '完成摸底', dueDate: '2021-06-30' }],
      indicators: [{ name: '联系新兴青年', comparator: '≥', target: 500, measure: '人', period: '全年' }],
    });
    expect(created.statusCode, created.body).toBe(200);
    const taskId = created.json().id as number;
    let task = (await cityOp.get(`/api/plan-tasks/${taskId}`)).json() as TaskDetail;
    expect(task).toMatchObject({ lead: { name: '社会联络部' }, participants: [{ name: '宣传部' }] });
    expect(task.indicators[0]).toMatchObject({ name: '联系新兴青年', target: 500, actual: null, met: null });

    const [otherDept] = await queryRows<{ id: number }>(
      t.db,
      sql`select id from departments where unit_id = ${ids.jiujiang} limit 1`,
    );
    const edit = {
      version: task.version,
      sectionId: task.section!.id,
      number: '24',
      title: '建立新兴青年常态化联系制度',
      leadDepartmentId: otherDept.id,
      participantIds: [],
      milestones: [{ id: task.milestones[0].id, title: '完成摸底', dueDate: '2021-07-31' }],
      indicators: [
        { id: task.indicators[0].id, name: '联系新兴青年', comparator: '≥', target: 800, measure: '人' },
      ],
    };
    let res = await cityOp.patch(`/api/plan-tasks/${taskId}`, edit);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('所选部门不属于本单位');

    res = await cityOp.patch(`/api/plan-tasks/${taskId}`, { ...edit, leadDepartmentId: dept('青发部') });
    expect(res.statusCode, res.body).toBe(200);
    task = res.json() as TaskDetail;
    expect(task).toMatchObject({
      title: '建立新兴青年常态化联系制度',
      lead: { name: '青发部' },
      participants: [],
    });
    expect(task.milestones.map((m) => m.dueDate)).toEqual(['2021-07-31']);
    expect(task.indicators[0].target).toBe(800);
    // Without a deadline of its own the task is due at its last milestone.
    expect(task.deadline).toBe('2021-07-31');

    res = await cityOp.patch(`/api/plan-tasks/${taskId}`, edit);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('version_conflict');

    res = await cityLeader.delete(`/api/plan-tasks/${taskId}?version=${task.version}`);
    expect(res.statusCode).toBe(403);
    res = await cityOp.delete(`/api/plan-tasks/${taskId}?version=${task.version}`);
    expect(res.statusCode, res.body).toBe(200);
    expect((await cityOp.get(`/api/plan-tasks/${taskId}`)).statusCode).toBe(404);
  });

  it('edits the plan’s sections but keeps a section that still has tasks', async () => {
    const plan = (await cityOp.get(`/api/plans/${planId}`)).json() as PlanDetail;
    const base = {
      title: plan.title,
      kind: plan.kind,
      year: plan.year,
      docNumber: plan.docNumber,
      version: plan.version,
    };
    let res = await cityOp.patch(`/api/plans/${planId}`, { ...base, sections: plan.sections.slice(0, 3) });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe(
      '章节「四、适应时代要求、深化共青团改革创新，为组织动员广大青年投身社会主义现代化建设提供坚实保障」下还有 4 项任务，不能删除',
    );
    res = await cityOp.patch(`/api/plans/${planId}`, {
      ...base,
      endDate: '2021-12-31',
      sections: [...plan.sections, { number: '五', title: '保障措施' }],
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = (await cityOp.get(`/api/plans/${planId}`)).json() as PlanDetail;
    expect(after.sections.map((s) => s.number)).toEqual(['一', '二', '三', '四', '五']);
    // With the plan's end date the tasks now have a deadline, long passed.
    expect(after.counts).toMatchObject({ overdue: 23, red: 23 });
  });
});

describe('department view and exports', () => {
  it('shows the 分工 matrix with each department’s counts', async () => {
    const res = await cityLeader.get(`/api/plans/division?planId=${planId}`);
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json() as {
      departments: { id: number; name: string; lead: number; participant: number; overdue: number }[];
      tasks: { number: string; leadDepartmentId: number; participantIds: number[] }[];
      unassigned: number;
    };
    const byName = new Map(view.departments.map((d) => [d.name, d]));
    expect(byName.get('青发部')).toMatchObject({ lead: 4, participant: 6, overdue: 10 });
    expect(byName.get('南青基金')).toMatchObject({ lead: 1, participant: 1 });
    expect(byName.get('社会联络部')).toMatchObject({ lead: 0, participant: 0 });
    const task7 = view.tasks.find((x) => x.number === '7')!;
    expect(task7.leadDepartmentId).toBe(byName.get('青发部')!.id);
    expect(task7.participantIds.map((id) => view.departments.find((d) => d.id === id)!.name)).toEqual([
      '组织部',
      '宣传部',
      '统战部',
      '学少部',
      '志联部',
    ]);
    expect(view.unassigned).toBe(0);
  });

  it('filters the task list by department and role', async () => {
    const plan = (await cityOp.get(`/api/plans/${planId}`)).json() as PlanDetail;
    const qingfa = plan.departments.find((d) => d.name === '青发部')!.id;
    const numbers = async (query: string) =>
      (
        (await cityOp.get(`/api/plan-tasks?planId=${planId}&pageSize=50&${query}`)).json().items as {
          number: string;
        }[]
      ).map((x) => x.number);
    expect(await numbers(`departmentId=${qingfa}&role=lead`)).toEqual(['6', '7', '13', '21']);
    expect(await numbers(`departmentId=${qingfa}&role=participant`)).toEqual([
      '5',
      '8',
      '10',
      '12',
      '14',
      '16',
    ]);
    expect(await numbers(`departmentId=${qingfa}`)).toHaveLength(10);
    expect(await numbers('q=婚恋')).toEqual(['19']);
  });

  it('exports the progress report as an official-style Word document and the 任务分工表 as .xlsx', async () => {
    const word = await cityOp.get(`/api/plans/${planId}/report`);
    expect(word.statusCode).toBe(200);
    expect(word.headers['content-disposition']).toContain(encodeURIComponent('推进情况报告'));
    const xml = await docxDocumentXml(word.rawPayload);
    for (const text of [
      '任务推进情况报告',
      '洪青发〔2021〕7号',
      '牵头部门：青发部',
      '深化乡村振兴青春建功行动',
      '合计',
    ]) {
      expect(xml).toContain(text);
    }
    expect(xml).toContain('提供适合大学生就业的岗位信息');

    const excel = await cityOp.get(`/api/plans/${planId}/division/export`);
    expect(excel.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(excel.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    expect(String(sheet.getCell('A1').value)).toContain('任务分工表');
    const header = (sheet.getRow(4).values as unknown[]).map(String);
    const row7 = sheet.getRow(4 + 7).values as unknown[];
    expect(row7[header.indexOf('任务')]).toBe('深化乡村振兴青春建功行动');
    expect(row7[header.indexOf('青发部')]).toBe('●');
    expect(row7[header.indexOf('组织部')]).toBe('○');
    expect(row7[header.indexOf('办公室')]).toBeFalsy();
    const audits = await queryRows<{ action: string }>(
      t.db,
      sql`select action from audit_log where action in ('plan.report_exported', 'plan.tasks_exported') order by id`,
    );
    expect(audits.map((a) => a.action)).toEqual(['plan.report_exported', 'plan.tasks_exported']);
  });
});

describe('scope', () => {
  it('a sibling city gets 404; a county cannot see the city’s plan; the province sees it', async () => {
    const plan = (await cityOp.get(`/api/plans/${planId}`)).json() as PlanDetail;
    const taskId = plan.tasks[0].id;
    for (const url of [`/api/plans/${planId}`, `/api/plan-tasks/${taskId}`, `/api/plans/${planId}/report`]) {
      expect((await siblingOp.get(url)).statusCode, url).toBe(404);
      expect((await countyAdmin.get(url)).statusCode, url).toBe(404);
      expect((await provinceAdmin.get(url)).statusCode, url).toBe(200);
    }
    expect((await siblingOp.get('/api/plans?year=2021')).json().total).toBe(0);
    expect((await provinceAdmin.get(`/api/plans?unitId=${ids.nanchang}`)).json().total).toBeGreaterThan(0);
    const write = await siblingOp.post(`/api/plan-tasks/${taskId}/progress`, {
      version: plan.tasks[0].version,
      date: '2021-06-01',
      text: '越权填报',
      status: 'in_progress',
      progress: 10,
    });
    expect(write.statusCode).toBe(404);
    expect(
      (await siblingOp.post('/api/plans/drafts/text', { unitId: ids.nanchang, text: SEED_002 })).statusCode,
    ).toBe(404);
    expect(
      (await cityLeader.post('/api/plans/drafts/text', { unitId: ids.nanchang, text: SEED_002 })).statusCode,
    ).toBe(403);
    // The county may plan for itself.
    const own = await countyAdmin.post('/api/plans/drafts/text', {
      unitId: ids.donghu,
      text: '1. 开展走访。',
    });
    expect(own.statusCode, own.body).toBe(200);
  });
});
