import crypto from 'node:crypto';
import type { Keys } from './keys';

/**
 * Sensitive fields (ID numbers, phones, TOTP secrets) are stored as
 * `sm4:<keyId>:<iv>:<ciphertext>:<tag>` — SM4-CBC, then an HMAC-SM3 tag over key id, iv and
 * ciphertext (encrypt-then-MAC), so a tampered value is refused rather than decrypted to garbage.
 */
export function encryptField(keys: Keys, plaintext: string): string {
  const iv = nextIv();
  const cipher = crypto.createCipheriv('sm4-cbc', keys.data.subarray(0, 16), iv);
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = mac(keys.data, keys.dataKeyId, iv, ct);
  return ['sm4', keys.dataKeyId, iv.toString('base64url'), ct.toString('base64url'), tag].join(':');
}

export function decryptField(keys: Keys, stored: string): string {
  const [scheme, kid, ivB64, ctB64, tag] = stored.split(':');
  if (scheme !== 'sm4' || !kid || !ivB64 || !ctB64 || !tag) throw new Error('加密字段格式无效');
  const key = kid === keys.dataKeyId ? keys.data : keys.previous.get(kid);
  if (!key) throw new Error(`缺少密钥 ${kid}，无法解密（请在 ZHUMENG_DATA_KEY_PREVIOUS 中提供旧密钥）`);
  const iv = Buffer.from(ivB64, 'base64url');
  const ct = Buffer.from(ctB64, 'base64url');
  const expected = Buffer.from(mac(key, kid, iv, ct));
  if (expected.length !== tag.length || !crypto.timingSafeEqual(expected, Buffer.from(tag))) {
    throw new Error('加密字段校验失败：数据可能被篡改');
  }
  const decipher = crypto.createDecipheriv('sm4-cbc', key.subarray(0, 16), iv);
  return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
}

/** True when a stored value was written under an older key and should be re-encrypted. */
export function needsReencryption(keys: Keys, stored: string): boolean {
  return stored.split(':')[1] !== keys.dataKeyId;
}

/** Keyed blind index for exact lookups: the same normalised value always gives the same token. */
export function blindIndex(keys: Keys, kind: string, normalisedValue: string): string {
  return crypto.createHmac('sm3', keys.index).update(`${kind}\u0000${normalisedValue}`).digest('base64url');
}

/**
 * IVs are cut from a pool refilled by one randomFillSync call: a randomBytes call per field was a fifth of
 * an imported row's cost. Each IV is used (synchronously) before the pool can be refilled.
 */
const IV_POOL_SIZE = 16 * 256;
const ivPool = Buffer.alloc(IV_POOL_SIZE);
let ivOffset = IV_POOL_SIZE;

function nextIv(): Buffer {
  if (ivOffset === IV_POOL_SIZE) {
    crypto.randomFillSync(ivPool);
    ivOffset = 0;
  }
  ivOffset += 16;
  return ivPool.subarray(ivOffset - 16, ivOffset);
}

function mac(key: Buffer, kid: string, iv: Buffer, ct: Buffer): string {
  return crypto.createHmac('sm3', key.subarray(16)).update(kid).update(iv).update(ct).digest('base64url');
}
