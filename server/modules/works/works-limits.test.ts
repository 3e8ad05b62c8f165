import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { files } from '../../db/schema';
import { createTestContext, createUser, login, type TestContext } from '../../test/harness';
import {
  freshId,
  freshPhone,
  PUBLIC_TEST_CONFIG,
  publishNotice,
  type Notice,
} from '../signup/signup-test-fixtures';
import { resumableDir } from './work-resumable';
import { createUpload, finishUpload, locationOf, TUS } from './work-resumable-test-fixtures';
import { insertOpenCall, mp4Head, pngWithText, submitWork, uploadToken } from './works-test-fixtures';

let t: TestContext;
let notice: Notice;
let call: { id: number; slug: string; unitId: number };

beforeAll(async () => {
  t = await createTestContext({ ...PUBLIC_TEST_CONFIG, publicSubmitLimitPer10Minutes: 2 });
  const op = await login(t, await createUser(t, { role: 'operator', unitCode: '360102', totp: false }));
  notice = await publishNotice(op, '南昌市东湖区');
  call = await insertOpenCall(t);
});
afterAll(async () => {
  await t?.close();
});

describe('abuse limits', () => {
  it('refuses the third submission from one address within ten minutes (429), another address still gets through', async () => {
    const send = async (ip: string) => {
      const token = await uploadToken(t, call.slug, 'photo', { name: 'a.png', content: pngWithText() });
      return submitWork(
        t,
        call.slug,
        {
          title: '作品',
          categoryKey: 'photo',
          entrants: [{ name: '限流', idNumber: freshId(), phone: freshPhone() }],
          files: [token],
        },
        { noticeId: notice.id, ip },
      );
    };
    expect((await send('10.9.9.9')).statusCode).toBe(200);
    expect((await send('10.9.9.9')).statusCode).toBe(200);
    const third = await send('10.9.9.9');
    expect(third.statusCode).toBe(429);
    expect(third.json().message).toBe('操作太频繁，请稍后再试');
    expect((await send('10.9.9.10')).statusCode).toBe(200);
  });
});

describe('a realistic video', () => {
  it('streams a 20 MB film through the resumable upload and the encrypted store without holding it in memory', async () => {
    const size = 20 * 1024 * 1024;
    const created = await createUpload(t, {
      slug: call.slug,
      categoryKey: 'film',
      size,
      filename: '毕业短片.mp4',
    });
    const location = locationOf(created);
    const onDiskPath = path.join(resumableDir(t.config.dataDir), location.split('/').pop() as string);
    const chunk = 256 * 1024;
    const hash = crypto.createHash('sha256');
    let sent = 0;
    // How far the bytes on disk trailed the bytes sent: small when the server writes the file as it comes.
    let lag = 0;
    const onDisk = () => (fs.existsSync(onDiskPath) ? fs.statSync(onDiskPath).size : 0);
    function* parts() {
      const first = mp4Head();
      hash.update(first);
      sent += first.length;
      yield first;
      while (sent < size) {
        const n = Math.min(chunk, size - sent);
        const part = crypto.randomBytes(n);
        hash.update(part);
        sent += n;
        if (sent > size / 4) lag = Math.max(lag, sent - onDisk());
        yield part;
      }
    }
    const patch = await t.app.inject({
      method: 'PATCH',
      url: location,
      headers: { ...TUS, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
      payload: Readable.from(parts()),
    });
    expect(patch.statusCode, patch.body).toBe(204);
    expect(patch.headers['upload-offset']).toBe(String(size));
    const res = await finishUpload(t, location);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ kind: 'video', size, name: '毕业短片.mp4', scrubbed: false });
    // Never more than a fraction of the file held back: it went to disk as it came.
    expect(lag).toBeGreaterThan(0);
    expect(lag).toBeLessThan(size / 8);
    const fileId = Number(res.json().token.split('.')[1]);
    const [row] = await t.db.select().from(files).where(eq(files.id, fileId));
    expect(row).toMatchObject({ size, mime: 'video/mp4', sha256: hash.digest('hex') });
  });
});
