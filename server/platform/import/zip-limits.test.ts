import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportError } from './errors';
import { makeTempDir } from './fixtures/messy-files';
import { zipStored } from './fixtures/zip-writer';
import { assertZipWithinLimits } from './zip-limits';

let dir: Awaited<ReturnType<typeof makeTempDir>>;
beforeAll(async () => {
  dir = await makeTempDir();
});
afterAll(() => dir.cleanup());

async function check(name: string, bytes: Buffer, limits?: Parameters<typeof assertZipWithinLimits>[2]) {
  await writeFile(dir.path(name), bytes);
  return assertZipWithinLimits(dir.path(name), bytes.length, limits);
}

async function refusal(promise: Promise<unknown>): Promise<ImportError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  expect((error as ImportError).message).toMatch(/疑似压缩炸弹/);
  return error as ImportError;
}

describe('assertZipWithinLimits', () => {
  it('returns the directory of an ordinary archive', async () => {
    const entries = await check(
      'ok.zip',
      zipStored([
        ['word/document.xml', '<w:document>你好</w:document>', { deflate: true }],
        ['a.txt', 'plain'],
      ]),
    );
    expect([...entries.keys()]).toEqual(['word/document.xml', 'a.txt']);
  });

  it('counts the real inflated bytes of an entry that declares a small size', async () => {
    const bomb = Buffer.alloc(64 * 1024 * 1024, 0x41);
    const file = zipStored([['word/document.xml', bomb, { deflate: true, declaredSize: 1000 }]]);
    expect(file.length).toBeLessThan(1024 * 1024);
    await refusal(check('ratio.zip', file));
    // Within the ratio, but past the entry cap.
    await refusal(check('entry.zip', file, { maxRatio: 1e6, maxEntryBytes: 32 * 1024 * 1024 }));
  });

  it('caps the total over all entries, and only counts the entries asked for', async () => {
    const part = Buffer.alloc(3 * 1024 * 1024, 0x42);
    const file = zipStored([
      ['a.xml', part, { deflate: true }],
      ['b.xml', part, { deflate: true }],
    ]);
    const limits = { maxTotalBytes: 5 * 1024 * 1024, maxRatio: 1e6 };
    await refusal(check('total.zip', file, limits));
    const entries = await check('one.zip', file, { ...limits, entries: (name) => name === 'a.xml' });
    expect(entries.size).toBe(2);
  });
});
