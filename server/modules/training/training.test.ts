import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { todayInChina } from '../../../common/validators';
import { queryRows } from '../../db/client';
import { docxDocumentXml } from '../../platform/word/test-docx';
import { createTestContext, createUser, login, type Agent, type TestContext } from '../../test/harness';

let t: TestContext;
let cityOp: Agent; // 南昌市 operator
let cityLeader: Agent; // reads only
let donghuOp: Agent; // 东湖区, a county under 南昌市
let xihuOp: Agent; // 西湖区, its sibling

beforeAll(async () => {
  t = await createTestContext();
  cityOp = await login(t, await createUser(t, { role: 'operator', unitCode: '360100', totp: false }));
  cityLeader = await login(t, await createUser(t, { role: 'leader', unitCode: '360100', totp: false }));
  donghuOp = await login(t, await createUser(t, { role: 'operator', unitCode: '360102', totp: false }));
  xihuOp = await login(t, await createUser(t, { role: 'operator', unitCode: '360103', totp: false }));
});

afterAll(async () => {
  await t?.close();
});

const ok = <T>(res: { statusCode: number; body: string; json(): unknown }) => {
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as T;
};

async function person(agent: Agent, name: string, key = false): Promise<number> {
  const { youth } = ok<{ youth: { id: number } }>(await agent.post('/api/youth', { name }));
  if (key) await t.db.execute(sql`update youth set stage = 'key' where id = ${youth.id}`);
  return youth.id;
}

type ClassDetail = { id: number; version: number; status: string; lessons: { id: number }[] };

async function newClass(agent: Agent, extra: Record<string, unknown> = {}): Promise<ClassDetail> {
  return ok<ClassDetail>(
    await agent.post('/api/training/classes', {
      title: '2026年新兴青年培训班',
      level: 'city',
      capacity: 2,
      startDate: '2026-03-02',
      endDate: '2026-03-06',
      mode: 'offline',
      place: '南昌市青年之家',
      ...extra,
    }),
  );
}

async function lesson(agent: Agent, classId: number, title: string, day: number) {
  return ok<{ id: number }>(
    await agent.post(`/api/training/classes/${classId}/lessons`, {
      title,
      kind: day % 2 ? 'professional' : 'ideological',
      topic: day % 2 ? '创作实践' : '政策解读',
      teacher: '李老师',
      startsAt: `2026-03-0${day + 1}T09:00:00+08:00`,
      hours: 3,
    }),
  ).id;
}

type Enrolment = {
  id: number;
  youthId: number;
  name: string;
  status: string;
  keyTarget: boolean;
  waitlistPosition: number | null;
  version: number;
};
const roster = async (classId: number) =>
  ok<{ items: Enrolment[] }>(await cityOp.get(`/api/training/classes/${classId}/enrolments`)).items;
const byName = (items: Enrolment[], name: string) => items.find((e) => e.name === name)!;

describe('institutions', () => {
  it('keeps the contact phone encrypted and shows it masked', async () => {
    const created = ok<{ id: number; contactPhone: string; version: number }>(
      await cityOp.post('/api/training/institutions', {
        name: '南昌市作家协会',
        kind: '行业协会',
        backing: '作协',
        contactName: '王老师',
        contactPhone: '13912345678',
      }),
    );
    expect(created.contactPhone).toBe('139****5678');
    const [row] = await queryRows<{ enc: string }>(
      t.db,
      sql`select contact_phone_enc as enc from training_institutions where id = ${created.id}`,
    );
    expect(row.enc).not.toContain('13912345678');
    const listed = ok<{ items: { name: string }[] }>(await xihuOp.get('/api/training/institutions'));
    expect(listed.items.map((i) => i.name)).not.toContain('南昌市作家协会');
    expect(
      (await xihuOp.patch(`/api/training/institutions/${created.id}`, { version: 1, name: '改名' }))
        .statusCode,
    ).toBe(404);
    const stale = await cityOp.patch(`/api/training/institutions/${created.id}`, {
      version: 9,
      name: '改名',
    });
    expect(stale.statusCode).toBe(409);
  });
});

