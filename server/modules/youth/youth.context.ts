import type { RequestContext } from '../../platform/http/context';

/** What every 青年库 service function needs from the request. */
export type YouthCtx = Pick<RequestContext, 'db' | 'viewer' | 'audit' | 'keys'>;

/** A unique index refused the write (two saves racing past the same check). */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === '23505' || e?.cause?.code === '23505';
}
