import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { InjectOptions } from 'fastify';
import { eq } from 'drizzle-orm';
import { mentorPairings, mentors, youth } from '../db/schema';
import { storeFile } from '../platform/files/file-store';
import { multipart, SAMPLE_FILES } from '../platform/files/test-files';
import { todayInChina } from '../../common/validators';
import { minimumEndDate } from '../../common/contracts/mentors-pairings';
import type { TestContext } from './harness';

/**
 * The 梦想导师 routes' cases for the access matrix (server/test/access-matrix.test.ts): a mentor,
 * key targets and pairings of the subject unit (南昌市), made directly in the database.
 */

type Who = 'own' | 'parent' | 'child' | 'sibling' | 'other';
const ADMINS: Who[] = ['own', 'parent'];
const MENTOR = '矩阵导师';
const get = (url: string): InjectOptions => ({ method: 'GET', url });
const post = (url: string, payload: object = {}): InjectOptions => ({ method: 'POST', url, payload });

type Status = 'proposed' | 'signed' | 'active';
let ctx: { t: TestContext; unitId: number } | undefined;
let seq = 0;

const daysAgo = (n: number) => {
  const d = new Date(`${todayInChina()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
};

function fx() {
  if (!ctx) throw new Error('initMentorFixtures was not called');
  return ctx;
}

/** Called once from the matrix's beforeAll, after the test database exists. */
export function initMentorFixtures(t: TestContext, unitId: number) {
  ctx = { t, unitId };
}

async function mentor(): Promise<{ id: number; version: number }> {
  const { t, unitId } = fx();
  const [row] = await t.db
    .insert(mentors)
    .values({
      unitId,
      name: MENTOR,
      namePinyin: 'juzhendaoshi',
      nameInitials: 'jzds',
      source: '高校教授',
      specialty: '文学',
      maxMentees: 50,
    })
    .returning({ id: mentors.id, version: mentors.version });
  return row;
}

/** A pairing of a fresh mentor and a fresh key target, signed two months ago and never logged. */
async function pairing(status: Status = 'active'): Promise<{ id: number; version: number }> {
  const { t, unitId } = fx();
  const m = await mentor();
  const [y] = await t.db
    .insert(youth)
    .values({ unitId, name: `矩阵学员${++seq}`, namePinyin: 'juzhen', nameInitials: 'jz', stage: 'key' })
    .returning({ id: youth.id });
  const start = daysAgo(70);
  const [p] = await t.db
    .insert(mentorPairings)
    .values({
      unitId,
      mentorId: m.id,
      youthId: y.id,
      status,
      startDate: start,
      endDate: daysAgo(-20),
      signedOn: status === 'proposed' ? null : daysAgo(60),
    })
    .returning({ id: mentorPairings.id, version: mentorPairings.version });
  return p;
}

async function pairingWithAgreement(): Promise<number> {
  const { t } = fx();
  const p = await pairing('signed');
  const tmp = path.join(t.config.dataDir, `matrix-${crypto.randomBytes(4).toString('hex')}.pdf`);
  fs.writeFileSync(tmp, SAMPLE_FILES.pdf);
  await storeFile(
    { db: t.db, keys: t.keys, config: t.config },
    {
      path: tmp,
      filename: '矩阵协议.pdf',
      mime: 'application/pdf',
      size: SAMPLE_FILES.pdf.length,
      sha256: '',
    },
    async () => ({ unitId: fx().unitId, createdBy: null }),
    (tx, file) => tx.update(mentorPairings).set({ agreementFileId: file.id }).where(eqId(p.id)),
  );
  fs.rmSync(tmp, { force: true });
  return p.id;
}

async function keyYouth(): Promise<number> {
  const { t, unitId } = fx();
  const [y] = await t.db
    .insert(youth)
    .values({ unitId, name: `矩阵重点${++seq}`, namePinyin: 'juzhen', nameInitials: 'jz', stage: 'key' })
    .returning({ id: youth.id });
  return y.id;
}

const eqId = (id: number) => eq(mentorPairings.id, id);

type MentorCase = {
  request: (s: { unitId: number }) => Promise<InjectOptions> | InjectOptions;
  allowed: Who[];
  emptyWhenRefused?: boolean;
  visible?: () => string;
};

export const MENTOR_CASES: Record<string, MentorCase> = {
  'GET /api/mentors': {
    request: async () => {
      await mentor();
      return get('/api/mentors');
    },
    allowed: ADMINS,
    emptyWhenRefused: true,
    visible: () => MENTOR,
  },
  'POST /api/mentors': {
    request: (s) =>
      post('/api/mentors', {
        name: '矩阵新导师',
        source: '其他',
        specialty: '绘画',
        maxMentees: 2,
        unitId: s.unitId,
      }),
    allowed: ADMINS,
  },
  'GET /api/mentors/:id': {
    request: async () => get(`/api/mentors/${(await mentor()).id}`),
    allowed: ADMINS,
  },
  'PATCH /api/mentors/:id': {
    request: async () => {
      const m = await mentor();
      return {
        method: 'PATCH',
        url: `/api/mentors/${m.id}`,
        payload: { specialty: '书法', version: m.version },
      };
    },
    allowed: ADMINS,
  },
  'POST /api/mentors/:id/reveal': {
    request: async () => post(`/api/mentors/${(await mentor()).id}/reveal`, { reason: '矩阵查看原因' }),
    allowed: ADMINS,
  },
  'POST /api/mentors/:id/account': {
    request: async () => {
      const m = await mentor();
      return post(`/api/mentors/${m.id}/account`, {
        mode: 'create',
        username: `mx${crypto.randomBytes(4).toString('hex')}`,
        version: m.version,
      });
    },
    allowed: ADMINS,
  },
  'GET /api/mentor-team': {
    request: async (s) => {
      await mentor();
      return get(`/api/mentor-team?unitId=${s.unitId}`);
    },
    allowed: ADMINS,
    visible: () => MENTOR,
  },
  'GET /api/mentor-team/export': {
    request: (s) => get(`/api/mentor-team/export?unitId=${s.unitId}`),
    allowed: ADMINS,
  },
  'GET /api/mentor-pairings': {
    request: async () => {
      await pairing();
      return get('/api/mentor-pairings');
    },
    allowed: ADMINS,
    emptyWhenRefused: true,
    visible: () => MENTOR,
  },
  'GET /api/mentor-pairings/attention': {
    request: async () => {
      await pairing();
      return get('/api/mentor-pairings/attention');
    },
    allowed: ADMINS,
    emptyWhenRefused: true,
    visible: () => MENTOR,
  },
  'POST /api/mentor-pairings': {
    request: async () => {
      const start = todayInChina();
      return post('/api/mentor-pairings', {
        mentorId: (await mentor()).id,
        youthId: await keyYouth(),
        startDate: start,
        endDate: minimumEndDate(start),
      });
    },
    allowed: ADMINS,
  },
  'GET /api/mentor-pairings/:id': {
    request: async () => get(`/api/mentor-pairings/${(await pairing()).id}`),
    allowed: ADMINS,
  },
  'POST /api/mentor-pairings/:id/sign': {
    request: async () => {
      const p = await pairing('proposed');
      return post(`/api/mentor-pairings/${p.id}/sign`, { version: p.version, signedOn: daysAgo(1) });
    },
    allowed: ADMINS,
  },
  'POST /api/mentor-pairings/:id/start': {
    request: async () => {
      const p = await pairing('signed');
      return post(`/api/mentor-pairings/${p.id}/start`, { version: p.version });
    },
    allowed: ADMINS,
  },
  'POST /api/mentor-pairings/:id/extend': {
    request: async () => {
      const p = await pairing();
      return post(`/api/mentor-pairings/${p.id}/extend`, { version: p.version, endDate: daysAgo(-400) });
    },
    allowed: ADMINS,
  },
  'POST /api/mentor-pairings/:id/end': {
    request: async () => {
      const p = await pairing();
      return post(`/api/mentor-pairings/${p.id}/end`, {
        version: p.version,
        outcome: 'terminated',
        reason: '矩阵终止',
      });
    },
    allowed: ADMINS,
  },
  'POST /api/mentor-pairings/:id/agreement': {
    request: async () => ({
      method: 'POST',
      url: `/api/mentor-pairings/${(await pairing('proposed')).id}/agreement`,
      ...multipart({}, { name: '矩阵协议.pdf', content: SAMPLE_FILES.pdf }),
    }),
    allowed: ADMINS,
  },
  'GET /api/mentor-pairings/:id/agreement': {
    request: async () => get(`/api/mentor-pairings/${await pairingWithAgreement()}/agreement`),
    allowed: ADMINS,
  },
  'POST /api/mentor-pairings/:id/logs': {
    request: async () =>
      post(`/api/mentor-pairings/${(await pairing()).id}/logs`, {
        date: todayInChina(),
        way: '面谈',
        content: '矩阵指导记录',
      }),
    allowed: ADMINS,
  },
  // The workspace is the mentor's own (mentor.log): no unit administrator has it, whatever the unit.
  'GET /api/mentor-workspace/pairings': { request: () => get('/api/mentor-workspace/pairings'), allowed: [] },
  'GET /api/mentor-workspace/pairings/:id': {
    request: async () => get(`/api/mentor-workspace/pairings/${(await pairing()).id}`),
    allowed: [],
  },
  'POST /api/mentor-workspace/pairings/:id/logs': {
    request: async () =>
      post(`/api/mentor-workspace/pairings/${(await pairing()).id}/logs`, {
        date: todayInChina(),
        way: '面谈',
        content: '矩阵越权记录',
      }),
    allowed: [],
  },
};
