import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type InjectOptions, type LightMyRequestResponse } from 'fastify';
import ExcelJS from 'exceljs';
import { installAccessHook } from '../platform/http/access-hook';
import {
  departments,
  dictItems,
  importJobRows,
  importJobs,
  youth,
  youthStageChanges,
  youthTransfers,
} from '../db/schema';
import { settleImportJobs } from '../platform/import/jobs/runner';
import { idCheckDigit } from '../../common/validators';
import { blindIndex, encryptField } from '../platform/crypto/field-crypto';
import { multipart, SAMPLE_FILES } from '../platform/files/test-files';
import {
  createTestContext,
  createUser,
  login,
  unitIdByCode,
  type Agent,
  type TestContext,
  type TestUser,
} from './harness';
import { initMentorFixtures, MENTOR_CASES } from './matrix-fixtures-mentors';
import { initTrainingFixtures, TRAINING_CASES } from './matrix-fixtures-training';
import { EVENT_CASES, setupEventMatrix } from './matrix-fixtures-events';
import { initSocietyFixtures, SOCIETY_CASES } from './matrix-fixtures-societies';
import { initOutreachFixtures, OUTREACH_CASES } from './matrix-fixtures-outreach';
import { FEDERATION_CASES, initFederationFixtures } from './matrix-fixtures-federation';
import { initPlanFixtures, PLAN_CASES } from './matrix-fixtures-plans';
import { initReportFixtures, REPORT_CASES } from './matrix-fixtures-reports';
import { initPrivacyFixtures, PRIVACY_CASES } from './matrix-fixtures-privacy';
import { initSignupFixtures, SIGNUP_CASES } from './matrix-fixtures-signups';
import { CALL_CASES, initCallFixtures } from './matrix-fixtures-calls';
import { initWorksFixtures, WORKS_CASES } from './matrix-fixtures-works';
import { RESUMABLE_CASES } from './matrix-fixtures-resumable';
import { initJudgingFixtures, JUDGING_CASES } from './matrix-fixtures-judging';
import { AWARDS_CASES, initAwardsFixtures } from './matrix-fixtures-awards';
import { initShowcaseFixtures, SHOWCASE_CASES } from './matrix-fixtures-showcase';
import { initStoryFixtures, STORY_CASES } from './matrix-fixtures-stories';

/**
 * Every route, five viewers around one subject unit (南昌市): its own unit, the parent province,
 * a child county, a sibling city, another province. Each case says who may act on the subject's
 * data; a refused viewer must get 403/404 (or an empty list) and no trace of the subject.
 */
type Who = 'own' | 'parent' | 'child' | 'sibling' | 'other';
const WHO: Who[] = ['own', 'parent', 'child', 'sibling', 'other'];
const UNIT_OF: Record<Who, string> = {
  own: '360100',
  parent: '360000',
  child: '360102',
  sibling: '360400',
  other: '330000',
};

type Subject = {
  unitId: number;
  account: TestUser;
  marker: string;
  department(): Promise<{ id: number; version: number }>;
  dictItem(): Promise<{ id: number; version: number }>;
  /** A youth kept by 南昌市 with a pending stage proposal and a pending transfer to 北京市. */
  youthId: number;
  youthIdNumber: string;
  /** A fresh youth kept by 南昌市, for routes that change state. */
  freshYouth(): Promise<number>;
  /** A fresh pending stage proposal (by the subject operator) on a fresh youth. */
  proposal(): Promise<number>;
  /** A fresh pending transfer of a fresh youth between 南昌市 and 北京市, asked by the given side. */
  transfer(initiatedBy: 'from' | 'to'): Promise<number>;
  farUnitId: number;
  /** A fresh import job of 南昌市, analysed and waiting for confirmation, started by the subject operator. */
  importJob(): Promise<number>;
};

type Case = {
  request: (s: Subject) => Promise<InjectOptions> | InjectOptions;
  /** Who may see or change the subject's data through this route. */
  allowed: Who[];
  /** For lists: refused viewers get 200 with nothing of the subject instead of 403/404. */
  emptyWhenRefused?: boolean;
  /** For lists: what an allowed viewer must find in the body. */
  visible?: (s: Subject) => string;
  /** Routes about the caller themself (or public): everyone allowed, nobody sees the subject. */
  self?: boolean;
  /** Replaces the generic checks, for routes whose refusal is not a 403/404 (duplicate check, export). */
  custom?: (who: Who, allowed: boolean, res: LightMyRequestResponse) => Promise<void> | void;
};

