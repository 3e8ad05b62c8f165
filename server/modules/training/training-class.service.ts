import type { z } from 'zod';
import type {
  createClass,
  createLesson,
  listClasses,
  updateClass,
  updateLesson,
} from '../../../common/contracts/training';
import { sql } from 'drizzle-orm';
import { assertUnitInScope } from '../../platform/access/scope';
import { badRequest, conflict, staleVersion } from '../../platform/http/errors';
import { iso, type TrainingCtx as Ctx } from './training.context';
import * as repo from './training-class.repo';
import { findInstitution } from './training-institution.repo';

/** 培训班 and 课程: the class itself, its rule of completion and follow-up, and its lessons. */

type ListQuery = z.output<NonNullable<(typeof listClasses)['query']>>;
type CreateBody = z.output<NonNullable<(typeof createClass)['body']>>;
type UpdateBody = z.output<NonNullable<(typeof updateClass)['body']>>;
type LessonBody = z.output<NonNullable<(typeof createLesson)['body']>>;
type LessonUpdate = z.output<NonNullable<(typeof updateLesson)['body']>>;

export const FINISHED = '培训班已结业，不能再修改';

export function presentLesson(l: repo.LessonRow) {
  return {
    id: l.id,
    classId: l.classId,
    title: l.title,
    kind: l.kind,
    topic: l.topic,
    teacher: l.teacher,
    startsAt: iso(l.startsAt)!,
    hours: Number(l.hours),
    place: l.place,
    markedCount: l.markedCount,
    version: l.version,
  };
}

function presentItem(r: repo.ClassRow, labels: Map<number, string>) {
  return {
    id: r.id,
    title: r.title,
    unit: { id: r.unitId, name: r.unitName },
    institution: r.institutionId ? { id: r.institutionId, name: r.institutionName ?? '' } : null,
    level: r.level,
    targetCategories: (r.targetCategories ?? []).map((id) => ({ id, label: labels.get(id) ?? '' })),
    capacity: r.capacity,
    startDate: r.startDate,
    endDate: r.endDate,
    mode: r.mode,
    place: r.place,
    status: r.status,
    admittedCount: r.admittedCount,
    waitlistCount: r.waitlistCount,
    completedCount: r.completedCount,
    lessonCount: r.lessonCount,
    version: r.version,
  };
}

const SORTS: Record<string, string> = { startDate: 'c.start_date', title: 'c.title', capacity: 'c.capacity' };

export async function list(ctx: Ctx, q: ListQuery) {
  const desc = q.sort?.startsWith('-') ?? true;
  const column = SORTS[(q.sort ?? '-startDate').replace(/^-/, '')] ?? 'c.start_date';
  const unitPath = q.unitId ? await assertUnitInScope(ctx.db, q.unitId, ctx.viewer) : undefined;
  const { rows, total } = await repo.listClassRows(ctx.db, ctx.viewer, {
    q: q.q,
    unitPath,
    level: q.level,
    status: q.status,
    year: q.year,
    order: sql.raw(`${column} ${desc ? 'desc' : 'asc'}, c.id desc`),
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  const labels = await repo.categoryLabels(ctx.db, [
    ...new Set(rows.flatMap((r) => r.targetCategories ?? [])),
  ]);
  return { items: rows.map((r) => presentItem(r, labels)), total, page: q.page, pageSize: q.pageSize };
}

export async function detail(ctx: Ctx, id: number) {
  const r = await repo.findClass(ctx.db, ctx.viewer, id);
  const [labels, lessons] = await Promise.all([
    repo.categoryLabels(ctx.db, r.targetCategories ?? []),
    repo.lessonsOf(ctx.db, id),
  ]);
  return {
    ...presentItem(r, labels),
    description: r.description,
    minAttendanceRate: r.completionRule?.minAttendanceRate ?? 0.8,
    followUpMonths: r.followUpMonths ?? [],
    appliedCount: r.appliedCount,
    withdrawnCount: r.withdrawnCount,
    lessons: lessons.map(presentLesson),
    createdAt: iso(r.createdAt)!,
  };
}

/** Dates in order, the institution and the categories within reach: refused before anything is written. */
async function checkFields(ctx: Ctx, b: Partial<CreateBody>, current?: repo.ClassRow) {
  const start = b.startDate ?? current?.startDate;
  const end = b.endDate ?? current?.endDate;
  if (start && end && end < start) {
    throw badRequest('结束日期不能早于开始日期', [{ path: 'endDate', message: '早于开始日期' }]);
  }
  if (b.institutionId) await findInstitution(ctx.db, ctx.viewer, b.institutionId);
  if (b.targetCategories?.length) {
    const labels = await repo.categoryLabels(ctx.db, b.targetCategories);
    if (labels.size !== new Set(b.targetCategories).size) {
      throw badRequest('培训对象中有不存在的群体类别，请重新选择', [
        { path: 'targetCategories', message: '选项无效' },
      ]);
    }
  }
}

const months = (m: number[] | undefined) => (m ? [...new Set(m)].sort((a, b) => a - b) : undefined);

export async function create(ctx: Ctx, body: CreateBody) {
  const unitId = body.unitId ?? ctx.viewer.unitId;
  await assertUnitInScope(ctx.db, unitId, ctx.viewer);
  await checkFields(ctx, body);
  const id = await ctx.db.transaction(async (tx) => {
    const newId = await repo.insertClass(tx, {
      unitId,
      title: body.title,
      institutionId: body.institutionId ?? null,
      level: body.level,
      targetCategories: [...new Set(body.targetCategories)],
      capacity: body.capacity,
      startDate: body.startDate,
      endDate: body.endDate,
      mode: body.mode,
      place: body.place ?? null,
      description: body.description ?? null,
      completionRule: { minAttendanceRate: body.minAttendanceRate },
      followUpMonths: months(body.followUpMonths),
      status: 'enrolling',
      createdBy: ctx.viewer.userId,
    });
    await ctx.audit(
      {
        action: 'training.class_created',
        targetType: 'training_class',
        targetId: newId,
        targetLabel: body.title,
        detail: { unitId, capacity: body.capacity },
      },
      tx,
    );
    return newId;
  });
  return detail(ctx, id);
}

export async function update(ctx: Ctx, id: number, body: UpdateBody) {
  const before = await repo.findClass(ctx.db, ctx.viewer, id);
  if (before.version !== body.version) throw staleVersion();
  if (before.status === 'finished') throw conflict(FINISHED);
  if (body.unitId !== undefined && body.unitId !== before.unitId) {
    throw badRequest('培训班的主办单位创建后不能更改');
  }
  await checkFields(ctx, body, before);
  const changed = Object.keys(body).filter(
    (k) => k !== 'version' && body[k as keyof UpdateBody] !== undefined,
  );
  await ctx.db.transaction(async (tx) => {
    const { minAttendanceRate, followUpMonths, targetCategories, version, unitId: _unit, ...rest } = body;
    const ok = await repo.updateClassRow(tx, id, version, {
      ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)),
      ...(minAttendanceRate !== undefined ? { completionRule: { minAttendanceRate } } : {}),
      ...(followUpMonths !== undefined ? { followUpMonths: months(followUpMonths) } : {}),
      ...(targetCategories !== undefined ? { targetCategories: [...new Set(targetCategories)] } : {}),
    });
    if (!ok) throw staleVersion();
    await ctx.audit(
      {
        action: 'training.class_updated',
        targetType: 'training_class',
        targetId: id,
        targetLabel: body.title ?? before.title,
        detail: { changed },
      },
      tx,
    );
  });
  return detail(ctx, id);
}

