import { z } from 'zod';
import type { Permission } from '../access';
import { defineContract, pageOf } from '../contract';

/**
 * The platform's import flow, one set of endpoints per module: template, upload (which starts the
 * analysis job), the job with its progress and counts, the preview rows, the import itself, the
 * error report. Every module calls `importContracts` with its own path and permission.
 */

export const IMPORT_JOB_STATUS_LABELS = {
  analysing: '正在检查',
  ready: '待确认导入',
  importing: '正在导入',
  done: '已完成',
  failed: '失败',
  interrupted: '已中断',
  cancelled: '已取消',
} as const;
export const importJobStatus = z.enum([
  'analysing',
  'ready',
  'importing',
  'done',
  'failed',
  'interrupted',
  'cancelled',
]);
export type ImportJobStatus = z.infer<typeof importJobStatus>;

export const IMPORT_ROW_ACTION_LABELS = {
  new: '新增',
  update: '更新',
  duplicate: '重复',
  error: '错误',
} as const;
export const importRowAction = z.enum(['new', 'update', 'duplicate', 'error']);
export type ImportRowAction = z.infer<typeof importRowAction>;

/** 仅新增 (existing records are left alone) or 新增并更新 (non-empty cells overwrite). */
export const importMode = z.enum(['add', 'upsert']);
/** 全部无误才导入 or 导入无误的行（另附错误报告）. */
export const importPolicy = z.enum(['all', 'valid']);

export const importCounts = z.object({
  total: z.number().int(),
  new: z.number().int(),
  update: z.number().int(),
  duplicate: z.number().int(),
  error: z.number().int(),
  warning: z.number().int(),
});
export type ImportCounts = z.infer<typeof importCounts>;

export const importSheet = z.object({
  /** Its place among the visible sheets (0 = the first tab); what `commit` takes in `sheets`. */
  ordinal: z.number().int(),
  name: z.string(),
  /** '第2个工作表“东湖区”' */
  label: z.string(),
  approxRows: z.number().int(),
  read: z.boolean(),
  note: z.string().nullable(),
  dataRows: z.number().int(),
  errors: z.number().int(),
  excluded: z.boolean(),
});
export type ImportSheet = z.infer<typeof importSheet>;

export const importJob = z.object({
  id: z.number().int(),
  kind: z.string(),
  unit: z.object({ id: z.number().int(), name: z.string() }),
  fileName: z.string(),
  status: importJobStatus,
  progress: z.object({ done: z.number().int(), total: z.number().int().nullable() }),
  counts: importCounts.nullable(),
  /** Columns recognised in the file (their header text → our label) and those ignored. */
  columns: z.object({
    matched: z.array(z.object({ header: z.string(), label: z.string() })),
    ignored: z.array(z.string()),
    missing: z.array(z.string()),
  }),
  /** Lines above the header: 填报单位, 填报日期 … */
  sheetInfo: z.array(z.string()),
  /**
   * A workbook with several visible worksheets: each with its approximate size, whether it was read
   * (and why not), the data rows and errors found in it, and whether the import left it out. Empty
   * for a single sheet or a CSV.
   */
  sheets: z.array(importSheet),
  /** The same file was imported before (by anyone in scope): when, and by whom. */
  previousImport: z.object({ jobId: z.number().int(), at: z.string(), by: z.string() }).nullable(),
  mode: importMode.nullable(),
  policy: importPolicy.nullable(),
  result: z
    .object({ inserted: z.number().int(), updated: z.number().int(), skipped: z.number().int() })
    .nullable(),
  error: z.string().nullable(),
  /** 已中断 during the import: the staged rows are intact and the same import can be run again. */
  canRetry: z.boolean(),
  hasErrorReport: z.boolean(),
  createdBy: z.string(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportJob = z.infer<typeof importJob>;

export const importRow = z.object({
  /** The row number Excel shows, within its sheet. */
  rowNumber: z.number().int(),
  /** The worksheet ('第2个工作表“东湖区”') when several were read, else null. */
  sheet: z.string().nullable(),
  /** Unique within the job (rows of different sheets share row numbers). */
  key: z.number().int(),
  action: importRowAction,
  label: z.string().nullable(),
  messages: z.array(z.string()),
  warnings: z.number().int(),
});
export type ImportRow = z.infer<typeof importRow>;

const jobParams = z.object({ id: z.coerce.number().int().positive() });

/** 100,000 rows of a registry are about 7 MB as .xlsx and 15 MB as .csv; this leaves room. */
export const IMPORT_MAX_BYTES = 60 * 1024 * 1024;

export function importContracts<K extends string>(opts: {
  kind: K;
  /** '/api/youth/imports' */
  basePath: string;
  permission: Permission;
  tag: string;
  what: string;
}) {
  const { basePath, permission: access, tag, what } = opts;
  return {
    kind: opts.kind,
    template: defineContract({
      method: 'GET',
      path: `${basePath}/template`,
      access,
      tag,
      summary: `下载${what}导入模板（.xlsx，含下拉选项与填写说明）`,
      response: z.unknown(),
      binary: true,
    }),
    start: defineContract({
      method: 'POST',
      path: basePath,
      access,
      tag,
      summary: `上传${what}表格（.xlsx 或 .csv），在后台检查并生成预览`,
      body: z.object({ unitId: z.coerce.number().int().positive().optional() }),
      response: importJob,
      upload: { maxBytes: IMPORT_MAX_BYTES },
    }),
    list: defineContract({
      method: 'GET',
      path: basePath,
      access,
      tag,
      summary: `${what}导入记录`,
      query: z.object({
        page: z.coerce.number().int().min(1).default(1),
        pageSize: z.coerce.number().int().min(1).max(100).default(10),
      }),
      response: pageOf(importJob),
    }),
    get: defineContract({
      method: 'GET',
      path: `${basePath}/:id`,
      access,
      tag,
      summary: `${what}导入任务的进度与统计`,
      params: jobParams,
      response: importJob,
    }),
    rows: defineContract({
      method: 'GET',
      path: `${basePath}/:id/rows`,
      access,
      tag,
      summary: `${what}导入预览：每行的处理结果与原因`,
      params: jobParams,
      query: z.object({
        action: importRowAction.optional(),
        warningsOnly: z
          .enum(['true', 'false'])
          .transform((v) => v === 'true')
          .optional(),
        page: z.coerce.number().int().min(1).default(1),
        pageSize: z.coerce.number().int().min(1).max(200).default(50),
      }),
      response: pageOf(importRow),
    }),
    commit: defineContract({
      method: 'POST',
      path: `${basePath}/:id/commit`,
      access,
      tag,
      summary: `确认导入${what}（后台一次性写入，全部成功或全部不写）`,
      params: jobParams,
      body: z.object({
        mode: importMode,
        policy: importPolicy,
        /** Several worksheets read: the ordinals of those to import (default: every one read). */
        sheets: z.array(z.number().int().min(0)).min(1).max(1000).optional(),
      }),
      response: importJob,
    }),
    cancel: defineContract({
      method: 'POST',
      path: `${basePath}/:id/cancel`,
      access,
      tag,
      summary: `放弃本次${what}导入`,
      params: jobParams,
      response: importJob,
    }),
    errorReport: defineContract({
      method: 'GET',
      path: `${basePath}/:id/error-report`,
      access,
      tag,
      summary: `下载错误报告（原始行加“错误原因”列）`,
      params: jobParams,
      response: z.unknown(),
      binary: true,
    }),
  };
}

export type ImportContracts = ReturnType<typeof importContracts>;
