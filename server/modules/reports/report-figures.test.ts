import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  mentorLogs,
  mentorPairings,
  mentors,
  trainingAttendance,
  trainingClasses,
  trainingEnrolments,
  trainingLessons,
  youth,
  youthEventParticipants,
  youthEvents,
  youthInteractions,
  youthStageChanges,
} from '../../db/schema';
import type { FigureRow } from '../../../common/contracts/reports-submissions';
import { createTestContext, createUser, type Agent, type TestContext } from '../../test/harness';
import {
  act,
  actOk,
  agent,
  getSubmission,
  openCollection,
  save,
  submissionId,
  unitIds,
  type UnitKey,
} from './report-test-kit';

/**
 * The indicators of a 季度工作进展 for 2025 Q2 (2025-04-01 … 2025-06-30), counted from rows put straight
 * into the registry, training, mentor and event tables for 南昌市 (city), 东湖区 (its county) and 九江市
 * (a sibling, never counted), with rows just outside the quarter on both sides.
 */

let t: TestContext;
let ids: Record<UnitKey, number>;
let jiangxi: Agent;
let nanchang: Agent;
let donghu: Agent;
let userId: number;
type Db = TestContext['db'];

const at = (beijing: string) => new Date(`${beijing}+08:00`);

async function person(db: Db, unitId: number, name: string, stage: 'contact' | 'key', createdAt: string) {
  const [row] = await db
    .insert(youth)
    .values({ unitId, name, namePinyin: name, nameInitials: name, stage, createdAt: at(createdAt) })
    .returning({ id: youth.id });
  return row.id;
}

async function contact(db: Db, youthId: number, unitId: number, date: string) {
  await db
    .insert(youthInteractions)
    .values({ youthId, unitId, date, way: '走访', contactedBy: '团干部', summary: '了解需求' });
}

