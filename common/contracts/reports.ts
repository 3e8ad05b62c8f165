import { z } from 'zod';
import {
  defineContract,
  idParams,
  pageOf,
  pageQuery,
  sortedPageQuery,
  unmaskReasonRequired,
} from '../contract';

/**
 * 报送 (seed 000 §四): an upper unit opens a collection (报送任务) of a report form for a period; every
 * unit that must answer gets a submission, fills it, submits it; the unit above reviews it (通过 or
 * 退回 with comments); accepted reports lock. Completeness and timeliness are counted from the rows.
 */

export const REPORT_FORMS = {
  roster: '花名册',
  quarterly: '季度工作进展',
  news: '动态信息',
  case: '工作案例',
  annual: '年度总结',
} as const;
export type ReportForm = keyof typeof REPORT_FORMS;
export const reportForm = z.enum(['roster', 'quarterly', 'news', 'case', 'annual']);

export type NarrativeField = {
  key: string;
  label: string;
  required: boolean;
  multiline: boolean;
  hint?: string;
};

/** The narrative fields of each form, in order. */
export const FORM_FIELDS: Record<ReportForm, NarrativeField[]> = {
  roster: [
    { key: 'note', label: '填报说明', required: false, multiline: true, hint: '如有变动、补报等情况请说明' },
  ],
  quarterly: [
    { key: 'progress', label: '本季度工作进展', required: true, multiline: true },
    { key: 'practices', label: '主要做法与成效', required: false, multiline: true },
    { key: 'problems', label: '存在问题与困难', required: false, multiline: true },
    { key: 'nextSteps', label: '下季度工作打算', required: false, multiline: true },
  ],
  news: [
    { key: 'title', label: '标题', required: true, multiline: false },
    { key: 'body', label: '正文', required: true, multiline: true },
    { key: 'author', label: '撰稿人及联系方式', required: false, multiline: false },
  ],
  case: [
    { key: 'title', label: '案例标题', required: true, multiline: false },
    { key: 'background', label: '背景', required: false, multiline: true },
    { key: 'practices', label: '主要做法', required: true, multiline: true },
    { key: 'results', label: '工作成效', required: false, multiline: true },
    { key: 'insights', label: '经验启示', required: false, multiline: true },
  ],
  annual: [
    { key: 'overview', label: '年度工作总体情况', required: true, multiline: true },
    { key: 'practices', label: '主要做法与成效', required: false, multiline: true },
    { key: 'problems', label: '存在问题', required: false, multiline: true },
    { key: 'nextYear', label: '下一年度工作打算', required: false, multiline: true },
  ],
};

/** Forms whose report carries the indicators counted from the modules' data for the period. */
export const FORMS_WITH_FIGURES: readonly ReportForm[] = ['quarterly', 'annual'];

/**
 * The indicators of 季度工作进展 and 年度总结, counted for the submitting unit and every unit below it
 * over the collection's period (docs/decisions/0009-report-counting.md says exactly what each counts).
 */
export const REPORT_FIGURES = [
  { key: 'contacted', label: '联系青年', unit: '人', note: '期内有联系记录的青年，按人去重' },
  { key: 'registered', label: '新登记青年', unit: '人', note: '期内登记入库的青年' },
  { key: 'keyTargets', label: '重点培养对象', unit: '人', note: '统计时的重点培养对象人数' },
  { key: 'newKeyTargets', label: '新确定重点培养对象', unit: '人', note: '期内批准确定为重点培养对象' },
  { key: 'trainedPeople', label: '参训人数', unit: '人', note: '期内举办的培训班录取或结业学员，按人去重' },
  { key: 'trainingPersonTimes', label: '培训人次', unit: '人次', note: '期内课程出勤（含迟到）记录数' },
  { key: 'newPairings', label: '新结对', unit: '对', note: '期内签订指导协议的导师结对' },
  { key: 'activePairings', label: '在指导结对', unit: '对', note: '统计时已签约或指导中的结对' },
  { key: 'mentoringLogs', label: '导师指导', unit: '次', note: '期内填写的指导记录' },
  { key: 'events', label: '举办活动', unit: '场', note: '期内举办的青春沙龙等活动' },
  { key: 'eventPersonTimes', label: '活动参与', unit: '人次', note: '期内活动的参与记录，每人每场计 1 人次' },
  { key: 'tourEvents', label: '巡演巡展场次', unit: '场', note: '期内举办的巡演、巡展和读者（观众）见面会' },
  {
    key: 'eventAudience',
    label: '观众人次',
    unit: '人次',
    note: '期内活动现场统计的观众人次，不含参与青年名单',
  },
  { key: 'worksEntered', label: '征集作品数', unit: '件', note: '期内征集活动收到的作品，不含已撤回' },
  { key: 'worksEntrants', label: '征集参与人数', unit: '人', note: '上述作品的作者，有档案的按人去重' },
  { key: 'worksAwarded', label: '获奖作品', unit: '件', note: '期内结果确定的征集活动中获奖的作品' },
  { key: 'worksRecommended', label: '向上推荐作品', unit: '件', note: '期内推荐到上级征集活动的作品' },
] as const;
export type ReportFigureKey = (typeof REPORT_FIGURES)[number]['key'];

