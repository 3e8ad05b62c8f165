import { setImmediate as nextTurn } from 'node:timers/promises';
import type { z } from 'zod';
import type { batchDecideSignups } from '../../../common/contracts/signup';
import type { Db } from '../../db/client';
import { AppError, notFound } from '../../platform/http/errors';
import { acceptLocked, declineLocked } from './signup-decide.service';
import type { ReviewCtx } from './signup-review.service';
import * as repo from './signup.repo';

/**
 * Batch review of a page's sign-ups (up to 500). One id outside the viewer's scope refuses the whole
 * request as not found before anything is written. Then the rows are decided in short transactions of
 * CHUNK rows, with a turn of the event loop between rows and between transactions: on the embedded
 * database a transaction holds the only connection on the only thread, and 500 rows in one kept every
 * other request waiting for seconds. Each row goes through the single decision (the registry's create
 * without the read-back) in its own savepoint, so a row a rule refuses leaves nothing behind and comes
 * back with the reason; each decided row is complete and audited, and stays decided if a later
 * transaction fails.
 */

type Body = z.output<NonNullable<(typeof batchDecideSignups)['body']>>;
type Outcome = { id: number; name?: string; reason?: string };

export const DUPLICATE_IN_BATCH = '有重复记录，请逐条合并';
/** Forwarded to a unit outside the viewer's scope after the batch was checked. */
const LEFT_SCOPE = '该报名已转交其他单位处理';

const CHUNK = 50;

const isRowRefusal = (err: unknown): err is AppError =>
  err instanceof AppError && (err.status === 400 || err.status === 409) && err.code !== 'version_conflict';

export async function batchDecide(ctx: ReviewCtx, body: Body) {
  const ids = [...new Set(body.ids)].sort((a, b) => a - b);
  const names = new Map((await repo.signupsInScope(ctx.db, ctx.viewer, ids)).map((r) => [r.id, r.name]));
  if (names.size !== ids.length) throw notFound('报名');
  const sourceId = body.action === 'accept' ? await repo.onlineSourceId(ctx.db) : null;
  const result = { done: 0, refused: [] as { id: number; name: string; reason: string }[] };
  for (let i = 0; i < ids.length; i += CHUNK) {
    // Between transactions the requests waiting for the database get it.
    if (i > 0) await nextTurn();
    const chunk = ids.slice(i, i + CHUNK);
    const outcomes = await ctx.db.transaction((tx) => decideChunk(ctx, tx, body, chunk, sourceId));
    for (const o of outcomes) {
      if (o.reason)
        result.refused.push({ id: o.id, name: o.name ?? names.get(o.id) ?? '', reason: o.reason });
      else result.done += 1;
    }
  }
  return result;
}

async function decideChunk(
  ctx: ReviewCtx,
  tx: Db,
  body: Body,
  ids: number[],
  sourceId: number | null,
): Promise<Outcome[]> {
  const rows = new Map((await repo.lockSignups(tx, ctx.viewer, ids)).map((r) => [r.id, r]));
  // A sign-up the registry may already hold needs a person to choose the record: never in bulk.
  const duplicates = body.action === 'accept' ? await repo.duplicateIds(tx, ids) : new Set<number>();
  const outcomes: Outcome[] = [];
  for (const id of ids) {
    // Between rows the event loop turns: /healthz and whatever needs no database answer at once.
    if (outcomes.length) await nextTurn();
    const row = rows.get(id);
    if (!row) {
      outcomes.push({ id, reason: LEFT_SCOPE });
      continue;
    }
    if (row.status === 'pending' && duplicates.has(id)) {
      outcomes.push({ id, name: row.name, reason: DUPLICATE_IN_BATCH });
      continue;
    }
    try {
      await tx.transaction((sp) =>
        body.action === 'accept'
          ? acceptLocked(ctx, sp, row, [], sourceId)
          : declineLocked(ctx, sp, row, body.reason ?? ''),
      );
      outcomes.push({ id, name: row.name });
    } catch (err) {
      if (!isRowRefusal(err)) throw err;
      outcomes.push({ id, name: row.name, reason: err.message });
    }
  }
  return outcomes;
}
