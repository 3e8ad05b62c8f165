import { z } from 'zod';
import { defineContract, okResponse } from '../contract';
import { PERMISSIONS, ROLE_KEYS, UNIT_LEVELS } from '../access';

const unitLevel = z.enum(Object.keys(UNIT_LEVELS) as [keyof typeof UNIT_LEVELS]);

export const sessionStage = z.enum(['full', 'totp', 'totp_enroll', 'password_change']);

/** Told at the next sign-in: an administrator reset the user's password or second factor. */
export const accountNotice = z.object({
  kind: z.enum(['password_reset', 'totp_reset']),
  at: z.string(),
  by: z.string(),
});
export type AccountNotice = z.infer<typeof accountNotice>;

export const me = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLE_KEYS as [string, ...string[]]),
  roleLabel: z.string(),
  unit: z.object({ id: z.number().int(), name: z.string(), orgName: z.string(), level: unitLevel }),
  permissions: z.array(z.enum(Object.keys(PERMISSIONS) as [string, ...string[]])),
  totpEnabled: z.boolean(),
  totpRequired: z.boolean(),
  stage: sessionStage,
  csrfToken: z.string(),
  idleTimeoutMinutes: z.number().int(),
  /** Until the sign-in completes, then once more with the answer that completes it. */
  notices: z.array(accountNotice),
});
export type Me = z.infer<typeof me>;

export const login = defineContract({
  method: 'POST',
  path: '/api/auth/login',
  access: 'public',
  tag: 'auth',
  summary: '用户名密码登录',
  body: z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) }),
  response: me,
});

export const getMe = defineContract({
  method: 'GET',
  path: '/api/auth/me',
  access: 'login-step',
  tag: 'auth',
  summary: '当前登录用户',
  response: me,
});

export const logout = defineContract({
  method: 'POST',
  path: '/api/auth/logout',
  access: 'login-step',
  tag: 'auth',
  summary: '退出登录',
  response: okResponse,
});

export const verifyTotp = defineContract({
  method: 'POST',
  path: '/api/auth/totp/verify',
  access: 'login-step',
  tag: 'auth',
  summary: '登录第二步：动态口令',
  body: z.object({
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/, '请输入 6 位动态口令'),
  }),
  response: me,
});

export const totpSetup = defineContract({
  method: 'POST',
  path: '/api/auth/totp/setup',
  access: 'login-step',
  tag: 'auth',
  summary: '生成双因素认证密钥（待确认）',
  response: z.object({ secret: z.string(), otpauthUrl: z.string(), qrDataUrl: z.string() }),
});

export const totpEnable = defineContract({
  method: 'POST',
  path: '/api/auth/totp/enable',
  access: 'login-step',
  tag: 'auth',
  summary: '确认并启用双因素认证',
  body: z.object({
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/, '请输入 6 位动态口令'),
  }),
  response: me,
});

export const totpDisable = defineContract({
  method: 'POST',
  path: '/api/auth/totp/disable',
  access: 'session',
  tag: 'auth',
  summary: '关闭双因素认证（角色要求时不允许）',
  body: z.object({ password: z.string().min(1).max(256) }),
  response: me,
});

export const changePassword = defineContract({
  method: 'POST',
  path: '/api/auth/password',
  access: 'login-step',
  tag: 'auth',
  summary: '修改本人密码（其他会话全部失效）',
  body: z.object({ currentPassword: z.string().min(1).max(256), newPassword: z.string().min(1).max(256) }),
  response: me,
});

export const passwordPolicy = defineContract({
  method: 'GET',
  path: '/api/auth/password-policy',
  access: 'public',
  tag: 'auth',
  summary: '密码规则',
  response: z.object({ minLength: z.number().int(), minClasses: z.number().int(), description: z.string() }),
});
