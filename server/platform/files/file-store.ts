import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { files } from '../../db/schema';
import type { Keys } from '../crypto/keys';
import { AppError } from '../http/errors';
import type { UploadedFile } from '../http/upload';
import { cleanFileName } from './file-name';
import { detectFileType, type FileTypeSet } from './file-types';

/**
 * The platform file store. A blob on disk is
 *
 *   "ZMF1" · key id (8 ASCII) · IV (16) · SM4-CTR ciphertext · HMAC-SM3 tag (32)
 *
 * under DATA_DIR/files/<2 hex>/<storage key>. The tag covers the header, the storage key and the
 * ciphertext (encrypt-then-MAC), so a damaged blob, or one copied over another's name, is refused
 * before a byte is decrypted; the plaintext's SHA-256 is checked again against the `files` row.
 * Keys are the data key's halves, as for fields: SM4 key (16) + HMAC key (16).
 */

export type FileRow = typeof files.$inferSelect;
export type StoreDeps = { db: Db; keys: Keys; config: { dataDir: string } };

const MAGIC = Buffer.from('ZMF1', 'latin1');
const KID_BYTES = 8;
const IV_BYTES = 16;
const HEADER_BYTES = MAGIC.length + KID_BYTES + IV_BYTES;
const TAG_BYTES = 32;

export const filesDir = (dataDir: string) => path.join(dataDir, 'files');

export function blobPath(dataDir: string, storageKey: string): string {
  if (!/^[0-9a-f]{32}$/.test(storageKey)) throw new Error('无效的文件存储键');
  return path.join(filesDir(dataDir), storageKey.slice(0, 2), storageKey);
}

function macFor(key: Buffer, header: Buffer, storageKey: string) {
  const storageKeyBytes = Buffer.from(storageKey, 'latin1');
  const length = Buffer.alloc(2);
  length.writeUInt16BE(storageKeyBytes.length);
  return crypto.createHmac('sm3', key.subarray(16)).update(header).update(length).update(storageKeyBytes);
}

const unreadable = (why: string) =>
  new AppError(500, 'file_unreadable', `文件无法读取：${why}。请联系系统管理员从备份中恢复`);

/** What writeBlob produced: the blob is on disk, the `files` row is not written yet. */
export type StoredBlob = { storageKey: string; name: string; mime: string; size: number; sha256: string };

/**
 * Cleans the name (cleanFileName), checks the received file's type by it and the content (415 when
 * not allowed), then encrypts it, streaming, into the
 * store. The size and SHA-256 are those of the bytes actually encrypted.
 */
export async function writeBlob(
  deps: Omit<StoreDeps, 'db'>,
  upload: UploadedFile,
  accepted?: FileTypeSet,
): Promise<StoredBlob> {
  const name = cleanFileName(upload.filename);
  const type = await detectFileType(upload.path, name, upload.size, accepted);
  const storageKey = crypto.randomBytes(16).toString('hex');
  const target = blobPath(deps.config.dataDir, storageKey);
  await fs.promises.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
  const iv = crypto.randomBytes(IV_BYTES);
  const header = Buffer.concat([MAGIC, Buffer.from(deps.keys.dataKeyId, 'latin1'), iv]);
  if (header.length !== HEADER_BYTES) throw new Error('密钥编号长度异常');
  const cipher = crypto.createCipheriv('sm4-ctr', deps.keys.data.subarray(0, 16), iv);
  const mac = macFor(deps.keys.data, header, storageKey);
  const hash = crypto.createHash('sha256');
  let size = 0;
  const partial = `${target}.partial`;
  const out = fs.createWriteStream(partial, { mode: 0o600 });
  try {
    out.write(header);
    await pipeline(
      fs.createReadStream(upload.path),
      new Transform({
        transform(chunk: Buffer, _enc, done) {
          size += chunk.length;
          hash.update(chunk);
          const ct = cipher.update(chunk);
          mac.update(ct);
          done(null, ct);
        },
        flush(done) {
          const last = cipher.final();
          mac.update(last);
          this.push(last);
          this.push(mac.digest());
          done();
        },
      }),
      out,
    );
    await fs.promises.rename(partial, target);
  } catch (err) {
    await fs.promises.rm(partial, { force: true });
    throw err;
  }
  return { storageKey, name, mime: type.mime, size, sha256: hash.digest('hex') };
}

/** Removes a blob whose `files` row was never committed (the caller's transaction failed). */
export async function discardBlob(dataDir: string, storageKey: string): Promise<void> {
  await fs.promises.rm(blobPath(dataDir, storageKey), { force: true });
}

export async function insertFileRow(
  db: Db,
  blob: StoredBlob,
  owner: { unitId: number; createdBy: number | null },
): Promise<FileRow> {
  const [row] = await db
    .insert(files)
    .values({ ...blob, unitId: owner.unitId, createdBy: owner.createdBy })
    .returning();
  return row;
}

/**
 * The one call for modules: checks and encrypts the upload, then runs `link` in a transaction that
 * first inserts the `files` row, so the module's own row (an attachment …) commits with it. When
 * anything fails the blob is removed again. `accepted`: documents and images unless the module takes more.
 */
