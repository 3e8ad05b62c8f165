import type { FastifyInstance } from 'fastify';
import { AppError } from './errors';

/**
 * JSON bodies decoded strictly: a byte sequence that is not UTF-8 is refused, never stored as "�".
 * The parsing itself stays Fastify's (secure-json-parse: `__proto__` and `constructor.prototype` refused).
 */
export function installJsonParser(app: FastifyInstance) {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
    let text: string;
    try {
      // One decoder per body: a fatal decoder that threw is not reused.
      text = new TextDecoder('utf-8', { fatal: true }).decode(body as Buffer);
    } catch {
      done(new AppError(400, 'bad_encoding', '提交的内容含有无效的字符编码（须为 UTF-8）'), undefined);
      return;
    }
    parse(req, text, done);
  });
}
