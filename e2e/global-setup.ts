import { spawn, execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const port = Number(process.env.E2E_PORT ?? 3210);

/**
 * A fresh database, seeded with the test accounts, and the real server on it: embedded by default, or the
 * empty PostgreSQL database E2E_DATABASE_URL names (the server and the seed then use it).
 */
export default async function globalSetup() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhumeng-e2e-'));
  fs.mkdirSync('e2e/.screenshots', { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    ADMIN_PASSWORD: 'Zhumeng#Sys2026!',
    LOG_LEVEL: 'warn',
    DATABASE_URL: process.env.E2E_DATABASE_URL ?? '',
    // The public forms' proof of work, made cheap so a browser test does not wait on it.
    PUBLIC_POW_DIFFICULTY: '4',
    // Every spec's phone is the same address: the per-address limits are the API tests' to prove.
    PUBLIC_SUBMIT_LIMIT_PER_10_MINUTES: '1000',
    PUBLIC_SUBMIT_LIMIT_PER_DAY: '10000',
  };
  if (!env.DATABASE_URL) delete env.DATABASE_URL;
  else {
    // With a database server the keys come from the environment, never from the data directory.
    env.ZHUMENG_DATA_KEY ??= crypto.randomBytes(32).toString('hex');
    env.ZHUMENG_INDEX_KEY ??= crypto.randomBytes(32).toString('hex');
  }
  execFileSync('npx', ['tsx', 'e2e/seed-e2e.ts'], { env, stdio: 'inherit' });
  const server = spawn('npx', ['tsx', 'server/main.ts', 'start'], {
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  process.env.E2E_SERVER_PID = String(server.pid);
  process.env.E2E_DATA_DIR = dataDir;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error('server did not become ready within 60 s');
}
