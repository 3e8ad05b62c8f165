/** Named permissions, one per action. Every API contract names one of these, or an access class below. */
export const PERMISSIONS = {
  'units.read': '查看组织',
  'units.manage': '维护组织与部门',
  'accounts.read': '查看账号',
  'accounts.manage': '管理账号',
  'audit.read': '查看审计日志',
  'audit.export': '导出审计日志',
  'dictionaries.manage': '维护数据字典',
  'settings.manage': '系统安全设置',
  'dashboard.read': '查看工作台',
  'youth.read': '查看青年库',
  'youth.write': '登记与维护青年信息',
  'youth.review': '审核青年培养阶段',
  'youth.transfer': '青年转接',
  'training.read': '查看培训',
  'training.write': '组织培训班',
  'mentors.read': '查看梦想导师与结对',
  'mentors.write': '管理梦想导师与结对',
  'mentor.log': '填写指导记录（导师本人）',
  'events.read': '查看青春沙龙等活动',
  'events.write': '组织活动',
  'orgs.read': '查看青年社团、会员团体、联系点与团组织',
  'orgs.write': '维护青年社团、会员团体、联系点与团组织',
  'coverage.configure': '设置组织覆盖目标（省级）',
  'plans.read': '查看工作方案与任务督办',
  'plans.write': '制定工作方案、维护任务与填报进展',
  'reports.read': '查看报送任务与报送情况',
  'reports.manage': '发起报送任务（向下级）',
  'reports.submit': '填写并报送本单位报告',
  'reports.review': '审核下级报送（通过、退回）',
  'public.manage': '发布公开页面（线上招募、个人信息处理规则、海报）',
  'signups.review': '审核线上报名',
  'calls.read': '查看作品征集与评审结果',
  'calls.manage': '发起作品征集、形式审查、组织评审、评奖与向上推荐',
  'calls.judge': '评审分配给本人的作品（评委本人）',
  'stories.read': '查看青年故事',
  'stories.manage': '撰写、发布与下线青年故事',
  'personal.reveal': '查看完整个人信息',
  'personal.export': '导出未脱敏个人信息',
} as const;

export type Permission = keyof typeof PERMISSIONS;

/**
 * Routes that are not a permission of a role: `public` (no session: login, health),
 * `session` (any fully signed-in user), `login-step` (a session still completing sign-in:
 * second factor, first-time TOTP enrolment, forced password change — and the calls those need).
 */
export type Access = Permission | 'public' | 'session' | 'login-step';

export const ROLES = {
  system_admin: { label: '系统管理员', rank: 100 },
  unit_admin: { label: '单位管理员', rank: 80 },
  reviewer: { label: '审核', rank: 60 },
  leader: { label: '领导', rank: 50 },
  operator: { label: '经办', rank: 40 },
  mentor: { label: '梦想导师', rank: 20 },
  judge: { label: '评委', rank: 20 },
} as const;

export type Role = keyof typeof ROLES;
export const ROLE_KEYS = Object.keys(ROLES) as Role[];

const ALL = Object.keys(PERMISSIONS) as Permission[];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  system_admin: ALL,
  unit_admin: [
    'units.read',
    'units.manage',
    'accounts.read',
    'accounts.manage',
    'audit.read',
    'audit.export',
    'dictionaries.manage',
    'dashboard.read',
    'youth.read',
    'youth.write',
    'youth.review',
    'youth.transfer',
    'training.read',
    'training.write',
    'mentors.read',
    'mentors.write',
    'events.read',
    'events.write',
    'orgs.read',
    'orgs.write',
    'coverage.configure',
    'plans.read',
    'plans.write',
    'reports.read',
    'reports.manage',
    'reports.submit',
    'reports.review',
    'public.manage',
    'signups.review',
    'personal.reveal',
    'personal.export',
    'calls.read',
    'calls.manage',
    'stories.read',
    'stories.manage',
  ],
  reviewer: [
    'units.read',
    'dashboard.read',
    'youth.read',
    'youth.review',
    'training.read',
    'mentors.read',
    'events.read',
    'orgs.read',
    'plans.read',
    'reports.read',
    'reports.review',
    'signups.review',
    'personal.reveal',
    'calls.read',
    'stories.read',
  ],
  leader: [
    'units.read',
    'dashboard.read',
    'youth.read',
    'training.read',
    'mentors.read',
    'events.read',
    'orgs.read',
    'plans.read',
    'reports.read',
    'reports.review',
    'calls.read',
    'stories.read',
  ],
  operator: [
    'units.read',
    'dashboard.read',
    'youth.read',
    'youth.write',
    'training.read',
    'training.write',
    'mentors.read',
    'mentors.write',
    'events.read',
    'events.write',
    'orgs.read',
    'orgs.write',
    'plans.read',
    'plans.write',
    'reports.read',
    'reports.manage',
    'reports.submit',
    'public.manage',
    'signups.review',
    'calls.read',
    'calls.manage',
    'stories.read',
    'stories.manage',
  ],
  // A mentor sees their own mentees and nothing else: no registry, no lists, only their pairings.
  mentor: ['mentor.log'],
  // A judge sees only the works assigned to them, without the entrants' names, units or contacts.
  judge: ['calls.judge'],
};

export function hasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** Default two-factor rule: required for every role that may reveal or bulk-export personal data. */
export function defaultRequiresTotp(role: Role): boolean {
  return hasPermission(role, 'personal.reveal') || hasPermission(role, 'personal.export');
}

/** A unit administrator may grant its own role or any below it, never one above. */
export function canGrantRole(granter: Role, role: Role): boolean {
  return ROLES[role].rank <= ROLES[granter].rank;
}

export const UNIT_LEVELS = {
  central: '中央',
  province: '省级',
  city: '市级',
  county: '县级',
} as const;
export type UnitLevel = keyof typeof UNIT_LEVELS;
