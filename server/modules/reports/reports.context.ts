import type { RequestContext } from '../../platform/http/context';

/** What every 报送 service function needs from the request. */
export type ReportCtx = Pick<RequestContext, 'db' | 'viewer' | 'audit' | 'keys' | 'config'>;
