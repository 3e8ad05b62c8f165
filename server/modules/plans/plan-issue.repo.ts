/**
 * Issuing a plan downward: one copy per target unit, made set-wise (a plan issued to every county of the
 * country is a handful of statements, not thousands). Sections and tasks of the copy are matched to the
 * template's by ordinal, departments by name within the receiving unit.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import { inScope } from '../../platform/access/scope';
import { escapeLike } from '../../platform/search/like';
import type { LightCounts } from '../../../common/contracts/plans';
import type { UnitLevel } from '../../../common/access';
import { countsSelect, unitName } from './plan-light.repo';
import type { Scope } from './plans.repo';

const ids = (list: number[]) => sql`${`{${list.join(',')}}`}::int[]`;

/** Units strictly below `path`: at the given levels, or the 重点联系城市 among them. */
export async function unitsBelow(
  db: Db,
  path: string,
  f: { levels?: UnitLevel[]; keyContactCity?: boolean },
): Promise<number[]> {
  const level = f.levels ? sql`and level = any(${`{${f.levels.join(',')}}`}::text[])` : sql``;
  const key = f.keyContactCity ? sql`and key_contact_city` : sql``;
  const rows = await queryRows<{ id: number }>(
    db,
    sql`select id from units where path like ${escapeLike(path) + '%'} and path <> ${path} ${level} ${key}
        order by path`,
  );
  return rows.map((r) => r.id);
}

export async function unitPaths(db: Db, unitIds: number[]) {
  return queryRows<{ id: number; path: string }>(
    db,
    sql`select id, path from units where id = any(${ids(unitIds)})`,
  );
}

/** Copies the template to each target that has no copy yet; returns the new plans' ids. */
export async function copyPlans(db: Db, templateId: number, targets: number[], userId: number) {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`insert into work_plans (unit_id, title, kind, year, doc_number, issuer, start_date, end_date,
          preamble, closing, source, template_id, issued_at, created_by)
        select tu.id, tp.title, tp.kind, tp.year, tp.doc_number, coalesce(tp.issuer, su.org_name),
          tp.start_date, tp.end_date, tp.preamble, tp.closing, 'issued', tp.id, now(), ${userId}
        from work_plans tp join units su on su.id = tp.unit_id cross join units tu
        where tp.id = ${templateId} and tu.id = any(${ids(targets)})
          and not exists (select 1 from work_plans c where c.template_id = tp.id and c.unit_id = tu.id)
        returning id`,
  );
  return rows.map((r) => r.id);
}

/** Sections, tasks (departments by name), participants, milestones and indicators into the new copies. */
export async function copyContents(db: Db, templateId: number, copies: number[], userId: number) {
  const sections = sql`(select s.*, row_number() over (order by s.sort_order, s.id)::int as n
    from plan_sections s where s.plan_id = ${templateId})`;
  const tasks = sql`(select t.*, row_number() over (order by t.sort_order, t.id)::int as n
    from plan_tasks t where t.plan_id = ${templateId})`;
  await db.execute(
    sql`insert into plan_sections (plan_id, unit_id, number, title, intro, sort_order)
        select c.id, c.unit_id, ts.number, ts.title, ts.intro, ts.n
        from work_plans c cross join ${sections} ts where c.id = any(${ids(copies)})`,
  );
  // A note written by hand may be empty: the copy then names the departments, so none is lost where the
  // receiving unit has no department of that name.
  const note = sql`case when tt.departments_note <> '' then tt.departments_note
    else coalesce('（责任部门：' || nullif(concat_ws('、', ld.name, (select string_agg(od.name, '、' order by td.sort_order)
      from plan_task_departments td join departments od on od.id = td.department_id where td.task_id = tt.id)), '')
      || '）', '') end`;
  await db.execute(
    sql`insert into plan_tasks (plan_id, unit_id, section_id, number, title, content, departments_note,
          lead_department_id, collective, start_date, deadline, deadline_text, sort_order, created_by)
        select c.id, c.unit_id, cs.id, tt.number, tt.title, tt.content, ${note},
          (select d.id from departments d where d.unit_id = c.unit_id and d.name = ld.name),
          tt.collective, tt.start_date, tt.deadline, tt.deadline_text, tt.n, ${userId}
        from work_plans c cross join ${tasks} tt
        left join departments ld on ld.id = tt.lead_department_id
        left join ${sections} ts on ts.id = tt.section_id
        left join plan_sections cs on cs.plan_id = c.id and cs.sort_order = ts.n
        where c.id = any(${ids(copies)})`,
  );
  const pairs = sql`work_plans c join plan_tasks ct on ct.plan_id = c.id join ${tasks} tt on tt.n = ct.sort_order`;
  await db.execute(
    sql`insert into plan_task_departments (task_id, department_id, sort_order)
        select ct.id, d.id, td.sort_order from ${pairs}
        join plan_task_departments td on td.task_id = tt.id
        join departments od on od.id = td.department_id
        join departments d on d.unit_id = c.unit_id and d.name = od.name
        where c.id = any(${ids(copies)}) and d.id is distinct from ct.lead_department_id
        on conflict do nothing`,
  );
  await db.execute(
    sql`insert into plan_milestones (task_id, unit_id, title, due_date, due_text, sort_order)
        select ct.id, c.unit_id, m.title, m.due_date, m.due_text, m.sort_order from ${pairs}
        join plan_milestones m on m.task_id = tt.id where c.id = any(${ids(copies)})`,
  );
  await db.execute(
    sql`insert into plan_indicators (task_id, unit_id, name, phrase, comparator, target, measure, period,
          sort_order)
        select ct.id, c.unit_id, i.name, i.phrase, i.comparator, i.target, i.measure, i.period, i.sort_order
        from ${pairs} join plan_indicators i on i.task_id = tt.id where c.id = any(${ids(copies)})`,
  );
}

export type CopyRow = {
  planId: number;
  unitId: number;
  unitName: string;
  unitLevel: UnitLevel;
  issuedAt: Date | string | null;
  lastProgressOn: string | null;
  counts: LightCounts;
};

export async function copyRows(
  db: Db,
  scope: Scope,
  templateId: number,
  f: { q?: string; limit: number; offset: number },
  today: string,
) {
  const where = sql`p.template_id = ${templateId} and ${inScope(sql`p.unit_id`, scope)}
    ${f.q ? sql`and u.name like ${`%${escapeLike(f.q)}%`}` : sql``}`;
  const rows = await queryRows<CopyRow>(
    db,
    sql`select p.id as "planId", p.unit_id as "unitId", ${unitName('u')} as "unitName", u.level as "unitLevel",
          p.issued_at as "issuedAt",
          (select max(t.last_progress_on)::text from plan_tasks t where t.plan_id = p.id) as "lastProgressOn",
          (select row_to_json(x) from (select ${countsSelect(today)} from plan_tasks t where t.plan_id = p.id) x)
            as counts
        from work_plans p join units u on u.id = p.unit_id where ${where}
        order by u.path limit ${f.limit} offset ${f.offset}`,
  );
  const [summary] = await queryRows<LightCounts & { units: number }>(
    db,
    sql`select count(distinct p.id)::int as units, ${countsSelect(today)}
        from work_plans p join units u on u.id = p.unit_id left join plan_tasks t on t.plan_id = p.id
        where ${where}`,
  );
  return { rows, summary };
}
