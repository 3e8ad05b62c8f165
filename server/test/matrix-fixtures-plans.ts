import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { InjectOptions } from 'fastify';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/client';
import { planProgress, planProgressFiles, planTasks, workPlans } from '../db/schema';
import { storeFile, type FileRow } from '../platform/files/file-store';
import { multipart, SAMPLE_FILES } from '../platform/files/test-files';
import type { TestContext } from './harness';

/**
 * The 工作方案 and 任务督办 routes' cases for the access matrix (server/test/access-matrix.test.ts): plans,
 * tasks and progress of the subject unit (南昌市), made directly in the database.
 */

type Who = 'own' | 'parent' | 'child' | 'sibling' | 'other';
const ADMINS: Who[] = ['own', 'parent'];
const PLAN = '矩阵工作方案';
const TASK = '矩阵督办任务';
const PLAN_TEXT = '一、重点任务\n1. 矩阵任务。（责任部门：宣传部、组织部）';
const get = (url: string): InjectOptions => ({ method: 'GET', url });
const post = (url: string, payload: object = {}): InjectOptions => ({ method: 'POST', url, payload });

let ctx: { t: TestContext; unitId: number; countyId: number; docx: Buffer } | undefined;

function fx() {
  if (!ctx) throw new Error('initPlanFixtures was not called');
  return ctx;
}

/** Called once from the matrix's beforeAll, after the test database exists. */
export async function initPlanFixtures(t: TestContext, unitId: number) {
  // 西湖区: below 南昌市 but not the child viewer's county, so the copies issued there stay out of its lists.
  const [county] = await queryRows<{ id: number }>(t.db, sql`select id from units where code = '360103'`);
  const lines = PLAN_TEXT.split('\n').map((line) => new Paragraph({ children: [new TextRun(line)] }));
  const docx = await Packer.toBuffer(new Document({ sections: [{ children: lines }] }));
  ctx = { t, unitId, countyId: county.id, docx };
}

async function stored(
  name: string,
  content: Buffer,
  link: (tx: TestContext['db'], file: FileRow) => Promise<void>,
) {
  const { t, unitId } = fx();
  const tmp = path.join(t.config.dataDir, `matrix-${crypto.randomBytes(4).toString('hex')}`);
  fs.writeFileSync(tmp, content);
  let id = 0;
  await storeFile(
    { db: t.db, keys: t.keys, config: t.config },
    { path: tmp, filename: name, mime: 'application/octet-stream', size: content.length, sha256: '' },
    async () => ({ unitId, createdBy: null }),
    async (tx, file) => {
      id = file.id;
      await link(tx, file);
    },
  );
  fs.rmSync(tmp, { force: true });
  return id;
}

/** A plan of 南昌市 with one task (optionally with its original .docx stored). */
async function plan(opts: { withSource?: boolean } = {}) {
  const { t, unitId, docx } = fx();
  const sourceFileId = opts.withSource ? await stored('矩阵方案.docx', docx, async () => {}) : null;
  const [p] = await t.db
    .insert(workPlans)
    .values({ unitId, title: PLAN, kind: 'annual', year: 2026, source: 'manual', sourceFileId })
    .returning({ id: workPlans.id, version: workPlans.version });
  const [task] = await t.db
    .insert(planTasks)
    .values({ planId: p.id, unitId, number: '1', title: TASK, deadline: '2026-12-31' })
    .returning({ id: planTasks.id, version: planTasks.version });
  return { ...p, task };
}

async function progressWithFile() {
  const { t, unitId } = fx();
  const p = await plan();
  const [progress] = await t.db
    .insert(planProgress)
    .values({
      taskId: p.task.id,
      unitId,
      date: '2026-03-01',
      text: '矩阵进展',
      status: 'in_progress',
      progress: 20,
    })
    .returning({ id: planProgress.id });
  const fileId = await stored('矩阵进展附件.pdf', SAMPLE_FILES.pdf, async (tx, file) => {
    await tx.insert(planProgressFiles).values({ progressId: progress.id, fileId: file.id });
  });
  return { taskId: p.task.id, progressId: progress.id, fileId };
}

const taskBody = { sectionId: null, title: TASK, leadDepartmentId: null, participantIds: [] };

type PlanCase = {
  request: (s: { unitId: number }) => Promise<InjectOptions> | InjectOptions;
  allowed: Who[];
  emptyWhenRefused?: boolean;
  visible?: () => string;
};

