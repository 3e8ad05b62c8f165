import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { DEFAULT_AWARD_LEVELS, DEFAULT_CATEGORIES, DEFAULT_RUBRIC } from '../../common/contracts/calls';
import { calls, workEntrants, workFiles, works } from '../db/schema';
import { insertFileRow, writeBlob } from '../platform/files/file-store';
import { insertCallEntry } from '../modules/calls/call-entries.repo';
import type { TestContext } from './harness';

/**
 * The access matrix's cases for the cadres' side of 作品征集 (server/test/access-matrix.test.ts): a call
 * of the subject unit (南昌市) with entries, made directly in the database. Everything follows the data
 * scope, except the parent-call lookup, which looks upward on purpose.
 */

type Who = 'own' | 'parent' | 'child' | 'sibling' | 'other';
const WHO: Who[] = ['own', 'parent', 'child', 'sibling', 'other'];
const ADMINS: Who[] = ['own', 'parent'];
const CALL = '矩阵作品征集';
const WORK = '矩阵作品';
const get = (url: string): InjectOptions => ({ method: 'GET', url });
const post = (url: string, payload: object = {}): InjectOptions => ({ method: 'POST', url, payload });

let ctx:
  { t: TestContext; unitId: number; callId: number; file: { entryId: number; fileId: number } } | undefined;

function fx() {
  if (!ctx) throw new Error('initCallFixtures was not called');
  return ctx;
}

async function call(status: 'draft' | 'published'): Promise<{ id: number; version: number }> {
  const { t, unitId } = fx();
  const [row] = await t.db
    .insert(calls)
    .values({
      unitId,
      slug: `mx${crypto.randomBytes(6).toString('hex')}`,
      title: CALL,
      categories: DEFAULT_CATEGORIES,
      rubric: DEFAULT_RUBRIC,
      awardLevels: DEFAULT_AWARD_LEVELS,
      status,
      opensAt: new Date(Date.now() - 86_400_000),
      closesAt: new Date(Date.now() + 30 * 86_400_000),
    })
    .returning({ id: calls.id, version: calls.version });
  return row;
}

async function entry(
  withFile = false,
): Promise<{ id: number; version: number; entrantId: number; fileId: number }> {
  const { t, unitId, callId } = fx();
  return t.db.transaction(async (tx) => {
    const [work] = await tx
      .insert(works)
      .values({
        unitId,
        callId,
        receiptIdx: crypto.randomUUID(),
        title: WORK,
        categoryKey: 'photography',
        originalityAt: new Date(),
        channel: 'web',
      })
      .returning({ id: works.id });
    const [entrant] = await tx
      .insert(workEntrants)
      .values({ workId: work.id, position: 0, name: '矩阵作者', ageBand: 'adult' })
      .returning({ id: workEntrants.id });
    let fileId = 0;
    if (withFile) {
      const dir = fs.mkdtempSync(path.join(t.config.dataDir, 'mx-'));
      const p = path.join(dir, 'upload');
      fs.writeFileSync(p, '%PDF-1.4\n%%EOF\n');
      const blob = await writeBlob(t, {
        path: p,
        filename: '矩阵.pdf',
        mime: 'application/pdf',
        size: 15,
        sha256: '',
      });
      const file = await insertFileRow(tx, blob, { unitId, createdBy: null });
      const [wf] = await tx
        .insert(workFiles)
        .values({ workId: work.id, fileId: file.id, kind: 'pdf', position: 0 })
        .returning({ id: workFiles.id });
      fileId = wf.id;
    }
    const e = await insertCallEntry(tx, { callId, workId: work.id, origin: 'public' });
    return { id: e.id, version: 1, entrantId: entrant.id, fileId };
  });
}

/** Called once from the matrix's beforeAll, after the subject's privacy notice exists. */
export async function initCallFixtures(t: TestContext, unitId: number) {
  ctx = { t, unitId, callId: 0, file: { entryId: 0, fileId: 0 } };
  ctx.callId = (await call('published')).id;
  const e = await entry(true);
  ctx.file = { entryId: e.id, fileId: e.fileId };
}

