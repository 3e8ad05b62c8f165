import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ephemeralKeys, type Keys } from '../crypto/keys';
import type { UploadedFile } from '../http/upload';
import { blobPath, discardBlob, filesDir, openFileStream, readFileBuffer, writeBlob } from './file-store';
import { SAMPLE_FILES } from './test-files';

const dirs: string[] = [];
function tmpDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zm-files-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function upload(dir: string, bytes: Buffer, filename: string): UploadedFile {
  const file = path.join(dir, `upload-${crypto.randomUUID()}`);
  fs.writeFileSync(file, bytes);
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
  return { path: file, filename, mime: 'application/octet-stream', size: bytes.length, sha256 };
}

/** A PDF big enough to take many stream chunks, with a recognisable plaintext run. */
function bigPdf(): Buffer {
  return Buffer.concat([
    SAMPLE_FILES.pdf,
    Buffer.from('青年作品原文'.repeat(20_000)),
    crypto.randomBytes(300_000),
  ]);
}

describe('file store', () => {
  it('encrypts under a random name and gives the same bytes back', async () => {
    const dataDir = tmpDir();
    const deps = { keys: ephemeralKeys(), config: { dataDir } };
    const bytes = bigPdf();
    const blob = await writeBlob(deps, upload(dataDir, bytes, '张三 获奖证书.pdf'));
    expect(blob).toMatchObject({ name: '张三 获奖证书.pdf', mime: 'application/pdf', size: bytes.length });
    expect(blob.sha256).toBe(crypto.createHash('sha256').update(bytes).digest('hex'));
    expect(blob.storageKey).toMatch(/^[0-9a-f]{32}$/);

    const onDisk = fs.readFileSync(blobPath(dataDir, blob.storageKey));
    expect(path.dirname(blobPath(dataDir, blob.storageKey)).startsWith(filesDir(dataDir))).toBe(true);
    expect(onDisk.subarray(0, 4).toString()).toBe('ZMF1');
    expect(onDisk.includes(Buffer.from('%PDF'))).toBe(false);
    expect(onDisk.includes(Buffer.from('青年作品原文'))).toBe(false);
    expect(fs.statSync(blobPath(dataDir, blob.storageKey)).mode & 0o077).toBe(0);
    expect(JSON.stringify(fs.readdirSync(filesDir(dataDir), { recursive: true }))).not.toContain('证书');

    expect((await readFileBuffer(deps, blob)).equals(bytes)).toBe(true);
    const again = await writeBlob(deps, upload(dataDir, bytes, '张三 获奖证书.pdf'));
    expect(again.storageKey).not.toBe(blob.storageKey);
    await discardBlob(dataDir, again.storageKey);
    expect(fs.existsSync(blobPath(dataDir, again.storageKey))).toBe(false);
  });

  it('refuses a file type off the allow-list before writing anything', async () => {
    const dataDir = tmpDir();
    const deps = { keys: ephemeralKeys(), config: { dataDir } };
    await expect(writeBlob(deps, upload(dataDir, SAMPLE_FILES.exe, '证书.pdf'))).rejects.toMatchObject({
      status: 415,
    });
    expect(fs.existsSync(filesDir(dataDir))).toBe(false);
  });

  it('refuses a damaged blob, a blob swapped under another name, and a wrong checksum', async () => {
    const dataDir = tmpDir();
    const deps = { keys: ephemeralKeys(), config: { dataDir } };
    const a = await writeBlob(deps, upload(dataDir, bigPdf(), 'a.pdf'));
    const b = await writeBlob(deps, upload(dataDir, SAMPLE_FILES.pdf, 'b.pdf'));

    const fileA = blobPath(dataDir, a.storageKey);
    const original = fs.readFileSync(fileA);
    const flipped = Buffer.from(original);
    flipped[1000] ^= 0x01;
    fs.writeFileSync(fileA, flipped);
    await expect(openFileStream(deps, a)).rejects.toThrow(/校验失败/);

    fs.copyFileSync(blobPath(dataDir, b.storageKey), fileA);
    await expect(openFileStream(deps, a)).rejects.toThrow(/校验失败/);

    fs.writeFileSync(fileA, original);
    await expect(readFileBuffer(deps, { ...a, sha256: '0'.repeat(64) })).rejects.toThrow(/校验值不符/);
    fs.writeFileSync(fileA, original.subarray(0, 40));
    await expect(openFileStream(deps, a)).rejects.toThrow(/不完整/);
    fs.rmSync(fileA);
    await expect(openFileStream(deps, a)).rejects.toThrow(/不存在/);
    await expect(openFileStream(deps, { ...a, storageKey: '../../etc/passwd' })).rejects.toThrow();
  });

  it('reads files written under an earlier data key during rotation', async () => {
    const dataDir = tmpDir();
    const old = ephemeralKeys();
    const blob = await writeBlob(
      { keys: old, config: { dataDir } },
      upload(dataDir, SAMPLE_FILES.png, 'p.png'),
    );
    const fresh = ephemeralKeys();
    const rotated: Keys = { ...fresh, previous: new Map([[old.dataKeyId, old.data]]) };
    expect(
      (await readFileBuffer({ keys: rotated, config: { dataDir } }, blob)).equals(SAMPLE_FILES.png),
    ).toBe(true);
    await expect(openFileStream({ keys: fresh, config: { dataDir } }, blob)).rejects.toThrow(/缺少密钥/);
  });
});
