import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { files } from '../../db/schema';
import { uploadDir } from '../../platform/http/upload';
import { createTestContext, createUser, login, type TestContext } from '../../test/harness';
import {
  freshId,
  freshPhone,
  PUBLIC_TEST_CONFIG,
  publishNotice,
  solved,
  type Notice,
} from '../signup/signup-test-fixtures';
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

  it('spends a proof of work for every upload: a reused or missing challenge is refused', async () => {
    const { challenge, nonce } = await solved(t);
    const body = (c: string, n: string) => {
      const boundary = 'zmworks';
      const field = (k: string, v: string) =>
        `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`;
      return {
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: Buffer.concat([
          Buffer.from(field('categoryKey', 'photo') + field('challenge', c) + field('nonce', n)),
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\n`,
          ),
          pngWithText(),
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]),
      };
    };
    const url = `/api/public/calls/${call.slug}/uploads`;
    expect((await t.app.inject({ method: 'POST', url, ...body(challenge, nonce) })).statusCode).toBe(200);
    const reused = await t.app.inject({ method: 'POST', url, ...body(challenge, nonce) });
    expect(reused.statusCode).toBe(400);
    expect(reused.json().message).toBe('校验未通过，请刷新页面后重试');
    const forged = (await solved(t)).challenge.replace(/\.[\w-]{43}$/, `.${'A'.repeat(43)}`);
    const refused = await t.app.inject({ method: 'POST', url, ...body(forged, nonce) });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('challenge_failed');
  });
});

describe('a realistic video', () => {
  it('streams a 20 MB film through the upload and the encrypted store without holding it in memory', async () => {
    const size = 20 * 1024 * 1024;
    const boundary = 'zmfilm';
    const { challenge, nonce } = await solved(t);
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="categoryKey"\r\n\r\nfilm\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="challenge"\r\n\r\n${challenge}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="nonce"\r\n\r\n${nonce}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="毕业短片.mp4"\r\n` +
        'Content-Type: video/mp4\r\n\r\n',
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const chunk = 256 * 1024;
    const hash = crypto.createHash('sha256');
    let sent = 0;
    // How far the bytes on disk trailed the bytes sent: small when the server writes the file as it comes.
    let lag = 0;
    const temp = uploadDir(t.config.dataDir);
    const onDisk = () =>
      fs.existsSync(temp)
        ? Math.max(0, ...fs.readdirSync(temp).map((n) => fs.statSync(path.join(temp, n)).size))
        : 0;
    function* parts() {
      yield head;
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
      yield tail;
    }
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/public/calls/${call.slug}/uploads`,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Readable.from(parts()),
    });
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