export const PLAN_CASES: Record<string, PlanCase> = {
  'POST /api/plans/drafts/text': {
    request: (s) => post('/api/plans/drafts/text', { unitId: s.unitId, text: PLAN_TEXT }),
    allowed: ADMINS,
  },
  'POST /api/plans/drafts/document': {
    request: (s) => ({
      method: 'POST',
      url: '/api/plans/drafts/document',
      ...multipart({ unitId: String(s.unitId) }, { name: '矩阵方案.docx', content: fx().docx }),
    }),
    allowed: ADMINS,
  },
  'GET /api/plans': {
    request: async () => {
      await plan();
      return get('/api/plans');
    },
    allowed: ADMINS,
    emptyWhenRefused: true,
    visible: () => PLAN,
  },
  'POST /api/plans': {
    request: (s) =>
      post('/api/plans', {
        unitId: s.unitId,
        title: PLAN,
        kind: 'annual',
        year: 2026,
        source: 'manual',
        sections: [
          { number: '一', title: '任务', tasks: [{ title: TASK, lead: '宣传部', participants: [] }] },
        ],
      }),
    allowed: ADMINS,
  },
  'GET /api/plans/department-options': {
    request: (s) => get(`/api/plans/department-options?unitId=${s.unitId}`),
    allowed: ADMINS,
    visible: () => '宣传部',
  },
  'GET /api/plans/division': {
    request: async () => get(`/api/plans/division?planId=${(await plan()).id}`),
    allowed: ADMINS,
    visible: () => TASK,
  },
  'GET /api/plans/:id': {
    request: async () => get(`/api/plans/${(await plan()).id}`),
    allowed: ADMINS,
    visible: () => TASK,
  },
  'PATCH /api/plans/:id': {
    request: async () => {
      const p = await plan();
      return {
        method: 'PATCH',
        url: `/api/plans/${p.id}`,
        payload: { version: p.version, title: `${PLAN}（修改）`, kind: 'annual', year: 2026, sections: [] },
      };
    },
    allowed: ADMINS,
  },
  'DELETE /api/plans/:id': {
    request: async () => {
      const p = await plan();
      return { method: 'DELETE', url: `/api/plans/${p.id}?version=${p.version}` };
    },
    allowed: ADMINS,
  },
  'GET /api/plans/:id/source': {
    request: async () => get(`/api/plans/${(await plan({ withSource: true })).id}/source`),
    allowed: ADMINS,
  },
  'GET /api/plans/:id/report': {
    request: async () => get(`/api/plans/${(await plan()).id}/report`),
    allowed: ADMINS,
  },
  'GET /api/plans/:id/division/export': {
    request: async () => get(`/api/plans/${(await plan()).id}/division/export`),
    allowed: ADMINS,
  },
  // Issued to a county of 南昌市: allowed to those who may write 南昌市's plans.
  'POST /api/plans/:id/issue': {
    request: async () =>
      post(`/api/plans/${(await plan()).id}/issue`, { target: 'units', unitIds: [fx().countyId] }),
    allowed: ADMINS,
  },
  'GET /api/plans/:id/copies': {
    request: async () => get(`/api/plans/${(await plan()).id}/copies`),
    allowed: ADMINS,
  },
  'GET /api/plan-tasks': {
    request: async () => {
      await plan();
      return get('/api/plan-tasks');
    },
    allowed: ADMINS,
    emptyWhenRefused: true,
    visible: () => TASK,
  },
  'POST /api/plans/:id/tasks': {
    request: async () => post(`/api/plans/${(await plan()).id}/tasks`, taskBody),
    allowed: ADMINS,
  },
  'GET /api/plan-tasks/:id': {
    request: async () => get(`/api/plan-tasks/${(await plan()).task.id}`),
    allowed: ADMINS,
    visible: () => TASK,
  },
  'PATCH /api/plan-tasks/:id': {
    request: async () => {
      const { task } = await plan();
      return {
        method: 'PATCH',
        url: `/api/plan-tasks/${task.id}`,
        payload: { ...taskBody, version: task.version },
      };
    },
    allowed: ADMINS,
  },
  'DELETE /api/plan-tasks/:id': {
    request: async () => {
      const { task } = await plan();
      return { method: 'DELETE', url: `/api/plan-tasks/${task.id}?version=${task.version}` };
    },
    allowed: ADMINS,
  },
  'POST /api/plan-tasks/:id/progress': {
    request: async () => {
      const { task } = await plan();
      return post(`/api/plan-tasks/${task.id}/progress`, {
        version: task.version,
        date: '2026-01-05',
        text: '矩阵进展',
        status: 'in_progress',
        progress: 10,
      });
    },
    allowed: ADMINS,
  },
  'POST /api/plan-tasks/:id/progress/:progressId/files': {
    request: async () => {
      const p = await progressWithFile();
      return {
        method: 'POST',
        url: `/api/plan-tasks/${p.taskId}/progress/${p.progressId}/files`,
        ...multipart({}, { name: '矩阵附件.pdf', content: SAMPLE_FILES.pdf }),
      };
    },
    allowed: ADMINS,
  },
  'GET /api/plan-tasks/:id/progress/:progressId/files/:fileId': {
    request: async () => {
      const p = await progressWithFile();
      return get(`/api/plan-tasks/${p.taskId}/progress/${p.progressId}/files/${p.fileId}`);
    },
    allowed: ADMINS,
  },
};
