import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import { contactPoints, leagueBranches, leagueBranchMembers, youth, youthSocieties } from '../db/schema';
import type { TestContext } from './harness';

/**
 * The access matrix's cases for 联系点 and 团组织 (server/test/access-matrix.test.ts): contact points,
 * branches, a member and a society of the subject unit (南昌市), made directly in the database.
 */

type Who = 'own' | 'parent' | 'child' | 'sibling' | 'other';
const ADMINS: Who[] = ['own', 'parent'];
const POINT = '矩阵联系点';
const BRANCH = '矩阵流动团支部';
const SOCIETY = '矩阵骑手社群';
const get = (url: string): InjectOptions => ({ method: 'GET', url });
const post = (url: string, payload: object = {}): InjectOptions => ({ method: 'POST', url, payload });

let ctx: { t: TestContext; unitId: number } | undefined;
let seq = 0;

function fx() {
  if (!ctx) throw new Error('initOutreachFixtures was not called');
  return ctx;
}

/** Called once from the matrix's beforeAll, after the test database exists. */
export function initOutreachFixtures(t: TestContext, unitId: number) {
  ctx = { t, unitId };
}

async function point(): Promise<{ id: number; version: number }> {
  const { t, unitId } = fx();
  const [row] = await t.db
    .insert(contactPoints)
    .values({ unitId, name: POINT, kind: '快递物流企业', relation: '日常联系' })
    .returning({ id: contactPoints.id, version: contactPoints.version });
  return row;
}

async function branch(): Promise<{ id: number; version: number }> {
  const { t, unitId } = fx();
  const [row] = await t.db
    .insert(leagueBranches)
    .values({
      unitId,
      name: BRANCH,
      kind: '流动团支部',
      contactPointId: (await point()).id,
      establishedOn: '2025-07-01',
    })
    .returning({ id: leagueBranches.id, version: leagueBranches.version });
  return row;
}

async function person(): Promise<number> {
  const { t, unitId } = fx();
  const [y] = await t.db
    .insert(youth)
    .values({ unitId, name: `矩阵团员${++seq}`, namePinyin: 'juzhen', nameInitials: 'jz', stage: 'contact' })
    .returning({ id: youth.id });
  return y.id;
}

/** A branch with one current member: [branch id, youth id]. */
async function membership(): Promise<[number, number]> {
  const { t } = fx();
  const b = await branch();
  const youthId = await person();
  await t.db
    .insert(leagueBranchMembers)
    .values({ branchId: b.id, youthId, role: '团员', joinedOn: '2025-07-01' });
  return [b.id, youthId];
}

async function society() {
  const { t, unitId } = fx();
  await t.db.insert(youthSocieties).values({
    unitId,
    name: SOCIETY,
    namePinyin: 'juzhenqishoushequn',
    nameInitials: 'jzqssq',
    kind: 'community',
  });
}

async function xlsxText(res: LightMyRequestResponse): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const cells: string[] = [];
  wb.worksheets[0].eachRow((row) => cells.push(JSON.stringify(row.values)));
  return cells.join('\n');
}

const xlsxCase = (marker: string) => async (_who: Who, allowed: boolean, res: LightMyRequestResponse) => {
  expect(res.statusCode, res.body).toBe(200);
  const text = await xlsxText(res);
  if (allowed) expect(text).toContain(marker);
  else expect(text).not.toContain(marker);
};

type OutreachCase = {
  request: (s: { unitId: number }) => Promise<InjectOptions> | InjectOptions;
  allowed: Who[];
  emptyWhenRefused?: boolean;
  visible?: () => string;
  custom?: (who: Who, allowed: boolean, res: LightMyRequestResponse) => Promise<void> | void;
};

