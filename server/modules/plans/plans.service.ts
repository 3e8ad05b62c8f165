import type { z } from 'zod';
import type { listPlans, updatePlan } from '../../../common/contracts/plans';
import type { PlanDetail } from '../../../common/contracts/plans-tasks';
import { todayInChina } from '../../../common/validators';
import { assertUnitInScope } from '../../platform/access/scope';
import { findFileRow, openFileStream } from '../../platform/files/file-store';
import { conflict, notFound, staleVersion } from '../../platform/http/errors';
import { presentPlan, presentTask } from './plan-present';
import { planTaskRows } from './plan-tasks.repo';
import { checkDate, checkRange } from './plan-validate';
import { unitFilterOf, type PlansCtx } from './plans.context';
import * as repo from './plans.repo';

type ListQuery = z.output<NonNullable<(typeof listPlans)['query']>>;
type UpdateBody = z.output<NonNullable<(typeof updatePlan)['body']>>;

export async function list(ctx: PlansCtx, q: ListQuery) {
  const today = todayInChina();
  const { rows, total } = await repo.listPlanRows(
    ctx.db,
    ctx.viewer,
    {
      unit: await unitFilterOf(ctx, q.unitId, q.includeDescendants),
      year: q.year,
      kind: q.kind,
      source: q.source,
      q: q.q || undefined,
    },
    { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
    today,
  );
  return { items: rows.map(presentPlan), total, page: q.page, pageSize: q.pageSize };
}

export async function detail(ctx: PlansCtx, id: number): Promise<PlanDetail> {
  const today = todayInChina();
  const plan = await repo.findPlan(ctx.db, ctx.viewer, id, today);
  const [sections, tasks, departments, file, below] = await Promise.all([
    repo.sectionRows(ctx.db, id),
    planTaskRows(ctx.db, id, today),
    repo.unitDepartments(ctx.db, plan.unitId),
    repo.sourceFileOf(ctx.db, id),
    repo.hasUnitsBelow(ctx.db, plan.unitPath),
  ]);
  return {
    ...presentPlan(plan),
    preamble: plan.preamble,
    closing: plan.closing,
    sourceFile: file ? { name: file.name, size: Number(file.size) } : null,
    departments,
    sections: sections.map(({ id: sectionId, number, title, intro }) => ({
      id: sectionId,
      number,
      title,
      intro,
    })),
    tasks: tasks.map((t) => presentTask(t, today)),
    canIssue: below,
  };
}

export async function departmentOptions(ctx: PlansCtx, unitId?: number) {
  const id = unitId ?? ctx.viewer.unitId;
  await assertUnitInScope(ctx.db, id, ctx.viewer);
  const unit = await repo.unitInfo(ctx.db, id);
  return {
    unit: { id: unit.id, name: unit.name, level: unit.level },
    items: await repo.unitDepartments(ctx.db, id),
  };
}

/** Plan details and its sections: sections kept by id are renamed, new ones added, removed ones must be empty. */
export async function update(ctx: PlansCtx, id: number, body: UpdateBody) {
  checkDate(body.startDate, '开始日期', '方案', 'startDate');
  checkDate(body.endDate, '截止日期', '方案', 'endDate');
  checkRange(body.startDate, body.endDate, '方案');
  await ctx.db.transaction(async (tx) => {
    const plan = await repo.lockPlan(tx, ctx.viewer, id);
    if (plan.version !== body.version) throw staleVersion();
    const existing = await repo.sectionRows(tx, id);
    const kept = new Set(body.sections.flatMap((s) => (s.id ? [s.id] : [])));
    for (const s of body.sections) {
      if (s.id && !existing.some((e) => e.id === s.id)) throw notFound('章节');
    }
    for (const e of existing.filter((e) => !kept.has(e.id))) {
      if (e.tasks > 0) {
        throw conflict(
          `章节「${e.number ? `${e.number}、` : ''}${e.title}」下还有 ${e.tasks} 项任务，不能删除`,
        );
      }
      await repo.deleteSection(tx, e.id);
    }
    for (const [sortOrder, s] of body.sections.entries()) {
      const values = { number: s.number, title: s.title, intro: s.intro, sortOrder };
      if (s.id) await repo.updateSection(tx, s.id, values);
      else await repo.insertSection(tx, { planId: id, unitId: plan.unitId, ...values });
    }
    if (!(await repo.updatePlanAtVersion(tx, id, body.version, body))) throw staleVersion();
    await ctx.audit(
      {
        action: 'plan.updated',
        targetType: 'work_plan',
        targetId: id,
        targetLabel: body.title,
        detail: { before: plan.title, sections: body.sections.length },
      },
      tx,
    );
  });
  return { id };
}

export async function remove(ctx: PlansCtx, id: number, version: number) {
  await ctx.db.transaction(async (tx) => {
    const plan = await repo.lockPlan(tx, ctx.viewer, id);
    if (plan.version !== version) throw staleVersion();
    const row = await repo.findPlan(tx, ctx.viewer, id, todayInChina());
    if (row.copies > 0) {
      throw conflict(`该方案已下发给 ${row.copies} 个下级单位，不能删除`);
    }
    await repo.deletePlanRows(tx, id);
    await ctx.audit(
      {
        action: 'plan.deleted',
        targetType: 'work_plan',
        targetId: id,
        targetLabel: plan.title,
        detail: { unitId: plan.unitId, tasks: row.counts.tasks },
      },
      tx,
    );
  });
  return { ok: true as const };
}

export async function downloadSource(ctx: PlansCtx, id: number) {
  const plan = await repo.findPlan(ctx.db, ctx.viewer, id, todayInChina());
  const row = plan.sourceFileId ? await findFileRow(ctx.db, plan.sourceFileId) : undefined;
  if (!row) throw notFound('方案原文');
  const stream = await openFileStream(ctx, row);
  await ctx.audit({
    action: 'plan.document_downloaded',
    targetType: 'work_plan',
    targetId: id,
    targetLabel: plan.title,
    detail: { fileId: row.id, fileName: row.name },
  });
  return { stream, filename: row.name, mime: row.mime, size: Number(row.size) };
}
