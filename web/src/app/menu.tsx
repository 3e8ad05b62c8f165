import type { ReactNode } from 'react';
import {
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  BookOutlined,
  BranchesOutlined,
  CarryOutOutlined,
  CloudUploadOutlined,
  ClusterOutlined,
  CoffeeOutlined,
  DashboardOutlined,
  EnvironmentOutlined,
  HeartOutlined,
  IdcardOutlined,
  NotificationOutlined,
  FileProtectOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  FlagOutlined,
  FundProjectionScreenOutlined,
  ProfileOutlined,
  ReadOutlined,
  RocketOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SolutionOutlined,
  StarOutlined,
  TeamOutlined,
  TrophyOutlined,
  UsergroupAddOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import type { Permission } from '../../../common/access';

export type MenuEntry = {
  path: string;
  label: string;
  icon: ReactNode;
  permission?: Permission;
  /** Hidden for some who hold the permission (a mentor sees only 我的结对; cadres never do). */
  hiddenFor?: (can: (p: Permission) => boolean) => boolean;
  /** Entries with the same group are shown together under it (组织覆盖 …), where its first entry stands. */
  group?: string;
  /** Other paths whose pages belong to this entry (a report's own page under 待报送). */
  also?: string[];
};

/** Icons of menu groups (the group's entries carry their own). */
export const MENU_GROUP_ICONS: Record<string, ReactNode> = {
  组织覆盖: <ClusterOutlined />,
  工作推进: <RocketOutlined />,
  线上招募: <NotificationOutlined />,
};

/** A 梦想导师 account: the mentor's own workspace and nothing else. */
export const isMentorOnly = (can: (p: Permission) => boolean) => can('mentor.log') && !can('dashboard.read');
/** A 评委 account: their own 评审任务 and nothing else. */
export const isJudgeOnly = (can: (p: Permission) => boolean) => can('calls.judge') && !can('dashboard.read');

/** 工作台 is everyone's landing page (without dashboard.read it shows a welcome card, no numbers). */
export const MENU: MenuEntry[] = [
  {
    path: '/',
    label: '工作台',
    icon: <DashboardOutlined />,
    hiddenFor: (can) => isMentorOnly(can) || isJudgeOnly(can),
  },
  { path: '/youth', label: '青年库', icon: <SolutionOutlined />, permission: 'youth.read' },
  { path: '/training', label: '培训', icon: <ReadOutlined />, permission: 'training.read' },
  { path: '/events', label: '活动', icon: <CoffeeOutlined />, permission: 'events.read' },
  { path: '/mentors', label: '梦想导师', icon: <UserSwitchOutlined />, permission: 'mentors.read' },
  {
    path: '/my-mentees',
    label: '我的结对',
    icon: <HeartOutlined />,
    permission: 'mentor.log',
    hiddenFor: (can) => can('mentors.read'),
  },
  {
    path: '/signup-pages',
    label: '招募页面',
    icon: <NotificationOutlined />,
    permission: 'public.manage',
    group: '线上招募',
  },
  {
    path: '/signups',
    label: '线上报名',
    icon: <IdcardOutlined />,
    permission: 'signups.review',
    group: '线上招募',
  },
  {
    path: '/privacy-notices',
    label: '个人信息规则',
    icon: <FileProtectOutlined />,
    permission: 'public.manage',
    group: '线上招募',
  },
  { path: '/calls', label: '作品征集', icon: <TrophyOutlined />, permission: 'calls.read' },
  { path: '/stories', label: '青年故事', icon: <FileTextOutlined />, permission: 'stories.read' },
  { path: '/judging', label: '评审任务', icon: <StarOutlined />, permission: 'calls.judge' },
  {
    path: '/societies',
    label: '青年社团',
    icon: <FlagOutlined />,
    permission: 'orgs.read',
    group: '组织覆盖',
  },
  {
    path: '/federation',
    label: '会员团体',
    icon: <UsergroupAddOutlined />,
    permission: 'orgs.read',
    group: '组织覆盖',
  },
  {
    path: '/federation/supervision',
    label: '覆盖督导',
    icon: <FundProjectionScreenOutlined />,
    permission: 'orgs.read',
    group: '组织覆盖',
  },
  {
    path: '/outreach/contact-points',
    label: '联系点',
    icon: <EnvironmentOutlined />,
    permission: 'orgs.read',
    group: '组织覆盖',
  },
  {
    path: '/outreach/branches',
    label: '团组织',
    icon: <BranchesOutlined />,
    permission: 'orgs.read',
    group: '组织覆盖',
  },
  {
    path: '/plans',
    label: '工作方案',
    icon: <ScheduleOutlined />,
    permission: 'plans.read',
    group: '工作推进',
  },
  {
    path: '/plans/tasks',
    label: '任务督办',
    icon: <CarryOutOutlined />,
    permission: 'plans.read',
    group: '工作推进',
  },
  {
    path: '/reports/due',
    label: '待报送',
    icon: <CloudUploadOutlined />,
    permission: 'reports.read',
    group: '工作推进',
    also: ['/reports/submissions'],
  },
  {
    path: '/reports/collections',
    label: '报送任务',
    icon: <ProfileOutlined />,
    permission: 'reports.read',
    group: '工作推进',
  },
  {
    path: '/reports/review',
    label: '待审核',
    icon: <AuditOutlined />,
    permission: 'reports.read',
    group: '工作推进',
  },
  {
    path: '/reports/timeliness',
    label: '报送统计',
    icon: <BarChartOutlined />,
    permission: 'reports.read',
    group: '工作推进',
  },
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

const under = (pathname: string, path: string) => pathname === path || pathname.startsWith(`${path}/`);

export function menuKeyFor(pathname: string): string {
  const candidates = MENU.flatMap((m) =>
    [m.path, ...(m.also ?? [])].map((prefix) => ({ key: m.path, prefix })),
  ).filter((c) => c.prefix !== '/' && under(pathname, c.prefix));
  const match = candidates.sort((a, b) => b.prefix.length - a.prefix.length)[0];
  return match ? match.key : pathname === '/' ? '/' : '';
}
