/**
 * The task SQL every plan query shares: a task's effective start and deadline (the plan's when it has
 * none), whether a milestone was missed, and the traffic light of plan-light.ts written in SQL, so lists
 * can filter, sort and count by it. plans.test.ts checks that both give the same light.
 */
import { sql, type SQL } from 'drizzle-orm';
import { BEHIND_POINTS, NEAR_DAYS, NEAR_PROGRESS } from './plan-light';

export type LightColumns = { status: SQL; progress: SQL; start: SQL; deadline: SQL; missed: SQL };

/** `case … end` giving 'green' | 'yellow' | 'red' | 'grey' for today (YYYY-MM-DD). */
export function lightSql(c: LightColumns, today: string): SQL {
  const d = sql`${today}::date`;
  return sql`(case
    when ${c.status} = 'done' then 'green'
    when ${c.deadline} is not null and ${c.deadline} < ${d} then 'red'
    when ${c.status} = 'lagging' then 'red'
    when ${c.deadline} is null then 'grey'
    when ${c.missed} then 'yellow'
    when (${c.deadline} - ${d}) <= ${NEAR_DAYS}::int and ${c.progress} < ${NEAR_PROGRESS}::int then 'yellow'
    when ${c.start} is not null and ${c.start} < ${d} and ${c.start} < ${c.deadline}
      and (${c.progress} + ${BEHIND_POINTS}::int) * (${c.deadline} - ${c.start}) < 100 * (${d} - ${c.start})
      then 'yellow'
    else 'green' end)`;
}

/** For a task `t` of plan `p`. */
export const TASK_START = sql`coalesce(t.start_date, p.start_date, make_date(p.year, 1, 1))`;
export const TASK_DEADLINE = sql`coalesce(t.deadline, p.end_date)`;

export function taskMissed(today: string): SQL {
  return sql`exists (select 1 from plan_milestones pm where pm.task_id = t.id
    and pm.due_date < ${today}::date and pm.done_on is null)`;
}

export function taskLightSql(today: string): SQL {
  return lightSql(
    {
      status: sql`t.status`,
      progress: sql`t.progress`,
      start: TASK_START,
      deadline: TASK_DEADLINE,
      missed: taskMissed(today),
    },
    today,
  );
}

export function taskOverdueSql(today: string): SQL {
  return sql`(t.status <> 'done' and ${TASK_DEADLINE} < ${today}::date)`;
}

export function taskEffectiveStatusSql(today: string): SQL {
  return sql`(case when ${taskOverdueSql(today)} then 'lagging' else t.status end)`;
}

/** Counts of the tasks matched by `where` (over `plan_tasks t join work_plans p`), as lightCounts. */
export function countsSelect(today: string): SQL {
  const l = taskLightSql(today);
  return sql`count(t.id)::int as tasks,
    count(t.id) filter (where t.status = 'done')::int as done,
    count(t.id) filter (where ${taskOverdueSql(today)})::int as overdue,
    count(t.id) filter (where ${l} = 'green')::int as green,
    count(t.id) filter (where ${l} = 'yellow')::int as yellow,
    count(t.id) filter (where ${l} = 'red')::int as red,
    count(t.id) filter (where ${l} = 'grey')::int as grey`;
}

/** A unit's display name: the central committee by its organisation name (中央 says nothing). */
export const unitName = (alias: string) =>
  sql.raw(`(case when ${alias}.level = 'central' then ${alias}.org_name else ${alias}.name end)`);
