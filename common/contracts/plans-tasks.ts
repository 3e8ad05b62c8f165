import { z } from 'zod';
import { defineContract, idParams, pageOf, sortedPageQuery } from '../contract';
import {
  comparator,
  departmentRef,
  light,
  lightCounts,
  optionalText,
  planListItem,
  planSection,
  taskStatus,
  text,
  unitRef,
} from './plans';
import { indicatorInput } from './plans-drafts';

/** The tasks of work plans (督办): detail, list across plans, progress with attachments, the 分工 view. */

export const PROGRESS_FILE_MAX_BYTES = 20 * 1024 * 1024;
export const PROGRESS_FILE_ACCEPT = '.pdf,.jpg,.jpeg,.png,.docx,.doc,.xlsx,.xls,.pptx,.txt';

export const taskItem = z.object({
  id: z.number().int(),
  plan: z.object({ id: z.number().int(), title: z.string(), year: z.number().int() }),
  unit: unitRef,
  section: z.object({ id: z.number().int(), number: z.string(), title: z.string() }).nullable(),
  number: z.string(),
  title: z.string(),
  lead: departmentRef.nullable(),
  participants: z.array(departmentRef),
  collective: z.string().nullable(),
  owner: z.string().nullable(),
  startDate: z.string().nullable(),
  /** The task's own deadline, or the plan's end date when it has none. */
  deadline: z.string().nullable(),
  deadlineText: z.string().nullable(),
  /** As last reported. */
  status: taskStatus,
  /** What the list shows: 滞后 once the deadline has passed without 已完成. */
  effectiveStatus: taskStatus,
  progress: z.number().int(),
  light,
  lightReason: z.string(),
  overdue: z.boolean(),
  /** Days until the deadline (negative: days overdue); null without one. */
  daysLeft: z.number().int().nullable(),
  lastProgressOn: z.string().nullable(),
  completedOn: z.string().nullable(),
  version: z.number().int(),
});
export type TaskItem = z.infer<typeof taskItem>;

export const planDetail = planListItem.extend({
  preamble: z.string(),
  closing: z.string(),
  sourceFile: z.object({ name: z.string(), size: z.number().int() }).nullable(),
  /** The unit's departments, for the task forms. */
  departments: z.array(departmentRef),
  sections: z.array(planSection),
  tasks: z.array(taskItem),
  /** The viewer may issue it downward: there are units below the plan's unit. */
  canIssue: z.boolean(),
});
export type PlanDetail = z.infer<typeof planDetail>;

export const getPlan = defineContract({
  method: 'GET',
  path: '/api/plans/:id',
  access: 'plans.read',
  tag: 'plans',
  summary: '工作方案详情：章节与任务（牵头 ●、参与、截止、状态与红黄绿灯、进度）',
  params: idParams,
  response: planDetail,
});

export const TASK_ROLES = { lead: '牵头', participant: '参与' } as const;

export const taskListQuery = sortedPageQuery(['deadline', 'progress', 'lastProgressOn']).extend({
  unitId: z.coerce.number().int().positive().optional(),
  includeDescendants: z.enum(['true', 'false']).optional(),
  planId: z.coerce.number().int().positive().optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  departmentId: z.coerce.number().int().positive().optional(),
  role: z.enum(['lead', 'participant']).optional(),
  status: taskStatus.optional(),
  light: light.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  q: text(50).optional(),
});

export const listTasks = defineContract({
  method: 'GET',
  path: '/api/plan-tasks',
  access: 'plans.read',
  tag: 'plans',
  summary: '任务督办：跨方案的任务清单（部门、牵头/参与、状态、红黄绿灯、超期筛选）',
  query: taskListQuery,
  response: pageOf(taskItem),
});

const ymdOrNull = z.string().max(10).nullable().optional();

export const taskBody = z.object({
  sectionId: z.number().int().positive().nullable(),
  number: text(20).default(''),
  title: text(300).min(1, '请填写任务标题'),
  content: text(20_000).default(''),
  departmentsNote: text(500).default(''),
  leadDepartmentId: z.number().int().positive().nullable(),
  participantIds: z.array(z.number().int().positive()).max(30).default([]),
  collective: optionalText(100),
  owner: optionalText(50),
  startDate: ymdOrNull,
  deadline: ymdOrNull,
  deadlineText: optionalText(100),
  milestones: z
    .array(
      z.object({
        id: z.number().int().positive().optional(),
        title: text(200).min(1, '请填写推进节点'),
        dueDate: z.string().max(10).nullable(),
        dueText: optionalText(100),
        doneOn: ymdOrNull,
      }),
    )
    .max(50)
    .default([]),
  indicators: z
    .array(indicatorInput.extend({ id: z.number().int().positive().optional() }))
    .max(50)
    .default([]),
});

export const createTask = defineContract({
  method: 'POST',
  path: '/api/plans/:id/tasks',
  access: 'plans.write',
  tag: 'plans',
  summary: '在方案中新增任务',
  params: idParams,
  body: taskBody,
  response: z.object({ id: z.number().int() }),
});

export const milestone = z.object({
  id: z.number().int(),
  title: z.string(),
  dueDate: z.string().nullable(),
  dueText: z.string().nullable(),
  doneOn: z.string().nullable(),
  /** Past its date and not done. */
  missed: z.boolean(),
});

export const indicator = z.object({
  id: z.number().int(),
  name: z.string(),
  phrase: z.string().nullable(),
  comparator,
  target: z.number().nullable(),
  measure: z.string().nullable(),
  period: z.string().nullable(),
  actual: z.number().nullable(),
  actualOn: z.string().nullable(),
  /** The actual meets the target (null while there is no actual or no target). */
  met: z.boolean().nullable(),
});
export type Indicator = z.infer<typeof indicator>;

