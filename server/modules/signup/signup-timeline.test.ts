import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createUser, login, type Agent, type TestContext } from '../../test/harness';
import {
  adult,
  openPage,
  PUBLIC_TEST_CONFIG,
  publicPost,
  publishNotice,
  submitSignup,
} from './signup-test-fixtures';

let t: TestContext;
let donghu: Agent;

beforeAll(async () => {
  t = await createTestContext(PUBLIC_TEST_CONFIG);
  donghu = await login(t, await createUser(t, { role: 'operator', unitCode: '360102', totp: false }));
});
afterAll(async () => {
  await t?.close();
});

describe('the person page after a sign-up', () => {
  it('shows the sign-up, its acceptance, the consent given and its withdrawal', async () => {
    const notice = await publishNotice(donghu, '南昌市东湖区');
    const page = await openPage(donghu, '东湖区网络作家招募');
    const sent = await submitSignup(t, page.slug, adult('欧阳玥'), { noticeId: notice.id, channel: '海报' });
    expect(sent.statusCode, sent.body).toBe(200);
    const list = (await donghu.post('/api/signups/search', { keyword: '欧阳玥' })).json();
    const [item] = list.items;
    const accepted = await donghu.post(`/api/signups/${item.id}/accept`, { version: item.version });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const youthId: number = accepted.json().signup.youthId;

    const withdrawn = await publicPost(t, '/api/public/consents/withdraw', {
      receiptCode: sent.json().receiptCode,
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);

    const timeline = (await donghu.get(`/api/youth/${youthId}/timeline`)).json();
    const entries = timeline.items.map((e: { kind: string; title: string; detail: string | null }) => [
      e.kind,
      e.title,
      e.detail,
    ]);
    expect(entries).toEqual(
      expect.arrayContaining([
        ['signup', '线上报名：东湖区网络作家招募', '渠道：海报'],
        ['signup', '线上报名审核通过入库：东湖区网络作家招募', null],
        ['consent', '同意个人信息处理规则', '第 1 版 · 渠道：海报'],
        ['consent', '本人撤回同意', expect.stringContaining('渠道：')],
      ]),
    );
  });
});
