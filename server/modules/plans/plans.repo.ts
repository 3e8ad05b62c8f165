import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import { planSections, workPlans } from '../../db/schema';
import { inScope } from '../../platform/access/scope';
import type { Viewer } from '../../platform/access/viewer';
import { notFound } from '../../platform/http/errors';
import { escapeLike } from '../../platform/search/like';
import type { LightCounts, PlanKind, PlanSource } from '../../../common/contracts/plans';
import type { UnitLevel } from '../../../common/access';
import { countsSelect, unitName } from './plan-light.repo';

export type Scope = Pick<Viewer, 'unitPath'>;

export type PlanRow = {
  id: number;
  unitId: number;
  unitName: string;
  unitLevel: UnitLevel;
  unitPath: string;
  title: string;
  kind: PlanKind;
  year: number;
  docNumber: string | null;
  issuer: string | null;
  startDate: string | null;
  endDate: string | null;
  source: PlanSource;
  sourceFileId: number | null;
  templateId: number | null;
  issuedBy: string | null;
  issuedAt: Date | string | null;
  preamble: string;
  closing: string;
  copies: number;
  version: number;
  createdAt: Date | string;
  counts: LightCounts;
};

const COLUMNS = (today: string) => sql`p.id, p.unit_id as "unitId", ${unitName('u')} as "unitName",
  u.level as "unitLevel", u.path as "unitPath", p.title, p.kind, p.year, p.doc_number as "docNumber",
  p.issuer, p.start_date::text as "startDate", p.end_date::text as "endDate", p.source,
  p.source_file_id as "sourceFileId", p.template_id as "templateId",
  (select tu.org_name from work_plans tp join units tu on tu.id = tp.unit_id where tp.id = p.template_id)
    as "issuedBy",
  p.issued_at as "issuedAt", p.preamble, p.closing,
  (select count(*)::int from work_plans cp where cp.template_id = p.id) as copies,
  p.version, p.created_at as "createdAt",
  (select row_to_json(c) from (select ${countsSelect(today)} from plan_tasks t
    where t.plan_id = p.id) c) as counts`;

export type PlanFilter = {
  unit?: { id: number; path: string; includeDescendants: boolean };
  year?: number;
  kind?: PlanKind;
  source?: PlanSource;
  q?: string;
};

function conditions(scope: Scope, f: PlanFilter): SQL {
  const c: SQL[] = [inScope(sql`p.unit_id`, scope)];
  if (f.unit) {
    c.push(
      f.unit.includeDescendants
        ? sql`u.path like ${escapeLike(f.unit.path) + '%'}`
        : sql`p.unit_id = ${f.unit.id}`,
    );
  }
  if (f.year) c.push(sql`p.year = ${f.year}`);
  if (f.kind) c.push(sql`p.kind = ${f.kind}`);
  if (f.source) c.push(sql`p.source = ${f.source}`);
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    c.push(sql`(p.title like ${like} or coalesce(p.doc_number, '') like ${like})`);
  }
  return sql.join(c, sql` and `);
}

