import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { callEntries, calls, workEntrants, works } from '../db/schema';
import { blindIndex } from '../platform/crypto/field-crypto';
import type { TestContext } from './harness';

type Who = 'own' | 'parent' | 'child' | 'sibling' | 'other';
const WHO: Who[] = ['own', 'parent', 'child', 'sibling', 'other'];
const CALL = '矩阵作品征集';
const PERSON = '矩阵参赛人';
const SLUG = 'matrixcall01';
const RECEIPT = '6666-7777-8888';
const get = (url: string): InjectOptions => ({ method: 'GET', url });
const post = (url: string, payload: object = {}): InjectOptions => ({ method: 'POST', url, payload });
const BAD_PROOF = { challenge: 'x', nonce: 'y' };

export async function initWorksFixtures(t: TestContext, unitId: number) {
  const [call] = await t.db
    .insert(calls)
    .values({
      unitId,
      slug: SLUG,
      title: CALL,
      categories: [{ key: 'photo', label: '摄影', kinds: ['image'], maxFiles: 3, maxMb: 5 }],
      rubric: [],
      awardLevels: [],
      status: 'published',
      opensAt: new Date(Date.now() - 86_400_000),
      closesAt: new Date(Date.now() + 30 * 86_400_000),
    })
    .returning({ id: calls.id });
  const [work] = await t.db
    .insert(works)
    .values({
      unitId,
      callId: call.id,
      receiptIdx: blindIndex(t.keys, 'receipt', RECEIPT),
      title: '矩阵作品',
      categoryKey: 'photo',
      originalityAt: new Date(),
      channel: 'web',
    })
    .returning({ id: works.id });
  await t.db.insert(workEntrants).values({ workId: work.id, position: 0, name: PERSON, ageBand: 'adult' });
  await t.db
    .insert(callEntries)
    .values({ callId: call.id, workId: work.id, unitId, entryNo: 1, origin: 'public' });
}

const refusedWrite = (request: () => InjectOptions) => ({
  request,
  allowed: WHO,
  custom: (_who: Who, _allowed: boolean, res: LightMyRequestResponse) => {
    expect([400, 429], res.body).toContain(res.statusCode);
    expect(res.body).not.toContain(PERSON);
  },
});

export const WORKS_CASES = {
  'GET /api/public/calls/:slug': {
    request: () => get(`/api/public/calls/${SLUG}`),
    allowed: WHO,
    custom: (_who: Who, _allowed: boolean, res: LightMyRequestResponse) => {
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ title: CALL, state: 'open' });
    },
  },
  'POST /api/public/calls/:slug/works': refusedWrite(() =>
    post(`/api/public/calls/${SLUG}/works`, {
      title: '矩阵',
      categoryKey: 'photo',
      entrants: [{ name: '矩阵', phone: '13900000000' }],
      files: ['x'],
      noticeId: 1,
      consent: true,
      originality: true,
      ...BAD_PROOF,
    }),
  ),
  'POST /api/public/works/status': {
    request: () => post('/api/public/works/status', { receiptCode: RECEIPT }),
    allowed: WHO,
    custom: (_who: Who, _allowed: boolean, res: LightMyRequestResponse) => {
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().leadName).toBe('矩****');
      expect(res.body).not.toContain(PERSON);
    },
  },
  'POST /api/public/works/update': refusedWrite(() =>
    post('/api/public/works/update', { receiptCode: RECEIPT, description: '矩阵', ...BAD_PROOF }),
  ),
  'POST /api/public/works/withdraw': refusedWrite(() =>
    post('/api/public/works/withdraw', { receiptCode: RECEIPT, ...BAD_PROOF }),
  ),
};
