import crypto from 'node:crypto';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { signupPages, signups } from '../db/schema';
import { blindIndex } from '../platform/crypto/field-crypto';
import type { TestContext } from './harness';

/**
 * The access matrix's cases for 线上招募 (server/test/access-matrix.test.ts): a page and sign-ups of
 * the subject unit (南昌市), made directly in the database. The cadres' routes follow the data scope;
 * the public routes answer everyone alike and never more than the person's own masked name.
 */

type Who = 'own' | 'parent' | 'child' | 'sibling' | 'other';
const WHO: Who[] = ['own', 'parent', 'child', 'sibling', 'other'];
const ADMINS: Who[] = ['own', 'parent'];
const PAGE = '矩阵招募页面';
const PERSON = '矩阵报名人';
const SLUG = 'matrixsignup01';
const RECEIPT = '7777-8888-9999';
const get = (url: string): InjectOptions => ({ method: 'GET', url });
const post = (url: string, payload: object = {}): InjectOptions => ({ method: 'POST', url, payload });

type Subject = { unitId: number; farUnitId: number; freshYouth(): Promise<number> };
let ctx: { t: TestContext; unitId: number; pageId: number } | undefined;

function fx() {
  if (!ctx) throw new Error('initSignupFixtures was not called');
  return ctx;
}

/** Called once from the matrix's beforeAll, after the subject's privacy notice exists. */
export async function initSignupFixtures(t: TestContext, unitId: number) {
  const [page] = await t.db
    .insert(signupPages)
    .values({ unitId, slug: SLUG, title: PAGE, status: 'open' })
    .returning({ id: signupPages.id });
  ctx = { t, unitId, pageId: page.id };
  await signup(RECEIPT);
}

/** A pending sign-up of the subject unit; each has its own receipt code unless one is given. */
async function signup(receipt: string = crypto.randomUUID()): Promise<{ id: number; version: number }> {
  const { t, unitId, pageId } = fx();
  const [row] = await t.db
    .insert(signups)
    .values({
      unitId,
      pageId,
      channel: 'web',
      receiptIdx: blindIndex(t.keys, 'receipt', receipt),
      name: PERSON,
      birthDate: '1998-05-12',
      ageBand: 'adult',
    })
    .returning({ id: signups.id, version: signups.version });
  return row;
}

async function page(): Promise<{ id: number; version: number }> {
  const { t, unitId } = fx();
  const [row] = await t.db
    .insert(signupPages)
    .values({ unitId, slug: `mx${crypto.randomBytes(6).toString('hex')}`, title: PAGE })
    .returning({ id: signupPages.id, version: signupPages.version });
  return row;
}

/**
 * Public writes: the same answer whoever is signed in. Without proof of work they are refused, or
 * past the per-address limit (every agent here shares one address) refused before that.
 */
const refusedWrite = (request: () => InjectOptions) => ({
  request,
  allowed: WHO,
  custom: (_who: Who, _allowed: boolean, res: LightMyRequestResponse) => {
    expect([400, 429], res.body).toContain(res.statusCode);
    expect(res.body).not.toContain(PERSON);
  },
});

const BAD_PROOF = { challenge: '1.1.1.x', nonce: '0' };

type SignupCase = {
  request: (s: Subject) => Promise<InjectOptions> | InjectOptions;
  allowed: Who[];
  emptyWhenRefused?: boolean;
  visible?: () => string;
  self?: boolean;
  custom?: (who: Who, allowed: boolean, res: LightMyRequestResponse) => Promise<void> | void;
};

export const SIGNUP_CASES: Record<string, SignupCase> = {
  'GET /api/signup-pages': {
    request: () => get('/api/signup-pages'),
    allowed: ADMINS,
    emptyWhenRefused: true,
    visible: () => PAGE,
  },
  // Each viewer makes a page of their own unit: nobody reaches the subject's pages.
  'POST /api/signup-pages': {
    request: () => post('/api/signup-pages', { title: '矩阵新页面' }),
    allowed: WHO,
    custom: (who, _allowed, res) => {
      expect(res.statusCode, res.body).toBe(200);
      expect(res.body).not.toContain(PAGE);
      if (who !== 'own') expect(res.body).not.toContain('南昌市');
    },
  },
  'PATCH /api/signup-pages/:id': {
    request: async () => {
      const p = await page();
      return {
        method: 'PATCH',
        url: `/api/signup-pages/${p.id}`,
        payload: { intro: '矩阵', version: p.version },
      };
    },
    allowed: ADMINS,
  },
  'POST /api/signups/search': {
    request: () => post('/api/signups/search', {}),
    allowed: ADMINS,
    emptyWhenRefused: true,
    visible: () => PERSON,
  },
  'GET /api/signups/:id': {
    request: async () => get(`/api/signups/${(await signup()).id}`),
    allowed: ADMINS,
    visible: () => PERSON,
  },
  'POST /api/signups/:id/accept': {
    request: async () => {
      const s = await signup();
      return post(`/api/signups/${s.id}/accept`, { version: s.version });
    },
    allowed: ADMINS,
  },
  'POST /api/signups/:id/merge': {
    request: async (subject) => {
      const s = await signup();
      return post(`/api/signups/${s.id}/merge`, { version: s.version, youthId: await subject.freshYouth() });
    },
    allowed: ADMINS,
  },
  'POST /api/signups/:id/forward': {
    request: async (subject) => {
      const s = await signup();
      return post(`/api/signups/${s.id}/forward`, {
        version: s.version,
        unitId: subject.farUnitId,
        reason: '矩阵转交',
      });
    },
    allowed: ADMINS,
  },
  // Country-wide names, levels and ancestors, like GET /api/units/lookup: everyone who reviews may look up.
  'GET /api/signups/forward-targets': {
    request: () => get('/api/signups/forward-targets?q=hangzhou'),
    allowed: WHO,
    self: true,
  },
  'POST /api/signups/:id/decline': {
    request: async () => {
      const s = await signup();
      return post(`/api/signups/${s.id}/decline`, { version: s.version, reason: '矩阵原因' });
    },
    allowed: ADMINS,
  },
  'POST /api/signups/batch': {
    request: async () =>
      post('/api/signups/batch', { ids: [(await signup()).id], action: 'decline', reason: '矩阵原因' }),
    allowed: ADMINS,
  },
  'GET /api/public/signup-pages/:slug': {
    request: () => get(`/api/public/signup-pages/${SLUG}`),
    allowed: WHO,
    custom: (_who, _allowed, res) => {
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ title: PAGE, state: 'open' });
    },
  },
  'POST /api/public/signup-pages/:slug/signups': refusedWrite(() =>
    post(`/api/public/signup-pages/${SLUG}/signups`, {
      name: '矩阵',
      phone: '13900000000',
      noticeId: 1,
      consent: true,
      ...BAD_PROOF,
    }),
  ),
  'POST /api/public/signups/status': {
    request: () => post('/api/public/signups/status', { receiptCode: RECEIPT }),
    allowed: WHO,
    custom: (_who, _allowed, res) => {
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().name).toBe('矩****');
      expect(res.body).not.toContain(PERSON);
    },
  },
  'POST /api/public/signups/update': refusedWrite(() =>
    post('/api/public/signups/update', { receiptCode: RECEIPT, fields: { dream: '矩阵' }, ...BAD_PROOF }),
  ),
  'POST /api/public/consents/withdraw': refusedWrite(() =>
    post('/api/public/consents/withdraw', { receiptCode: RECEIPT, ...BAD_PROOF }),
  ),
};
