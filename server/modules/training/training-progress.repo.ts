import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import { inScope } from '../../platform/access/scope';
import type { Viewer } from '../../platform/access/viewer';
import { escapeLike } from '../../platform/search/like';
import { notFound } from '../../platform/http/errors';
import type { AttendanceStatus } from '../../../common/contracts/training-enrolment';

/** 考勤 and 跟踪培养: the marks of a class's grid and the follow-ups scheduled at completion. */

type Scope = Pick<Viewer, 'unitPath'>;

export async function marksOf(db: Db, classId: number) {
  return queryRows<{ lessonId: number; enrolmentId: number; status: AttendanceStatus }>(
    db,
    sql`select a.lesson_id as "lessonId", a.enrolment_id as "enrolmentId", a.status
        from training_attendance a join training_lessons l on l.id = a.lesson_id where l.class_id = ${classId}`,
  );
}

export async function lessonIdsOf(db: Db, classId: number): Promise<Set<number>> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`select id from training_lessons where class_id = ${classId}`,
  );
  return new Set(rows.map((r) => r.id));
}

/** Participants whose attendance may be marked: those admitted (结业 closes the grid). */
export async function markableEnrolments(db: Db, classId: number): Promise<Set<number>> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`select id from training_enrolments where class_id = ${classId} and status = 'admitted'`,
  );
  return new Set(rows.map((r) => r.id));
}

export async function upsertMark(
  db: Db,
  m: { lessonId: number; enrolmentId: number; status: AttendanceStatus; markedBy: number },
) {
  await db.execute(
    sql`insert into training_attendance (lesson_id, enrolment_id, status, source, marked_by, marked_at)
        values (${m.lessonId}, ${m.enrolmentId}, ${m.status}, 'cadre', ${m.markedBy}, now())
        on conflict (lesson_id, enrolment_id)
        do update set status = excluded.status, source = 'cadre', marked_by = excluded.marked_by, marked_at = now()`,
  );
}

export async function clearMark(db: Db, lessonId: number, enrolmentId: number) {
  await db.execute(
    sql`delete from training_attendance where lesson_id = ${lessonId} and enrolment_id = ${enrolmentId}`,
  );
}

/** One row per graduate and month offset, due that many months after the class ends; never twice. */
export async function scheduleFollowUps(
  db: Db,
  enrolmentId: number,
  classId: number,
  unitId: number,
  months: number[],
) {
  let n = 0;
  for (const m of months) {
    const rows = await queryRows<{ id: number }>(
      db,
      sql`insert into training_follow_ups (enrolment_id, class_id, unit_id, months_after, due_on)
          select ${enrolmentId}, ${classId}, ${unitId}, ${m}, (c.end_date + make_interval(months => ${m}))::date
          from training_classes c where c.id = ${classId}
          on conflict (enrolment_id, months_after) do nothing returning id`,
    );
    n += rows.length;
  }
  return n;
}

export async function finishClass(db: Db, classId: number) {
  await db.execute(
    sql`update training_classes set status = 'finished', version = version + 1, updated_at = now() where id = ${classId}`,
  );
}

export type FollowUpRow = {
  id: number;
  classId: number;
  classTitle: string;
  unitId: number;
  unitName: string;
  youthId: number;
  name: string;
  monthsAfter: number;
  dueOn: string;
  doneOn: string | null;
  way: string | null;
  summary: string | null;
};

const FU_COLUMNS = sql`f.id, f.class_id as "classId", c.title as "classTitle", f.unit_id as "unitId",
  u.name as "unitName", e.youth_id as "youthId", y.name, f.months_after as "monthsAfter",
  f.due_on::text as "dueOn", f.done_on::text as "doneOn", f.way, f.summary`;
const FU_FROM = sql`training_follow_ups f join training_classes c on c.id = f.class_id
  join units u on u.id = f.unit_id join training_enrolments e on e.id = f.enrolment_id
  join youth y on y.id = e.youth_id`;

export type FollowUpStatus = 'overdue' | 'pending' | 'done' | 'all';

export async function listFollowUpRows(
  db: Db,
  scope: Scope,
  q: { status: FollowUpStatus; today: string; classId?: number; q?: string; limit: number; offset: number },
) {
  const conds: SQL[] = [inScope(sql`f.unit_id`, scope)];
  if (q.status === 'overdue') conds.push(sql`f.done_on is null and f.due_on < ${q.today}`);
  if (q.status === 'pending') conds.push(sql`f.done_on is null`);
  if (q.status === 'done') conds.push(sql`f.done_on is not null`);
  if (q.classId) conds.push(sql`f.class_id = ${q.classId}`);
  if (q.q) {
    const like = `%${escapeLike(q.q)}%`;
    conds.push(sql`(y.name ilike ${like} or c.title ilike ${like})`);
  }
  const where = sql.join(conds, sql` and `);
  const order = q.status === 'done' ? sql`f.done_on desc, f.id desc` : sql`f.due_on, f.id`;
  const rows = await queryRows<FollowUpRow>(
    db,
    sql`select ${FU_COLUMNS} from ${FU_FROM} where ${where} order by ${order} limit ${q.limit} offset ${q.offset}`,
  );
  const count = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from ${FU_FROM} where ${where}`,
  );
  return { rows, total: count[0].n };
}

export async function findFollowUp(db: Db, scope: Scope, id: number): Promise<FollowUpRow> {
  const rows = await queryRows<FollowUpRow>(
    db,
    sql`select ${FU_COLUMNS} from ${FU_FROM} where f.id = ${id} and ${inScope(sql`f.unit_id`, scope)}`,
  );
  if (!rows[0]) throw notFound('跟踪培养记录');
  return rows[0];
}

export async function recordFollowUpRow(
  db: Db,
  id: number,
  v: { doneOn: string; way: string; summary: string; doneBy: number },
) {
  await db.execute(
    sql`update training_follow_ups set done_on = ${v.doneOn}, way = ${v.way}, summary = ${v.summary},
        done_by = ${v.doneBy} where id = ${id}`,
  );
}

/** A class's follow-ups: how many are due, done and overdue (for the summary). */
export async function followUpCounts(db: Db, classId: number, today: string) {
  const rows = await queryRows<{ total: number; done: number; overdue: number }>(
    db,
    sql`select count(*)::int as total, count(done_on)::int as done,
          count(*) filter (where done_on is null and due_on < ${today})::int as overdue
        from training_follow_ups where class_id = ${classId}`,
  );
  return rows[0];
}
