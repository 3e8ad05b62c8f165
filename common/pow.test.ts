import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { leadingZeroBits, solveChallenge } from './pow';

describe('proof-of-work solver', () => {
  it('counts leading zero bits across bytes', () => {
    expect(leadingZeroBits(Uint8Array.from([0x80]))).toBe(0);
    expect(leadingZeroBits(Uint8Array.from([0x01, 0xff]))).toBe(7);
    expect(leadingZeroBits(Uint8Array.from([0x00, 0x10]))).toBe(11);
    expect(leadingZeroBits(Uint8Array.from([0x00, 0x00]))).toBe(16);
  });

  it('finds a nonce the server accepts, at several difficulties and batch sizes', async () => {
    for (const [difficulty, batch] of [
      [0, 1],
      [4, 7],
      [12, 256],
    ]) {
      const challenge = `1.${difficulty}.test.${crypto.randomBytes(8).toString('hex')}`;
      const nonce = await solveChallenge(challenge, difficulty, { batch });
      const digest = crypto
        .createHash('sha256')
        .update(challenge + nonce)
        .digest();
      expect(leadingZeroBits(digest), `${difficulty}`).toBeGreaterThanOrEqual(difficulty);
      expect(nonce).toMatch(/^[0-9a-z]{1,40}$/);
    }
  });

  it('gives the same nonce with the in-script hash a plain-http page uses', async () => {
    const challenge = `1.10.test.${crypto.randomBytes(8).toString('hex')}`;
    const script = await solveChallenge(challenge, 10, { script: true });
    expect(script).toBe(await solveChallenge(challenge, 10));
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(solveChallenge('x', 30, { signal: controller.signal })).rejects.toThrow();
  });
});
