import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/client';
import {
  reportCollections,
  reportRosterEntries,
  reportSubmissionFiles,
  reportSubmissions,
} from '../db/schema';
import { storeFile } from '../platform/files/file-store';
import { multipart, SAMPLE_FILES } from '../platform/files/test-files';
import type { TestContext } from './harness';

/**
 * The 报送 routes' cases for the access matrix (server/test/access-matrix.test.ts). The subject is
 * 南昌市's report in a collection opened by its province (江西省, which reviews it), made directly in
 * the database. The province may read it and review it, only 南昌市 may fill and submit it; a county
 * below, a sibling city and another province see nothing of it. Collections that must be answered by
 * other units go to 西湖区, which is none of the viewers, so no viewer's own lists fill up.
 */

type Who = 'own' | 'parent' | 'child' | 'sibling' | 'other';
const ADMINS: Who[] = ['own', 'parent'];
const LISTED = '矩阵列表';
const get = (url: string): InjectOptions => ({ method: 'GET', url });
const post = (url: string, payload: object = {}): InjectOptions => ({ method: 'POST', url, payload });

let ctx: { t: TestContext; unitId: number; parentId: number; xihuId: number; donghuId: number } | undefined;

function fx() {
  if (!ctx) throw new Error('initReportFixtures was not called');
  return ctx;
}

/** Called once from the matrix's beforeAll, after the test database exists. */
export async function initReportFixtures(t: TestContext, unitId: number) {
  const [row] = await queryRows<{ parentId: number; xihuId: number; donghuId: number }>(
    t.db,
    sql`select u.parent_id as "parentId", (select id from units where code = '360103') as "xihuId",
          (select id from units where code = '360102') as "donghuId"
        from units u where u.id = ${unitId}`,
  );
  ctx = { t, unitId, ...row };
}

type Form = 'roster' | 'quarterly' | 'news';
type Status = 'pending' | 'draft' | 'submitted' | 'returned' | 'accepted';

async function collection(openerId: number, form: Form, title: string) {
  const { t } = fx();
  const [c] = await t.db
    .insert(reportCollections)
    .values({
      unitId: openerId,
      form,
      title,
      year: 2026,
      quarter: form === 'quarterly' ? 4 : null,
      periodStart: form === 'quarterly' ? '2026-10-01' : '2026-01-01',
      periodEnd: '2026-12-31',
      targetMode: 'units',
      deadline: '2099-12-31',
    })
    .returning({ id: reportCollections.id, version: reportCollections.version });
  return c;
}

async function answer(
  collectionId: number,
  unitId: number,
  reviewerUnitId: number,
  status: Status,
  content = {},
) {
  const { t } = fx();
  const [s] = await t.db
    .insert(reportSubmissions)
    .values({
      collectionId,
      unitId,
      reviewerUnitId,
      deadline: '2099-12-31',
      status,
      content,
      firstSubmittedAt: status === 'submitted' || status === 'accepted' ? new Date() : null,
      submittedAt: status === 'submitted' || status === 'accepted' ? new Date() : null,
    })
    .returning({ id: reportSubmissions.id, version: reportSubmissions.version });
  return s;
}

/** 南昌市's report in a collection the province opened. */
async function subject(form: Form = 'news', status: Status = 'draft', title = '矩阵报送') {
  const { unitId, parentId } = fx();
  const c = await collection(parentId, form, title);
  const content = form === 'news' ? { title: '矩阵动态', body: '正文' } : {};
  const s = await answer(c.id, unitId, parentId, status, content);
  return { ...s, collectionId: c.id };
}

async function rosterSubject() {
  const { t, unitId } = fx();
  const s = await subject('roster', 'draft');
  await t.db
    .insert(reportRosterEntries)
    .values({ submissionId: s.id, unitId, seq: 1, keptBy: '南昌市', name: '矩阵花名册' });
  return s;
}

/** 南昌市's report with an accepted report of 东湖区 that it reviewed, ready to consolidate. */
async function consolidatable() {
  const { unitId, parentId, donghuId } = fx();
  const c = await collection(parentId, 'news', '矩阵汇总');
  await answer(c.id, donghuId, unitId, 'accepted', { title: '东湖动态', body: '正文' });
  return answer(c.id, unitId, parentId, 'draft');
}

