import type { LightMyRequestResponse } from 'fastify';
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { solveChallenge } from '../../../common/pow';
import { signups } from '../../db/schema';
import { blindIndex } from '../../platform/crypto/field-crypto';
import { createTestContext, createUser, login, type Agent, type TestContext } from '../../test/harness';
import { makeId } from '../../test/id-numbers';

/** What the sign-up tests share: a unit's notice and open page, and a solved public form. */

export const sections = (unit: string) => ({
  controller: `共青团${unit}委员会`,
  purpose: '联系和服务新兴青年，邀请参加培训和活动。',
  categories: '姓名、性别、出生日期、身份证号、手机号码、所在地、从事领域。',
  retention: '自报名之日起三年，期满删除。',
  rights: '您可以凭回执码查阅、更正报名信息，或撤回同意。',
  contact: '0791-12345678',
});

/** Test limits: the proof of work costs one bit, and the per-address limits stay out of the way. */
export const PUBLIC_TEST_CONFIG = {
  publicPowDifficulty: 1,
  publicSubmitLimitPer10Minutes: 10_000,
  publicSubmitLimitPerDay: 10_000,
  publicPageLimitPerHour: 10_000,
  publicReadLimitPerMinute: 10_000,
};

export async function publishNotice(
  agent: Agent,
  unit: string,
): Promise<{ id: number; version: number; contentHash: string }> {
  const res = await agent.post('/api/privacy-notices', {
    title: '个人信息处理规则',
    sections: sections(unit),
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

export async function openPage(
  agent: Agent,
  title = '新兴青年线上招募',
): Promise<{ id: number; slug: string; path: string; version: number }> {
  const created = await agent.post('/api/signup-pages', { title, intro: '欢迎报名' });
  expect(created.statusCode, created.body).toBe(200);
  const opened = await agent.patch(`/api/signup-pages/${created.json().id}`, {
    status: 'open',
    version: created.json().version,
  });
  expect(opened.statusCode, opened.body).toBe(200);
  return opened.json();
}

export type Notice = Awaited<ReturnType<typeof publishNotice>>;
export type OpenPage = Awaited<ReturnType<typeof openPage>>;

/** A 东湖区 operator with the unit's published notice and an open page: where the public-form tests start. */
export async function donghuOpenPage(): Promise<{
  t: TestContext;
  op: Agent;
  notice: Notice;
  page: OpenPage;
}> {
  const t = await createTestContext(PUBLIC_TEST_CONFIG);
  const op = await login(t, await createUser(t, { role: 'operator', unitCode: '360102', totp: false }));
  const notice = await publishNotice(op, '南昌市东湖区');
  return { t, op, notice, page: await openPage(op) };
}

/** The stored sign-up a receipt code belongs to. */
export async function signupByReceipt(t: TestContext, receiptCode: string) {
  const [row] = await t.db
    .select()
    .from(signups)
    .where(eq(signups.receiptIdx, blindIndex(t.keys, 'receipt', receiptCode)));
  return row;
}

export async function solved(t: TestContext): Promise<{ challenge: string; nonce: string }> {
  const res = await t.app.inject({ method: 'GET', url: '/api/public/challenge' });
  expect(res.statusCode, res.body).toBe(200);
  const { challenge, difficulty } = res.json();
  return { challenge, nonce: await solveChallenge(challenge, difficulty) };
}

let seq = 100;
/** A fresh valid ID number for someone born on `birth` (YYYYMMDD). */
export const freshId = (birth = '19980512') => makeId('360102', birth, String(++seq).padStart(3, '0'));
export const freshPhone = () => `139${String(10_000_000 + ++seq * 7).slice(-8)}`;

export const USER_AGENT = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) MicroMessenger/8.0';

export async function submitSignup(
  t: TestContext,
  slug: string,
  fields: Record<string, unknown>,
  o: { noticeId: number; channel?: string; ip?: string; website?: string },
): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method: 'POST',
    url: `/api/public/signup-pages/${slug}/signups`,
    remoteAddress: o.ip ?? '10.1.2.3',
    headers: { 'user-agent': USER_AGENT },
    payload: {
      ...fields,
      ...(await solved(t)),
      noticeId: o.noticeId,
      consent: true,
      ...(o.channel ? { channel: o.channel } : {}),
      ...(o.website ? { website: o.website } : {}),
    },
  });
}

export async function publicPost(t: TestContext, url: string, body: object, withChallenge = true) {
  return t.app.inject({
    method: 'POST',
    url,
    remoteAddress: '10.1.2.3',
    payload: { ...body, ...(withChallenge ? await solved(t) : {}) },
  });
}

/** An adult's sign-up: the fields the form needs, each call a new person. */
export const adult = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  idNumber: freshId(),
  phone: freshPhone(),
  field: '网络文学',
  dream: '写出好作品',
  ...extra,
});

/** Submits through the public form and returns the sign-up's id and receipt code. */
export async function arriveOn(
  t: TestContext,
  on: { slug: string; noticeId: number },
  fields: Record<string, unknown>,
  channel?: string,
): Promise<{ id: number; code: string }> {
  const res = await submitSignup(t, on.slug, fields, { noticeId: on.noticeId, channel });
  expect(res.statusCode, res.body).toBe(200);
  const code: string = res.json().receiptCode;
  const [row] = await t.db
    .select({ id: signups.id })
    .from(signups)
    .where(eq(signups.receiptIdx, blindIndex(t.keys, 'receipt', code)));
  return { id: row.id, code };
}

export async function signupDetail<T>(agent: Agent, id: number): Promise<T> {
  const res = await agent.get(`/api/signups/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** A record entered by a cadre in the registry; returns its id. */
export async function registerYouth(agent: Agent, body: Record<string, unknown>): Promise<number> {
  const res = await agent.post('/api/youth', body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().youth.id;
}
