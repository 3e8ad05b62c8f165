import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { contentDisposition } from '../../platform/http/download';

/** A byte range of a file of `size` bytes, inclusive; null when the header asks for none we serve. */
export type ByteRange = { start: number; end: number };

/**
 * Reads a `Range: bytes=…` header (one range: `a-b`, `a-` or `-n`). Returns 'whole' without a usable
 * header (several ranges or another unit: the whole file is the allowed answer), 'unsatisfiable' when the
 * range starts past the end.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | 'whole' | 'unsatisfiable' {
  if (!header) return 'whole';
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return 'whole';
  if (m[1] === '') {
    const n = Number(m[2]);
    if (n === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size) return 'unsatisfiable';
  if (end < start) return 'whole';
  return { start, end };
}

/** The plaintext bytes start..end of a decrypted stream; the rest of the source is not read. */
export async function* sliceStream(source: Readable, start: number, end: number): AsyncGenerator<Buffer> {
  let pos = 0;
  for await (const chunk of source as AsyncIterable<Buffer>) {
    const from = pos;
    pos += chunk.length;
    if (pos <= start) continue;
    yield chunk.subarray(Math.max(0, start - from), Math.min(chunk.length, end + 1 - from));
    if (pos > end) break;
  }
}

/**
 * Sends a public file: its type, a neutral download name, a modest cache lifetime (the file may be
 * taken off the page at any moment, so a browser keeps it five minutes at most), and the range asked.
 */
export async function sendPublicFile(
  req: FastifyRequest,
  reply: FastifyReply,
  file: { filename: string; mime: string; size: number; open: () => Promise<Readable> },
) {
  const range = parseRange(req.headers.range, file.size);
  if (range === 'unsatisfiable') {
    return reply.code(416).header('Content-Range', `bytes */${file.size}`).send();
  }
  const stream = await file.open();
  reply
    .header('Content-Type', file.mime)
    .header('Content-Disposition', contentDisposition(file.filename))
    .header('Accept-Ranges', 'bytes')
    .header('Cache-Control', 'private, max-age=300');
  if (range === 'whole') {
    return reply.header('Content-Length', file.size).send(stream);
  }
  return reply
    .code(206)
    .header('Content-Range', `bytes ${range.start}-${range.end}/${file.size}`)
    .header('Content-Length', range.end - range.start + 1)
    .send(Readable.from(sliceStream(stream, range.start, range.end)));
}
