import type { z } from 'zod';
import { TASK_STATUSES } from '../../../common/contracts/plans';
import type { recordProgress } from '../../../common/contracts/plans-tasks';
import { findFileRow, openFileStream, storeFile } from '../../platform/files/file-store';
import { badRequest, notFound, staleVersion } from '../../platform/http/errors';
import type { UploadedFile } from '../../platform/http/upload';
import { todayInChina } from '../../../common/validators';
import * as repo from './plan-progress.repo';
import { detail } from './plan-tasks.service';
import { markMilestonesDone } from './plan-task-items.repo';
import { findTask, lockTask } from './plan-tasks.repo';
import { assertNotFuture, checkDate } from './plan-validate';
import { taskLabel } from './plan-present';
import type { PlansCtx } from './plans.context';

type ProgressBody = z.output<NonNullable<(typeof recordProgress)['body']>>;

/**
 * 填报进展: the report becomes the task's status and share done, each indicator's actual, and the
 * milestones it completes, all at the task's version (a concurrent report is refused, not lost).
 */
export async function record(ctx: PlansCtx, id: number, body: ProgressBody) {
  const progressId = await ctx.db.transaction(async (tx) => {
    const task = await lockTask(tx, ctx.viewer, id);
    if (task.version !== body.version) throw staleVersion();
    const where = taskLabel(task);
    checkDate(body.date, '进展日期', where, 'date');
    assertNotFuture(body.date, '进展日期');
    if (task.lastProgressOn && body.date < task.lastProgressOn) {
      throw badRequest(`${where}：进展日期不能早于上一次填报的日期 ${task.lastProgressOn}`, [
        { path: 'date', message: `不早于 ${task.lastProgressOn}` },
      ]);
    }
    if (body.status === 'not_started' && body.progress > 0) {
      throw badRequest('状态为“未开始”时完成比例应为 0%', [{ path: 'progress', message: '应为 0' }]);
    }
    const done = body.status === 'done';
    const report = {
      status: body.status,
      progress: done ? 100 : body.progress,
      date: body.date,
      completedOn: done ? body.date : null,
    };
    if (!(await repo.applyReport(tx, id, body.version, report))) throw staleVersion();
    for (const a of body.actuals) {
      if (!(await repo.setActual(tx, id, a.indicatorId, a.value, body.date))) throw notFound('量化指标');
    }
    const milestones = await markMilestonesDone(tx, id, body.milestonesDone, body.date);
    const newId = await repo.insertProgress(tx, {
      taskId: id,
      unitId: task.unitId,
      date: body.date,
      text: body.text,
      status: body.status,
      progress: report.progress,
      actuals: body.actuals,
      createdBy: ctx.viewer.userId,
    });
    await ctx.audit(
      {
        action: 'plan.progress_recorded',
        targetType: 'plan_task',
        targetId: id,
        targetLabel: task.title,
        detail: {
          progressId: newId,
          date: body.date,
          status: TASK_STATUSES[body.status],
          progress: report.progress,
          actuals: body.actuals.length,
          milestonesDone: milestones,
        },
      },
      tx,
    );
    return newId;
  });
  return { progressId, task: await detail(ctx, id) };
}

/** An attachment of a progress report (照片、会议纪要、总结材料…) in the platform file store. */
export async function uploadFile(ctx: PlansCtx, id: number, progressId: number, file: UploadedFile) {
  await findTask(ctx.db, ctx.viewer, id, todayInChina());
  await repo.findProgress(ctx.db, id, progressId);
  await storeFile(
    ctx,
    file,
    async (tx) => ({ unitId: (await lockTask(tx, ctx.viewer, id)).unitId, createdBy: ctx.viewer.userId }),
    async (tx, stored) => {
      const task = await lockTask(tx, ctx.viewer, id);
      const progress = await repo.findProgress(tx, id, progressId);
      await repo.linkProgressFile(tx, progressId, stored.id);
      await ctx.audit(
        {
          action: 'plan.progress_file_uploaded',
          targetType: 'plan_task',
          targetId: id,
          targetLabel: task.title,
          detail: { progressId, date: progress.date, fileId: stored.id, fileName: stored.name },
        },
        tx,
      );
    },
  );
  return detail(ctx, id);
}

export async function downloadFile(ctx: PlansCtx, id: number, progressId: number, fileId: number) {
  const task = await findTask(ctx.db, ctx.viewer, id, todayInChina());
  await repo.findProgress(ctx.db, id, progressId);
  const row = await findFileRow(ctx.db, await repo.progressFile(ctx.db, progressId, fileId));
  if (!row) throw notFound('进展附件');
  const stream = await openFileStream(ctx, row);
  await ctx.audit({
    action: 'plan.progress_file_downloaded',
    targetType: 'plan_task',
    targetId: id,
    targetLabel: task.title,
    detail: { progressId, fileId: row.id, fileName: row.name },
  });
  return { stream, filename: row.name, mime: row.mime, size: Number(row.size) };
}
