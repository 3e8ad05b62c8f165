import type { LightMyRequestResponse } from 'fastify';
import { RESUMABLE_UPLOADS_PATH } from '../../../common/contracts/calls-public';
import type { TestContext } from '../../test/harness';
import { solved } from '../signup/signup-test-fixtures';

/** Real tus 1.0 requests, as tus-js-client sends them, for the resumable upload tests. */

export const TUS = { 'tus-resumable': '1.0.0' };

/** `Upload-Metadata`: comma-separated `key base64(value)` pairs. */
export const tusMetadata = (m: Record<string, string>) =>
  Object.entries(m)
    .map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`)
    .join(',');

export async function createUpload(
  t: TestContext,
  o: {
    slug: string;
    categoryKey: string;
    size: number;
    filename?: string;
    proof?: { challenge: string; nonce: string } | null;
    ip?: string;
  },
): Promise<LightMyRequestResponse> {
  const proof = o.proof === null ? {} : (o.proof ?? (await solved(t)));
  return t.app.inject({
    method: 'POST',
    url: RESUMABLE_UPLOADS_PATH,
    remoteAddress: o.ip ?? '10.4.5.6',
    headers: {
      ...TUS,
      'upload-length': String(o.size),
      'upload-metadata': tusMetadata({
        slug: o.slug,
        categoryKey: o.categoryKey,
        filename: o.filename ?? 'work.bin',
        ...proof,
      }),
    },
  });
}

export const patchUpload = (t: TestContext, location: string, offset: number, bytes: Buffer) =>
  t.app.inject({
    method: 'PATCH',
    url: location,
    remoteAddress: '10.4.5.6',
    headers: { ...TUS, 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' },
    payload: bytes,
  });

export const headUpload = (t: TestContext, location: string) =>
  t.app.inject({ method: 'HEAD', url: location, headers: TUS });

export const finishUpload = (t: TestContext, location: string) =>
  t.app.inject({ method: 'POST', url: `${location}/finish`, remoteAddress: '10.4.5.6' });

/** The upload's address from a creation answer, refusing anything but 201. */
export function locationOf(res: LightMyRequestResponse): string {
  if (res.statusCode !== 201) throw new Error(`creation refused ${res.statusCode} ${res.body}`);
  return String(res.headers.location);
}
