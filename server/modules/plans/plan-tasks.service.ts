import type { z } from 'zod';
import type { createTask, listTasks, TaskDetail } from '../../../common/contracts/plans-tasks';
import { todayInChina } from '../../../common/validators';
import type { Db } from '../../db/client';
import { badRequest, notFound, staleVersion } from '../../platform/http/errors';
import { iso } from '../youth/youth.present';
import { insertTaskTree } from './plan-create.service';
import { presentIndicator, presentTask, taskLabel } from './plan-present';
import { progressRows } from './plan-progress.repo';
import * as items from './plan-task-items.repo';
import * as repo from './plan-tasks.repo';
import { checkTaskDates, latestDate } from './plan-validate';
import { unitFilterOf, type PlansCtx } from './plans.context';
import * as plans from './plans.repo';

type ListQuery = z.output<NonNullable<(typeof listTasks)['query']>>;
type TaskBody = z.output<NonNullable<(typeof createTask)['body']>>;

export async function list(ctx: PlansCtx, q: ListQuery) {
  const today = todayInChina();
  const { rows, total } = await repo.listTaskRows(
    ctx.db,
    ctx.viewer,
    {
      unit: await unitFilterOf(ctx, q.unitId, q.includeDescendants),
      planId: q.planId,
      year: q.year,
      departmentId: q.departmentId,
      role: q.role,
      status: q.status,
      light: q.light,
      overdue: q.overdue === undefined ? undefined : q.overdue === 'true',
      q: q.q || undefined,
    },
    { limit: q.pageSize, offset: (q.page - 1) * q.pageSize, sort: q.sort },
    today,
  );
  return { items: rows.map((r) => presentTask(r, today)), total, page: q.page, pageSize: q.pageSize };
}

export async function detail(ctx: PlansCtx, id: number): Promise<TaskDetail> {
  const today = todayInChina();
  const row = await repo.findTask(ctx.db, ctx.viewer, id, today);
  const [milestones, indicators, history, departments, sections, plan] = await Promise.all([
    items.milestoneRows(ctx.db, id),
    items.indicatorRows(ctx.db, id),
    progressRows(ctx.db, id),
    plans.unitDepartments(ctx.db, row.unitId),
    plans.sectionRows(ctx.db, row.planId),
    plans.findPlan(ctx.db, ctx.viewer, row.planId, today),
  ]);
  const byId = new Map(indicators.map((i) => [i.id, i]));
  return {
    ...presentTask(row, today),
    content: row.content,
    departmentsNote: row.departmentsNote,
    ownDeadline: row.ownDeadline,
    planStatus: { startDate: plan.startDate, endDate: plan.endDate },
    milestones: milestones.map((m) => ({
      ...m,
      missed: !m.doneOn && !!m.dueDate && m.dueDate < today,
    })),
    indicators: indicators.map(presentIndicator),
    progressHistory: history.map((p) => ({
      id: p.id,
      date: p.date,
      text: p.text,
      status: p.status,
      progress: p.progress,
      actuals: p.actuals.flatMap((a) => {
        const i = byId.get(a.indicatorId);
        return i ? [{ name: i.name, value: a.value, measure: i.measure }] : [];
      }),
      files: p.files.map((f) => ({ id: f.id, name: f.name, size: Number(f.size) })),
      by: p.by,
      at: iso(p.at)!,
    })),
    departments,
    sections: sections.map(({ id: sectionId, number, title }) => ({ id: sectionId, number, title })),
  };
}

/** The body's departments must be the unit's; its section the plan's; its dates real. */
async function checkBody(tx: Db, unitId: number, planId: number, body: TaskBody) {
  checkTaskDates(body, 'body');
  if (body.sectionId && !(await repo.sectionOfPlan(tx, planId, body.sectionId))) throw notFound('章节');
  const wanted = [
    ...new Set([...(body.leadDepartmentId ? [body.leadDepartmentId] : []), ...body.participantIds]),
  ];
  const found = await repo.departmentsOfUnit(tx, unitId, wanted);
  if (found.length !== wanted.length) {
    throw badRequest(`${taskLabel(body)}：所选部门不属于本单位，请重新选择`, [
      { path: 'participantIds', message: '部门不属于本单位' },
    ]);
  }
}

