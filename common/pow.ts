/**
 * The public forms' proof of work (decision 0012): find a nonce such that SHA-256(challenge + nonce)
 * starts with `difficulty` zero bits. Small, for the public site's bundle; the server checks with the
 * same `leadingZeroBits`.
 */

export function leadingZeroBits(digest: Uint8Array): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

type BatchDigest = (inputs: Uint8Array[]) => Promise<Uint8Array[]>;

async function batchDigest(script: boolean): Promise<BatchDigest> {
  const subtle = script ? undefined : globalThis.crypto?.subtle;
  if (subtle) {
    return (inputs) =>
      Promise.all(inputs.map(async (d) => new Uint8Array(await subtle.digest('SHA-256', d as BufferSource))));
  }
  // crypto.subtle exists only in secure contexts: a page served over plain http (an intranet address)
  // hashes in script, yielding to the page between batches.
  const { sha256 } = await import('@noble/hashes/sha2.js');
  return async (inputs) => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    return inputs.map((d) => sha256(d));
  };
}

/**
 * Tries nonces `0, 1, 2…` (base 36) in batches; between batches the page stays responsive. Gives up
 * (throws) when `signal` aborts. `script` forces the in-script hash (tests; insecure contexts use it anyway).
 */
export async function solveChallenge(
  challenge: string,
  difficulty: number,
  options: { batch?: number; signal?: AbortSignal; script?: boolean } = {},
): Promise<string> {
  const batch = options.batch ?? 256;
  const encoder = new TextEncoder();
  const digest = await batchDigest(options.script === true);
  for (let start = 0; ; start += batch) {
    options.signal?.throwIfAborted();
    const nonces = Array.from({ length: batch }, (_, i) => (start + i).toString(36));
    const digests = await digest(nonces.map((n) => encoder.encode(challenge + n)));
    const found = digests.findIndex((d) => leadingZeroBits(d) >= difficulty);
    if (found >= 0) return nonces[found];
  }
}
