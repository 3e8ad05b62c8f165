import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config';
import { openDatabase, type Database } from '../../db/client';
import { acquireDataDirLock } from '../../db/lock';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import { blobPath, filesDir } from '../files/file-store';
import { countUnitsIn, pgBackup, pgRestore } from './pg-tools';
import { readDataDirArchive } from './archive';
import { extractFilesArchive, filesArchiveFor, writeFilesArchive } from './files-archive';
import { markRestored, restoreOrigin, type RestoreOrigin } from './restore-record';

export type RestoreOptions = {
  /** Replace a data directory (or a PostgreSQL database) that already holds data. */
  force?: boolean;
};

/** 'YYYYMMDD-HHmmss' in Beijing time (UTC+8, no daylight saving). */
export function backupStamp(now = new Date()): string {
  const iso = new Date(now.getTime() + 8 * 60 * 60 * 1000).toISOString();
  return `${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}`;
}

const pgDataDir = (config: Config) => path.join(config.dataDir, 'pgdata');
const keysFile = (config: Config) => path.join(config.dataDir, 'keys.json');

/** The keys travel next to a backup, never inside it: `zhumeng-….tar.gz` → `zhumeng-….keys.json`. */
export function keysFileFor(backupFile: string): string {
  return backupFile.replace(/(\.tar\.gz|\.tgz|\.dump)?$/, '.keys.json');
}

function hasDatabase(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'PG_VERSION'));
}

function isNonEmptyDir(dir: string): boolean {
  return fs.existsSync(dir) && fs.readdirSync(dir).length > 0;
}

/** Opening the embedded database takes the data-directory lock: say plainly that the server must stop. */
async function openEmbeddedForMaintenance(dataDir: string, loadDataDir?: Blob): Promise<Database> {
  try {
    return await openDatabase({ dataDir, loadDataDir });
  } catch (err) {
    const message = (err as Error).message;
    if (message.includes('正被另一个筑梦进程')) {
      throw new Error(
        `内置数据库正在被运行中的筑梦服务使用，请先停止服务（Ctrl+C 或 systemctl stop），再执行备份或恢复。\n${message}`,
        { cause: err },
      );
    }
    throw err;
  }
}

/**
 * The stored files (attachments …, encrypted at rest) as `zhumeng-….files.tar` beside the database
 * backup. Written after the database, so with a running PostgreSQL server it holds at least every
 * file the dump refers to (files are only ever added; deleting an attachment keeps its file).
 */
async function backupFiles(config: Config, target: string): Promise<void> {
  const archive = filesArchiveFor(target);
  const count = await writeFilesArchive(filesDir(config.dataDir), archive);
  console.warn(`已备份 ${count} 个附件文件到 ${path.basename(archive)}（已加密），请与数据库备份一起保管。`);
}

/**
 * Embedded: a gzip tarball of the PGlite data directory (DATA_DIR/backups/zhumeng-….tar.gz unless
 * a file is given), plus the generated keys as a separate secret file next to it.
 * PostgreSQL: `pg_dump --format=custom` of DATABASE_URL.
 * Both: the stored files as `zhumeng-….files.tar` next to it.
 */
export async function backupDatabase(config: Config, file?: string): Promise<string> {
  const stamp = backupStamp();
  const ext = config.databaseUrl ? 'dump' : 'tar.gz';
  const target = path.resolve(file ?? path.join(config.dataDir, 'backups', `zhumeng-${stamp}.${ext}`));
  // A backup holds password hashes, sessions and encrypted personal data: owner-only, like keys.json.
  fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
  if (config.databaseUrl) {
    await pgBackup(config.databaseUrl, target);
    fs.chmodSync(target, 0o600);
    await backupFiles(config, target);
    console.warn(
      '提示：PostgreSQL 模式的加密密钥来自环境变量 ZHUMENG_DATA_KEY / ZHUMENG_INDEX_KEY，请另行妥善保管。',
    );
    return target;
  }

  if (!hasDatabase(pgDataDir(config))) {
    throw new Error(`数据目录 ${config.dataDir} 中没有数据库，无需备份（请检查 DATA_DIR）`);
  }
  const database = await openEmbeddedForMaintenance(config.dataDir);
  try {
    const dump = await database.pglite!.dumpDataDir('gzip');
    const partial = `${target}.partial`;
    fs.writeFileSync(partial, Buffer.from(await dump.arrayBuffer()), { mode: 0o600 });
    fs.renameSync(partial, target);
  } finally {
    await database.close();
  }
  await backupFiles(config, target);

  if (fs.existsSync(keysFile(config))) {
    const keysCopy = keysFileFor(target);
    fs.copyFileSync(keysFile(config), keysCopy);
    fs.chmodSync(keysCopy, 0o600);
    console.warn(
      `注意：${path.basename(keysCopy)} 是加密密钥，属于机密。没有它，备份中的身份证号、手机号无法解密；` +
        '请与备份分开保管（不同介质或保险柜），不要与备份一起外发。',
    );
  } else if (config.dataKey) {
    console.warn(
      '提示：加密密钥来自环境变量 ZHUMENG_DATA_KEY / ZHUMENG_INDEX_KEY，未随备份复制，请另行妥善保管。',
    );
  } else {
    console.warn('提示：数据目录中还没有 keys.json（服务尚未启动过，没有加密数据），未复制密钥。');
  }
  return target;
}

