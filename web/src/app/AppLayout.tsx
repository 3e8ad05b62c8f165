import { Outlet, useLocation, useNavigate } from 'react-router';
import { Flex, Layout, Menu, Tag, Typography } from 'antd';
import { UNIT_LEVELS } from '../../../common/access';
import { AccountMenu } from './AccountMenu';
import { IdleWarning } from './IdleWarning';
import { MENU, menuKeyFor } from './menu';
import { useCan, useViewer } from './session';
import { BRAND_RED } from './theme';

function Brand() {
  return (
    <Flex align="center" gap={10} style={{ width: 180 }}>
      <img src="/favicon.svg" alt="" width={28} height={28} />
      <span style={{ fontSize: 20, fontWeight: 600, color: BRAND_RED, letterSpacing: 2 }}>筑梦</span>
    </Flex>
  );
}

export function AppLayout() {
  const me = useViewer();
  const can = useCan();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const items = MENU.filter((m) => (!m.permission || can(m.permission)) && !m.hiddenFor?.(can)).map((m) => ({
    key: m.path,
    icon: m.icon,
    label: m.label,
  }));

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 24,
          borderBottom: '1px solid #ececec',
          borderTop: `3px solid ${BRAND_RED}`,
          position: 'sticky',
          top: 0,
          zIndex: 20,
        }}
      >
        <Brand />
        <Typography.Text type="secondary" style={{ flex: 1 }}>
          共青团新兴青年群体工作平台
        </Typography.Text>
        <Flex align="center" gap={8} data-testid="scope">
          <Typography.Text>{me.unit.orgName}</Typography.Text>
          <Tag color="red" variant="outlined" style={{ marginInlineEnd: 0 }}>
            {/* Mentors and judges see their own assignments, not a unit's data. */}
            {UNIT_LEVELS[me.unit.level]} ·{' '}
            {me.role === 'mentor' || me.role === 'judge' ? '本人事项' : '本级及下级'}
          </Tag>
        </Flex>
        <AccountMenu />
      </Layout.Header>
      <Layout>
        <Layout.Sider width={188} style={{ borderRight: '1px solid #ececec' }}>
          <Menu
            mode="inline"
            selectedKeys={[menuKeyFor(pathname)]}
            items={items}
            onClick={({ key }) => navigate(key)}
            style={{ borderInlineEnd: 'none', paddingTop: 8 }}
          />
        </Layout.Sider>
        <Layout.Content style={{ padding: 16, minWidth: 0 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
      <IdleWarning minutes={me.idleTimeoutMinutes} />
    </Layout>
  );
}
