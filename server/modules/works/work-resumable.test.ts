import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESUMABLE_UPLOADS_PATH } from '../../../common/contracts/calls-public';
import { files, workFiles } from '../../db/schema';
import { createTestContext, createUser, login, type TestContext } from '../../test/harness';
import {
  freshId,
  freshPhone,
  PUBLIC_TEST_CONFIG,
  publishNotice,
  solved,
  type Notice,
} from '../signup/signup-test-fixtures';
import { resumableDir, sweepResumableUploads } from './work-resumable';
import {
  createUpload,
  finishUpload,
  headUpload,
  locationOf,
  patchUpload,
  TUS,
} from './work-resumable-test-fixtures';
import { insertOpenCall, jpegWithExif, mp4Head, submitWork } from './works-test-fixtures';

let t: TestContext;
let notice: Notice;
let call: { id: number; slug: string; unitId: number };

beforeAll(async () => {
  t = await createTestContext(PUBLIC_TEST_CONFIG);
  const op = await login(t, await createUser(t, { role: 'operator', unitCode: '360102', totp: false }));
  notice = await publishNotice(op, '南昌市东湖区');
  call = await insertOpenCall(t);
});
afterAll(async () => {
  await t?.close();
});

const MB = 1024 * 1024;
const idOf = (location: string) => location.split('/').pop() as string;
const film = () => Buffer.concat([mp4Head(), crypto.randomBytes(3 * MB)]);
const entries = () => fs.readdirSync(resumableDir(t.config.dataDir)).filter((n) => n !== 'done');

