import type { RequestContext } from '../../platform/http/context';
import { assertUnitInScope } from '../../platform/access/scope';

/** What every plan service function needs from the request. */
export type PlansCtx = Pick<RequestContext, 'db' | 'viewer' | 'audit' | 'keys' | 'config'>;

/** A list's unit filter, its path checked against the viewer's scope (outside it: not found). */
export async function unitFilterOf(
  ctx: Pick<PlansCtx, 'db' | 'viewer'>,
  unitId: number | undefined,
  includeDescendants: 'true' | 'false' | undefined,
) {
  if (!unitId) return undefined;
  return {
    id: unitId,
    path: await assertUnitInScope(ctx.db, unitId, ctx.viewer),
    includeDescendants: includeDescendants !== 'false',
  };
}
