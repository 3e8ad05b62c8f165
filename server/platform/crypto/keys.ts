import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../../db/private-files';

/** Field-encryption keys. They live in the environment or in the data directory, never in the database. */
export type Keys = {
  /** Current data key: 32 bytes = SM4 key (16) + HMAC-SM3 tag key (16). */
  data: Buffer;
  dataKeyId: string;
  /** Earlier data keys still accepted for decryption while records are re-encrypted (rotation). */
  previous: Map<string, Buffer>;
  /** Blind-index key (HMAC-SM3). Rotating it means recomputing every index column. */
  index: Buffer;
};

export type KeySource = { dataKey?: string; indexKey?: string; previousDataKeys?: string; dataDir?: string };

export function keyId(key: Buffer): string {
  return crypto.createHash('sm3').update(key).digest('hex').slice(0, 8);
}

function parseKey(hex: string, name: string): Buffer {
  const key = Buffer.from(hex.trim(), 'hex');
  if (key.length !== 32) throw new Error(`${name} 须为 64 位十六进制（32 字节）`);
  return key;
}

/** Whoever can read keys.json can decrypt every ID number: it is never left readable by others. */
function makeKeysFilePrivate(file: string) {
  if ((fs.statSync(file).mode & 0o777) === PRIVATE_FILE_MODE) return;
  try {
    fs.chmodSync(file, PRIVATE_FILE_MODE);
  } catch {
    console.warn(`警告：密钥文件 ${file} 可被其他系统账号读取，且无法更改（请执行 chmod 600 ${file}）`);
  }
}

/**
 * Loads keys from the environment; in embedded mode, missing keys are generated once into
 * DATA_DIR/keys.json (mode 0600). With a PostgreSQL server every process must get the same keys
 * from the environment.
 */
export function loadKeys(src: KeySource, opts: { allowGenerate: boolean }): Keys {
  let dataHex = src.dataKey;
  let indexHex = src.indexKey;
  if ((!dataHex || !indexHex) && src.dataDir) {
    const file = path.join(src.dataDir, 'keys.json');
    if (fs.existsSync(file)) {
      makeKeysFilePrivate(file);
      const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as { data: string; index: string };
      dataHex ??= stored.data;
      indexHex ??= stored.index;
    } else if (opts.allowGenerate) {
      dataHex ??= crypto.randomBytes(32).toString('hex');
      indexHex ??= crypto.randomBytes(32).toString('hex');
      ensurePrivateDir(src.dataDir);
      fs.writeFileSync(file, JSON.stringify({ data: dataHex, index: indexHex }, null, 2), {
        mode: PRIVATE_FILE_MODE,
      });
    }
  }
  if (!dataHex || !indexHex) {
    throw new Error('缺少加密密钥：请设置 ZHUMENG_DATA_KEY 与 ZHUMENG_INDEX_KEY（各 64 位十六进制）');
  }
  const data = parseKey(dataHex, 'ZHUMENG_DATA_KEY');
  const previous = new Map<string, Buffer>();
  for (const hex of (src.previousDataKeys ?? '').split(',').filter(Boolean)) {
    const k = parseKey(hex, 'ZHUMENG_DATA_KEY_PREVIOUS');
    previous.set(keyId(k), k);
  }
  return { data, dataKeyId: keyId(data), previous, index: parseKey(indexHex, 'ZHUMENG_INDEX_KEY') };
}

/** Keys for tests: random, in memory. */
export function ephemeralKeys(): Keys {
  const data = crypto.randomBytes(32);
  return { data, dataKeyId: keyId(data), previous: new Map(), index: crypto.randomBytes(32) };
}
