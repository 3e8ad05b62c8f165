import { z } from 'zod';
import { defineContract, ID_MAX, idParams, pageOf, sortedPageQuery, sortParam } from '../contract';
import { consentRecord } from './privacy';
import { ageBand } from './signup';
import { gender } from './youth';

/**
 * 作品征集 / 比赛, the cadres' side: the call itself, the entries it received, their 形式审查 and the link of
 * the entrants to the registry. Entries carry personal data, so their list is a POST search like the registry's.
 */

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => text(max).nullable().optional();
const id = z.number().int().positive().max(ID_MAX);
const version = z.number().int().positive();
const key = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_-]{0,39}$/, '标识只能用小写字母开头，由小写字母、数字、下划线或短横线组成');

export const CALL_STATUSES = { draft: '未发布', published: '已发布', finished: '已结束' } as const;
export const callStatus = z.enum(['draft', 'published', 'finished']);
export type CallStatus = z.infer<typeof callStatus>;

/** Where a call stands for a visitor: a published call is upcoming, open or closed by its dates. */
export const CALL_PHASES = {
  draft: '未发布',
  upcoming: '未开始',
  open: '征集中',
  closed: '已截止',
  finished: '已结束',
} as const;
export const callPhase = z.enum(['draft', 'upcoming', 'open', 'closed', 'finished']);

export const ENTRY_STATUSES = {
  submitted: '待审查',
  eligible: '合格',
  incomplete: '材料不全',
  ineligible: '不符合条件',
  duplicate: '重复',
  withdrawn: '已撤回',
} as const;
export const entryStatus = z.enum([
  'submitted',
  'eligible',
  'incomplete',
  'ineligible',
  'duplicate',
  'withdrawn',
]);
export type EntryStatus = z.infer<typeof entryStatus>;

/** The verdicts of 形式审查; every one but 合格 needs a reason the entrant can read. */
export const REVIEW_VERDICTS = {
  eligible: '合格',
  incomplete: '材料不全',
  ineligible: '不符合条件',
  duplicate: '重复',
} as const;
export const reviewVerdict = z.enum(['eligible', 'incomplete', 'ineligible', 'duplicate']);

export const ENTRY_ORIGINS = { public: '公开征集', recommended: '下级推荐' } as const;
export const entryOrigin = z.enum(['public', 'recommended']);

export const FILE_KINDS = {
  image: '图片',
  pdf: 'PDF',
  audio: '音频',
  video: '视频',
  text: '文本',
  document: '文档',
} as const;
export const fileKind = z.enum(['image', 'pdf', 'audio', 'video', 'text', 'document']);
export type FileKind = z.infer<typeof fileKind>;

export const ROUND_STATUSES = { setup: '准备中', scoring: '评分中', closed: '已结束' } as const;

export const callCategory = z.object({
  key,
  label: text(30).min(1, '请填写类别名称'),
  kinds: z.array(fileKind).min(1, '请至少选择一种文件类型').max(6),
  maxFiles: z.number().int().min(1, '至少 1 个文件').max(20, '最多 20 个文件'),
  /** Per file, in MB. */
  maxMb: z.number().int().min(1, '至少 1 MB').max(2048, '单个文件最大 2048 MB'),
  note: text(200).optional(),
});
export type CallCategory = z.infer<typeof callCategory>;

export const callCriterion = z.object({
  key,
  label: text(20).min(1, '请填写评分项名称'),
  /** Share of the 100-point total; the weights of a rubric add up to 100. */
  weight: z.number().int().min(1, '权重至少为 1').max(100, '权重最多为 100'),
  /** A judge scores 0..maxScore on this criterion. */
  maxScore: z.number().int().min(1, '满分至少为 1').max(100, '满分最多为 100'),
  description: text(300).default(''),
});
export type CallCriterion = z.infer<typeof callCriterion>;

export const callAwardLevel = z.object({
  key,
  label: text(20).min(1, '请填写奖项名称'),
  count: z.number().int().min(1, '名额至少为 1').max(1000, '名额最多为 1000'),
});
export type CallAwardLevel = z.infer<typeof callAwardLevel>;