async function seed(db: Db) {
  const { nanchang: nc, donghu: dh, jiujiang: jj } = ids;
  const a = await person(db, nc, '甲', 'key', '2025-05-01T10:00:00');
  const b = await person(db, dh, '乙', 'contact', '2025-04-01T00:30:00');
  const c = await person(db, nc, '丙', 'contact', '2025-07-01T00:30:00');
  const d = await person(db, jj, '丁', 'key', '2025-05-01T10:00:00');
  const e = await person(db, dh, '戊', 'key', '2024-03-01T10:00:00');

  await contact(db, a, nc, '2025-04-10');
  await contact(db, a, nc, '2025-04-11');
  await contact(db, b, dh, '2025-06-30');
  await contact(db, c, nc, '2025-07-01');
  await contact(db, d, jj, '2025-05-01');

  const change = (
    youthId: number,
    unitId: number,
    status: 'approved' | 'pending',
    reviewedAt: string | null,
  ) => ({
    youthId,
    unitId,
    fromStage: 'contact' as const,
    toStage: 'key' as const,
    reason: '作品突出',
    proposedBy: userId,
    status,
    reviewedAt: reviewedAt ? at(reviewedAt) : null,
  });
  await db
    .insert(youthStageChanges)
    .values([
      change(a, nc, 'approved', '2025-05-02T09:00:00'),
      change(e, dh, 'approved', '2025-07-02T09:00:00'),
      change(d, jj, 'approved', '2025-05-02T09:00:00'),
    ]);

  const [cls] = await db
    .insert(trainingClasses)
    .values({
      unitId: nc,
      title: '网络作家培训班',
      level: 'city',
      capacity: 30,
      startDate: '2025-05-10',
      endDate: '2025-05-12',
      mode: 'offline',
    })
    .returning({ id: trainingClasses.id });
  const lessons = await db
    .insert(trainingLessons)
    .values(
      ['2025-05-10', '2025-05-11'].map((day, i) => ({
        classId: cls.id,
        unitId: nc,
        title: `第${i + 1}课`,
        kind: 'professional' as const,
        startsAt: at(`${day}T09:00:00`),
        hours: '2.0',
      })),
    )
    .returning({ id: trainingLessons.id });
  const enrol = async (youthId: number, status: 'admitted' | 'completed' | 'withdrawn') => {
    const [row] = await db
      .insert(trainingEnrolments)
      .values({ classId: cls.id, unitId: nc, youthId, status })
      .returning({ id: trainingEnrolments.id });
    return row.id;
  };
  const ea = await enrol(a, 'admitted');
  const eb = await enrol(b, 'completed');
  await enrol(c, 'withdrawn');
  await db.insert(trainingAttendance).values([
    { lessonId: lessons[0].id, enrolmentId: ea, status: 'present' },
    { lessonId: lessons[1].id, enrolmentId: ea, status: 'present' },
    { lessonId: lessons[0].id, enrolmentId: eb, status: 'late' },
    { lessonId: lessons[1].id, enrolmentId: eb, status: 'absent' },
  ]);

  const [m] = await db
    .insert(mentors)
    .values({
      unitId: nc,
      name: '王导师',
      namePinyin: 'wangdaoshi',
      nameInitials: 'wds',
      source: '作协会员',
      specialty: '网络文学',
    })
    .returning({ id: mentors.id });
  const pair = async (youthId: number, status: 'active' | 'terminated', signedOn: string) => {
    const [p] = await db
      .insert(mentorPairings)
      .values({
        unitId: nc,
        mentorId: m.id,
        youthId,
        status,
        startDate: signedOn,
        endDate: '2027-12-31',
        signedOn,
      })
      .returning({ id: mentorPairings.id });
    return p.id;
  };
  const p1 = await pair(a, 'active', '2025-04-15');
  const p2 = await pair(e, 'active', '2024-12-01');
  await pair(b, 'terminated', '2025-05-20');
  const log = (pairingId: number, date: string) => ({
    pairingId,
    unitId: nc,
    date,
    way: '面谈',
    content: '指导创作',
  });
  await db
    .insert(mentorLogs)
    .values([log(p1, '2025-04-20'), log(p1, '2025-06-20'), log(p2, '2025-05-05'), log(p2, '2025-07-05')]);

  const event = async (unitId: number, date: string, people: number[]) => {
    const [ev] = await db
      .insert(youthEvents)
      .values({ unitId, kind: '青春沙龙', title: `沙龙${date}`, date })
      .returning({ id: youthEvents.id });
    if (people.length)
      await db.insert(youthEventParticipants).values(people.map((youthId) => ({ eventId: ev.id, youthId })));
  };
  await event(dh, '2025-06-01', [a, b]);
  await event(nc, '2025-07-05', [a]);
  await event(jj, '2025-06-01', [d]);
  return { a, b };
}

const values = (figures: FigureRow[]) => Object.fromEntries(figures.map((f) => [f.key, f.auto]));
let people: { a: number; b: number };
let collectionId: number;

beforeAll(async () => {
  t = await createTestContext();
  ids = await unitIds(t);
  const u = await createUser(t, { role: 'operator', unitCode: '360100', totp: false });
  userId = u.id;
  jiangxi = await agent(t, 'jiangxi');
  nanchang = await agent(t, 'nanchang', 'operator');
  donghu = await agent(t, 'donghu', 'operator');
  people = await seed(t.db);
  const c = await openCollection(jiangxi, {
    form: 'quarterly',
    year: 2025,
    quarter: 2,
    target: { mode: 'units', unitIds: [ids.nanchang, ids.donghu] },
  });
  collectionId = c.id;
});

afterAll(async () => {
  await t?.close();
});

