import { Space, Tag } from 'antd';
import dayjs from 'dayjs';
import type { Account } from '../../../../common/contracts/accounts';

export function isLocked(account: Pick<Account, 'lockedUntil'>): boolean {
  return account.lockedUntil !== null && dayjs(account.lockedUntil).isAfter(dayjs());
}

export function AccountStatus({ account }: { account: Account }) {
  return (
    <Space size={4}>
      {account.status === 'active' ? <Tag color="green">正常</Tag> : <Tag>停用</Tag>}
      {isLocked(account) && (
        <Tag color="red" title={`锁定至 ${dayjs(account.lockedUntil).format('YYYY-MM-DD HH:mm')}`}>
          锁定
        </Tag>
      )}
    </Space>
  );
}
