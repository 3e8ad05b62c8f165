import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { mentors, youthEventParticipants, youthEventWorks, youthEvents } from '../db/schema';
import { insertCall, insertWork } from './call-rows';
import { multipart, SAMPLE_FILES } from '../platform/files/test-files';
import type { Agent, TestContext } from './harness';

/**
 * The access matrix's cases for events (and the home page's figures export), with their fixture:
 * an event of the subject unit (南昌市) with the subject youth on it, and a mentor of that unit.
 * `setupEventMatrix` runs in the matrix's beforeAll, once its agents are signed in.
 */

type Who = 'own' | 'parent' | 'child' | 'sibling' | 'other';
type SubjectLike = { unitId: number; youthId: number; freshYouth(): Promise<number> };
type EventCase = {
  request: (s: SubjectLike) => Promise<InjectOptions> | InjectOptions;
  allowed: Who[];
  emptyWhenRefused?: boolean;
  visible?: () => string;
  custom?: (who: Who, allowed: boolean, res: LightMyRequestResponse) => Promise<void> | void;
};

const ADMINS: Who[] = ['own', 'parent'];
const EVENT_TITLE = '矩阵沙龙';
const MENTOR_NAME = '矩阵导师';
const CALL_TITLE = '矩阵巡展征集';
const WORK_TITLE = '矩阵巡展作品';

let t: TestContext;
let own: Agent;
let eventId = 0;
let callId = 0;
let unitId = 0;

export async function setupEventMatrix(ctx: TestContext, subject: SubjectLike, ownAgent: Agent) {
  t = ctx;
  own = ownAgent;
  const [e] = await t.db
    .insert(youthEvents)
    .values({ unitId: subject.unitId, kind: '青春沙龙', title: EVENT_TITLE, date: '2026-03-14' })
    .returning({ id: youthEvents.id });
  eventId = e.id;
  unitId = subject.unitId;
  callId = await insertCall(t.db, { unitId: subject.unitId, title: CALL_TITLE });
  await insertWork(t.db, { callId, unitId: subject.unitId, title: WORK_TITLE, entrants: [null] });
  await t.db.update(youthEvents).set({ callId }).where(eq(youthEvents.id, eventId));
  await t.db.insert(youthEventParticipants).values({ eventId, youthId: subject.youthId });
  await t.db.insert(mentors).values({
    unitId: subject.unitId,
    name: MENTOR_NAME,
    namePinyin: 'juzhendaoshi',
    nameInitials: 'jzds',
    source: '作协会员',
    specialty: '网络文学',
  });
}

const upload = (): InjectOptions => ({
  method: 'POST',
  url: `/api/events/${eventId}/files`,
  ...multipart({ kind: '照片' }, { name: '矩阵合影.png', content: SAMPLE_FILES.png }),
});

async function freshFile(): Promise<number> {
  const res = await own.request(upload());
  if (res.statusCode !== 200) throw new Error(`event file upload failed ${res.statusCode} ${res.body}`);
  return (res.json() as { id: number }).id;
}

/** Another showable work of the call, not on the event yet. */
async function freshWork(): Promise<number> {
  return (await insertWork(t.db, { callId, unitId, title: WORK_TITLE, entrants: [null] })).entryId;
}

async function xlsxText(res: LightMyRequestResponse): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const cells: string[] = [];
  wb.worksheets[0].eachRow((row) => cells.push(JSON.stringify(row.values)));
  return cells.join('\n');
}

