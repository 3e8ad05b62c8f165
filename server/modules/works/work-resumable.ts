import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { FileStore } from '@tus/file-store';
import { ERRORS, Server, type Upload } from '@tus/server';
import {
  finishPublicWorkUpload,
  RESUMABLE_UPLOAD_HOURS,
  RESUMABLE_UPLOADS_PATH,
  resumableUploadId,
  resumableUploadMetadata,
  WORK_FILE_MAX_MB,
  type PublicWorkUpload,
} from '../../../common/contracts/calls-public';
import type { RequestContext } from '../../platform/http/context';
import { AppError, badRequest } from '../../platform/http/errors';
import { PUBLIC_BODY_LIMIT, route } from '../../platform/http/route';
import { requestContext } from '../../platform/http/request-context';
import { securityHeaders } from '../../platform/http/security-headers';
import { baseName, tooLarge } from '../../platform/http/upload';
import { acceptWorkFile, assertOpen, categoryOf, guardUpload } from './work-upload.service';
import { publishedCall } from './works-call';

/**
 * Work files (a film from a phone over a mobile link) as resumable uploads, tus 1.0, with @tus/server and
 * its FileStore: a dropped connection resumes from the last byte the server holds instead of starting again.
 * Creation is guarded (guardUpload: call, rate limits, proof of work) and refused past the category's size;
 * the bytes stream to a file under DATA_DIR/tmp/resumable, never into memory, and never past the declared
 * length. When all bytes are in, finishResumable checks and stores the file (acceptWorkFile) and keeps its
 * answer, so a finish whose answer was lost can be asked again. Unfinished uploads expire
 * RESUMABLE_UPLOAD_HOURS after creation and are swept (sweepResumableUploads).
 */

const MB = 1024 * 1024;
const HOUR_MS = 60 * 60 * 1000;
const EXPIRY_MS = RESUMABLE_UPLOAD_HOURS * HOUR_MS;

export const resumableDir = (dataDir: string) => path.join(dataDir, 'tmp', 'resumable');
/** Finished uploads' answers, by id, kept as long as the token they hold is valid. */
const doneDir = (dataDir: string) => path.join(resumableDir(dataDir), 'done');

export function resumableStore(dataDir: string) {
  return new FileStore({ directory: resumableDir(dataDir), expirationPeriodInMilliseconds: EXPIRY_MS });
}

const GONE = '上传记录不存在或已过期，请重新上传';
const gone = () => new AppError(404, 'not_found', GONE);

/** The protocol's own refusals, said in Chinese in the JSON shape the rest of the API answers with. */
const TUS_MESSAGES: Record<number, [code: string, message: string]> = {
  400: ['bad_request', '上传请求无效，请重新上传'],
  403: ['bad_request', '上传请求无效，请重新上传'],
  404: ['not_found', GONE],
  409: ['conflict', '上传进度与服务器不一致，请稍候重试'],
  410: ['not_found', GONE],
  412: ['bad_request', '上传请求无效，请重新上传'],
  413: [
    'too_large',
    `文件超过允许的大小（单个文件至多 ${WORK_FILE_MAX_MB} MB），或与开始上传时告知的大小不符`,
  ],
  415: ['bad_request', '上传请求无效，请重新上传'],
};

function tusError(err: Error | { status_code: number; body: string }) {
  if (err instanceof AppError) {
    const body = { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) };
    return { status_code: err.status, body: JSON.stringify(body) };
  }
  const status = 'status_code' in err ? err.status_code : 500;
  const [code, message] = TUS_MESSAGES[status] ?? ['internal', '服务器暂时无法接收文件，请稍后重试'];
  return { status_code: TUS_MESSAGES[status] ? status : 500, body: JSON.stringify({ code, message }) };
}

/** The upload's own expiry (from its creation), as the protocol handlers judge it. */
const expired = (upload: Upload, now = Date.now()) =>
  !upload.creation_date || new Date(upload.creation_date).getTime() + EXPIRY_MS < now;