describe('resumable (tus) upload of a work file', () => {
  it('resumes after a cut: create, part, HEAD tells the offset, the rest, finish; the token is accepted by the submission', async () => {
    const bytes = film();
    const created = await createUpload(t, {
      slug: call.slug,
      categoryKey: 'film',
      size: bytes.length,
      filename: '我的家乡.mp4',
    });
    const location = locationOf(created);
    expect(location).toMatch(new RegExp(`^${RESUMABLE_UPLOADS_PATH}/[0-9a-f]{32}$`));
    expect(created.headers['tus-resumable']).toBe('1.0.0');
    expect(created.headers['upload-expires']).toBeTruthy();
    // Our headers on the protocol's answers too; no CORS opening.
    expect(created.headers['x-content-type-options']).toBe('nosniff');
    expect(created.headers['access-control-allow-origin']).toBeUndefined();

    const first = await patchUpload(t, location, 0, bytes.subarray(0, MB));
    expect(first.statusCode, first.body).toBe(204);
    expect(first.headers['upload-offset']).toBe(String(MB));
    // Not all in: nothing to finish yet.
    expect((await finishUpload(t, location)).statusCode).toBe(409);

    const head = await headUpload(t, location);
    expect(head.statusCode).toBe(200);
    expect(head.headers['upload-offset']).toBe(String(MB));
    expect(head.headers['upload-length']).toBe(String(bytes.length));
    expect(head.headers['cache-control']).toBe('no-store');
    // A resend from a stale offset changes nothing.
    expect((await patchUpload(t, location, 0, bytes.subarray(0, 10))).statusCode).toBe(409);

    const rest = await patchUpload(t, location, MB, bytes.subarray(MB));
    expect(rest.statusCode, rest.body).toBe(204);
    expect(rest.headers['upload-offset']).toBe(String(bytes.length));

    const done = await finishUpload(t, location);
    expect(done.statusCode, done.body).toBe(200);
    const answer = done.json();
    expect(answer).toMatchObject({
      kind: 'video',
      size: bytes.length,
      name: '我的家乡.mp4',
      scrubbed: false,
    });
    // Asked again (the answer was lost on the way): the same token, nothing stored twice.
    expect((await finishUpload(t, location)).json().token).toBe(answer.token);
    // The upload itself is gone; its bytes live on only encrypted in the store.
    expect(entries().filter((n) => n.startsWith(idOf(location)))).toEqual([]);
    expect((await headUpload(t, location)).statusCode).toBe(404);

    const res = await submitWork(
      t,
      call.slug,
      {
        title: '家乡的河',
        categoryKey: 'film',
        entrants: [{ name: '续传', idNumber: freshId(), phone: freshPhone() }],
        files: [answer.token],
      },
      { noticeId: notice.id },
    );
    expect(res.statusCode, res.body).toBe(200);
    const [linked] = await t.db
      .select({ size: files.size, mime: files.mime })
      .from(workFiles)
      .innerJoin(files, eq(files.id, workFiles.fileId))
      .where(eq(workFiles.fileId, Number(answer.token.split('.')[1])));
    expect(linked).toEqual({ size: bytes.length, mime: 'video/mp4' });
  });

  it('scrubs a photo sent resumably of its EXIF metadata', async () => {
    const { bytes, secrets } = jpegWithExif();
    const location = locationOf(
      await createUpload(t, { slug: call.slug, categoryKey: 'photo', size: bytes.length, filename: 'a.jpg' }),
    );
    expect((await patchUpload(t, location, 0, bytes)).statusCode).toBe(204);
    const done = await finishUpload(t, location);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ kind: 'image', scrubbed: true });
    expect(done.json().size).toBeLessThan(bytes.length);
    expect(secrets.length).toBeGreaterThan(0);
  });

  it('refuses at creation a file larger than the category takes (413), before a byte is sent', async () => {
    const before = entries().length;
    const res = await createUpload(t, { slug: call.slug, categoryKey: 'film', size: 30 * MB + 1 });
    expect(res.statusCode).toBe(413);
    expect(res.json().message).toBe('文件超过 30 MB 的上限，请拆分后再上传');
    expect(entries().length).toBe(before);
    // Past what any category may take: refused by the protocol's own limit, in Chinese.
    const huge = await createUpload(t, { slug: call.slug, categoryKey: 'film', size: 2048 * MB });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().message).toMatch(/^文件超过/);
    // A length to be told later is not taken: the category's limit could not be checked.
    const deferred = await t.app.inject({
      method: 'POST',
      url: RESUMABLE_UPLOADS_PATH,
      headers: { ...TUS, 'upload-defer-length': '1' },
    });
    expect(deferred.statusCode).toBe(400);
  });

  it('never takes bytes past the declared length', async () => {
    const location = locationOf(await createUpload(t, { slug: call.slug, categoryKey: 'film', size: 100 }));
    const res = await patchUpload(t, location, 0, Buffer.concat([mp4Head(), Buffer.alloc(200)]));
    expect(res.statusCode).toBe(413);
    expect(Number((await headUpload(t, location)).headers['upload-offset'])).toBeLessThanOrEqual(100);
  });

  it('refuses after the last byte a file whose content is not of the category, and drops it', async () => {
    const text = Buffer.from('这不是一张照片，只是一段文字。'.repeat(20));
    const location = locationOf(
      await createUpload(t, {
        slug: call.slug,
        categoryKey: 'photo',
        size: text.length,
        filename: 'notes.txt',
      }),
    );
    expect((await patchUpload(t, location, 0, text)).statusCode).toBe(204);
    const res = await finishUpload(t, location);
    expect(res.statusCode).toBe(415);
    expect(res.json().message).toMatch(/^「摄影」类作品只接受图片，所选文件是/);
    expect(entries().filter((n) => n.startsWith(idOf(location)))).toEqual([]);
    expect((await finishUpload(t, location)).statusCode).toBe(404);
  });

  it('refuses a creation without a proof of work, with a forged one, or with one already spent', async () => {
    const none = await createUpload(t, { slug: call.slug, categoryKey: 'photo', size: 10, proof: null });
    expect(none.statusCode).toBe(400);
    const garbled = await createUpload(t, {
      slug: call.slug,
      categoryKey: 'photo',
      size: 10,
      proof: { challenge: 'x', nonce: 'y' },
    });
    expect(garbled.statusCode).toBe(400);
    // Well-formed, but not signed by us.
    const real = await solved(t);
    const forged = await createUpload(t, {
      slug: call.slug,
      categoryKey: 'photo',
      size: 10,
      proof: { challenge: real.challenge.replace(/\.[\w-]{43}$/, `.${'A'.repeat(43)}`), nonce: real.nonce },
    });
    expect(forged.statusCode).toBe(400);
    expect(forged.json().code).toBe('challenge_failed');
    const proof = await solved(t);
    expect(
      (await createUpload(t, { slug: call.slug, categoryKey: 'photo', size: 10, proof })).statusCode,
    ).toBe(201);
    const again = await createUpload(t, { slug: call.slug, categoryKey: 'photo', size: 10, proof });
    expect(again.statusCode).toBe(400);
    expect(again.json()).toMatchObject({ code: 'challenge_failed', message: '校验未通过，请刷新页面后重试' });
  });

  it('refuses a creation for a closed call, an unknown call or an unknown category', async () => {
    const closed = await insertOpenCall(t, { closesAt: new Date(Date.now() - 1000) });
    const res = await createUpload(t, { slug: closed.slug, categoryKey: 'photo', size: 10 });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe('当前不在征集时间内，不能上传作品');
    expect((await createUpload(t, { slug: 'nosuchcall1', categoryKey: 'photo', size: 10 })).statusCode).toBe(
      404,
    );
    const category = await createUpload(t, { slug: call.slug, categoryKey: 'nope', size: 10 });
    expect(category.statusCode).toBe(400);
    expect(category.json().message).toBe('作品类别不存在，请重新选择');
  });

  it('answers 404 for an unknown or malformed id, and never reaches outside its directory', async () => {
    const unknown = `${RESUMABLE_UPLOADS_PATH}/${crypto.randomBytes(16).toString('hex')}`;
    expect((await headUpload(t, unknown)).statusCode).toBe(404);
    expect((await patchUpload(t, unknown, 0, Buffer.from('x'))).statusCode).toBe(404);
    expect((await finishUpload(t, unknown)).statusCode).toBe(404);
    for (const id of ['..%2F..%2Fkeys', '..', 'ABCDEF', `${'a'.repeat(32)}.json`]) {
      const url = `${RESUMABLE_UPLOADS_PATH}/${id}`;
      expect((await headUpload(t, url)).statusCode, id).toBe(404);
      expect((await patchUpload(t, url, 0, Buffer.from('x'))).statusCode, id).toBe(404);
    }
    // The bytes received are never served back.
    const location = locationOf(await createUpload(t, { slug: call.slug, categoryKey: 'photo', size: 10 }));
    expect((await t.app.inject({ method: 'GET', url: location })).statusCode).toBe(404);
  });

  it('refuses a creation or a PATCH sent from another site', async () => {
    const foreign = { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' };
    const res = await t.app.inject({
      method: 'POST',
      url: RESUMABLE_UPLOADS_PATH,
      headers: { ...TUS, ...foreign, 'upload-length': '10' },
    });
    expect(res.statusCode).toBe(403);
    const location = locationOf(await createUpload(t, { slug: call.slug, categoryKey: 'film', size: 100 }));
    const patch = await t.app.inject({
      method: 'PATCH',
      url: location,
      headers: {
        ...TUS,
        ...foreign,
        'upload-offset': '0',
        'content-type': 'application/offset+octet-stream',
      },
      payload: Buffer.alloc(10),
    });
    expect(patch.statusCode).toBe(403);
    expect((await headUpload(t, location)).headers['upload-offset']).toBe('0');
  });

  it('cancels (DELETE) an upload under way', async () => {
    const location = locationOf(await createUpload(t, { slug: call.slug, categoryKey: 'film', size: 100 }));
    const del = await t.app.inject({ method: 'DELETE', url: location, headers: TUS });
    expect(del.statusCode).toBe(204);
    expect((await headUpload(t, location)).statusCode).toBe(404);
  });

  it('lets an unfinished upload expire after 24 hours: refused, then swept', async () => {
    const location = locationOf(await createUpload(t, { slug: call.slug, categoryKey: 'film', size: 100 }));
    const id = idOf(location);
    const info = path.join(resumableDir(t.config.dataDir), `${id}.json`);
    const meta = JSON.parse(fs.readFileSync(info, 'utf8'));
    meta.creation_date = new Date(Date.now() - 25 * 60 * 60 * 1000).toISOString();
    fs.writeFileSync(info, JSON.stringify(meta));
    expect((await headUpload(t, location)).statusCode).toBe(410);
    expect(await sweepResumableUploads(t.config.dataDir)).toBeGreaterThanOrEqual(1);
    expect(entries().filter((n) => n.startsWith(id))).toEqual([]);
  });
});