const ADMINS: Who[] = ['own', 'parent'];
const get = (url: string): InjectOptions => ({ method: 'GET', url });
const post = (url: string, payload: object = {}): InjectOptions => ({ method: 'POST', url, payload });
const SUBJECT_YOUTH = '矩阵青年';

async function xlsxText(res: LightMyRequestResponse): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const cells: string[] = [];
  wb.worksheets[0].eachRow((row) => cells.push(JSON.stringify(row.values)));
  return cells.join('\n');
}

/** A fresh unit administrator of the subject unit, for the routes that would take it over. */
const peerAdmin = () => createUser(t, { role: 'unit_admin', unitCode: UNIT_OF.own, totp: false });

/** A person's attachment, uploaded by the subject unit's own administrator, for the routes that need one. */
const attachmentUpload = (youthId: number): InjectOptions => ({
  method: 'POST',
  url: `/api/youth/${youthId}/attachments`,
  ...multipart({ kind: '证书', note: '矩阵附件' }, { name: '矩阵附件.pdf', content: SAMPLE_FILES.pdf }),
});
async function attachment(youthId: number): Promise<number> {
  const res = await agents.own.request(attachmentUpload(youthId));
  if (res.statusCode !== 200) throw new Error(`attachment upload failed ${res.statusCode} ${res.body}`);
  return (res.json() as { id: number }).id;
}

