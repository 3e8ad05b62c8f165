import { sql } from 'drizzle-orm';
import { todayInChina } from '../common/validators';
import { queryRows, type Db } from '../server/db/client';
import { planTaskDepartments, planTasks, workPlans } from '../server/db/schema';

/**
 * A 工作要点 of 南昌市 for e2e/plans.spec.ts, inserted directly (its own import is what the spec tests):
 * one task overdue, one behind its time, one done, so the lists and the overdue page have something to show.
 */
export const PLAN_FIXTURES = {
  title: '南昌市新兴青年工作要点',
  overdue: '完成首批重点培养对象遴选并报送花名册',
  behind: '组建市级梦想导师团',
  done: '召开新兴青年群体工作部署会',
} as const;

function offset(days: number): string {
  const d = new Date(`${todayInChina()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export async function seedPlanFixtures(db: Db, unitId: number) {
  const departments = await queryRows<{ id: number; name: string }>(
    db,
    sql`select id, name from departments where unit_id = ${unitId}`,
  );
  const dept = (name: string) => departments.find((d) => d.name === name)!.id;
  const year = Number(todayInChina().slice(0, 4));
  const [plan] = await db
    .insert(workPlans)
    .values({
      unitId,
      title: PLAN_FIXTURES.title,
      kind: 'annual',
      year,
      issuer: '共青团南昌市委',
      startDate: offset(-120),
      endDate: `${year}-12-31`,
      source: 'manual',
    })
    .returning({ id: workPlans.id });
  const tasks = [
    {
      title: PLAN_FIXTURES.overdue,
      lead: '社会联络部',
      with: ['组织部'],
      deadline: offset(-20),
      progress: 60,
    },
    { title: PLAN_FIXTURES.behind, lead: '社会联络部', with: ['青发部'], deadline: offset(60), progress: 10 },
    { title: PLAN_FIXTURES.done, lead: '办公室', with: [], deadline: offset(-90), progress: 100 },
  ];
  for (const [i, t] of tasks.entries()) {
    const done = t.progress === 100;
    const [row] = await db
      .insert(planTasks)
      .values({
        planId: plan.id,
        unitId,
        number: String(i + 1),
        title: t.title,
        leadDepartmentId: dept(t.lead),
        deadline: t.deadline,
        status: done ? 'done' : 'in_progress',
        progress: t.progress,
        completedOn: done ? offset(-95) : null,
        lastProgressOn: offset(-30),
        sortOrder: i,
      })
      .returning({ id: planTasks.id });
    for (const [sortOrder, name] of t.with.entries()) {
      await db.insert(planTaskDepartments).values({ taskId: row.id, departmentId: dept(name), sortOrder });
    }
  }
}
