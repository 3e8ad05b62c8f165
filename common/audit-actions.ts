/** Audit action codes and their Chinese names; later modules add theirs here. */
export const AUDIT_ACTIONS = {
  'auth.login': '登录',
  'auth.login_failed': '登录失败',
  'auth.locked': '账号锁定',
  'auth.logout': '退出登录',
  'auth.totp_verify': '动态口令验证',
  'auth.totp_enabled': '启用双因素认证',
  'auth.totp_disabled': '关闭双因素认证',
  'auth.password_changed': '修改密码',
  'account.created': '新建账号',
  'account.updated': '修改账号',
  'account.password_reset': '重置密码',
  'account.unlocked': '解除锁定',
  'account.sessions_revoked': '强制下线',
  'account.totp_reset': '重置双因素认证',
  'role.settings_updated': '修改角色设置',
  'unit.updated': '修改组织',
  'department.created': '新增部门',
  'department.updated': '修改部门',
  'department.deleted': '删除部门',
  'dictionary.created': '新增字典项',
  'dictionary.updated': '修改字典项',
  'audit.exported': '导出审计日志',
  'access.denied': '越权访问被拒绝',
  'system.admin_created': '创建系统管理员',
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;
