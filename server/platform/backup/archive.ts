import zlib from 'node:zlib';

/** Walks tar headers (ustar, 512-byte blocks) looking for a file of the given base name. */
function tarContains(tar: Buffer, baseName: string): boolean {
  let offset = 0;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header[0] === 0) return false;
    const field = (start: number, end: number) => header.subarray(start, end).toString('utf8').split('\0')[0];
    const name = field(0, 100);
    if (name === baseName || name.endsWith(`/${baseName}`)) return true;
    const size = parseInt(field(124, 136).trim() || '0', 8);
    if (Number.isNaN(size)) return false;
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return false;
}

/**
 * Checks an embedded-database backup before PGlite sees it (PGlite rejects a corrupt archive
 * outside any promise we could catch) and returns it as an uncompressed tar.
 */
export function readDataDirArchive(archive: Buffer): Blob {
  if (archive[0] !== 0x1f || archive[1] !== 0x8b) {
    throw new Error('不是内置数据库的备份文件（应为 npm run backup 生成的 .tar.gz）');
  }
  let tar: Buffer;
  try {
    tar = zlib.gunzipSync(archive);
  } catch {
    throw new Error('备份文件已损坏，无法解压');
  }
  if (!tarContains(tar, 'PG_VERSION')) throw new Error('备份文件中没有数据库目录（缺少 PG_VERSION）');
  return new Blob([new Uint8Array(tar)], { type: 'application/x-tar' });
}
