import { z } from 'zod';
import { defineContract, idParams, pageOf, pageQuery } from '../contract';
import { unitLevel } from './units';

/**
 * 工作方案 (年度工作要点 / 实施方案 / 推进步骤) of a unit, broken into numbered tasks with lead and
 * participating departments (seed 002), made from the document the unit received or by hand, or issued
 * downward by an upper unit as a template (seed 000 §四). Drafts and saving: plans-drafts.ts; tasks:
 * plans-tasks.ts.
 */

export const PLAN_KINDS = {
  annual: '年度工作要点',
  implementation: '实施方案',
  steps: '推进步骤',
  other: '其他',
} as const;
export type PlanKind = keyof typeof PLAN_KINDS;
export const planKind = z.enum(['annual', 'implementation', 'steps', 'other']);

export const PLAN_SOURCES = {
  document: '导入文档',
  text: '粘贴文本',
  manual: '手工录入',
  issued: '上级下发',
} as const;
export type PlanSource = keyof typeof PLAN_SOURCES;
export const planSource = z.enum(['document', 'text', 'manual', 'issued']);

export const TASK_STATUSES = {
  not_started: '未开始',
  in_progress: '进行中',
  done: '已完成',
  lagging: '滞后',
} as const;
export type TaskStatus = keyof typeof TASK_STATUSES;
export const taskStatus = z.enum(['not_started', 'in_progress', 'done', 'lagging']);

/** The traffic light (docs/decisions/0008-plan-task-light.md); grey: no deadline to measure against. */
export const LIGHTS = { green: '绿灯', yellow: '黄灯', red: '红灯', grey: '无期限' } as const;
export type Light = keyof typeof LIGHTS;
export const light = z.enum(['green', 'yellow', 'red', 'grey']);

export const COMPARATORS = ['≥', '=', '≤'] as const;
export const comparator = z.enum(COMPARATORS);
export type Comparator = (typeof COMPARATORS)[number];

export const PLAN_DOCUMENT_MAX_BYTES = 20 * 1024 * 1024;
export const PLAN_TEXT_MAX = 200_000;

const YMD = /^\d{4}-\d{2}-\d{2}$/;
export const planDate = (label: string) => z.string().regex(YMD, `${label}格式应为 YYYY-MM-DD`);
export const optionalDate = (label: string) =>
  planDate(label)
    .nullable()
    .optional()
    .transform((v) => v ?? null);
