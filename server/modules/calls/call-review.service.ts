import { setImmediate as nextTurn } from 'node:timers/promises';
import type { z } from 'zod';
import { ENTRY_STATUSES, type batchReviewCallEntries } from '../../../common/contracts/calls';
import type { Db } from '../../db/client';
import { pathInScope } from '../../platform/access/scope';
import { decryptField } from '../../platform/crypto/field-crypto';
import { AppError, conflict, notFound, staleVersion } from '../../platform/http/errors';
import { attachConsentsToYouth } from '../privacy/privacy.service';
import * as record from '../youth/youth-record.service';
import * as youthRepo from '../youth/youth.repo';
import { detail, type EntriesCtx } from './call-entries.service';
import * as repo from './call-entries.repo';

/**
 * 形式审查: a cadre finds an entry eligible, incomplete, ineligible or a duplicate. Eligible entries go to
 * judging, and their entrants enter the registry the way an accepted sign-up does: an existing record in
 * the viewer's subtree is linked, someone new is registered as 联系对象 (source 作品征集) by the registry's
 * own create, and the work's consents follow the lead entrant to the person page.
 */

type Verdict = 'eligible' | 'incomplete' | 'ineligible' | 'duplicate';
type Row = repo.EntryFullRow;
type BatchBody = z.output<NonNullable<(typeof batchReviewCallEntries)['body']>>;

const secret = (ctx: EntriesCtx, enc: string | null) => (enc ? decryptField(ctx.keys, enc) : null);

/** The record an entrant already is: the one matched on submission, else one holding the same ID number now. */
async function existingRecord(tx: Db, e: repo.EntrantRow) {
  if (e.matchedYouthId !== null && e.matchedUnitPath !== null) {
    return { id: e.matchedYouthId, unitPath: e.matchedUnitPath, unitName: e.matchedUnitName ?? '' };
  }
  if (!e.idNumberIdx) return null;
  const [keeper] = await youthRepo.findKeepersByIndex(tx, 'id_number_idx', e.idNumberIdx);
  return keeper ? { id: keeper.id, unitPath: keeper.unitPath, unitName: keeper.unitName } : null;
}

async function linkEntrants(ctx: EntriesCtx, tx: Db, row: Row, sourceId: number | null) {
  const warnings: string[] = [];
  const linked: number[] = [];
  const created: number[] = [];
  for (const e of await repo.entrantsOf(tx, row.workId)) {
    if (e.youthId !== null) continue;
    const existing = await existingRecord(tx, e);
    let youthId: number;
    if (existing) {
      // A record kept outside the subtree is not revealed, and not linked: its keeper decides about it.
      if (!pathInScope(existing.unitPath, ctx.viewer)) {
        warnings.push(`作者「${e.name}」已由「${existing.unitName}」登记保管，未关联到本单位的青年库`);
        continue;
      }
      youthId = existing.id;
      linked.push(youthId);
    } else {
      const youth = await record.register(
        { ...ctx, db: tx },
        {
          name: e.name,
          gender: e.gender,
          birthDate: e.birthDate,
          idNumber: secret(ctx, e.idNumberEnc),
          phone: secret(ctx, e.phoneEnc),
          unitId: row.unitId,
          residence: e.placeName,
          categoryId: e.categoryId,
          worksAchievements: `《${row.title}》（${row.callTitle}）`,
          sourceId,
          // Under 14 the guardian's consent is on record with the work (PIPL Art. 31).
          guardianConsent: e.ageBand === 'child',
        },
      );
      youthId = youth.id;
      created.push(youthId);
      warnings.push(...youth.warnings);
    }
    await repo.linkEntrant(tx, e.id, youthId);
    await attachConsentsToYouth(tx, 'work', row.workId, youthId, e.position);
  }
  return { warnings, linked, created };
}

