import type { ReactNode } from 'react';
import {
  ApartmentOutlined,
  BookOutlined,
  DashboardOutlined,
  FileSearchOutlined,
  SafetyCertificateOutlined,
  SolutionOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { Permission } from '../../../common/access';

export type MenuEntry = { path: string; label: string; icon: ReactNode; permission?: Permission };

/** 工作台 is everyone's landing page (without dashboard.read it shows a welcome card, no numbers). */
export const MENU: MenuEntry[] = [
  { path: '/', label: '工作台', icon: <DashboardOutlined /> },
  { path: '/youth', label: '青年库', icon: <SolutionOutlined />, permission: 'youth.read' },
  { path: '/units', label: '组织机构', icon: <ApartmentOutlined />, permission: 'units.read' },
  { path: '/accounts', label: '账号管理', icon: <TeamOutlined />, permission: 'accounts.read' },
  { path: '/audit', label: '审计日志', icon: <FileSearchOutlined />, permission: 'audit.read' },
  { path: '/dictionaries', label: '数据字典', icon: <BookOutlined />, permission: 'dictionaries.manage' },
  {
    path: '/security',
    label: '角色与安全',
    icon: <SafetyCertificateOutlined />,
    permission: 'settings.manage',
  },
];

export function menuKeyFor(pathname: string): string {
  const match = MENU.find(
    (m) => m.path !== '/' && (pathname === m.path || pathname.startsWith(`${m.path}/`)),
  );
  return match ? match.path : pathname === '/' ? '/' : '';
}
