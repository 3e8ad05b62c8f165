import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
import { todayInChina } from '../../../common/validators';
import {
  mentorLogs,
  mentorPairings,
  mentors,
  trainingAttendance,
  trainingClasses,
  trainingEnrolments,
  trainingFollowUps,
  trainingLessons,
  youth,
  youthEventParticipants,
  youthEvents,
} from '../../db/schema';
import {
  createTestContext,
  createUser,
  login,
  unitIdByCode,
  type Agent,
  type TestContext,
} from '../../test/harness';

/**
 * 培养 figures on the home page: rows are inserted straight into the training, mentor and event
 * tables (their modules are built elsewhere), then each figure is checked for a city and for its
 * sibling city, which must see none of them.
 */

let t: TestContext;
let ncLeader: Agent;
let jjLeader: Agent;
const today = todayInChina();
const year = Number(today.slice(0, 4));

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

type Db = TestContext['db'];

async function person(db: Db, unitId: number, name: string, stage: 'contact' | 'key') {
  const [row] = await db
    .insert(youth)
    .values({ unitId, name, namePinyin: 'x', nameInitials: 'x', stage })
    .returning({ id: youth.id });
  return row.id;
}

async function trainingClass(db: Db, unitId: number, start: string) {
  const [c] = await db
    .insert(trainingClasses)
    .values({
      unitId,
      title: `培训班${start}`,
      level: 'city',
      capacity: 30,
      startDate: start,
      endDate: addDays(start, 3),
      mode: 'offline',
    })
    .returning({ id: trainingClasses.id });
  const lessons = await db
    .insert(trainingLessons)
    .values(
      [0, 1].map((i) => ({
        classId: c.id,
        unitId,
        title: `第${i + 1}课`,
        kind: 'professional' as const,
        startsAt: new Date(`${addDays(start, i)}T09:00:00+08:00`),
        hours: '2.0',
      })),
    )
    .returning({ id: trainingLessons.id });
  return { id: c.id, lessons: lessons.map((l) => l.id) };
}

async function enrol(
  db: Db,
  cls: { id: number },
  unitId: number,
  youthId: number,
  status: 'applied' | 'admitted' | 'completed' | 'withdrawn',
) {
  const [e] = await db
    .insert(trainingEnrolments)
    .values({
      classId: cls.id,
      unitId,
      youthId,
      status,
      completedAt: status === 'completed' ? new Date() : null,
    })
    .returning({ id: trainingEnrolments.id });
  return e.id;
}

async function pairing(
  db: Db,
  unitId: number,
  mentorId: number,
  youthId: number,
  status: 'proposed' | 'signed' | 'active' | 'completed' | 'terminated',
  startDate: string,
  endDate: string,
) {
  const [p] = await db
    .insert(mentorPairings)
    .values({
      unitId,
      mentorId,
      youthId,
      status,
      startDate,
      endDate,
      signedOn: status === 'proposed' ? null : startDate,
    })
    .returning({ id: mentorPairings.id });
  return p.id;
}

async function mentor(db: Db, unitId: number) {
  const [m] = await db
    .insert(mentors)
    .values({
      unitId,
      name: '刘导师',
      namePinyin: 'liudaoshi',
      nameInitials: 'lds',
      source: '作协会员',
      specialty: '网络文学',
    })
    .returning({ id: mentors.id });
  return m.id;
}

async function event(db: Db, unitId: number, date: string, youthIds: number[]) {
  const [e] = await db
    .insert(youthEvents)
    .values({ unitId, kind: '青春沙龙', title: `沙龙${date}`, date })
    .returning({ id: youthEvents.id });
  if (youthIds.length)
    await db.insert(youthEventParticipants).values(youthIds.map((youthId) => ({ eventId: e.id, youthId })));
}