const CASES: Record<string, Case> = {
  ...MENTOR_CASES,
  ...TRAINING_CASES,
  ...EVENT_CASES,
  ...SOCIETY_CASES,
  ...OUTREACH_CASES,
  ...FEDERATION_CASES,
  ...PLAN_CASES,
  ...REPORT_CASES,
  ...PRIVACY_CASES,
  ...SIGNUP_CASES,
  ...CALL_CASES,
  ...WORKS_CASES,
  ...RESUMABLE_CASES,
  ...JUDGING_CASES,
  ...AWARDS_CASES,
  ...SHOWCASE_CASES,
  ...STORY_CASES,
  'GET /healthz': { request: () => get('/healthz'), allowed: WHO, self: true },
  'GET /readyz': { request: () => get('/readyz'), allowed: WHO, self: true },
  'GET /api/openapi.json': { request: () => get('/api/openapi.json'), allowed: WHO, self: true },
  'GET /api/auth/me': { request: () => get('/api/auth/me'), allowed: WHO, self: true },
  'GET /api/auth/password-policy': {
    request: () => get('/api/auth/password-policy'),
    allowed: WHO,
    self: true,
  },
  'POST /api/auth/totp/setup': {
    request: () => ({ method: 'POST', url: '/api/auth/totp/setup' }),
    allowed: [],
    self: true,
  },
  'GET /api/roles': { request: () => get('/api/roles'), allowed: WHO, self: true },
  'GET /api/units/children': {
    request: (s) => get(`/api/units/children?parentId=${s.unitId}`),
    allowed: ADMINS,
  },
  'GET /api/units': {
    request: () => get('/api/units?q=nanchang'),
    allowed: ADMINS,
    emptyWhenRefused: true,
    visible: () => '南昌市',
  },
  'GET /api/units/:id': { request: (s) => get(`/api/units/${s.unitId}`), allowed: ADMINS },
  // Country-wide and public (names, levels, ancestors): everyone may look up, nobody sees the subject's data.
  'GET /api/units/lookup': { request: () => get('/api/units/lookup?q=hangzhou'), allowed: WHO, self: true },
  'PATCH /api/units/:id': {
    request: (s) => ({
      method: 'PATCH',
      url: `/api/units/${s.unitId}`,
      payload: { orgName: '共青团南昌市委员会', version: 999 },
    }),
    // A stale version is refused with 409 for those allowed; others must not learn the unit exists.
    allowed: ADMINS,
  },
  'POST /api/units/:id/departments': {
    request: (s) => ({
      method: 'POST',
      url: `/api/units/${s.unitId}/departments`,
      payload: { name: `部门${Math.random().toString(36).slice(2, 7)}` },
    }),
    allowed: ADMINS,
  },
  'PATCH /api/departments/:id': {
    request: async (s) => {
      const d = await s.department();
      return {
        method: 'PATCH',
        url: `/api/departments/${d.id}`,
        payload: { name: `改名${d.id}`, version: d.version },
      };
    },
    allowed: ADMINS,
  },
  'DELETE /api/departments/:id': {
    request: async (s) => ({ method: 'DELETE', url: `/api/departments/${(await s.department()).id}` }),
    allowed: ADMINS,
  },
  'GET /api/accounts': {
    request: (s) => get(`/api/accounts?q=${s.account.username}`),
    allowed: ADMINS,
    emptyWhenRefused: true,
    visible: (s) => s.account.username,
  },
  'POST /api/accounts': {
    request: (s) => ({
      method: 'POST',
      url: '/api/accounts',
      payload: {
        username: `m${Math.random().toString(36).slice(2, 9)}`,
        displayName: '矩阵测试',
        role: 'operator',
        unitId: s.unitId,
      },
    }),
    allowed: ADMINS,
  },
  'PATCH /api/accounts/:id': {
    request: (s) => ({
      method: 'PATCH',
      url: `/api/accounts/${s.account.id}`,
      payload: { displayName: '改名', version: 999 },
    }),
    allowed: ADMINS,
  },
  'POST /api/accounts/:id/reset-password': {
    request: (s) => ({ method: 'POST', url: `/api/accounts/${s.account.id}/reset-password` }),
    allowed: ADMINS,
  },
  'POST /api/accounts/:id/unlock': {
    request: (s) => ({ method: 'POST', url: `/api/accounts/${s.account.id}/unlock` }),
    allowed: ADMINS,
  },
  'POST /api/accounts/:id/revoke-sessions': {
    request: (s) => ({ method: 'POST', url: `/api/accounts/${s.account.id}/revoke-sessions` }),
    allowed: ADMINS,
  },
  'POST /api/accounts/:id/reset-totp': {
    request: (s) => ({ method: 'POST', url: `/api/accounts/${s.account.id}/reset-totp` }),
    allowed: ADMINS,
  },
  // A unit administrator of 南昌市 itself: its peer (own) may not take it over, the province above may.
  'POST /api/accounts/:id/reset-password (unit administrator)': {
    request: async () => post(`/api/accounts/${(await peerAdmin()).id}/reset-password`),
    allowed: ['parent'],
  },
  'POST /api/accounts/:id/reset-totp (unit administrator)': {
    request: async () => post(`/api/accounts/${(await peerAdmin()).id}/reset-totp`),
    allowed: ['parent'],
  },
  'PATCH /api/accounts/:id (unit administrator)': {
    request: async () => ({
      method: 'PATCH',
      url: `/api/accounts/${(await peerAdmin()).id}`,
      payload: { displayName: '改名', version: 1 },
    }),
    allowed: ['parent'],
  },
  'PUT /api/roles/:role/settings': {
    request: () => ({ method: 'PUT', url: '/api/roles/operator/settings', payload: { requireTotp: false } }),
    allowed: [],
  },
  'GET /api/audit': {
    request: (s) => get(`/api/audit?username=${s.account.username}`),
    allowed: ADMINS,
    emptyWhenRefused: true,
    visible: (s) => s.account.username,
  },
  'GET /api/audit/export': {
    request: (s) => get(`/api/audit/export?unitId=${s.unitId}`),
    allowed: ADMINS,
  },
  'GET /api/dictionaries/:type': {
    request: () => get('/api/dictionaries/source'),
    // A unit's own additions are visible to it and below it, not above or beside it.
    allowed: ['own', 'child'],
    emptyWhenRefused: true,
    visible: (s) => s.marker,
  },
  'POST /api/dictionaries/:type': {
    request: () => ({
      method: 'POST',
      url: '/api/dictionaries/source',
      payload: { label: `来源${Math.random().toString(36).slice(2, 7)}` },
    }),
    allowed: WHO,
    self: true,
  },
  'PATCH /api/dictionary-items/:id': {
    request: async (s) => {
      const item = await s.dictItem();
      return {
        method: 'PATCH',
        url: `/api/dictionary-items/${item.id}`,
        payload: { enabled: false, version: item.version },
      };
    },
    allowed: ['own'],
  },
  'GET /api/home/summary': { request: () => get('/api/home/summary'), allowed: WHO, self: true },
  'POST /api/youth/search': {
    request: () => post('/api/youth/search', { q: 'jzqn' }),
    allowed: ADMINS,
    emptyWhenRefused: true,
    visible: () => SUBJECT_YOUTH,
  },
  'POST /api/youth/duplicate-check': {
    request: (s) => post('/api/youth/duplicate-check', { idNumber: s.youthIdNumber }),
    allowed: ADMINS,
    // Outside the subtree the answer names the keeping unit, and nothing else about the person.
    custom: (_who, allowed, res) => {
      expect(res.statusCode, res.body).toBe(200);
      const [match] = res.json().matches;
      expect(match.keepingUnitName).toBe('南昌市');
      expect(match.inScope).toBe(allowed);
      if (allowed) expect(match.name).toBe(SUBJECT_YOUTH);
      else expect(res.body).not.toContain('矩阵');
    },
  },
  'POST /api/youth/export': {
    request: () => post('/api/youth/export', { filter: { q: SUBJECT_YOUTH } }),
    allowed: ADMINS,
    custom: async (_who, allowed, res) => {
      expect(res.statusCode, res.body).toBe(200);
      const text = await xlsxText(res);
      if (allowed) expect(text).toContain(SUBJECT_YOUTH);
      else expect(text).not.toContain(SUBJECT_YOUTH);
    },
  },
  // Selected rows, like the batch actions: one id outside the scope refuses the whole export as not found.
  'POST /api/youth/export (selected ids)': {
    request: (s) => post('/api/youth/export', { ids: [s.youthId] }),
    allowed: ADMINS,
    custom: async (_who, allowed, res) => {
      if (allowed) {
        expect(res.statusCode, res.body).toBe(200);
        expect(await xlsxText(res)).toContain(SUBJECT_YOUTH);
        return;
      }
      expect(res.statusCode, res.body).toBe(404);
      expect(res.body).not.toContain('南昌');
    },
  },
  'POST /api/youth': {
    request: (s) => post('/api/youth', { name: '矩阵新增', unitId: s.unitId }),
    allowed: ADMINS,
  },
  'GET /api/youth/:id': { request: (s) => get(`/api/youth/${s.youthId}`), allowed: ADMINS },
  'PATCH /api/youth/:id': {
    request: (s) => ({
      method: 'PATCH',
      url: `/api/youth/${s.youthId}`,
      payload: { remark: '改', version: 999 },
    }),
    allowed: ADMINS,
  },
  'POST /api/youth/:id/reveal': {
    request: (s) => post(`/api/youth/${s.youthId}/reveal`, { reason: '矩阵核实身份' }),
    allowed: ADMINS,
  },
  'GET /api/youth/:id/interactions': {
    request: (s) => get(`/api/youth/${s.youthId}/interactions`),
    allowed: ADMINS,
  },
  'POST /api/youth/:id/interactions': {
    request: (s) =>
      post(`/api/youth/${s.youthId}/interactions`, {
        date: '2026-01-05',
        way: '走访',
        contactedBy: '矩阵',
        summary: '矩阵联系',
      }),
    allowed: ADMINS,
  },
  'GET /api/youth/:id/timeline': { request: (s) => get(`/api/youth/${s.youthId}/timeline`), allowed: ADMINS },
  'GET /api/youth/:id/attachments': {
    request: (s) => get(`/api/youth/${s.youthId}/attachments`),
    allowed: ADMINS,
  },
  'POST /api/youth/:id/attachments': { request: (s) => attachmentUpload(s.youthId), allowed: ADMINS },
  'GET /api/youth/:id/attachments/:attachmentId/file': {
    request: async (s) => get(`/api/youth/${s.youthId}/attachments/${await attachment(s.youthId)}/file`),
    allowed: ADMINS,
  },
  'DELETE /api/youth/:id/attachments/:attachmentId': {
    request: async (s) => ({
      method: 'DELETE',
      url: `/api/youth/${s.youthId}/attachments/${await attachment(s.youthId)}`,
    }),
    allowed: ADMINS,
  },
  'POST /api/youth/:id/stage-proposals': {
    request: async (s) =>
      post(`/api/youth/${await s.freshYouth()}/stage-proposals`, { toStage: 'key', reason: '矩阵申请理由' }),
    allowed: ADMINS,
  },
  'GET /api/youth-stage-proposals': {
    request: () => get('/api/youth-stage-proposals'),
    allowed: ADMINS,
    emptyWhenRefused: true,
    visible: () => SUBJECT_YOUTH,
  },
  'POST /api/youth-stage-proposals/:id/review': {
    request: async (s) =>
      post(`/api/youth-stage-proposals/${await s.proposal()}/review`, { decision: 'approve' }),
    allowed: ADMINS,
  },
  'POST /api/youth-transfers': {
    request: async (s) =>
      post('/api/youth-transfers', {
        youthId: await s.freshYouth(),
        toUnitId: s.farUnitId,
        reason: '矩阵转出',
      }),
    allowed: ADMINS,
  },
  'GET /api/youth-transfers': {
    request: () => get('/api/youth-transfers'),
    allowed: ADMINS,
    emptyWhenRefused: true,
    visible: () => SUBJECT_YOUTH,
  },
  'POST /api/youth-transfers/:id/accept': {
    request: async (s) => post(`/api/youth-transfers/${await s.transfer('to')}/accept`),
    allowed: ADMINS,
  },
  'POST /api/youth-transfers/:id/reject': {
    request: async (s) => post(`/api/youth-transfers/${await s.transfer('to')}/reject`, { note: '矩阵拒绝' }),
    allowed: ADMINS,
  },
  'POST /api/youth-transfers/:id/cancel': {
    request: async (s) => post(`/api/youth-transfers/${await s.transfer('from')}/cancel`),
    allowed: ADMINS,
  },
  'GET /api/youth/imports/template': {
    request: () => get('/api/youth/imports/template'),
    allowed: WHO,
    self: true,
  },
  'POST /api/youth/imports': {
    request: (s) => ({
      method: 'POST',
      url: '/api/youth/imports',
      ...multipart(
        { unitId: String(s.unitId) },
        { name: '矩阵.csv', content: Buffer.from('姓名\r\n矩阵导入人\r\n') },
      ),
    }),
    allowed: ADMINS,
  },
  'GET /api/youth/imports': {
    request: async (s) => {
      await s.importJob();
      return get('/api/youth/imports');
    },
    allowed: ADMINS,
    emptyWhenRefused: true,
    visible: () => '矩阵导入.xlsx',
  },
  'GET /api/youth/imports/:id': {
    request: async (s) => get(`/api/youth/imports/${await s.importJob()}`),
    allowed: ADMINS,
  },
  'GET /api/youth/imports/:id/rows': {
    request: async (s) => get(`/api/youth/imports/${await s.importJob()}/rows`),
    allowed: ADMINS,
  },
  'POST /api/youth/imports/:id/commit': {
    request: async (s) =>
      post(`/api/youth/imports/${await s.importJob()}/commit`, { mode: 'add', policy: 'valid' }),
    allowed: ADMINS,
  },
  'POST /api/youth/imports/:id/cancel': {
    request: async (s) => post(`/api/youth/imports/${await s.importJob()}/cancel`),
    allowed: ADMINS,
  },
  // The report holds the uploaded rows as they were: only the uploader, never an administrator.
  'GET /api/youth/imports/:id/error-report': {
    request: async (s) => get(`/api/youth/imports/${await s.importJob()}/error-report`),
    allowed: [],
  },
  'POST /api/youth-batch/tags': {
    request: async (s) =>
      post('/api/youth-batch/tags', { ids: [await s.freshYouth()], action: 'add', tag: '矩阵标签' }),
    allowed: ADMINS,
  },
  'POST /api/youth-batch/stage-proposals': {
    request: async (s) =>
      post('/api/youth-batch/stage-proposals', {
        ids: [await s.freshYouth()],
        toStage: 'key',
        reason: '矩阵批量申请',
      }),
    allowed: ADMINS,
  },
  'POST /api/youth-batch/unit': {
    request: async (s) => post('/api/youth-batch/unit', { ids: [await s.freshYouth()], unitId: s.unitId }),
    allowed: ADMINS,
  },
  'POST /api/youth-batch/transfers': {
    request: async (s) =>
      post('/api/youth-batch/transfers', {
        ids: [await s.freshYouth()],
        toUnitId: s.farUnitId,
        reason: '矩阵批量转出',
      }),
    allowed: ADMINS,
  },
};

