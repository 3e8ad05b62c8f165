import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { RESUMABLE_UPLOADS_PATH } from '../../common/contracts/calls-public';

/**
 * The resumable upload endpoints (tus) are public like the one-request upload: anyone may try, and what
 * they get without a proof of work or an upload's random id is a refusal that tells nothing.
 */

type Who = 'own' | 'parent' | 'child' | 'sibling' | 'other';
const WHO: Who[] = ['own', 'parent', 'child', 'sibling', 'other'];
const TUS = { 'tus-resumable': '1.0.0' };
const UNKNOWN = `${RESUMABLE_UPLOADS_PATH}/${'0'.repeat(32)}`;

const refused = (request: () => InjectOptions, statuses: number[]) => ({
  request,
  allowed: WHO,
  custom: (_who: Who, _allowed: boolean, res: LightMyRequestResponse) => {
    expect(statuses, res.body).toContain(res.statusCode);
    expect(res.body).not.toContain('南昌');
  },
});

export const RESUMABLE_CASES = {
  // No proof of work: refused before anything is created.
  [`POST ${RESUMABLE_UPLOADS_PATH}`]: refused(
    () => ({
      method: 'POST',
      url: RESUMABLE_UPLOADS_PATH,
      headers: { ...TUS, 'upload-length': '10', 'upload-metadata': 'slug bWF0cml4Y2FsbDAx' },
    }),
    [400, 429],
  ),
  [`PATCH ${RESUMABLE_UPLOADS_PATH}/:id`]: refused(
    () => ({
      method: 'PATCH',
      url: UNKNOWN,
      headers: { ...TUS, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
      payload: Buffer.from('x'),
    }),
    [404],
  ),
  [`DELETE ${RESUMABLE_UPLOADS_PATH}/:id`]: refused(
    () => ({ method: 'DELETE', url: UNKNOWN, headers: TUS }),
    [404],
  ),
  [`POST ${RESUMABLE_UPLOADS_PATH}/:id/finish`]: refused(
    () => ({ method: 'POST', url: `${UNKNOWN}/finish` }),
    [404],
  ),
};
