/** A task's milestones (推进节点) and quantitative indicators (目标 vs 实际). */
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import { planIndicators, planMilestones } from '../../db/schema';
import type { Comparator } from '../../../common/contracts/plans';

const ids = (list: number[]) => sql`${`{${list.join(',')}}`}::int[]`;

export async function insertMilestones(db: Db, rows: (typeof planMilestones.$inferInsert)[]) {
  if (rows.length) await db.insert(planMilestones).values(rows);
}

export async function insertIndicators(db: Db, rows: (typeof planIndicators.$inferInsert)[]) {
  if (rows.length) await db.insert(planIndicators).values(rows);
}

export type MilestoneRow = {
  id: number;
  title: string;
  dueDate: string | null;
  dueText: string | null;
  doneOn: string | null;
};

export async function milestoneRows(db: Db, taskId: number): Promise<MilestoneRow[]> {
  return queryRows<MilestoneRow>(
    db,
    sql`select id, title, due_date::text as "dueDate", due_text as "dueText", done_on::text as "doneOn"
        from plan_milestones where task_id = ${taskId} order by sort_order, id`,
  );
}

export async function updateMilestone(
  db: Db,
  id: number,
  m: Omit<MilestoneRow, 'id'> & { sortOrder: number },
) {
  await db.execute(
    sql`update plan_milestones set title = ${m.title}, due_date = ${m.dueDate}, due_text = ${m.dueText},
          done_on = ${m.doneOn}, sort_order = ${m.sortOrder} where id = ${id}`,
  );
}

export async function deleteMilestonesExcept(db: Db, taskId: number, keep: number[]) {
  await db.execute(
    sql`delete from plan_milestones where task_id = ${taskId} and not (id = any(${ids(keep)}))`,
  );
}

export async function markMilestonesDone(db: Db, taskId: number, milestoneIds: number[], on: string) {
  if (milestoneIds.length === 0) return 0;
  const rows = await queryRows<{ id: number }>(
    db,
    sql`update plan_milestones set done_on = ${on} where task_id = ${taskId}
          and id = any(${ids(milestoneIds)}) and done_on is null returning id`,
  );
  return rows.length;
}

export type IndicatorRow = {
  id: number;
  name: string;
  phrase: string | null;
  comparator: Comparator;
  target: number | null;
  measure: string | null;
  period: string | null;
  actual: number | null;
  actualOn: string | null;
};

export async function indicatorRows(db: Db, taskId: number): Promise<IndicatorRow[]> {
  return queryRows<IndicatorRow>(
    db,
    sql`select id, name, phrase, comparator, target::float8 as target, measure, period,
          actual::float8 as actual, actual_on::text as "actualOn"
        from plan_indicators where task_id = ${taskId} order by sort_order, id`,
  );
}

export async function updateIndicator(
  db: Db,
  id: number,
  i: Omit<IndicatorRow, 'id' | 'actual' | 'actualOn'> & { sortOrder: number },
) {
  await db.execute(
    sql`update plan_indicators set name = ${i.name}, phrase = ${i.phrase}, comparator = ${i.comparator},
          target = ${i.target}, measure = ${i.measure}, period = ${i.period}, sort_order = ${i.sortOrder}
        where id = ${id}`,
  );
}

export async function deleteIndicatorsExcept(db: Db, taskId: number, keep: number[]) {
  await db.execute(
    sql`delete from plan_indicators where task_id = ${taskId} and not (id = any(${ids(keep)}))`,
  );
}

export async function indicatorsOfPlan(db: Db, planId: number) {
  return queryRows<IndicatorRow & { taskId: number }>(
    db,
    sql`select i.task_id as "taskId", i.id, i.name, i.phrase, i.comparator, i.target::float8 as target,
          i.measure, i.period, i.actual::float8 as actual, i.actual_on::text as "actualOn"
        from plan_indicators i join plan_tasks t on t.id = i.task_id
        where t.plan_id = ${planId} order by i.task_id, i.sort_order, i.id`,
  );
}