export async function storeFile<T>(
  deps: StoreDeps,
  upload: UploadedFile,
  owner: (tx: Db) => Promise<{ unitId: number; createdBy: number | null }>,
  link: (tx: Db, file: FileRow) => Promise<T>,
  accepted?: FileTypeSet,
): Promise<T> {
  const blob = await writeBlob(deps, upload, accepted);
  try {
    return await deps.db.transaction(async (tx) => link(tx, await insertFileRow(tx, blob, await owner(tx))));
  } catch (err) {
    await discardBlob(deps.config.dataDir, blob.storageKey);
    throw err;
  }
}

export async function findFileRow(db: Db, id: number): Promise<FileRow | undefined> {
  const [row] = await db.select().from(files).where(eq(files.id, id));
  return row;
}

/** The data key a blob was written under (its header), without verifying it. */
export async function blobKeyId(dataDir: string, storageKey: string): Promise<string | null> {
  const handle = await fs.promises.open(blobPath(dataDir, storageKey), 'r').catch(() => null);
  if (!handle) return null;
  try {
    const header = Buffer.alloc(HEADER_BYTES);
    const { bytesRead } = await handle.read(header, 0, HEADER_BYTES, 0);
    if (bytesRead < HEADER_BYTES || !header.subarray(0, MAGIC.length).equals(MAGIC)) return null;
    return header.subarray(MAGIC.length, MAGIC.length + KID_BYTES).toString('latin1');
  } finally {
    await handle.close();
  }
}

type OpenedBlob = { file: string; key: Buffer; iv: Buffer; ctStart: number; ctEnd: number };

/** Reads the header and verifies the tag over the whole blob (one streaming pass, nothing kept). */
async function verifyBlob(
  deps: Omit<StoreDeps, 'db'>,
  row: Pick<FileRow, 'storageKey'>,
): Promise<OpenedBlob> {
  const file = blobPath(deps.config.dataDir, row.storageKey);
  const stat = await fs.promises.stat(file).catch(() => null);
  if (!stat) throw unreadable('存储的文件不存在');
  if (stat.size < HEADER_BYTES + TAG_BYTES) throw unreadable('存储的文件不完整');
  const handle = await fs.promises.open(file, 'r');
  const header = Buffer.alloc(HEADER_BYTES);
  const tag = Buffer.alloc(TAG_BYTES);
  try {
    await handle.read(header, 0, HEADER_BYTES, 0);
    await handle.read(tag, 0, TAG_BYTES, stat.size - TAG_BYTES);
  } finally {
    await handle.close();
  }
  if (!header.subarray(0, MAGIC.length).equals(MAGIC)) throw unreadable('存储格式无法识别');
  const kid = header.subarray(MAGIC.length, MAGIC.length + KID_BYTES).toString('latin1');
  const key = kid === deps.keys.dataKeyId ? deps.keys.data : deps.keys.previous.get(kid);
  if (!key) throw unreadable(`缺少密钥 ${kid}（请在 ZHUMENG_DATA_KEY_PREVIOUS 中提供旧密钥）`);
  const ctStart = HEADER_BYTES;
  const ctEnd = stat.size - TAG_BYTES;
  const mac = macFor(key, header, row.storageKey);
  if (ctEnd > ctStart) {
    for await (const chunk of fs.createReadStream(file, { start: ctStart, end: ctEnd - 1 })) {
      mac.update(chunk as Buffer);
    }
  }
  if (!crypto.timingSafeEqual(mac.digest(), tag)) throw unreadable('校验失败，文件可能已损坏或被篡改');
  return { file, key, iv: header.subarray(MAGIC.length + KID_BYTES), ctStart, ctEnd };
}

/**
 * A stored file as a stream of its plaintext. The tag is verified before the stream is returned;
 * the SHA-256 of what is decrypted is checked against the row at the end (the stream errors if not).
 */
export async function openFileStream(
  deps: Omit<StoreDeps, 'db'>,
  row: Pick<FileRow, 'storageKey' | 'sha256' | 'size'>,
): Promise<Readable> {
  const blob = await verifyBlob(deps, row);
  const decipher = crypto.createDecipheriv('sm4-ctr', blob.key.subarray(0, 16), blob.iv);
  const hash = crypto.createHash('sha256');
  const check = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      done(null, chunk);
    },
    flush(done) {
      done(hash.digest('hex') === row.sha256 ? null : unreadable('内容与登记的校验值不符'));
    },
  });
  const source =
    blob.ctEnd > blob.ctStart
      ? fs.createReadStream(blob.file, { start: blob.ctStart, end: blob.ctEnd - 1 })
      : Readable.from([]);
  source.on('error', (err: Error) => check.destroy(err));
  decipher.on('error', (err: Error) => check.destroy(err));
  return source.pipe(decipher).pipe(check);
}

/** A stored file in memory: for small files and tests; downloads use openFileStream. */
export async function readFileBuffer(
  deps: Omit<StoreDeps, 'db'>,
  row: Pick<FileRow, 'storageKey' | 'sha256' | 'size'>,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await openFileStream(deps, row)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
