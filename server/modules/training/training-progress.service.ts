import type { AttendanceStatus } from '../../../common/contracts/training-enrolment';
import { todayInChina } from '../../../common/validators';
import { badRequest, conflict, staleVersion } from '../../platform/http/errors';
import { iso, percent, type TrainingCtx as Ctx } from './training.context';
import * as classes from './training-class.repo';
import * as enrolments from './training-enrolment.repo';
import { attendanceRate } from './training-enrolment.service';
import { FINISHED } from './training-class.service';
import * as repo from './training-progress.repo';

/** 考勤 (a grid of participants × lessons), 结业 by the class's rule, and 跟踪培养 afterwards. */

const DAY_MS = 24 * 60 * 60 * 1000;

export async function grid(ctx: Ctx, classId: number) {
  await classes.findClass(ctx.db, ctx.viewer, classId);
  const [lessons, rows, marks] = await Promise.all([
    classes.lessonsOf(ctx.db, classId),
    enrolments.enrolmentRows(ctx.db, classId),
    repo.marksOf(ctx.db, classId),
  ]);
  return {
    lessons: lessons.map((l) => ({
      id: l.id,
      title: l.title,
      startsAt: iso(l.startsAt)!,
      hours: Number(l.hours),
    })),
    participants: rows
      .filter((r) => r.status === 'admitted' || r.status === 'completed')
      .map((r) => ({
        enrolmentId: r.id,
        name: r.name,
        unit: r.youthUnitName,
        keyTarget: r.keyTarget,
        status: r.status,
        attendanceRate: attendanceRate(r),
      })),
    marks,
  };
}

export async function mark(
  ctx: Ctx,
  classId: number,
  marks: { lessonId: number; enrolmentId: number; status: AttendanceStatus | null }[],
) {
  return ctx.db.transaction(async (tx) => {
    const c = await classes.lockClass(tx, ctx.viewer, classId);
    if (c.status === 'finished') throw conflict(FINISHED);
    const [lessonIds, markable] = await Promise.all([
      repo.lessonIdsOf(tx, classId),
      repo.markableEnrolments(tx, classId),
    ]);
    for (const m of marks) {
      if (!lessonIds.has(m.lessonId)) throw badRequest('课程不属于本培训班');
      if (!markable.has(m.enrolmentId)) throw badRequest('只能为已录取的学员记考勤');
    }
    for (const m of marks) {
      if (m.status) await repo.upsertMark(tx, { ...m, status: m.status, markedBy: ctx.viewer.userId });
      else await repo.clearMark(tx, m.lessonId, m.enrolmentId);
    }
    await ctx.audit(
      {
        action: 'training.attendance_marked',
        targetType: 'training_class',
        targetId: classId,
        targetLabel: c.title,
        detail: { marks: marks.length },
      },
      tx,
    );
    return { changed: marks.length };
  });
}

type Rule = { minAttendanceRate: number };

/** Applies the rule to one participant and says, in words, why it is not met. */
export function judge(r: enrolments.EnrolmentRow, rule: Rule) {
  const rate = attendanceRate(r);
  let reason: string | null = null;
  if (rate === null) reason = '本班尚未安排课程';
  else if (rate + 1e-9 < rule.minAttendanceRate) {
    reason = `出勤 ${r.attended}/${r.lessons} 节（${percent(rate)}），低于结业要求 ${percent(rule.minAttendanceRate)}`;
  }
  return {
    enrolmentId: r.id,
    name: r.name,
    unit: r.youthUnitName,
    attended: r.attended,
    lessons: r.lessons,
    attendanceRate: rate,
    passes: reason === null,
    reason,
  };
}

export async function check(ctx: Ctx, classId: number) {
  const c = await classes.findClass(ctx.db, ctx.viewer, classId);
  const rule = c.completionRule ?? { minAttendanceRate: 0.8 };
  const rows = await enrolments.enrolmentRows(ctx.db, classId, 'admitted');
  return { minAttendanceRate: rule.minAttendanceRate, rows: rows.map((r) => judge(r, rule)) };
}

