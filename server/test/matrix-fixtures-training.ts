import type { InjectOptions } from 'fastify';
import {
  trainingClasses,
  trainingEnrolments,
  trainingFollowUps,
  trainingInstitutions,
  trainingLessons,
  youth,
} from '../db/schema';
import type { TestContext } from './harness';

/**
 * The 培训 routes' cases for the access matrix (server/test/access-matrix.test.ts): an institution,
 * classes, lessons, participants and follow-ups of the subject unit (南昌市), made directly in the database.
 */

type Who = 'own' | 'parent' | 'child' | 'sibling' | 'other';
const ADMINS: Who[] = ['own', 'parent'];
const INSTITUTION = '矩阵培训机构';
const CLASS = '矩阵培训班';
const get = (url: string): InjectOptions => ({ method: 'GET', url });
const post = (url: string, payload: object = {}): InjectOptions => ({ method: 'POST', url, payload });
const q = (text: string) => encodeURIComponent(text);

let ctx: { t: TestContext; unitId: number } | undefined;
let seq = 0;

function fx() {
  if (!ctx) throw new Error('initTrainingFixtures was not called');
  return ctx;
}

/** Called once from the matrix's beforeAll, after the test database exists. */
export function initTrainingFixtures(t: TestContext, unitId: number) {
  ctx = { t, unitId };
}

async function institution() {
  const { t, unitId } = fx();
  const [row] = await t.db
    .insert(trainingInstitutions)
    .values({ unitId, name: INSTITUTION, kind: '行业协会' })
    .returning({ id: trainingInstitutions.id, version: trainingInstitutions.version });
  return row;
}

async function trainingClass(status: 'enrolling' | 'finished' = 'enrolling') {
  const { t, unitId } = fx();
  const [row] = await t.db
    .insert(trainingClasses)
    .values({
      unitId,
      title: CLASS,
      level: 'city',
      capacity: 10,
      startDate: '2025-03-02',
      endDate: '2025-03-06',
      mode: 'offline',
      status,
    })
    .returning({ id: trainingClasses.id, version: trainingClasses.version });
  return row;
}

async function lesson(classId: number) {
  const { t, unitId } = fx();
  const [row] = await t.db
    .insert(trainingLessons)
    .values({ classId, unitId, title: '矩阵课程', kind: 'professional', startsAt: new Date(), hours: '2' })
    .returning({ id: trainingLessons.id, version: trainingLessons.version });
  return row;
}

async function enrolment(classId: number, status: 'admitted' | 'completed' = 'admitted') {
  const { t, unitId } = fx();
  const [y] = await t.db
    .insert(youth)
    .values({ unitId, name: `矩阵学员${++seq}`, namePinyin: 'juzhenxueyuan', nameInitials: 'jzxy' })
    .returning({ id: youth.id });
  const [row] = await t.db
    .insert(trainingEnrolments)
    .values({ classId, unitId, youthId: y.id, status })
    .returning({ id: trainingEnrolments.id, version: trainingEnrolments.version });
  return row;
}

/** A class with one lesson and one admitted participant. */
async function runningClass() {
  const c = await trainingClass();
  const l = await lesson(c.id);
  const e = await enrolment(c.id);
  return { ...c, lessonId: l.id, enrolmentId: e.id };
}

async function followUp() {
  const { t, unitId } = fx();
  const c = await trainingClass('finished');
  const e = await enrolment(c.id, 'completed');
  const [row] = await t.db
    .insert(trainingFollowUps)
    .values({ enrolmentId: e.id, classId: c.id, unitId, monthsAfter: 3, dueOn: '2025-06-06' })
    .returning({ id: trainingFollowUps.id });
  return row.id;
}

type TrainingCase = {
  request: (s: { unitId: number; freshYouth(): Promise<number> }) => Promise<InjectOptions> | InjectOptions;
  allowed: Who[];
  emptyWhenRefused?: boolean;
  visible?: () => string;
};

const classBody = (unitId: number) => ({
  unitId,
  title: '矩阵新建培训班',
  level: 'city',
  capacity: 5,
  startDate: '2026-05-01',
  endDate: '2026-05-03',
  mode: 'online',
});
const lessonBody = {
  title: '矩阵课程',
  kind: 'ideological',
  startsAt: '2026-05-01T09:00:00+08:00',
  hours: 2,
};