export async function addLesson(ctx: Ctx, classId: number, body: LessonBody) {
  const c = await repo.findClass(ctx.db, ctx.viewer, classId);
  if (c.status === 'finished') throw conflict(FINISHED);
  const id = await ctx.db.transaction(async (tx) => {
    const newId = await repo.insertLesson(tx, {
      classId,
      unitId: c.unitId,
      title: body.title,
      kind: body.kind,
      topic: body.topic ?? null,
      teacher: body.teacher ?? null,
      startsAt: new Date(body.startsAt),
      hours: String(body.hours),
      place: body.place ?? null,
    });
    await ctx.audit(
      {
        action: 'training.lesson_created',
        targetType: 'training_class',
        targetId: classId,
        targetLabel: c.title,
        detail: { lessonId: newId, title: body.title },
      },
      tx,
    );
    return newId;
  });
  return presentLesson(await repo.findLesson(ctx.db, ctx.viewer, id));
}

async function lessonClass(ctx: Ctx, lessonId: number) {
  const lesson = await repo.findLesson(ctx.db, ctx.viewer, lessonId);
  const c = await repo.findClass(ctx.db, ctx.viewer, lesson.classId);
  if (c.status === 'finished') throw conflict(FINISHED);
  return { lesson, c };
}

export async function updateLessonFields(ctx: Ctx, lessonId: number, body: LessonUpdate) {
  const { lesson, c } = await lessonClass(ctx, lessonId);
  if (lesson.version !== body.version) throw staleVersion();
  await ctx.db.transaction(async (tx) => {
    const { version, startsAt, hours, ...rest } = body;
    const ok = await repo.updateLessonRow(tx, lessonId, version, {
      ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)),
      ...(startsAt !== undefined ? { startsAt: new Date(startsAt) } : {}),
      ...(hours !== undefined ? { hours: String(hours) } : {}),
    });
    if (!ok) throw staleVersion();
    await ctx.audit(
      {
        action: 'training.lesson_updated',
        targetType: 'training_class',
        targetId: c.id,
        targetLabel: c.title,
        detail: { lessonId },
      },
      tx,
    );
  });
  return presentLesson(await repo.findLesson(ctx.db, ctx.viewer, lessonId));
}

export async function removeLesson(ctx: Ctx, lessonId: number) {
  const { lesson, c } = await lessonClass(ctx, lessonId);
  if (lesson.markedCount > 0) throw conflict('该课程已记录考勤，不能删除');
  await ctx.db.transaction(async (tx) => {
    await repo.deleteLessonRow(tx, lessonId);
    await ctx.audit(
      {
        action: 'training.lesson_deleted',
        targetType: 'training_class',
        targetId: c.id,
        targetLabel: c.title,
        detail: { lessonId, title: lesson.title },
      },
      tx,
    );
  });
  return { ok: true as const };
}
