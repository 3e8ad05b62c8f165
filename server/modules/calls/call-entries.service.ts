import type { z } from 'zod';
import { sql } from 'drizzle-orm';
import type { searchCallEntries } from '../../../common/contracts/calls';
import { todayInChina } from '../../../common/validators';
import { decryptField } from '../../platform/crypto/field-crypto';
import { openFileStream } from '../../platform/files/file-store';
import type { RequestContext } from '../../platform/http/context';
import { badRequest, conflict, notFound, staleVersion } from '../../platform/http/errors';
import { escapeLike } from '../../platform/search/like';
import { listConsents } from '../privacy/privacy.service';
import * as calls from './calls.repo';
import { presentEntryDetail, presentEntryItem } from './call-entries.present';
import * as repo from './call-entries.repo';

/** The entries a call received: the list, one entry's detail, its files, and the identifying-content mark. */

export type EntriesCtx = Pick<RequestContext, 'db' | 'viewer' | 'audit' | 'keys' | 'config'>;
type SearchBody = z.output<NonNullable<(typeof searchCallEntries)['body']>>;

/** "7", "0007" or "作品 0007" finds entry no. 7 besides titles and names containing the words. */
export function keywordConditions(
  keyword: string | null | undefined,
): Pick<repo.EntryConditions, 'pattern' | 'entryNo'> {
  const q = keyword?.trim();
  if (!q) return {};
  const no = /^(?:作品\s*)?0*(\d{1,7})$/.exec(q);
  return { pattern: `%${escapeLike(q)}%`, ...(no ? { entryNo: Number(no[1]) } : {}) };
}

export async function search(ctx: EntriesCtx, callId: number, body: SearchBody) {
  const call = await calls.findCall(ctx.db, ctx.viewer, callId);
  const desc = body.sort?.startsWith('-') ?? false;
  const key = body.sort?.replace(/^-/, '') ?? 'entryNo';
  const column = Object.hasOwn(repo.ENTRY_ORDER, key) ? repo.ENTRY_ORDER[key] : repo.ENTRY_ORDER.entryNo;
  const { rows, total } = await repo.searchEntryRows(
    ctx.db,
    ctx.viewer,
    callId,
    {
      status: body.status,
      categoryKey: body.categoryKey,
      origin: body.origin,
      identifying: body.identifying,
      ...keywordConditions(body.keyword),
    },
    {
      order: desc ? sql`${column} desc` : column,
      limit: body.pageSize,
      offset: (body.page - 1) * body.pageSize,
    },
  );
  return {
    items: rows.map((r) => presentEntryItem(r, call.categories)),
    total,
    page: body.page,
    pageSize: body.pageSize,
  };
}

export async function detail(ctx: EntriesCtx, id: number) {
  const row = await repo.findEntry(ctx.db, ctx.viewer, id);
  const [call, entrants, files, consents, history] = await Promise.all([
    calls.findCall(ctx.db, ctx.viewer, row.callId),
    repo.entrantsOf(ctx.db, row.workId),
    repo.filesOf(ctx.db, row.workId),
    listConsents(ctx.db, { subjectKind: 'work', subjectId: row.workId }),
    repo.historyOf(ctx.db, id, row.createdAt),
  ]);
  return presentEntryDetail(row, {
    keys: ctx.keys,
    viewer: ctx.viewer,
    today: todayInChina(),
    categories: call.categories,
    entrants,
    files,
    consents,
    history,
  });
}

/** The decrypted file as a stream, after the scope check; the download is audited before it is sent. */
export async function download(ctx: EntriesCtx, id: number, fileId: number) {
  const row = await repo.findEntry(ctx.db, ctx.viewer, id);
  const file = (await repo.filesOf(ctx.db, row.workId)).find((f) => f.id === fileId && f.removedAt === null);
  if (!file) throw notFound('作品文件');
  const stream = await openFileStream(ctx, file);
  await ctx.audit({
    action: 'calls.entry_file_downloaded',
    targetType: 'call_entry',
    targetId: id,
    targetLabel: repo.entryLabel(row.entryNo),
    detail: { workFileId: fileId, fileName: file.originalName },
  });
  return { stream, filename: file.originalName, mime: file.mime, size: file.size };
}

/** As the registry reveals a record's numbers: with a reason, which is audited and must not carry numbers. */
export async function revealEntrant(ctx: EntriesCtx, id: number, entrantId: number, reason: string) {
  const row = await repo.findEntry(ctx.db, ctx.viewer, id);
  const entrant = (await repo.entrantsOf(ctx.db, row.workId)).find((e) => e.id === entrantId);
  if (!entrant) throw notFound('作者');
  if (/\d{6,}/.test(reason.replace(/[\s-]/g, ''))) {
    throw badRequest('查看原因中不要填写身份证号、手机号等号码', [{ path: 'reason', message: '请去掉号码' }]);
  }
  const idNumber = entrant.idNumberEnc ? decryptField(ctx.keys, entrant.idNumberEnc) : null;
  const phone = entrant.phoneEnc ? decryptField(ctx.keys, entrant.phoneEnc) : null;
  await ctx.audit({
    action: 'calls.entrant_revealed',
    targetType: 'call_entry',
    targetId: id,
    targetLabel: repo.entryLabel(row.entryNo),
    detail: {
      entrantId,
      reason,
      fields: [...(idNumber ? ['idNumber'] : []), ...(phone ? ['phone'] : [])],
    },
  });
  return { idNumber, phone };
}

/** A work whose content reveals its maker is kept out of blind rounds; the note says what gives it away. */
export async function markIdentifying(
  ctx: EntriesCtx,
  id: number,
  b: { version: number; identifying: boolean; note?: string | null },
) {
  await ctx.db.transaction(async (tx) => {
    const [row] = await repo.lockEntries(tx, ctx.viewer, [id]);
    if (!row) throw notFound('作品');
    if (row.version !== b.version) throw staleVersion();
    if (row.identifying === b.identifying && !b.identifying) throw conflict('该作品没有“含身份信息”标记');
    const note = b.identifying ? (b.note ?? null) : null;
    if (
      !(await repo.updateEntryRow(tx, id, b.version, { identifying: b.identifying, identifyingNote: note }))
    ) {
      throw staleVersion();
    }
    await ctx.audit(
      {
        action: 'calls.entry_identifying',
        targetType: 'call_entry',
        targetId: id,
        targetLabel: repo.entryLabel(row.entryNo),
        detail: { identifying: b.identifying, ...(note ? { note } : {}) },
      },
      tx,
    );
  });
  return detail(ctx, id);
}
