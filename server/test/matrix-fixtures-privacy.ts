import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { privacyNotices } from '../db/schema';
import type { TestContext } from './harness';

/**
 * The access matrix's cases for 个人信息处理规则 and the public site's shared reads
 * (server/test/access-matrix.test.ts). Notices belong to the viewer's own unit only: no other unit,
 * above or below, sees the subject unit's versions.
 */

type Who = 'own' | 'parent' | 'child' | 'sibling' | 'other';
const WHO: Who[] = ['own', 'parent', 'child', 'sibling', 'other'];
const MARKER = '矩阵个人信息处理规则';
const get = (url: string): InjectOptions => ({ method: 'GET', url });

const sections = {
  controller: '矩阵处理者',
  purpose: '矩阵目的',
  categories: '矩阵种类',
  retention: '矩阵期限',
  rights: '矩阵权利',
  contact: '矩阵联系方式',
};

/** Called once from the matrix's beforeAll: the subject unit's published notice. */
export async function initPrivacyFixtures(t: TestContext, unitId: number) {
  await t.db
    .insert(privacyNotices)
    .values({ unitId, version: 1, title: MARKER, sections, contentHash: 'matrix' });
}

const ownOnly = (who: Who, _allowed: boolean, res: LightMyRequestResponse) => {
  expect(res.statusCode, res.body).toBe(200);
  if (who === 'own') expect(res.body).toContain(MARKER);
  else expect(res.body).not.toContain(MARKER);
};

export const PRIVACY_CASES = {
  'GET /api/privacy-notices': {
    request: () => get('/api/privacy-notices'),
    allowed: ['own'] as Who[],
    custom: ownOnly,
  },
  // Each viewer publishes for their own unit: nobody reaches the subject's notice.
  'POST /api/privacy-notices': {
    request: (): InjectOptions => ({
      method: 'POST',
      url: '/api/privacy-notices',
      payload: { title: '矩阵发布', sections },
    }),
    allowed: WHO,
    custom: (_who: Who, _allowed: boolean, res: LightMyRequestResponse) => {
      expect(res.statusCode, res.body).toBe(200);
      expect(res.body).not.toContain(MARKER);
    },
  },
  'GET /api/public/challenge': { request: () => get('/api/public/challenge'), allowed: WHO, self: true },
  'GET /api/public/places': { request: () => get('/api/public/places'), allowed: WHO, self: true },
};
