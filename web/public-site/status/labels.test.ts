import { describe, expect, it } from 'vitest';
import { NOTICE_SECTIONS } from '../../../common/contracts/privacy';
import { receiptCode } from '../../../common/contracts/public';
import { SIGNUP_LOCKABLE_FIELDS, SIGNUP_STATUSES } from '../../../common/contracts/signup';
import { NOTICE_SECTION_TITLES } from '../ui/NoticePanel';
import { normaliseReceipt } from '../ui/ReceiptLookup';
import { FIELD_LABELS, STATUS_LABELS } from './labels';

// The public bundle keeps its own copies so that zod stays out of it; they must not drift.
describe('the public site’s copies of the contracts’ words', () => {
  it('match the contracts', () => {
    expect(STATUS_LABELS).toEqual(SIGNUP_STATUSES);
    expect(FIELD_LABELS).toEqual(SIGNUP_LOCKABLE_FIELDS);
    expect(Object.fromEntries(NOTICE_SECTION_TITLES)).toEqual(NOTICE_SECTIONS);
    expect(NOTICE_SECTION_TITLES.map(([k]) => k)).toEqual(Object.keys(NOTICE_SECTIONS));
  });

  it('read a receipt code as the server does', () => {
    for (const typed of [
      '7k3m q9px 2hnd',
      '7K3M-Q9PX-2HND',
      ' 7k3mq9px2hnd ',
      'ILOU-0000-0000',
      '7K3M-Q9PX',
      '',
    ]) {
      const server = receiptCode.safeParse(typed);
      expect(normaliseReceipt(typed), typed).toBe(server.success ? server.data : null);
    }
  });
});