export async function listPlanRows(
  db: Db,
  scope: Scope,
  f: PlanFilter,
  page: { limit: number; offset: number },
  today: string,
): Promise<{ rows: PlanRow[]; total: number }> {
  const where = conditions(scope, f);
  const rows = await queryRows<PlanRow>(
    db,
    sql`select ${COLUMNS(today)} from work_plans p join units u on u.id = p.unit_id where ${where}
        order by p.year desc, u.path, p.created_at desc, p.id desc limit ${page.limit} offset ${page.offset}`,
  );
  const [count] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from work_plans p join units u on u.id = p.unit_id where ${where}`,
  );
  return { rows, total: count.n };
}

export async function findPlan(db: Db, scope: Scope, id: number, today: string): Promise<PlanRow> {
  const rows = await queryRows<PlanRow>(
    db,
    sql`select ${COLUMNS(today)} from work_plans p join units u on u.id = p.unit_id
        where ${inScope(sql`p.unit_id`, scope)} and p.id = ${id}`,
  );
  if (!rows[0]) throw notFound('工作方案');
  return rows[0];
}

/** Locks the plan for a change; out of scope is not found. */
export async function lockPlan(db: Db, scope: Scope, id: number) {
  const rows = await queryRows<{ id: number; unitId: number; title: string; version: number; year: number }>(
    db,
    sql`select p.id, p.unit_id as "unitId", p.title, p.version, p.year from work_plans p
        where ${inScope(sql`p.unit_id`, scope)} and p.id = ${id} for update of p`,
  );
  if (!rows[0]) throw notFound('工作方案');
  return rows[0];
}

export async function unitInfo(db: Db, unitId: number) {
  const rows = await queryRows<{ id: number; name: string; level: UnitLevel; path: string; orgName: string }>(
    db,
    sql`select u.id, ${unitName('u')} as name, u.level, u.path, u.org_name as "orgName" from units u
        where u.id = ${unitId}`,
  );
  if (!rows[0]) throw notFound('单位');
  return rows[0];
}

export async function hasUnitsBelow(db: Db, path: string): Promise<boolean> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`select id from units where path like ${escapeLike(path) + '%'} and path <> ${path} limit 1`,
  );
  return rows.length > 0;
}

export async function unitDepartments(db: Db, unitId: number) {
  return queryRows<{ id: number; name: string }>(
    db,
    sql`select id, name from departments where unit_id = ${unitId} order by sort_order, id`,
  );
}

/** The unit's department of that name, made when it has none (another request may be making it too). */
export async function ensureDepartment(db: Db, unitId: number, name: string) {
  const inserted = await queryRows<{ id: number }>(
    db,
    sql`insert into departments (unit_id, name, sort_order)
        values (${unitId}, ${name},
          (select coalesce(max(sort_order) + 1, 0) from departments where unit_id = ${unitId}))
        on conflict (unit_id, name) do nothing returning id`,
  );
  if (inserted[0]) return { id: inserted[0].id, created: true };
  const [row] = await queryRows<{ id: number }>(
    db,
    sql`select id from departments where unit_id = ${unitId} and name = ${name}`,
  );
  return { id: row.id, created: false };
}

/** A stored file uploaded for this unit's draft by the viewer, not yet the source of another plan. */
export async function draftFile(db: Db, fileId: number, unitId: number, userId: number) {
  const rows = await queryRows<{ id: number; name: string }>(
    db,
    sql`select f.id, f.name from files f where f.id = ${fileId} and f.unit_id = ${unitId}
        and f.created_by = ${userId} and not exists (select 1 from work_plans p where p.source_file_id = f.id)`,
  );
  return rows[0];
}

export async function sourceFileOf(db: Db, planId: number) {
  const rows = await queryRows<{ id: number; name: string; size: number | string }>(
    db,
    sql`select f.id, f.name, f.size from work_plans p join files f on f.id = p.source_file_id
        where p.id = ${planId}`,
  );
  return rows[0];
}

export async function insertPlan(db: Db, values: typeof workPlans.$inferInsert): Promise<number> {
  const [row] = await db.insert(workPlans).values(values).returning({ id: workPlans.id });
  return row.id;
}

export type PlanChanges = Pick<
  typeof workPlans.$inferInsert,
  'title' | 'kind' | 'year' | 'docNumber' | 'issuer' | 'startDate' | 'endDate'
>;

export async function updatePlanAtVersion(db: Db, id: number, version: number, c: PlanChanges) {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`update work_plans set title = ${c.title}, kind = ${c.kind}, year = ${c.year},
          doc_number = ${c.docNumber ?? null}, issuer = ${c.issuer ?? null},
          start_date = ${c.startDate ?? null}, end_date = ${c.endDate ?? null},
          updated_at = now(), version = version + 1
        where id = ${id} and version = ${version} returning id`,
  );
  return rows.length > 0;
}

export async function insertSection(db: Db, values: typeof planSections.$inferInsert): Promise<number> {
  const [row] = await db.insert(planSections).values(values).returning({ id: planSections.id });
  return row.id;
}

export async function sectionRows(db: Db, planId: number) {
  return queryRows<{ id: number; number: string; title: string; intro: string; tasks: number }>(
    db,
    sql`select s.id, s.number, s.title, s.intro,
          (select count(*)::int from plan_tasks t where t.section_id = s.id) as tasks
        from plan_sections s where s.plan_id = ${planId} order by s.sort_order, s.id`,
  );
}

export async function updateSection(
  db: Db,
  id: number,
  s: { number: string; title: string; intro: string; sortOrder: number },
) {
  await db.execute(
    sql`update plan_sections set number = ${s.number}, title = ${s.title}, intro = ${s.intro},
          sort_order = ${s.sortOrder} where id = ${id}`,
  );
}

export async function deleteSection(db: Db, id: number) {
  await db.execute(sql`delete from plan_sections where id = ${id}`);
}

/** Everything of a plan, children first (the foreign keys have no cascade). Stored files stay. */
export async function deletePlanRows(db: Db, planId: number) {
  const tasks = sql`(select id from plan_tasks where plan_id = ${planId})`;
  await db.execute(
    sql`delete from plan_progress_files where progress_id in (select id from plan_progress where task_id in ${tasks})`,
  );
  await db.execute(sql`delete from plan_progress where task_id in ${tasks}`);
  await db.execute(sql`delete from plan_milestones where task_id in ${tasks}`);
  await db.execute(sql`delete from plan_indicators where task_id in ${tasks}`);
  await db.execute(sql`delete from plan_task_departments where task_id in ${tasks}`);
  await db.execute(sql`delete from plan_tasks where plan_id = ${planId}`);
  await db.execute(sql`delete from plan_sections where plan_id = ${planId}`);
  await db.execute(sql`delete from work_plans where id = ${planId}`);
}
