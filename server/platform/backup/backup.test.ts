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
import { loadKeys } from '../crypto/keys';
import {
  blobPath,
  filesDir,
  insertFileRow,
  readFileBuffer,
  writeBlob,
  type StoredBlob,
} from '../files/file-store';
import { SAMPLE_FILES } from '../files/test-files';
import { backupDatabase, backupStamp, keysFileFor, restoreDatabase } from './backup';
import { filesArchiveFor } from './files-archive';

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

const KEYS_JSON = JSON.stringify({ data: 'a'.repeat(64), index: 'b'.repeat(64) });
const keysIn = (dataDir: string) => loadKeys({ dataDir }, { allowGenerate: false });

/** A stored (encrypted) file with its `files` row, as the file store writes them. */
async function storeSample(db: Db, dataDir: string, bytes: Buffer): Promise<StoredBlob> {
  const upload = path.join(dataDir, `upload-${crypto.randomUUID()}`);
  fs.writeFileSync(upload, bytes);
  const blob = await writeBlob(
    { keys: keysIn(dataDir), config: { dataDir } },
    { path: upload, filename: '证书.pdf', mime: 'application/pdf', size: bytes.length, sha256: '' },
  );
  fs.rmSync(upload);
  const [unit] = await queryRows<{ id: number }>(db, sql`select id from units order by id limit 1`);
  await insertFileRow(db, blob, { unitId: unit.id, createdBy: null });
  return blob;
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
  it('backs up a data directory and restores it into a new one, keys and stored files beside it', async () => {
    const source = tmpDir();
    const keys = KEYS_JSON;
    fs.writeFileSync(path.join(source, 'keys.json'), keys, { mode: 0o600 });
    const db = await openDatabase({ dataDir: source });
    await db.migrate();
    await insertUnit(db.db, '990000', '备份测试省');
    const pdf = Buffer.concat([SAMPLE_FILES.pdf, crypto.randomBytes(200_000)]);
    const stored = await storeSample(db.db, source, pdf);
    await db.close();

    const file = await backupDatabase(loadConfig({ DATA_DIR: source }));
    expect(path.dirname(file)).toBe(path.join(source, 'backups'));
    expect(path.basename(file)).toMatch(/^zhumeng-\d{8}-\d{6}\.tar\.gz$/);
    expect(fs.readFileSync(file).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(fs.statSync(file).mode & 0o077).toBe(0);
    expect(fs.readFileSync(keysFileFor(file), 'utf8')).toBe(keys);
    expect(fs.statSync(keysFileFor(file)).mode & 0o077).toBe(0);
    expect(fs.statSync(filesArchiveFor(file)).mode & 0o077).toBe(0);

    const target = tmpDir();
    const targetConfig = loadConfig({ DATA_DIR: target });
    await restoreDatabase(targetConfig, file);
    expect(fs.readFileSync(path.join(target, 'keys.json'), 'utf8')).toBe(keys);
    // The stored file is back, byte for byte encrypted as it was, and decrypts with the restored keys.
    expect(fs.readFileSync(blobPath(target, stored.storageKey))).toEqual(
      fs.readFileSync(blobPath(source, stored.storageKey)),
    );
    const deps = { keys: keysIn(target), config: { dataDir: target } };
    expect((await readFileBuffer(deps, stored)).equals(pdf)).toBe(true);
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
    expect(fs.readdirSync(target).filter((f) => f.startsWith('files.before-restore-'))).toHaveLength(1);
    expect((await readFileBuffer(deps, stored)).equals(pdf)).toBe(true);

    // Without its files archive, the database still comes back, with a warning naming what is missing.
    const warn = vi.mocked(console.warn);
    warn.mockClear();
    const alone = path.join(tmpDir(), 'alone.tar.gz');
    fs.copyFileSync(file, alone);
    const bare = tmpDir();
    await restoreDatabase(loadConfig({ DATA_DIR: bare }), alone);
    expect(warn.mock.calls.flat().join('\n')).toMatch(
      /其中 1 个在 .* 中找不到（备份旁是否缺少 alone\.files\.tar？）/,
    );
    // A damaged files archive is refused before the database is touched.
    fs.copyFileSync(file, alone);
    fs.writeFileSync(filesArchiveFor(alone), fs.readFileSync(filesArchiveFor(file)).subarray(0, 700));
    await expect(restoreDatabase(loadConfig({ DATA_DIR: tmpDir() }), alone)).rejects.toThrow(/附件包/);
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
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'keys.json'), KEYS_JSON, { mode: 0o600 });
    const stored = await storeSample(source.db, dir, SAMPLE_FILES.pdf);
    await source.close();
    const file = await backupDatabase(loadConfig({ DATA_DIR: dir, DATABASE_URL: sourceUrl }));
    expect(file).toMatch(/\.dump$/);
    expect(fs.existsSync(filesArchiveFor(file))).toBe(true);
    // Another server's data directory: the files come back into it with the database.
    const other = tmpDir();
    fs.copyFileSync(file, path.join(other, path.basename(file)));
    fs.copyFileSync(filesArchiveFor(file), filesArchiveFor(path.join(other, path.basename(file))));

    const targetUrl = await newDatabase();
    const config = loadConfig({ DATA_DIR: dir, DATABASE_URL: targetUrl });
    await restoreDatabase(config, file);
    await expect(restoreDatabase(config, file, { force: false })).rejects.toThrow(/--force/);
    await restoreDatabase(config, file, { force: true });
    const target = await openDatabase({ databaseUrl: targetUrl });
    expect(await unitNames(target.db)).toEqual(['服务器备份']);
    await target.close();

    const elsewhere = tmpDir();
    fs.writeFileSync(path.join(elsewhere, 'keys.json'), KEYS_JSON, { mode: 0o600 });
    await restoreDatabase(
      loadConfig({ DATA_DIR: elsewhere, DATABASE_URL: targetUrl }),
      path.join(other, path.basename(file)),
      {
        force: true,
      },
    );
    expect(fs.existsSync(filesDir(elsewhere))).toBe(true);
    const deps = { keys: keysIn(elsewhere), config: { dataDir: elsewhere } };
    expect((await readFileBuffer(deps, stored)).equals(SAMPLE_FILES.pdf)).toBe(true);
  });
});
