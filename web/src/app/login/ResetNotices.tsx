import { Alert } from 'antd';
import dayjs from 'dayjs';
import type { AccountNotice } from '../../../../common/contracts/auth';

const WHAT: Record<AccountNotice['kind'], string> = {
  password_reset: '密码',
  totp_reset: '两步验证（动态口令）',
};

export function noticeText(n: AccountNotice): string {
  return `您的${WHAT[n.kind]}已于 ${dayjs(n.at).format('YYYY-MM-DD HH:mm')} 由 ${n.by} 重置。`;
}

/** An administrator reset the password or the second factor: the user reads who and when. */
export function ResetNotices({ notices }: { notices: AccountNotice[] }) {
  if (!notices.length) return null;
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      data-testid="reset-notice"
      title={notices.map((n) => (
        <div key={`${n.kind}-${n.at}`}>{noticeText(n)}</div>
      ))}
      description="如非您本人申请，请立即联系上级管理员。"
      style={{ marginBottom: 20 }}
    />
  );
}