/**
 * Embedded: loads the tarball into DATA_DIR/pgdata. A directory that already holds a database is
 * only replaced with `force`, and then moved aside, never deleted. The result is checked by
 * counting units; on failure the previous directory is put back.
 * PostgreSQL: `pg_restore --clean --if-exists` into DATABASE_URL.
 */
export async function restoreDatabase(
  config: Config,
  file: string,
  opts: RestoreOptions = {},
): Promise<void> {
  const source = path.resolve(file);
  if (!fs.existsSync(source)) throw new Error(`备份文件不存在：${source}`);
  const force = opts.force ?? false;
  const stamp = backupStamp();
  const origin = await restoreOrigin(source);
  if (config.databaseUrl) {
    const staged = await stageFiles(config, source, stamp);
    try {
      await pgRestore(config.databaseUrl, source, force);
    } catch (err) {
      if (staged) fs.rmSync(staged, { recursive: true, force: true });
      throw err;
    }
    installFiles(config, staged, stamp);
    const database = await openDatabase({ databaseUrl: config.databaseUrl });
    try {
      await markRestoredOrSay(database.db, origin);
      reportMissingFiles(config, source, await storageKeysIn(database.db));
    } finally {
      await database.close();
    }
    return;
  }

  const blob = readDataDirArchive(fs.readFileSync(source));
  const release = acquireDataDirLockForRestore(config.dataDir);
  const pgdata = pgDataDir(config);
  let movedAside: string | undefined;
  let staged: string | null = null;
  let storageKeys: string[];
  let sessionsRevoked: number;
  try {
    staged = await stageFiles(config, source, stamp);
    if (isNonEmptyDir(pgdata)) {
      if (!force) {
        throw new Error(
          `数据目录 ${pgdata} 中已有数据库。恢复会替换现有数据：确认后加 --force 重新执行` +
            `（现有数据会移到 pgdata.before-restore-${stamp}，不会删除）。`,
        );
      }
      movedAside = `${pgdata}.before-restore-${stamp}`;
      fs.renameSync(pgdata, movedAside);
    }
    try {
      const database = await openEmbeddedForMaintenance(config.dataDir, blob);
      try {
        const units = await countUnitsIn(database.db);
        if (units < 1) throw new Error('恢复后的数据库中没有团组织数据，备份文件可能不完整');
        storageKeys = await storageKeysIn(database.db);
        // Inside the verification: a failure here puts the previous data back like any other.
        sessionsRevoked = (await markRestored(database.db, origin)).sessionsRevoked;
      } finally {
        await database.close();
      }
    } catch (err) {
      if (fs.existsSync(pgdata)) fs.renameSync(pgdata, `${pgdata}.failed-restore-${stamp}`);
      if (movedAside) fs.renameSync(movedAside, pgdata);
      throw new Error(`恢复失败，原数据未改动：${(err as Error).message}`, { cause: err });
    }
    installFiles(config, staged, stamp);
    staged = null;
    installKeys(config, source, stamp);
  } finally {
    if (staged) fs.rmSync(staged, { recursive: true, force: true });
    release();
  }
  reportMissingFiles(config, source, storageKeys);
  sayRevoked(sessionsRevoked);
  if (movedAside) console.warn(`原数据库已移到 ${movedAside}，确认恢复无误后可自行删除。`);
}

