import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
import {
  createTestContext,
  createUser,
  login,
  unitIdByCode,
  type Agent,
  type TestContext,
} from '../../test/harness';
import type * as repo from './signup.repo';
import {
  adult,
  arriveOn,
  openPage,
  PUBLIC_TEST_CONFIG,
  publishNotice,
  signupDetail,
} from './signup-test-fixtures';

/**
 * A sign-up forwarded to another unit while a batch accept runs over it: after the batch has checked
 * its ids and before it locks its rows. The batch takes the row as it is when locked: refused when it
 * has left the viewer's subtree, and when it has not, registered with the unit that now holds it.
 */

const hook = vi.hoisted(() => ({ afterScopeCheck: null as null | (() => Promise<void>) }));
vi.mock('./signup.repo', async (importOriginal) => {
  const original = await importOriginal<typeof repo>();
  return {
    ...original,
    signupsInScope: async (...args: Parameters<typeof original.signupsInScope>) => {
      const rows = await original.signupsInScope(...args);
      const run = hook.afterScopeCheck;
      hook.afterScopeCheck = null;
      if (run) await run();
      return rows;
    },
  };
});

let t: TestContext;
let donghu: Agent; // 东湖区 operator: the page's unit
let city: Agent; // 南昌市 operator, above 东湖区 and 西湖区
let xihuId: number;
let on: { slug: string; noticeId: number };

beforeAll(async () => {
  t = await createTestContext(PUBLIC_TEST_CONFIG);
  const user = (unitCode: string) =>
    createUser(t, { role: 'operator', unitCode, totp: false }).then((u) => login(t, u));
  donghu = await user('360102');
  city = await user('360100');
  xihuId = await unitIdByCode(t.db, '360103');
  on = { noticeId: (await publishNotice(donghu, '南昌市东湖区')).id, slug: (await openPage(donghu)).slug };
});
afterAll(async () => {
  await t?.close();
});

type Detail = { version: number; status: string; unitName: string; youthId: number | null };

/** Arranges for `id` to be forwarded to 西湖区 by 东湖区 between the batch's check and its locks. */
function forwardDuringBatch(id: number) {
  hook.afterScopeCheck = async () => {
    const { version } = await signupDetail<Detail>(donghu, id);
    const res = await donghu.post(`/api/signups/${id}/forward`, {
      version,
      unitId: xihuId,
      reason: '户籍在西湖区',
    });
    expect(res.statusCode, res.body).toBe(200);
  };
}

const youthOf = (signupId: number) =>
  queryRows<{ unitCode: string }>(
    t.db,
    sql`select u.code as "unitCode" from signups s join youth y on y.id = s.youth_id join units u on u.id = y.unit_id
        where s.id = ${signupId}`,
  );

describe('a sign-up forwarded while a batch accept runs', () => {
  it('is refused, not accepted, when it has left the viewer’s subtree', async () => {
    const stays = await arriveOn(t, on, adult('留下者'));
    const leaves = await arriveOn(t, on, adult('转走者'));
    forwardDuringBatch(leaves.id);
    const res = await donghu.post('/api/signups/batch', { ids: [stays.id, leaves.id], action: 'accept' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      done: 1,
      refused: [{ id: leaves.id, name: '转走者', reason: '该报名已转交其他单位处理' }],
    });
    expect(await youthOf(stays.id)).toEqual([{ unitCode: '360102' }]);
    const forwarded = await signupDetail<Detail>(city, leaves.id);
    expect(forwarded).toMatchObject({ status: 'pending', unitName: '西湖区', youthId: null });
    expect(await youthOf(leaves.id)).toEqual([]);
  });

  it('is registered with the unit it was forwarded to when that unit is still in the viewer’s subtree', async () => {
    const moved = await arriveOn(t, on, adult('改派者'));
    forwardDuringBatch(moved.id);
    const res = await city.post('/api/signups/batch', { ids: [moved.id], action: 'accept' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ done: 1, refused: [] });
    expect(await youthOf(moved.id)).toEqual([{ unitCode: '360103' }]);
  });
});
