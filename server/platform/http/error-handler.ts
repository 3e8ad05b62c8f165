import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError } from './errors';

const FIELD_NAMES: Record<string, string> = {
  username: '用户名',
  password: '密码',
  displayName: '姓名',
  role: '角色',
  unitId: '所属单位',
  name: '名称',
  label: '名称',
  code: '动态口令',
  version: '版本',
  newPassword: '新密码',
  currentPassword: '当前密码',
  orgName: '组织全称',
};

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
        const field = String(v.instancePath ?? '')
          .split('/')
          .filter(Boolean)
          .join('.');
        const label = FIELD_NAMES[field.split('.').pop() ?? ''] ?? field;
        return { path: field, message: `${label ? label + '：' : ''}${translate(v.message ?? '')}` };
      });
      return reply
        .status(400)
        .send({ code: 'validation', message: details.map((d) => d.message).join('；') || '请求参数有误', details });
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err: err.message, url: req.url }, 'response does not match its contract');
      return reply.status(500).send({ code: 'internal', message: '服务器内部错误，请稍后重试' });
    }
    if (err.statusCode === 429) {
      return reply.status(429).send({ code: 'rate_limited', message: '请求过于频繁，请稍后再试' });
    }
    if (err.statusCode && err.statusCode < 500) {
      return reply.status(err.statusCode).send({ code: 'bad_request', message: '请求格式有误' });
    }
    req.log.error({ err: { message: err.message, code: err.code } }, 'unhandled error');
    return reply.status(500).send({ code: 'internal', message: '服务器内部错误，请稍后重试' });
  });

  app.setNotFoundHandler((req, reply) => {
    reply.status(404).send({ code: 'not_found', message: `接口不存在：${req.method} ${req.url.split('?')[0]}` });
  });
}

function translate(message: string): string {
  if (/Too small|too_small|>=/.test(message)) return '长度或数值过小';
  if (/Too big|too_big|<=/.test(message)) return '长度或数值过大';
  if (/Required|received undefined/.test(message)) return '必填';
  if (/Invalid option|Invalid enum/.test(message)) return '取值无效';
  if (/expected number|expected string|expected boolean|Invalid input/.test(message)) return '格式不正确';
  return message;
}
