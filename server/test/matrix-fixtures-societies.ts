import ExcelJS from 'exceljs';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { societyBackbones, societyRecommendations, youth, youthSocieties } from '../db/schema';
import { todayInChina } from '../../common/validators';
import type { TestContext } from './harness';

/**
 * The 青年社团 routes' cases for the access matrix (server/test/access-matrix.test.ts): societies of
 * the subject unit (南昌市) with a backbone and a pending recommendation, made directly in the database.
 */

type Who = 'own' | 'parent' | 'child' | 'sibling' | 'other';
const ADMINS: Who[] = ['own', 'parent'];
const SOCIETY = '矩阵青年社团';
const get = (url: string): InjectOptions => ({ method: 'GET', url });
const post = (url: string, payload: object = {}): InjectOptions => ({ method: 'POST', url, payload });

let ctx: { t: TestContext; unitId: number } | undefined;
let seq = 0;

function fx() {
  if (!ctx) throw new Error('initSocietyFixtures was not called');
  return ctx;
}

/** Called once from the matrix's beforeAll, after the test database exists. */
export function initSocietyFixtures(t: TestContext, unitId: number) {
  ctx = { t, unitId };
}

async function society(): Promise<{ id: number; version: number }> {
  const { t, unitId } = fx();
  const [row] = await t.db
    .insert(youthSocieties)
    .values({
      unitId,
      name: SOCIETY,
      namePinyin: 'juzhenqingnianshetuan',
      nameInitials: 'jzqnst',
      kind: 'unregistered',
    })
    .returning({ id: youthSocieties.id, version: youthSocieties.version });
  return row;
}

async function person(): Promise<number> {
  const { t, unitId } = fx();
  const [y] = await t.db
    .insert(youth)
    .values({ unitId, name: `矩阵骨干${++seq}`, namePinyin: 'juzhen', nameInitials: 'jz' })
    .returning({ id: youth.id });
  return y.id;
}

/** A society with one backbone (and, when asked, a pending recommendation of them). */
async function withBackbone(recommend = false) {
  const { t, unitId } = fx();
  const s = await society();
  const youthId = await person();
  await t.db.insert(societyBackbones).values({ societyId: s.id, youthId, role: '骨干' });
  let recommendationId = 0;
  if (recommend) {
    const [r] = await t.db
      .insert(societyRecommendations)
      .values({ societyId: s.id, unitId, youthId, kind: '兼职', recommendedOn: todayInChina() })
      .returning({ id: societyRecommendations.id });
    recommendationId = r.id;
  }
  return { societyId: s.id, youthId, recommendationId };
}

async function xlsxText(res: LightMyRequestResponse): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const cells: string[] = [];
  wb.worksheets[0].eachRow((row) => cells.push(JSON.stringify(row.values)));
  return cells.join('\n');
}

type SocietyCase = {
  request: (s: { unitId: number }) => Promise<InjectOptions> | InjectOptions;
  allowed: Who[];
  emptyWhenRefused?: boolean;
  visible?: () => string;
  custom?: (who: Who, allowed: boolean, res: LightMyRequestResponse) => Promise<void> | void;
};

export const SOCIETY_CASES: Record<string, SocietyCase> = {
  'GET /api/societies': {
    request: async () => {
      await society();
      return get('/api/societies');
    },
    allowed: ADMINS,
    emptyWhenRefused: true,
    visible: () => SOCIETY,
  },
  'GET /api/societies/export': {
    request: async () => {
      await society();
      return get('/api/societies/export');
    },
    allowed: ADMINS,
    custom: async (_who, allowed, res) => {
      expect(res.statusCode, res.body).toBe(200);
      const text = await xlsxText(res);
      if (allowed) expect(text).toContain(SOCIETY);
      else expect(text).not.toContain(SOCIETY);
    },
  },
  // The cadres a viewer may name are their own scope's accounts: nobody outside sees 南昌市's.
  'GET /api/societies/cadres': {
    request: () => get('/api/societies/cadres'),
    allowed: ADMINS,
    emptyWhenRefused: true,
    visible: () => '南昌市',
  },
  'POST /api/societies': {
    request: (s) => post('/api/societies', { name: '矩阵新社团', kind: 'community', unitId: s.unitId }),
    allowed: ADMINS,
  },
  'GET /api/societies/:id': {
    request: async () => get(`/api/societies/${(await society()).id}`),
    allowed: ADMINS,
    visible: () => SOCIETY,
  },
  'PATCH /api/societies/:id': {
    request: async () => {
      const s = await society();
      return {
        method: 'PATCH',
        url: `/api/societies/${s.id}`,
        payload: { memberCount: 30, version: s.version },
      };
    },
    allowed: ADMINS,
  },
  'GET /api/societies/:id/contacts': {
    request: async () => get(`/api/societies/${(await society()).id}/contacts`),
    allowed: ADMINS,
  },
  'POST /api/societies/:id/contacts': {
    request: async () =>
      post(`/api/societies/${(await society()).id}/contacts`, {
        date: todayInChina(),
        kind: '走访',
        summary: '矩阵走访',
      }),
    allowed: ADMINS,
  },
  'GET /api/societies/:id/backbones': {
    request: async () => get(`/api/societies/${(await withBackbone()).societyId}/backbones`),
    allowed: ADMINS,
    visible: () => '矩阵骨干',
  },
  'POST /api/societies/:id/backbones': {
    request: async () =>
      post(`/api/societies/${(await society()).id}/backbones`, { youthId: await person(), role: '骨干' }),
    allowed: ADMINS,
  },
  'DELETE /api/societies/:id/backbones/:youthId': {
    request: async () => {
      const b = await withBackbone();
      return { method: 'DELETE', url: `/api/societies/${b.societyId}/backbones/${b.youthId}` };
    },
    allowed: ADMINS,
  },
  'GET /api/societies/:id/recommendations': {
    request: async () => get(`/api/societies/${(await withBackbone(true)).societyId}/recommendations`),
    allowed: ADMINS,
    visible: () => '矩阵骨干',
  },
  'POST /api/societies/:id/recommendations': {
    request: async () => {
      const b = await withBackbone();
      return post(`/api/societies/${b.societyId}/recommendations`, {
        youthId: b.youthId,
        kind: '青联委员',
        recommendedOn: todayInChina(),
      });
    },
    allowed: ADMINS,
  },
  'POST /api/societies/:id/recommendations/:recommendationId/outcome': {
    request: async () => {
      const b = await withBackbone(true);
      return post(`/api/societies/${b.societyId}/recommendations/${b.recommendationId}/outcome`, {
        outcome: 'accepted',
        outcomeOn: todayInChina(),
      });
    },
    allowed: ADMINS,
  },
  'GET /api/societies/:id/nominations': {
    request: async () => get(`/api/societies/${(await society()).id}/nominations`),
    allowed: ADMINS,
  },
  'POST /api/societies/:id/nominations': {
    request: async () =>
      post(`/api/societies/${(await society()).id}/nominations`, { seats: 1, grantedOn: todayInChina() }),
    allowed: ADMINS,
  },
};
