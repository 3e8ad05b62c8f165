import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { units } from './units';
import { users } from './accounts';
import { youth } from './youth';

/** 培训机构: the partner institutions a unit trains with (and the 作协/影协/… or school behind them). */
export const trainingInstitutions = pgTable(
  'training_institutions',
  {
    id: serial('id').primaryKey(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    name: text('name').notNull(),
    /** 行业协会、高校、培训机构、企业、其他 */
    kind: text('kind').notNull(),
    /** The 作协/影协/美协/音协 or school behind it. */
    backing: text('backing'),
    contactName: text('contact_name'),
    contactPhoneEnc: text('contact_phone_enc'),
    address: text('address'),
    remark: text('remark'),
    enabled: boolean('enabled').notNull().default(true),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('training_institutions_unit_idx').on(t.unitId)],
);

export type CompletionRule = { minAttendanceRate: number };

/** 培训班. */
export const trainingClasses = pgTable(
  'training_classes',
  {
    id: serial('id').primaryKey(),
    /** The organising unit. */
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    title: text('title').notNull(),
    institutionId: integer('institution_id').references(() => trainingInstitutions.id),
    /** 团中央示范性培训班 / 省 / 市 / 县 */
    level: text('level', { enum: ['central', 'province', 'city', 'county'] }).notNull(),
    /** Category dictionary items the class is for (empty: all). */
    targetCategories: integer('target_categories')
      .array()
      .notNull()
      .default(sql`'{}'::int[]`),
    capacity: integer('capacity').notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    mode: text('mode', { enum: ['offline', 'online', 'mixed'] }).notNull(),
    place: text('place'),
    description: text('description'),
    completionRule: jsonb('completion_rule')
      .$type<CompletionRule>()
      .notNull()
      .default({ minAttendanceRate: 0.8 }),
    /** 跟踪培养: follow-ups this many months after the class ends, e.g. [3, 6]. */
    followUpMonths: integer('follow_up_months')
      .array()
      .notNull()
      .default(sql`'{3,6}'::int[]`),
    status: text('status', { enum: ['planning', 'enrolling', 'ongoing', 'finished', 'cancelled'] })
      .notNull()
      .default('planning'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('training_classes_unit_idx').on(t.unitId, t.startDate)],
);

/** 课程. */
export const trainingLessons = pgTable(
  'training_lessons',
  {
    id: serial('id').primaryKey(),
    classId: integer('class_id')
      .notNull()
      .references(() => trainingClasses.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    title: text('title').notNull(),
    /** 专业类 / 思想类 */
    kind: text('kind', { enum: ['professional', 'ideological'] }).notNull(),
    /** 新手入门、经典解析、创作实践、粉丝经济 / 政策解读、形势教育、革命传统和爱国主义教育 … */
    topic: text('topic'),
    teacher: text('teacher'),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    hours: numeric('hours', { precision: 4, scale: 1 }).notNull(),
    place: text('place'),
    /** A short code a participant types (or scans) to sign in to this lesson. */
    signInCode: text('sign_in_code'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('training_lessons_class_idx').on(t.classId, t.startsAt)],
);

/** 报名 → 录取 / 候补 → 结业 or 退出. */
export const trainingEnrolments = pgTable(
  'training_enrolments',
  {
    id: serial('id').primaryKey(),
    classId: integer('class_id')
      .notNull()
      .references(() => trainingClasses.id),
    /** The class's unit (scope). */
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    youthId: integer('youth_id')
      .notNull()
      .references(() => youth.id),
    status: text('status', { enum: ['applied', 'admitted', 'waitlisted', 'completed', 'withdrawn'] })
      .notNull()
      .default('applied'),
    /** The person was a key target when enrolled (seed 000: 优先安排重点培养对象). */
    keyTarget: boolean('key_target').notNull().default(false),
    waitlistPosition: integer('waitlist_position'),
    withdrawReason: text('withdraw_reason'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('training_enrolments_one_per_class').on(t.classId, t.youthId),
    index('training_enrolments_youth_idx').on(t.youthId),
  ],
);

/** 考勤 per lesson and participant. */
export const trainingAttendance = pgTable(
  'training_attendance',
  {
    lessonId: integer('lesson_id')
      .notNull()
      .references(() => trainingLessons.id),
    enrolmentId: integer('enrolment_id')
      .notNull()
      .references(() => trainingEnrolments.id),
    status: text('status', { enum: ['present', 'late', 'leave', 'absent'] }).notNull(),
    /** 'cadre' (marked in the grid) or 'self' (signed in with the lesson's code). */
    source: text('source', { enum: ['cadre', 'self'] })
      .notNull()
      .default('cadre'),
    markedBy: integer('marked_by').references(() => users.id),
    markedAt: timestamp('marked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.lessonId, t.enrolmentId] })],
);

/** 跟踪培养: one row per graduate and scheduled follow-up, done when `doneOn` is set. */
export const trainingFollowUps = pgTable(
  'training_follow_ups',
  {
    id: serial('id').primaryKey(),
    enrolmentId: integer('enrolment_id')
      .notNull()
      .references(() => trainingEnrolments.id),
    classId: integer('class_id')
      .notNull()
      .references(() => trainingClasses.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    monthsAfter: integer('months_after').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    doneOn: date('done_on', { mode: 'string' }),
    way: text('way'),
    summary: text('summary'),
    doneBy: integer('done_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('training_follow_ups_one').on(t.enrolmentId, t.monthsAfter),
    index('training_follow_ups_due_idx').on(t.unitId, t.dueOn),
  ],
);
