import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { cleanFileName } from '../files/file-name';

/** RFC 5987: percent-encode UTF-8, including the characters encodeURIComponent leaves alone. */
export function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * `attachment` with the name twice: an ASCII fallback for old clients and `filename*` in UTF-8, so a
 * Chinese file name survives in every current browser. Never `inline`: a stored file is not a page.
 */
export function contentDisposition(name: string): string {
  // Names stored before names were cleaned, and generated ones, pass through the same cleaning.
  const filename = cleanFileName(name);
  const fallback = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\;]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeRfc5987(filename)}`;
}

/** Sends a file download (a buffer or a stream of known length) under its file name. */
export function sendDownload(
  reply: FastifyReply,
  file: { filename: string; mime: string; body: Buffer | Readable; size: number },
) {
  return reply
    .header('Content-Type', file.mime)
    .header('Content-Disposition', contentDisposition(file.filename))
    .header('Content-Length', file.size)
    .send(file.body);
}
