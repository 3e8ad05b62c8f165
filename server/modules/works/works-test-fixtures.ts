import crypto from 'node:crypto';
import zlib from 'node:zlib';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { calls, type CallCategory } from '../../db/schema';
import { SAMPLE_FILES } from '../../platform/files/test-files';
import { unitIdByCode, type TestContext } from '../../test/harness';
import { solved, USER_AGENT } from '../signup/signup-test-fixtures';
import { createUpload, finishUpload, patchUpload } from './work-resumable-test-fixtures';

/** What the works tests share: a call written into the table, real generated files, and the public requests. */

export const WORK_CATEGORIES: CallCategory[] = [
  { key: 'photo', label: '摄影', kinds: ['image'], maxFiles: 3, maxMb: 1 },
  { key: 'film', label: '微电影', kinds: ['video'], maxFiles: 1, maxMb: 30 },
  { key: 'essay', label: '文学', kinds: ['pdf', 'text', 'document'], maxFiles: 2, maxMb: 1 },
];

const DAY = 24 * 60 * 60 * 1000;

export async function insertOpenCall(
  t: TestContext,
  o: Partial<typeof calls.$inferInsert> = {},
): Promise<{ id: number; slug: string; unitId: number }> {
  const unitId = await unitIdByCode(t.db, '360102');
  const slug = crypto.randomBytes(6).toString('hex');
  const [row] = await t.db
    .insert(calls)
    .values({
      unitId,
      slug,
      title: '青春筑梦 · 东湖区青年文艺作品征集',
      theme: '我眼中的家乡',
      rules: '作品须为原创。',
      categories: WORK_CATEGORIES,
      rubric: [{ key: 'idea', label: '立意', weight: 100, maxScore: 10, description: '' }],
      awardLevels: [{ key: 'first', label: '一等奖', count: 1 }],
      status: 'published',
      maxGroupSize: 3,
      opensAt: new Date(Date.now() - DAY),
      closesAt: new Date(Date.now() + 30 * DAY),
      ...o,
    })
    .returning({ id: calls.id });
  return { id: row.id, slug, unitId };
}

/** A JPEG laid out as a camera writes it: JFIF, EXIF with a GPS tag and the owner's name, XMP, a comment. */
export function jpegWithExif(): { bytes: Buffer; secrets: string[] } {
  const segment = (marker: number, payload: Buffer) => {
    const head = Buffer.from([0xff, marker, 0, 0]);
    head.writeUInt16BE(payload.length + 2, 2);
    return Buffer.concat([head, payload]);
  };
  const secrets = ['GPSLatitude 28.6829N', 'Owner 张三丰', 'adobe:ns:meta 作者李四', '拍摄于八一广场'];
  const bytes = Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, Buffer.from('JFIF\0\x01\x02\0\0\x01\0\x01\0\0', 'latin1')),
    segment(
      0xe1,
      Buffer.concat([Buffer.from('Exif\0\0II*\0', 'latin1'), Buffer.from(`${secrets[0]} ${secrets[1]}`)]),
    ),
    segment(0xe1, Buffer.from(`http://ns.adobe.com/xap/1.0/\0${secrets[2]}`)),
    segment(0xfe, Buffer.from(secrets[3])),
    segment(0xdb, Buffer.alloc(65, 1)),
    segment(0xc0, Buffer.from([8, 0, 16, 0, 16, 1, 1, 0x11, 0])),
    segment(0xda, Buffer.from([1, 1, 0, 0, 0x3f, 0])),
    crypto.randomBytes(2048).map((b) => (b === 0xff ? 0x00 : b)),
    Buffer.from([0xff, 0xd9]),
  ]);
  return { bytes, secrets };
}

/** One PNG chunk: length, type, data, CRC. */
export const pngChunk = (type: string, data: Uint8Array) => {
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write(type, 4, 'latin1');
  Buffer.from(data).copy(chunk, 8);
  chunk.writeUInt32BE(zlib.crc32(chunk.subarray(4, 8 + data.length)), 8 + data.length);
  return chunk;
};

/** A real 8×8 RGB PNG (any viewer opens it) with a tEXt author chunk after IHDR. */
export function pngWithText(author = '作者王五'): Buffer {
  const ihdr = Buffer.from([0, 0, 0, 8, 0, 0, 0, 8, 8, 2, 0, 0, 0]);
  // Eight scanlines, each a filter byte (0) and eight grey pixels.
  const pixels = Buffer.concat(
    Array.from({ length: 8 }, () => Buffer.concat([Buffer.from([0]), Buffer.alloc(24, 200)])),
  );
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('tEXt', Buffer.from(`Author\0${author}`)),
    pngChunk('IDAT', zlib.deflateSync(pixels)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The start of an MP4 as phones write it: an `ftyp` box (isom) and an `mdat` box. */
export function mp4Head(): Buffer {
  const ftyp = Buffer.concat([
    Buffer.from([0, 0, 0, 24]),
    Buffer.from('ftypisom\0\0\x02\0isomiso2', 'latin1'),
  ]);
  return Buffer.concat([ftyp, Buffer.from([0, 0, 0, 8]), Buffer.from('mdat')]);
}

export { SAMPLE_FILES };

/**
 * A work file uploaded as the public site sends it (tus: create, all bytes in one PATCH, finish). The
 * first refusal on the way is the answer (creation: call, proof of work, category, size; finish: the
 * file's content); otherwise the finish's answer, with the file's token.
 */
export async function uploadFile(
  t: TestContext,
  slug: string,
  categoryKey: string,
  file: { name: string; content: Buffer },
  ip = '10.1.2.3',
): Promise<LightMyRequestResponse> {
  const created = await createUpload(t, {
    slug,
    categoryKey,
    size: file.content.length,
    filename: file.name,
    ip,
  });
  if (created.statusCode !== 201) return created;
  const location = String(created.headers.location);
  const sent = await patchUpload(t, location, 0, file.content);
  if (sent.statusCode !== 204) return sent;
  return finishUpload(t, location);
}

export async function uploadToken(
  t: TestContext,
  slug: string,
  categoryKey: string,
  file: { name: string; content: Buffer },
) {
  const res = await uploadFile(t, slug, categoryKey, file);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().token as string;
}

export async function submitWork(
  t: TestContext,
  slug: string,
  fields: Record<string, unknown>,
  o: { noticeId: number; ip?: string; website?: string; publicityConsent?: boolean },
): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method: 'POST',
    url: `/api/public/calls/${slug}/works`,
    remoteAddress: o.ip ?? '10.1.2.3',
    headers: { 'user-agent': USER_AGENT },
    payload: {
      description: '',
      ...fields,
      ...(await solved(t)),
      noticeId: o.noticeId,
      consent: true,
      originality: true,
      publicityConsent: o.publicityConsent ?? false,
      ...(o.website ? { website: o.website } : {}),
    },
  });
}
