import fs from 'node:fs';
import path from 'node:path';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { maskName } from '../../common/masking';
import { stories, youth } from '../db/schema';
import { insertFileRow, writeBlob } from '../platform/files/file-store';
import { multipart } from '../platform/files/test-files';
import { seedCall, seedScoredEntry } from '../modules/awards/awards-fixtures';
import { newSlug } from '../modules/signup/signup-codes';
import { tinyJpeg } from '../modules/stories/stories-test-fixtures';
import type { TestContext } from './harness';

/**
 * The access matrix's cases for 青年故事 (server/test/access-matrix.test.ts): stories of the subject unit
 * (南昌市) about a work of its call (with publicity consent) and a person of its registry. Everything
 * follows the data scope: the person and work pickers too.
 */

type Who = 'own' | 'parent' | 'child' | 'sibling' | 'other';
const ADMINS: Who[] = ['own', 'parent'];
const STORY = '矩阵青年故事';
const WORK = '矩阵故事作品';
const PERSON = '矩阵故事青年';
const get = (url: string): InjectOptions => ({ method: 'GET', url });
const post = (url: string, payload: object = {}): InjectOptions => ({ method: 'POST', url, payload });

type Fixtures = { t: TestContext; unitId: number; youthId: number; entryId: number; covered: number };
let ctx: Fixtures | undefined;

function fx() {
  if (!ctx) throw new Error('initStoryFixtures was not called');
  return ctx;
}

async function story(status: 'draft' | 'published' = 'draft', coverFileId: number | null = null) {
  const { t, unitId, youthId, entryId } = fx();
  const [row] = await t.db
    .insert(stories)
    .values({
      unitId,
      youthId,
      entryId,
      title: STORY,
      body: '矩阵故事正文',
      consentBasis: 'work_publicity',
      status,
      publishedAt: status === 'published' ? new Date() : null,
      coverFileId,
    })
    .returning({ id: stories.id, version: stories.version });
  return row;
}

/** Called once from the matrix's beforeAll. */
export async function initStoryFixtures(t: TestContext, unitId: number) {
  const [person] = await t.db
    .insert(youth)
    .values({ unitId, name: PERSON, namePinyin: 'juzhengushiqingnian', nameInitials: 'jzgsqn' })
    .returning({ id: youth.id });
  const call = await seedCall(t.db, { unitCode: '360100', title: '矩阵故事征集', slug: newSlug() });
  const entry = await seedScoredEntry(t.db, {
    callId: call.id,
    unitId: call.unitId,
    title: WORK,
    score: 90,
    entrants: [{ name: PERSON }],
  });
  ctx = { t, unitId, youthId: person.id, entryId: entry.entryId, covered: 0 };
  const dir = fs.mkdtempSync(path.join(t.config.dataDir, 'mx-story-'));
  const p = path.join(dir, 'cover');
  const jpeg = tinyJpeg();
  fs.writeFileSync(p, jpeg);
  const blob = await writeBlob(t, {
    path: p,
    filename: '封面.jpg',
    mime: 'image/jpeg',
    size: jpeg.length,
    sha256: '',
  });
  const file = await insertFileRow(t.db, blob, { unitId, createdBy: null });
  ctx.covered = (await story('published', file.id)).id;
}

type StoryCase = {
  request: () => Promise<InjectOptions> | InjectOptions;
  allowed: Who[];
  emptyWhenRefused?: boolean;
  visible?: () => string;
  custom?: (who: Who, allowed: boolean, res: LightMyRequestResponse) => Promise<void> | void;
};

/** In the subject's scope only: those refused learn nothing of the story, the work or the person. */
const scoped = (request: StoryCase['request'], visible = STORY): StoryCase => ({
  request,
  allowed: ADMINS,
  custom: (_who, allowed, res) => {
    if (allowed) {
      expect(res.statusCode, res.body).toBe(200);
      expect(res.body).toContain(visible);
      return;
    }
    expect([403, 404], res.body).toContain(res.statusCode);
    for (const trace of ['南昌', STORY, WORK, PERSON, maskName(PERSON)])
      expect(res.body).not.toContain(trace);
  },
});

/** A picker: 200 for everyone, the subject's person or work only for those whose scope holds it. */
const picker = (url: string, trace: string): StoryCase => ({
  request: () => get(url),
  allowed: ADMINS,
  custom: (_who, allowed, res) => {
    expect(res.statusCode, res.body).toBe(200);
    if (allowed) expect(res.body).toContain(trace);
    else expect(res.body).not.toContain(trace);
    expect(res.body).not.toContain(PERSON);
  },
});

export const STORY_CASES: Record<string, StoryCase> = {
  'GET /api/stories': {
    request: () => get('/api/stories'),
    allowed: ADMINS,
    emptyWhenRefused: true,
    visible: () => STORY,
  },
  'GET /api/stories/:id': scoped(async () => get(`/api/stories/${(await story()).id}`)),
  // Each viewer writes a story of their own unit; linking the subject's person needs the person in scope.
  'POST /api/stories': {
    request: () =>
      post('/api/stories', {
        title: '矩阵新故事',
        body: '正文',
        consentBasis: 'written',
        youthId: fx().youthId,
      }),
    allowed: ADMINS,
    custom: (_who, allowed, res) => {
      if (allowed) {
        expect(res.statusCode, res.body).toBe(200);
        expect(res.body).toContain(maskName(PERSON));
      } else expect(res.statusCode, res.body).toBe(400);
      expect(res.body).not.toContain(PERSON);
    },
  },
  'PATCH /api/stories/:id': scoped(async () => {
    const s = await story();
    return {
      method: 'PATCH',
      url: `/api/stories/${s.id}`,
      payload: { version: s.version, summary: '矩阵摘要' },
    };
  }),
  'POST /api/stories/:id/publish': scoped(async () => {
    const s = await story();
    return post(`/api/stories/${s.id}/publish`, { version: s.version });
  }),
  'POST /api/stories/:id/withdraw': scoped(async () => {
    const s = await story('published');
    return post(`/api/stories/${s.id}/withdraw`, { version: s.version, reason: '矩阵下线原因' });
  }),
  'POST /api/stories/:id/cover': scoped(async () => {
    const s = await story();
    return {
      method: 'POST',
      url: `/api/stories/${s.id}/cover`,
      ...multipart({}, { name: '封面.jpg', content: tinyJpeg() }),
    };
  }),
  'GET /api/stories/:id/cover': {
    request: () => get(`/api/stories/${fx().covered}/cover`),
    allowed: ADMINS,
    custom: (_who, allowed, res) => {
      if (allowed) {
        expect(res.statusCode, res.body).toBe(200);
        expect(res.headers['content-type']).toContain('image/jpeg');
        return;
      }
      expect([403, 404], res.body).toContain(res.statusCode);
      expect(res.body).not.toContain(STORY);
    },
  },
  'GET /api/story-options/people': picker(
    `/api/story-options/people?keyword=${encodeURIComponent('矩阵故事')}`,
    maskName(PERSON),
  ),
  'GET /api/story-options/entries': picker(
    `/api/story-options/entries?keyword=${encodeURIComponent(WORK)}`,
    WORK,
  ),
};