export const EVENT_CASES: Record<string, EventCase> = {
  'GET /api/events': {
    request: () => ({ method: 'GET', url: '/api/events' }),
    allowed: ADMINS,
    emptyWhenRefused: true,
    visible: () => EVENT_TITLE,
  },
  'GET /api/events/export': {
    request: () => ({ method: 'GET', url: '/api/events/export' }),
    allowed: ADMINS,
    custom: async (_who, allowed, res) => {
      expect(res.statusCode, res.body).toBe(200);
      const text = await xlsxText(res);
      if (allowed) expect(text).toContain(EVENT_TITLE);
      else expect(text).not.toContain(EVENT_TITLE);
    },
  },
  'GET /api/events/speaker-mentors': {
    request: () => ({ method: 'GET', url: '/api/events/speaker-mentors?q=jzds' }),
    allowed: ADMINS,
    emptyWhenRefused: true,
    visible: () => MENTOR_NAME,
  },
  'POST /api/events': {
    request: (s) => ({
      method: 'POST',
      url: '/api/events',
      payload: { kind: '主旨讲座', title: '矩阵讲座', date: '2026-04-01', unitId: s.unitId },
    }),
    allowed: ADMINS,
  },
  'GET /api/events/:id': {
    request: () => ({ method: 'GET', url: `/api/events/${eventId}` }),
    allowed: ADMINS,
  },
  'PATCH /api/events/:id': {
    request: () => ({
      method: 'PATCH',
      url: `/api/events/${eventId}`,
      payload: { report: '矩阵简报', version: 999 },
    }),
    allowed: ADMINS,
  },
  'POST /api/events/:id/participants': {
    request: (s) => ({
      method: 'POST',
      url: `/api/events/${eventId}/participants`,
      payload: { youthIds: [s.youthId] },
    }),
    allowed: ADMINS,
  },
  'DELETE /api/events/:id/participants/:youthId': {
    request: async (s) => {
      const youthId = await s.freshYouth();
      await t.db.insert(youthEventParticipants).values({ eventId, youthId });
      return { method: 'DELETE', url: `/api/events/${eventId}/participants/${youthId}` };
    },
    allowed: ADMINS,
  },
  'POST /api/events/:id/sign-in': {
    request: (s) => ({
      method: 'POST',
      url: `/api/events/${eventId}/sign-in`,
      payload: { youthIds: [s.youthId], signedIn: true },
    }),
    allowed: ADMINS,
  },
  'POST /api/events/:id/files': { request: upload, allowed: ADMINS },
  'GET /api/events/:id/files/:fileId/file': {
    request: async () => ({ method: 'GET', url: `/api/events/${eventId}/files/${await freshFile()}/file` }),
    allowed: ADMINS,
  },
  'DELETE /api/events/:id/files/:fileId': {
    request: async () => ({ method: 'DELETE', url: `/api/events/${eventId}/files/${await freshFile()}` }),
    allowed: ADMINS,
  },
  'GET /api/events/call-options': {
    request: () => ({ method: 'GET', url: `/api/events/call-options?q=${encodeURIComponent(CALL_TITLE)}` }),
    allowed: ADMINS,
    emptyWhenRefused: true,
    visible: () => CALL_TITLE,
  },
  'GET /api/events/call-works/:id': {
    request: () => ({ method: 'GET', url: `/api/events/call-works/${callId}` }),
    allowed: ADMINS,
  },
  'POST /api/events/:id/works': {
    request: async () => ({
      method: 'POST',
      url: `/api/events/${eventId}/works`,
      payload: { entryIds: [await freshWork()] },
    }),
    allowed: ADMINS,
  },
  'DELETE /api/events/:id/works/:entryId': {
    request: async () => {
      const entryId = await freshWork();
      await t.db.insert(youthEventWorks).values({ eventId, entryId });
      return { method: 'DELETE', url: `/api/events/${eventId}/works/${entryId}` };
    },
    allowed: ADMINS,
  },
  // Everyone's own scope: a unit outside the subject's sees none of its figures or its name.
  'GET /api/home/figures/export': {
    request: () => ({ method: 'GET', url: '/api/home/figures/export' }),
    allowed: ['own', 'parent', 'child', 'sibling', 'other'],
    custom: async (who, _allowed, res) => {
      expect(res.statusCode, res.body).toBe(200);
      const text = await xlsxText(res);
      if (who === 'own') expect(text).toContain('南昌市');
      if (who !== 'own' && who !== 'parent') expect(text).not.toContain('南昌市');
    },
  },
};