/** Routes about the session itself, exercised by the auth tests; here only their declared access is checked. */
const SESSION_ROUTES = new Set([
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'POST /api/auth/totp/verify',
  'POST /api/auth/totp/enable',
  'POST /api/auth/totp/disable',
  'POST /api/auth/password',
]);

let t: TestContext;
let agents: Record<Who, Agent>;
let subject: Subject;

beforeAll(async () => {
  // Uploads and stored files go to a temporary DATA_DIR, not the developer's ./data.
  t = await createTestContext({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'zm-matrix-')) });
  const unitId = await unitIdByCode(t.db, UNIT_OF.own);
  const account = await createUser(t, {
    role: 'operator',
    unitCode: UNIT_OF.own,
    username: 'matrix_subject',
    totp: false,
  });
  const marker = '矩阵来源南昌';
  await t.db.insert(dictItems).values({ dictType: 'source', unitId, label: marker });
  const farUnitId = await unitIdByCode(t.db, '110000');
  let seqNo = 100;
  const insertYouth = async (name: string, idNumber?: string) => {
    const [row] = await t.db
      .insert(youth)
      .values({
        unitId,
        name,
        namePinyin: 'juzhenqingnian',
        nameInitials: 'jzqn',
        ...(idNumber
          ? {
              idNumberEnc: encryptField(t.keys, idNumber),
              idNumberIdx: blindIndex(t.keys, 'id_number', idNumber),
            }
          : {}),
      })
      .returning({ id: youth.id });
    return row.id;
  };
  const first17 = '36010219960101001';
  const youthIdNumber = first17 + idCheckDigit(first17);
  const youthId = await insertYouth(SUBJECT_YOUTH, youthIdNumber);
  await t.db.insert(youthStageChanges).values({
    youthId,
    unitId,
    fromStage: 'contact',
    toStage: 'key',
    reason: '矩阵',
    proposedBy: account.id,
  });
  await t.db.insert(youthTransfers).values({
    youthId,
    unitId,
    fromUnitId: unitId,
    toUnitId: farUnitId,
    initiatedBy: 'from',
    reason: '矩阵',
    requestedBy: account.id,
  });
  const freshYouth = () => insertYouth(`矩阵${++seqNo}`);
  const importJob = async () => {
    const [job] = await t.db
      .insert(importJobs)
      .values({
        kind: 'youth',
        unitId,
        createdBy: account.id,
        fileName: '矩阵导入.xlsx',
        fileSize: 1,
        fileSha256: 'matrix',
        status: 'ready',
        counts: { total: 1, new: 0, update: 0, duplicate: 0, error: 1, warning: 0 },
        meta: { headers: ['姓名'] },
      })
      .returning({ id: importJobs.id });
    await t.db.insert(importJobRows).values({
      jobId: job.id,
      rowNumber: 2,
      action: 'error',
      messages: ['第 2 行「姓名」列：姓名不能为空'],
      rawEnc: encryptField(t.keys, JSON.stringify([''])),
    });
    return job.id;
  };
  subject = {
    importJob,
    youthId,
    youthIdNumber,
    farUnitId,
    freshYouth,
    proposal: async () => {
      const [p] = await t.db
        .insert(youthStageChanges)
        .values({
          youthId: await freshYouth(),
          unitId,
          fromStage: 'contact',
          toStage: 'key',
          reason: '矩阵',
          proposedBy: account.id,
        })
        .returning({ id: youthStageChanges.id });
      return p.id;
    },
    transfer: async (initiatedBy) => {
      const [tr] = await t.db
        .insert(youthTransfers)
        .values({
          youthId: await freshYouth(),
          unitId,
          fromUnitId: unitId,
          toUnitId: farUnitId,
          initiatedBy,
          reason: '矩阵',
          requestedBy: account.id,
        })
        .returning({ id: youthTransfers.id });
      return tr.id;
    },
    unitId,
    account,
    marker,
    department: async () => {
      const [d] = await t.db
        .insert(departments)
        .values({ unitId, name: `矩阵部门${Math.random().toString(36).slice(2, 8)}` })
        .returning({ id: departments.id, version: departments.version });
      return d;
    },
    dictItem: async () => {
      const [d] = await t.db
        .insert(dictItems)
        .values({ dictType: 'need', unitId, label: `矩阵需求${Math.random().toString(36).slice(2, 8)}` })
        .returning({ id: dictItems.id, version: dictItems.version });
      return d;
    },
  };
  await login(t, account);
  initMentorFixtures(t, unitId);
  initTrainingFixtures(t, unitId);
  initSocietyFixtures(t, unitId);
  initOutreachFixtures(t, unitId);
  initFederationFixtures(t, unitId);
  await initPlanFixtures(t, unitId);
  await initReportFixtures(t, unitId);
  await initPrivacyFixtures(t, unitId);
  await initSignupFixtures(t, unitId);
  await initCallFixtures(t, unitId);
  await initWorksFixtures(t, unitId);
  await initJudgingFixtures(t, unitId);
  await initAwardsFixtures(t, unitId);
  await initShowcaseFixtures(t, unitId);
  await initStoryFixtures(t, unitId);
  agents = {} as Record<Who, Agent>;
  for (const who of WHO) {
    const user = await createUser(t, {
      role: 'unit_admin',
      unitCode: UNIT_OF[who],
      username: `matrix_${who}`,
    });
    agents[who] = await login(t, user);
  }
  await setupEventMatrix(t, subject, agents.own);
});