async function withFile() {
  const { t, unitId } = fx();
  const s = await subject('news', 'draft');
  const tmp = path.join(t.config.dataDir, `matrix-${crypto.randomBytes(4).toString('hex')}.pdf`);
  fs.writeFileSync(tmp, SAMPLE_FILES.pdf);
  const fileId = await storeFile(
    { db: t.db, keys: t.keys, config: t.config },
    {
      path: tmp,
      filename: '矩阵附件.pdf',
      mime: 'application/pdf',
      size: SAMPLE_FILES.pdf.length,
      sha256: '',
    },
    async () => ({ unitId, createdBy: null }),
    async (tx, file) => {
      await tx.insert(reportSubmissionFiles).values({ submissionId: s.id, fileId: file.id });
      return file.id;
    },
  );
  fs.rmSync(tmp, { force: true });
  return { ...s, fileId };
}

/** Opening: allowed viewers get the collection; the others are refused without a word about 南昌. */
function opening(who: Who, allowed: boolean, res: LightMyRequestResponse) {
  if (allowed) {
    expect(res.statusCode, `${who} ${res.body}`).toBe(200);
    return;
  }
  expect([400, 403, 404], `${who} ${res.body}`).toContain(res.statusCode);
  expect(res.body).not.toContain('南昌');
}

type ReportCase = {
  request: (s: { unitId: number }) => Promise<InjectOptions> | InjectOptions;
  allowed: Who[];
  emptyWhenRefused?: boolean;
  visible?: () => string;
  self?: boolean;
  custom?: (who: Who, allowed: boolean, res: LightMyRequestResponse) => void;
};

const westLake = () => ({ mode: 'units', unitIds: [fx().xihuId] });

