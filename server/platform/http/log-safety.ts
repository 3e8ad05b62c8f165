import type { FastifyRequest } from 'fastify';

/** The path without its query string: queries can carry names, phone numbers or ID numbers. */
export const pathOnly = (url: string | undefined) => (url ?? '').split('?')[0];

type LoggableError = {
  name?: string;
  message?: string;
  code?: string;
  stack?: string;
  query?: unknown;
  params?: unknown;
  cause?: unknown;
};

export type SafeError = { type: string; message: string; stack: string; code?: string };

/**
 * What may be logged of an error. A failed query's message embeds its bound parameters (drizzle's
 * "Failed query: … params: …"), which are personal data, password hashes or ciphertexts: keep the
 * SQL text and the database's own error code and message, never the values. The stack keeps its
 * frames only, since its first lines repeat the message.
 */
export function safeError(err: unknown): SafeError {
  const e = (err ?? {}) as LoggableError;
  const cause = (e.cause ?? undefined) as LoggableError | undefined;
  const frames = (e.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n');
  const failedQuery = typeof e.query === 'string' && 'params' in e;
  const message = failedQuery
    ? `查询失败：${String(e.query).replace(/\s+/g, ' ').trim()} — ${cause?.message ?? ''}`
    : String(e.message ?? err);
  const code = failedQuery ? (cause?.code ?? e.code) : e.code;
  return { type: e.name ?? 'Error', message, stack: frames, ...(code ? { code } : {}) };
}

/** Pino serializers for every log line: no cookies, headers, bodies or query strings; errors via safeError. */
export const LOG_SERIALIZERS = {
  req: (req: FastifyRequest) => ({ method: req.method, url: pathOnly(req.url), ip: req.ip }),
  err: safeError,
};
