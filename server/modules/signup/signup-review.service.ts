import type { z } from 'zod';
import type { searchSignups } from '../../../common/contracts/signup';
import { todayInChina } from '../../../common/validators';
import type { Db } from '../../db/client';
import { pathInScope } from '../../platform/access/scope';
import { can, type Viewer } from '../../platform/access/viewer';
import type { RequestContext } from '../../platform/http/context';
import { AppError } from '../../platform/http/errors';
import { escapeLike } from '../../platform/search/like';
import { listConsents } from '../privacy/privacy.service';
import { idNumberToken, phoneToken } from '../youth/youth.input';
import * as youthRepo from '../youth/youth.repo';
import { presentSignupDetail, presentSignupItem, type DuplicateMatch } from './signup.present';
import * as repo from './signup.repo';

/** The cadres' side of 线上招募: the list of what arrived in their subtree and one sign-up's detail. */

export type ReviewCtx = Pick<RequestContext, 'db' | 'viewer' | 'audit' | 'keys' | 'config'>;
type SearchBody = z.output<NonNullable<(typeof searchSignups)['body']>>;

/** A number typed into the keyword finds the sign-up by its blind index, as the registry's search does. */
function keywordConditions(ctx: ReviewCtx, keyword: string | null | undefined): repo.SignupConditions {
  const q = keyword?.trim();
  if (!q) return {};
  if (/^[\d\sXx-]{11,}$/.test(q)) {
    const token = (fn: typeof idNumberToken) => {
      try {
        return fn(ctx.keys, q).token;
      } catch (err) {
        if (err instanceof AppError) return undefined;
        throw err;
      }
    };
    const idNumberIdx = token(idNumberToken);
    const phoneIdx = token(phoneToken);
    if (idNumberIdx || phoneIdx) return { idNumberIdx, phoneIdx };
  }
  return { namePattern: `%${escapeLike(q)}%` };
}

export async function search(ctx: ReviewCtx, body: SearchBody) {
  const { rows, total } = await repo.searchSignupRows(
    ctx.db,
    ctx.viewer,
    {
      status: body.status,
      pageId: body.pageId,
      channel: body.channel,
      ageBand: body.ageBand,
      duplicatesOnly: body.duplicatesOnly,
      ...keywordConditions(ctx, body.keyword),
    },
    { limit: body.pageSize, offset: (body.page - 1) * body.pageSize },
  );
  const today = todayInChina();
  return {
    items: rows.map((r) => presentSignupItem(r, ctx.keys, today)),
    total,
    page: body.page,
    pageSize: body.pageSize,
  };
}

/**
 * The registry's duplicate lookup (the same blind-index query), answered as the registry answers:
 * a record kept within the handling unit's subtree is offered for merging, one kept elsewhere shows
 * only the keeping unit. The record the sign-up already became is not a duplicate of it.
 */
export async function duplicatesOf(
  db: Db,
  viewer: Viewer,
  row: repo.SignupFullRow,
): Promise<DuplicateMatch[]> {
  const lookups: ['idNumber' | 'phone', youthRepo.KeeperRow[]][] = [];
  if (row.idNumberIdx)
    lookups.push(['idNumber', await youthRepo.findKeepersByIndex(db, 'id_number_idx', row.idNumberIdx)]);
  if (row.phoneIdx)
    lookups.push(['phone', await youthRepo.findKeepersByIndex(db, 'phone_idx', row.phoneIdx)]);
  const mayTransfer = can(viewer, 'youth.transfer');
  return lookups.flatMap(([field, keepers]) =>
    keepers
      .filter((k) => k.id !== row.youthId)
      .map((k) => {
        const mine = pathInScope(k.unitPath, { unitPath: row.unitPath });
        return {
          field,
          inScope: mine,
          youthId: mine ? k.id : null,
          name: mine ? k.name : null,
          keepingUnitName: k.unitName,
          canRequestTransfer: !mine && field === 'idNumber' && mayTransfer,
        };
      }),
  );
}

/** Any unit path starts with '/': the detail right after the viewer forwarded the sign-up out of their subtree. */
export const JUST_HANDLED = { unitPath: '/' };

export async function detail(ctx: ReviewCtx, id: number, scope: Pick<Viewer, 'unitPath'> = ctx.viewer) {
  const row = await repo.findSignup(ctx.db, scope, id);
  const [needNames, duplicates, consents] = await Promise.all([
    youthRepo.dictLabels(ctx.db, row.needs ?? []),
    duplicatesOf(ctx.db, ctx.viewer, row),
    listConsents(ctx.db, { subjectKind: 'signup', subjectId: id }),
  ]);
  return presentSignupDetail(row, { keys: ctx.keys, today: todayInChina(), needNames, duplicates, consents });
}