/** `sourceId`: the 作品征集 item, when the caller (a batch) has looked it up once for all its rows. */
export async function reviewLocked(
  ctx: EntriesCtx,
  tx: Db,
  row: Row,
  verdict: Verdict,
  reason: string | null | undefined,
  sourceId?: number | null,
): Promise<string[]> {
  if (row.status === 'withdrawn' || row.workWithdrawn) throw conflict('作者已撤回该作品，不能审查');
  if (row.status === verdict) throw conflict(`该作品已审查为「${ENTRY_STATUSES[verdict]}」`);
  if (row.status === 'eligible' && (await repo.inAnyRound(tx, row.id))) {
    throw conflict('该作品已进入评审，不能再改变审查结果');
  }
  const ok = await repo.updateEntryRow(tx, row.id, row.version, {
    status: verdict,
    reviewReason: verdict === 'eligible' ? null : (reason ?? null),
    reviewedBy: ctx.viewer.userId,
    reviewedAt: new Date(),
  });
  if (!ok) throw staleVersion();
  const links =
    verdict === 'eligible'
      ? await linkEntrants(ctx, tx, row, sourceId === undefined ? await repo.worksSourceId(tx) : sourceId)
      : { warnings: [], linked: [], created: [] };
  await ctx.audit(
    {
      action: 'calls.entry_reviewed',
      targetType: 'call_entry',
      targetId: row.id,
      targetLabel: repo.entryLabel(row.entryNo),
      detail: {
        status: { from: row.status, to: verdict },
        ...(verdict === 'eligible' ? {} : { reason }),
        ...(links.linked.length ? { linkedYouthIds: links.linked } : {}),
        ...(links.created.length ? { createdYouthIds: links.created } : {}),
      },
    },
    tx,
  );
  return links.warnings;
}

export async function review(
  ctx: EntriesCtx,
  id: number,
  b: { version: number; status: Verdict; reason?: string | null },
) {
  const warnings = await ctx.db.transaction(async (tx) => {
    const [row] = await repo.lockEntries(tx, ctx.viewer, [id]);
    if (!row) throw notFound('作品');
    if (row.version !== b.version) throw staleVersion();
    return reviewLocked(ctx, tx, row, b.status, b.reason);
  });
  return { entry: await detail(ctx, id), warnings };
}

const CHUNK = 50;

const isRowRefusal = (err: unknown): err is AppError =>
  err instanceof AppError && (err.status === 400 || err.status === 409) && err.code !== 'version_conflict';

/**
 * Batch review of a call's entries (up to 500), in the shape of the sign-ups' batch: one id outside the
 * call or the viewer's scope refuses the whole request before anything is written; then short
 * transactions of CHUNK entries with a turn of the event loop between entries and between transactions,
 * each entry in its own savepoint so a refused one leaves nothing behind and comes back with the reason.
 */
export async function batchReview(ctx: EntriesCtx, callId: number, body: BatchBody) {
  const ids = [...new Set(body.ids)].sort((a, b) => a - b);
  const labels = new Map(
    (await repo.entriesInScope(ctx.db, ctx.viewer, callId, ids)).map((r) => [
      r.id,
      repo.entryLabel(r.entryNo),
    ]),
  );
  if (labels.size !== ids.length) throw notFound('作品');
  const sourceId = body.status === 'eligible' ? await repo.worksSourceId(ctx.db) : null;
  const result = { done: 0, refused: [] as { id: number; label: string; reason: string }[] };
  for (let i = 0; i < ids.length; i += CHUNK) {
    if (i > 0) await nextTurn();
    const chunk = ids.slice(i, i + CHUNK);
    const refused = await ctx.db.transaction(async (tx) => {
      const rows = new Map((await repo.lockEntries(tx, ctx.viewer, chunk)).map((r) => [r.id, r]));
      const out: { id: number; reason: string }[] = [];
      for (const [n, id] of chunk.entries()) {
        if (n > 0) await nextTurn();
        try {
          await tx.transaction((sp) =>
            reviewLocked(ctx, sp, rows.get(id)!, body.status, body.reason, sourceId),
          );
        } catch (err) {
          if (!isRowRefusal(err)) throw err;
          out.push({ id, reason: err.message });
        }
      }
      return out;
    });
    result.done += chunk.length - refused.length;
    result.refused.push(...refused.map((r) => ({ ...r, label: labels.get(r.id)! })));
  }
  return result;
}
