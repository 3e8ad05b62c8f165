import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import { planProgress, planProgressFiles } from '../../db/schema';
import { notFound } from '../../platform/http/errors';
import type { TaskStatus } from '../../../common/contracts/plans';

export type ProgressRow = {
  id: number;
  date: string;
  text: string;
  status: TaskStatus;
  progress: number;
  actuals: { indicatorId: number; value: number }[];
  files: { id: number; name: string; size: number | string }[];
  by: string | null;
  at: Date | string;
};

/** Newest first: the task page shows the history from the latest report down. */
export async function progressRows(db: Db, taskId: number): Promise<ProgressRow[]> {
  return queryRows<ProgressRow>(
    db,
    sql`select pr.id, pr.date::text as date, pr.text, pr.status, pr.progress, pr.actuals,
          (select coalesce(json_agg(json_build_object('id', f.id, 'name', f.name, 'size', f.size) order by f.id),
            '[]') from plan_progress_files pf join files f on f.id = pf.file_id
            where pf.progress_id = pr.id) as files,
          us.display_name as by, pr.created_at as at
        from plan_progress pr left join users us on us.id = pr.created_by
        where pr.task_id = ${taskId} order by pr.date desc, pr.id desc`,
  );
}

export async function insertProgress(db: Db, values: typeof planProgress.$inferInsert): Promise<number> {
  const [row] = await db.insert(planProgress).values(values).returning({ id: planProgress.id });
  return row.id;
}

export type TaskReport = { status: TaskStatus; progress: number; date: string; completedOn: string | null };

export async function applyReport(db: Db, taskId: number, version: number, r: TaskReport) {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`update plan_tasks set status = ${r.status}, progress = ${r.progress}, last_progress_on = ${r.date},
          completed_on = ${r.completedOn}, updated_at = now(), version = version + 1
        where id = ${taskId} and version = ${version} returning id`,
  );
  return rows.length > 0;
}

/** Sets an indicator's actual; false when the indicator is not the task's. */
export async function setActual(db: Db, taskId: number, indicatorId: number, value: number, on: string) {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`update plan_indicators set actual = ${value}, actual_on = ${on}
        where id = ${indicatorId} and task_id = ${taskId} returning id`,
  );
  return rows.length > 0;
}

export async function findProgress(db: Db, taskId: number, progressId: number) {
  const rows = await queryRows<{ id: number; date: string }>(
    db,
    sql`select id, date::text as date from plan_progress where task_id = ${taskId} and id = ${progressId}`,
  );
  if (!rows[0]) throw notFound('进展记录');
  return rows[0];
}

export async function linkProgressFile(db: Db, progressId: number, fileId: number) {
  await db.insert(planProgressFiles).values({ progressId, fileId });
}

export async function progressFile(db: Db, progressId: number, fileId: number) {
  const rows = await queryRows<{ fileId: number }>(
    db,
    sql`select file_id as "fileId" from plan_progress_files where progress_id = ${progressId} and file_id = ${fileId}`,
  );
  if (!rows[0]) throw notFound('进展附件');
  return rows[0].fileId;
}

/** Each task's latest report, for the plan's progress report. */
export async function latestProgressOfPlan(db: Db, planId: number) {
  return queryRows<{ taskId: number; date: string; text: string }>(
    db,
    sql`select distinct on (pr.task_id) pr.task_id as "taskId", pr.date::text as date, pr.text
        from plan_progress pr join plan_tasks t on t.id = pr.task_id
        where t.plan_id = ${planId} order by pr.task_id, pr.date desc, pr.id desc`,
  );
}