export function registerResumableUploads(app: FastifyInstance) {
  const { dataDir } = app.zm.config;
  const store = resumableStore(dataDir);
  // The tus handlers see a web Request; our context (database, keys, address) is found by its Node request.
  const contexts = new WeakMap<object, RequestContext>();
  const contextOf = (req: { runtime?: { node?: { req?: object } } }) => {
    const ctx = req.runtime?.node?.req && contexts.get(req.runtime.node.req);
    if (!ctx) throw new Error('resumable upload without a request context');
    return ctx;
  };

  const tus = new Server({
    path: RESUMABLE_UPLOADS_PATH,
    datastore: store,
    maxSize: WORK_FILE_MAX_MB * MB,
    relativeLocation: true,
    // Same origin only: no CORS header is ever sent.
    allowedOrigins: () => false,
    namingFunction: () => crypto.randomBytes(16).toString('hex'),
    // Fastify matched the id against resumableUploadId before handing the request over (handle below).
    getFileIdFromRequest: (_req, last) =>
      last && resumableUploadId.safeParse(last).success ? last : undefined,
    onUploadCreate: async (req, upload) => {
      const ctx = contextOf(req);
      const meta = resumableUploadMetadata.safeParse(upload.metadata ?? {});
      if (!meta.success) {
        const details = meta.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
        throw badRequest('上传信息填写有误', details);
      }
      if (upload.size === undefined) throw badRequest('请告知文件大小后再上传');
      if (upload.size === 0) throw badRequest('请选择要上传的文件（文件为空）');
      const { category } = await guardUpload(ctx, meta.data.slug, meta.data);
      if (upload.size > category.maxMb * MB) throw tooLarge(category.maxMb * MB);
      // Kept for the finish; the spent proof of work is not.
      const { slug, categoryKey, filename } = meta.data;
      return { metadata: { slug, categoryKey, filename: baseName(filename) } };
    },
    onResponseError: (_req, err) => tusError(err),
  });

  const headers = securityHeaders({ hsts: app.zm.config.cookieSecure === true });
  const handle = async (req: FastifyRequest, reply: FastifyReply) => {
    const { id } = (req.params ?? {}) as { id?: string };
    if (id !== undefined && !resumableUploadId.safeParse(id).success) throw gone();
    contexts.set(req.raw, requestContext(req, reply));
    // The protocol handler writes the answer itself: our headers go on the raw response first.
    headers(req, reply);
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value !== undefined) reply.raw.setHeader(name, value as string | string[]);
    }
    reply.hijack();
    try {
      await tus.handle(req.raw, reply.raw);
    } catch (err) {
      req.log.error(err);
      if (!reply.raw.headersSent) reply.raw.writeHead(500, { 'Content-Type': 'application/json' });
      reply.raw.end(tusError(err as Error).body);
    }
  };

  void app.register(async (scope) => {
    // The bytes of a PATCH stream from the request to the upload's file: nothing here reads the body.
    scope.addContentTypeParser('application/offset+octet-stream', (_req, _payload, done) => done(null));
    const schema = { tags: ['public'], hide: false };
    scope.route({
      method: 'POST',
      url: RESUMABLE_UPLOADS_PATH,
      config: { access: 'public' },
      bodyLimit: PUBLIC_BODY_LIMIT,
      schema: { ...schema, summary: '创建可续传的作品文件上传（tus 1.0，须带文件大小、作品类别与防刷校验）' },
      handler: handle,
    });
    scope.route({
      method: ['HEAD', 'PATCH', 'DELETE'],
      url: `${RESUMABLE_UPLOADS_PATH}/:id`,
      config: { access: 'public' },
      // Checked on Content-Length before a byte is read; the upload's own length bounds it while it streams.
      bodyLimit: WORK_FILE_MAX_MB * MB,
      schema: { ...schema, summary: '可续传上传：查询已收到的字节数（HEAD）、续传（PATCH）、取消（DELETE）' },
      handler: handle,
    });
  });

  route(app, finishPublicWorkUpload, ({ params }, ctx) => finishResumable(ctx, store, params.id));
}