describe('indicators counted for the period', () => {
  it('counts the unit and everything below it, inside the quarter only', async () => {
    const d = await getSubmission(nanchang, await submissionId(t, collectionId, ids.nanchang));
    expect(values(d.figures)).toEqual({
      contacted: 2,
      registered: 2,
      keyTargets: 2,
      newKeyTargets: 1,
      trainedPeople: 2,
      trainingPersonTimes: 3,
      newPairings: 2,
      activePairings: 2,
      mentoringLogs: 2 + 1,
      events: 1,
      eventPersonTimes: 2,
      // No tours here: events-tours.test.ts counts those.
      tourEvents: 0,
      eventAudience: 0,
      // No calls for works here: report-figures-works.test.ts counts those.
      worksEntered: 0,
      worksEntrants: 0,
      worksAwarded: 0,
      worksRecommended: 0,
    });
    expect(d.figures.every((f) => f.value === f.auto && f.explain === null)).toBe(true);
    expect(d.figures[0]).toMatchObject({ label: '联系青年', unit: '人' });
  });

  it('a county counts only its own subtree', async () => {
    const d = await getSubmission(donghu, await submissionId(t, collectionId, ids.donghu));
    expect(values(d.figures)).toMatchObject({
      contacted: 1,
      registered: 1,
      keyTargets: 1,
      newKeyTargets: 0,
      trainedPeople: 0,
      newPairings: 0,
      events: 1,
      eventPersonTimes: 2,
    });
  });

  it('a reported value may differ from the count only with a reason; recounting keeps it', async () => {
    const id = await submissionId(t, collectionId, ids.nanchang);
    await save(nanchang, id, { progress: '二季度工作进展' }, [{ key: 'contacted', value: 5, explain: null }]);
    const refused = await act(nanchang, id, 'submit');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toContain('指标「联系青年」填报 5人，与系统统计 2人 不一致，请说明原因');
    await contact(t.db, people.b, ids.donghu, '2025-05-05');
    await contact(t.db, people.a, ids.nanchang, '2025-05-06');
    await t.db
      .insert(youthEvents)
      .values({ unitId: ids.nanchang, kind: '青春沙龙', title: '补录的沙龙', date: '2025-06-15' });
    const refreshed = await actOk(nanchang, id, 'figures');
    const byKey = Object.fromEntries(refreshed.figures.map((f) => [f.key, f]));
    expect(byKey.contacted).toMatchObject({ auto: 2, value: 5 });
    expect(byKey.events).toMatchObject({ auto: 2, value: 2 });
    await save(nanchang, id, {}, [
      { key: 'contacted', value: 5, explain: '另有 3 人为线下座谈，尚未录入系统' },
    ]);
    const submitted = await actOk(nanchang, id, 'submit');
    expect(submitted.figures.find((f) => f.key === 'contacted')).toMatchObject({
      value: 5,
      explain: '另有 3 人为线下座谈，尚未录入系统',
    });
    // Submitted figures are frozen: new rows change nothing and cannot be recounted.
    await t.db
      .insert(youthEvents)
      .values({ unitId: ids.nanchang, kind: '青春沙龙', title: '又一场', date: '2025-06-16' });
    expect((await getSubmission(nanchang, id)).figures.find((f) => f.key === 'events')?.auto).toBe(2);
    expect((await act(nanchang, id, 'figures')).statusCode).toBe(409);
  });

  it('reports without indicators take none; an annual summary counts the whole year', async () => {
    const news = await openCollection(jiangxi, {
      form: 'news',
      year: 2025,
      target: { mode: 'units', unitIds: [ids.nanchang] },
    });
    const nid = await submissionId(t, news.id, ids.nanchang);
    const d = await getSubmission(nanchang, nid);
    expect(d.figures).toEqual([]);
    const bad = await nanchang.put(`/api/report-submissions/${nid}`, {
      version: d.version,
      figures: [{ key: 'contacted', value: 1 }],
    });
    expect(bad.statusCode).toBe(400);
    const annual = await openCollection(jiangxi, {
      form: 'annual',
      year: 2025,
      target: { mode: 'units', unitIds: [ids.nanchang] },
    });
    const year = await getSubmission(nanchang, await submissionId(t, annual.id, ids.nanchang));
    expect(year.collection).toMatchObject({ periodStart: '2025-01-01', periodEnd: '2025-12-31' });
    expect(values(year.figures)).toMatchObject({ registered: 3, mentoringLogs: 4, events: 4 });
  });
});
