import { z } from 'zod';
import { defineContract, idParams, okResponse, pageOf, pageQuery, unmaskReasonRequired } from '../contract';
import { collectionStatus, reportForm, submissionStatus, timeliness, type ReportFigureKey } from './reports';

/**
 * One unit's report in a collection: fill (narrative, indicators, roster), submit, and — by the unit
 * above — accept or return with comments; a returned report is corrected and submitted again.
 */

export const SUBMISSION_ACTIONS = {
  saved: '保存',
  submitted: '报送',
  resubmitted: '修改后重新报送',
  returned: '退回',
  accepted: '审核通过',
  consolidated: '汇总下级报送',
} as const;

export const ROSTER_SOURCES = {
  registry: '从青年库生成（本级及下级的重点培养对象）',
  consolidated: '汇总下级已通过的花名册，加本级的重点培养对象',
} as const;
export const rosterSource = z.enum(['registry', 'consolidated']);

export const SUBMISSION_FILE_MAX_BYTES = 20 * 1024 * 1024;
export const SUBMISSION_FILE_ACCEPT = '.pdf,.jpg,.jpeg,.png,.docx,.doc,.xlsx';

const text = (max: number) => z.string().trim().max(max);
const version = z.number().int().positive();
const unitRef = z.object({ id: z.number().int(), name: z.string(), level: z.string() });

export const figureRow = z.object({
  key: z.string() as z.ZodType<ReportFigureKey>,
  label: z.string(),
  unit: z.string(),
  /** 口径 */
  note: z.string(),
  /** The system's count for the period; null before it was counted. */
  auto: z.number().nullable(),
  /** What the unit reports (defaults to the count). */
  value: z.number().nullable(),
  /** Why the reported value differs from the count (required then). */
  explain: z.string().nullable(),
});
export type FigureRow = z.infer<typeof figureRow>;

export const submissionDetail = z.object({
  id: z.number().int(),
  collection: z.object({
    id: z.number().int(),
    title: z.string(),
    form: reportForm,
    year: z.number().int(),
    quarter: z.number().int().nullable(),
    periodStart: z.string(),
    periodEnd: z.string(),
    instructions: z.string().nullable(),
    status: collectionStatus,
    openedBy: unitRef,
  }),
  unit: unitRef,
  reviewerUnit: unitRef,
  deadline: z.string(),
  daysLeft: z.number().int(),
  status: submissionStatus,
  timeliness: timeliness,
  content: z.record(z.string(), z.string()),
  figures: z.array(figureRow),
  figuresAt: z.string().nullable(),
  rosterSource: rosterSource.nullable(),
  rosterAt: z.string().nullable(),
  rosterCount: z.number().int(),
  /** Accepted reports of the units below passed up with this one. */
  consolidated: z.array(
    z.object({ id: z.number().int(), unit: unitRef, submittedAt: z.string().nullable() }),
  ),
  /** Accepted reports this unit reviewed that are not included yet. */
  consolidatable: z.number().int(),
  events: z.array(
    z.object({
      action: z.string(),
      label: z.string(),
      comment: z.string().nullable(),
      by: z.string().nullable(),
      unit: z.string(),
      at: z.string(),
    }),
  ),
  files: z.array(z.object({ id: z.number().int(), name: z.string(), size: z.number().int() })),
  firstSubmittedAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  returnCount: z.number().int(),
  /** The viewer's unit answers it, it is not locked, the collection is open and the viewer may submit. */
  canEdit: z.boolean(),
  /** The viewer's unit reviews it, it waits for review and the viewer may review. */
  canReview: z.boolean(),
  version: z.number().int(),
});
export type SubmissionDetail = z.infer<typeof submissionDetail>;

export const getSubmission = defineContract({
  method: 'GET',
  path: '/api/report-submissions/:id',
  access: 'reports.read',
  tag: 'reports',
  summary: '一份报送：内容、指标、花名册概况、审核记录',
  params: idParams,
  response: submissionDetail,
});

export const saveSubmission = defineContract({
  method: 'PUT',
  path: '/api/report-submissions/:id',
  access: 'reports.submit',
  tag: 'reports',
  summary: '保存草稿（文字材料与指标填报值）',
  params: idParams,
  body: z.object({
    version,
    content: z.record(z.string().max(40), text(20000)).default({}),
    figures: z
      .array(
        z.object({
          key: z.string().max(40),
          value: z.number().min(0).max(1e9).nullable(),
          explain: text(500).nullable().optional(),
        }),
      )
      .max(50)
      .default([]),
  }),
  response: submissionDetail,
});

