import type { z } from 'zod';
import type { createPlan } from '../../../common/contracts/plans-drafts';
import { assertUnitInScope } from '../../platform/access/scope';
import { badRequest } from '../../platform/http/errors';
import type { Db } from '../../db/client';
import { matchDepartment } from './plan-department-match';
import * as items from './plan-task-items.repo';
import * as tasks from './plan-tasks.repo';
import { checkDate, checkRange, checkTaskDates, latestDate } from './plan-validate';
import type { PlansCtx } from './plans.context';
import * as repo from './plans.repo';

type CreateBody = z.output<NonNullable<(typeof createPlan)['body']>>;
type TaskInput = CreateBody['sections'][number]['tasks'][number];

function checkAll(body: CreateBody) {
  checkDate(body.startDate, '开始日期', '方案', 'startDate');
  checkDate(body.endDate, '截止日期', '方案', 'endDate');
  checkRange(body.startDate, body.endDate, '方案');
  body.sections.forEach((s, i) =>
    s.tasks.forEach((t, j) => checkTaskDates(t, `sections.${i}.tasks.${j}`, s.number)),
  );
}

/**
 * The department ids for the names the tasks use. A name the unit does not have (南青基金 in seed 002) is
 * made a department of the unit here, in the plan's transaction, and audited as any new department.
 */
async function resolveDepartments(ctx: PlansCtx, tx: Db, unitId: number, all: TaskInput[]) {
  const existing = await repo.unitDepartments(tx, unitId);
  const ids = new Map<string, number>();
  const created: string[] = [];
  const names = all.flatMap((t) => [...(t.lead ? [t.lead] : []), ...t.participants]);
  for (const name of new Set(names)) {
    const found = matchDepartment(name, existing);
    if (found) {
      ids.set(name, found.id);
      continue;
    }
    const made = await repo.ensureDepartment(tx, unitId, name);
    ids.set(name, made.id);
    existing.push({ id: made.id, name });
    if (!made.created) continue;
    created.push(name);
    await ctx.audit(
      {
        action: 'department.created',
        targetType: 'department',
        targetId: made.id,
        targetLabel: name,
        detail: { unitId, via: 'plan' },
      },
      tx,
    );
  }
  return { ids, created };
}

/** Inserts one task with its participants, milestones and indicators. */
export async function insertTaskTree(
  tx: Db,
  base: { planId: number; unitId: number; sectionId: number | null; sortOrder: number; createdBy: number },
  t: Omit<TaskInput, 'lead' | 'participants'> & { leadId: number | null; participantIds: number[] },
) {
  const taskId = await tasks.insertTask(tx, {
    planId: base.planId,
    unitId: base.unitId,
    sectionId: base.sectionId,
    sortOrder: base.sortOrder,
    createdBy: base.createdBy,
    number: t.number,
    title: t.title,
    content: t.content,
    departmentsNote: t.departmentsNote,
    leadDepartmentId: t.leadId,
    collective: t.collective,
    owner: t.owner,
    startDate: t.startDate ?? null,
    deadline: t.deadline ?? latestDate(t.milestones.map((m) => m.dueDate)),
    deadlineText: t.deadlineText,
  });
  await tasks.setParticipants(
    tx,
    taskId,
    [...new Set(t.participantIds)].filter((id) => id !== t.leadId),
  );
  await items.insertMilestones(
    tx,
    t.milestones.map((m, sortOrder) => ({
      taskId,
      unitId: base.unitId,
      title: m.title,
      dueDate: m.dueDate,
      dueText: m.dueText,
      sortOrder,
    })),
  );
  await items.insertIndicators(
    tx,
    t.indicators.map((i, sortOrder) => ({
      taskId,
      unitId: base.unitId,
      name: i.name,
      phrase: i.phrase,
      comparator: i.comparator,
      target: i.target,
      measure: i.measure,
      period: i.period,
      sortOrder,
    })),
  );
  return taskId;
}

/** Saves a plan from the corrected draft (or typed by hand): all of it in one transaction, or nothing. */
export async function create(ctx: PlansCtx, body: CreateBody) {
  checkAll(body);
  await assertUnitInScope(ctx.db, body.unitId, ctx.viewer);
  return ctx.db.transaction(async (tx) => {
    let sourceFileId: number | null = null;
    if (body.sourceFileId) {
      const file = await repo.draftFile(tx, body.sourceFileId, body.unitId, ctx.viewer.userId);
      if (!file) throw badRequest('方案原文文件无效或已被使用，请重新上传文档');
      sourceFileId = file.id;
    }
    const all = body.sections.flatMap((s) => s.tasks);
    const { ids, created } = await resolveDepartments(ctx, tx, body.unitId, all);
    const planId = await repo.insertPlan(tx, {
      unitId: body.unitId,
      title: body.title,
      kind: body.kind,
      year: body.year,
      docNumber: body.docNumber,
      issuer: body.issuer,
      startDate: body.startDate,
      endDate: body.endDate,
      preamble: body.preamble,
      closing: body.closing,
      source: body.source,
      sourceFileId,
      createdBy: ctx.viewer.userId,
    });
    let order = 0;
    for (const [sortOrder, s] of body.sections.entries()) {
      const sectionId = await repo.insertSection(tx, {
        planId,
        unitId: body.unitId,
        number: s.number,
        title: s.title,
        intro: s.intro,
        sortOrder,
      });
      for (const { lead, participants, ...t } of s.tasks) {
        await insertTaskTree(
          tx,
          { planId, unitId: body.unitId, sectionId, sortOrder: order++, createdBy: ctx.viewer.userId },
          {
            ...t,
            leadId: lead ? ids.get(lead)! : null,
            participantIds: participants.map((p) => ids.get(p)!),
          },
        );
      }
    }
    await ctx.audit(
      {
        action: 'plan.created',
        targetType: 'work_plan',
        targetId: planId,
        targetLabel: body.title,
        detail: {
          unitId: body.unitId,
          source: body.source,
          sections: body.sections.length,
          tasks: all.length,
          newDepartments: created,
          sourceFileId,
        },
      },
      tx,
    );
    return { id: planId };
  });
}
