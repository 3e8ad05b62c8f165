import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { ImportError } from './errors';

// Just enough of the ZIP format (APPNOTE 6.3) to find an .xlsx's parts through the central directory
// at the end of the file and stream one of them, without unpacking the rest.

export type ZipEntry = {
  name: string;
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  size: number;
  localOffset: number;
};

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_CENTRAL_DIRECTORY = 64 * 1024 * 1024;
const U32 = 0xffffffff;

const damaged = () =>
  new ImportError(
    '文件已损坏或不完整，无法读取。请在 Excel 或 WPS 中打开确认后重新保存再上传',
    'import_corrupt',
  );

async function readAt(filePath: string, position: number, length: number): Promise<Buffer> {
  const handle = await open(filePath, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, position);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function num64(buffer: Buffer, offset: number): number {
  const value = buffer.readBigUInt64LE(offset);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw damaged();
  return Number(value);
}

async function locateCentralDirectory(filePath: string, fileSize: number) {
  const tailLength = Math.min(fileSize, 22 + 65535);
  const tail = await readAt(filePath, fileSize - tailLength, tailLength);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i -= 1) {
    if (tail.readUInt32LE(i) === EOCD) {
      at = i;
      break;
    }
  }
  if (at < 0) throw damaged();
  let size = tail.readUInt32LE(at + 12);
  let offset = tail.readUInt32LE(at + 16);
  if ((size === U32 || offset === U32) && at >= 20 && tail.readUInt32LE(at - 20) === ZIP64_LOCATOR) {
    const record = await readAt(filePath, num64(tail, at - 20 + 8), 56);
    if (record.length < 56 || record.readUInt32LE(0) !== ZIP64_EOCD) throw damaged();
    size = num64(record, 40);
    offset = num64(record, 48);
  }
  if (size > MAX_CENTRAL_DIRECTORY || offset + size > fileSize) throw damaged();
  return { size, offset };
}

function applyZip64Extra(entry: ZipEntry, extra: Buffer) {
  for (let i = 0; i + 4 <= extra.length;) {
    const id = extra.readUInt16LE(i);
    const length = extra.readUInt16LE(i + 2);
    if (id === 0x0001) {
      let p = i + 4;
      const next = () => {
        const value = num64(extra, p);
        p += 8;
        return value;
      };
      if (entry.size === U32) entry.size = next();
      if (entry.compressedSize === U32) entry.compressedSize = next();
      if (entry.localOffset === U32) entry.localOffset = next();
      return;
    }
    i += 4 + length;
  }
}

/** The entries of a ZIP file by name; throws a Chinese ImportError when there is no readable directory. */
export async function readZipDirectory(filePath: string, fileSize: number): Promise<Map<string, ZipEntry>> {
  const { size, offset } = await locateCentralDirectory(filePath, fileSize);
  const directory = await readAt(filePath, offset, size);
  const entries = new Map<string, ZipEntry>();
  let p = 0;
  try {
    while (p + 46 <= directory.length && directory.readUInt32LE(p) === CENTRAL) {
      const nameLength = directory.readUInt16LE(p + 28);
      const extraLength = directory.readUInt16LE(p + 30);
      const commentLength = directory.readUInt16LE(p + 32);
      const name = directory.toString('utf8', p + 46, p + 46 + nameLength);
      const entry: ZipEntry = {
        name,
        flags: directory.readUInt16LE(p + 8),
        method: directory.readUInt16LE(p + 10),
        crc32: directory.readUInt32LE(p + 16),
        compressedSize: directory.readUInt32LE(p + 20),
        size: directory.readUInt32LE(p + 24),
        localOffset: directory.readUInt32LE(p + 42),
      };
      const extraStart = p + 46 + nameLength;
      applyZip64Extra(entry, directory.subarray(extraStart, extraStart + extraLength));
      entries.set(name.replace(/^\//, ''), entry);
      p = extraStart + extraLength + commentLength;
    }
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw damaged();
  }
  return entries;
}

async function dataOffset(filePath: string, entry: ZipEntry): Promise<number> {
  const header = await readAt(filePath, entry.localOffset, 30);
  if (header.length < 30 || header.readUInt32LE(0) !== LOCAL) throw damaged();
  return entry.localOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
}

/** The entry's bytes as stored (compressed), for copying into another ZIP stream. */
export async function storedBytes(filePath: string, entry: ZipEntry): Promise<Readable> {
  if (entry.flags & 0x1) throw damaged(); // encrypted entries never occur in a sane .xlsx
  const start = await dataOffset(filePath, entry);
  if (entry.compressedSize === 0) return Readable.from([]);
  return createReadStream(filePath, { start, end: start + entry.compressedSize - 1 });
}

/** The entry's content, decompressed, as a stream of chunks. */
export async function entryStream(filePath: string, entry: ZipEntry): Promise<Readable> {
  const raw = await storedBytes(filePath, entry);
  if (entry.method === 0) return raw;
  if (entry.method !== 8) throw damaged();
  return raw.pipe(createInflateRaw());
}

/** A small entry (workbook.xml, its relationships) as text; refuses anything larger than `limit`. */
export async function entryText(
  filePath: string,
  entry: ZipEntry,
  limit = 16 * 1024 * 1024,
): Promise<string> {
  if (entry.size > limit) throw damaged();
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of await entryStream(filePath, entry)) {
    total += (chunk as Buffer).length;
    if (total > limit) throw damaged();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Whether the entry inflates to at most `limit` bytes, counted on the real data rather than trusted from
 * the directory (a ZIP bomb declares small sizes); stops as soon as the limit is passed.
 */
export async function fitsWithin(filePath: string, entry: ZipEntry, limit: number): Promise<boolean> {
  if (entry.size > limit) return false;
  const stream = await entryStream(filePath, entry);
  let total = 0;
  try {
    for await (const chunk of stream) {
      total += (chunk as Buffer).length;
      if (total > limit) return false;
    }
  } finally {
    stream.destroy();
  }
  return true;
}

/** One local file header with the sizes known up front (no data descriptor), as a streaming reader wants. */
export function localHeader(name: string, entry: ZipEntry): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  const header = Buffer.alloc(30);
  header.writeUInt32LE(LOCAL, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(0x0800, 6); // UTF-8 names, sizes in this header
  header.writeUInt16LE(entry.method, 8);
  header.writeUInt32LE(entry.crc32 >>> 0, 14);
  header.writeUInt32LE(entry.compressedSize, 18);
  header.writeUInt32LE(entry.size, 22);
  header.writeUInt16LE(nameBytes.length, 26);
  return Buffer.concat([header, nameBytes]);
}
