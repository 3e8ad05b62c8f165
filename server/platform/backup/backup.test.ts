import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { loadConfig } from '../../config';
import { openDatabase, queryRows, type Db } from '../../db/client';
import { backupDatabase, backupStamp, keysFileFor, restoreDatabase } from './backup';

const tmpDirs: string[] = [];
function tmpDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zm-backup-'));
  tmpDirs.push(dir);
  return dir;
}

// The key-custody notices are for operators at a terminal, not for the test output.
beforeAll(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

afterAll(() => {
  for (const dir of tmpDirs) fs.rmSync(dir, { recursive: true, force: true });
});

async function insertUnit(db: Db, code: string, name: string) {
  await db.execute(sql`insert into units (code, name, org_name, level, path, name_pinyin, name_initials)
    values (${code}, ${name}, ${'共青团' + name + '委员会'}, 'province', '/0/', 'x', 'x')`);
}

async function unitNames(db: Db): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(db, sql`select name from units order by code`);
  return rows.map((r) => r.name);
}

describe('backup stamp', () => {
  it('is Beijing wall-clock time', () => {
    expect(backupStamp(new Date('2026-03-01T16:30:05Z'))).toBe('20260302-003005');
  });
});

describe('embedded backup and restore', () => {
  it('backs up a data directory and restores it into a new one, keys beside it', async () => {
    const source = tmpDir();
    const db = await openDatabase({ dataDir: source });
    await db.migrate();
    await insertUnit(db.db, '990000', '备份测试省');
    await db.close();
    const keys = JSON.stringify({ data: 'a'.repeat(64), index: 'b'.repeat(64) });
    fs.writeFileSync(path.join(source, 'keys.json'), keys, { mode: 0o600 });

    const file = await backupDatabase(loadConfig({ DATA_DIR: source }));
    expect(path.dirname(file)).toBe(path.join(source, 'backups'));
    expect(path.basename(file)).toMatch(/^zhumeng-\d{8}-\d{6}\.tar\.gz$/);
    expect(fs.readFileSync(file).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(fs.statSync(file).mode & 0o077).toBe(0);
    expect(fs.readFileSync(keysFileFor(file), 'utf8')).toBe(keys);
    expect(fs.statSync(keysFileFor(file)).mode & 0o077).toBe(0);

    const target = tmpDir();
    const targetConfig = loadConfig({ DATA_DIR: target });
    await restoreDatabase(targetConfig, file);
    expect(fs.readFileSync(path.join(target, 'keys.json'), 'utf8')).toBe(keys);
    const restored = await openDatabase({ dataDir: target });
    expect(await unitNames(restored.db)).toEqual(['备份测试省']);
    // The restored database is writable and its migrations are recorded: a later migrate is a no-op.
    await restored.migrate();
    await insertUnit(restored.db, '990100', '恢复后新增');
    await restored.close();
    expect(fs.existsSync(path.join(target, 'zhumeng.lock'))).toBe(false);

    await expect(restoreDatabase(targetConfig, file, { force: false })).rejects.toThrow(/--force/);
    await restoreDatabase(targetConfig, file, { force: true });
    const again = await openDatabase({ dataDir: target });
    expect(await unitNames(again.db)).toEqual(['备份测试省']);
    await again.close();
    const aside = fs.readdirSync(target).filter((f) => f.startsWith('pgdata.before-restore-'));
    expect(aside).toHaveLength(1);
  });

  it('writes to a given path, and refuses while the server holds the data directory', async () => {
    const dir = tmpDir();
    const db = await openDatabase({ dataDir: dir });
    await db.migrate();
    await insertUnit(db.db, '990000', '指定路径');
    await db.close();
    const file = path.join(tmpDir(), 'nested', 'manual.tar.gz');
    expect(await backupDatabase(loadConfig({ DATA_DIR: dir }), file)).toBe(file);
    expect(fs.statSync(file).size).toBeGreaterThan(1000);

    // Another live process (our parent) holds the lock, as a running server would.
    fs.writeFileSync(path.join(dir, 'zhumeng.lock'), String(process.ppid));
    await expect(backupDatabase(loadConfig({ DATA_DIR: dir }))).rejects.toThrow(/请先停止服务/);
    await expect(restoreDatabase(loadConfig({ DATA_DIR: dir }), file, { force: true })).rejects.toThrow(
      /请先停止筑梦服务/,
    );
    fs.rmSync(path.join(dir, 'zhumeng.lock'));
  });

  it('refuses a missing file, an empty data directory and a broken archive, keeping the old data', async () => {
    const empty = tmpDir();
    await expect(backupDatabase(loadConfig({ DATA_DIR: empty }))).rejects.toThrow(/没有数据库/);
    await expect(
      restoreDatabase(loadConfig({ DATA_DIR: empty }), path.join(empty, 'nope.tar.gz')),
    ).rejects.toThrow(/备份文件不存在/);

    const dir = tmpDir();
    const db = await openDatabase({ dataDir: dir });
    await db.migrate();
    await insertUnit(db.db, '990000', '原有数据');
    await db.close();
    const broken = path.join(tmpDir(), 'broken.tar.gz');
    fs.writeFileSync(broken, crypto.randomBytes(2048));
    await expect(restoreDatabase(loadConfig({ DATA_DIR: dir }), broken, { force: true })).rejects.toThrow(
      /不是内置数据库的备份文件/,
    );
    const truncated = path.join(tmpDir(), 'truncated.tar.gz');
    const good = await backupDatabase(loadConfig({ DATA_DIR: dir }));
    fs.writeFileSync(truncated, fs.readFileSync(good).subarray(0, 4096));
    await expect(restoreDatabase(loadConfig({ DATA_DIR: dir }), truncated, { force: true })).rejects.toThrow(
      /已损坏/,
    );
    const notDatabase = path.join(tmpDir(), 'other.tar.gz');
    fs.writeFileSync(notDatabase, zlib.gzipSync(Buffer.alloc(1024)));
    await expect(
      restoreDatabase(loadConfig({ DATA_DIR: dir }), notDatabase, { force: true }),
    ).rejects.toThrow(/PG_VERSION/);
    // A well-formed backup of a database without the unit tree fails verification and is rolled back.
    const bare = tmpDir();
    const bareDb = await openDatabase({ dataDir: bare });
    await bareDb.migrate();
    await bareDb.close();
    const bareFile = await backupDatabase(loadConfig({ DATA_DIR: bare }));
    await expect(restoreDatabase(loadConfig({ DATA_DIR: dir }), bareFile, { force: true })).rejects.toThrow(
      /恢复失败，原数据未改动：.*没有团组织数据/,
    );
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('pgdata.failed-restore-'))).toHaveLength(1);
    const kept = await openDatabase({ dataDir: dir });
    expect(await unitNames(kept.db)).toEqual(['原有数据']);
    await kept.close();
  });
});

