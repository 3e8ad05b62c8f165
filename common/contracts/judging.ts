import { z } from 'zod';
import { defineContract, ID_MAX, okResponse, pageOf, pageQuery } from '../contract';

/**
 * 评审: a call's judging rounds (organiser) and the judge's own work. Judge responses carry the entry's
 * label, category, title, description and neutral file labels only — never who made the work.
 */

const id = z.number().int().positive().max(ID_MAX);
const pathId = z.coerce.number().int().positive().max(ID_MAX);
const text = (max: number) => z.string().trim().max(max);

export const ROUND_STATUSES = { setup: '准备中', scoring: '评分中', closed: '已结束' } as const;
export const roundStatus = z.enum(['setup', 'scoring', 'closed']);
export const AGGREGATIONS = { mean: '平均分', median: '中位数', trimmed: '去掉最高最低后平均' } as const;
export const aggregation = z.enum(['mean', 'median', 'trimmed']);
export const ADVANCE_KINDS = { top: '前 N 名晋级', cut: '分数线晋级' } as const;
export const advanceKind = z.enum(['top', 'cut']);
export const SHEET_STATUSES = {
  assigned: '待评分',
  submitted: '已评分',
  abstained: '已弃权',
  rescore: '请复评',
} as const;
export const sheetStatus = z.enum(['assigned', 'submitted', 'abstained', 'rescore']);
export const CONFLICT_SOURCES = {
  declared: '评委申报',
  mentor: '导师结对',
  unit: '同一单位',
  organiser: '组织方设定',
} as const;
export const conflictSource = z.enum(['declared', 'mentor', 'unit', 'organiser']);

export const roundSettings = z
  .object({
    name: text(60).min(1, '请填写轮次名称'),
    judgesPerWork: z.number().int().min(1, '每件作品至少 1 位评委').max(20),
    maxPerJudge: z.number().int().min(1).max(10000).nullable(),
    byCategory: z.boolean(),
    aggregation,
    trimCount: z.number().int().min(1).max(5),
    spreadThreshold: z.number().min(0).max(100),
    advanceKind: advanceKind.nullable(),
    advanceValue: z.number().min(0).max(10000).nullable(),
  })
  .refine((s) => !s.advanceKind || s.advanceValue !== null, {
    message: '请填写晋级人数或分数线',
    path: ['advanceValue'],
  });

export const roundJudge = z.object({
  userId: z.number().int(),
  name: z.string(),
  unitName: z.string(),
  categoryKeys: z.array(z.string()),
});

export const round = z.object({
  id: z.number().int(),
  callId: z.number().int(),
  seq: z.number().int(),
  name: z.string(),
  status: roundStatus,
  judgesPerWork: z.number().int(),
  maxPerJudge: z.number().int().nullable(),
  byCategory: z.boolean(),
  aggregation,
  trimCount: z.number().int(),
  spreadThreshold: z.number(),
  advanceKind: advanceKind.nullable(),
  advanceValue: z.number().nullable(),
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  entryCount: z.number().int(),
  sheetCount: z.number().int(),
  judges: z.array(roundJudge),
  version: z.number().int(),
});
export type Round = z.infer<typeof round>;

const callParams = z.object({ id: pathId });
const roundParams = z.object({ roundId: pathId });

export const listRounds = defineContract({
  method: 'GET',
  path: '/api/calls/:id/rounds',
  access: 'calls.read',
  tag: 'judging',
  summary: '征集的评审轮次（含评委组）',
  params: callParams,
  response: z.object({ items: z.array(round) }),
});

export const createRound = defineContract({
  method: 'POST',
  path: '/api/calls/:id/rounds',
  access: 'calls.manage',
  tag: 'judging',
  summary: '新建评审轮次：第一轮评审全部形式审查合格的作品，之后各轮评审上一轮晋级的作品',
  params: callParams,
  body: roundSettings,
  response: round,
});

