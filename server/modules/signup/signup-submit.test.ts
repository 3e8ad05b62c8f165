import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
import { consentRecords, signups } from '../../db/schema';
import { blindIndex } from '../../platform/crypto/field-crypto';
import { createUser, login, type Agent, type TestContext } from '../../test/harness';
import { makeId } from '../../test/id-numbers';
import { todayInChina } from '../../../common/validators';
import {
  adult,
  donghuOpenPage,
  freshId,
  openPage,
  publishNotice,
  signupByReceipt,
  submitSignup,
  USER_AGENT,
  type Notice,
  type OpenPage,
} from './signup-test-fixtures';

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

/** A birth date `years` years and `days` days before today. */
function bornAgo(years: number, days = 0): string {
  const d = new Date(`${todayInChina()}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

const signupRow = (receiptCode: string) => signupByReceipt(t, receiptCode);

describe('the public sign-up page', () => {
  it('shows the page, its unit, the current notice and the dictionaries', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/public/signup-pages/${page.slug}` });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ state: 'open', unitName: '东湖区', notice: { id: notice.id, version: 1 } });
    expect(body.categories.length).toBeGreaterThan(5);
    expect(body.needs.map((n: { label: string }) => n.label)).toContain('职业发展');
    expect(page.slug).toMatch(/^[a-z2-7]{10}$/);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/public/signup-pages/zzzzzzzzzz' })).statusCode,
    ).toBe(404);
  });
});

describe('submission', () => {
  it('stores the sign-up encrypted and blind-indexed, with a consent record of what was agreed where', async () => {
    const idNumber = freshId('19990315');
    const res = await submitSignup(
      t,
      page.slug,
      adult('李小梅', {
        idNumber,
        phone: '13912345678',
        worksLinks: [{ title: '短篇', url: 'https://example.cn/a' }],
      }),
      { noticeId: notice.id, channel: '海报', ip: '10.1.2.3' },
    );
    expect(res.statusCode, res.body).toBe(200);
    const { receiptCode, ageBand } = res.json();
    expect(receiptCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(ageBand).toBe('adult');

    const row = await signupRow(receiptCode);
    expect(row).toMatchObject({
      name: '李小梅',
      status: 'pending',
      channel: '海报',
      birthDate: '1999-03-15',
    });
    expect(row.idNumberEnc).toMatch(/^sm4:/);
    expect(row.idNumberIdx).toBe(blindIndex(t.keys, 'id_number', idNumber));
    expect(row.phoneIdx).toBe(blindIndex(t.keys, 'phone', '13912345678'));
    const raw = JSON.stringify(row);
    expect(raw).not.toContain(idNumber);
    expect(raw).not.toContain('13912345678');

    const [consent] = await t.db.select().from(consentRecords).where(eq(consentRecords.subjectId, row.id));
    expect(consent).toMatchObject({
      purpose: 'registration',
      subjectKind: 'signup',
      unitId: row.unitId,
      noticeId: notice.id,
      noticeVersion: 1,
      noticeHash: notice.contentHash,
      channel: '海报',
      pagePath: `/m/s/${page.slug}`,
      ipAnon: '10.1.2.0',
      userAgent: USER_AGENT,
      withdrawnAt: null,
    });

    const [audit] = await queryRows<{
      detail: unknown;
      ip: string;
      user_id: number | null;
      target_label: string | null;
    }>(
      t.db,
      sql`select detail, ip, user_id, target_label from audit_log
          where action = 'public.signup_submitted' and target_id = ${String(row.id)}`,
    );
    expect(audit).toMatchObject({ ip: '10.1.2.0', user_id: null, target_label: null });
    const text = JSON.stringify(audit);
    for (const secret of ['李小梅', idNumber, '13912345678', '1999']) expect(text).not.toContain(secret);
  });

  it('refuses a child without a guardian, and keeps the guardian on the consent when given', async () => {
    const birthDate = bornAgo(12);
    const refused = await submitSignup(
      t,
      page.slug,
      { name: '小明', birthDate, phone: '13900000001' },
      { noticeId: notice.id },
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toContain('监护人');
    expect(refused.json().details[0].path).toBe('guardianName');
    const noConsent = await submitSignup(
      t,
      page.slug,
      { name: '小明', birthDate, phone: '13900000001', guardianName: '王芳', guardianRelation: '母亲' },
      { noticeId: notice.id },
    );
    expect(noConsent.statusCode).toBe(400);
    expect(noConsent.json().details[0].path).toBe('guardianConsent');

    const ok = await submitSignup(
      t,
      page.slug,
      {
        name: '小明',
        birthDate,
        phone: '13900000001',
        guardianName: '王芳',
        guardianRelation: '母亲',
        guardianConsent: true,
      },
      { noticeId: notice.id },
    );
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().ageBand).toBe('child');
    const row = await signupRow(ok.json().receiptCode);
    const [consent] = await t.db.select().from(consentRecords).where(eq(consentRecords.subjectId, row.id));
    expect(consent).toMatchObject({ guardianName: '王芳', guardianRelation: '母亲', channel: 'web' });
  });

  it('marks 14–16 as minor', async () => {
    const res = await submitSignup(
      t,
      page.slug,
      adult('赵敏', { idNumber: makeId('360102', bornAgo(15).replaceAll('-', ''), '021') }),
      {
        noticeId: notice.id,
      },
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().ageBand).toBe('minor');
  });

  it('refuses over 35, no birth date nor ID number, and a bad ID number, naming the field in Chinese', async () => {
    const old = await submitSignup(t, page.slug, adult('钱老', { idNumber: null, birthDate: bornAgo(36) }), {
      noticeId: notice.id,
    });
    expect(old.statusCode).toBe(400);
    expect(old.json().message).toContain('35 周岁');
    expect(old.json().details[0].path).toBe('birthDate');

    const unknown = await submitSignup(t, page.slug, adult('孙某', { idNumber: null }), {
      noticeId: notice.id,
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toBe('请填写出生日期或身份证号');

    const bad = await submitSignup(t, page.slug, adult('周某', { idNumber: '360102199801010000' }), {
      noticeId: notice.id,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('身份证号');
  });

  it('refuses a stale notice and a closed page', async () => {
    const next = await publishNotice(op, '南昌市东湖区（修订）');
    const stale = await submitSignup(t, page.slug, adult('吴某'), { noticeId: notice.id });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toBe('个人信息处理规则已更新，请刷新页面后重新阅读');
    notice = next;

    const closing = await openPage(op, '已结束的招募');
    const closed = await op.patch(`/api/signup-pages/${closing.id}`, {
      status: 'closed',
      version: closing.version,
    });
    expect(closed.statusCode).toBe(200);
    const res = await submitSignup(t, closing.slug, adult('郑某'), { noticeId: notice.id });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('招募已结束');
  });

  it('answers a filled honeypot as if accepted and stores nothing', async () => {
    const before = await t.db.$count(signups);
    const res = await submitSignup(t, page.slug, adult('机器人'), {
      noticeId: notice.id,
      website: 'http://spam',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().receiptCode).toMatch(/-/);
    expect(await t.db.$count(signups)).toBe(before);
  });

  it('does not open a page before the unit has published a notice', async () => {
    const other = await login(t, await createUser(t, { role: 'operator', unitCode: '360103', totp: false }));
    const created = await other.post('/api/signup-pages', { title: '西湖区招募' });
    const res = await other.patch(`/api/signup-pages/${created.json().id}`, { status: 'open', version: 1 });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('个人信息处理规则');
  });
});
