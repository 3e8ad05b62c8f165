import { expect } from 'vitest';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { todayInChina } from '../../common/validators';
import { queryRows } from '../db/client';
import { bodyFrom, draftOf, SEED_002 } from '../modules/plans/plan-test-support';
import { fillAndSubmit, openCollection, actOk, submissionId } from '../modules/reports/report-test-kit';
import { createUser, login, unitIdByCode, type Agent, type TestContext } from './harness';

/**
 * The cultivation, plans and reports half of the restricted-role smoke path (server/app-role.test.ts).
 */

const ok = (res: LightMyRequestResponse, step: string) =>
  expect(res.statusCode, `${step}: ${res.body}`).toBe(200);

function shiftDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A person the unit has made a key target: proposed by the operator, approved by the administrator. */
async function keyTarget(op: Agent, admin: Agent, name: string): Promise<number> {
  const created = await op.post('/api/youth', { name });
  ok(created, 'youth create');
  const id = created.json<{ youth: { id: number } }>().youth.id;
  const proposal = await op.post(`/api/youth/${id}/stage-proposals`, { toStage: 'key', reason: '冒烟申请' });
  ok(proposal, 'stage proposal');
  const review = await admin.post(`/api/youth-stage-proposals/${proposal.json().id}/review`, {
    decision: 'approve',
  });
  ok(review, 'stage review');
  expect((await op.get(`/api/youth/${id}`)).json().stage).toBe('key');
  return id;
}

export async function smokeCultivation(t: TestContext): Promise<void> {
  const unitId = await unitIdByCode(t.db, '360100');
  const today = todayInChina();
  const admin = await login(t, await createUser(t, { role: 'unit_admin', unitCode: '360100' }));
  const op = await login(t, await createUser(t, { role: 'operator', unitCode: '360100', totp: false }));
  const youthId = await keyTarget(op, admin, '冒烟重点对象');

  const klass = await op.post('/api/training/classes', {
    unitId,
    title: '冒烟培训班',
    level: 'city',
    capacity: 5,
    startDate: today,
    endDate: shiftDays(today, 2),
    mode: 'online',
  });
  ok(klass, 'training class');
  const classId = klass.json<{ id: number }>().id;
  ok(await op.post(`/api/training/classes/${classId}/enrolments`, { youthIds: [youthId] }), 'enrolment');
  const shown = await op.get(`/api/training/classes/${classId}/enrolments`);
  ok(shown, 'training enrolments');
  expect(shown.body).toContain('冒烟重点对象');

  const mentor = await op.post('/api/mentors', {
    name: '冒烟导师',
    source: '高校教授',
    specialty: '文学创作',
    maxMentees: 2,
  });
  ok(mentor, 'mentor');
  const startDate = shiftDays(today, -30);
  const pairing = await op.post('/api/mentor-pairings', {
    mentorId: mentor.json<{ id: number }>().id,
    youthId,
    startDate,
    endDate: shiftDays(startDate, 366),
  });
  ok(pairing, 'pairing');
  let p = pairing.json<{ id: number; version: number; status: string }>();
  const signed = await op.post(`/api/mentor-pairings/${p.id}/sign`, { version: p.version, signedOn: today });
  ok(signed, 'pairing signed');
  p = signed.json();
  const started = await op.post(`/api/mentor-pairings/${p.id}/start`, { version: p.version });
  ok(started, 'pairing started');
  expect(started.json().status).toBe('active');

  const event = await op.post('/api/events', {
    kind: '青春沙龙',
    title: '冒烟沙龙',
    date: today,
    place: '青年之家',
  });
  ok(event, 'event');
  const eventId = event.json<{ id: number }>().id;
  ok(await op.post(`/api/events/${eventId}/participants`, { youthIds: [youthId] }), 'participants');
  ok(await op.post(`/api/events/${eventId}/sign-in`, { youthIds: [youthId], signedIn: true }), 'sign-in');

  const [field] = await queryRows<{ id: number }>(
    t.db,
    sql`select id from dict_items where dict_type = 'emerging_field' and label = '网络文学' and unit_id is null`,
  );
  const society = await op.post('/api/societies', {
    name: '冒烟青年自组织',
    kind: 'unregistered',
    fieldId: field.id,
  });
  ok(society, 'society');
  expect((await op.get(`/api/societies/${society.json<{ id: number }>().id}`)).json().name).toBe(
    '冒烟青年自组织',
  );

  const home = await admin.get('/api/home/summary');
  ok(home, 'home summary');
  expect(home.json().cultivation).toMatchObject({
    mentoring: { keyTargets: 1, withMentor: 1 },
    events: { events: 1, persons: 1 },
  });
  const figures = await admin.get('/api/home/figures/export');
  ok(figures, 'home figures export');
}

export async function smokePlansAndReports(t: TestContext): Promise<void> {
  const nanchang = await unitIdByCode(t.db, '360100');
  const cityOp = await login(t, await createUser(t, { role: 'operator', unitCode: '360100', totp: false }));
  const draft = await draftOf(cityOp, nanchang, SEED_002);
  const tasks = draft.sections.reduce((n, s) => n + s.tasks.length, 0);
  expect(tasks).toBeGreaterThan(10);
  const saved = await cityOp.post('/api/plans', bodyFrom(draft));
  ok(saved, 'plan save');
  const plan = await cityOp.get(`/api/plans/${saved.json<{ id: number }>().id}`);
  ok(plan, 'plan detail');
  expect(plan.json().counts.tasks).toBe(tasks);

  const province = await login(t, await createUser(t, { role: 'unit_admin', unitCode: '360000' }));
  const collection = await openCollection(province, {
    form: 'quarterly',
    quarter: 4,
    target: { mode: 'units', unitIds: [nanchang] },
  });
  const id = await submissionId(t, collection.id, nanchang);
  expect((await fillAndSubmit(cityOp, id, '本季度冒烟走访新兴青年。')).status).toBe('submitted');
  const accepted = await actOk(province, id, 'accept');
  expect(accepted.status).toBe('accepted');
}