/** The restored database must not let anyone in through a session from before the backup. */
async function markRestoredOrSay(db: Db, origin: RestoreOrigin) {
  let revoked: number;
  try {
    revoked = (await markRestored(db, origin)).sessionsRevoked;
  } catch (err) {
    throw new Error(
      `数据库已写入，但未能注销备份中的登录会话并记录审计日志（${(err as Error).message}）：` +
        '请勿启动服务，排除原因后重新执行恢复（加 --force）。',
      { cause: err },
    );
  }
  sayRevoked(revoked);
}

function sayRevoked(sessions: number) {
  console.warn(`已注销备份中仍有效的 ${sessions} 个登录会话：所有用户需重新登录。恢复已记入审计日志。`);
}

function acquireDataDirLockForRestore(dataDir: string): () => void {
  try {
    return acquireDataDirLock(dataDir);
  } catch (err) {
    throw new Error(`请先停止筑梦服务再恢复。\n${(err as Error).message}`, { cause: err });
  }
}

/** The restored data was encrypted under the keys saved beside its backup: those keys must come with it. */
function installKeys(config: Config, backupFile: string, stamp: string) {
  const saved = keysFileFor(backupFile);
  if (!fs.existsSync(saved)) {
    console.warn(
      `未找到与备份配套的密钥文件 ${path.basename(saved)}：请确认当前密钥与备份时一致，否则加密的个人信息无法解密。`,
    );
    return;
  }
  const current = keysFile(config);
  if (fs.existsSync(current)) {
    if (fs.readFileSync(current, 'utf8') === fs.readFileSync(saved, 'utf8')) return;
    fs.renameSync(current, `${current}.before-restore-${stamp}`);
    console.warn(`已用备份配套的密钥替换 keys.json，原密钥移到 keys.json.before-restore-${stamp}。`);
  }
  fs.copyFileSync(saved, current);
  fs.chmodSync(current, 0o600);
}

/**
 * Unpacks the backup's files archive next to DATA_DIR/files (same disk, so it can be renamed into
 * place once the database is back). No archive: null, and the current files stay.
 */
async function stageFiles(config: Config, backupFile: string, stamp: string): Promise<string | null> {
  const archive = filesArchiveFor(backupFile);
  if (!fs.existsSync(archive)) return null;
  const staged = `${filesDir(config.dataDir)}.restoring-${stamp}`;
  try {
    await extractFilesArchive(archive, staged);
  } catch (err) {
    fs.rmSync(staged, { recursive: true, force: true });
    throw err;
  }
  return staged;
}

/** Puts the restored files in place; files already there are moved aside, never deleted. */
function installFiles(config: Config, staged: string | null, stamp: string) {
  if (!staged) return;
  const current = filesDir(config.dataDir);
  if (isNonEmptyDir(current)) {
    let aside = `${current}.before-restore-${stamp}`;
    for (let n = 2; fs.existsSync(aside); n += 1) aside = `${current}.before-restore-${stamp}-${n}`;
    fs.renameSync(current, aside);
    console.warn(`原附件目录已移到 ${path.basename(aside)}，确认恢复无误后可自行删除。`);
  } else {
    fs.rmSync(current, { recursive: true, force: true });
  }
  fs.renameSync(staged, current);
}

/** Storage keys of every stored file (none in a backup taken before the file store existed). */
async function storageKeysIn(db: Db): Promise<string[]> {
  const [exists] = await queryRows<{ ok: boolean }>(
    db,
    sql`select to_regclass('public.files') is not null as ok`,
  );
  if (!exists?.ok) return [];
  const rows = await queryRows<{ key: string }>(db, sql`select storage_key as key from files`);
  return rows.map((r) => r.key);
}

function reportMissingFiles(config: Config, backupFile: string, storageKeys: string[]) {
  const missing = storageKeys.filter((key) => !fs.existsSync(blobPath(config.dataDir, key))).length;
  if (missing === 0) return;
  const archive = path.basename(filesArchiveFor(backupFile));
  console.warn(
    `注意：恢复的数据库登记了 ${storageKeys.length} 个附件文件，其中 ${missing} 个在 ${filesDir(config.dataDir)} 中找不到` +
      `（备份旁是否缺少 ${archive}？）。这些附件将无法下载；找到附件包后可再次执行恢复。`,
  );
}
