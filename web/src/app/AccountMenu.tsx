import { Avatar, Dropdown, Flex, Typography } from 'antd';
import { DownOutlined, LogoutOutlined, SettingOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useViewer } from './session';
import { useLogout } from './useLogout';
import { BRAND_RED } from './theme';

export function AccountMenu() {
  const me = useViewer();
  const navigate = useNavigate();
  const signOut = useLogout();
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'profile', icon: <SettingOutlined />, label: '个人设置' },
          { type: 'divider' },
          { key: 'logout', icon: <LogoutOutlined />, label: '退出登录' },
        ],
        onClick: ({ key }) => {
          if (key === 'profile') navigate('/profile');
          else void signOut();
        },
      }}
    >
      <Flex align="center" gap={8} style={{ cursor: 'pointer' }} data-testid="account-menu">
        <Avatar size={30} style={{ background: BRAND_RED }}>
          {[...me.displayName][0]}
        </Avatar>
        <Flex vertical style={{ lineHeight: 1.3 }}>
          <Typography.Text strong>{me.displayName}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {me.roleLabel}
          </Typography.Text>
        </Flex>
        <DownOutlined style={{ fontSize: 10, color: '#999' }} />
      </Flex>
    </Dropdown>
  );
}