export const updateRound = defineContract({
  method: 'PATCH',
  path: '/api/call-rounds/:roundId',
  access: 'calls.manage',
  tag: 'judging',
  summary: '修改轮次设置（准备中可改全部；评分中只可改分差阈值和晋级规则）',
  params: roundParams,
  body: z.object({ settings: roundSettings, version: z.number().int().positive() }),
  response: round,
});

export const judgeCandidate = z.object({ userId: z.number().int(), name: z.string(), unitName: z.string() });

export const listJudgeCandidates = defineContract({
  method: 'GET',
  path: '/api/calls/:id/judge-candidates',
  access: 'calls.manage',
  tag: 'judging',
  summary: '可选评委：本单位及下级的评委账号',
  params: callParams,
  response: z.object({ items: z.array(judgeCandidate) }),
});

export const setRoundJudges = defineContract({
  method: 'PUT',
  path: '/api/call-rounds/:roundId/judges',
  access: 'calls.manage',
  tag: 'judging',
  summary: '设定评委组及各评委负责的类别（空表示全部类别）',
  params: roundParams,
  body: z.object({
    judges: z
      .array(z.object({ userId: id, categoryKeys: z.array(text(40)).max(50) }))
      .max(200)
      .refine((js) => new Set(js.map((j) => j.userId)).size === js.length, { message: '评委重复' }),
  }),
  response: round,
});

export const conflictItem = z.object({
  id: z.number().int(),
  judgeUserId: z.number().int(),
  judgeName: z.string(),
  entryId: z.number().int(),
  entryLabel: z.string(),
  title: z.string(),
  source: conflictSource,
  reason: z.string(),
  createdAt: z.string(),
});

export const listConflicts = defineContract({
  method: 'GET',
  path: '/api/call-rounds/:roundId/conflicts',
  access: 'calls.read',
  tag: 'judging',
  summary: '本轮评委组与本轮作品之间的回避关系',
  params: roundParams,
  response: z.object({ items: z.array(conflictItem) }),
});

export const addConflict = defineContract({
  method: 'POST',
  path: '/api/call-rounds/:roundId/conflicts',
  access: 'calls.manage',
  tag: 'judging',
  summary: '组织方设定回避（已分配的评分表撤下并尽量改派）',
  params: roundParams,
  body: z.object({ judgeUserId: id, entryId: id, reason: text(200).min(1, '请填写回避原因') }),
  response: okResponse,
});

export const shortEntry = z.object({
  entryId: z.number().int(),
  entryLabel: z.string(),
  assigned: z.number().int(),
  reason: z.string(),
});

export const judgeLoad = z.object({
  userId: z.number().int(),
  name: z.string(),
  assigned: z.number().int(),
  submitted: z.number().int(),
  abstained: z.number().int(),
  rescore: z.number().int(),
  left: z.number().int(),
});

export const assignRound = defineContract({
  method: 'POST',
  path: '/api/call-rounds/:roundId/assign',
  access: 'calls.manage',
  tag: 'judging',
  summary: '自动识别回避并分配作品（重新分配会替换本轮原有分配）',
  params: roundParams,
  body: z.object({ seed: z.number().int().min(0).max(ID_MAX).optional() }),
  response: z.object({ loads: z.array(judgeLoad), short: z.array(shortEntry), conflicts: z.number().int() }),
});

export const openRound = defineContract({
  method: 'POST',
  path: '/api/call-rounds/:roundId/open',
  access: 'calls.manage',
  tag: 'judging',
  summary: '开始评分：评委可以看到分配给本人的作品',
  params: roundParams,
  body: z.object({ version: z.number().int().positive() }),
  response: round,
});

export const roundProgress = defineContract({
  method: 'GET',
  path: '/api/call-rounds/:roundId/progress',
  access: 'calls.read',
  tag: 'judging',
  summary: '各评委的评分进度',
  params: roundParams,
  response: z.object({ loads: z.array(judgeLoad), short: z.array(shortEntry) }),
});

