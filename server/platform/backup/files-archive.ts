import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

/**
 * The stored files (DATA_DIR/files, already encrypted) travel beside a database backup as an
 * uncompressed tar, `zhumeng-….files.tar`: just enough ustar to write and read back our own
 * entries `files/<2 hex>/<storage key>`, streaming, one file at a time.
 */

const BLOCK = 512;
const ENTRY = /^files\/[0-9a-f]{2}\/[0-9a-f]{32}$/;

/** `zhumeng-….tar.gz` / `.dump` → `zhumeng-….files.tar`. */
export function filesArchiveFor(backupFile: string): string {
  return backupFile.replace(/(\.tar\.gz|\.tgz|\.dump)?$/, '.files.tar');
}

function header(name: string, size: number, mtime: Date): Buffer {
  const h = Buffer.alloc(BLOCK);
  const put = (value: string, at: number, length: number) => h.write(value.slice(0, length), at, 'latin1');
  const octal = (n: number, length: number) => n.toString(8).padStart(length - 1, '0') + '\0';
  put(name, 0, 100);
  put(octal(0o600, 8), 100, 8);
  put(octal(0, 8), 108, 8);
  put(octal(0, 8), 116, 8);
  put(octal(size, 12), 124, 12);
  put(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 12);
  put('        ', 148, 8);
  put('0', 156, 1);
  put('ustar\u000000', 257, 8);
  let sum = 0;
  for (const byte of h) sum += byte;
  put(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8);
  return h;
}

function storedBlobs(filesDir: string): string[] {
  if (!fs.existsSync(filesDir)) return [];
  return fs
    .readdirSync(filesDir, { recursive: true, encoding: 'utf8' })
    .map((rel) => `files/${rel.split(path.sep).join('/')}`)
    .filter((name) => ENTRY.test(name))
    .sort();
}

/** Writes every stored blob into `target` (via a .partial file); returns how many. */
export async function writeFilesArchive(filesDir: string, target: string): Promise<number> {
  const names = storedBlobs(filesDir);
  const partial = `${target}.partial`;
  const out = fs.createWriteStream(partial, { mode: 0o600 });
  const write = (chunk: Buffer) =>
    new Promise<void>((resolve, reject) => out.write(chunk, (err) => (err ? reject(err) : resolve())));
  try {
    for (const name of names) {
      const file = path.join(filesDir, ...name.split('/').slice(1));
      const stat = fs.statSync(file);
      await write(header(name, stat.size, stat.mtime));
      await pipeline(fs.createReadStream(file), out, { end: false });
      const pad = (BLOCK - (stat.size % BLOCK)) % BLOCK;
      if (pad) await write(Buffer.alloc(pad));
    }
    await write(Buffer.alloc(BLOCK * 2));
    await new Promise<void>((resolve, reject) =>
      out.end((err?: Error | null) => (err ? reject(err) : resolve())),
    );
    fs.renameSync(partial, target);
  } catch (err) {
    out.destroy();
    fs.rmSync(partial, { force: true });
    throw err;
  }
  return names.length;
}

const damaged = (why: string) => new Error(`附件包 ${why}，无法恢复附件（数据库未改动）`);

/** Extracts an archive written by writeFilesArchive into `targetDir` (a fresh directory); returns how many. */
export async function extractFilesArchive(archive: string, targetDir: string): Promise<number> {
  const total = fs.statSync(archive).size;
  const handle = await fs.promises.open(archive, 'r');
  let count = 0;
  try {
    fs.mkdirSync(targetDir, { recursive: true, mode: 0o700 });
    let offset = 0;
    for (;;) {
      if (offset + BLOCK > total) throw damaged('不完整');
      const h = Buffer.alloc(BLOCK);
      await handle.read(h, 0, BLOCK, offset);
      if (h.every((b) => b === 0)) return count;
      const field = (start: number, end: number) => h.subarray(start, end).toString('latin1').split('\0')[0];
      const stored = parseInt(field(148, 156).trim(), 8);
      let sum = 0;
      for (let i = 0; i < BLOCK; i += 1) sum += i >= 148 && i < 156 ? 0x20 : h[i];
      if (sum !== stored) throw damaged('已损坏');
      const name = field(0, 100);
      const size = parseInt(field(124, 136).trim() || '0', 8);
      if (!ENTRY.test(name) || Number.isNaN(size)) throw damaged(`含有不认识的条目 ${name.slice(0, 60)}`);
      const start = offset + BLOCK;
      if (start + size > total) throw damaged('不完整');
      const target = path.join(targetDir, ...name.split('/').slice(1));
      fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
      const out = fs.createWriteStream(target, { mode: 0o600 });
      if (size > 0) await pipeline(fs.createReadStream(archive, { start, end: start + size - 1 }), out);
      else out.end();
      count += 1;
      offset = start + Math.ceil(size / BLOCK) * BLOCK;
    }
  } finally {
    await handle.close();
  }
}