export const DEFAULT_CATEGORIES: CallCategory[] = [
  { key: 'calligraphy', label: '书法', kinds: ['image', 'pdf'], maxFiles: 3, maxMb: 20 },
  { key: 'painting', label: '绘画', kinds: ['image', 'pdf'], maxFiles: 3, maxMb: 20 },
  { key: 'photography', label: '摄影', kinds: ['image'], maxFiles: 6, maxMb: 20 },
  { key: 'drama', label: '戏剧', kinds: ['video', 'pdf', 'document'], maxFiles: 2, maxMb: 1024 },
  { key: 'music', label: '音乐', kinds: ['audio', 'video', 'pdf'], maxFiles: 3, maxMb: 500 },
  { key: 'video', label: '微电影/视频', kinds: ['video'], maxFiles: 1, maxMb: 2048 },
  { key: 'literature', label: '文学', kinds: ['text', 'pdf', 'document'], maxFiles: 2, maxMb: 10 },
  {
    key: 'heritage',
    label: '传统文化与非遗',
    kinds: ['image', 'video', 'pdf', 'document'],
    maxFiles: 6,
    maxMb: 1024,
  },
];

export const DEFAULT_RUBRIC: CallCriterion[] = [
  {
    key: 'ideas',
    label: '思想性',
    weight: 30,
    maxScore: 100,
    description: '主题鲜明，积极向上，体现新时代青年的精神风貌',
  },
  {
    key: 'artistry',
    label: '艺术性',
    weight: 40,
    maxScore: 100,
    description: '技法娴熟，表现力强，具有较高的艺术水准和感染力',
  },
  {
    key: 'innovation',
    label: '创新性',
    weight: 30,
    maxScore: 100,
    description: '构思新颖，形式或内容有独到之处',
  },
];

export const DEFAULT_AWARD_LEVELS: CallAwardLevel[] = [
  { key: 'first', label: '一等奖', count: 1 },
  { key: 'second', label: '二等奖', count: 2 },
  { key: 'third', label: '三等奖', count: 3 },
  { key: 'merit', label: '优秀奖', count: 10 },
];

export type SettingsProblem = { path: string; message: string };

/** What the call's settings must satisfy as a whole; the web shows the same messages before saving. */
export function callSettingsProblems(s: {
  categories?: CallCategory[];
  rubric?: CallCriterion[];
  awardLevels?: CallAwardLevel[];
  ageMin?: number;
  ageMax?: number;
  opensAt?: string;
  closesAt?: string;
}): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  const unique = (path: string, items: { key: string; label: string }[] | undefined, what: string) => {
    if (!items) return;
    const keys = new Set<string>();
    const labels = new Set<string>();
    items.forEach((item, i) => {
      if (keys.has(item.key)) problems.push({ path: `${path}.${i}.key`, message: `${what}标识重复` });
      if (labels.has(item.label)) problems.push({ path: `${path}.${i}.label`, message: `${what}名称重复` });
      keys.add(item.key);
      labels.add(item.label);
    });
  };
  unique('categories', s.categories, '类别');
  unique('rubric', s.rubric, '评分项');
  unique('awardLevels', s.awardLevels, '奖项');
  if (s.rubric) {
    const sum = s.rubric.reduce((a, c) => a + c.weight, 0);
    if (sum !== 100) problems.push({ path: 'rubric', message: `评分项权重合计应为 100，现为 ${sum}` });
  }
  if (s.ageMin !== undefined && s.ageMax !== undefined && s.ageMin > s.ageMax) {
    problems.push({ path: 'ageMax', message: '年龄上限不能小于下限' });
  }
  if (s.opensAt && s.closesAt && new Date(s.closesAt) <= new Date(s.opensAt)) {
    problems.push({ path: 'closesAt', message: '截止时间应晚于开始时间' });
  }
  return problems;
}

const callFieldShape = {
  title: text(100).min(1, '请填写征集标题'),
  theme: text(500),
  rules: text(20_000),
  categories: z.array(callCategory).min(1, '请至少设置一个作品类别').max(30, '最多 30 个类别'),
  rubric: z.array(callCriterion).min(1, '请至少设置一个评分项').max(12, '最多 12 个评分项'),
  awardLevels: z.array(callAwardLevel).min(1, '请至少设置一个奖项').max(10, '最多 10 个奖项'),
  ageMin: z.number().int().min(6, '年龄下限不能小于 6 周岁').max(60),
  ageMax: z.number().int().min(6).max(60, '年龄上限不能大于 60 周岁'),
  allowGroups: z.boolean(),
  maxGroupSize: z.number().int().min(2, '团体至少 2 人').max(50, '团体最多 50 人'),
  opensAt: z.iso.datetime({ offset: true }),
  closesAt: z.iso.datetime({ offset: true }),
  /** The higher unit's call this call recommends its best works to. */
  parentCallId: id.nullable(),
  /** How many works each lower unit's call may recommend into this call: the receiving level sets it. */
  recommendQuota: z.number().int().min(0).max(1000),
  /** 公示 days. */
  publicityDays: z.number().int().min(1, '公示至少 1 天').max(60, '公示最多 60 天'),
};