export async function create(ctx: PlansCtx, planId: number, body: TaskBody) {
  return ctx.db.transaction(async (tx) => {
    const plan = await plans.lockPlan(tx, ctx.viewer, planId);
    await checkBody(tx, plan.unitId, planId, body);
    const { leadDepartmentId, participantIds, sectionId, milestones, ...rest } = body;
    const id = await insertTaskTree(
      tx,
      {
        planId,
        unitId: plan.unitId,
        sectionId,
        sortOrder: await repo.nextTaskOrder(tx, planId),
        createdBy: ctx.viewer.userId,
      },
      {
        ...rest,
        startDate: rest.startDate ?? null,
        deadline: rest.deadline ?? null,
        milestones: milestones.map((m) => ({ title: m.title, dueDate: m.dueDate, dueText: m.dueText })),
        leadId: leadDepartmentId,
        participantIds,
      },
    );
    await ctx.audit(
      {
        action: 'plan.task_created',
        targetType: 'plan_task',
        targetId: id,
        targetLabel: body.title,
        detail: { planId, leadDepartmentId, participantIds },
      },
      tx,
    );
    return { id };
  });
}

export async function update(ctx: PlansCtx, id: number, body: TaskBody & { version: number }) {
  await ctx.db.transaction(async (tx) => {
    const task = await repo.lockTask(tx, ctx.viewer, id);
    if (task.version !== body.version) throw staleVersion();
    await checkBody(tx, task.unitId, task.planId, body);
    const milestones = await items.milestoneRows(tx, id);
    const indicators = await items.indicatorRows(tx, id);
    if (body.milestones.some((m) => m.id && !milestones.some((e) => e.id === m.id)))
      throw notFound('推进节点');
    if (body.indicators.some((i) => i.id && !indicators.some((e) => e.id === i.id)))
      throw notFound('量化指标');
    const deadline = body.deadline ?? latestDate(body.milestones.map((m) => m.dueDate));
    const changed = await repo.updateTaskAtVersion(tx, id, body.version, { ...body, deadline });
    if (!changed) throw staleVersion();
    await repo.setParticipants(
      tx,
      id,
      body.participantIds.filter((p) => p !== body.leadDepartmentId),
    );
    await items.deleteMilestonesExcept(
      tx,
      id,
      body.milestones.flatMap((m) => (m.id ? [m.id] : [])),
    );
    await items.deleteIndicatorsExcept(
      tx,
      id,
      body.indicators.flatMap((i) => (i.id ? [i.id] : [])),
    );
    for (const [sortOrder, m] of body.milestones.entries()) {
      const values = {
        title: m.title,
        dueDate: m.dueDate,
        dueText: m.dueText,
        doneOn: m.doneOn ?? null,
        sortOrder,
      };
      if (m.id) await items.updateMilestone(tx, m.id, values);
      else await items.insertMilestones(tx, [{ taskId: id, unitId: task.unitId, ...values }]);
    }
    for (const [sortOrder, i] of body.indicators.entries()) {
      const { id: indicatorId, ...values } = i;
      if (indicatorId) await items.updateIndicator(tx, indicatorId, { ...values, sortOrder });
      else await items.insertIndicators(tx, [{ taskId: id, unitId: task.unitId, ...values, sortOrder }]);
    }
    await ctx.audit(
      {
        action: 'plan.task_updated',
        targetType: 'plan_task',
        targetId: id,
        targetLabel: body.title,
        detail: {
          planId: task.planId,
          before: task.title,
          leadDepartmentId: body.leadDepartmentId,
          participantIds: body.participantIds,
          deadline,
        },
      },
      tx,
    );
  });
  return detail(ctx, id);
}

export async function remove(ctx: PlansCtx, id: number, version: number) {
  await ctx.db.transaction(async (tx) => {
    const task = await repo.lockTask(tx, ctx.viewer, id);
    if (task.version !== version) throw staleVersion();
    await repo.deleteTaskRows(tx, id);
    await ctx.audit(
      {
        action: 'plan.task_deleted',
        targetType: 'plan_task',
        targetId: id,
        targetLabel: task.title,
        detail: { planId: task.planId, number: task.number },
      },
      tx,
    );
  });
  return { ok: true as const };
}
