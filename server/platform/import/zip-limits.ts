import { createInflateRaw } from 'node:zlib';
import { ImportError } from './errors';
import { readZipDirectory, storedBytes, type ZipEntry } from './xlsx-zip';

export type { ZipEntry } from './xlsx-zip';

export type ZipLimits = {
  /** Real inflated size of any one entry. */
  maxEntryBytes?: number;
  /** Real inflated size of all the entries counted, together. */
  maxTotalBytes?: number;
  /** Inflated ÷ compressed size of one entry, checked once the entry passes 1 MiB. */
  maxRatio?: number;
  /** Which entries to inflate and count (all by default); the others are not read. */
  entries?: (name: string) => boolean;
};

/**
 * Sized for the largest legitimate upload: a 100,000-row × 20-column roster inflates to about 150 MB of
 * sheet XML and 25 MB of shared strings, at 10–30× compression. A ZIP bomb runs at several hundred to
 * a thousand times.
 */
export const DEFAULT_ZIP_LIMITS = {
  maxEntryBytes: 256 * 1024 * 1024,
  maxTotalBytes: 384 * 1024 * 1024,
  maxRatio: 200,
} as const;

/** Entries this small are never judged by their ratio: a few kilobytes of repeated XML compress 200×. */
const RATIO_FLOOR = 1024 * 1024;

export const zipBomb = () =>
  new ImportError(
    '文件解压后过大，疑似压缩炸弹或超出一次上传的上限，已拒绝读取。请确认文件内容，必要时拆分为多个文件后分别上传',
    'import_too_large',
  );

/**
 * Counts what a set of entries really inflates to, shared by all the entries of one file: the directory's
 * sizes are only a first check, because a ZIP bomb declares small ones.
 */
export class InflateBudget {
  private total = 0;
  readonly maxEntryBytes: number;
  readonly maxTotalBytes: number;
  readonly maxRatio: number;

  constructor(limits: ZipLimits = {}) {
    this.maxEntryBytes = limits.maxEntryBytes ?? DEFAULT_ZIP_LIMITS.maxEntryBytes;
    this.maxTotalBytes = limits.maxTotalBytes ?? DEFAULT_ZIP_LIMITS.maxTotalBytes;
    this.maxRatio = limits.maxRatio ?? DEFAULT_ZIP_LIMITS.maxRatio;
  }

  /** The directory's own claims: refusing on them costs nothing. */
  checkDeclared(entry: ZipEntry, maxEntryBytes = this.maxEntryBytes) {
    if (entry.size > maxEntryBytes) throw zipBomb();
    if (entry.size > RATIO_FLOOR && entry.size > entry.compressedSize * this.maxRatio) throw zipBomb();
  }

  /**
   * The entry's inflated bytes, chunk by chunk, refused as soon as it passes a cap; `maxEntryBytes`
   * narrows the per-entry cap for one part (a styles part needs far less than a sheet).
   */
  async *inflate(
    filePath: string,
    entry: ZipEntry,
    maxEntryBytes = this.maxEntryBytes,
  ): AsyncGenerator<Buffer> {
    this.checkDeclared(entry, maxEntryBytes);
    if (entry.method !== 0 && entry.method !== 8) {
      throw new ImportError(
        '文件已损坏或不完整，无法读取。请在 Excel 或 WPS 中打开确认后重新保存再上传',
        'import_corrupt',
      );
    }
    const raw = await storedBytes(filePath, entry);
    let compressed = Infinity; // a stored entry is its own size
    const stream = entry.method === 0 ? raw : raw.pipe(createInflateRaw());
    if (entry.method === 8) {
      compressed = 0;
      raw.on('data', (chunk: Buffer) => {
        compressed += chunk.length;
      });
    }
    let inflated = 0;
    try {
      for await (const chunk of stream) {
        const buffer = chunk as Buffer;
        inflated += buffer.length;
        this.total += buffer.length;
        if (inflated > maxEntryBytes || this.total > this.maxTotalBytes) throw zipBomb();
        if (inflated > RATIO_FLOOR && inflated > compressed * this.maxRatio) throw zipBomb();
        yield buffer;
      }
    } finally {
      raw.destroy();
      stream.destroy();
    }
  }
}

/**
 * Inflates every selected entry once, counting the real bytes, and returns the directory when the file is
 * within the limits; otherwise throws a Chinese ImportError ('文件解压后过大，疑似压缩炸弹…'). Memory stays
 * at one chunk: nothing is kept.
 */
export async function assertZipWithinLimits(
  filePath: string,
  fileSize: number,
  limits: ZipLimits = {},
): Promise<Map<string, ZipEntry>> {
  const entries = await readZipDirectory(filePath, fileSize);
  const budget = new InflateBudget(limits);
  const selected = [...entries.values()].filter((entry) => !limits.entries || limits.entries(entry.name));
  for (const entry of selected) budget.checkDeclared(entry);
  for (const entry of selected) {
    for await (const chunk of budget.inflate(filePath, entry)) void chunk;
  }
  return entries;
}
