import {
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
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { departments, units } from './units';
import { users } from './accounts';
import { files } from './files';

/**
 * 工作方案 (年度工作要点 / 实施方案 / 推进步骤) of a unit, usually made from the document it received
 * (seed 002), or issued downward by an upper unit as a template (seed 000 §四): `templateId` is the
 * upper unit's plan a copy was made from.
 */
export const workPlans = pgTable(
  'work_plans',
  {
    id: serial('id').primaryKey(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    title: text('title').notNull(),
    kind: text('kind', { enum: ['annual', 'implementation', 'steps', 'other'] }).notNull(),
    year: integer('year').notNull(),
    /** 文号 as written: 洪青发〔2021〕7号 */
    docNumber: text('doc_number'),
    /** 发文单位 as written: 共青团南昌市委 */
    issuer: text('issuer'),
    /** The period the plan covers: the traffic light measures elapsed time from here. */
    startDate: date('start_date', { mode: 'string' }),
    endDate: date('end_date', { mode: 'string' }),
    /** Text before the first section (header, notice), and after the last task (注、附件、印发). */
    preamble: text('preamble').notNull().default(''),
    closing: text('closing').notNull().default(''),
    source: text('source', { enum: ['document', 'text', 'manual', 'issued'] }).notNull(),
    /** The .docx it was made from, kept in the file store. */
    sourceFileId: integer('source_file_id').references(() => files.id),
    templateId: integer('template_id').references((): AnyPgColumn => workPlans.id),
    issuedAt: timestamp('issued_at', { withTimezone: true }),
    status: text('status', { enum: ['active', 'archived'] })
      .notNull()
      .default('active'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('work_plans_unit_idx').on(t.unitId, t.year),
    index('work_plans_template_idx').on(t.templateId),
  ],
);

/** 一、二、… (a （一） heading above the task level becomes 二（一）). */
export const planSections = pgTable(
  'plan_sections',
  {
    id: serial('id').primaryKey(),
    planId: integer('plan_id')
      .notNull()
      .references(() => workPlans.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    number: text('number').notNull().default(''),
    title: text('title').notNull().default(''),
    intro: text('intro').notNull().default(''),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [index('plan_sections_plan_idx').on(t.planId, t.sortOrder)],
);

/**
 * A numbered task (督办事项): the lead department is the first named in its 责任部门 note, the others
 * participate (plan_task_departments); a collective (机关各部门、下属各单位) is kept as written.
 * `status` is what was last reported; 滞后 is also derived from the deadline (see plan-light.ts).
 */
export const planTasks = pgTable(
  'plan_tasks',
  {
    id: serial('id').primaryKey(),
    planId: integer('plan_id')
      .notNull()
      .references(() => workPlans.id),
    sectionId: integer('section_id').references(() => planSections.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    number: text('number').notNull().default(''),
    title: text('title').notNull(),
    content: text('content').notNull().default(''),
    /** The 责任部门 note as written in the document. */
    departmentsNote: text('departments_note').notNull().default(''),
    leadDepartmentId: integer('lead_department_id').references(() => departments.id),
    /** 机关各部门、下属各单位 … as written. */
    collective: text('collective'),
    /** 责任人 */
    owner: text('owner'),
    startDate: date('start_date', { mode: 'string' }),
    deadline: date('deadline', { mode: 'string' }),
    /** The deadline as the document wrote it: 6月底前, 4—5月. */
    deadlineText: text('deadline_text'),
    status: text('status', { enum: ['not_started', 'in_progress', 'done', 'lagging'] })
      .notNull()
      .default('not_started'),
    /** Share done, 0–100, as last reported. */
    progress: integer('progress').notNull().default(0),
    completedOn: date('completed_on', { mode: 'string' }),
    lastProgressOn: date('last_progress_on', { mode: 'string' }),
    sortOrder: integer('sort_order').notNull().default(0),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('plan_tasks_plan_idx').on(t.planId, t.sortOrder),
    index('plan_tasks_unit_idx').on(t.unitId, t.deadline),
    index('plan_tasks_lead_idx').on(t.leadDepartmentId),
  ],
);

/** 参与部门, in the order written. */
export const planTaskDepartments = pgTable(
  'plan_task_departments',
  {
    taskId: integer('task_id')
      .notNull()
      .references(() => planTasks.id),
    departmentId: integer('department_id')
      .notNull()
      .references(() => departments.id),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.taskId, t.departmentId] }),
    index('plan_task_departments_department_idx').on(t.departmentId),
  ],
);

/** 推进节点: a dated step of a task (4—5月 摸清底数; 6月30日前 报送花名册). */
export const planMilestones = pgTable(
  'plan_milestones',
  {
    id: serial('id').primaryKey(),
    taskId: integer('task_id')
      .notNull()
      .references(() => planTasks.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    title: text('title').notNull(),
    dueDate: date('due_date', { mode: 'string' }),
    /** As written: 6 月 31 日前 (kept even after the date was corrected). */
    dueText: text('due_text'),
    doneOn: date('done_on', { mode: 'string' }),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [index('plan_milestones_task_idx').on(t.taskId, t.sortOrder)],
);

/** 量化指标: 每年提供不少于5000个就业见习岗位 → ≥ 5000 个, 每年; `actual` is the latest reported value. */
export const planIndicators = pgTable(
  'plan_indicators',
  {
    id: serial('id').primaryKey(),
    taskId: integer('task_id')
      .notNull()
      .references(() => planTasks.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    name: text('name').notNull(),
    /** The words as written: 不少于5000个. */
    phrase: text('phrase'),
    comparator: text('comparator', { enum: ['≥', '=', '≤'] })
      .notNull()
      .default('≥'),
    target: numeric('target', { mode: 'number' }),
    measure: text('measure'),
    period: text('period'),
    actual: numeric('actual', { mode: 'number' }),
    actualOn: date('actual_on', { mode: 'string' }),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [index('plan_indicators_task_idx').on(t.taskId, t.sortOrder)],
);

/** 进展: what was done by a date, the status and share done after it, and the indicator actuals reported. */
export const planProgress = pgTable(
  'plan_progress',
  {
    id: serial('id').primaryKey(),
    taskId: integer('task_id')
      .notNull()
      .references(() => planTasks.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    date: date('date', { mode: 'string' }).notNull(),
    text: text('text').notNull(),
    status: text('status', { enum: ['not_started', 'in_progress', 'done', 'lagging'] }).notNull(),
    progress: integer('progress').notNull(),
    actuals: jsonb('actuals').$type<{ indicatorId: number; value: number }[]>().notNull().default([]),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('plan_progress_task_idx').on(t.taskId, t.date)],
);

/** 进展附件 in the file store. */
export const planProgressFiles = pgTable(
  'plan_progress_files',
  {
    progressId: integer('progress_id')
      .notNull()
      .references(() => planProgress.id),
    fileId: integer('file_id')
      .notNull()
      .references(() => files.id),
  },
  (t) => [primaryKey({ columns: [t.progressId, t.fileId] })],
);
