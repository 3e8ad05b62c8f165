import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { cleanFileName } from '../files/file-name';
import { AppError, badRequest } from './errors';

/** A file received with a request, on disk until the handler returns (move it to keep it). */
export type UploadedFile = {
  path: string;
  /** The name the user's file had, without any directory part. */
  filename: string;
  mime: string;
  size: number;
  sha256: string;
};

export const uploadDir = (dataDir: string) => path.join(dataDir, 'tmp', 'uploads');

const megabytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

export const tooLarge = (maxBytes: number) =>
  new AppError(413, 'too_large', `文件超过 ${megabytes(maxBytes)} 的上限，请拆分后再上传`);

export function baseName(name: string): string {
  return cleanFileName(name.split(/[\\/]/).pop() ?? '');
}

/**
 * Reads a multipart request: text fields validated by `fields`, and exactly one file in `file`,
 * streamed to a private temporary file while its SHA-256 is computed.
 */
export async function receiveUpload<S extends z.ZodType>(
  req: FastifyRequest,
  opts: { dataDir: string; maxBytes: number; fields?: S },
): Promise<{ file: UploadedFile; fields: z.output<S> | undefined }> {
  if (!req.isMultipart()) throw badRequest('请选择要上传的文件');
  const dir = uploadDir(opts.dataDir);
  await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
  const values: Record<string, string> = {};
  let file: UploadedFile | undefined;
  try {
    for await (const part of req.parts({ limits: { fileSize: opts.maxBytes, files: 1, fields: 20 } })) {
      if (part.type === 'field') {
        values[part.fieldname] = String(part.value);
        continue;
      }
      if (part.fieldname !== 'file' || file) {
        part.file.resume();
        continue;
      }
      const target = path.join(dir, crypto.randomUUID());
      const hash = crypto.createHash('sha256');
      let size = 0;
      const count = new Transform({
        transform(chunk: Buffer, _enc, done) {
          size += chunk.length;
          hash.update(chunk);
          done(null, chunk);
        },
      });
      file = { path: target, filename: baseName(part.filename), mime: part.mimetype, size: 0, sha256: '' };
      await pipeline(part.file, count, fs.createWriteStream(target, { mode: 0o600 }));
      if (part.file.truncated) throw tooLarge(opts.maxBytes);
      file.size = size;
      file.sha256 = hash.digest('hex');
    }
  } catch (err) {
    if (file) await fs.promises.rm(file.path, { force: true });
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(opts.maxBytes);
    throw err;
  }
  if (!file || file.size === 0) {
    if (file) await fs.promises.rm(file.path, { force: true });
    throw badRequest('请选择要上传的文件（文件为空）');
  }
  if (!opts.fields) return { file, fields: undefined };
  const parsed = opts.fields.safeParse(values);
  if (!parsed.success) {
    await fs.promises.rm(file.path, { force: true });
    const details = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw badRequest('上传信息填写有误', details);
  }
  return { file, fields: parsed.data };
}

/**
 * Leftovers of requests cut off by a crash. Only old ones: another process sharing DATA_DIR may be
 * receiving a file right now.
 */
export async function sweepUploads(dataDir: string, olderThanMs = 60 * 60 * 1000) {
  const dir = uploadDir(dataDir);
  const names = await fs.promises.readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const file = path.join(dir, name);
    const stat = await fs.promises.stat(file).catch(() => null);
    if (stat && Date.now() - stat.mtimeMs > olderThanMs) await fs.promises.rm(file, { force: true });
  }
}