export const createCallBody = z.object({
  ...callFieldShape,
  theme: callFieldShape.theme.default(''),
  rules: callFieldShape.rules.default(''),
  ageMin: callFieldShape.ageMin.default(16),
  ageMax: callFieldShape.ageMax.default(35),
  allowGroups: callFieldShape.allowGroups.default(true),
  maxGroupSize: callFieldShape.maxGroupSize.default(5),
  parentCallId: callFieldShape.parentCallId.default(null),
  recommendQuota: callFieldShape.recommendQuota.default(0),
  publicityDays: callFieldShape.publicityDays.default(7),
});

export const updateCallBody = z.object(callFieldShape).partial().extend({ version });

export const entryCounts = z.object({
  total: z.number().int(),
  submitted: z.number().int(),
  eligible: z.number().int(),
  incomplete: z.number().int(),
  ineligible: z.number().int(),
  duplicate: z.number().int(),
  withdrawn: z.number().int(),
});

export const callListItem = z.object({
  id: z.number().int(),
  unitId: z.number().int(),
  unitName: z.string(),
  slug: z.string(),
  /** Public address, /m/c/<slug>. */
  path: z.string(),
  title: z.string(),
  status: callStatus,
  phase: callPhase,
  opensAt: z.string(),
  closesAt: z.string(),
  parentCallId: z.number().int().nullable(),
  parentCallTitle: z.string().nullable(),
  parentUnitName: z.string().nullable(),
  /** The parent call's quota: how many works this call may recommend to it. */
  parentRecommendQuota: z.number().int().nullable(),
  recommendQuota: z.number().int(),
  counts: entryCounts,
  version: z.number().int(),
  createdAt: z.string(),
});
export type CallListItem = z.infer<typeof callListItem>;

export const callRoundSummary = z.object({
  id: z.number().int(),
  seq: z.number().int(),
  name: z.string(),
  status: z.enum(['setup', 'scoring', 'closed']),
  entries: z.number().int(),
});

export const callDetail = callListItem.extend({
  theme: z.string(),
  rules: z.string(),
  categories: z.array(callCategory),
  rubric: z.array(callCriterion),
  awardLevels: z.array(callAwardLevel),
  ageMin: z.number().int(),
  ageMax: z.number().int(),
  allowGroups: z.boolean(),
  maxGroupSize: z.number().int(),
  publicityDays: z.number().int(),
  publicityStartsAt: z.string().nullable(),
  publicityEndsAt: z.string().nullable(),
  awardsFinalAt: z.string().nullable(),
  /** Entries per category key, so the form knows which categories can no longer be removed. */
  entriesByCategory: z.array(z.object({ key: z.string(), count: z.number().int() })),
  rounds: z.array(callRoundSummary),
  /** The unit's current privacy notice exists: the call can be published. */
  noticeReady: z.boolean(),
  createdByName: z.string().nullable(),
  updatedAt: z.string(),
});
export type CallDetail = z.infer<typeof callDetail>;

export const CALL_SORT_KEYS = ['createdAt', 'opensAt', 'closesAt', 'title'] as const;

export const listCalls = defineContract({
  method: 'GET',
  path: '/api/calls',
  access: 'calls.read',
  tag: 'calls',
  summary: '本单位及下级的作品征集，含按审查状态的作品数',
  query: sortedPageQuery(CALL_SORT_KEYS).extend({
    status: callStatus.optional(),
    keyword: text(50).optional(),
    unitId: z.coerce.number().int().positive().max(ID_MAX).optional(),
  }),
  response: pageOf(callListItem),
});

export const getCall = defineContract({
  method: 'GET',
  path: '/api/calls/:id',
  access: 'calls.read',
  tag: 'calls',
  summary: '作品征集详情：类别、评分标准、奖项、评审轮次、上级征集',
  params: idParams,
  response: callDetail,
});

export const createCall = defineContract({
  method: 'POST',
  path: '/api/calls',
  access: 'calls.manage',
  tag: 'calls',
  summary: '新建作品征集（未发布）；评分项权重合计 100，截止时间晚于开始时间',
  body: createCallBody,
  response: callDetail,
});

export const updateCall = defineContract({
  method: 'PATCH',
  path: '/api/calls/:id',
  access: 'calls.manage',
  tag: 'calls',
  summary: '修改作品征集；已有作品的类别不能删除，已有作品后评分项和奖项仍可调整但权重须合计 100',
  params: idParams,
  body: updateCallBody,
  response: callDetail,
});

