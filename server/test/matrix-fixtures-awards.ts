import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { maskName } from '../../common/masking';
import { encryptField } from '../platform/crypto/field-crypto';
import { seedCall, seedScoredEntry } from '../modules/awards/awards-fixtures';
import {
  insertObjection,
  issueCertificate,
  markFinal,
  replaceAwards,
  setPublicity,
} from '../modules/awards/awards.repo';
import { newReceiptCode, newSlug } from '../modules/signup/signup-codes';
import { recommendEntry } from './call-rows';
import type { TestContext } from './harness';

/**
 * The access matrix's cases for 评奖、公示、证书与向上推荐 (server/test/access-matrix.test.ts): calls of the
 * subject unit (南昌市) whose judging is over, one in 公示 with an objection, one confirmed with a
 * certificate, one recommending to a call of 江西省. The routes that move a call on get a fresh call each.
 */

type Who = 'own' | 'parent' | 'child' | 'sibling' | 'other';
const WHO: Who[] = ['own', 'parent', 'child', 'sibling', 'other'];
const ADMINS: Who[] = ['own', 'parent'];
const CALL = '矩阵评奖征集';
const WORK = '矩阵获奖作品';
const PERSON = '矩阵获奖人';
const OBJECTION = '矩阵异议：评分与作品不符，请复核';
const DAY_MS = 86_400_000;
const get = (url: string): InjectOptions => ({ method: 'GET', url });
const post = (url: string, payload: object = {}): InjectOptions => ({ method: 'POST', url, payload });
const BAD_PROOF = { challenge: 'x', nonce: 'y' };

type Fixtures = {
  t: TestContext;
  unitId: number;
  publicity: { id: number; slug: string };
  final: { id: number; code: string };
  recommending: { id: number; parent: { id: number; unitId: number } };
};
let ctx: Fixtures | undefined;

function fx() {
  if (!ctx) throw new Error('initAwardsFixtures was not called');
  return ctx;
}

async function scoredCall(t: TestContext, o: { parentCallId?: number } = {}) {
  const slug = newSlug();
  const call = await seedCall(t.db, { ...o, unitCode: '360100', title: CALL, slug });
  const entry = await seedScoredEntry(t.db, {
    callId: call.id,
    unitId: call.unitId,
    title: WORK,
    score: 90,
    entrants: [{ name: PERSON, placeCode: '360102' }],
  });
  return { ...call, slug, entryId: entry.entryId, workId: entry.workId };
}

/** A call of 南昌市 with its one entry awarded, still proposing, in 公示, or with 公示 over. */
async function awardedCall(t: TestContext, publicity?: 'open' | 'ended') {
  const call = await scoredCall(t);
  await replaceAwards(t.db, call.id, [{ entryId: call.entryId, levelKey: 'first' }]);
  if (publicity) {
    const endsInDays = publicity === 'open' ? 1 : -1;
    const now = Date.now();
    await setPublicity(t.db, call.id, new Date(now - 2 * DAY_MS), new Date(now + endsInDays * DAY_MS));
  }
  return call;
}

async function objection() {
  const { t, publicity } = fx();
  return insertObjection(t.db, {
    callId: publicity.id,
    content: OBJECTION,
    contactName: '矩阵异议人',
    contactPhoneEnc: encryptField(t.keys, '13900000000'),
    ipAnon: '10.1.2.0',
  });
}

/** A fresh scored entry of the recommending call, free to go up. */
async function candidate() {
  const { t, unitId, recommending } = fx();
  return seedScoredEntry(t.db, {
    callId: recommending.id,
    unitId,
    title: WORK,
    score: 80,
    entrants: [{ name: PERSON }],
  });
}

/** Called once from the matrix's beforeAll. */
export async function initAwardsFixtures(t: TestContext, unitId: number) {
  const publicity = await awardedCall(t, 'open');
  const final = await awardedCall(t, 'ended');
  const code = newReceiptCode();
  const at = new Date();
  await issueCertificate(t.db, final.entryId, code, at);
  await markFinal(t.db, final.id, at);
  // The higher call's quota for each lower call leaves room for every recommendation the cases make.
  const parent = await seedCall(t.db, {
    unitCode: '360000',
    title: '矩阵省级征集',
    slug: newSlug(),
    recommendQuota: 100,
  });
  const recommending = await scoredCall(t, { parentCallId: parent.id });
  ctx = {
    t,
    unitId,
    publicity: { id: publicity.id, slug: publicity.slug },
    final: { id: final.id, code },
    recommending: { id: recommending.id, parent },
  };
  await objection();
}

