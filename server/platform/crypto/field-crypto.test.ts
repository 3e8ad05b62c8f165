import { describe, expect, it } from 'vitest';
import { blindIndex, decryptField, encryptField, needsReencryption } from './field-crypto';
import { ephemeralKeys, keyId, type Keys } from './keys';

/** The same keys after a rotation: a new data key, the old one kept for decryption. */
function rotated(old: Keys): Keys {
  const next = ephemeralKeys();
  return { ...next, index: old.index, previous: new Map([[old.dataKeyId, old.data]]) };
}

describe('field encryption', () => {
  const keys = ephemeralKeys();

  it('round-trips text, including Chinese and the empty string', () => {
    for (const value of ['110101199003071234', '13800138000', '南昌市东湖区', '']) {
      expect(decryptField(keys, encryptField(keys, value))).toBe(value);
    }
  });

  it('uses a fresh IV: the same value encrypts differently each time and shows no plaintext', () => {
    const a = encryptField(keys, '110101199003071234');
    const b = encryptField(keys, '110101199003071234');
    expect(a).not.toBe(b);
    expect(a).not.toContain('1101011990');
    expect(a.startsWith(`sm4:${keys.dataKeyId}:`)).toBe(true);
  });

  it('never repeats an IV across pool refills, and every value still decrypts', () => {
    const values = Array.from({ length: 1_000 }, (_, i) => `1380013${String(i).padStart(4, '0')}`);
    const stored = values.map((v) => encryptField(keys, v));
    expect(new Set(stored.map((s) => s.split(':')[2])).size).toBe(values.length);
    expect(stored.map((s) => decryptField(keys, s))).toEqual(values);
  });

  it('refuses a tampered ciphertext, IV, tag or key id', () => {
    const stored = encryptField(keys, '13800138000');
    const parts = stored.split(':');
    const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    for (const i of [2, 3, 4]) {
      const tampered = parts.map((p, j) => (j === i ? flip(p) : p)).join(':');
      expect(() => decryptField(keys, tampered)).toThrow();
    }
    expect(() => decryptField(keys, stored.replace(keys.dataKeyId, '00000000'))).toThrow(/缺少密钥/);
    expect(() => decryptField(keys, 'plain-text')).toThrow(/格式无效/);
  });

  it('refuses a value forged under another key that claims our key id', () => {
    const impostor = { ...ephemeralKeys(), dataKeyId: keys.dataKeyId };
    const forged = encryptField(impostor, '13800138000');
    expect(() => decryptField(keys, forged)).toThrow(/篡改/);
  });

  it('decrypts values written under a previous key after rotation, and flags them for re-encryption', () => {
    const before = encryptField(keys, '110101199003071234');
    const after = rotated(keys);
    expect(after.dataKeyId).not.toBe(keys.dataKeyId);
    expect(decryptField(after, before)).toBe('110101199003071234');
    expect(needsReencryption(after, before)).toBe(true);
    const fresh = encryptField(after, '110101199003071234');
    expect(needsReencryption(after, fresh)).toBe(false);
    expect(fresh.split(':')[1]).toBe(keyId(after.data));
  });

  it('cannot decrypt after the previous key is dropped', () => {
    const before = encryptField(keys, 'x');
    const after = { ...rotated(keys), previous: new Map() };
    expect(() => decryptField(after, before)).toThrow(/ZHUMENG_DATA_KEY_PREVIOUS/);
  });
});

describe('blind index', () => {
  it('is deterministic for one key and value', () => {
    const keys = ephemeralKeys();
    expect(blindIndex(keys, 'id', '110101199003071234')).toBe(blindIndex(keys, 'id', '110101199003071234'));
  });

  it('differs by value, by kind and by key, and does not reveal the value', () => {
    const keys = ephemeralKeys();
    const token = blindIndex(keys, 'phone', '13800138000');
    expect(blindIndex(keys, 'phone', '13800138001')).not.toBe(token);
    expect(blindIndex(keys, 'id', '13800138000')).not.toBe(token);
    expect(blindIndex(ephemeralKeys(), 'phone', '13800138000')).not.toBe(token);
    expect(token).not.toContain('13800138000');
  });

  it('survives a data-key rotation, because it uses the separate index key', () => {
    const keys = ephemeralKeys();
    expect(blindIndex(rotated(keys), 'phone', '13800138000')).toBe(blindIndex(keys, 'phone', '13800138000'));
  });
});