export const text = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字`);
export const optionalText = (max: number) =>
  text(max)
    .nullable()
    .optional()
    .transform((v) => v || null);
export const departmentName = z
  .string()
  .trim()
  .min(2, '部门名称至少 2 个字')
  .max(30, '部门名称不能超过 30 个字');
export const year = z.number().int().min(2000, '年度不早于 2000 年').max(2100, '年度不晚于 2100 年');

export const unitRef = z.object({ id: z.number().int(), name: z.string(), level: unitLevel });
export const departmentRef = z.object({ id: z.number().int(), name: z.string() });
export type DepartmentRef = z.infer<typeof departmentRef>;

export const lightCounts = z.object({
  tasks: z.number().int(),
  done: z.number().int(),
  overdue: z.number().int(),
  green: z.number().int(),
  yellow: z.number().int(),
  red: z.number().int(),
  grey: z.number().int(),
});
export type LightCounts = z.infer<typeof lightCounts>;

export const planListItem = z.object({
  id: z.number().int(),
  unit: unitRef,
  title: z.string(),
  kind: planKind,
  year: z.number().int(),
  docNumber: z.string().nullable(),
  issuer: z.string().nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  source: planSource,
  /** For a copy issued from above: the issuing unit's name. */
  issuedBy: z.string().nullable(),
  issuedAt: z.string().nullable(),
  counts: lightCounts,
  /** Units below that received this plan as a template. */
  copies: z.number().int(),
  version: z.number().int(),
  createdAt: z.string(),
});
export type PlanListItem = z.infer<typeof planListItem>;

export const listPlans = defineContract({
  method: 'GET',
  path: '/api/plans',
  access: 'plans.read',
  tag: 'plans',
  summary: '工作方案列表（本级及下级；任务数、完成、超期与红黄绿灯）',
  query: pageQuery.extend({
    unitId: z.coerce.number().int().positive().optional(),
    includeDescendants: z.enum(['true', 'false']).optional(),
    year: z.coerce.number().int().min(2000).max(2100).optional(),
    kind: planKind.optional(),
    source: planSource.optional(),
    q: text(50).optional(),
  }),
  response: pageOf(planListItem),
});

/** A plan's own fields, the same when it is made and when it is edited. */
export const planMeta = z.object({
  title: text(300).min(1, '请填写方案名称'),
  kind: planKind,
  year,
  docNumber: optionalText(60),
  issuer: optionalText(100),
  startDate: optionalDate('开始日期'),
  endDate: optionalDate('截止日期'),
});

export const planSection = z.object({
  id: z.number().int(),
  number: z.string(),
  title: z.string(),
  intro: z.string(),
});

export const updatePlan = defineContract({
  method: 'PATCH',
  path: '/api/plans/:id',
  access: 'plans.write',
  tag: 'plans',
  summary: '修改方案信息与章节（删除的章节须没有任务）',
  params: idParams,
  body: planMeta.extend({
    version: z.number().int().positive(),
    sections: z
      .array(
        z.object({
          id: z.number().int().positive().optional(),
          number: text(20).default(''),
          title: text(300).default(''),
          intro: text(20_000).default(''),
        }),
      )
      .max(100),
  }),
  response: z.object({ id: z.number().int() }),
});

export const deletePlan = defineContract({
  method: 'DELETE',
  path: '/api/plans/:id',
  access: 'plans.write',
  tag: 'plans',
  summary: '删除工作方案及其任务、进展（已下发给下级的方案不能删除）',
  params: idParams,
  query: z.object({ version: z.coerce.number().int().positive() }),
  response: z.object({ ok: z.literal(true) }),
});

export const departmentOptions = defineContract({
  method: 'GET',
  path: '/api/plans/department-options',
  access: 'plans.read',
  tag: 'plans',
  summary: '某单位的部门（牵头、参与部门选项；默认本单位）',
  query: z.object({ unitId: z.coerce.number().int().positive().optional() }),
  response: z.object({ unit: unitRef, items: z.array(departmentRef) }),
});

export const downloadPlanSource = defineContract({
  method: 'GET',
  path: '/api/plans/:id/source',
  access: 'plans.read',
  tag: 'plans',
  summary: '下载方案原文（导入时上传的 Word 文档）',
  params: idParams,
  response: z.unknown(),
  binary: true,
});

export const exportPlanReport = defineContract({
  method: 'GET',
  path: '/api/plans/:id/report',
  access: 'plans.read',
  tag: 'plans',
  summary: '导出方案推进情况报告（Word，公文格式）',
  params: idParams,
  response: z.unknown(),
  binary: true,
});

export const exportPlanDivision = defineContract({
  method: 'GET',
  path: '/api/plans/:id/division/export',
  access: 'plans.read',
  tag: 'plans',
  summary: '导出任务分工表（Excel：●牵头 ○参与）',
  params: idParams,
  response: z.unknown(),
  binary: true,
});

// ---- Issuing downward ----

export const ISSUE_TARGETS = {
  levels: '下级全部单位（按层级）',
  key_cities: '重点联系城市',
  units: '指定单位',
} as const;
export type IssueTarget = keyof typeof ISSUE_TARGETS;

export const issuePlan = defineContract({
  method: 'POST',
  path: '/api/plans/:id/issue',
  access: 'plans.write',
  tag: 'plans',
  summary: '将方案作为模板下发给下级单位（每个单位一份；已有的不重复下发）',
  params: idParams,
  body: z.discriminatedUnion('target', [
    z.object({
      target: z.literal('levels'),
      levels: z.array(z.enum(['province', 'city', 'county'])).min(1, '请选择层级'),
    }),
    z.object({ target: z.literal('key_cities') }),
    z.object({
      target: z.literal('units'),
      unitIds: z.array(z.number().int().positive()).min(1, '请选择单位').max(5000),
    }),
  ]),
  response: z.object({
    targets: z.number().int(),
    created: z.number().int(),
    skipped: z.number().int(),
  }),
});

export const planCopy = z.object({
  planId: z.number().int(),
  unit: unitRef,
  issuedAt: z.string().nullable(),
  counts: lightCounts,
  lastProgressOn: z.string().nullable(),
});
export type PlanCopy = z.infer<typeof planCopy>;

export const listPlanCopies = defineContract({
  method: 'GET',
  path: '/api/plans/:id/copies',
  access: 'plans.read',
  tag: 'plans',
  summary: '下发情况：各下级单位收到的方案及其任务完成、超期情况',
  params: idParams,
  query: pageQuery.extend({ q: text(50).optional() }),
  response: pageOf(planCopy).extend({ summary: lightCounts.extend({ units: z.number().int() }) }),
});