export const SUBMISSION_STATUSES = {
  pending: '未填报',
  draft: '填报中',
  submitted: '待审核',
  returned: '已退回',
  accepted: '已通过',
} as const;
export type SubmissionStatus = keyof typeof SUBMISSION_STATUSES;
export const submissionStatus = z.enum(['pending', 'draft', 'submitted', 'returned', 'accepted']);

/** Judged on the first submission against the unit's deadline (Beijing date). */
export const TIMELINESS = {
  on_time: '按时报送',
  late: '逾期报送',
  missing: '逾期未报',
  not_due: '未到截止日期',
} as const;
export type Timeliness = keyof typeof TIMELINESS;
export const timeliness = z.enum(['on_time', 'late', 'missing', 'not_due']);

export const TARGET_MODES = {
  levels: '下级全部单位（按层级）',
  key_cities: '仅重点联系城市',
  units: '指定单位',
} as const;
export const targetMode = z.enum(['levels', 'key_cities', 'units']);

export const REPORT_LEVELS = { province: '省级', city: '市级', county: '县级' } as const;
export const reportLevel = z.enum(['province', 'city', 'county']);
export type ReportLevel = z.infer<typeof reportLevel>;

export const COLLECTION_STATUSES = { open: '进行中', closed: '已结束' } as const;
export const collectionStatus = z.enum(['open', 'closed']);

const YMD = /^\d{4}-\d{2}-\d{2}$/;
export const ymd = (label: string) => z.string().regex(YMD, `${label}格式应为 YYYY-MM-DD`);
const text = (max: number) => z.string().trim().max(max);
const id = z.number().int().positive();
const unitRef = z.object({ id: z.number().int(), name: z.string(), level: z.string() });

/** Counts of a set of submissions; rates in [0, 1] of `expected` (0 when nothing is expected). */
export const completeness = z.object({
  expected: z.number().int(),
  submitted: z.number().int(),
  onTime: z.number().int(),
  late: z.number().int(),
  missing: z.number().int(),
  notDue: z.number().int(),
  awaitingReview: z.number().int(),
  returned: z.number().int(),
  accepted: z.number().int(),
  completeness: z.number(),
  timeliness: z.number(),
});
export type Completeness = z.infer<typeof completeness>;

export const collectionTarget = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('levels'),
    levels: z.array(reportLevel).min(1, '请至少选择一个层级').max(3),
  }),
  z.object({ mode: z.literal('key_cities') }),
  z.object({
    mode: z.literal('units'),
    unitIds: z.array(id).min(1, '请至少选择一个单位').max(5000),
  }),
]);
export type CollectionTarget = z.infer<typeof collectionTarget>;

export const collectionItem = z.object({
  id: z.number().int(),
  unit: unitRef,
  form: reportForm,
  title: z.string(),
  year: z.number().int(),
  quarter: z.number().int().nullable(),
  periodStart: z.string(),
  periodEnd: z.string(),
  targetMode: targetMode,
  targetLevels: z.array(reportLevel),
  deadline: z.string(),
  deadlineByLevel: z.object({
    province: z.string().optional(),
    city: z.string().optional(),
    county: z.string().optional(),
  }),
  status: collectionStatus,
  createdAt: z.string(),
  /** Counted over the submissions in the viewer's scope. */
  summary: completeness,
  /** The viewer's unit opened it (may close it). */
  ownedByViewer: z.boolean(),
  version: z.number().int(),
});
export type CollectionItem = z.infer<typeof collectionItem>;

export const collectionDetail = collectionItem.extend({
  instructions: z.string().nullable(),
  createdBy: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** The viewer's own unit's submission in this collection, if it must answer. */
  ownSubmissionId: z.number().int().nullable(),
});
export type CollectionDetail = z.infer<typeof collectionDetail>;

