import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import { planTaskDepartments, planTasks } from '../../db/schema';
import { inScope } from '../../platform/access/scope';
import { notFound } from '../../platform/http/errors';
import { escapeLike } from '../../platform/search/like';
import type { Light, TaskStatus } from '../../../common/contracts/plans';
import type { UnitLevel } from '../../../common/access';
import {
  TASK_DEADLINE,
  TASK_START,
  taskEffectiveStatusSql,
  taskLightSql,
  taskMissed,
  taskOverdueSql,
  unitName,
} from './plan-light.repo';
import type { Scope } from './plans.repo';

export type TaskRow = {
  id: number;
  planId: number;
  planTitle: string;
  planYear: number;
  unitId: number;
  unitName: string;
  unitLevel: UnitLevel;
  sectionId: number | null;
  sectionNumber: string | null;
  sectionTitle: string | null;
  number: string;
  title: string;
  leadId: number | null;
  leadName: string | null;
  participants: { id: number; name: string }[];
  collective: string | null;
  owner: string | null;
  startDate: string | null;
  effectiveStart: string | null;
  deadline: string | null;
  ownDeadline: string | null;
  deadlineText: string | null;
  status: TaskStatus;
  progress: number;
  missed: boolean;
  lastProgressOn: string | null;
  completedOn: string | null;
  version: number;
};

const FROM = sql`plan_tasks t join work_plans p on p.id = t.plan_id join units u on u.id = t.unit_id
  left join plan_sections s on s.id = t.section_id left join departments ld on ld.id = t.lead_department_id`;

const PARTICIPANTS = sql`(select coalesce(json_agg(json_build_object('id', d.id, 'name', d.name)
    order by td.sort_order, d.id), '[]') from plan_task_departments td
    join departments d on d.id = td.department_id where td.task_id = t.id)`;

const columns = (today: string) => sql`t.id, t.plan_id as "planId", p.title as "planTitle",
  p.year as "planYear", t.unit_id as "unitId", ${unitName('u')} as "unitName", u.level as "unitLevel",
  t.section_id as "sectionId", s.number as "sectionNumber", s.title as "sectionTitle", t.number, t.title,
  t.lead_department_id as "leadId", ld.name as "leadName", ${PARTICIPANTS} as participants, t.collective,
  t.owner, t.start_date::text as "startDate", ${TASK_START}::text as "effectiveStart",
  ${TASK_DEADLINE}::text as deadline, t.deadline::text as "ownDeadline", t.deadline_text as "deadlineText",
  t.status, t.progress, ${taskMissed(today)} as missed, t.last_progress_on::text as "lastProgressOn",
  t.completed_on::text as "completedOn", t.version`;

export type TaskFilter = {
  unit?: { id: number; path: string; includeDescendants: boolean };
  planId?: number;
  year?: number;
  departmentId?: number;
  role?: 'lead' | 'participant';
  status?: TaskStatus;
  light?: Light;
  overdue?: boolean;
  q?: string;
};

function conditions(scope: Scope, f: TaskFilter, today: string): SQL {
  const c: SQL[] = [inScope(sql`t.unit_id`, scope)];
  if (f.unit) {
    c.push(
      f.unit.includeDescendants
        ? sql`u.path like ${escapeLike(f.unit.path) + '%'}`
        : sql`t.unit_id = ${f.unit.id}`,
    );
  }
  if (f.planId) c.push(sql`t.plan_id = ${f.planId}`);
  if (f.year) c.push(sql`p.year = ${f.year}`);
  if (f.departmentId) {
    const lead = sql`t.lead_department_id = ${f.departmentId}`;
    const participant = sql`exists (select 1 from plan_task_departments td
      where td.task_id = t.id and td.department_id = ${f.departmentId})`;
    c.push(
      f.role === 'lead' ? lead : f.role === 'participant' ? participant : sql`(${lead} or ${participant})`,
    );
  }
  if (f.status) c.push(sql`${taskEffectiveStatusSql(today)} = ${f.status}`);
  if (f.light) c.push(sql`${taskLightSql(today)} = ${f.light}`);
  if (f.overdue !== undefined) c.push(f.overdue ? taskOverdueSql(today) : sql`not ${taskOverdueSql(today)}`);
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    c.push(sql`(t.title like ${like} or t.content like ${like} or p.title like ${like})`);
  }
  return sql.join(c, sql` and `);
}

const SORTS: Record<string, SQL> = {
  deadline: sql`${TASK_DEADLINE} nulls last`,
  '-deadline': sql`${TASK_DEADLINE} desc nulls last`,
  progress: sql`t.progress`,
  '-progress': sql`t.progress desc`,
  lastProgressOn: sql`t.last_progress_on nulls first`,
  '-lastProgressOn': sql`t.last_progress_on desc nulls last`,
};

