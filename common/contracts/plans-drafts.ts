import { z } from 'zod';
import { defineContract } from '../contract';
import {
  PLAN_DOCUMENT_MAX_BYTES,
  PLAN_TEXT_MAX,
  comparator,
  departmentName,
  optionalText,
  planKind,
  planMeta,
  text,
  unitRef,
  departmentRef,
  year,
} from './plans';

/**
 * Making a plan: the draft the parser proposes from the document the unit received (.docx or pasted text),
 * corrected in the preview, then saved in one request with its sections, tasks, milestones and indicators.
 */

// ---- Drafts: what the parser proposes, corrected in the preview before anything is saved ----

export const draftMilestone = z.object({
  title: z.string(),
  dueDate: z.string().nullable(),
  dueText: z.string().nullable(),
  /** Why the written date cannot be taken (6月31日): it must be corrected before saving. */
  problem: z.string().nullable(),
});

export const draftIndicator = z.object({
  name: z.string(),
  phrase: z.string().nullable(),
  comparator,
  target: z.number().nullable(),
  measure: z.string().nullable(),
  period: z.string().nullable(),
});

export const draftTask = z.object({
  number: z.string(),
  title: z.string(),
  content: z.string(),
  departmentsNote: z.string(),
  /** Department names: the unit's own name when matched (青年发展部 → 青发部), else as written. */
  lead: z.string().nullable(),
  participants: z.array(z.string()),
  collective: z.string().nullable(),
  deadline: z.string().nullable(),
  deadlineText: z.string().nullable(),
  milestones: z.array(draftMilestone),
  indicators: z.array(draftIndicator),
});
export type DraftTask = z.infer<typeof draftTask>;

export const planDraft = z.object({
  unit: unitRef,
  /** The unit's departments, for the lead and participant selects. */
  departments: z.array(departmentRef),
  /** Names in the notes that are not (yet) departments of the unit: created on save unless mapped. */
  newDepartments: z.array(z.string()),
  source: z.enum(['document', 'text']),
  sourceFile: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  title: z.string(),
  kind: planKind,
  year: z.number().int(),
  docNumber: z.string().nullable(),
  issuer: z.string().nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  preamble: z.string(),
  closing: z.string(),
  sections: z.array(
    z.object({ number: z.string(), title: z.string(), intro: z.string(), tasks: z.array(draftTask) }),
  ),
  problems: z.array(z.object({ where: z.string(), message: z.string() })),
});
export type PlanDraft = z.infer<typeof planDraft>;

export const draftFromText = defineContract({
  method: 'POST',
  path: '/api/plans/drafts/text',
  access: 'plans.write',
  tag: 'plans',
  summary: '解析粘贴的方案文本，返回可修改的草稿（不保存）',
  // Up to PLAN_TEXT_MAX characters of Chinese, three bytes each in UTF-8.
  bodyLimit: 2 * 1024 * 1024,
  body: z.object({
    unitId: z.number().int().positive({ message: '请选择单位' }),
    year: year.optional(),
    text: z
      .string()
      .trim()
      .min(1, '请粘贴方案全文')
      .max(PLAN_TEXT_MAX, `方案全文不能超过 ${PLAN_TEXT_MAX.toLocaleString('en-US')} 字，请分几部分导入`),
  }),
  response: planDraft,
});

export const draftFromDocument = defineContract({
  method: 'POST',
  path: '/api/plans/drafts/document',
  access: 'plans.write',
  tag: 'plans',
  summary: '上传方案 Word 文档（.docx），保留原文并返回可修改的草稿',
  body: z.object({
    unitId: z.coerce.number().int().positive({ message: '请选择单位' }),
    year: z.coerce.number().int().min(2000).max(2100).optional(),
  }),
  response: planDraft,
  upload: { maxBytes: PLAN_DOCUMENT_MAX_BYTES },
});

// ---- Saving a plan (from a draft or by hand) ----

/** Caps of one saved plan; a draft past them is refused with the figure (plan-draft.service.ts). */
export const PLAN_SECTION_TASKS_MAX = 500;
export const PLAN_SECTIONS_MAX = 100;

export const milestoneInput = z.object({
  title: text(200).min(1, '请填写推进节点'),
  /** Nullable so that the server can name the task whose date is missing. */
  dueDate: z.string().max(10).nullable(),
  dueText: optionalText(100),
});

export const indicatorInput = z.object({
  name: text(100).min(1, '请填写指标名称'),
  phrase: optionalText(100),
  comparator: comparator.default('≥'),
  target: z.number().min(0).max(1e12).nullable(),
  measure: optionalText(20),
  period: optionalText(30),
});

export const newTaskInput = z.object({
  number: text(20).default(''),
  title: text(300).min(1, '标题不能为空'),
  content: text(20_000).default(''),
  departmentsNote: text(500).default(''),
  /** Department names of the plan's unit; a name it does not have yet is created with the plan. */
  lead: departmentName.nullable(),
  participants: z.array(departmentName).max(30, '参与部门不能超过 30 个'),
  collective: optionalText(100),
  owner: optionalText(50),
  startDate: z.string().max(10).nullable().optional(),
  deadline: z.string().max(10).nullable().optional(),
  deadlineText: optionalText(100),
  milestones: z.array(milestoneInput).max(50, '推进节点不能超过 50 个').default([]),
  indicators: z.array(indicatorInput).max(50, '量化指标不能超过 50 个').default([]),
});
export type NewTaskInput = z.input<typeof newTaskInput>;

export const createPlan = defineContract({
  method: 'POST',
  path: '/api/plans',
  access: 'plans.write',
  tag: 'plans',
  summary: '保存工作方案：章节、任务、牵头与参与部门（新部门一并建立）、推进节点与指标，一次完成',
  // A whole plan document with its tasks in one request: more than the usual JSON body.
  bodyLimit: 4 * 1024 * 1024,
  body: planMeta.extend({
    unitId: z.number().int().positive({ message: '请选择单位' }),
    source: z.enum(['document', 'text', 'manual']),
    sourceFileId: z.number().int().positive().nullable().optional(),
    preamble: text(50_000).default(''),
    closing: text(50_000).default(''),
    sections: z
      .array(
        z.object({
          number: text(20).default(''),
          title: text(300).default(''),
          intro: text(20_000).default(''),
          tasks: z
            .array(newTaskInput)
            .max(PLAN_SECTION_TASKS_MAX, `一个部分的任务不能超过 ${PLAN_SECTION_TASKS_MAX} 项，请拆分章节`),
        }),
      )
      .max(PLAN_SECTIONS_MAX, `章节不能超过 ${PLAN_SECTIONS_MAX} 个`),
  }),
  response: z.object({ id: z.number().int() }),
});
