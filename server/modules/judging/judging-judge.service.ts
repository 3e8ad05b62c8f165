import { ALLOWED_FILE_TYPES } from '../../platform/files/file-types';
import { openFileStream } from '../../platform/files/file-store';
import type { RequestContext } from '../../platform/http/context';
import { badRequest, conflict, notFound } from '../../platform/http/errors';
import { entryLabel } from '../calls/call-entries.repo';
import { scoreProblem, sheetTotal } from './judging-aggregate';
import * as judgeRepo from './judging-judge.repo';
import { redistribute } from './judging-rounds.service';
import * as repo from './judging.repo';

/**
 * The judge's own work. Everything here is read through the judge's sheets (judging-judge.repo), and
 * presents only the entry's number, category, title, description and neutral file labels.
 */

type Ctx = Pick<RequestContext, 'db' | 'viewer' | 'audit' | 'keys' | 'config'>;

const categoryLabel = (categories: { key: string; label: string }[], key: string) =>
  categories.find((c) => c.key === key)?.label ?? key;

/** 作品文件 1.jpg: the position and the extension of the detected type, never the entrant's file name. */
const extensionOf = (mime: string) =>
  ALLOWED_FILE_TYPES.find((t) => t.mime === mime)?.extensions[0] ?? mime.split('/')[1] ?? 'bin';
const fileLabel = (index: number, mime: string) => `作品文件 ${index + 1}.${extensionOf(mime)}`;

export async function myRounds(ctx: Ctx) {
  const rows = await judgeRepo.myRounds(ctx.db, ctx.viewer.userId);
  return { items: rows.map((r) => ({ ...r, left: r.assigned - r.submitted })) };
}

export async function myEntries(ctx: Ctx, roundId: number) {
  const round = await judgeRepo.myRound(ctx.db, ctx.viewer.userId, roundId);
  if (!round) throw notFound('评审轮次');
  const sheets = await judgeRepo.mySheets(ctx.db, ctx.viewer.userId, roundId);
  return {
    roundName: round.roundName,
    callTitle: round.callTitle,
    status: round.status,
    items: sheets.map((s) => ({
      entryId: s.entryId,
      entryLabel: entryLabel(s.entryNo),
      categoryLabel: categoryLabel(round.categories, s.categoryKey),
      title: s.title,
      status: s.status,
      total: s.total,
    })),
  };
}

async function sheetOrFail(ctx: Ctx, roundId: number, entryId: number) {
  const sheet = await judgeRepo.mySheet(ctx.db, ctx.viewer.userId, roundId, entryId);
  if (!sheet) throw notFound('作品');
  return sheet;
}

export async function myEntry(ctx: Ctx, roundId: number, entryId: number) {
  const sheet = await sheetOrFail(ctx, roundId, entryId);
  const [files, siblings] = await Promise.all([
    judgeRepo.workFileList(ctx.db, sheet.workId),
    judgeRepo.mySheets(ctx.db, ctx.viewer.userId, roundId),
  ]);
  const at = siblings.findIndex((s) => s.entryId === entryId);
  return {
    entryId,
    entryLabel: entryLabel(sheet.entryNo),
    categoryLabel: categoryLabel(sheet.categories, sheet.categoryKey),
    title: sheet.title,
    description: sheet.description,
    files: files.map((f, i) => ({
      id: f.id,
      label: fileLabel(i, f.mime),
      kind: f.kind,
      mime: f.mime,
      size: f.size,
    })),
    rubric: sheet.rubric.map((c) => ({
      key: c.key,
      label: c.label,
      weight: c.weight,
      maxScore: c.maxScore,
      description: c.description,
    })),
    roundStatus: sheet.roundStatus,
    status: sheet.status,
    scores: sheet.scores,
    total: sheet.total,
    comment: sheet.comment,
    abstainReason: sheet.abstainReason,
    rescoreNote: sheet.rescoreNote,
    previousEntryId: siblings[at - 1]?.entryId ?? null,
    nextEntryId: siblings[at + 1]?.entryId ?? null,
  };
}