/**
 * A complete resumable upload made a work's file (acceptWorkFile), its upload removed, its answer kept:
 * asked again, the same answer. Refused (and removed) when the file is not what the category takes; a
 * failure of ours leaves it to be finished again.
 */
export async function finishResumable(
  ctx: RequestContext,
  store: FileStore,
  id: string,
): Promise<PublicWorkUpload> {
  const answer = path.join(doneDir(ctx.config.dataDir), `${id}.json`);
  const prior = await fs.promises.readFile(answer, 'utf8').catch(() => null);
  if (prior) return JSON.parse(prior) as PublicWorkUpload;
  const upload = await store.getUpload(id).catch(() => null);
  if (!upload || expired(upload)) throw gone();
  if (upload.size === undefined || upload.offset !== upload.size) {
    throw new AppError(409, 'conflict', '文件还没有传完，请继续上传');
  }
  // Claimed by renaming: of two finishes at once (any process), one goes on.
  const data = path.join(store.directory, id);
  const claimed = `${data}.finishing`;
  try {
    await fs.promises.rename(data, claimed);
  } catch {
    throw new AppError(409, 'conflict', '文件正在处理，请稍候');
  }
  const discard = async () => {
    await fs.promises.rm(claimed, { force: true });
    await store.configstore.delete(id).catch(() => undefined);
  };
  let result: PublicWorkUpload;
  try {
    const meta = upload.metadata ?? {};
    const call = await publishedCall(ctx.db, meta.slug ?? '');
    assertOpen(call);
    const category = categoryOf(call.categories, meta.categoryKey ?? '');
    result = await acceptWorkFile(ctx, call, category, {
      path: claimed,
      filename: meta.filename ?? '',
      // Judged by content (acceptWorkFile); the stored blob's hash is taken from the bytes encrypted.
      mime: 'application/octet-stream',
      size: upload.size,
      sha256: '',
    });
  } catch (err) {
    if (err instanceof AppError) await discard();
    else await fs.promises.rename(claimed, data).catch(() => undefined);
    throw err;
  }
  await fs.promises.mkdir(path.dirname(answer), { recursive: true, mode: 0o700 });
  await fs.promises.writeFile(answer, JSON.stringify(result), { mode: 0o600 });
  await discard();
  return result;
}

/**
 * Expired unfinished uploads (the library's expiration sweep), then anything else in the directory older
 * than an upload may live: kept answers, a finish cut off by a crash, a lone info file. Returns how many
 * uploads expired.
 */
export async function sweepResumableUploads(dataDir: string, now = Date.now()): Promise<number> {
  const store = resumableStore(dataDir);
  const dir = resumableDir(dataDir);
  await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
  const expiredCount = await store.deleteExpired().catch((err: unknown) => {
    if (err === ERRORS.FILE_NOT_FOUND) return 0;
    throw err;
  });
  for (const folder of [dir, doneDir(dataDir)]) {
    const names = await fs.promises.readdir(folder).catch(() => [] as string[]);
    for (const name of names) {
      const file = path.join(folder, name);
      const stat = await fs.promises.stat(file).catch(() => null);
      if (stat?.isFile() && now - stat.mtimeMs > EXPIRY_MS) await fs.promises.rm(file, { force: true });
    }
  }
  return expiredCount;
}

/** Sweeps now and then every hour while the server runs (uploads expire by the hour); the timer never keeps the process alive. */
export function scheduleResumableSweep(dataDir: string, log: (message: string) => void): () => void {
  const run = () =>
    sweepResumableUploads(dataDir).then(
      (n) => n > 0 && log(`已清理 ${n} 个过期未完成的续传上传`),
      (err: unknown) => log(`清理续传上传失败：${err instanceof Error ? err.message : String(err)}`),
    );
  void run();
  const timer = setInterval(() => void run(), HOUR_MS);
  timer.unref();
  return () => clearInterval(timer);
}
