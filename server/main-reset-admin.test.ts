import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from './db/client';
import { verifyPassword } from './platform/auth/passwords';

/** `npm run reset-admin -- <用户名>` as the operator runs it on the server: the real CLI on a data directory. */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zm-reset-'));
const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
delete env.DATABASE_URL;
delete env.ADMIN_PASSWORD;
delete env.ADMIN_USERNAME;

function cli(...args: string[]): Promise<{ code: number | null; output: string }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...args], { env });
  let output = '';
  proc.stdout.on('data', (d) => (output += d));
  proc.stderr.on('data', (d) => (output += d));
  return new Promise((resolve) => proc.once('exit', (code) => resolve({ code, output })));
}

afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('npm run reset-admin', () => {
  it('prints a one-time password once, now the administrator’s and to be changed', async () => {
    const run = await cli('reset-admin', 'admin');
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain('已重置账号 admin');
    const password = /一次性密码（仅显示这一次，登录后须立即修改）：(\S+)/.exec(run.output)?.[1];
    expect(password).toBeTruthy();

    const database = await openDatabase({ dataDir });
    try {
      const [row] = await queryRows<{ hash: string; must: boolean }>(
        database.db,
        sql`select password_hash as hash, must_change_password as must from users where username = 'admin'`,
      );
      expect(row.must).toBe(true);
      expect(await verifyPassword(row.hash, password!)).toBe(true);
    } finally {
      await database.close();
    }
  }, 120_000);

  it('says what is wrong, and exits non-zero, without a known username', async () => {
    const missing = await cli('reset-admin');
    expect(missing.code).toBe(1);
    expect(missing.output).toContain('请指定用户名：npm run reset-admin -- <用户名>');
    const unknown = await cli('reset-admin', 'nobody');
    expect(unknown.code).toBe(1);
    expect(unknown.output).toContain('没有用户名为 nobody 的账号');
    expect(unknown.output).not.toContain('一次性密码');
  }, 60_000);
});