export const OUTREACH_CASES: Record<string, OutreachCase> = {
  // Everyone's own scope: a unit outside the subject's counts none of its contact points or branches.
  'GET /api/outreach/summary': {
    request: async () => {
      await branch();
      return get('/api/outreach/summary');
    },
    allowed: ADMINS,
    custom: (_who, allowed, res) => {
      expect(res.statusCode, res.body).toBe(200);
      const s = res.json() as { contactPoints: { active: number }; branches: { active: number } };
      if (allowed) expect(s.contactPoints.active).toBeGreaterThan(0);
      else expect([s.contactPoints.active, s.branches.active]).toEqual([0, 0]);
    },
  },
  'GET /api/contact-points': {
    request: async () => {
      await point();
      return get('/api/contact-points');
    },
    allowed: ADMINS,
    emptyWhenRefused: true,
    visible: () => POINT,
  },
  'GET /api/contact-points/export': {
    request: async () => {
      await point();
      return get('/api/contact-points/export');
    },
    allowed: ADMINS,
    custom: xlsxCase(POINT),
  },
  'POST /api/contact-points': {
    request: (s) =>
      post('/api/contact-points', {
        name: '矩阵新联系点',
        kind: '文创园区',
        relation: '签约',
        unitId: s.unitId,
      }),
    allowed: ADMINS,
  },
  'GET /api/contact-points/:id': {
    request: async () => get(`/api/contact-points/${(await point()).id}`),
    allowed: ADMINS,
  },
  'PATCH /api/contact-points/:id': {
    request: async () => {
      const p = await point();
      return {
        method: 'PATCH',
        url: `/api/contact-points/${p.id}`,
        payload: { remark: '矩阵', version: p.version },
      };
    },
    allowed: ADMINS,
  },
  'DELETE /api/contact-points/:id': {
    request: async () => ({ method: 'DELETE', url: `/api/contact-points/${(await point()).id}` }),
    allowed: ADMINS,
  },
  'GET /api/league-branches': {
    request: async () => {
      await branch();
      return get('/api/league-branches');
    },
    allowed: ADMINS,
    emptyWhenRefused: true,
    visible: () => BRANCH,
  },
  'GET /api/league-branches/export': {
    request: async () => {
      await branch();
      return get('/api/league-branches/export');
    },
    allowed: ADMINS,
    custom: xlsxCase(BRANCH),
  },
  'GET /api/league-branches/societies': {
    request: async () => {
      await society();
      return get('/api/league-branches/societies?q=jzqs');
    },
    allowed: ADMINS,
    emptyWhenRefused: true,
    visible: () => SOCIETY,
  },
  'POST /api/league-branches': {
    request: async () =>
      post('/api/league-branches', {
        name: '矩阵新团支部',
        kind: '流动团支部',
        establishedOn: '2025-07-01',
        contactPointId: (await point()).id,
      }),
    allowed: ADMINS,
  },
  'GET /api/league-branches/:id': {
    request: async () => get(`/api/league-branches/${(await branch()).id}`),
    allowed: ADMINS,
  },
  'PATCH /api/league-branches/:id': {
    request: async () => {
      const b = await branch();
      return {
        method: 'PATCH',
        url: `/api/league-branches/${b.id}`,
        payload: { remark: '矩阵', version: b.version },
      };
    },
    allowed: ADMINS,
  },
  'POST /api/league-branches/:id/dissolve': {
    request: async () => {
      const b = await branch();
      return post(`/api/league-branches/${b.id}/dissolve`, { dissolvedOn: '2026-01-15', version: b.version });
    },
    allowed: ADMINS,
  },
  'POST /api/league-branches/:id/members': {
    request: async () =>
      post(`/api/league-branches/${(await branch()).id}/members`, {
        youthIds: [await person()],
        joinedOn: '2025-07-01',
      }),
    allowed: ADMINS,
  },
  'PATCH /api/league-branches/:id/members/:youthId': {
    request: async () => {
      const [b, y] = await membership();
      return { method: 'PATCH', url: `/api/league-branches/${b}/members/${y}`, payload: { role: '书记' } };
    },
    allowed: ADMINS,
  },
  'POST /api/league-branches/:id/members/:youthId/leave': {
    request: async () => {
      const [b, y] = await membership();
      return post(`/api/league-branches/${b}/members/${y}/leave`, { leftOn: '2025-12-31' });
    },
    allowed: ADMINS,
  },
};
