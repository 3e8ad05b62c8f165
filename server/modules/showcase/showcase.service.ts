import { unitPagePath, type EntryShowcase } from '../../../common/contracts/showcase';
import type { RequestContext } from '../../platform/http/context';
import { conflict, notFound } from '../../platform/http/errors';
import { entryLabel } from '../calls/call-entries.repo';
import { iso } from '../youth/youth.present';
import * as repo from './showcase.repo';

/** 展示到单位主页: the cadre's switch on a call entry, with an optional 推荐语. */

type Ctx = Pick<RequestContext, 'db' | 'viewer' | 'audit'>;

export const workPagePath = (unitCode: string, entryId: number) => `${unitPagePath(unitCode)}/w/${entryId}`;

function present(row: repo.EntryShowcaseRow): EntryShowcase {
  const refusal = row.refusal ? repo.SHOW_REFUSALS[row.refusal] : null;
  return {
    entryId: row.id,
    showcased: row.showcased,
    note: row.showcaseNote,
    showcasedAt: iso(row.showcasedAt),
    showcasedByName: row.showcasedByName,
    refusal,
    publicPath: row.showcased && !refusal ? workPagePath(row.unitCode, row.id) : null,
  };
}

export async function entryShowcase(ctx: Ctx, id: number): Promise<EntryShowcase> {
  const row = await repo.findEntryShowcase(ctx.db, ctx.viewer, id);
  if (!row) throw notFound('作品');
  return present(row);
}

/**
 * Shows the entry on its unit's page, or takes it off. Showing is refused, with the reason, unless the
 * call is out, the work is active, eligible (or awarded) and its people agreed to it being public; taking
 * it off is always allowed. A changed 推荐语 on a shown entry is saved and audited as a new showing.
 */
export async function setShowcase(
  ctx: Ctx,
  id: number,
  b: { showcased: boolean; note?: string | null },
): Promise<EntryShowcase> {
  await ctx.db.transaction(async (tx) => {
    const row = await repo.findEntryShowcase(tx, ctx.viewer, id, true);
    if (!row) throw notFound('作品');
    if (b.showcased && row.refusal) throw conflict(repo.SHOW_REFUSALS[row.refusal]);
    if (!b.showcased && !row.showcased) throw conflict('该作品没有展示在单位主页上');
    const note = b.showcased ? b.note?.trim() || null : null;
    await repo.writeShowcase(tx, id, { showcased: b.showcased, note, by: ctx.viewer.userId });
    await ctx.audit(
      {
        action: b.showcased ? 'calls.entry_showcased' : 'calls.entry_unshowcased',
        targetType: 'call_entry',
        targetId: id,
        targetLabel: entryLabel(row.entryNo),
        detail: b.showcased ? { note } : {},
      },
      tx,
    );
  });
  return entryShowcase(ctx, id);
}

/** The viewer's own unit's page, for its link and poster. */
export async function unitPageLink(ctx: Ctx) {
  const unit = await repo.unitOf(ctx.db, ctx.viewer.unitId);
  if (!unit) throw notFound('单位');
  return { unitId: unit.id, unitName: unit.name, path: unitPagePath(unit.code), showcasedWorks: unit.shown };
}
