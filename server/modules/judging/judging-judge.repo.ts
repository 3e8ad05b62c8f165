import { and, eq, isNull, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import { files, judgeAssignments, workFiles, type CallCategory, type CallCriterion } from '../../db/schema';

/**
 * The judge's own reads. Every query starts from the judge's sheets in a round that is open for scoring
 * or closed, and drops an entry the judge is conflicted on: a conflicted judge never sees it. Only the
 * entry's number, category, title and description leave here — nothing about who made it.
 */

const visible = (judgeUserId: number) => sql`
  ja.judge_user_id = ${judgeUserId} and r.status in ('scoring', 'closed')
  and not exists (select 1 from judge_conflicts jc
                  where jc.call_id = r.call_id and jc.judge_user_id = ja.judge_user_id and jc.entry_id = ja.entry_id)`;

export async function myRounds(db: Db, judgeUserId: number) {
  return queryRows<{
    roundId: number;
    callTitle: string;
    roundName: string;
    status: 'setup' | 'scoring' | 'closed';
    assigned: number;
    submitted: number;
  }>(
    db,
    sql`select r.id as "roundId", c.title as "callTitle", r.name as "roundName", r.status,
          count(*)::int as assigned,
          count(*) filter (where ja.status in ('submitted', 'abstained'))::int as submitted
        from judge_assignments ja join call_rounds r on r.id = ja.round_id join calls c on c.id = r.call_id
        where ${visible(judgeUserId)}
        group by r.id, c.title order by (r.status = 'closed'), r.opened_at desc, r.id desc`,
  );
}

export type MySheet = {
  entryId: number;
  entryNo: number;
  categoryKey: string;
  title: string;
  status: 'assigned' | 'submitted' | 'abstained' | 'rescore';
  total: number | null;
};

export async function mySheets(db: Db, judgeUserId: number, roundId: number) {
  return queryRows<MySheet>(
    db,
    sql`select ce.id as "entryId", ce.entry_no as "entryNo", w.category_key as "categoryKey", w.title,
          ja.status, ja.total::float8 as total
        from judge_assignments ja join call_rounds r on r.id = ja.round_id
        join call_entries ce on ce.id = ja.entry_id join works w on w.id = ce.work_id
        where ja.round_id = ${roundId} and ${visible(judgeUserId)} order by ce.entry_no`,
  );
}

export async function myRound(db: Db, judgeUserId: number, roundId: number) {
  const [row] = await queryRows<{
    roundName: string;
    callTitle: string;
    status: 'setup' | 'scoring' | 'closed';
    categories: CallCategory[];
  }>(
    db,
    sql`select r.name as "roundName", c.title as "callTitle", r.status, c.categories
        from call_rounds r join calls c on c.id = r.call_id
        where r.id = ${roundId} and r.status in ('scoring', 'closed')
          and exists (select 1 from judge_assignments ja where ja.round_id = r.id and ${visible(judgeUserId)})`,
  );
  return row;
}

export type SheetDetail = {
  sheetId: number;
  callId: number;
  workId: number;
  entryNo: number;
  categoryKey: string;
  title: string;
  description: string;
  categories: CallCategory[];
  rubric: CallCriterion[];
  roundStatus: 'setup' | 'scoring' | 'closed';
  status: 'assigned' | 'submitted' | 'abstained' | 'rescore';
  scores: Record<string, number>;
  total: number | null;
  comment: string;
  abstainReason: string | null;
  rescoreNote: string | null;
  version: number;
};

export async function mySheet(db: Db, judgeUserId: number, roundId: number, entryId: number, lock = false) {
  const [row] = await queryRows<SheetDetail>(
    db,
    sql`select ja.id as "sheetId", r.call_id as "callId", ce.work_id as "workId", ce.entry_no as "entryNo",
          w.category_key as "categoryKey", w.title, w.description, c.categories, c.rubric,
          r.status as "roundStatus", ja.status, ja.scores, ja.total::float8 as total, ja.comment,
          ja.abstain_reason as "abstainReason", ja.rescore_note as "rescoreNote", ja.version
        from judge_assignments ja join call_rounds r on r.id = ja.round_id join calls c on c.id = r.call_id
        join call_entries ce on ce.id = ja.entry_id join works w on w.id = ce.work_id
        where ja.round_id = ${roundId} and ja.entry_id = ${entryId} and ${visible(judgeUserId)}
        ${lock ? sql`for update of ja` : sql``}`,
  );
  return row;
}

export async function workFileList(db: Db, workId: number) {
  return db
    .select({
      id: workFiles.id,
      kind: workFiles.kind,
      mime: files.mime,
      size: files.size,
    })
    .from(workFiles)
    .innerJoin(files, eq(files.id, workFiles.fileId))
    .where(and(eq(workFiles.workId, workId), isNull(workFiles.removedAt)))
    .orderBy(workFiles.position, workFiles.id);
}

export async function workFileRow(db: Db, workId: number, workFileId: number) {
  const [row] = await db
    .select({ file: files, kind: workFiles.kind, position: workFiles.position })
    .from(workFiles)
    .innerJoin(files, eq(files.id, workFiles.fileId))
    .where(and(eq(workFiles.workId, workId), eq(workFiles.id, workFileId), isNull(workFiles.removedAt)));
  return row;
}

export async function saveSheet(
  tx: Db,
  sheetId: number,
  patch: Partial<typeof judgeAssignments.$inferInsert>,
) {
  await tx
    .update(judgeAssignments)
    .set({ ...patch, version: sql`${judgeAssignments.version} + 1` })
    .where(eq(judgeAssignments.id, sheetId));
}

/** Share-locks the round while a sheet changes, so closing waits for it (or it sees the round closed). */
export async function roundStatusLocked(tx: Db, roundId: number) {
  const [row] = await queryRows<{ status: 'setup' | 'scoring' | 'closed' }>(
    tx,
    sql`select status from call_rounds where id = ${roundId} for share`,
  );
  return row?.status;
}
