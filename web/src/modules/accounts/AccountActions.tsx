import { App, Button, Dropdown, Space } from 'antd';
import { DownOutlined } from '@ant-design/icons';
import {
  resetAccountPassword,
  resetAccountTotp,
  revokeAccountSessions,
  unlockAccount,
  type Account,
} from '../../../../common/contracts/accounts';
import { call } from '../../api/client';
import { isLocked } from './AccountStatus';

type Props = {
  account: Account;
  onEdit: () => void;
  onPassword: (password: string) => void;
  onChanged: () => void;
};

/** Row actions: each asks first, says what happened, and refreshes the list. */
export function AccountActions({ account, onEdit, onPassword, onChanged }: Props) {
  const { modal, message } = App.useApp();
  const params = { params: { id: account.id } };
  const confirm = (title: string, content: string, run: () => Promise<string | void>, danger = false) =>
    modal.confirm({
      title,
      content,
      okButtonProps: { danger },
      onOk: async () => {
        try {
          const done = await run();
          if (done) message.success(done);
          onChanged();
        } catch (e) {
          message.error(e instanceof Error ? e.message : '操作失败');
        }
      },
    });

  const more = [
    {
      key: 'unlock',
      label: '解锁',
      disabled: !isLocked(account),
      onClick: () =>
        confirm('解除锁定', `解除账号 ${account.username} 的登录锁定？`, async () => {
          await call(unlockAccount, params);
          return '已解除锁定';
        }),
    },
    {
      key: 'revoke',
      label: '强制下线',
      disabled: account.activeSessions === 0,
      onClick: () =>
        confirm(
          '强制下线',
          `结束 ${account.displayName} 的全部登录会话？对方须重新登录。`,
          async () => `已结束 ${(await call(revokeAccountSessions, params)).revoked} 个会话`,
          true,
        ),
    },
    {
      key: 'totp',
      label: '重置双因素',
      disabled: !account.totpEnabled,
      onClick: () =>
        confirm(
          '重置双因素认证',
          `清除 ${account.displayName} 已绑定的动态口令？对方下次登录须重新绑定。`,
          async () => {
            await call(resetAccountTotp, params);
            return '已重置双因素认证';
          },
          true,
        ),
    },
  ];

  return (
    <Space size={0}>
      <Button type="link" size="small" onClick={onEdit}>
        编辑
      </Button>
      <Button
        type="link"
        size="small"
        onClick={() =>
          confirm(
            '重置密码',
            `为 ${account.displayName}（${account.username}）生成新的一次性初始密码？原密码立即失效。`,
            async () => onPassword((await call(resetAccountPassword, params)).initialPassword),
            true,
          )
        }
      >
        重置密码
      </Button>
      <Dropdown menu={{ items: more }} trigger={['click']}>
        <Button type="link" size="small">
          更多 <DownOutlined />
        </Button>
      </Dropdown>
    </Space>
  );
}