export async function myEntryFile(ctx: Ctx, roundId: number, entryId: number, workFileId: number) {
  const sheet = await sheetOrFail(ctx, roundId, entryId);
  const list = await judgeRepo.workFileList(ctx.db, sheet.workId);
  const index = list.findIndex((f) => f.id === workFileId);
  const row = index < 0 ? undefined : await judgeRepo.workFileRow(ctx.db, sheet.workId, workFileId);
  if (!row) throw notFound('文件');
  return {
    filename: fileLabel(index, row.file.mime),
    mime: row.file.mime,
    size: row.file.size,
    stream: await openFileStream(ctx, row.file),
  };
}

/** Changes the judge's sheet while the round is open for scoring; the round is share-locked meanwhile. */
async function changeSheet(
  ctx: Ctx,
  roundId: number,
  entryId: number,
  change: (sheet: judgeRepo.SheetDetail) => Parameters<typeof judgeRepo.saveSheet>[2],
  action: 'judging.scored' | 'judging.abstained',
) {
  await ctx.db.transaction(async (tx) => {
    if ((await judgeRepo.roundStatusLocked(tx, roundId)) !== 'scoring')
      throw conflict('本轮评分未开放或已结束，不能再修改');
    const sheet = await judgeRepo.mySheet(tx, ctx.viewer.userId, roundId, entryId, true);
    if (!sheet) throw notFound('作品');
    const patch = change(sheet);
    await judgeRepo.saveSheet(tx, sheet.sheetId, patch);
    await ctx.audit(
      {
        action,
        targetType: 'call_entry',
        targetId: entryId,
        targetLabel: entryLabel(sheet.entryNo),
        detail: { roundId, total: patch.total ?? null },
      },
      tx,
    );
  });
  return myEntry(ctx, roundId, entryId);
}

export function score(
  ctx: Ctx,
  roundId: number,
  entryId: number,
  body: { scores: Record<string, number>; comment: string },
) {
  return changeSheet(
    ctx,
    roundId,
    entryId,
    (sheet) => {
      const problem = scoreProblem(sheet.rubric, body.scores);
      if (problem) throw badRequest(problem, [{ path: 'scores', message: problem }]);
      return {
        status: 'submitted',
        scores: body.scores,
        total: sheetTotal(sheet.rubric, body.scores),
        comment: body.comment,
        abstainReason: null,
        submittedAt: new Date(),
      };
    },
    'judging.scored',
  );
}

export function abstain(ctx: Ctx, roundId: number, entryId: number, reason: string) {
  return changeSheet(
    ctx,
    roundId,
    entryId,
    () => ({ status: 'abstained', scores: {}, total: null, abstainReason: reason, submittedAt: new Date() }),
    'judging.abstained',
  );
}

/** A declared conflict takes the entry off the judge's list for good and gives it to another judge if one can. */
export async function declareConflict(ctx: Ctx, roundId: number, entryId: number, reason: string) {
  await ctx.db.transaction(async (tx) => {
    if ((await judgeRepo.roundStatusLocked(tx, roundId)) !== 'scoring')
      throw conflict('本轮评分未开放或已结束');
    const sheet = await judgeRepo.mySheet(tx, ctx.viewer.userId, roundId, entryId, true);
    if (!sheet) throw notFound('作品');
    await repo.insertConflict(tx, {
      callId: sheet.callId,
      judgeUserId: ctx.viewer.userId,
      entryId,
      source: 'declared',
      reason,
      createdBy: ctx.viewer.userId,
    });
    await repo.removeSheet(tx, roundId, entryId, ctx.viewer.userId);
    const replacement = await redistribute(tx, roundId, entryId);
    await ctx.audit(
      {
        action: 'judging.conflict_declared',
        targetType: 'call_entry',
        targetId: entryId,
        targetLabel: entryLabel(sheet.entryNo),
        detail: { roundId, reassigned: replacement !== null },
      },
      tx,
    );
  });
  return { ok: true as const };
}
