import type { DivisionDepartment, DivisionTask } from '../../../common/contracts/plans-tasks';
import { todayInChina } from '../../../common/validators';
import { assertUnitInScope } from '../../platform/access/scope';
import { EMPTY_COUNTS, lightOf } from './plan-present';
import { listTaskRows } from './plan-tasks.repo';
import type { PlansCtx } from './plans.context';
import * as plans from './plans.repo';

/** More tasks than any unit's plans of a year hold: the 分工 view shows them all on one page. */
const ALL = 5000;

/**
 * 部门视图 (the 任务分工表 cadres know): the unit's tasks × its departments, ● lead and ○ participant, with
 * each department's counts. One plan, or every plan of the unit (optionally of one year).
 */
export async function division(ctx: PlansCtx, q: { unitId?: number; planId?: number; year?: number }) {
  const today = todayInChina();
  let unitId = q.unitId ?? ctx.viewer.unitId;
  if (q.planId) unitId = (await plans.findPlan(ctx.db, ctx.viewer, q.planId, today)).unitId;
  const path = await assertUnitInScope(ctx.db, unitId, ctx.viewer);
  const unit = await plans.unitInfo(ctx.db, unitId);
  const { rows } = await listTaskRows(
    ctx.db,
    ctx.viewer,
    { unit: { id: unitId, path, includeDescendants: false }, planId: q.planId, year: q.year },
    { limit: ALL, offset: 0 },
    today,
  );
  const departments = await plans.unitDepartments(ctx.db, unitId);
  const counts = { ...EMPTY_COUNTS };
  const byDepartment = new Map<number, DivisionDepartment>(
    departments.map((d) => [d.id, { ...d, lead: 0, participant: 0, done: 0, overdue: 0, red: 0, yellow: 0 }]),
  );
  const tasks: DivisionTask[] = rows.map((r) => {
    const l = lightOf(r, today);
    counts.tasks++;
    counts[l.light]++;
    if (r.status === 'done') counts.done++;
    if (l.overdue) counts.overdue++;
    const involved = [
      ...(r.leadId !== null ? [{ id: r.leadId, role: 'lead' as const }] : []),
      ...r.participants.map((p) => ({ id: p.id, role: 'participant' as const })),
    ];
    for (const { id, role } of involved) {
      const d = byDepartment.get(id);
      if (!d) continue;
      d[role]++;
      if (r.status === 'done') d.done++;
      if (l.overdue) d.overdue++;
      if (l.light === 'red') d.red++;
      if (l.light === 'yellow') d.yellow++;
    }
    return {
      id: r.id,
      planId: r.planId,
      planTitle: r.planTitle,
      number: r.number,
      title: r.title,
      deadline: r.deadline,
      effectiveStatus: l.effectiveStatus,
      light: l.light,
      overdue: l.overdue,
      leadDepartmentId: r.leadId,
      participantIds: r.participants.map((p) => p.id),
      collective: r.collective,
    };
  });
  return {
    unit: { id: unit.id, name: unit.name, level: unit.level },
    departments: [...byDepartment.values()],
    tasks,
    counts,
    unassigned: rows.filter((r) => r.leadId === null).length,
  };
}
