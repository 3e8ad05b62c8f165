import { and, eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import { trainingClasses, trainingLessons } from '../../db/schema';
import { inScope } from '../../platform/access/scope';
import type { Viewer } from '../../platform/access/viewer';
import { escapeLike } from '../../platform/search/like';
import { notFound } from '../../platform/http/errors';
import type { ClassStatus } from '../../../common/contracts/training';

type Scope = Pick<Viewer, 'unitPath'>;

export type ClassRow = {
  id: number;
  title: string;
  unitId: number;
  unitName: string;
  unitPath: string;
  institutionId: number | null;
  institutionName: string | null;
  level: 'central' | 'province' | 'city' | 'county';
  targetCategories: number[];
  capacity: number;
  startDate: string;
  endDate: string;
  mode: 'offline' | 'online' | 'mixed';
  place: string | null;
  description: string | null;
  completionRule: { minAttendanceRate: number };
  followUpMonths: number[];
  status: ClassStatus;
  appliedCount: number;
  admittedCount: number;
  waitlistCount: number;
  completedCount: number;
  withdrawnCount: number;
  lessonCount: number;
  createdAt: Date | string;
  version: number;
};

const COUNT = (status: string) =>
  sql`(select count(*)::int from training_enrolments e where e.class_id = c.id and e.status = ${status})`;

const COLUMNS = sql`c.id, c.title, c.unit_id as "unitId", u.name as "unitName", u.path as "unitPath",
  c.institution_id as "institutionId", i.name as "institutionName", c.level,
  c.target_categories as "targetCategories", c.capacity, c.start_date::text as "startDate",
  c.end_date::text as "endDate", c.mode, c.place, c.description, c.completion_rule as "completionRule",
  c.follow_up_months as "followUpMonths", c.status,
  ${COUNT('applied')} as "appliedCount", ${COUNT('admitted')} as "admittedCount",
  ${COUNT('waitlisted')} as "waitlistCount", ${COUNT('completed')} as "completedCount",
  ${COUNT('withdrawn')} as "withdrawnCount",
  (select count(*)::int from training_lessons l where l.class_id = c.id) as "lessonCount",
  c.created_at as "createdAt", c.version`;

const FROM = sql`training_classes c join units u on u.id = c.unit_id
  left join training_institutions i on i.id = c.institution_id`;

export type ClassQuery = {
  q?: string;
  unitId?: number;
  unitPath?: string;
  level?: string;
  status?: string;
  year?: number;
  order: SQL;
  limit: number;
  offset: number;
};

export async function listClassRows(db: Db, scope: Scope, q: ClassQuery) {
  const conds: SQL[] = [inScope(sql`c.unit_id`, scope)];
  if (q.q) conds.push(sql`c.title ilike ${`%${escapeLike(q.q)}%`}`);
  if (q.unitPath) {
    conds.push(sql`c.unit_id in (select su.id from units su where su.path like ${q.unitPath + '%'})`);
  }
  if (q.level) conds.push(sql`c.level = ${q.level}`);
  if (q.status) conds.push(sql`c.status = ${q.status}`);
  if (q.year) conds.push(sql`extract(year from c.start_date) = ${q.year}`);
  const where = sql.join(conds, sql` and `);
  const rows = await queryRows<ClassRow>(
    db,
    sql`select ${COLUMNS} from ${FROM} where ${where} order by ${q.order} limit ${q.limit} offset ${q.offset}`,
  );
  const count = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from training_classes c where ${where}`,
  );
  return { rows, total: count[0].n };
}

export async function findClass(db: Db, scope: Scope, id: number): Promise<ClassRow> {
  const rows = await queryRows<ClassRow>(
    db,
    sql`select ${COLUMNS} from ${FROM} where c.id = ${id} and ${inScope(sql`c.unit_id`, scope)}`,
  );
  if (!rows[0]) throw notFound('培训班');
  return rows[0];
}

/** Locks the class row for a change that depends on its state (admission, completion). */
export async function lockClass(db: Db, scope: Scope, id: number) {
  const rows = await queryRows<{
    id: number;
    unitId: number;
    title: string;
    capacity: number;
    status: ClassStatus;
    version: number;
  }>(
    db,
    sql`select c.id, c.unit_id as "unitId", c.title, c.capacity, c.status, c.version from training_classes c
        where c.id = ${id} and ${inScope(sql`c.unit_id`, scope)} for update`,
  );
  if (!rows[0]) throw notFound('培训班');
  return rows[0];
}

export type ClassValues = Omit<
  typeof trainingClasses.$inferInsert,
  'id' | 'createdAt' | 'updatedAt' | 'version'
>;

export async function insertClass(db: Db, values: ClassValues): Promise<number> {
  const [row] = await db.insert(trainingClasses).values(values).returning({ id: trainingClasses.id });
  return row.id;
}

export async function updateClassRow(db: Db, id: number, version: number, values: Partial<ClassValues>) {
  const rows = await db
    .update(trainingClasses)
    .set({ ...values, version: sql`${trainingClasses.version} + 1`, updatedAt: new Date() })
    .where(and(eq(trainingClasses.id, id), eq(trainingClasses.version, version)))
    .returning({ id: trainingClasses.id });
  return rows.length === 1;
}

export type LessonRow = {
  id: number;
  classId: number;
  unitId: number;
  title: string;
  kind: 'professional' | 'ideological';
  topic: string | null;
  teacher: string | null;
  startsAt: Date | string;
  hours: string;
  place: string | null;
  markedCount: number;
  version: number;
};

const LESSON_COLUMNS = sql`l.id, l.class_id as "classId", l.unit_id as "unitId", l.title, l.kind, l.topic,
  l.teacher, l.starts_at as "startsAt", l.hours::text as hours, l.place,
  (select count(*)::int from training_attendance a where a.lesson_id = l.id) as "markedCount", l.version`;

export async function lessonsOf(db: Db, classId: number): Promise<LessonRow[]> {
  return queryRows<LessonRow>(
    db,
    sql`select ${LESSON_COLUMNS} from training_lessons l where l.class_id = ${classId} order by l.starts_at, l.id`,
  );
}

export async function findLesson(db: Db, scope: Scope, id: number): Promise<LessonRow> {
  const rows = await queryRows<LessonRow>(
    db,
    sql`select ${LESSON_COLUMNS} from training_lessons l where l.id = ${id} and ${inScope(sql`l.unit_id`, scope)}`,
  );
  if (!rows[0]) throw notFound('课程');
  return rows[0];
}

export type LessonValues = Omit<typeof trainingLessons.$inferInsert, 'id' | 'createdAt' | 'version'>;

export async function insertLesson(db: Db, values: LessonValues): Promise<number> {
  const [row] = await db.insert(trainingLessons).values(values).returning({ id: trainingLessons.id });
  return row.id;
}

export async function updateLessonRow(db: Db, id: number, version: number, values: Partial<LessonValues>) {
  const rows = await db
    .update(trainingLessons)
    .set({ ...values, version: sql`${trainingLessons.version} + 1` })
    .where(and(eq(trainingLessons.id, id), eq(trainingLessons.version, version)))
    .returning({ id: trainingLessons.id });
  return rows.length === 1;
}

export async function deleteLessonRow(db: Db, id: number) {
  await db.delete(trainingLessons).where(eq(trainingLessons.id, id));
}

/** Category labels by id, for the classes' target groups. */
export async function categoryLabels(db: Db, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await queryRows<{ id: number; label: string }>(
    db,
    sql`select id, label from dict_items where id in ${ids} and dict_type = 'category'`,
  );
  return new Map(rows.map((r) => [r.id, r.label]));
}