export const listCollections = defineContract({
  method: 'GET',
  path: '/api/report-collections',
  access: 'reports.read',
  tag: 'reports',
  summary: '报送任务列表：本单位及下级发起的，以及本单位或下级须报送的（统计只含可见范围）',
  query: pageQuery.extend({
    q: text(50).optional(),
    form: reportForm.optional(),
    year: z.coerce.number().int().min(2000).max(2100).optional(),
    status: collectionStatus.optional(),
    /** `opened`: only those opened by the viewer's unit. */
    scope: z.enum(['all', 'opened']).default('all'),
  }),
  response: pageOf(collectionItem),
});

export const previewTargets = defineContract({
  method: 'POST',
  path: '/api/report-collections/targets',
  access: 'reports.manage',
  tag: 'reports',
  summary: '发起前预览：按所选范围，须报送的单位数（分层级）和前 20 个单位',
  body: z.object({ target: collectionTarget }),
  response: z.object({
    count: z.number().int(),
    byLevel: z.object({ province: z.number().int(), city: z.number().int(), county: z.number().int() }),
    sample: z.array(unitRef),
  }),
});

export const openCollection = defineContract({
  method: 'POST',
  path: '/api/report-collections',
  access: 'reports.manage',
  tag: 'reports',
  summary: '发起报送任务：报表、期间、截止日期（可分层级）、须报送的下级单位',
  body: z.object({
    form: reportForm,
    /** Default: 2026年第4季度工作进展 and the like. */
    title: text(100).optional(),
    year: z.number().int().min(2000).max(2100),
    /** For quarterly reports (required there); other forms may name a quarter too. */
    quarter: z.number().int().min(1).max(4).nullable().optional(),
    target: collectionTarget,
    deadline: ymd('截止日期'),
    deadlineByLevel: z
      .object({
        province: ymd('省级截止日期').optional(),
        city: ymd('市级截止日期').optional(),
        county: ymd('县级截止日期').optional(),
      })
      .default({}),
    instructions: text(2000).optional(),
  }),
  response: collectionDetail,
});

export const getCollection = defineContract({
  method: 'GET',
  path: '/api/report-collections/:id',
  access: 'reports.read',
  tag: 'reports',
  summary: '报送任务详情与完成情况（可见范围内）',
  params: idParams,
  response: collectionDetail,
});

export const closeCollection = defineContract({
  method: 'POST',
  path: '/api/report-collections/:id/close',
  access: 'reports.manage',
  tag: 'reports',
  summary: '结束报送任务（不再接受报送；未报的计为缺报）',
  params: idParams,
  body: z.object({ version: z.number().int().positive() }),
  response: collectionDetail,
});

/** One row of a drill-down: a unit below the one looked at, with the counts of its whole subtree. */
export const completenessRow = z.object({
  unit: unitRef.extend({ keyContactCity: z.boolean() }),
  /** The unit's own submission, when it must answer itself. */
  own: z
    .object({
      submissionId: z.number().int(),
      status: submissionStatus,
      timeliness: timeliness,
      deadline: z.string(),
      firstSubmittedAt: z.string().nullable(),
    })
    .nullable(),
  /** Units below it that must answer too (drill further). */
  hasBelow: z.boolean(),
  summary: completeness,
});
export type CompletenessRow = z.infer<typeof completenessRow>;

const drillDown = z.object({
  unit: unitRef,
  /** From the viewer's unit down to `unit`, for the breadcrumb. */
  path: z.array(unitRef),
  /** `unit` itself, when it must answer. */
  self: completenessRow.nullable(),
  rows: z.array(completenessRow),
  summary: completeness,
});
export type DrillDown = z.infer<typeof drillDown>;

export const collectionCompleteness = defineContract({
  method: 'GET',
  path: '/api/report-collections/:id/completeness',
  access: 'reports.read',
  tag: 'reports',
  summary: '完成情况逐级下钻：所选单位的下一级单位各自的应报、已报、按时、逾期、缺报',
  params: idParams,
  query: z.object({ unitId: z.coerce.number().int().positive().optional() }),
  response: drillDown,
});

export const submissionItem = z.object({
  id: z.number().int(),
  collectionId: z.number().int(),
  unit: unitRef.extend({ parentName: z.string().nullable(), keyContactCity: z.boolean() }),
  reviewerUnit: unitRef,
  deadline: z.string(),
  status: submissionStatus,
  timeliness: timeliness,
  /** Days past the deadline at the first submission, or until today when missing. */
  daysLate: z.number().int().nullable(),
  firstSubmittedAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  returnCount: z.number().int(),
  /** The viewer's unit reviews it and it waits for review. */
  canReview: z.boolean(),
});
export type SubmissionItem = z.infer<typeof submissionItem>;

