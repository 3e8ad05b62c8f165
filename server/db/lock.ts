import fs from 'node:fs';
import path from 'node:path';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from './private-files';

/**
 * PGlite has no data-directory lock of its own: two processes on one directory corrupt it.
 * We hold an exclusive lock file carrying our pid and refuse to start while a live process holds it.
 */
export function acquireDataDirLock(dataDir: string): () => void {
  ensurePrivateDir(dataDir);
  const lockPath = path.join(dataDir, 'zhumeng.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx', PRIVATE_FILE_MODE);
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      return () => releaseIfOurs(lockPath);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(fs.readFileSync(lockPath, 'utf8').trim());
      if (holder && holder !== process.pid && isAlive(holder)) {
        throw new Error(
          `数据目录 ${dataDir} 正被另一个筑梦进程 (pid ${holder}) 使用。内置数据库只允许一个进程访问；` +
            `请先停止该进程，或设置 DATABASE_URL 使用 PostgreSQL 服务器以运行多个进程。`,
          { cause: err },
        );
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`无法获取数据目录锁 ${lockPath}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function releaseIfOurs(lockPath: string) {
  try {
    if (fs.readFileSync(lockPath, 'utf8').trim() === String(process.pid)) fs.rmSync(lockPath);
  } catch {
    // already gone
  }
}
