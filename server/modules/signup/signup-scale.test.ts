import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
import { signups } from '../../db/schema';
import { blindIndex, decryptField, encryptField } from '../../platform/crypto/field-crypto';
import { keyId, type Keys } from '../../platform/crypto/keys';
import { reencryptAll } from '../../platform/crypto/rekey';
import { createTestContext, createUser, login, type Agent, type TestContext } from '../../test/harness';
import { makeId } from '../../test/id-numbers';
import { receiptIndex } from './signup-codes';
import { openPage, PUBLIC_TEST_CONFIG, publishNotice } from './signup-test-fixtures';

/**
 * A page with hundreds of sign-ups: the list and a 500-row batch accept in one request, during which
 * the server keeps answering. No timings.
 */

let t: TestContext;
let op: Agent;
let page: { id: number; slug: string };
let unitId: number;

beforeAll(async () => {
  t = await createTestContext(PUBLIC_TEST_CONFIG);
  const user = await createUser(t, { role: 'operator', unitCode: '360102', totp: false });
  op = await login(t, user);
  unitId = user.unitId;
  await publishNotice(op, '南昌市东湖区');
  page = await openPage(op, '大规模招募');
  const rows = Array.from({ length: 600 }, (_, i) => {
    const idNumber = makeId('360102', `199${i % 10}0${(i % 9) + 1}1${i % 9}`, String(i).padStart(3, '0'));
    const phone = `137${String(20_000_000 + i).slice(-8)}`;
    return {
      unitId,
      pageId: page.id,
      channel: i % 3 ? '海报' : '微信群',
      receiptIdx: receiptIndex(t.keys, `SCALE-${i}`),
      name: `报名${i}`,
      birthDate: `199${i % 10}-0${(i % 9) + 1}-1${i % 9}`,
      idNumberEnc: encryptField(t.keys, idNumber),
      idNumberIdx: blindIndex(t.keys, 'id_number', idNumber),
      phoneEnc: encryptField(t.keys, phone),
      phoneIdx: blindIndex(t.keys, 'phone', phone),
      ageBand: 'adult' as const,
    };
  });
  await t.db.insert(signups).values(rows);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const accepted = async () =>
  (
    await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from signups where page_id = ${page.id} and status = 'accepted'`,
    )
  )[0].n;

/**
 * Runs `work` while asking /healthz, one request after the other, and counts the answers that came
 * while it ran and after part, not all, of the 500 sign-ups had been accepted.
 */
async function whileProbing<T>(work: () => Promise<T>) {
  let running = true;
  const pending = work().finally(() => {
    running = false;
  });
  let answeredMidway = 0;
  while (running) {
    const done = await accepted();
    const health = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
    if (running && done > 0 && done < 500) answeredMidway += 1;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return { result: await pending, answeredMidway };
}

describe('a page with 600 sign-ups', () => {
  it('lists them and accepts 500 in one batch', async () => {
    const first = await op.post('/api/signups/search', { pageId: page.id, pageSize: 200 });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().total).toBe(600);
    expect(first.json().items).toHaveLength(200);
    expect(first.json().items.every((i: { duplicate: boolean }) => !i.duplicate)).toBe(true);

    const ids: number[] = [];
    for (let p = 1; ids.length < 500; p += 1) {
      const res = await op.post('/api/signups/search', { pageId: page.id, page: p, pageSize: 200 });
      ids.push(...res.json().items.map((i: { id: number }) => i.id));
    }
    const run = await whileProbing(() =>
      op.post('/api/signups/batch', { ids: ids.slice(0, 500), action: 'accept' }),
    );
    expect(run.result.statusCode, run.result.body).toBe(200);
    expect(run.result.json()).toEqual({ done: 500, refused: [] });
    // The server answered between the batch's transactions, and what they wrote was visible meanwhile.
    expect(run.answeredMidway).toBeGreaterThan(0);

    const pending = await op.post('/api/signups/search', { pageId: page.id, status: 'pending' });
    expect(pending.json().total).toBe(100);
    const [registered] = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from youth y join dict_items d on d.id = y.source_id
          where d.label = '线上招募' and y.unit_id = ${unitId}`,
    );
    expect(registered.n).toBe(500);
    const counts = (await op.get('/api/signup-pages')).json().items[0].counts;
    expect(counts).toMatchObject({ total: 600, accepted: 500, pending: 100 });
    expect(counts.byChannel).toEqual([
      { channel: '海报', count: 400 },
      { channel: '微信群', count: 200 },
    ]);
  }, 300_000);

  it('re-encrypts every sign-up after a key rotation, as the registry', async () => {
    const data = crypto.randomBytes(32);
    const rotated: Keys = {
      ...t.keys,
      data,
      dataKeyId: keyId(data),
      previous: new Map([[t.keys.dataKeyId, t.keys.data]]),
    };
    const report = await reencryptAll(t.db, rotated, t.config.dataDir);
    expect(report.fields.signups).toBe(600);
    const [row] = await queryRows<{ enc: string }>(
      t.db,
      sql`select id_number_enc as enc from signups limit 1`,
    );
    expect(decryptField({ ...rotated, previous: new Map() }, row.enc)).toMatch(/^360102/);
  }, 120_000);
});
