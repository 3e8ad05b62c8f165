import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireDataDirLock } from './lock';

describe('data directory lock', () => {
  it('refuses while another live process holds it, and takes over a stale lock', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zm-lock-'));
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      fs.writeFileSync(path.join(dir, 'zhumeng.lock'), String(holder.pid));
      expect(() => acquireDataDirLock(dir)).toThrow(/正被另一个筑梦进程/);
    } finally {
      holder.kill();
      await new Promise((r) => holder.once('exit', r));
    }
    const release = acquireDataDirLock(dir);
    expect(fs.readFileSync(path.join(dir, 'zhumeng.lock'), 'utf8')).toBe(String(process.pid));
    release();
    expect(fs.existsSync(path.join(dir, 'zhumeng.lock'))).toBe(false);
  });
});