export async function listTaskRows(
  db: Db,
  scope: Scope,
  f: TaskFilter,
  page: { limit: number; offset: number; sort?: string },
  today: string,
): Promise<{ rows: TaskRow[]; total: number }> {
  const where = conditions(scope, f, today);
  const first = page.sort && SORTS[page.sort] ? sql`${SORTS[page.sort]}, ` : sql``;
  const rows = await queryRows<TaskRow>(
    db,
    sql`select ${columns(today)} from ${FROM} where ${where}
        order by ${first}p.year desc, t.plan_id desc, s.sort_order nulls first, t.sort_order, t.id
        limit ${page.limit} offset ${page.offset}`,
  );
  const [count] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from plan_tasks t join work_plans p on p.id = t.plan_id
        join units u on u.id = t.unit_id where ${where}`,
  );
  return { rows, total: count.n };
}

/** A plan's tasks in their order (the plan itself was checked for scope by the caller). */
export async function planTaskRows(db: Db, planId: number, today: string): Promise<TaskRow[]> {
  return queryRows<TaskRow>(
    db,
    sql`select ${columns(today)} from ${FROM} where t.plan_id = ${planId}
        order by s.sort_order nulls first, t.sort_order, t.id`,
  );
}

export async function findTask(
  db: Db,
  scope: Scope,
  id: number,
  today: string,
): Promise<TaskRow & { content: string; departmentsNote: string }> {
  const rows = await queryRows<TaskRow & { content: string; departmentsNote: string }>(
    db,
    sql`select ${columns(today)}, t.content, t.departments_note as "departmentsNote" from ${FROM}
        where ${inScope(sql`t.unit_id`, scope)} and t.id = ${id}`,
  );
  if (!rows[0]) throw notFound('任务');
  return rows[0];
}

/** Locks the task (and reads its plan's unit) for a change; out of scope is not found. */
export async function lockTask(db: Db, scope: Scope, id: number) {
  const rows = await queryRows<{
    id: number;
    planId: number;
    unitId: number;
    title: string;
    number: string;
    version: number;
    lastProgressOn: string | null;
  }>(
    db,
    sql`select t.id, t.plan_id as "planId", t.unit_id as "unitId", t.title, t.number, t.version,
          t.last_progress_on::text as "lastProgressOn"
        from plan_tasks t where ${inScope(sql`t.unit_id`, scope)} and t.id = ${id} for update of t`,
  );
  if (!rows[0]) throw notFound('任务');
  return rows[0];
}

export type TaskValues = Omit<typeof planTasks.$inferInsert, 'id' | 'createdAt' | 'updatedAt' | 'version'>;

export async function insertTask(db: Db, values: TaskValues): Promise<number> {
  const [row] = await db.insert(planTasks).values(values).returning({ id: planTasks.id });
  return row.id;
}

export async function nextTaskOrder(db: Db, planId: number): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select coalesce(max(sort_order) + 1, 0)::int as n from plan_tasks where plan_id = ${planId}`,
  );
  return row.n;
}

export type TaskChanges = Pick<
  TaskValues,
  | 'sectionId'
  | 'number'
  | 'title'
  | 'content'
  | 'departmentsNote'
  | 'leadDepartmentId'
  | 'collective'
  | 'owner'
  | 'startDate'
  | 'deadline'
  | 'deadlineText'
>;

export async function updateTaskAtVersion(db: Db, id: number, version: number, c: TaskChanges) {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`update plan_tasks set section_id = ${c.sectionId ?? null}, number = ${c.number ?? ''},
          title = ${c.title}, content = ${c.content ?? ''}, departments_note = ${c.departmentsNote ?? ''},
          lead_department_id = ${c.leadDepartmentId ?? null}, collective = ${c.collective ?? null},
          owner = ${c.owner ?? null}, start_date = ${c.startDate ?? null}, deadline = ${c.deadline ?? null},
          deadline_text = ${c.deadlineText ?? null}, updated_at = now(), version = version + 1
        where id = ${id} and version = ${version} returning id`,
  );
  return rows.length > 0;
}

export async function setParticipants(db: Db, taskId: number, departmentIds: number[]) {
  await db.execute(sql`delete from plan_task_departments where task_id = ${taskId}`);
  if (departmentIds.length === 0) return;
  await db
    .insert(planTaskDepartments)
    .values(departmentIds.map((departmentId, sortOrder) => ({ taskId, departmentId, sortOrder })));
}

/** Departments of the unit among `ids` (a department of another unit is not found). */
export async function departmentsOfUnit(db: Db, unitId: number, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await queryRows<{ id: number }>(
    db,
    sql`select id from departments where unit_id = ${unitId} and id = any(${`{${ids.join(',')}}`}::int[])`,
  );
  return rows.map((r) => r.id);
}

export async function sectionOfPlan(db: Db, planId: number, sectionId: number): Promise<boolean> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`select id from plan_sections where plan_id = ${planId} and id = ${sectionId}`,
  );
  return rows.length > 0;
}

/** A task and everything under it (its progress files' stored files stay). */
export async function deleteTaskRows(db: Db, taskId: number) {
  await db.execute(
    sql`delete from plan_progress_files where progress_id in (select id from plan_progress where task_id = ${taskId})`,
  );
  await db.execute(sql`delete from plan_progress where task_id = ${taskId}`);
  await db.execute(sql`delete from plan_milestones where task_id = ${taskId}`);
  await db.execute(sql`delete from plan_indicators where task_id = ${taskId}`);
  await db.execute(sql`delete from plan_task_departments where task_id = ${taskId}`);
  await db.execute(sql`delete from plan_tasks where id = ${taskId}`);
}