export const rankingSheet = z.object({
  judgeUserId: z.number().int(),
  /** 评委1、评委2… in the order of the panel; the organiser also sees the name. */
  judgeLabel: z.string(),
  judgeName: z.string(),
  status: sheetStatus,
  total: z.number().nullable(),
  comment: z.string(),
  abstainReason: z.string().nullable(),
  rescoreNote: z.string().nullable(),
});

export const rankingRow = z.object({
  entryId: z.number().int(),
  entryLabel: z.string(),
  title: z.string(),
  categoryLabel: z.string(),
  sheets: z.array(rankingSheet),
  score: z.number().nullable(),
  spread: z.number().nullable(),
  spreadFlag: z.boolean(),
  fellBackToMean: z.boolean(),
  rank: z.number().int().nullable(),
  tied: z.boolean(),
  advanced: z.boolean(),
});

export const RANKING_FILTERS = {
  all: '全部',
  spread: '分差超阈值',
  tied: '并列',
  advanced: '晋级',
  unscored: '未评分',
} as const;
export const rankingFilter = z.enum(['all', 'spread', 'tied', 'advanced', 'unscored']);
export type RankingFilter = z.infer<typeof rankingFilter>;

/** How many of the round's entries each filter holds, whatever the page. */
export const rankingCounts = z.object({
  entries: z.number().int(),
  scored: z.number().int(),
  spreadFlagged: z.number().int(),
  tied: z.number().int(),
  advanced: z.number().int(),
  fellBackToMean: z.number().int(),
});

/**
 * The ranking is computed over the whole round (ranks and ties need every entry) and answered one page
 * at a time, in rank order; `total` counts the entries after the filter and the search.
 */
export const roundRanking = defineContract({
  method: 'GET',
  path: '/api/call-rounds/:roundId/ranking',
  access: 'calls.read',
  tag: 'judging',
  summary: '排名：各评委总分、汇总分、分差（超过阈值标出）、并列名次（分页，可筛选）',
  params: roundParams,
  query: pageQuery.omit({ sort: true }).extend({
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
    filter: rankingFilter.default('all'),
    q: text(50).optional(),
  }),
  response: pageOf(rankingRow).extend({ closed: z.boolean(), counts: rankingCounts }),
});

export const entryOption = z.object({
  entryId: z.number().int(),
  entryLabel: z.string(),
  title: z.string(),
  categoryLabel: z.string(),
});

/** At most 20 of the round's entries matching the number or title: the conflict dialog's picker. */
export const roundEntryOptions = defineContract({
  method: 'GET',
  path: '/api/call-rounds/:roundId/entry-options',
  access: 'calls.read',
  tag: 'judging',
  summary: '按作品编号或标题查找本轮作品（最多 20 件）',
  params: roundParams,
  query: z.object({ q: text(50).optional() }),
  response: z.object({ items: z.array(entryOption) }),
});

export const requestRescore = defineContract({
  method: 'POST',
  path: '/api/call-rounds/:roundId/rescore',
  access: 'calls.manage',
  tag: 'judging',
  summary: '请指定评委对某件作品复评，并附说明',
  params: roundParams,
  body: z.object({
    entryId: id,
    judgeUserIds: z.array(id).min(1, '请选择评委').max(20),
    note: text(500).min(1, '请填写复评说明'),
  }),
  response: okResponse,
});

export const closeRound = defineContract({
  method: 'POST',
  path: '/api/call-rounds/:roundId/close',
  access: 'calls.manage',
  tag: 'judging',
  summary: '结束本轮：计算汇总分、分差和名次，按规则确定晋级作品',
  params: roundParams,
  body: z.object({ version: z.number().int().positive() }),
  response: round,
});

// —— the judge's own ——

export const myRound = z.object({
  roundId: z.number().int(),
  callTitle: z.string(),
  roundName: z.string(),
  status: roundStatus,
  assigned: z.number().int(),
  submitted: z.number().int(),
  left: z.number().int(),
});

