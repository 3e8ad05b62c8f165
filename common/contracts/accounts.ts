import { z } from 'zod';
import { defineContract, idParams, okResponse, pageOf, sortedPageQuery, versioned } from '../contract';
import { PERMISSIONS, ROLE_KEYS } from '../access';

export const roleKey = z.enum(ROLE_KEYS as [string, ...string[]]);

export const account = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: roleKey,
  roleLabel: z.string(),
  unit: z.object({ id: z.number().int(), name: z.string(), orgName: z.string() }),
  status: z.enum(['active', 'disabled']),
  totpEnabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  activeSessions: z.number().int(),
  version: z.number().int(),
});
export type Account = z.infer<typeof account>;

export const listAccounts = defineContract({
  method: 'GET',
  path: '/api/accounts',
  access: 'accounts.read',
  tag: 'accounts',
  summary: '账号列表（本单位及下级）',
  query: sortedPageQuery([
    'username',
    'displayName',
    'role',
    'status',
    'createdAt',
    'lastLoginAt',
    'unit',
  ]).extend({
    q: z.string().trim().max(50).optional(),
    unitId: z.coerce.number().int().positive().optional(),
    includeDescendants: z.enum(['true', 'false']).default('true'),
    role: roleKey.optional(),
    status: z.enum(['active', 'disabled', 'locked']).optional(),
  }),
  response: pageOf(account),
});

const username = z
  .string()
  .trim()
  .regex(/^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$/, '用户名为 3–32 位字母、数字或 _.-，以字母开头');

export const createAccount = defineContract({
  method: 'POST',
  path: '/api/accounts',
  access: 'accounts.manage',
  tag: 'accounts',
  summary: '新建账号（不填密码时生成一次性初始密码）',
  body: z.object({
    username,
    displayName: z.string().trim().min(2).max(30),
    role: roleKey,
    unitId: z.number().int().positive(),
    password: z.string().max(256).optional(),
  }),
  response: z.object({ account, initialPassword: z.string().nullable() }),
});

export const updateAccount = defineContract({
  method: 'PATCH',
  path: '/api/accounts/:id',
  access: 'accounts.manage',
  tag: 'accounts',
  summary: '修改账号：姓名、角色、所属单位、启用或停用',
  params: idParams,
  body: versioned.extend({
    displayName: z.string().trim().min(2).max(30).optional(),
    role: roleKey.optional(),
    unitId: z.number().int().positive().optional(),
    status: z.enum(['active', 'disabled']).optional(),
  }),
  response: account,
});

export const resetAccountPassword = defineContract({
  method: 'POST',
  path: '/api/accounts/:id/reset-password',
  access: 'accounts.manage',
  tag: 'accounts',
  summary: '重置密码：生成一次性初始密码，下次登录须修改',
  params: idParams,
  response: z.object({ initialPassword: z.string() }),
});

export const unlockAccount = defineContract({
  method: 'POST',
  path: '/api/accounts/:id/unlock',
  access: 'accounts.manage',
  tag: 'accounts',
  summary: '解除锁定',
  params: idParams,
  response: okResponse,
});

export const revokeAccountSessions = defineContract({
  method: 'POST',
  path: '/api/accounts/:id/revoke-sessions',
  access: 'accounts.manage',
  tag: 'accounts',
  summary: '强制下线：结束该用户全部会话',
  params: idParams,
  response: z.object({ revoked: z.number().int() }),
});

export const resetAccountTotp = defineContract({
  method: 'POST',
  path: '/api/accounts/:id/reset-totp',
  access: 'accounts.manage',
  tag: 'accounts',
  summary: '重置双因素认证（用户须重新绑定）',
  params: idParams,
  response: okResponse,
});

export const roleInfo = z.object({
  key: roleKey,
  label: z.string(),
  rank: z.number().int(),
  permissions: z.array(z.enum(Object.keys(PERMISSIONS) as [string, ...string[]])),
  requireTotp: z.boolean(),
  grantable: z.boolean(),
});

export const listRoles = defineContract({
  method: 'GET',
  path: '/api/roles',
  access: 'session',
  tag: 'accounts',
  summary: '角色、权限与双因素要求',
  response: z.object({ items: z.array(roleInfo) }),
});

export const updateRoleSettings = defineContract({
  method: 'PUT',
  path: '/api/roles/:role/settings',
  access: 'settings.manage',
  tag: 'accounts',
  summary: '设置角色是否必须启用双因素认证',
  params: z.object({ role: roleKey }),
  body: z.object({ requireTotp: z.boolean() }),
  response: roleInfo,
});