type AwardsCase = {
  request: () => Promise<InjectOptions> | InjectOptions;
  allowed: Who[];
  custom: (who: Who, allowed: boolean, res: LightMyRequestResponse) => Promise<void> | void;
};

/** In the subject's scope only: those refused learn nothing of the call, its works or its people. */
const scoped = (request: AwardsCase['request'], visible?: string): AwardsCase => ({
  request,
  allowed: ADMINS,
  custom: (_who, allowed, res) => {
    if (allowed) {
      expect(res.statusCode, res.body).toBe(200);
      if (visible) expect(res.body).toContain(visible);
      return;
    }
    expect([403, 404], res.body).toContain(res.statusCode);
    for (const trace of ['南昌', CALL, WORK, PERSON, OBJECTION]) expect(res.body).not.toContain(trace);
  },
});

/** The public pages show the works' people masked, never in full. */
const onlyMasked = (res: LightMyRequestResponse) => {
  expect(res.statusCode, res.body).toBe(200);
  expect(res.body).toContain(maskName(PERSON));
  expect(res.body).not.toContain(PERSON);
};

export const AWARDS_CASES: Record<string, AwardsCase> = {
  'GET /api/calls/:id/awards': scoped(() => get(`/api/calls/${fx().publicity.id}/awards`), WORK),
  'PUT /api/calls/:id/awards': scoped(async () => {
    const call = await scoredCall(fx().t);
    return {
      method: 'PUT',
      url: `/api/calls/${call.id}/awards`,
      payload: { awards: [{ entryId: call.entryId, levelKey: 'first' }] },
    };
  }, WORK),
  'POST /api/calls/:id/awards/publicity': scoped(
    async () => post(`/api/calls/${(await awardedCall(fx().t)).id}/awards/publicity`),
    WORK,
  ),
  'POST /api/calls/:id/awards/final': scoped(
    async () => post(`/api/calls/${(await awardedCall(fx().t, 'ended')).id}/awards/final`),
    WORK,
  ),
  'GET /api/calls/:id/objections': scoped(() => get(`/api/calls/${fx().publicity.id}/objections`), OBJECTION),
  'POST /api/calls/:id/objections/:objectionId/answer': scoped(
    async () =>
      post(`/api/calls/${fx().publicity.id}/objections/${await objection()}/answer`, {
        decision: 'dismissed',
        response: '矩阵答复：经复核评分无误',
      }),
    '矩阵答复',
  ),
  'GET /api/calls/:id/certificates': scoped(() => get(`/api/calls/${fx().final.id}/certificates`), PERSON),
  'GET /api/calls/:id/recommendations': scoped(
    () => get(`/api/calls/${fx().recommending.id}/recommendations`),
    WORK,
  ),
  'POST /api/calls/:id/recommendations': scoped(async () => {
    const e = await candidate();
    return post(`/api/calls/${fx().recommending.id}/recommendations`, { entryIds: [e.entryId] });
  }, WORK),
  'POST /api/calls/:id/recommendations/:entryId/withdraw': scoped(async () => {
    const { t, unitId, recommending } = fx();
    const e = await candidate();
    await recommendEntry(t.db, {
      sourceEntryId: e.entryId,
      workId: e.workId,
      toCallId: recommending.parent.id,
      toUnitId: recommending.parent.unitId,
      byUnitId: unitId,
    });
    return post(`/api/calls/${recommending.id}/recommendations/${e.entryId}/withdraw`);
  }, WORK),
  'GET /api/public/calls/:slug/results': {
    request: () => get(`/api/public/calls/${fx().publicity.slug}/results`),
    allowed: WHO,
    custom: (_who, _allowed, res) => {
      onlyMasked(res);
      expect(res.json()).toMatchObject({ title: CALL, state: 'publicity' });
    },
  },
  // The proof of work is checked before anything is stored.
  'POST /api/public/calls/:slug/objections': {
    request: () =>
      post(`/api/public/calls/${fx().publicity.slug}/objections`, {
        content: OBJECTION,
        contactName: '矩阵',
        phone: '13900000000',
        noticeId: 1,
        consent: true,
        ...BAD_PROOF,
      }),
    allowed: WHO,
    custom: (_who, _allowed, res) => {
      expect([400, 429], res.body).toContain(res.statusCode);
      expect(res.body).not.toContain(PERSON);
    },
  },
  'GET /api/public/certificates/:code': {
    request: () => get(`/api/public/certificates/${fx().final.code}`),
    allowed: WHO,
    custom: (_who, _allowed, res) => {
      onlyMasked(res);
      expect(res.json()).toMatchObject({ code: fx().final.code, workTitle: WORK, levelLabel: '一等奖' });
    },
  },
};
