import type { RequestContext } from '../../platform/http/context';

/** What every 培训 service function needs from the request. */
export type TrainingCtx = Pick<RequestContext, 'db' | 'viewer' | 'audit' | 'keys'>;

export const iso = (v: Date | string | null): string | null =>
  v === null ? null : (v instanceof Date ? v : new Date(v)).toISOString();

/** A share 0–1 as a whole percentage for messages: 0.8 → 80%. */
export const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`);
