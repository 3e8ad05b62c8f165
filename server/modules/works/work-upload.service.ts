import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  CALL_FILE_KIND_LABELS,
  type CallFileKindValue,
  type PublicWorkUpload,
} from '../../../common/contracts/calls-public';
import type { Db } from '../../db/client';
import type { CallCategory } from '../../db/schema';
import type { Keys } from '../../platform/crypto/keys';
import { storeFile } from '../../platform/files/file-store';
import { detectFileType, MEDIA_FILES, type FileType } from '../../platform/files/file-types';
import type { RequestContext } from '../../platform/http/context';
import { AppError, badRequest } from '../../platform/http/errors';
import { tooLarge, type UploadedFile } from '../../platform/http/upload';
import { spendChallenge } from '../../platform/public/challenge';
import { addressKey } from '../../platform/public/guard';
import { assertWithinRate } from '../../platform/public/rate-limit';
import { scrubJpeg, scrubPng } from './work-scrub';
import { callState, publishedCall } from './works-call';
import { lockUploadedFiles, type PublicCallRow, type WorkFileValues } from './works.repo';

/**
 * A work's files arrive before the form is sent, each as a resumable (tus) upload (work-resumable.ts):
 * each is checked by content against the category, scrubbed of photo metadata, stored encrypted, and
 * answered with a signed token naming the stored file. The submission links the files its tokens name; a file no work links is swept with the
 * other unlinked files (file-sweep.ts). No table holds upload state.
 */

/** Long enough to fill in the rest of the form after uploading a film over a slow connection. */
export const UPLOAD_TOKEN_HOURS = 24;
/**
 * Each upload also spends a proof of work. A work has at most a few dozen files; more than this from one
 * address in an hour is someone filling the disk.
 */
export const UPLOADS_PER_ADDRESS_PER_HOUR = 60;

const MB = 1024 * 1024;

export function kindOf(type: Pick<FileType, 'mime'>): CallFileKindValue {
  if (type.mime.startsWith('image/')) return 'image';
  if (type.mime === 'application/pdf') return 'pdf';
  if (type.mime.startsWith('audio/')) return 'audio';
  if (type.mime.startsWith('video/')) return 'video';
  if (type.mime === 'text/plain') return 'text';
  return 'document';
}

export type UploadClaim = {
  fileId: number;
  callId: number;
  categoryKey: string;
  kind: CallFileKindValue;
  scrubbed: boolean;
  expires: number;
};

function signingKey(keys: Keys): Buffer {
  return crypto.createHmac('sha256', keys.index).update('zhumeng/work-upload/v1').digest();
}

const sign = (keys: Keys, body: string) =>
  crypto.createHmac('sha256', signingKey(keys)).update(body).digest('base64url');

/** `wf1.<file id>.<call id>.<category, base64url>.<kind>.<0|1 scrubbed>.<expiry, unix s>.<HMAC>` */
export function uploadToken(keys: Keys, c: UploadClaim): string {
  const body = [
    'wf1',
    c.fileId,
    c.callId,
    Buffer.from(c.categoryKey).toString('base64url'),
    c.kind,
    c.scrubbed ? 1 : 0,
    c.expires,
  ].join('.');
  return `${body}.${sign(keys, body)}`;
}

const badToken = () =>
  badRequest('上传的文件已失效，请重新上传', [{ path: 'files', message: '文件凭证无效或已过期' }]);

/** The claim a token carries, when we signed it and it has not expired; otherwise 400. */
export function readUploadToken(keys: Keys, token: string, now = Date.now()): UploadClaim {
  const m =
    /^(wf1\.(\d{1,10})\.(\d{1,10})\.([\w-]{1,80})\.([a-z]{3,8})\.([01])\.(\d{1,12}))\.([\w-]{43})$/.exec(
      token,
    );
  if (!m) throw badToken();
  const expected = Buffer.from(sign(keys, m[1]));
  const given = Buffer.from(m[8]);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) throw badToken();
  const claim: UploadClaim = {
    fileId: Number(m[2]),
    callId: Number(m[3]),
    categoryKey: Buffer.from(m[4], 'base64url').toString(),
    kind: m[5] as CallFileKindValue,
    scrubbed: m[6] === '1',
    expires: Number(m[7]),
  };
  if (claim.expires * 1000 <= now) throw badToken();
  return claim;
}

export const kindsText = (kinds: readonly CallFileKindValue[]) =>
  kinds.map((k) => CALL_FILE_KIND_LABELS[k]).join('、');

/**
 * Photo metadata removed (scrubJpeg / scrubPng) into a new temporary file beside the upload. Images are
 * the category's size at most, so they are read whole; everything else streams untouched.
 */
async function scrubbed(
  upload: UploadedFile,
  type: FileType,
): Promise<{ file: UploadedFile; scrubbed: boolean }> {
  const scrub = type.mime === 'image/jpeg' ? scrubJpeg : type.mime === 'image/png' ? scrubPng : null;
  if (!scrub) return { file: upload, scrubbed: false };
  const clean = scrub(await fs.promises.readFile(upload.path));
  if (!clean) return { file: upload, scrubbed: false };
  const target = path.join(path.dirname(upload.path), `${crypto.randomUUID()}.scrubbed`);
  await fs.promises.writeFile(target, clean, { mode: 0o600 });
  const sha256 = crypto.createHash('sha256').update(clean).digest('hex');
  return { file: { ...upload, path: target, size: clean.length, sha256 }, scrubbed: true };
}

