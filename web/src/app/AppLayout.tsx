import type { ReactNode } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { Badge, Flex, Layout, Menu, Tag, Typography } from 'antd';
import { UNIT_LEVELS } from '../../../common/access';
import { useReportBadges } from '../modules/reports/useReportReminders';
import { AccountMenu } from './AccountMenu';
import { IdleWarning } from './IdleWarning';
import { MENU, MENU_GROUP_ICONS, menuKeyFor, type MenuEntry } from './menu';
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

type MenuItem = { key: string; icon: ReactNode; label: ReactNode; children?: MenuItem[] };

/** An entry with the count of what waits there (待报送 …); its group shows a dot while folded. */
function badged(label: string, count = 0) {
  if (!count) return label;
  return (
    <Flex justify="space-between" align="center">
      {label}
      <Badge count={count} size="small" />
    </Flex>
  );
}

/** Entries of one group go under it, where the group's first entry stands. */
function groupMenu(entries: MenuEntry[], badges: Record<string, number> = {}): MenuItem[] {
  const items: MenuItem[] = [];
  const groups = new Map<string, MenuItem>();
  for (const m of entries) {
    const item = { key: m.path, icon: m.icon, label: badged(m.label, badges[m.path]) };
    if (!m.group) {
      items.push(item);
      continue;
    }
    let group = groups.get(m.group);
    if (!group) {
      group = { key: `group:${m.group}`, icon: MENU_GROUP_ICONS[m.group], label: m.group, children: [] };
      groups.set(m.group, group);
      items.push(group);
    }
    group.children!.push(item);
    if (badges[m.path]) group.label = <Badge dot>{m.group}</Badge>;
  }
  return items;
}

export function AppLayout() {
  const me = useViewer();
  const can = useCan();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const badges = useReportBadges();
  const items = groupMenu(
    MENU.filter((m) => (!m.permission || can(m.permission)) && !m.hiddenFor?.(can)),
    badges,
  );
  const selected = menuKeyFor(pathname);
  const openGroup = MENU.find((m) => m.path === selected)?.group;

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
            selectedKeys={[selected]}
            defaultOpenKeys={openGroup ? [`group:${openGroup}`] : []}
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
