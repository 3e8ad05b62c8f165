import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent, TestContext } from '../../test/harness';
import {
  adult,
  arriveOn,
  donghuOpenPage,
  signupByReceipt,
  signupDetail,
  type Notice,
  type OpenPage,
} from './signup-test-fixtures';

/**
 * Names with characters outside the Basic Multilingual Plane (CJK Extension B: 𠀀 U+20000, 𪚥 U+2A6A5,
 * 𡈼 U+2123C) and from Extension A (䶮 U+4DAE) come back exactly as typed at every step: stored, in the
 * list, found by a part of the name, and as the registry record made on acceptance.
 */

let t: TestContext;
let op: Agent; // 东湖区 operator
let notice: Notice;
let page: OpenPage;

beforeAll(async () => {
  ({ t, op, notice, page } = await donghuOpenPage());
});
afterAll(async () => {
  await t?.close();
});

const NAMES = ['𠀀𪚥', '刘䶮', '王𡈼'];

const listed = async (keyword: string) => {
  const res = await op.post('/api/signups/search', { keyword });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as { name: string }[]).map((i) => i.name);
};

describe('rare characters in names', () => {
  it('are stored, listed, searched and accepted into the registry exactly', async () => {
    const arrived = [];
    for (const name of NAMES)
      arrived.push(await arriveOn(t, { slug: page.slug, noticeId: notice.id }, adult(name)));
    for (const [i, { code }] of arrived.entries()) {
      const row = await signupByReceipt(t, code);
      expect(row.name).toBe(NAMES[i]);
      expect([...row.name].map((c) => c.codePointAt(0)!.toString(16))).toEqual(
        [...NAMES[i]].map((c) => c.codePointAt(0)!.toString(16)),
      );
    }

    expect((await listed('')).sort()).toEqual([...NAMES].sort());
    // One character of a surrogate pair finds only its own name, never a neighbour sharing a surrogate half.
    expect(await listed('𪚥')).toEqual(['𠀀𪚥']);
    expect(await listed('𠀀')).toEqual(['𠀀𪚥']);
    expect(await listed('䶮')).toEqual(['刘䶮']);
    expect(await listed('𡈼')).toEqual(['王𡈼']);
    expect(await listed('𠀁')).toEqual([]);

    for (const [i, { id }] of arrived.entries()) {
      const { version } = await signupDetail<{ version: number }>(op, id);
      const accepted = await op.post(`/api/signups/${id}/accept`, { version });
      expect(accepted.statusCode, accepted.body).toBe(200);
      const youthId: number = accepted.json().signup.youthId;
      const record = await op.get(`/api/youth/${youthId}`);
      expect(record.json().name).toBe(NAMES[i]);
      const found = await op.post('/api/youth/search', { q: NAMES[i] });
      expect(found.statusCode, found.body).toBe(200);
      expect(found.json().items.map((r: { id: number; name: string }) => [r.id, r.name])).toEqual([
        [youthId, NAMES[i]],
      ]);
    }
  });
});
