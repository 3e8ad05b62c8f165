import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { signups } from '../../db/schema';
import { blindIndex } from '../../platform/crypto/field-crypto';
import { createTestContext, createUser, login, type Agent, type TestContext } from '../../test/harness';
import {
  adult,
  arriveOn,
  registerYouth,
  signupDetail,
  freshId,
  openPage,
  PUBLIC_TEST_CONFIG,
  publishNotice,
  submitSignup,
} from './signup-test-fixtures';

let t: TestContext;
let donghu: Agent; // 东湖区 operator: the page's unit
let xihu: Agent; // 西湖区, the sibling county
let noticeId: number;
let slug: string;

type Detail = { id: number; status: string };

beforeAll(async () => {
  t = await createTestContext(PUBLIC_TEST_CONFIG);
  const user = (unitCode: string) =>
    createUser(t, { role: 'operator', unitCode, totp: false }).then((u) => login(t, u));
  donghu = await user('360102');
  xihu = await user('360103');
  noticeId = (await publishNotice(donghu, '南昌市东湖区')).id;
  slug = (await openPage(donghu)).slug;
});
afterAll(async () => {
  await t?.close();
});

const arrive = (fields: Record<string, unknown>, channel?: string) =>
  arriveOn(t, { slug, noticeId }, fields, channel);
const detail = (agent: Agent, id: number) => signupDetail<Detail>(agent, id);
const register = registerYouth;

describe('batch review', () => {
  it('applies the single rule per row and reports the rows it refused', async () => {
    const fresh = [await arrive(adult('批甲')), await arrive(adult('批乙')), await arrive(adult('批丙'))];
    const dupId = freshId();
    await register(donghu, { name: '批丁', idNumber: dupId });
    const dup = await arrive(adult('批丁', { idNumber: dupId }));
    const declined = await arrive(adult('批戊'));
    await donghu.post(`/api/signups/${declined.id}/decline`, { version: 1, reason: '信息不完整' });

    const ids = [...fresh, dup, declined].map((s) => s.id);
    const res = await donghu.post('/api/signups/batch', { ids, action: 'accept' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.done).toBe(3);
    expect(body.refused).toEqual(
      expect.arrayContaining([
        { id: dup.id, name: '批丁', reason: '有重复记录，请逐条合并' },
        expect.objectContaining({ id: declined.id, reason: expect.stringContaining('未通过') }),
      ]),
    );
    for (const s of fresh) expect((await detail(donghu, s.id)).status).toBe('accepted');
    expect((await detail(donghu, dup.id)).status).toBe('pending');
  });

  it('refuses the whole batch as not found when one id is outside the scope', async () => {
    const mine = await arrive(adult('范围内'));
    const xihuNotice = await publishNotice(xihu, '南昌市西湖区');
    const xihuPage = await openPage(xihu, '西湖区招募');
    const res = await submitSignup(t, xihuPage.slug, adult('范围外'), { noticeId: xihuNotice.id });
    const [other] = await t.db
      .select({ id: signups.id })
      .from(signups)
      .where(eq(signups.receiptIdx, blindIndex(t.keys, 'receipt', res.json().receiptCode)));

    const refused = await donghu.post('/api/signups/batch', {
      ids: [mine.id, other.id],
      action: 'decline',
      reason: '测试',
    });
    expect(refused.statusCode).toBe(404);
    expect((await detail(donghu, mine.id)).status).toBe('pending');
    const noReason = await donghu.post('/api/signups/batch', { ids: [mine.id], action: 'decline' });
    expect(noReason.statusCode).toBe(400);
  });
});
