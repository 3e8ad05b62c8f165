import fs from 'node:fs';
import path from 'node:path';

/** Owner-only modes for everything under DATA_DIR: the database, keys, backups, stored files. */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

export type PrivateFilesReport = { changed: number; failed: string[] };

/**
 * Makes `root` and everything below it owner-only: directories 0700, files 0600. PGlite creates its
 * files 0666 whatever the umask, so this runs at every start of the embedded database (and again once
 * PGlite has written its files); the private directory is what keeps files made in between unreadable.
 * Symbolic links are neither followed nor changed: chmod would act on what they point to.
 */
export function makeTreePrivate(root: string): PrivateFilesReport {
  const report: PrivateFilesReport = { changed: 0, failed: [] };
  const stack = [root];
  while (stack.length) {
    const current = stack.pop()!;
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(current);
    } catch {
      continue; // removed meanwhile (a temporary file of another process)
    }
    if (stat.isSymbolicLink()) continue;
    const wanted = stat.isDirectory() ? PRIVATE_DIR_MODE : PRIVATE_FILE_MODE;
    if ((stat.mode & 0o777) !== wanted) {
      try {
        fs.chmodSync(current, wanted);
        report.changed += 1;
      } catch {
        report.failed.push(current);
      }
    }
    if (stat.isDirectory()) {
      let names: string[] = [];
      try {
        names = fs.readdirSync(current);
      } catch {
        report.failed.push(current);
      }
      for (const name of names) stack.push(path.join(current, name));
    }
  }
  return report;
}

/** Creates `dir` (and its parents) if needed and makes it, alone, 0700. */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if ((fs.statSync(dir).mode & 0o777) !== PRIVATE_DIR_MODE) fs.chmodSync(dir, PRIVATE_DIR_MODE);
}

/** The start-up step: DATA_DIR private, recursively; a file it may not change is named, not fatal. */
export function secureDataDir(dataDir: string): PrivateFilesReport {
  ensurePrivateDir(dataDir);
  const report = makeTreePrivate(dataDir);
  if (report.failed.length) {
    console.warn(
      `警告：数据目录 ${dataDir} 中有 ${report.failed.length} 个文件无法改为仅本账号可读写` +
        `（例如 ${report.failed[0]}）：请以运行筑梦的系统账号执行 chmod -R go-rwx ${dataDir}`,
    );
  }
  return report;
}
