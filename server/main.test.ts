import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/** The real CLI as a newcomer runs it: first start, the printed admin password, the lock, SIGTERM. */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zm-main-'));
const port = 3400 + Math.floor(Math.random() * 500);
const env: NodeJS.ProcessEnv = {
  ...process.env,
  DATA_DIR: dataDir,
  PORT: String(port),
  HOST: '127.0.0.1',
  LOG_LEVEL: 'warn',
};
delete env.DATABASE_URL;
delete env.ADMIN_PASSWORD;

function startServer(): { proc: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', 'start'], { env });
  let out = '';
  proc.stdout.on('data', (d) => (out += d));
  proc.stderr.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  return { proc, output: () => out, exited };
}

async function waitFor(check: () => Promise<boolean> | boolean, ms = 60_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('timed out');
}

const procs: ChildProcess[] = [];
afterAll(() => {
  for (const p of procs) p.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start on a fresh data directory', () => {
  it('prints a one-time admin password, refuses a second process, and drains on SIGTERM', async () => {
    const first = startServer();
    procs.push(first.proc);
    await waitFor(async () => {
      try {
        return (await fetch(`http://127.0.0.1:${port}/readyz`)).ok;
      } catch {
        return false;
      }
    });
    expect(first.output()).toMatch(/初始密码（仅显示这一次/);
    const password = /初始密码（仅显示这一次，请立即登录修改）：(\S+)/.exec(first.output())?.[1];
    expect(password).toBeTruthy();

    const second = startServer();
    procs.push(second.proc);
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain('正被另一个筑梦进程');

    const inFlight = fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password }),
    });
    await new Promise((r) => setTimeout(r, 5));
    first.proc.kill('SIGTERM');
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await first.exited).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'zhumeng.lock'))).toBe(false);

    const again = startServer();
    procs.push(again.proc);
    await waitFor(() => again.output().includes('筑梦已启动'));
    expect(again.output()).not.toMatch(/初始密码/);
    again.proc.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  }, 120_000);
});