export const progressEntry = z.object({
  id: z.number().int(),
  date: z.string(),
  text: z.string(),
  status: taskStatus,
  progress: z.number().int(),
  actuals: z.array(z.object({ name: z.string(), value: z.number(), measure: z.string().nullable() })),
  files: z.array(z.object({ id: z.number().int(), name: z.string(), size: z.number().int() })),
  by: z.string().nullable(),
  at: z.string(),
});
export type ProgressEntry = z.infer<typeof progressEntry>;

export const taskDetail = taskItem.extend({
  content: z.string(),
  departmentsNote: z.string(),
  ownDeadline: z.string().nullable(),
  planStatus: z.object({ startDate: z.string().nullable(), endDate: z.string().nullable() }),
  milestones: z.array(milestone),
  indicators: z.array(indicator),
  progressHistory: z.array(progressEntry),
  /** The unit's departments, for the edit form. */
  departments: z.array(departmentRef),
  sections: z.array(z.object({ id: z.number().int(), number: z.string(), title: z.string() })),
});
export type TaskDetail = z.infer<typeof taskDetail>;

export const getTask = defineContract({
  method: 'GET',
  path: '/api/plan-tasks/:id',
  access: 'plans.read',
  tag: 'plans',
  summary: '任务详情：推进节点、量化指标（目标与实际）、进展记录与附件',
  params: idParams,
  response: taskDetail,
});

export const updateTask = defineContract({
  method: 'PATCH',
  path: '/api/plan-tasks/:id',
  access: 'plans.write',
  tag: 'plans',
  summary: '修改任务：标题、内容、牵头与参与部门、责任人、期限、推进节点与指标',
  params: idParams,
  body: taskBody.extend({ version: z.number().int().positive() }),
  response: taskDetail,
});

export const deleteTask = defineContract({
  method: 'DELETE',
  path: '/api/plan-tasks/:id',
  access: 'plans.write',
  tag: 'plans',
  summary: '删除任务及其进展记录',
  params: idParams,
  query: z.object({ version: z.coerce.number().int().positive() }),
  response: z.object({ ok: z.literal(true) }),
});

export const recordProgress = defineContract({
  method: 'POST',
  path: '/api/plan-tasks/:id/progress',
  access: 'plans.write',
  tag: 'plans',
  summary: '填报任务进展：日期、进展情况、状态、完成比例、指标实际值、完成的推进节点',
  params: idParams,
  body: z.object({
    version: z.number().int().positive(),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '进展日期格式应为 YYYY-MM-DD'),
    text: text(5000).min(1, '请填写进展情况'),
    status: taskStatus,
    progress: z.number().int().min(0, '完成比例在 0–100 之间').max(100, '完成比例在 0–100 之间'),
    actuals: z
      .array(z.object({ indicatorId: z.number().int().positive(), value: z.number().min(0).max(1e12) }))
      .max(50)
      .default([]),
    milestonesDone: z.array(z.number().int().positive()).max(50).default([]),
  }),
  response: z.object({ progressId: z.number().int(), task: taskDetail }),
});

export const progressFileParams = z.object({
  id: z.coerce.number().int().positive(),
  progressId: z.coerce.number().int().positive(),
});

export const uploadProgressFile = defineContract({
  method: 'POST',
  path: '/api/plan-tasks/:id/progress/:progressId/files',
  access: 'plans.write',
  tag: 'plans',
  summary: '上传进展附件（PDF、图片、Word、Excel 等，不超过 20 MB）',
  params: progressFileParams,
  body: z.object({}),
  response: taskDetail,
  upload: { maxBytes: PROGRESS_FILE_MAX_BYTES },
});

export const downloadProgressFile = defineContract({
  method: 'GET',
  path: '/api/plan-tasks/:id/progress/:progressId/files/:fileId',
  access: 'plans.read',
  tag: 'plans',
  summary: '下载进展附件',
  params: progressFileParams.extend({ fileId: z.coerce.number().int().positive() }),
  response: z.unknown(),
  binary: true,
});

export const divisionTask = z.object({
  id: z.number().int(),
  planId: z.number().int(),
  planTitle: z.string(),
  number: z.string(),
  title: z.string(),
  deadline: z.string().nullable(),
  effectiveStatus: taskStatus,
  light,
  overdue: z.boolean(),
  leadDepartmentId: z.number().int().nullable(),
  participantIds: z.array(z.number().int()),
  collective: z.string().nullable(),
});
export type DivisionTask = z.infer<typeof divisionTask>;

export const divisionDepartment = departmentRef.extend({
  lead: z.number().int(),
  participant: z.number().int(),
  done: z.number().int(),
  overdue: z.number().int(),
  red: z.number().int(),
  yellow: z.number().int(),
});
export type DivisionDepartment = z.infer<typeof divisionDepartment>;

export const getDivision = defineContract({
  method: 'GET',
  path: '/api/plans/division',
  access: 'plans.read',
  tag: 'plans',
  summary: '部门视图：任务 × 部门分工矩阵（●牵头 ○参与）与各部门任务数、完成、超期',
  query: z.object({
    unitId: z.coerce.number().int().positive().optional(),
    planId: z.coerce.number().int().positive().optional(),
    year: z.coerce.number().int().min(2000).max(2100).optional(),
  }),
  response: z.object({
    unit: unitRef,
    departments: z.array(divisionDepartment),
    tasks: z.array(divisionTask),
    counts: lightCounts,
    /** Tasks with no lead department yet (an issued copy whose names did not match). */
    unassigned: z.number().int(),
  }),
});
