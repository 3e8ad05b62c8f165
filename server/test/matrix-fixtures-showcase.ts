import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { maskName } from '../../common/masking';
import { callEntries, workFiles } from '../db/schema';
import { storeFile } from '../platform/files/file-store';
import { SAMPLE_FILES } from '../platform/files/test-files';
import { seedCall, seedScoredEntry } from '../modules/awards/awards-fixtures';
import { newSlug } from '../modules/signup/signup-codes';
import type { TestContext } from './harness';

/**
 * The access matrix's cases for 单位主页 (server/test/access-matrix.test.ts): a finished call of the subject
 * unit (南昌市, 360100) with one showcased work (an image) and a fresh eligible work for each switch. The
 * cadre routes are the subject's and its parents'; the public routes answer everyone alike, masked.
 */

type Who = 'own' | 'parent' | 'child' | 'sibling' | 'other';
const WHO: Who[] = ['own', 'parent', 'child', 'sibling', 'other'];
const ADMINS: Who[] = ['own', 'parent'];
const CODE = '360100';
const WORK = '矩阵展示作品';
const PERSON = '矩阵展示人';
const get = (url: string): InjectOptions => ({ method: 'GET', url });

type Fixtures = { t: TestContext; unitId: number; callId: number; entryId: number; fileId: number };
let ctx: Fixtures | undefined;

function fx() {
  if (!ctx) throw new Error('initShowcaseFixtures was not called');
  return ctx;
}

async function eligibleEntry(t: TestContext, callId: number, unitId: number) {
  return seedScoredEntry(t.db, {
    callId,
    unitId,
    title: WORK,
    score: 88,
    entrants: [{ name: PERSON, placeCode: '360102' }],
  });
}

/** Called once from the matrix's beforeAll. */
export async function initShowcaseFixtures(t: TestContext, unitId: number) {
  const call = await seedCall(t.db, {
    unitCode: CODE,
    title: '矩阵展示征集',
    slug: newSlug(),
    status: 'finished',
  });
  const entry = await eligibleEntry(t, call.id, unitId);
  const tmp = path.join(os.tmpdir(), `matrix-showcase-${crypto.randomBytes(4).toString('hex')}.png`);
  fs.writeFileSync(tmp, SAMPLE_FILES.png);
  const fileId = await storeFile(
    t,
    {
      path: tmp,
      filename: '画.png',
      mime: 'image/png',
      size: SAMPLE_FILES.png.length,
      sha256: crypto.createHash('sha256').update(SAMPLE_FILES.png).digest('hex'),
    },
    async () => ({ unitId, createdBy: null }),
    async (tx, file) => {
      const [row] = await tx
        .insert(workFiles)
        .values({ workId: entry.workId, fileId: file.id, kind: 'image', position: 0, scrubbed: true })
        .returning({ id: workFiles.id });
      return row.id;
    },
  );
  fs.rmSync(tmp, { force: true });
  await t.db
    .update(callEntries)
    .set({ showcased: true, showcaseNote: '矩阵推荐语', showcasedAt: new Date() })
    .where(eq(callEntries.id, entry.entryId));
  ctx = { t, unitId, callId: call.id, entryId: entry.entryId, fileId };
}

type ShowcaseCase = {
  request: () => Promise<InjectOptions> | InjectOptions;
  allowed: Who[];
  custom: (who: Who, allowed: boolean, res: LightMyRequestResponse) => Promise<void> | void;
};

/** In the subject's scope only: those refused learn nothing of the work or its people. */
const scoped = (
  request: ShowcaseCase['request'],
  check?: (res: LightMyRequestResponse) => void,
): ShowcaseCase => ({
  request,
  allowed: ADMINS,
  custom: (_who, allowed, res) => {
    if (allowed) {
      expect(res.statusCode, res.body).toBe(200);
      check?.(res);
      return;
    }
    expect([403, 404], res.body).toContain(res.statusCode);
    for (const trace of ['南昌', WORK, PERSON, '矩阵推荐语']) expect(res.body).not.toContain(trace);
  },
});

/** The same answer for everyone: the public page, with the work's people masked. */
const everyone = (
  request: ShowcaseCase['request'],
  check: (res: LightMyRequestResponse) => void,
): ShowcaseCase => ({
  request,
  allowed: WHO,
  custom: (_who, _allowed, res) => {
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).not.toContain(PERSON);
    check(res);
  },
});

const masked = (res: LightMyRequestResponse) => {
  expect(res.body).toContain(WORK);
  expect(res.body).toContain(maskName(PERSON));
};

export const SHOWCASE_CASES: Record<string, ShowcaseCase> = {
  'GET /api/calls/entries/:id/showcase': scoped(
    () => get(`/api/calls/entries/${fx().entryId}/showcase`),
    (res) => expect(res.json()).toMatchObject({ showcased: true, note: '矩阵推荐语' }),
  ),
  'PUT /api/calls/entries/:id/showcase': scoped(
    async () => {
      const { t, callId, unitId } = fx();
      const e = await eligibleEntry(t, callId, unitId);
      return { method: 'PUT', url: `/api/calls/entries/${e.entryId}/showcase`, payload: { showcased: true } };
    },
    (res) => expect(res.json()).toMatchObject({ showcased: true, refusal: null }),
  ),
  // Each viewer gets their own unit's page: never the subject's unless it is theirs.
  'GET /api/showcase/unit-page': {
    request: () => get('/api/showcase/unit-page'),
    allowed: WHO,
    custom: (who, _allowed, res) => {
      expect(res.statusCode, res.body).toBe(200);
      if (who === 'own') expect(res.json()).toMatchObject({ unitName: '南昌市', path: `/m/u/${CODE}` });
      else expect(res.body).not.toContain(CODE);
    },
  },
  'GET /api/public/units/:code': everyone(() => get(`/api/public/units/${CODE}`), masked),
  'GET /api/public/units/:code/works': everyone(() => get(`/api/public/units/${CODE}/works?page=1`), masked),
  'GET /api/public/units/:code/stories': everyone(
    () => get(`/api/public/units/${CODE}/stories?page=1`),
    (res) => expect(res.json()).toMatchObject({ page: 1 }),
  ),
  'GET /api/public/units/:code/works/:entryId': everyone(
    () => get(`/api/public/units/${CODE}/works/${fx().entryId}`),
    masked,
  ),
  'GET /api/public/units/:code/works/:entryId/files/:fileId': everyone(
    () => get(`/api/public/units/${CODE}/works/${fx().entryId}/files/${fx().fileId}`),
    (res) => {
      expect(res.headers['content-type']).toBe('image/png');
      expect(res.rawPayload.equals(SAMPLE_FILES.png)).toBe(true);
    },
  ),
  // No story is published in the matrix: the same 404 for everyone, naming nothing.
  'GET /api/public/units/:code/stories/:id': {
    request: () => get(`/api/public/units/${CODE}/stories/2147480000`),
    allowed: WHO,
    custom: (_who, _allowed, res) => expect(res.statusCode, res.body).toBe(404),
  },
  'GET /api/public/units/:code/stories/:id/cover': {
    request: () => get(`/api/public/units/${CODE}/stories/2147480000/cover`),
    allowed: WHO,
    custom: (_who, _allowed, res) => expect(res.statusCode, res.body).toBe(404),
  },
};