/** One city's worth of rows: what 南昌市 must count. */
async function seedCity(db: Db, city: number, county: number) {
  const k1 = await person(db, county, '重点一', 'key');
  const k2 = await person(db, city, '重点二', 'key');
  const k3 = await person(db, city, '重点三', 'key');
  const c1 = await person(db, county, '联系一', 'contact');

  const cls = await trainingClass(db, county, `${year}-01-05`);
  const e1 = await enrol(db, cls, county, k1, 'completed');
  const e2 = await enrol(db, cls, county, c1, 'admitted');
  await enrol(db, cls, county, k2, 'withdrawn');
  await enrol(db, cls, county, k3, 'applied');
  await db.insert(trainingAttendance).values([
    { lessonId: cls.lessons[0], enrolmentId: e1, status: 'present' },
    { lessonId: cls.lessons[1], enrolmentId: e1, status: 'late' },
    { lessonId: cls.lessons[0], enrolmentId: e2, status: 'absent' },
    { lessonId: cls.lessons[1], enrolmentId: e2, status: 'present' },
  ]);
  const lastYear = await trainingClass(db, city, `${year - 1}-06-01`);
  const old = await enrol(db, lastYear, city, k2, 'completed');
  await db
    .insert(trainingAttendance)
    .values({ lessonId: lastYear.lessons[0], enrolmentId: old, status: 'present' });

  await db.insert(trainingFollowUps).values([
    { enrolmentId: e1, classId: cls.id, unitId: county, monthsAfter: 3, dueOn: addDays(today, -1) },
    { enrolmentId: e1, classId: cls.id, unitId: county, monthsAfter: 6, dueOn: addDays(today, 1) },
    {
      enrolmentId: old,
      classId: lastYear.id,
      unitId: city,
      monthsAfter: 3,
      dueOn: addDays(today, -90),
      doneOn: addDays(today, -80),
    },
    { enrolmentId: old, classId: lastYear.id, unitId: city, monthsAfter: 6, dueOn: addDays(today, -10) },
  ]);

  const m = await mentor(db, city);
  const p1 = await pairing(db, city, m, k1, 'active', addDays(today, -335), addDays(today, 30));
  await db
    .insert(mentorLogs)
    .values({ pairingId: p1, unitId: city, date: addDays(today, -40), way: '面谈', content: '交流' });
  await pairing(db, city, m, k2, 'signed', addDays(today, -5), addDays(today, 360));
  await pairing(db, city, m, k3, 'proposed', addDays(today, 10), addDays(today, 375));
  await pairing(db, city, m, k3, 'terminated', addDays(today, -400), addDays(today, 20));

  await event(db, county, `${year}-02-01`, [k1, c1]);
  await event(db, city, `${year}-03-01`, [k1]);
  await event(db, city, `${year - 1}-12-31`, [k2, k3]);
}

beforeAll(async () => {
  t = await createTestContext();
  const nc = await unitIdByCode(t.db, '360100');
  const dh = await unitIdByCode(t.db, '360102');
  const jj = await unitIdByCode(t.db, '360400');
  await seedCity(t.db, nc, dh);
  // The sibling city: one key target with an active mentor, one event with one person.
  const kj = await person(t.db, jj, '九江重点', 'key');
  const mj = await mentor(t.db, jj);
  await pairing(t.db, jj, mj, kj, 'active', addDays(today, -400), addDays(today, 10));
  await event(t.db, jj, `${year}-04-01`, [kj]);
  ncLeader = await login(t, await createUser(t, { role: 'leader', unitCode: '360100', totp: false }));
  jjLeader = await login(t, await createUser(t, { role: 'leader', unitCode: '360400', totp: false }));
});

afterAll(async () => {
  await t?.close();
});

describe('培养 figures for the unit’s scope', () => {
  it('counts training, mentoring, follow-ups and events in a city and below it', async () => {
    const res = await ncLeader.get('/api/home/summary');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().cultivation).toEqual({
      year,
      // 重点一 (completed) and 联系一 (admitted); 人次 = present + late attendances this year.
      trained: { people: 2, completed: 1, personTimes: 3 },
      mentoring: { keyTargets: 3, withMentor: 2, share: 0.667, endingSoon: 1, idle: 1 },
      overdueFollowUps: 2,
      events: { events: 2, personTimes: 3, persons: 2, tours: 0, audience: 0 },
      works: { entries: 0, entrants: 0, awards: 0, recommended: 0 },
    });
  });

  it('shows a sibling city only its own rows', async () => {
    const c = (await jjLeader.get('/api/home/summary')).json().cultivation;
    expect(c).toEqual({
      year,
      trained: { people: 0, completed: 0, personTimes: 0 },
      // No log and started 400 days ago: idle; ends in 10 days.
      mentoring: { keyTargets: 1, withMentor: 1, share: 1, endingSoon: 1, idle: 1 },
      overdueFollowUps: 0,
      events: { events: 1, personTimes: 1, persons: 1, tours: 0, audience: 0 },
      works: { entries: 0, entrants: 0, awards: 0, recommended: 0 },
    });
  });

  it('exports the figures as .xlsx with the scope in the title, and audits the export', async () => {
    const res = await ncLeader.get('/api/home/figures/export');
    expect(res.statusCode).toBe(200);
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('培养工作统计');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    wb.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(String(rows[0][0])).toBe(`共青团南昌市委员会培养工作统计（${year} 年）`);
    const byName = new Map(rows.map((r) => [String(r[1]), r[2]]));
    expect(byName.get(`${year} 年参训人数`)).toBe(2);
    expect(byName.get(`${year} 年参训人次`)).toBe(3);
    expect(byName.get('已结对导师的重点培养对象')).toBe(2);
    expect(byName.get('结对覆盖率')).toBe('66.7%');
    expect(byName.get('60 天内到期的结对')).toBe(1);
    expect(byName.get('逾期未完成的跟踪培养')).toBe(2);
    expect(byName.get(`${year} 年活动参与人次`)).toBe(3);
    const audited = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from audit_log where action = 'home.figures_exported'`,
    );
    expect(audited[0].n).toBe(1);
  });
});