type CallCase = {
  request: () => Promise<InjectOptions> | InjectOptions;
  allowed: Who[];
  emptyWhenRefused?: boolean;
  visible?: () => string;
  custom?: (who: Who, allowed: boolean, res: LightMyRequestResponse) => Promise<void> | void;
};

const body = () => ({
  title: '矩阵新征集',
  categories: DEFAULT_CATEGORIES,
  rubric: DEFAULT_RUBRIC,
  awardLevels: DEFAULT_AWARD_LEVELS,
  opensAt: new Date().toISOString(),
  closesAt: new Date(Date.now() + 86_400_000).toISOString(),
});

export const CALL_CASES: Record<string, CallCase> = {
  'GET /api/calls': {
    request: () => get('/api/calls'),
    allowed: ADMINS,
    emptyWhenRefused: true,
    visible: () => CALL,
  },
  // Each viewer makes a call of their own unit: nobody reaches the subject's calls.
  'POST /api/calls': {
    request: () => post('/api/calls', body()),
    allowed: WHO,
    custom: (who, _allowed, res) => {
      expect(res.statusCode, res.body).toBe(200);
      expect(res.body).not.toContain(CALL);
      if (who !== 'own') expect(res.body).not.toContain('南昌市');
    },
  },
  // The one upward look: a county below sees the subject's published call as a parent; nobody else does.
  'GET /api/calls/parent-options': {
    request: () => get('/api/calls/parent-options'),
    allowed: WHO,
    custom: (who, _allowed, res) => {
      expect(res.statusCode, res.body).toBe(200);
      if (who === 'child') expect(res.body).toContain(CALL);
      else expect(res.body).not.toContain(CALL);
    },
  },
  'GET /api/calls/:id': {
    request: () => get(`/api/calls/${fx().callId}`),
    allowed: ADMINS,
    visible: () => CALL,
  },
  'PATCH /api/calls/:id': {
    request: async () => {
      const c = await call('draft');
      return { method: 'PATCH', url: `/api/calls/${c.id}`, payload: { theme: '矩阵', version: c.version } };
    },
    allowed: ADMINS,
  },
  'POST /api/calls/:id/publish': {
    request: async () => {
      const c = await call('draft');
      return post(`/api/calls/${c.id}/publish`, { version: c.version });
    },
    allowed: ADMINS,
  },
  'POST /api/calls/:id/finish': {
    request: async () => {
      const c = await call('published');
      return post(`/api/calls/${c.id}/finish`, { version: c.version });
    },
    allowed: ADMINS,
  },
  'POST /api/calls/:id/entries/search': {
    request: () => post(`/api/calls/${fx().callId}/entries/search`, {}),
    allowed: ADMINS,
    visible: () => WORK,
  },
  'GET /api/calls/entries/:id': {
    request: () => get(`/api/calls/entries/${fx().file.entryId}`),
    allowed: ADMINS,
    visible: () => WORK,
  },
  'GET /api/calls/entries/:id/files/:fileId': {
    request: () => get(`/api/calls/entries/${fx().file.entryId}/files/${fx().file.fileId}`),
    allowed: ADMINS,
  },
  'POST /api/calls/entries/:id/entrants/:entrantId/reveal': {
    request: async () => {
      const e = await entry();
      return post(`/api/calls/entries/${e.id}/entrants/${e.entrantId}/reveal`, { reason: '矩阵核实' });
    },
    allowed: ADMINS,
  },
  'POST /api/calls/entries/:id/review': {
    request: async () => {
      const e = await entry();
      return post(`/api/calls/entries/${e.id}/review`, {
        version: e.version,
        status: 'ineligible',
        reason: '矩阵',
      });
    },
    allowed: ADMINS,
  },
  'POST /api/calls/:id/entries/review': {
    request: async () =>
      post(`/api/calls/${fx().callId}/entries/review`, {
        ids: [(await entry()).id],
        status: 'incomplete',
        reason: '矩阵',
      }),
    allowed: ADMINS,
  },
  'POST /api/calls/entries/:id/identifying': {
    request: async () => {
      const e = await entry();
      return post(`/api/calls/entries/${e.id}/identifying`, {
        version: e.version,
        identifying: true,
        note: '矩阵签名',
      });
    },
    allowed: ADMINS,
  },
};
