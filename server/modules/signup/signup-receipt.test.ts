import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { todayInChina } from '../../../common/validators';
import { consentRecords, signups } from '../../db/schema';
import { blindIndex } from '../../platform/crypto/field-crypto';
import type { Agent, TestContext } from '../../test/harness';
import {
  adult,
  donghuOpenPage,
  freshPhone,
  publicPost,
  signupByReceipt,
  submitSignup,
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

const signupRow = (receiptCode: string) => signupByReceipt(t, receiptCode);

describe('the receipt code', () => {
  it('shows only the masked name, status and message; edits while pending; withdrawal erases the data', async () => {
    const submitted = await submitSignup(t, page.slug, adult('欧阳娜娜'), { noticeId: notice.id });
    const { receiptCode } = submitted.json();
    const loose = receiptCode.toLowerCase().replaceAll('-', ' ');
    const status = await publicPost(t, '/api/public/signups/status', { receiptCode: loose }, false);
    expect(status.statusCode, status.body).toBe(200);
    expect(status.json()).toMatchObject({
      name: '欧***',
      status: 'pending',
      editable: true,
      consentWithdrawn: false,
    });
    expect(status.json().message).toContain('东湖区');
    expect(status.body).not.toContain('欧阳娜娜');
    expect(status.body).not.toContain('139');

    const wrong = await publicPost(t, '/api/public/signups/status', { receiptCode: '0000-0000-0000' }, false);
    expect(wrong.statusCode).toBe(404);

    const edited = await publicPost(t, '/api/public/signups/update', {
      receiptCode,
      fields: { dream: '出版一本书', phone: '13811112222' },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const row = await signupRow(receiptCode);
    expect(row).toMatchObject({
      dream: '出版一本书',
      phoneIdx: blindIndex(t.keys, 'phone', '13811112222'),
      selfEditedAt: null,
    });

    const withdrawn = await publicPost(t, '/api/public/consents/withdraw', { receiptCode });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    const erased = await signupRow(receiptCode);
    expect(erased).toMatchObject({
      status: 'withdrawn',
      name: '欧***',
      idNumberEnc: null,
      idNumberIdx: null,
      phoneEnc: null,
      phoneIdx: null,
      birthDate: null,
      dream: null,
    });
    const [consent] = await t.db.select().from(consentRecords).where(eq(consentRecords.subjectId, erased.id));
    expect(consent.withdrawnAt).not.toBeNull();
    expect(consent.withdrawnChannel).toBe('回执码');

    const after = await publicPost(t, '/api/public/signups/status', { receiptCode }, false);
    expect(after.json()).toMatchObject({ status: 'withdrawn', editable: false, consentWithdrawn: true });
    const again = await publicPost(t, '/api/public/signups/update', {
      receiptCode,
      fields: { dream: '再改' },
    });
    expect(again.statusCode).toBe(409);
    const twice = await publicPost(t, '/api/public/consents/withdraw', { receiptCode });
    expect(twice.statusCode).toBe(409);
  });

  it('after acceptance: verified fields are locked, others edit the sign-up only; withdrawal leaves the registry', async () => {
    const submitted = await submitSignup(t, page.slug, adult('冯晓', { dream: '开画展' }), {
      noticeId: notice.id,
    });
    const { receiptCode } = submitted.json();
    const row = await signupRow(receiptCode);
    const accepted = await op.post(`/api/signups/${row.id}/accept`, {
      version: row.version,
      verifiedFields: ['name', 'phone'],
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const youthId = accepted.json().signup.youthId;

    const locked = await publicPost(t, '/api/public/signups/update', {
      receiptCode,
      fields: { name: '冯小晓' },
    });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().message).toBe('以下信息已由团组织核实，不能修改：姓名');

    const sameName = await publicPost(t, '/api/public/signups/update', {
      receiptCode,
      fields: { name: '冯晓', dream: '开个人画展', field: '插画' },
    });
    expect(sameName.statusCode, sameName.body).toBe(200);
    const edited = await signupRow(receiptCode);
    expect(edited).toMatchObject({ dream: '开个人画展', field: '插画' });
    expect(edited.selfEditedAt).not.toBeNull();
    const person = (await op.get(`/api/youth/${youthId}`)).json();
    expect(person.dream).toBe('开画展');
    const detail = (await op.get(`/api/signups/${row.id}`)).json();
    expect(detail.selfEditedAt).not.toBeNull();

    const withdrawn = await publicPost(t, '/api/public/consents/withdraw', { receiptCode });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    const status = (await publicPost(t, '/api/public/signups/status', { receiptCode }, false)).json();
    expect(status).toMatchObject({ status: 'accepted', consentWithdrawn: true, editable: false });
    expect(status.message).toContain('撤回同意');
    expect((await op.get(`/api/youth/${youthId}`)).json().name).toBe('冯晓');
    const consents = (await op.get(`/api/signups/${row.id}`)).json().consents;
    expect(consents[0].withdrawnAt).not.toBeNull();
  });
});

describe('the age bound', () => {
  const year = Number(todayInChina().slice(0, 4));
  const bornAged = (age: number) => `${year - age}-01-01`;
  /** A year passes: the stored birth date moves back, as the calendar would move forward. */
  const ageBy = (id: number, age: number) =>
    t.db
      .update(signups)
      .set({ birthDate: bornAged(age) })
      .where(eq(signups.id, id));

  it('holds at submission, not for later edits of other fields, after acceptance or while pending', async () => {
    const over = await submitSignup(
      t,
      page.slug,
      { name: '年长者', birthDate: bornAged(36), phone: freshPhone() },
      {
        noticeId: notice.id,
      },
    );
    expect(over.statusCode).toBe(400);

    const accepted = await submitSignup(
      t,
      page.slug,
      { name: '韩三五', birthDate: bornAged(35), phone: freshPhone() },
      {
        noticeId: notice.id,
      },
    );
    expect(accepted.statusCode, accepted.body).toBe(200);
    const row = await signupRow(accepted.json().receiptCode);
    const res = await op.post(`/api/signups/${row.id}/accept`, {
      version: row.version,
      verifiedFields: ['name'],
    });
    expect(res.statusCode, res.body).toBe(200);
    await ageBy(row.id, 36);
    const corrected = await publicPost(t, '/api/public/signups/update', {
      receiptCode: accepted.json().receiptCode,
      fields: { dream: '办一场个人演出', phone: freshPhone() },
    });
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect((await signupRow(accepted.json().receiptCode)).dream).toBe('办一场个人演出');

    const pending = await submitSignup(
      t,
      page.slug,
      { name: '韩待审', birthDate: bornAged(35), phone: freshPhone() },
      {
        noticeId: notice.id,
      },
    );
    const code = pending.json().receiptCode;
    await ageBy((await signupRow(code)).id, 36);
    const other = await publicPost(t, '/api/public/signups/update', {
      receiptCode: code,
      fields: { dream: '学作曲' },
    });
    expect(other.statusCode, other.body).toBe(200);
    const older = await publicPost(t, '/api/public/signups/update', {
      receiptCode: code,
      fields: { birthDate: `${year - 36}-02-01` },
    });
    expect(older.statusCode).toBe(400);
    expect(older.json().message).toContain('35 周岁及以下');
    const younger = await publicPost(t, '/api/public/signups/update', {
      receiptCode: code,
      fields: { birthDate: bornAged(30) },
    });
    expect(younger.statusCode, younger.body).toBe(200);
  });
});