/**
 * 结业: those admitted who meet the rule complete and get their follow-ups scheduled; the others
 * stay 录取 and come back with the reason. The class is then finished and its grid closed.
 */
export async function complete(ctx: Ctx, classId: number, version: number) {
  return ctx.db.transaction(async (tx) => {
    const locked = await classes.lockClass(tx, ctx.viewer, classId);
    if (locked.version !== version) throw staleVersion();
    if (locked.status === 'finished') throw conflict('培训班已结业');
    const c = await classes.findClass(tx, ctx.viewer, classId);
    if (c.lessonCount === 0) throw badRequest('本班尚未安排课程，不能结业');
    const rule = c.completionRule ?? { minAttendanceRate: 0.8 };
    const judged = (await enrolments.enrolmentRows(tx, classId, 'admitted')).map((r) => ({
      row: r,
      result: judge(r, rule),
    }));
    let followUps = 0;
    for (const { row, result } of judged.filter((j) => j.result.passes)) {
      await enrolments.setStatus(tx, row.id, 'completed');
      followUps += await repo.scheduleFollowUps(tx, row.id, classId, c.unitId, c.followUpMonths ?? []);
      await ctx.audit(
        {
          action: 'training.completed',
          targetType: 'youth',
          targetId: row.youthId,
          targetLabel: row.name,
          detail: { classId, classTitle: c.title, attendanceRate: result.attendanceRate },
        },
        tx,
      );
    }
    await repo.finishClass(tx, classId);
    const failed = judged.filter((j) => !j.result.passes).map((j) => j.result);
    await ctx.audit(
      {
        action: 'training.completed',
        targetType: 'training_class',
        targetId: classId,
        targetLabel: c.title,
        detail: { completed: judged.length - failed.length, failed: failed.length, followUps },
      },
      tx,
    );
    return { completed: judged.length - failed.length, followUps, failed };
  });
}

function presentFollowUp(r: repo.FollowUpRow, today: string) {
  const overdue = r.doneOn === null && r.dueOn < today;
  return {
    id: r.id,
    classId: r.classId,
    classTitle: r.classTitle,
    unit: { id: r.unitId, name: r.unitName },
    youthId: r.youthId,
    name: r.name,
    monthsAfter: r.monthsAfter,
    dueOn: r.dueOn,
    doneOn: r.doneOn,
    way: r.way,
    summary: r.summary,
    overdue,
    daysOverdue: overdue ? Math.round((Date.parse(today) - Date.parse(r.dueOn)) / DAY_MS) : null,
  };
}

export async function followUps(
  ctx: Ctx,
  q: { status: repo.FollowUpStatus; classId?: number; q?: string; page: number; pageSize: number },
) {
  const today = todayInChina();
  const { rows, total } = await repo.listFollowUpRows(ctx.db, ctx.viewer, {
    status: q.status,
    today,
    classId: q.classId,
    q: q.q,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return { items: rows.map((r) => presentFollowUp(r, today)), total, page: q.page, pageSize: q.pageSize };
}

export async function recordFollowUp(
  ctx: Ctx,
  id: number,
  body: { doneOn: string; way: string; summary: string },
) {
  const today = todayInChina();
  if (Number.isNaN(Date.parse(body.doneOn))) throw badRequest('跟踪日期无效');
  if (body.doneOn > today)
    throw badRequest('跟踪日期不能晚于今天', [{ path: 'doneOn', message: '晚于今天' }]);
  const before = await repo.findFollowUp(ctx.db, ctx.viewer, id);
  await ctx.db.transaction(async (tx) => {
    await repo.recordFollowUpRow(tx, id, { ...body, doneBy: ctx.viewer.userId });
    await ctx.audit(
      {
        action: 'training.follow_up_recorded',
        targetType: 'youth',
        targetId: before.youthId,
        targetLabel: before.name,
        detail: { followUpId: id, classId: before.classId, monthsAfter: before.monthsAfter, way: body.way },
      },
      tx,
    );
  });
  return presentFollowUp(await repo.findFollowUp(ctx.db, ctx.viewer, id), today);
}