export const publishCall = defineContract({
  method: 'POST',
  path: '/api/calls/:id/publish',
  access: 'calls.manage',
  tag: 'calls',
  summary: '发布到公开页面（须先发布本单位的个人信息处理规则）',
  params: idParams,
  body: z.object({ version }),
  response: callDetail,
});

export const finishCall = defineContract({
  method: 'POST',
  path: '/api/calls/:id/finish',
  access: 'calls.manage',
  tag: 'calls',
  summary: '结束作品征集：公开页面不再接收作品',
  params: idParams,
  body: z.object({ version }),
  response: callDetail,
});

export const parentCallOption = z.object({
  id: z.number().int(),
  title: z.string(),
  unitId: z.number().int(),
  unitName: z.string(),
  unitLevel: z.string(),
  closesAt: z.string(),
});

export const callParentOptions = defineContract({
  method: 'GET',
  path: '/api/calls/parent-options',
  access: 'calls.manage',
  tag: 'calls',
  summary: '可向其推荐作品的上级征集：本单位以上各级已发布、未结束的征集（只有标题、单位和截止时间）',
  query: z.object({
    /** The unit whose call recommends upward; defaults to the viewer's unit. */
    unitId: z.coerce.number().int().positive().max(ID_MAX).optional(),
    keyword: text(50).optional(),
  }),
  response: z.object({ items: z.array(parentCallOption) }),
});

export const ENTRY_SORT_KEYS = ['entryNo', 'createdAt', 'title'] as const;

export const entryFilter = z.object({
  keyword: optionalText(50),
  status: entryStatus.nullable().optional(),
  categoryKey: optionalText(40),
  origin: entryOrigin.nullable().optional(),
  identifying: z.boolean().nullable().optional(),
});