describe('enrolment: capacity, key targets first, waiting list', () => {
  let classId: number;

  beforeAll(async () => {
    classId = (await newClass(cityOp)).id;
    const ids = [
      await person(cityOp, '普通甲'),
      await person(cityOp, '普通乙'),
      await person(cityOp, '普通丙'),
      await person(donghuOp, '重点丁', true),
      await person(cityOp, '重点戊', true),
    ];
    const added = ok<{ added: number; skipped: unknown[] }>(
      await cityOp.post(`/api/training/classes/${classId}/enrolments`, { youthIds: ids }),
    );
    expect(added).toEqual({ added: 5, skipped: [] });
    const again = ok<{ added: number; skipped: { reason: string }[] }>(
      await cityOp.post(`/api/training/classes/${classId}/enrolments`, { youthIds: [ids[0]] }),
    );
    expect(again.added).toBe(0);
    expect(again.skipped[0].reason).toContain('已在本班');
  });

  it('admits key targets first up to capacity; the others wait in order of application', async () => {
    expect(ok(await cityOp.post(`/api/training/classes/${classId}/admit`))).toEqual({
      admitted: 2,
      waitlisted: 3,
    });
    const items = await roster(classId);
    expect(byName(items, '重点丁').status).toBe('admitted');
    expect(byName(items, '重点戊').status).toBe('admitted');
    expect(['普通甲', '普通乙', '普通丙'].map((n) => byName(items, n).waitlistPosition)).toEqual([1, 2, 3]);
    expect(items.every((e) => e.name.startsWith('重点') === e.keyTarget)).toBe(true);
  });

  it('a key target applying later goes ahead of the waiting list', async () => {
    const late = await person(cityOp, '重点己', true);
    ok(await cityOp.post(`/api/training/classes/${classId}/enrolments`, { youthIds: [late] }));
    ok(await cityOp.post(`/api/training/classes/${classId}/admit`));
    const items = await roster(classId);
    expect(byName(items, '重点己')).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    expect(byName(items, '普通甲').waitlistPosition).toBe(2);
  });

  it('a withdrawal needs a reason and promotes the first on the waiting list', async () => {
    const leaving = byName(await roster(classId), '重点戊');
    const noReason = await cityOp.post(`/api/training/enrolments/${leaving.id}/withdraw`, {
      reason: '',
      version: leaving.version,
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().message).toContain('退出原因');
    const res = ok<{ promoted: { name: string } }>(
      await cityOp.post(`/api/training/enrolments/${leaving.id}/withdraw`, {
        reason: '工作冲突',
        version: leaving.version,
      }),
    );
    expect(res.promoted.name).toBe('重点己');
    const items = await roster(classId);
    expect(byName(items, '重点戊')).toMatchObject({ status: 'withdrawn' });
    expect(byName(items, '重点己').status).toBe('admitted');
    expect(['普通甲', '普通乙', '普通丙'].map((n) => byName(items, n).waitlistPosition)).toEqual([1, 2, 3]);
  });

  it('a leader reads the roster but may not change it', async () => {
    expect((await cityLeader.get(`/api/training/classes/${classId}/enrolments`)).statusCode).toBe(200);
    expect((await cityLeader.post(`/api/training/classes/${classId}/admit`)).statusCode).toBe(403);
  });
});

describe('scope across units', () => {
  it('a sibling county sees neither the class nor its people; the county cannot enrol outside its own', async () => {
    const donghuClass = await newClass(donghuOp, { title: '东湖区网络作家培训班', level: 'county' });
    expect((await xihuOp.get(`/api/training/classes/${donghuClass.id}`)).statusCode).toBe(404);
    expect((await xihuOp.get(`/api/training/classes/${donghuClass.id}/attendance`)).statusCode).toBe(404);
    expect((await xihuOp.post(`/api/training/classes/${donghuClass.id}/admit`)).statusCode).toBe(404);
    const list = ok<{ items: { id: number }[] }>(await xihuOp.get('/api/training/classes'));
    expect(list.items.map((c) => c.id)).not.toContain(donghuClass.id);
    expect((await cityOp.get(`/api/training/classes/${donghuClass.id}`)).statusCode).toBe(200);
    const xihuPerson = await person(xihuOp, '西湖青年');
    const refused = await donghuOp.post(`/api/training/classes/${donghuClass.id}/enrolments`, {
      youthIds: [xihuPerson],
    });
    expect(refused.statusCode).toBe(404);
  });
});

describe('attendance, completion and follow-up', () => {
  let cls: ClassDetail;
  let lessons: number[];
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    cls = await newClass(cityOp, {
      title: '2025年南昌市新文艺青年培训班',
      capacity: 10,
      startDate: '2025-06-02',
      endDate: '2025-06-06',
      followUpMonths: [6, 3],
      minAttendanceRate: 0.8,
    });
    lessons = [];
    for (let i = 1; i <= 5; i++) lessons.push(await lesson(cityOp, cls.id, `第${i}课`, i));
    for (const n of ['全勤', '缺一', '缺二']) ids[n] = await person(cityOp, n, true);
    ok(await cityOp.post(`/api/training/classes/${cls.id}/enrolments`, { youthIds: Object.values(ids) }));
    ok(await cityOp.post(`/api/training/classes/${cls.id}/admit`));
  });

  it('marks the grid in one batch and refuses a mark for someone not admitted', async () => {
    const items = await roster(cls.id);
    const e = (n: string) => byName(items, n).id;
    const marks = lessons.flatMap((l, i) => [
      { lessonId: l, enrolmentId: e('全勤'), status: i === 4 ? 'late' : 'present' },
      { lessonId: l, enrolmentId: e('缺一'), status: i === 0 ? 'leave' : 'present' },
      { lessonId: l, enrolmentId: e('缺二'), status: i < 2 ? 'absent' : 'present' },
    ]);
    expect(ok(await cityOp.put(`/api/training/classes/${cls.id}/attendance`, { marks }))).toEqual({
      changed: 15,
    });
    const grid = ok<{ participants: { name: string; attendanceRate: number }[] }>(
      await cityOp.get(`/api/training/classes/${cls.id}/attendance`),
    );
    expect(grid.participants.find((p) => p.name === '缺二')!.attendanceRate).toBeCloseTo(0.6);
    const other = await newClass(cityOp, { title: '另一个培训班' });
    const wrong = await cityOp.put(`/api/training/classes/${other.id}/attendance`, {
      marks: [{ lessonId: lessons[0], enrolmentId: e('全勤'), status: 'present' }],
    });
    expect(wrong.statusCode).toBe(400);
  });

  it('the check applies the rule (≥ 80%) and says why someone fails', async () => {
    const check = ok<{ rows: { name: string; passes: boolean; reason: string | null }[] }>(
      await cityOp.get(`/api/training/classes/${cls.id}/completion`),
    );
    const r = (n: string) => check.rows.find((x) => x.name === n)!;
    expect(r('全勤').passes).toBe(true);
    expect(r('缺一').passes).toBe(true);
    expect(r('缺二')).toMatchObject({ passes: false, reason: '出勤 3/5 节（60%），低于结业要求 80%' });
  });

  it('completes those who pass, schedules follow-ups N months after the end, and closes the class', async () => {
    const { version } = ok<ClassDetail>(await cityOp.get(`/api/training/classes/${cls.id}`));
    const done = ok<{ completed: number; followUps: number; failed: { name: string }[] }>(
      await cityOp.post(`/api/training/classes/${cls.id}/complete`, { version }),
    );
    expect(done.completed).toBe(2);
    expect(done.followUps).toBe(4);
    expect(done.failed.map((f) => f.name)).toEqual(['缺二']);
    const items = await roster(cls.id);
    expect(byName(items, '全勤').status).toBe('completed');
    expect(byName(items, '缺二').status).toBe('admitted');
    const due = await queryRows<{ months: number; due: string }>(
      t.db,
      sql`select months_after as months, due_on::text as due from training_follow_ups
          where class_id = ${cls.id} order by months_after, id`,
    );
    expect(due.map((d) => `${d.months}:${d.due}`)).toEqual([
      '3:2025-09-06',
      '3:2025-09-06',
      '6:2025-12-06',
      '6:2025-12-06',
    ]);
    const again = await cityOp.post(`/api/training/classes/${cls.id}/complete`, { version: version + 1 });
    expect(again.statusCode).toBe(409);
    const mark = await cityOp.put(`/api/training/classes/${cls.id}/attendance`, {
      marks: [{ lessonId: lessons[0], enrolmentId: byName(items, '缺二').id, status: 'present' }],
    });
    expect(mark.statusCode).toBe(409);
  });

  it('lists overdue follow-ups in scope; recording one takes it off the list', async () => {
    expect(todayInChina() > '2025-12-06').toBe(true);
    type Page = {
      items: { id: number; name: string; overdue: boolean; daysOverdue: number }[];
      total: number;
    };
    const overdue = ok<Page>(await cityOp.get(`/api/training/follow-ups?status=overdue&classId=${cls.id}`));
    expect(overdue.total).toBe(4);
    expect(overdue.items.every((f) => f.overdue && f.daysOverdue > 0)).toBe(true);
    expect(ok<Page>(await xihuOp.get('/api/training/follow-ups?status=all')).total).toBe(0);
    const record = { doneOn: todayInChina(), way: '面谈', summary: '了解创作进展，推荐参加省作协活动' };
    expect((await xihuOp.post(`/api/training/follow-ups/${overdue.items[0].id}`, record)).statusCode).toBe(
      404,
    );
    const recorded = ok<{ doneOn: string; overdue: boolean }>(
      await cityOp.post(`/api/training/follow-ups/${overdue.items[0].id}`, record),
    );
    expect(recorded.overdue).toBe(false);
    const after = ok<Page>(await cityOp.get(`/api/training/follow-ups?status=overdue&classId=${cls.id}`));
    expect(after.total).toBe(3);
  });

  it('exports the completion list masked, and the summary as a Word document with the class title', async () => {
    const xlsx = await cityOp.get(`/api/training/classes/${cls.id}/completion.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const text = JSON.stringify(wb.worksheets[0].getSheetValues());
    expect(text).toContain('全勤');
    expect(text).toContain('未结业：出勤 3/5 节');
    const docx = await cityLeader.get(`/api/training/classes/${cls.id}/summary.docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-disposition']).toContain(encodeURIComponent('总结.docx'));
    const xml = await docxDocumentXml(docx.rawPayload);
    expect(xml).toContain('2025年南昌市新文艺青年培训班总结');
    expect(xml).toContain('仿宋_GB2312');
    expect(xml).toContain('参训人员构成');
    const audit = await queryRows<{ action: string }>(
      t.db,
      sql`select action from audit_log where target_id = ${String(cls.id)} and action like 'training.%'`,
    );
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['training.class_created', 'training.completed', 'training.summary_exported']),
    );
  });
});
