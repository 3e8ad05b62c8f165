import { z } from 'zod';
import { defineContract, idParams, pageOf, pageQuery } from '../contract';

/** 培训: participants (报名 → 录取 / 候补 → 结业 or 退出), attendance, completion, follow-up. */

const text = (max: number) => z.string().trim().max(max);
const id = z.number().int().positive();
const ymd = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const unitRef = z.object({ id: z.number().int(), name: z.string() });

export const ENROLMENT_STATUSES = {
  applied: '报名',
  admitted: '录取',
  waitlisted: '候补',
  completed: '结业',
  withdrawn: '退出',
} as const;
export const enrolmentStatus = z.enum(['applied', 'admitted', 'waitlisted', 'completed', 'withdrawn']);
export type EnrolmentStatus = z.infer<typeof enrolmentStatus>;

export const enrolment = z.object({
  id: z.number().int(),
  classId: z.number().int(),
  youthId: z.number().int(),
  name: z.string(),
  unit: unitRef,
  category: z.string().nullable(),
  phone: z.string().nullable().describe('脱敏'),
  keyTarget: z.boolean(),
  status: enrolmentStatus,
  waitlistPosition: z.number().int().nullable(),
  withdrawReason: z.string().nullable(),
  /** Attended (出勤、迟到) over the class's lessons; null while the class has no lessons. */
  attendanceRate: z.number().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type Enrolment = z.infer<typeof enrolment>;

export const listEnrolments = defineContract({
  method: 'GET',
  path: '/api/training/classes/:id/enrolments',
  access: 'training.read',
  tag: 'training',
  summary: '学员名单（重点培养对象在前；候补按顺序）',
  params: idParams,
  query: z.object({ status: enrolmentStatus.optional() }),
  response: z.object({ items: z.array(enrolment) }),
});

export const addEnrolments = defineContract({
  method: 'POST',
  path: '/api/training/classes/:id/enrolments',
  access: 'training.write',
  tag: 'training',
  summary: '从青年库批量报名（本单位及下级的青年；已报名的跳过）',
  params: idParams,
  body: z.object({ youthIds: z.array(id).min(1, '请选择青年').max(500) }),
  response: z.object({
    added: z.number().int(),
    skipped: z.array(z.object({ youthId: z.number().int(), name: z.string(), reason: z.string() })),
  }),
});

export const admitEnrolments = defineContract({
  method: 'POST',
  path: '/api/training/classes/:id/admit',
  access: 'training.write',
  tag: 'training',
  summary: '按规则录取：重点培养对象优先，额满转入候补',
  params: idParams,
  response: z.object({ admitted: z.number().int(), waitlisted: z.number().int() }),
});

export const withdrawEnrolment = defineContract({
  method: 'POST',
  path: '/api/training/enrolments/:id/withdraw',
  access: 'training.write',
  tag: 'training',
  summary: '学员退出（须填写原因）；空出的名额由候补第一位自动递补',
  params: idParams,
  body: z.object({
    reason: text(200).min(2, '请填写退出原因'),
    version: z.number().int().positive(),
  }),
  response: z.object({ promoted: z.object({ id: z.number().int(), name: z.string() }).nullable() }),
});

export const ATTENDANCE_STATUSES = { present: '出勤', late: '迟到', leave: '请假', absent: '缺勤' } as const;
export const attendanceStatus = z.enum(['present', 'late', 'leave', 'absent']);
export type AttendanceStatus = z.infer<typeof attendanceStatus>;

export const attendanceGrid = z.object({
  lessons: z.array(
    z.object({ id: z.number().int(), title: z.string(), startsAt: z.string(), hours: z.number() }),
  ),
  participants: z.array(
    z.object({
      enrolmentId: z.number().int(),
      name: z.string(),
      unit: z.string(),
      keyTarget: z.boolean(),
      status: enrolmentStatus,
      attendanceRate: z.number().nullable(),
    }),
  ),
  marks: z.array(
    z.object({ lessonId: z.number().int(), enrolmentId: z.number().int(), status: attendanceStatus }),
  ),
});
export type AttendanceGrid = z.infer<typeof attendanceGrid>;

export const getAttendance = defineContract({
  method: 'GET',
  path: '/api/training/classes/:id/attendance',
  access: 'training.read',
  tag: 'training',
  summary: '考勤表（学员 × 课程）',
  params: idParams,
  response: attendanceGrid,
});

export const markAttendance = defineContract({
  method: 'PUT',
  path: '/api/training/classes/:id/attendance',
  access: 'training.write',
  tag: 'training',
  summary: '批量记考勤（status 为 null 时清除）',
  params: idParams,
  body: z.object({
    marks: z
      .array(z.object({ lessonId: id, enrolmentId: id, status: attendanceStatus.nullable() }))
      .min(1)
      .max(5000),
  }),
  response: z.object({ changed: z.number().int() }),
});

export const completionRow = z.object({
  enrolmentId: z.number().int(),
  name: z.string(),
  unit: z.string(),
  attended: z.number().int(),
  lessons: z.number().int(),
  attendanceRate: z.number().nullable(),
  passes: z.boolean(),
  /** Why the rule is not met, in words a cadre can read out. */
  reason: z.string().nullable(),
});

export const checkCompletion = defineContract({
  method: 'GET',
  path: '/api/training/classes/:id/completion',
  access: 'training.read',
  tag: 'training',
  summary: '结业审核：按本班规则（出勤率）逐人检查',
  params: idParams,
  response: z.object({ minAttendanceRate: z.number(), rows: z.array(completionRow) }),
});

export const completeClass = defineContract({
  method: 'POST',
  path: '/api/training/classes/:id/complete',
  access: 'training.write',
  tag: 'training',
  summary: '结业：符合规则的学员结业并生成跟踪培养计划，培训班标记为已结业',
  params: idParams,
  body: z.object({ version: z.number().int().positive() }),
  response: z.object({
    completed: z.number().int(),
    followUps: z.number().int(),
    failed: z.array(completionRow),
  }),
});

export const FOLLOW_UP_WAYS = [
  '面谈',
  '电话',
  '微信/网络沟通',
  '走访',
  '作品点评',
  '活动参与',
  '其他',
] as const;

export const followUp = z.object({
  id: z.number().int(),
  classId: z.number().int(),
  classTitle: z.string(),
  unit: unitRef,
  youthId: z.number().int(),
  name: z.string(),
  monthsAfter: z.number().int(),
  dueOn: z.string(),
  doneOn: z.string().nullable(),
  way: z.string().nullable(),
  summary: z.string().nullable(),
  overdue: z.boolean(),
  daysOverdue: z.number().int().nullable(),
});
export type FollowUp = z.infer<typeof followUp>;

export const listFollowUps = defineContract({
  method: 'GET',
  path: '/api/training/follow-ups',
  access: 'training.read',
  tag: 'training',
  summary: '跟踪培养（本单位及下级）：逾期、待办、已完成',
  query: pageQuery.extend({
    status: z.enum(['overdue', 'pending', 'done', 'all']).default('overdue'),
    classId: z.coerce.number().int().positive().optional(),
    q: text(50).optional(),
  }),
  response: pageOf(followUp),
});

export const recordFollowUp = defineContract({
  method: 'POST',
  path: '/api/training/follow-ups/:id',
  access: 'training.write',
  tag: 'training',
  summary: '登记跟踪培养情况',
  params: idParams,
  body: z.object({
    doneOn: ymd,
    way: text(20).min(1, '请选择跟踪方式'),
    summary: text(2000).min(4, '请填写跟踪情况（至少 4 个字）'),
  }),
  response: followUp,
});