export function categoryOf(categories: CallCategory[], key: string): CallCategory {
  const category = categories.find((c) => c.key === key);
  if (!category) {
    throw badRequest('作品类别不存在，请重新选择', [{ path: 'categoryKey', message: '选项无效' }]);
  }
  return category;
}

export type UploadGuard = { categoryKey: string; challenge: string; nonce: string };

/**
 * What every upload passes at its creation, before a byte of its file is kept: a published call, the
 * address's and the page's rate limits, a spent proof of work, the call open now, and a category it has.
 */
export async function guardUpload(ctx: RequestContext, slug: string, body: UploadGuard) {
  const call = await publishedCall(ctx.db, slug);
  await assertWithinRate(ctx.db, {
    bucket: 'upload-1h',
    key: addressKey(ctx.keys, ctx.ip),
    limit: UPLOADS_PER_ADDRESS_PER_HOUR,
    windowSeconds: 60 * 60,
  });
  await assertWithinRate(ctx.db, {
    bucket: 'page-1h',
    key: `call:${call.id}`,
    limit: ctx.config.publicPageLimitPerHour,
    windowSeconds: 60 * 60,
  });
  await spendChallenge(ctx.db, ctx.keys, body.challenge, body.nonce);
  assertOpen(call);
  return { call, category: categoryOf(call.categories, body.categoryKey) };
}

export function assertOpen(call: PublicCallRow) {
  if (callState(call) !== 'open') throw new AppError(409, 'conflict', '当前不在征集时间内，不能上传作品');
}

/**
 * A received file made a work's file: within the category's size, of a kind the
 * category takes judged by its content, scrubbed of photo metadata, stored encrypted, and answered with
 * the token the submission names it by.
 */
export async function acceptWorkFile(
  ctx: RequestContext,
  call: PublicCallRow,
  category: CallCategory,
  file: UploadedFile,
): Promise<PublicWorkUpload> {
  if (file.size > category.maxMb * MB) throw tooLarge(category.maxMb * MB);
  const type = await detectFileType(file.path, file.filename, file.size, MEDIA_FILES);
  const kind = kindOf(type);
  if (!category.kinds.includes(kind)) {
    throw new AppError(
      415,
      'unsupported_file_type',
      `「${category.label}」类作品只接受${kindsText(category.kinds)}，所选文件是${type.label}`,
    );
  }
  const prepared = await scrubbed(file, type);
  try {
    const stored = await storeFile(
      ctx,
      prepared.file,
      async () => ({ unitId: call.unitId, createdBy: null }),
      async (_tx, row) => row,
      MEDIA_FILES,
    );
    const expires = Math.floor(Date.now() / 1000) + UPLOAD_TOKEN_HOURS * 60 * 60;
    const claim = {
      fileId: stored.id,
      callId: call.id,
      categoryKey: category.key,
      kind,
      scrubbed: prepared.scrubbed,
      expires,
    };
    return {
      token: uploadToken(ctx.keys, claim),
      kind,
      size: stored.size,
      name: stored.name,
      scrubbed: prepared.scrubbed,
      expiresAt: new Date(expires * 1000).toISOString(),
    };
  } finally {
    if (prepared.file.path !== file.path) await fs.promises.rm(prepared.file.path, { force: true });
  }
}

/**
 * The files a submission or an edit names by their tokens, checked (signed for this call and category,
 * not expired, each once) and locked in `tx`; refused when another work already uses one. `used`: files the
 * work keeps, counted against the category's maximum.
 */
export async function claimUploads(
  tx: Db,
  keys: Keys,
  call: Pick<PublicCallRow, 'id' | 'unitId'>,
  category: CallCategory,
  tokens: string[],
  o: { used: number; firstPosition: number },
): Promise<WorkFileValues[]> {
  const claims = tokens.map((t) => readUploadToken(keys, t));
  if (new Set(claims.map((c) => c.fileId)).size !== claims.length) {
    throw badRequest('同一个文件上传了两次，请删除重复的文件', [{ path: 'files', message: '文件重复' }]);
  }
  if (o.used + claims.length > category.maxFiles) {
    throw badRequest(`「${category.label}」类作品最多 ${category.maxFiles} 个文件`, [
      { path: 'files', message: '文件过多' },
    ]);
  }
  for (const c of claims) {
    if (c.callId !== call.id || c.categoryKey !== category.key || !category.kinds.includes(c.kind)) {
      throw badRequest(`有文件不是为「${category.label}」类上传的，请删除后重新上传`, [
        { path: 'files', message: '文件与作品类别不符' },
      ]);
    }
  }
  const rows = await lockUploadedFiles(
    tx,
    claims.map((c) => c.fileId),
  );
  for (const c of claims) {
    const row = rows.find((r) => r.id === c.fileId);
    if (!row || row.unitId !== call.unitId) throw badToken();
    if (row.linked) throw new AppError(409, 'conflict', '有文件已用于其他作品，请重新上传');
  }
  return claims.map((c, i) => ({
    fileId: c.fileId,
    kind: c.kind,
    position: o.firstPosition + i,
    scrubbed: c.scrubbed,
  }));
}