export const TRAINING_CASES: Record<string, TrainingCase> = {
  'GET /api/training/institutions': {
    request: async () => {
      await institution();
      return get(`/api/training/institutions?q=${q(INSTITUTION)}`);
    },
    allowed: ADMINS,
    emptyWhenRefused: true,
    visible: () => INSTITUTION,
  },
  'POST /api/training/institutions': {
    request: (s) =>
      post('/api/training/institutions', { unitId: s.unitId, name: '矩阵新机构', kind: '高校' }),
    allowed: ADMINS,
  },
  'PATCH /api/training/institutions/:id': {
    request: async () => {
      const i = await institution();
      return {
        method: 'PATCH',
        url: `/api/training/institutions/${i.id}`,
        payload: { remark: '改', version: i.version },
      };
    },
    allowed: ADMINS,
  },
  'DELETE /api/training/institutions/:id': {
    request: async () => ({
      method: 'DELETE',
      url: `/api/training/institutions/${(await institution()).id}`,
    }),
    allowed: ADMINS,
  },
  'GET /api/training/classes': {
    request: async () => {
      await trainingClass();
      return get(`/api/training/classes?q=${q(CLASS)}`);
    },
    allowed: ADMINS,
    emptyWhenRefused: true,
    visible: () => CLASS,
  },
  'POST /api/training/classes': {
    request: (s) => post('/api/training/classes', classBody(s.unitId)),
    allowed: ADMINS,
  },
  'GET /api/training/classes/:id': {
    request: async () => get(`/api/training/classes/${(await trainingClass()).id}`),
    allowed: ADMINS,
  },
  'PATCH /api/training/classes/:id': {
    request: async () => {
      const c = await trainingClass();
      return {
        method: 'PATCH',
        url: `/api/training/classes/${c.id}`,
        payload: { capacity: 12, version: c.version },
      };
    },
    allowed: ADMINS,
  },
  'POST /api/training/classes/:id/lessons': {
    request: async () => post(`/api/training/classes/${(await trainingClass()).id}/lessons`, lessonBody),
    allowed: ADMINS,
  },
  'PATCH /api/training/lessons/:id': {
    request: async () => {
      const l = await lesson((await trainingClass()).id);
      return {
        method: 'PATCH',
        url: `/api/training/lessons/${l.id}`,
        payload: { teacher: '矩阵', version: l.version },
      };
    },
    allowed: ADMINS,
  },
  'DELETE /api/training/lessons/:id': {
    request: async () => ({
      method: 'DELETE',
      url: `/api/training/lessons/${(await lesson((await trainingClass()).id)).id}`,
    }),
    allowed: ADMINS,
  },
  'GET /api/training/classes/:id/enrolments': {
    request: async () => get(`/api/training/classes/${(await runningClass()).id}/enrolments`),
    allowed: ADMINS,
  },
  'POST /api/training/classes/:id/enrolments': {
    request: async (s) =>
      post(`/api/training/classes/${(await trainingClass()).id}/enrolments`, {
        youthIds: [await s.freshYouth()],
      }),
    allowed: ADMINS,
  },
  'POST /api/training/classes/:id/admit': {
    request: async () => post(`/api/training/classes/${(await trainingClass()).id}/admit`),
    allowed: ADMINS,
  },
  'POST /api/training/enrolments/:id/withdraw': {
    request: async () => {
      const e = await enrolment((await trainingClass()).id);
      return post(`/api/training/enrolments/${e.id}/withdraw`, { reason: '矩阵退出', version: e.version });
    },
    allowed: ADMINS,
  },
  'GET /api/training/classes/:id/attendance': {
    request: async () => get(`/api/training/classes/${(await runningClass()).id}/attendance`),
    allowed: ADMINS,
  },
  'PUT /api/training/classes/:id/attendance': {
    request: async () => {
      const c = await runningClass();
      return {
        method: 'PUT',
        url: `/api/training/classes/${c.id}/attendance`,
        payload: { marks: [{ lessonId: c.lessonId, enrolmentId: c.enrolmentId, status: 'present' }] },
      };
    },
    allowed: ADMINS,
  },
  'GET /api/training/classes/:id/completion': {
    request: async () => get(`/api/training/classes/${(await runningClass()).id}/completion`),
    allowed: ADMINS,
  },
  'POST /api/training/classes/:id/complete': {
    request: async () => {
      const c = await runningClass();
      return post(`/api/training/classes/${c.id}/complete`, { version: c.version });
    },
    allowed: ADMINS,
  },
  'GET /api/training/classes/:id/completion.xlsx': {
    request: async () => get(`/api/training/classes/${(await runningClass()).id}/completion.xlsx`),
    allowed: ADMINS,
  },
  'GET /api/training/classes/:id/summary.docx': {
    request: async () => get(`/api/training/classes/${(await runningClass()).id}/summary.docx`),
    allowed: ADMINS,
  },
  'GET /api/training/follow-ups': {
    request: async () => {
      await followUp();
      return get(`/api/training/follow-ups?status=all&q=${q(CLASS)}`);
    },
    allowed: ADMINS,
    emptyWhenRefused: true,
    visible: () => CLASS,
  },
  'POST /api/training/follow-ups/:id': {
    request: async () =>
      post(`/api/training/follow-ups/${await followUp()}`, {
        doneOn: '2025-06-10',
        way: '电话',
        summary: '矩阵跟踪记录',
      }),
    allowed: ADMINS,
  },
};