export const listMyRounds = defineContract({
  method: 'GET',
  path: '/api/judging/rounds',
  access: 'calls.judge',
  tag: 'judging',
  summary: '评委本人的评审轮次与进度',
  response: z.object({ items: z.array(myRound) }),
});

export const myEntry = z.object({
  entryId: z.number().int(),
  entryLabel: z.string(),
  categoryLabel: z.string(),
  title: z.string(),
  status: sheetStatus,
  total: z.number().nullable(),
});

const judgeEntryParams = z.object({ roundId: pathId, entryId: pathId });

export const listMyEntries = defineContract({
  method: 'GET',
  path: '/api/judging/rounds/:roundId/entries',
  access: 'calls.judge',
  tag: 'judging',
  summary: '本轮分配给评委本人的作品',
  params: roundParams,
  response: z.object({
    roundName: z.string(),
    callTitle: z.string(),
    status: roundStatus,
    items: z.array(myEntry),
  }),
});

export const criterion = z.object({
  key: z.string(),
  label: z.string(),
  weight: z.number(),
  maxScore: z.number(),
  description: z.string(),
});

export const judgeFile = z.object({
  id: z.number().int(),
  /** 作品文件 1.jpg — never the entrant's file name. */
  label: z.string(),
  kind: z.enum(['image', 'pdf', 'audio', 'video', 'text', 'document']),
  mime: z.string(),
  size: z.number().int(),
});

export const judgeEntry = z.object({
  entryId: z.number().int(),
  entryLabel: z.string(),
  categoryLabel: z.string(),
  title: z.string(),
  description: z.string(),
  files: z.array(judgeFile),
  rubric: z.array(criterion),
  roundStatus,
  status: sheetStatus,
  scores: z.record(z.string(), z.number()),
  total: z.number().nullable(),
  comment: z.string(),
  abstainReason: z.string().nullable(),
  rescoreNote: z.string().nullable(),
  previousEntryId: z.number().int().nullable(),
  nextEntryId: z.number().int().nullable(),
});

export const getMyEntry = defineContract({
  method: 'GET',
  path: '/api/judging/rounds/:roundId/entries/:entryId',
  access: 'calls.judge',
  tag: 'judging',
  summary: '评委查看一件分配给本人的作品（匿名）、评分标准和本人的评分',
  params: judgeEntryParams,
  response: judgeEntry,
});

export const downloadMyEntryFile = defineContract({
  method: 'GET',
  path: '/api/judging/rounds/:roundId/entries/:entryId/files/:fileId',
  access: 'calls.judge',
  tag: 'judging',
  summary: '评委查看作品文件（以中性文件名提供）',
  params: judgeEntryParams.extend({ fileId: pathId }),
  response: z.unknown(),
  binary: true,
});

export const submitScore = defineContract({
  method: 'PUT',
  path: '/api/judging/rounds/:roundId/entries/:entryId/score',
  access: 'calls.judge',
  tag: 'judging',
  summary: '提交或修改评分（本轮结束前可改）',
  params: judgeEntryParams,
  body: z.object({
    scores: z.record(text(40), z.number().min(0).max(10000)),
    comment: text(2000).default(''),
  }),
  response: judgeEntry,
});

export const abstainEntry = defineContract({
  method: 'POST',
  path: '/api/judging/rounds/:roundId/entries/:entryId/abstain',
  access: 'calls.judge',
  tag: 'judging',
  summary: '对作品弃权（须说明原因，不计入汇总）',
  params: judgeEntryParams,
  body: z.object({ reason: text(500).min(1, '请填写弃权原因') }),
  response: judgeEntry,
});

export const declareConflict = defineContract({
  method: 'POST',
  path: '/api/judging/rounds/:roundId/entries/:entryId/conflict',
  access: 'calls.judge',
  tag: 'judging',
  summary: '申报回避：该作品从本人的评审任务中撤下，并尽量改派其他评委',
  params: judgeEntryParams,
  body: z.object({ reason: text(500).min(1, '请填写回避原因') }),
  response: okResponse,
});