export const entryListItem = z.object({
  id: z.number().int(),
  callId: z.number().int(),
  entryNo: z.number().int(),
  /** 作品 0007 */
  label: z.string(),
  workId: z.number().int(),
  title: z.string(),
  categoryKey: z.string(),
  categoryLabel: z.string(),
  /** Lead entrant first. */
  entrantNames: z.array(z.string()),
  /** Each entrant's age band, lead first: the list tags works with someone under 16. */
  ageBands: z.array(ageBand),
  groupName: z.string().nullable(),
  filesCount: z.number().int(),
  status: entryStatus,
  reviewReason: z.string().nullable(),
  identifying: z.boolean(),
  origin: entryOrigin,
  recommendedByUnitName: z.string().nullable(),
  /** The work itself was withdrawn by the entrant. */
  workWithdrawn: z.boolean(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type EntryListItem = z.infer<typeof entryListItem>;

export const searchCallEntries = defineContract({
  method: 'POST',
  path: '/api/calls/:id/entries/search',
  access: 'calls.read',
  tag: 'calls',
  summary: '征集收到的作品：按标题、作品编号、作者姓名查找，按状态、类别、来源筛选',
  params: idParams,
  body: entryFilter.extend({
    page: z.number().int().min(1).max(1_000_000).default(1),
    pageSize: z.number().int().min(1).max(200).default(20),
    sort: sortParam(ENTRY_SORT_KEYS),
  }),
  response: pageOf(entryListItem),
});

/** The registry record an entrant matched or was linked to. */
export const entrantRegistryLink = z.object({
  /** In the viewer's subtree: the record opens. Elsewhere: only the keeping unit is named. */
  inScope: z.boolean(),
  youthId: z.number().int().nullable(),
  name: z.string().nullable(),
  keepingUnitName: z.string(),
});

export const entrantDetail = z.object({
  id: z.number().int(),
  position: z.number().int(),
  name: z.string(),
  gender: gender.nullable(),
  birthDate: z.string().nullable(),
  age: z.number().int().nullable(),
  ageBand,
  /** Masked. */
  idNumber: z.string().nullable(),
  /** Masked. */
  phone: z.string().nullable(),
  placeName: z.string().nullable(),
  categoryName: z.string().nullable(),
  /** Found by blind index on submission. */
  matched: entrantRegistryLink.nullable(),
  /** Set once the entry was found eligible. */
  linked: entrantRegistryLink.nullable(),
});

export const entryFile = z.object({
  id: z.number().int(),
  position: z.number().int(),
  kind: fileKind,
  originalName: z.string(),
  size: z.number().int(),
  mime: z.string(),
  scrubbed: z.boolean(),
  removed: z.boolean(),
});

export const entryHistoryItem = z.object({
  at: z.string(),
  action: z.string(),
  actionName: z.string(),
  actorName: z.string().nullable(),
  detail: z.string().nullable(),
});

export const entryDetail = entryListItem.extend({
  callTitle: z.string(),
  description: z.string(),
  originalityAt: z.string(),
  publicityConsent: z.boolean(),
  channel: z.string(),
  identifyingNote: z.string().nullable(),
  reviewedByName: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  recommendNote: z.string().nullable(),
  selfEditedAt: z.string().nullable(),
  entrants: z.array(entrantDetail),
  files: z.array(entryFile),
  consents: z.array(consentRecord),
  /** The formal review and the identifying-content marks, oldest first, from the audit log. */
  history: z.array(entryHistoryItem),
});
export type EntryDetail = z.infer<typeof entryDetail>;

export const entryParams = z.object({ id: z.coerce.number().int().positive().max(ID_MAX) });

export const getCallEntry = defineContract({
  method: 'GET',
  path: '/api/calls/entries/:id',
  access: 'calls.read',
  tag: 'calls',
  summary: '作品详情（身份证号、手机号脱敏），含文件、同意记录、青年库匹配和审查记录',
  params: entryParams,
  response: entryDetail,
});

export const downloadCallEntryFile = defineContract({
  method: 'GET',
  path: '/api/calls/entries/:id/files/:fileId',
  access: 'calls.read',
  tag: 'calls',
  summary: '下载作品文件（记入审计日志）',
  params: z.object({
    id: z.coerce.number().int().positive().max(ID_MAX),
    fileId: z.coerce.number().int().positive().max(ID_MAX),
  }),
  response: z.unknown(),
  binary: true,
});

export const revealCallEntrant = defineContract({
  method: 'POST',
  path: '/api/calls/entries/:id/entrants/:entrantId/reveal',
  access: 'personal.reveal',
  tag: 'calls',
  summary: '查看作者完整身份证号和手机号（须填写原因，记入审计日志）',
  params: z.object({
    id: z.coerce.number().int().positive().max(ID_MAX),
    entrantId: z.coerce.number().int().positive().max(ID_MAX),
  }),
  body: z.object({ reason: text(200).min(4, '请填写查看原因（至少 4 个字）') }),
  response: z.object({ idNumber: z.string().nullable(), phone: z.string().nullable() }),
});

const reasonRefine = <T extends { status: string; reason?: string | null }>(b: T) =>
  b.status === 'eligible' || (b.reason ?? '').length >= 2;
const reasonIssue = { message: '请填写原因（作者凭回执码可看到）', path: ['reason'] };

export const reviewed = z.object({ entry: entryDetail, warnings: z.array(z.string()) });

export const reviewCallEntry = defineContract({
  method: 'POST',
  path: '/api/calls/entries/:id/review',
  access: 'calls.manage',
  tag: 'calls',
  summary:
    '形式审查：合格、材料不全、不符合条件或重复（除合格外须填写原因）。合格时作者登记入青年库（已有记录则关联，' +
    '否则作为联系对象登记，来源 作品征集，附同意记录）',
  params: entryParams,
  body: z
    .object({ version, status: reviewVerdict, reason: optionalText(200) })
    .refine(reasonRefine, reasonIssue),
  response: reviewed,
});

export const batchReviewResult = z.object({
  done: z.number().int(),
  refused: z.array(z.object({ id: z.number().int(), label: z.string(), reason: z.string() })),
});

export const batchReviewCallEntries = defineContract({
  method: 'POST',
  path: '/api/calls/:id/entries/review',
  access: 'calls.manage',
  tag: 'calls',
  summary: '批量形式审查（最多 500 件）；各件按单件规则处理，返回未处理的原因',
  params: idParams,
  body: z
    .object({
      ids: z.array(id).min(1, '请选择作品').max(500, '一次最多 500 件'),
      status: reviewVerdict,
      reason: optionalText(200),
    })
    .refine(reasonRefine, reasonIssue),
  response: batchReviewResult,
});

export const markCallEntryIdentifying = defineContract({
  method: 'POST',
  path: '/api/calls/entries/:id/identifying',
  access: 'calls.manage',
  tag: 'calls',
  summary: '标记或取消“作品含身份信息”：标记的作品不进入匿名评审',
  params: entryParams,
  body: z
    .object({ version, identifying: z.boolean(), note: optionalText(200) })
    .refine((b) => !b.identifying || (b.note ?? '').length >= 2, {
      message: '请说明作品中哪些内容透露了作者身份',
      path: ['note'],
    }),
  response: entryDetail,
});
