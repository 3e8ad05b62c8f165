import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError } from './errors';
import { fieldLabel } from './field-names';
import { pathOnly, safeError } from './log-safety';

const NUMERIC_OUT_OF_RANGE = '22003';

/** The SQLSTATE of a failed query, whether the driver's error came wrapped by Drizzle or not. */
function databaseCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } };
  const code = e.cause?.code ?? e.code;
  return typeof code === 'string' ? code : undefined;
}

/** Errors leave as `{code, message}` in Chinese; internals (SQL, stacks, input values) never do. */
export function installErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) {
      return reply
        .status(err.status)
        .send({ code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map((v) => {
        const segments = String(v.instancePath ?? '')
          .split('/')
          .filter(Boolean);
        const field = segments.join('.');
        const label = segments.length ? fieldLabel(req.routeOptions.url, segments) : '';
        return { path: field, message: `${label ? label + '：' : ''}${translate(v.message ?? '')}` };
      });
      return reply.status(400).send({
        code: 'validation',
        message: details.map((d) => d.message).join('；') || '请求参数有误',
        details,
      });
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err: safeError(err), url: pathOnly(req.url) }, 'response does not match its contract');
      return reply.status(500).send({ code: 'internal', message: '服务器内部错误，请稍后重试' });
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.status(413).send({ code: 'too_large', message: '提交的内容过大' });
    }
    if (databaseCode(err) === NUMERIC_OUT_OF_RANGE) {
      // A number valid for JavaScript but not for its column (an id past 2^31): the caller's mistake.
      req.log.warn({ err: safeError(err), url: pathOnly(req.url) }, 'number out of range for its column');
      return reply.status(400).send({ code: 'out_of_range', message: '数值超出允许的范围' });
    }
    if (err.statusCode === 429) {
      return reply.status(429).send({ code: 'rate_limited', message: '请求过于频繁，请稍后再试' });
    }
    if (err.statusCode && err.statusCode < 500) {
      return reply.status(err.statusCode).send({ code: 'bad_request', message: '请求格式有误' });
    }
    req.log.error({ err: safeError(err), url: pathOnly(req.url) }, 'unhandled error');
    return reply.status(500).send({ code: 'internal', message: '服务器内部错误，请稍后重试' });
  });

  app.setNotFoundHandler((req, reply) => {
    reply
      .status(404)
      .send({ code: 'not_found', message: `接口不存在：${req.method} ${req.url.split('?')[0]}` });
  });
}

/**
 * Errors Fastify meets before routing (a path that is not valid percent-encoded UTF-8, a parameter
 * too long): answered like ours, in Chinese, with our headers.
 */
export function frameworkErrors(withHeaders: (req: FastifyRequest, reply: FastifyReply) => void) {
  return (err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    withHeaders(req, reply);
    if (err.code === 'FST_ERR_BAD_URL') {
      return reply.status(400).send({ code: 'bad_url', message: '请求地址的编码有误' });
    }
    if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') {
      return reply.status(400).send({ code: 'bad_url', message: '请求地址过长' });
    }
    req.log.error({ err: safeError(err), url: pathOnly(req.url) }, 'framework error');
    return reply.status(500).send({ code: 'internal', message: '服务器内部错误，请稍后重试' });
  };
}

function translate(message: string): string {
  if (/Too small|too_small|>=/.test(message)) return '长度或数值过小';
  if (/Too big|too_big|<=/.test(message)) return '长度或数值过大';
  if (/Required|received undefined/.test(message)) return '必填';
  if (/Invalid option|Invalid enum/.test(message)) return '取值无效';
  if (/ISO datetime|Invalid date/.test(message)) return '日期时间格式不正确';
  if (/expected number|expected string|expected boolean|Invalid input/.test(message)) return '格式不正确';
  // A contract's own message is Chinese already; anything else from the validator is not shown as is.
  return /[\u4e00-\u9fff]/.test(message) ? message : '格式不正确';
}
