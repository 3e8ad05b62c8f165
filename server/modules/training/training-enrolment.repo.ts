import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import { inScope } from '../../platform/access/scope';
import type { Viewer } from '../../platform/access/viewer';
import { notFound } from '../../platform/http/errors';
import type { EnrolmentStatus } from '../../../common/contracts/training-enrolment';

type Scope = Pick<Viewer, 'unitPath'>;

export type EnrolmentRow = {
  id: number;
  classId: number;
  youthId: number;
  name: string;
  youthUnitId: number;
  youthUnitName: string;
  categoryLabel: string | null;
  phoneEnc: string | null;
  keyTarget: boolean;
  status: EnrolmentStatus;
  waitlistPosition: number | null;
  withdrawReason: string | null;
  attended: number;
  lessons: number;
  createdAt: Date | string;
  completedAt: Date | string | null;
  version: number;
};

/** 出勤 and 迟到 count as attended; 请假 and 缺勤 do not. */
export const ATTENDED = sql`('present', 'late')`;

const COLUMNS = sql`e.id, e.class_id as "classId", e.youth_id as "youthId", y.name, y.unit_id as "youthUnitId",
  u.name as "youthUnitName", d.label as "categoryLabel", y.phone_enc as "phoneEnc", e.key_target as "keyTarget",
  e.status, e.waitlist_position as "waitlistPosition", e.withdraw_reason as "withdrawReason",
  (select count(*)::int from training_attendance a where a.enrolment_id = e.id and a.status in ${ATTENDED}) as attended,
  (select count(*)::int from training_lessons l where l.class_id = e.class_id) as lessons,
  e.created_at as "createdAt", e.completed_at as "completedAt", e.version`;

const FROM = sql`training_enrolments e join youth y on y.id = e.youth_id join units u on u.id = y.unit_id
  left join dict_items d on d.id = y.category_id`;

/** Key targets first, then waiting-list order, then order of application. */
const ORDER = sql`case e.status when 'completed' then 0 when 'admitted' then 1 when 'applied' then 2
  when 'waitlisted' then 3 else 4 end, e.key_target desc, e.waitlist_position nulls last, e.id`;

export async function enrolmentRows(db: Db, classId: number, status?: EnrolmentStatus) {
  return queryRows<EnrolmentRow>(
    db,
    sql`select ${COLUMNS} from ${FROM} where e.class_id = ${classId}
        ${status ? sql`and e.status = ${status}` : sql``} order by ${ORDER}`,
  );
}

export async function findEnrolment(db: Db, scope: Scope, id: number, lock = false) {
  const rows = await queryRows<EnrolmentRow & { unitId: number }>(
    db,
    sql`select ${COLUMNS}, e.unit_id as "unitId" from ${FROM}
        where e.id = ${id} and ${inScope(sql`e.unit_id`, scope)} ${lock ? sql`for update of e` : sql``}`,
  );
  if (!rows[0]) throw notFound('学员记录');
  return rows[0];
}

export type Candidate = { id: number; name: string; stage: 'contact' | 'key' };

/** The people to enrol, within the viewer's scope; the caller refuses the batch when one is missing. */
export async function youthInScope(db: Db, scope: Scope, ids: number[]): Promise<Candidate[]> {
  if (!ids.length) return [];
  return queryRows<Candidate>(
    db,
    sql`select y.id, y.name, y.stage from youth y where y.id in ${ids} and ${inScope(sql`y.unit_id`, scope)}`,
  );
}

export async function existingEnrolments(db: Db, classId: number, youthIds: number[]) {
  if (!youthIds.length) return [];
  return queryRows<{ id: number; youthId: number; status: EnrolmentStatus }>(
    db,
    sql`select id, youth_id as "youthId", status from training_enrolments
        where class_id = ${classId} and youth_id in ${youthIds}`,
  );
}

export async function insertEnrolment(
  db: Db,
  v: { classId: number; unitId: number; youthId: number; keyTarget: boolean; createdBy: number },
) {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`insert into training_enrolments (class_id, unit_id, youth_id, key_target, created_by)
        values (${v.classId}, ${v.unitId}, ${v.youthId}, ${v.keyTarget}, ${v.createdBy}) returning id`,
  );
  return rows[0].id;
}

/** A withdrawn participant applies again: back to 报名, keeping their row (one per class and person). */
export async function reapply(db: Db, id: number, keyTarget: boolean) {
  await db.execute(
    sql`update training_enrolments set status = 'applied', withdraw_reason = null, waitlist_position = null,
        key_target = ${keyTarget}, decided_at = null, version = version + 1 where id = ${id}`,
  );
}

/** Before a decision, the key-target mark follows the person's current stage. */
export async function refreshKeyTargets(db: Db, classId: number) {
  await db.execute(
    sql`update training_enrolments e set key_target = (y.stage = 'key') from youth y
        where y.id = e.youth_id and e.class_id = ${classId} and e.status in ('applied', 'waitlisted')
          and e.key_target <> (y.stage = 'key')`,
  );
}

export async function seatsTaken(db: Db, classId: number): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from training_enrolments
        where class_id = ${classId} and status in ('admitted', 'completed')`,
  );
  return rows[0].n;
}

export type QueueRow = {
  id: number;
  youthId: number;
  name: string;
  status: EnrolmentStatus;
  keyTarget: boolean;
};

/**
 * Everyone waiting for a seat, in the order seats go: key targets first (seed 000: 培训班要优先安排
 * 重点培养对象参加), then those already on the waiting list by position, then by application.
 */
export async function queue(db: Db, classId: number): Promise<QueueRow[]> {
  return queryRows<QueueRow>(
    db,
    sql`select e.id, e.youth_id as "youthId", y.name, e.status, e.key_target as "keyTarget"
        from training_enrolments e join youth y on y.id = e.youth_id
        where e.class_id = ${classId} and e.status in ('applied', 'waitlisted')
        order by e.key_target desc, (e.status = 'waitlisted') desc, e.waitlist_position nulls last, e.id
        for update of e`,
  );
}

export async function setStatus(
  db: Db,
  id: number,
  status: EnrolmentStatus,
  extra: { waitlistPosition?: number | null; withdrawReason?: string | null } = {},
) {
  await db.execute(
    sql`update training_enrolments set status = ${status},
          waitlist_position = ${extra.waitlistPosition ?? null},
          ${extra.withdrawReason !== undefined ? sql`withdraw_reason = ${extra.withdrawReason},` : sql``}
          decided_at = now(), ${status === 'completed' ? sql`completed_at = now(),` : sql``}
          version = version + 1
        where id = ${id}`,
  );
}