const base = process.env.TEST_DATABASE_URL;

describe.skipIf(!base)('PostgreSQL backup and restore (pg_dump / pg_restore)', () => {
  const created: string[] = [];
  const admin = async (query: string) => {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    await c.query(query);
    await c.end();
  };
  const newDatabase = async () => {
    const name = `zm_bk_${crypto.randomBytes(5).toString('hex')}`;
    await admin(`create database ${name}`);
    created.push(name);
    const url = new URL(base!);
    url.pathname = `/${name}`;
    return url.toString();
  };
  afterAll(async () => {
    for (const name of created) await admin(`drop database if exists ${name} with (force)`);
  });

  it('dumps one database and restores it into another', async () => {
    const sourceUrl = await newDatabase();
    const source = await openDatabase({ databaseUrl: sourceUrl });
    await source.migrate();
    await insertUnit(source.db, '990000', '服务器备份');
    await source.close();
    const dir = tmpDir();
    const file = await backupDatabase(loadConfig({ DATA_DIR: dir, DATABASE_URL: sourceUrl }));
    expect(file).toMatch(/\.dump$/);

    const targetUrl = await newDatabase();
    const config = loadConfig({ DATA_DIR: dir, DATABASE_URL: targetUrl });
    await restoreDatabase(config, file);
    await expect(restoreDatabase(config, file, { force: false })).rejects.toThrow(/--force/);
    await restoreDatabase(config, file, { force: true });
    const target = await openDatabase({ databaseUrl: targetUrl });
    expect(await unitNames(target.db)).toEqual(['服务器备份']);
    await target.close();
  });
});
