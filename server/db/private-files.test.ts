import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadKeys } from '../platform/crypto/keys';
import { openDatabase } from './client';

const tmpDirs: string[] = [];
function tmpDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zm-perm-'));
  tmpDirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of tmpDirs) fs.rmSync(dir, { recursive: true, force: true });
});

const mode = (file: string) => fs.lstatSync(file).mode & 0o777;

/** Every directory and file under `root` that someone other than the owner may read, write or enter. */
function notPrivate(root: string): string[] {
  const open = mode(root) & 0o077 ? [root] : [];
  for (const rel of fs.readdirSync(root, { recursive: true, encoding: 'utf8' })) {
    const file = path.join(root, rel);
    const stat = fs.lstatSync(file);
    if (stat.isSymbolicLink()) continue;
    const wanted = stat.isDirectory() ? 0o700 : 0o600;
    if ((stat.mode & 0o777) !== wanted) open.push(`${rel} ${(stat.mode & 0o777).toString(8)}`);
  }
  return open;
}

/** A data directory as a lax umask (or an old version) left it: everything world-writable. */
function worldWritableDataDir(): string {
  const dir = tmpDir();
  const write = (rel: string, body: string) => {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, body);
    fs.chmodSync(file, 0o666);
  };
  write('keys.json', JSON.stringify({ data: 'a'.repeat(64), index: 'b'.repeat(64) }));
  write('backups/zhumeng-20260101-000000.tar.gz', 'backup');
  write('backups/zhumeng-20260101-000000.keys.json', 'keys');
  write(`files/ab/ab${'0'.repeat(30)}`, 'blob');
  write('tmp/uploads/3f2a', 'upload');
  for (const sub of ['', 'backups', 'files', 'files/ab', 'tmp', 'tmp/uploads']) {
    fs.chmodSync(path.join(dir, sub), 0o777);
  }
  return dir;
}

describe('data directory permissions', () => {
  it('makes DATA_DIR 0700 and every file in it 0600 when the embedded database starts', async () => {
    const dir = worldWritableDataDir();
    const outside = path.join(tmpDir(), 'elsewhere.txt');
    fs.writeFileSync(outside, 'not ours');
    fs.chmodSync(outside, 0o644);
    fs.symlinkSync(outside, path.join(dir, 'link-to-elsewhere'));

    const first = await openDatabase({ dataDir: dir });
    await first.migrate();
    // While it runs: PGlite's own files (it writes them 0666) included.
    expect(notPrivate(dir)).toEqual([]);
    await first.close();
    expect(notPrivate(dir)).toEqual([]);
    expect(fs.readdirSync(path.join(dir, 'pgdata')).length).toBeGreaterThan(5);
    // A symbolic link is not followed: what it points to is not ours to change.
    expect(mode(outside)).toBe(0o644);

    // Loosened again after a run (a copy, an operator's chmod): the next start puts it right.
    fs.chmodSync(dir, 0o755);
    const table = fs
      .readdirSync(path.join(dir, 'pgdata/base'), { recursive: true, encoding: 'utf8' })
      .map((rel) => path.join(dir, 'pgdata/base', rel))
      .find((f) => fs.statSync(f).isFile())!;
    fs.chmodSync(table, 0o666);
    const second = await openDatabase({ dataDir: dir });
    expect(mode(dir)).toBe(0o700);
    expect(mode(table)).toBe(0o600);
    await second.close();
  });

  it('creates a new data directory private, lock file included', async () => {
    const dir = path.join(tmpDir(), 'fresh', 'data');
    const database = await openDatabase({ dataDir: dir });
    expect(mode(dir)).toBe(0o700);
    expect(mode(path.join(dir, 'zhumeng.lock'))).toBe(0o600);
    expect(notPrivate(dir)).toEqual([]);
    await database.close();
  });

  it('makes an existing keys.json 0600 when the keys are loaded, and generates it 0600', () => {
    const dir = tmpDir();
    const file = path.join(dir, 'keys.json');
    fs.writeFileSync(file, JSON.stringify({ data: 'a'.repeat(64), index: 'b'.repeat(64) }));
    fs.chmodSync(file, 0o644);
    loadKeys({ dataDir: dir }, { allowGenerate: false });
    expect(mode(file)).toBe(0o600);

    const fresh = path.join(tmpDir(), 'new');
    loadKeys({ dataDir: fresh }, { allowGenerate: true });
    expect(mode(fresh)).toBe(0o700);
    expect(mode(path.join(fresh, 'keys.json'))).toBe(0o600);
  });
});