export const listCollectionSubmissions = defineContract({
  method: 'GET',
  path: '/api/report-collections/:id/submissions',
  access: 'reports.read',
  tag: 'reports',
  summary: '报送任务下各单位的报送情况（可见范围内）',
  params: idParams,
  query: sortedPageQuery(['unit', 'deadline', 'submittedAt', 'status']).extend({
    unitId: z.coerce.number().int().positive().optional(),
    includeDescendants: z.enum(['true', 'false']).optional(),
    q: text(50).optional(),
    status: submissionStatus.optional(),
    timeliness: timeliness.optional(),
  }),
  response: pageOf(submissionItem),
});

const maskedExportBody = unmaskReasonRequired(
  z.object({
    unitId: id.optional(),
    unmasked: z.boolean().default(false),
    reason: text(200).optional(),
  }),
);

export const exportCollection = defineContract({
  method: 'POST',
  path: '/api/report-collections/:id/export',
  access: 'reports.read',
  tag: 'reports',
  summary: '汇总导出 Excel：报送情况、指标（季度/年度）、花名册（默认脱敏）',
  params: idParams,
  body: maskedExportBody,
  response: z.unknown(),
  binary: true,
});

export const exportCollectionDocument = defineContract({
  method: 'GET',
  path: '/api/report-collections/:id/document',
  access: 'reports.read',
  tag: 'reports',
  summary: '汇总导出 Word：已报送单位的文字材料（公文格式）',
  params: idParams,
  query: z.object({ unitId: z.coerce.number().int().positive().optional() }),
  response: z.unknown(),
  binary: true,
});

export const dueItem = z.object({
  submissionId: z.number().int(),
  collection: z.object({
    id: z.number().int(),
    title: z.string(),
    form: reportForm,
    year: z.number().int(),
    quarter: z.number().int().nullable(),
    status: collectionStatus,
    openedBy: z.string(),
  }),
  deadline: z.string(),
  /** Negative when the deadline has passed. */
  daysLeft: z.number().int(),
  status: submissionStatus,
  timeliness: timeliness,
  submittedAt: z.string().nullable(),
  /** The latest return comment, when returned. */
  returnComment: z.string().nullable(),
});
export type DueItem = z.infer<typeof dueItem>;

export const listDue = defineContract({
  method: 'GET',
  path: '/api/reports/due',
  access: 'reports.read',
  tag: 'reports',
  summary: '待报送：本单位须报送的报告（截止日期、状态、退回意见），默认只列未通过的',
  query: pageQuery.extend({ show: z.enum(['open', 'all']).default('open') }),
  response: pageOf(dueItem),
});

export const listToReview = defineContract({
  method: 'GET',
  path: '/api/reports/to-review',
  access: 'reports.read',
  tag: 'reports',
  summary: '待审核：由本单位审核的下级报送',
  query: pageQuery.extend({ status: submissionStatus.optional() }),
  response: pageOf(
    submissionItem.extend({
      collection: z.object({ id: z.number().int(), title: z.string(), form: reportForm }),
    }),
  ),
});

export const REMINDER_DAYS = 7;

export const reportReminders = defineContract({
  method: 'GET',
  path: '/api/reports/reminders',
  access: 'reports.read',
  tag: 'reports',
  summary: `报送提醒：${REMINDER_DAYS} 天内到期、已逾期、被退回的本单位报告，及待本单位审核的数量`,
  response: z.object({
    dueSoon: z.number().int(),
    overdue: z.number().int(),
    returned: z.number().int(),
    toReview: z.number().int(),
    /** The most urgent of the viewer's unit's open reports, by deadline (at most 5). */
    items: z.array(dueItem),
  }),
});

export const reportTimeliness = defineContract({
  method: 'GET',
  path: '/api/reports/timeliness',
  access: 'reports.read',
  tag: 'reports',
  summary: '各单位报送及时率：一年内全部报送任务，按下一级单位逐级下钻',
  query: z.object({
    unitId: z.coerce.number().int().positive().optional(),
    year: z.coerce.number().int().min(2000).max(2100),
    form: reportForm.optional(),
  }),
  response: drillDown.extend({ collections: z.number().int() }),
});