export const REPORT_CASES: Record<string, ReportCase> = {
  'GET /api/report-collections': {
    request: async () => {
      await subject('news', 'draft', LISTED);
      return get(`/api/report-collections?q=${encodeURIComponent(LISTED)}`);
    },
    allowed: ADMINS,
    emptyWhenRefused: true,
    visible: () => LISTED,
  },
  // Asking a unit below 南昌市 to report: 南昌市 and its province may; a county cannot ask a sibling county.
  'POST /api/report-collections/targets': {
    request: () => post('/api/report-collections/targets', { target: westLake() }),
    allowed: ADMINS,
    custom: opening,
  },
  'POST /api/report-collections': {
    request: () =>
      post('/api/report-collections', {
        form: 'news',
        year: 2026,
        title: '矩阵发起',
        target: westLake(),
        deadline: '2099-12-31',
      }),
    allowed: ADMINS,
    custom: opening,
  },
  'GET /api/report-collections/:id': {
    request: async () => get(`/api/report-collections/${(await subject()).collectionId}`),
    allowed: ADMINS,
  },
  // Only the opener ends a collection: here 南昌市's own, answered by 西湖区.
  'POST /api/report-collections/:id/close': {
    request: async () => {
      const c = await collection(fx().unitId, 'news', '矩阵结束');
      await answer(c.id, fx().xihuId, fx().unitId, 'pending');
      return post(`/api/report-collections/${c.id}/close`, { version: c.version });
    },
    allowed: ['own'],
  },
  'GET /api/report-collections/:id/completeness': {
    request: async (s) =>
      get(`/api/report-collections/${(await subject()).collectionId}/completeness?unitId=${s.unitId}`),
    allowed: ADMINS,
    visible: () => '南昌市',
  },
  'GET /api/report-collections/:id/submissions': {
    request: async () => get(`/api/report-collections/${(await subject()).collectionId}/submissions`),
    allowed: ADMINS,
    visible: () => '南昌市',
  },
  'POST /api/report-collections/:id/export': {
    request: async () => post(`/api/report-collections/${(await subject()).collectionId}/export`),
    allowed: ADMINS,
  },
  'GET /api/report-collections/:id/document': {
    request: async () => get(`/api/report-collections/${(await subject()).collectionId}/document`),
    allowed: ADMINS,
  },
  // The caller's own unit's reports: only 南昌市 has the subject's.
  'GET /api/reports/due': {
    request: async () => {
      await subject('news', 'draft', '矩阵待报');
      return get('/api/reports/due?pageSize=200');
    },
    allowed: ['own'],
    emptyWhenRefused: true,
    visible: () => '矩阵待报',
  },
  // What the caller's unit reviews: the province reviews the subject.
  'GET /api/reports/to-review': {
    request: async () => {
      await subject('news', 'submitted');
      return get('/api/reports/to-review?status=submitted&pageSize=200');
    },
    allowed: ['parent'],
    emptyWhenRefused: true,
    visible: () => '南昌市',
  },
  'GET /api/reports/reminders': { request: () => get('/api/reports/reminders'), allowed: ADMINS, self: true },
  'GET /api/reports/timeliness': {
    request: async (s) => {
      await subject('news', 'submitted');
      return get(`/api/reports/timeliness?year=2026&unitId=${s.unitId}`);
    },
    allowed: ADMINS,
  },
  'GET /api/report-submissions/:id': {
    request: async () => get(`/api/report-submissions/${(await subject()).id}`),
    allowed: ADMINS,
    visible: () => '南昌市',
  },
  'PUT /api/report-submissions/:id': {
    request: async () => {
      const s = await subject();
      return {
        method: 'PUT',
        url: `/api/report-submissions/${s.id}`,
        payload: { version: s.version, content: { body: '改' } },
      };
    },
    allowed: ['own'],
  },
  'POST /api/report-submissions/:id/figures': {
    request: async () => {
      const s = await subject('quarterly');
      return post(`/api/report-submissions/${s.id}/figures`, { version: s.version });
    },
    allowed: ['own'],
  },
  'POST /api/report-submissions/:id/roster': {
    request: async () => {
      const s = await subject('roster');
      return post(`/api/report-submissions/${s.id}/roster`, { version: s.version, source: 'registry' });
    },
    allowed: ['own'],
  },
  'GET /api/report-submissions/:id/roster': {
    request: async () => get(`/api/report-submissions/${(await rosterSubject()).id}/roster`),
    allowed: ADMINS,
    visible: () => '矩阵花名册',
  },
  'POST /api/report-submissions/:id/roster/export': {
    request: async () => post(`/api/report-submissions/${(await rosterSubject()).id}/roster/export`),
    allowed: ADMINS,
  },
  'POST /api/report-submissions/:id/consolidate': {
    request: async () => {
      const s = await consolidatable();
      return post(`/api/report-submissions/${s.id}/consolidate`, { version: s.version });
    },
    allowed: ['own'],
  },
  'POST /api/report-submissions/:id/submit': {
    request: async () => {
      const s = await subject();
      return post(`/api/report-submissions/${s.id}/submit`, { version: s.version });
    },
    allowed: ['own'],
  },
  // Only the reviewer unit (the province) returns or accepts.
  'POST /api/report-submissions/:id/return': {
    request: async () => {
      const s = await subject('news', 'submitted');
      return post(`/api/report-submissions/${s.id}/return`, { version: s.version, comment: '请补充' });
    },
    allowed: ['parent'],
  },
  'POST /api/report-submissions/:id/accept': {
    request: async () => {
      const s = await subject('news', 'submitted');
      return post(`/api/report-submissions/${s.id}/accept`, { version: s.version });
    },
    allowed: ['parent'],
  },
  'GET /api/report-submissions/:id/document': {
    request: async () => get(`/api/report-submissions/${(await subject()).id}/document`),
    allowed: ADMINS,
  },
  'POST /api/report-submissions/:id/files': {
    request: async () => ({
      method: 'POST',
      url: `/api/report-submissions/${(await subject()).id}/files`,
      ...multipart({}, { name: '矩阵附件.pdf', content: SAMPLE_FILES.pdf }),
    }),
    allowed: ['own'],
  },
  'GET /api/report-submissions/:id/files/:fileId': {
    request: async () => {
      const s = await withFile();
      return get(`/api/report-submissions/${s.id}/files/${s.fileId}`);
    },
    allowed: ADMINS,
  },
  'DELETE /api/report-submissions/:id/files/:fileId': {
    request: async () => {
      const s = await withFile();
      return { method: 'DELETE', url: `/api/report-submissions/${s.id}/files/${s.fileId}` };
    },
    allowed: ['own'],
  },
};
