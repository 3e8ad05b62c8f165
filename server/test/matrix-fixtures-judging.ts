import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { asc, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { workFiles } from '../db/schema';
import { JUDGING_ENTRANTS, JUDGING_RUBRIC, seedJudgingCall } from '../modules/judging/judging-test-fixtures';
import { insertCall, insertWork } from './call-rows';
import { createUser, login, type Agent, type TestContext } from './harness';

/**
 * The access matrix's cases for 评审 (server/test/access-matrix.test.ts): a call of the subject unit
 * (南昌市) with eligible entries, a round being scored by a judge of 南昌市, and fresh rounds for the
 * routes that change state. The organiser's routes follow the data scope; the judge's own routes
 * (calls.judge) belong to no unit administrator, whatever the unit.
 */

type Who = 'own' | 'parent' | 'child' | 'sibling' | 'other';
const ADMINS: Who[] = ['own', 'parent'];
const ROUND = '矩阵初评';
const CALL = '矩阵评审征集';
const CONFLICT_REASON = '矩阵回避原因';
const get = (url: string): InjectOptions => ({ method: 'GET', url });
const post = (url: string, payload: object = {}): InjectOptions => ({ method: 'POST', url, payload });
const put = (url: string, payload: object): InjectOptions => ({ method: 'PUT', url, payload });

const SETTINGS = {
  name: ROUND,
  judgesPerWork: 1,
  maxPerJudge: null,
  byCategory: false,
  aggregation: 'mean',
  trimCount: 1,
  spreadThreshold: 25,
  advanceKind: 'top',
  advanceValue: 1,
};

type Fixtures = {
  t: TestContext;
  unitId: number;
  organiser: Agent;
  /** A judge of 南昌市, the only one on every panel here. */
  judge: Agent;
  /** A judge of 九江市, on no panel. */
  farJudge: Agent;
  callId: number;
  roundId: number;
  entryId: number;
  fileId: number;
};
let ctx: Fixtures | undefined;

function fx() {
  if (!ctx) throw new Error('initJudgingFixtures was not called');
  return ctx;
}

async function ok(res: Promise<LightMyRequestResponse>) {
  const r = await res;
  if (r.statusCode !== 200) throw new Error(`judging fixture failed ${r.statusCode} ${r.body}`);
  return r.json() as { id: number; version: number };
}

type Stage = 'setup' | 'panel' | 'assigned' | 'scoring';

/** A round of the given call brought to the given stage by the organiser, with the subject's judge alone on its panel. */
async function roundOf(callId: number, stage: Stage): Promise<{ id: number; version: number }> {
  const { organiser, judge } = fx();
  const round = await ok(organiser.post(`/api/calls/${callId}/rounds`, SETTINGS));
  if (stage === 'setup') return round;
  await ok(
    organiser.put(`/api/call-rounds/${round.id}/judges`, {
      judges: [{ userId: judge.user.id, categoryKeys: [] }],
    }),
  );
  if (stage === 'panel') return round;
  await ok(organiser.post(`/api/call-rounds/${round.id}/assign`, {}));
  const { items } = (await organiser.get(`/api/calls/${callId}/rounds`)).json() as {
    items: { id: number; version: number }[];
  };
  const assigned = items.find((r) => r.id === round.id);
  if (!assigned) throw new Error('judging fixture lost its round');
  if (stage === 'assigned') return assigned;
  return ok(organiser.post(`/api/call-rounds/${round.id}/open`, { version: assigned.version }));
}

/** A fresh call of 南昌市 with one eligible entry and no round yet. */
async function freshCall(): Promise<{ callId: number; entryId: number }> {
  const { t, unitId } = fx();
  const callId = await insertCall(t.db, { unitId, title: CALL });
  const { entryId } = await insertWork(t.db, { callId, unitId, title: '矩阵评审作品', entrants: [null] });
  return { callId, entryId };
}

async function freshRound(stage: Stage) {
  const call = await freshCall();
  return { ...(await roundOf(call.callId, stage)), entryId: call.entryId };
}

/** Called once from the matrix's beforeAll, after the test database exists. */
export async function initJudgingFixtures(t: TestContext, unitId: number) {
  const organiser = await login(t, await createUser(t, { role: 'operator', unitCode: '360100' }));
  const judge = await login(
    t,
    await createUser(t, { role: 'judge', unitCode: '360100', username: 'matrix_judge' }),
  );
  const farJudge = await login(t, await createUser(t, { role: 'judge', unitCode: '360400' }));
  const seeded = await seedJudgingCall(t, {
    unitCode: '360100',
    slug: 'matrix-judging',
    entrants: JUDGING_ENTRANTS.slice(0, 3),
  });
  const [first, , last] = seeded.entries;
  const [file] = await t.db
    .select({ id: workFiles.id })
    .from(workFiles)
    .where(eq(workFiles.workId, first.workId))
    .orderBy(asc(workFiles.position))
    .limit(1);
  ctx = {
    t,
    unitId,
    organiser,
    judge,
    farJudge,
    callId: seeded.callId,
    roundId: 0,
    entryId: first.entryId,
    fileId: file.id,
  };
  const round = await roundOf(seeded.callId, 'scoring');
  ctx.roundId = round.id;
  await ok(
    organiser.post(`/api/call-rounds/${round.id}/conflicts`, {
      judgeUserId: judge.user.id,
      entryId: last.entryId,
      reason: CONFLICT_REASON,
    }),
  );
  // A submitted sheet, so that the organiser may ask for a rescore.
  await ok(
    judge.put(`/api/judging/rounds/${round.id}/entries/${first.entryId}/score`, {
      scores: Object.fromEntries(JUDGING_RUBRIC.map((c) => [c.key, 8])),
      comment: '',
    }),
  );
}

type JudgingCase = {
  request: () => Promise<InjectOptions> | InjectOptions;
  allowed: Who[];
  emptyWhenRefused?: boolean;
  visible?: () => string;
  custom?: (who: Who, allowed: boolean, res: LightMyRequestResponse) => Promise<void> | void;
};

/**
 * A judge's own route: every unit administrator lacks calls.judge and is refused outright. Once, the same
 * request by the subject's judge succeeds, and by a judge on no panel finds nothing.
 */
function judgeRoute(request: () => Promise<InjectOptions>, farJudgeSeesEmptyList = false): JudgingCase {
  return {
    request,
    allowed: [],
    custom: async (who, _allowed, res) => {
      expect(res.statusCode, res.body).toBe(403);
      expect(res.body).not.toContain('南昌');
      if (who !== 'own') return;
      const mine = await fx().judge.request(await request());
      expect(mine.statusCode, mine.body).toBe(200);
      const far = await fx().farJudge.request(await request());
      if (farJudgeSeesEmptyList) {
        expect(far.statusCode, far.body).toBe(200);
        expect(far.json().items).toEqual([]);
      } else {
        expect(far.statusCode, far.body).toBe(404);
      }
    },
  };
}

const mainEntryUrl = () => `/api/judging/rounds/${fx().roundId}/entries/${fx().entryId}`;
const freshSheetUrl = async () => {
  const r = await freshRound('scoring');
  return `/api/judging/rounds/${r.id}/entries/${r.entryId}`;
};

export const JUDGING_CASES: Record<string, JudgingCase> = {
  'GET /api/calls/:id/rounds': {
    request: () => get(`/api/calls/${fx().callId}/rounds`),
    allowed: ADMINS,
    visible: () => ROUND,
  },
  'POST /api/calls/:id/rounds': {
    request: async () => post(`/api/calls/${(await freshCall()).callId}/rounds`, SETTINGS),
    allowed: ADMINS,
  },
  'PATCH /api/call-rounds/:roundId': {
    request: async () => {
      const r = await freshRound('setup');
      return {
        method: 'PATCH',
        url: `/api/call-rounds/${r.id}`,
        payload: { settings: { ...SETTINGS, judgesPerWork: 2 }, version: r.version },
      };
    },
    allowed: ADMINS,
  },
  'GET /api/calls/:id/judge-candidates': {
    request: () => get(`/api/calls/${fx().callId}/judge-candidates`),
    allowed: ADMINS,
    visible: () => fx().judge.user.username,
  },
  'PUT /api/call-rounds/:roundId/judges': {
    request: async () =>
      put(`/api/call-rounds/${(await freshRound('setup')).id}/judges`, {
        judges: [{ userId: fx().judge.user.id, categoryKeys: [] }],
      }),
    allowed: ADMINS,
  },
  'GET /api/call-rounds/:roundId/conflicts': {
    request: () => get(`/api/call-rounds/${fx().roundId}/conflicts`),
    allowed: ADMINS,
    visible: () => CONFLICT_REASON,
  },
  'POST /api/call-rounds/:roundId/conflicts': {
    request: async () => {
      const r = await freshRound('scoring');
      return post(`/api/call-rounds/${r.id}/conflicts`, {
        judgeUserId: fx().judge.user.id,
        entryId: r.entryId,
        reason: '矩阵组织方回避',
      });
    },
    allowed: ADMINS,
  },
  'POST /api/call-rounds/:roundId/assign': {
    request: async () => post(`/api/call-rounds/${(await freshRound('panel')).id}/assign`, {}),
    allowed: ADMINS,
  },
  'POST /api/call-rounds/:roundId/open': {
    request: async () => {
      const r = await freshRound('assigned');
      return post(`/api/call-rounds/${r.id}/open`, { version: r.version });
    },
    allowed: ADMINS,
  },
  'GET /api/call-rounds/:roundId/progress': {
    request: () => get(`/api/call-rounds/${fx().roundId}/progress`),
    allowed: ADMINS,
    visible: () => fx().judge.user.username,
  },
  'GET /api/call-rounds/:roundId/ranking': {
    request: () => get(`/api/call-rounds/${fx().roundId}/ranking`),
    allowed: ADMINS,
    visible: () => JUDGING_ENTRANTS[0].title,
  },
  'GET /api/call-rounds/:roundId/entry-options': {
    request: () => get(`/api/call-rounds/${fx().roundId}/entry-options`),
    allowed: ADMINS,
    visible: () => JUDGING_ENTRANTS[0].title,
  },
  'POST /api/call-rounds/:roundId/rescore': {
    request: () =>
      post(`/api/call-rounds/${fx().roundId}/rescore`, {
        entryId: fx().entryId,
        judgeUserIds: [fx().judge.user.id],
        note: '矩阵复评说明',
      }),
    allowed: ADMINS,
  },
  'POST /api/call-rounds/:roundId/close': {
    request: async () => {
      const r = await freshRound('scoring');
      return post(`/api/call-rounds/${r.id}/close`, { version: r.version });
    },
    allowed: ADMINS,
  },
  'GET /api/judging/rounds': judgeRoute(async () => get('/api/judging/rounds'), true),
  'GET /api/judging/rounds/:roundId/entries': judgeRoute(async () =>
    get(`/api/judging/rounds/${fx().roundId}/entries`),
  ),
  'GET /api/judging/rounds/:roundId/entries/:entryId': judgeRoute(async () => get(mainEntryUrl())),
  'GET /api/judging/rounds/:roundId/entries/:entryId/files/:fileId': judgeRoute(async () =>
    get(`${mainEntryUrl()}/files/${fx().fileId}`),
  ),
  'PUT /api/judging/rounds/:roundId/entries/:entryId/score': judgeRoute(async () =>
    put(`${await freshSheetUrl()}/score`, { scores: { idea: 8 }, comment: '矩阵评语' }),
  ),
  'POST /api/judging/rounds/:roundId/entries/:entryId/abstain': judgeRoute(async () =>
    post(`${await freshSheetUrl()}/abstain`, { reason: '矩阵弃权原因' }),
  ),
  'POST /api/judging/rounds/:roundId/entries/:entryId/conflict': judgeRoute(async () =>
    post(`${await freshSheetUrl()}/conflict`, { reason: '矩阵申报回避' }),
  ),
};
