import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { InjectOptions } from 'fastify';
import { eq, sql } from 'drizzle-orm';
import { queryRows } from '../db/client';
import { federationMembers, federationMemberSteps, youthSocieties } from '../db/schema';
import { storeFile } from '../platform/files/file-store';
import { multipart, SAMPLE_FILES } from '../platform/files/test-files';
import type { TestContext } from './harness';

/**
 * The 青联会员团体 and 覆盖督导 routes' cases for the access matrix (server/test/access-matrix.test.ts):
 * societies and member groups of the subject unit (南昌市), made directly in the database.
 */

type Who = 'own' | 'parent' | 'child' | 'sibling' | 'other';
const ADMINS: Who[] = ['own', 'parent'];
const MEMBER = '矩阵会员团体';
const SOCIETY = '矩阵青年社团';
const get = (url: string): InjectOptions => ({ method: 'GET', url });
const post = (url: string, payload: object = {}): InjectOptions => ({ method: 'POST', url, payload });

let ctx: { t: TestContext; unitId: number } | undefined;
let seq = 0;

function fx() {
  if (!ctx) throw new Error('initFederationFixtures was not called');
  return ctx;
}

/** Called once from the matrix's beforeAll, after the test database exists. */
export function initFederationFixtures(t: TestContext, unitId: number) {
  ctx = { t, unitId };
}

async function society(): Promise<number> {
  const { t, unitId } = fx();
  const [row] = await t.db
    .insert(youthSocieties)
    .values({
      unitId,
      name: `${SOCIETY}${++seq}`,
      namePinyin: 'juzhenqingnianshetuan',
      nameInitials: 'jzqnst',
      kind: 'registered',
      registeredOn: '2023-01-01',
    })
    .returning({ id: youthSocieties.id });
  return row.id;
}

type Status = 'proposed' | 'admitted';

/** A member group of 南昌市's federation with its first step (and, admitted, the admission). */
async function member(status: Status = 'proposed') {
  const { t, unitId } = fx();
  const societyId = await society();
  const [m] = await t.db
    .insert(federationMembers)
    .values({
      unitId,
      societyId,
      name: `${MEMBER}${++seq}`,
      origin: 'applied',
      status,
      admittedOn: status === 'admitted' ? '2024-03-01' : null,
    })
    .returning({ id: federationMembers.id, version: federationMembers.version });
  const [s] = await t.db
    .insert(federationMemberSteps)
    .values({ memberId: m.id, step: 'applied', onDate: '2024-01-10' })
    .returning({ id: federationMemberSteps.id });
  return { ...m, stepId: s.id };
}

async function memberWithDocument() {
  const { t, unitId } = fx();
  const m = await member();
  const tmp = path.join(t.config.dataDir, `matrix-${crypto.randomBytes(4).toString('hex')}.pdf`);
  fs.writeFileSync(tmp, SAMPLE_FILES.pdf);
  await storeFile(
    { db: t.db, keys: t.keys, config: t.config },
    {
      path: tmp,
      filename: '矩阵申请书.pdf',
      mime: 'application/pdf',
      size: SAMPLE_FILES.pdf.length,
      sha256: '',
    },
    async () => ({ unitId, createdBy: null }),
    (tx, file) =>
      tx.update(federationMemberSteps).set({ fileId: file.id }).where(eq(federationMemberSteps.id, m.stepId)),
  );
  fs.rmSync(tmp, { force: true });
  return m;
}

async function province(): Promise<{ id: number; version: number | null }> {
  const { t, unitId } = fx();
  const [row] = await queryRows<{ id: number; version: number | null }>(
    t.db,
    sql`select u.parent_id as id, ct.version from units u
        left join coverage_targets ct on ct.province_unit_id = u.parent_id where u.id = ${unitId}`,
  );
  return row;
}

type FederationCase = {
  request: (s: { unitId: number }) => Promise<InjectOptions> | InjectOptions;
  allowed: Who[];
  emptyWhenRefused?: boolean;
  visible?: () => string;
};

export const FEDERATION_CASES: Record<string, FederationCase> = {
  'GET /api/federation/members': {
    request: async () => {
      await member();
      return get('/api/federation/members');
    },
    allowed: ADMINS,
    emptyWhenRefused: true,
    visible: () => MEMBER,
  },
  'GET /api/federation/society-options': {
    request: async () => {
      await society();
      return get('/api/federation/society-options');
    },
    allowed: ADMINS,
    emptyWhenRefused: true,
    visible: () => SOCIETY,
  },
  'POST /api/federation/members': {
    request: async (s) =>
      post('/api/federation/members', {
        unitId: s.unitId,
        societyId: await society(),
        origin: 'recommended',
        onDate: '2024-01-10',
      }),
    allowed: ADMINS,
  },
  'GET /api/federation/members/:id': {
    request: async () => get(`/api/federation/members/${(await member()).id}`),
    allowed: ADMINS,
  },
  'POST /api/federation/members/:id/steps': {
    request: async () => {
      const m = await member();
      return post(`/api/federation/members/${m.id}/steps`, {
        version: m.version,
        step: 'qualification',
        outcome: 'passed',
        onDate: '2024-01-20',
      });
    },
    allowed: ADMINS,
  },
  'POST /api/federation/members/:id/review': {
    request: async () => {
      const m = await member('admitted');
      return post(`/api/federation/members/${m.id}/review`, {
        version: m.version,
        onDate: '2024-12-20',
        outcome: '合格',
      });
    },
    allowed: ADMINS,
  },
  'POST /api/federation/members/:id/exit': {
    request: async () => {
      const m = await member('admitted');
      return post(`/api/federation/members/${m.id}/exit`, {
        version: m.version,
        onDate: '2024-12-20',
        reason: 'ineffective',
      });
    },
    allowed: ADMINS,
  },
  'POST /api/federation/members/:id/steps/:stepId/document': {
    request: async () => {
      const m = await member();
      return {
        method: 'POST',
        url: `/api/federation/members/${m.id}/steps/${m.stepId}/document`,
        ...multipart({}, { name: '矩阵申请书.pdf', content: SAMPLE_FILES.pdf }),
      };
    },
    allowed: ADMINS,
  },
  'GET /api/federation/members/:id/steps/:stepId/document': {
    request: async () => {
      const m = await memberWithDocument();
      return get(`/api/federation/members/${m.id}/steps/${m.stepId}/document`);
    },
    allowed: ADMINS,
  },
  // Everyone inside the province reads the targets it works to; another province does not.
  'GET /api/coverage/targets': {
    request: async () => get(`/api/coverage/targets?provinceId=${(await province()).id}`),
    allowed: ['own', 'parent', 'child', 'sibling'],
  },
  // Only the province itself sets them.
  'PUT /api/coverage/targets/:provinceId': {
    request: async () => {
      const p = await province();
      return {
        method: 'PUT',
        url: `/api/coverage/targets/${p.id}`,
        payload: {
          version: p.version,
          startDate: '2024-01-01',
          periodYears: 3,
          minMemberGroups: 3,
          minLeagueSocieties: 1,
          countyIds: [],
        },
      };
    },
    allowed: ['parent'],
  },
  'GET /api/coverage/supervision': {
    request: (s) => get(`/api/coverage/supervision?unitId=${s.unitId}`),
    allowed: ADMINS,
    visible: () => '南昌市',
  },
  'GET /api/coverage/supervision/export': {
    request: (s) => get(`/api/coverage/supervision/export?unitId=${s.unitId}`),
    allowed: ADMINS,
  },
};