afterAll(async () => {
  await settleImportJobs();
  await t?.close();
  if (t) fs.rmSync(t.config.dataDir, { recursive: true, force: true });
});

function routeKeys(): string[] {
  return [
    ...new Set(
      t.app.zmRoutes
        .filter((r) => r.method !== 'HEAD' && !r.url.startsWith('/api/docs') && r.url !== '/*')
        .map((r) => `${r.method} ${r.url}`),
    ),
  ];
}

describe('access matrix', () => {
  it('every registered route declares its access and has a case here', () => {
    for (const r of t.app.zmRoutes) expect(r.access, `${r.method} ${r.url}`).toBeTruthy();
    const missing = routeKeys().filter((k) => !CASES[k] && !SESSION_ROUTES.has(k));
    expect(missing).toEqual([]);
  });

  it("the API's map (OpenAPI document and its pages) is for signed-in users only", async () => {
    for (const url of ['/api/openapi.json', '/api/docs', '/api/docs/json']) {
      expect((await t.app.inject({ url })).statusCode, url).toBe(401);
      expect((await agents.other.get(url)).statusCode, url).toBeLessThan(400);
    }
  });

  it('an app with a route that declares no permission refuses to start', async () => {
    const app = Fastify();
    installAccessHook(app);
    app.get('/api/undeclared', async () => ({}));
    await expect(app.ready()).rejects.toThrow(/未声明访问权限/);
  });

  for (const [key, c] of Object.entries(CASES)) {
    for (const who of WHO) {
      it(`${key} — ${who}`, async () => {
        const res = await agents[who].request(await c.request(subject));
        const allowed = c.allowed.includes(who);
        const body = res.body;
        if (c.custom) {
          await c.custom(who, allowed, res);
          return;
        }
        if (c.self) {
          expect(res.statusCode, body).toBeLessThan(500);
          if (!key.startsWith('POST /api/auth')) expect(res.statusCode, body).toBeLessThan(400);
          if (who !== 'own' && who !== 'parent') expect(body).not.toContain('南昌市');
          return;
        }
        if (allowed) {
          expect([200, 409], body).toContain(res.statusCode);
          if (c.visible) expect(body).toContain(c.visible(subject));
          return;
        }
        if (c.emptyWhenRefused && res.statusCode === 200) {
          expect(body).not.toContain(subject.account.username);
          expect(body).not.toContain(subject.marker);
          expect(body).not.toContain('南昌市');
          const json = res.json() as { total?: number };
          if (typeof json.total === 'number') expect(json.total).toBe(0);
          return;
        }
        expect([403, 404], body).toContain(res.statusCode);
        expect(body).not.toContain(subject.account.username);
        expect(body).not.toContain('南昌');
      });
    }
  }
});
