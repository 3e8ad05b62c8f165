import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  mentorLogs,
  mentorPairings,
  mentors,
  trainingClasses,
  trainingEnrolments,
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

/** The person's timeline gathers training, mentor pairings and their logs, and events taken part in. */

let t: TestContext;
let op: Agent;
let sibling: Agent;
let youthId: number;

type Entry = { at: string; kind: string; title: string; detail: string | null; dateOnly: boolean };

beforeAll(async () => {
  t = await createTestContext();
  const dh = await unitIdByCode(t.db, '360102');
  const nc = await unitIdByCode(t.db, '360100');
  op = await login(t, await createUser(t, { role: 'operator', unitCode: '360100', totp: false }));
  sibling = await login(t, await createUser(t, { role: 'operator', unitCode: '360103', totp: false }));
  const res = await op.post('/api/youth', { name: '轨迹青年', unitId: dh });
  expect(res.statusCode, res.body).toBe(200);
  youthId = res.json().youth.id;

  const [cls] = await t.db
    .insert(trainingClasses)
    .values({
      unitId: nc,
      title: '2026 年网络作家培训班',
      level: 'city',
      capacity: 30,
      startDate: '2026-04-01',
      endDate: '2026-04-03',
      mode: 'offline',
    })
    .returning({ id: trainingClasses.id });
  await t.db.insert(trainingEnrolments).values({
    classId: cls.id,
    unitId: nc,
    youthId,
    status: 'completed',
    createdAt: new Date('2026-03-20T10:00:00+08:00'),
    completedAt: new Date('2026-04-03T17:00:00+08:00'),
  });

  const [m] = await t.db
    .insert(mentors)
    .values({
      unitId: nc,
      name: '刘导师',
      namePinyin: 'liudaoshi',
      nameInitials: 'lds',
      source: '作协会员',
      specialty: '网络文学',
    })
    .returning({ id: mentors.id });
  const [p] = await t.db
    .insert(mentorPairings)
    .values({
      unitId: nc,
      mentorId: m.id,
      youthId,
      status: 'terminated',
      startDate: '2026-04-10',
      endDate: '2027-04-09',
      signedOn: '2026-04-10',
      endedOn: '2026-06-30',
      endReason: '青年赴外地工作',
      goals: '完成长篇连载',
      createdAt: new Date('2026-04-05T09:00:00+08:00'),
    })
    .returning({ id: mentorPairings.id });
  await t.db.insert(mentorLogs).values({
    pairingId: p.id,
    unitId: nc,
    date: '2026-05-15',
    way: '作品点评',
    content: '点评第三章',
    nextSteps: '修改人物设定',
  });

  const [e] = await t.db
    .insert(youthEvents)
    .values({
      unitId: dh,
      kind: '青春沙龙',
      title: '网络文学创作沙龙',
      date: '2026-05-20',
      place: '青年之家',
    })
    .returning({ id: youthEvents.id });
  await t.db.insert(youthEventParticipants).values({ eventId: e.id, youthId, signedIn: true });
  const [e2] = await t.db
    .insert(youthEvents)
    .values({ unitId: nc, kind: '主旨讲座', title: '政策解读', date: '2026-02-10' })
    .returning({ id: youthEvents.id });
  await t.db.insert(youthEventParticipants).values({ eventId: e2.id, youthId });
});

afterAll(async () => {
  await t?.close();
});

describe('timeline', () => {
  it('lists training, pairing, guidance and events with the rest, newest first', async () => {
    const res = await op.get(`/api/youth/${youthId}/timeline`);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as Entry[];
    const dated = items.filter((i) => i.kind !== 'created');
    expect(dated.map((i) => [i.at.slice(0, 10), i.kind, i.title])).toEqual([
      ['2026-06-29', 'mentoring', '结对提前终止：刘导师'],
      ['2026-05-19', 'event', '参加活动：青春沙龙「网络文学创作沙龙」'],
      ['2026-05-14', 'mentoring', '导师指导：刘导师'],
      ['2026-04-09', 'mentoring', '签订指导协议：刘导师'],
      ['2026-04-05', 'mentoring', '拟结对梦想导师：刘导师'],
      ['2026-04-03', 'training', '培训结业：2026 年网络作家培训班'],
      ['2026-03-20', 'training', '报名培训：2026 年网络作家培训班'],
      ['2026-02-09', 'event', '报名活动（未签到）：主旨讲座「政策解读」'],
    ]);
    const log = items.find((i) => i.title.startsWith('导师指导'))!;
    expect(log.detail).toBe('作品点评：点评第三章\n下一步：修改人物设定');
    expect(log.dateOnly).toBe(true);
    expect(items.find((i) => i.title.startsWith('结对提前终止'))!.detail).toBe('青年赴外地工作');
    expect(items.find((i) => i.title.startsWith('报名培训'))!.dateOnly).toBe(false);
    expect(items.find((i) => i.title.startsWith('参加活动'))!.detail).toBe('东湖区 · 青年之家');
  });

  it('is not shown outside the person’s scope', async () => {
    expect((await sibling.get(`/api/youth/${youthId}/timeline`)).statusCode).toBe(404);
  });
});