export const refreshFigures = defineContract({
  method: 'POST',
  path: '/api/report-submissions/:id/figures',
  access: 'reports.submit',
  tag: 'reports',
  summary: '按期间重新统计指标（青年库、培训、导师结对、活动），填报值未改动的随之更新',
  params: idParams,
  body: z.object({ version }),
  response: submissionDetail,
});

export const generateRoster = defineContract({
  method: 'POST',
  path: '/api/report-submissions/:id/roster',
  access: 'reports.submit',
  tag: 'reports',
  summary: '生成报送花名册（从青年库，或汇总下级已通过的花名册）',
  params: idParams,
  body: z.object({ version, source: rosterSource }),
  response: submissionDetail,
});

export const rosterEntry = z.object({
  seq: z.number().int(),
  keptBy: z.string(),
  name: z.string(),
  gender: z.string().nullable(),
  birthMonth: z.string().nullable(),
  /** Masked. */
  idNumber: z.string().nullable(),
  /** Masked. */
  phone: z.string().nullable(),
  category: z.string().nullable(),
  occupation: z.string().nullable(),
  platformOrg: z.string().nullable(),
  worksAchievements: z.string().nullable(),
});
export type RosterEntry = z.infer<typeof rosterEntry>;

export const listRoster = defineContract({
  method: 'GET',
  path: '/api/report-submissions/:id/roster',
  access: 'reports.read',
  tag: 'reports',
  summary: '报送花名册（脱敏）',
  params: idParams,
  query: pageQuery.extend({ q: text(50).optional() }),
  response: pageOf(rosterEntry),
});

export const exportRoster = defineContract({
  method: 'POST',
  path: '/api/report-submissions/:id/roster/export',
  access: 'reports.read',
  tag: 'reports',
  summary: '导出报送花名册 Excel（默认脱敏；未脱敏须有权限并填写原因）',
  params: idParams,
  body: unmaskReasonRequired(
    z.object({ unmasked: z.boolean().default(false), reason: text(200).optional() }),
  ),
  response: z.unknown(),
  binary: true,
});

export const consolidateSubmission = defineContract({
  method: 'POST',
  path: '/api/report-submissions/:id/consolidate',
  access: 'reports.submit',
  tag: 'reports',
  summary: '汇总下级：把本单位审核通过的下级报送纳入本单位的报告，一并上报',
  params: idParams,
  body: z.object({ version }),
  response: submissionDetail,
});

export const submitSubmission = defineContract({
  method: 'POST',
  path: '/api/report-submissions/:id/submit',
  access: 'reports.submit',
  tag: 'reports',
  summary: '报送（退回的报告修改后重新报送）',
  params: idParams,
  body: z.object({ version }),
  response: submissionDetail,
});

export const returnSubmission = defineContract({
  method: 'POST',
  path: '/api/report-submissions/:id/return',
  access: 'reports.review',
  tag: 'reports',
  summary: '退回下级报送，写明修改意见',
  params: idParams,
  body: z.object({ version, comment: text(1000).min(2, '请填写退回意见') }),
  response: submissionDetail,
});

export const acceptSubmission = defineContract({
  method: 'POST',
  path: '/api/report-submissions/:id/accept',
  access: 'reports.review',
  tag: 'reports',
  summary: '审核通过下级报送（通过后锁定）',
  params: idParams,
  body: z.object({ version, comment: text(1000).optional() }),
  response: submissionDetail,
});

export const exportSubmissionDocument = defineContract({
  method: 'GET',
  path: '/api/report-submissions/:id/document',
  access: 'reports.read',
  tag: 'reports',
  summary: '导出本份报告 Word（公文格式：文字材料、指标表、汇总的下级材料）',
  params: idParams,
  response: z.unknown(),
  binary: true,
});

const fileParams = z.object({
  id: z.coerce.number().int().positive(),
  fileId: z.coerce.number().int().positive(),
});

export const uploadSubmissionFile = defineContract({
  method: 'POST',
  path: '/api/report-submissions/:id/files',
  access: 'reports.submit',
  tag: 'reports',
  summary: '上传报送附件（图片、文档）',
  params: idParams,
  body: z.object({}),
  upload: { maxBytes: SUBMISSION_FILE_MAX_BYTES },
  response: submissionDetail,
});

export const downloadSubmissionFile = defineContract({
  method: 'GET',
  path: '/api/report-submissions/:id/files/:fileId',
  access: 'reports.read',
  tag: 'reports',
  summary: '下载报送附件',
  params: fileParams,
  response: z.unknown(),
  binary: true,
});

export const deleteSubmissionFile = defineContract({
  method: 'DELETE',
  path: '/api/report-submissions/:id/files/:fileId',
  access: 'reports.submit',
  tag: 'reports',
  summary: '删除报送附件（报送前）',
  params: fileParams,
  response: okResponse,
});
