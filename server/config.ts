import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1')
  .optional();

const envSchema = z.object({
  PORT: z.coerce.number().int().positive().default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().positive().default(10),
  ADMIN_USERNAME: z.string().min(3).default('admin'),
  ADMIN_PASSWORD: z.string().optional(),
  ZHUMENG_DATA_KEY: z.string().optional(),
  ZHUMENG_INDEX_KEY: z.string().optional(),
  ZHUMENG_DATA_KEY_PREVIOUS: z.string().optional(),
  ZHUMENG_DEMO: bool,
  TRUST_PROXY: bool,
  COOKIE_SECURE: bool,
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(12),
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  LOGIN_ACCOUNT_MAX_FAILURES: z.coerce.number().int().positive().default(20),
  LOGIN_FAILURE_WINDOW_MINUTES: z.coerce.number().int().positive().default(15),
  LOCKOUT_MINUTES: z.coerce.number().int().positive().default(15),
  LOGIN_IP_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(20),
  DUPLICATE_CHECK_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(30),
  DUPLICATE_CHECK_LIMIT_PER_DAY: z.coerce.number().int().positive().default(300),
  PUBLIC_POW_DIFFICULTY: z.coerce.number().int().min(0).max(32).default(16),
  PUBLIC_SUBMIT_LIMIT_PER_10_MINUTES: z.coerce.number().int().positive().default(10),
  PUBLIC_SUBMIT_LIMIT_PER_DAY: z.coerce.number().int().positive().default(50),
  PUBLIC_PAGE_LIMIT_PER_HOUR: z.coerce.number().int().positive().default(600),
  PUBLIC_READ_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(120),
  PASSWORD_MIN_LENGTH: z.coerce.number().int().min(8).default(8),
  PASSWORD_MIN_CLASSES: z.coerce.number().int().min(1).max(4).default(3),
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().positive().default(20),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  databasePoolMax: number;
  adminUsername: string;
  adminPassword?: string;
  dataKey?: string;
  indexKey?: string;
  previousDataKeys?: string;
  demo: boolean;
  trustProxy: boolean;
  cookieSecure?: boolean;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  loginMaxFailures: number;
  loginAccountMaxFailures: number;
  loginFailureWindowMinutes: number;
  lockoutMinutes: number;
  loginIpLimitPerMinute: number;
  /** Country-wide duplicate checks (ID number / phone) per account: per minute and per 24 hours. */
  duplicateCheckLimitPerMinute: number;
  duplicateCheckLimitPerDay: number;
  /** Leading zero bits the public forms' proof of work must find (16 ≈ a second on a phone). */
  publicPowDifficulty: number;
  /** Public form submissions per address: per 10 minutes and per day; per page: per hour. */
  publicSubmitLimitPer10Minutes: number;
  publicSubmitLimitPerDay: number;
  publicPageLimitPerHour: number;
  /** Public reads (challenges, places) per address per minute. */
  publicReadLimitPerMinute: number;
  passwordMinLength: number;
  passwordMinClasses: number;
  shutdownGraceSeconds: number;
  logLevel: string;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`环境变量配置有误:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databasePoolMax: e.DATABASE_POOL_MAX,
    adminUsername: e.ADMIN_USERNAME,
    adminPassword: e.ADMIN_PASSWORD,
    dataKey: e.ZHUMENG_DATA_KEY,
    indexKey: e.ZHUMENG_INDEX_KEY,
    previousDataKeys: e.ZHUMENG_DATA_KEY_PREVIOUS,
    demo: e.ZHUMENG_DEMO ?? false,
    trustProxy: e.TRUST_PROXY ?? false,
    cookieSecure: e.COOKIE_SECURE,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: e.SESSION_ABSOLUTE_HOURS,
    loginMaxFailures: e.LOGIN_MAX_FAILURES,
    loginAccountMaxFailures: e.LOGIN_ACCOUNT_MAX_FAILURES,
    loginFailureWindowMinutes: e.LOGIN_FAILURE_WINDOW_MINUTES,
    lockoutMinutes: e.LOCKOUT_MINUTES,
    loginIpLimitPerMinute: e.LOGIN_IP_LIMIT_PER_MINUTE,
    duplicateCheckLimitPerMinute: e.DUPLICATE_CHECK_LIMIT_PER_MINUTE,
    duplicateCheckLimitPerDay: e.DUPLICATE_CHECK_LIMIT_PER_DAY,
    publicPowDifficulty: e.PUBLIC_POW_DIFFICULTY,
    publicSubmitLimitPer10Minutes: e.PUBLIC_SUBMIT_LIMIT_PER_10_MINUTES,
    publicSubmitLimitPerDay: e.PUBLIC_SUBMIT_LIMIT_PER_DAY,
    publicPageLimitPerHour: e.PUBLIC_PAGE_LIMIT_PER_HOUR,
    publicReadLimitPerMinute: e.PUBLIC_READ_LIMIT_PER_MINUTE,
    passwordMinLength: e.PASSWORD_MIN_LENGTH,
    passwordMinClasses: e.PASSWORD_MIN_CLASSES,
    shutdownGraceSeconds: e.SHUTDOWN_GRACE_SECONDS,
    logLevel: e.LOG_LEVEL,
    ...overrides,
  };
}
