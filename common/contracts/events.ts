import { z } from 'zod';
import { defineContract, idParams, okResponse, sortParam } from '../contract';
import { youthStage } from './youth';

/**
 * 青春沙龙 and the other events a committee organises for the youth it keeps (seed 000 §二.3):
 * speakers (a mentor from the register or an outside expert), participants from the 青年库, sign-in,
 * photos and minutes in the file store, a short report. Participation counts in 人次 (one row per
 * person and event) and 人 (distinct people).
 */

export const EVENT_KINDS = [
  '青春沙龙',
  '主旨讲座',
  '专题研讨',
  '同业交流',
  '艺术采风',
  '国情考察',
  '志愿公益',
  '巡演',
  '巡展',
  '见面会',
  '其他',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export const eventKind = z.enum(EVENT_KINDS, { message: '请选择活动类型' });

/** How a kind is named to people where the stored word is short. */
export const EVENT_KIND_LABELS: Record<EventKind, string> = Object.fromEntries(
  EVENT_KINDS.map((k) => [k, k === '见面会' ? '读者（观众）见面会' : k]),
) as Record<EventKind, string>;
export const eventKindLabel = (kind: string) => EVENT_KIND_LABELS[kind as EventKind] ?? kind;

/**
 * 巡演巡展 and 见面会 (seed 000 §二.5): events that show a call's works to the public. Any event may name a
 * call and pick its works; these kinds are the ones the call's page and the indicators count.
 */
export const TOUR_KINDS = ['巡演', '巡展', '见面会'] as const satisfies readonly EventKind[];
export const AUDIENCE_MAX = 10_000_000;

const text = (max: number) => z.string().trim().max(max);
const id = z.number().int().positive();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const unitRef = z.object({ id: z.number().int(), name: z.string() });

/** The list's filters (query string: nothing personal in them). */
export const eventFilter = z.object({
  kind: eventKind.optional(),
  dateFrom: isoDate.optional(),
  dateTo: isoDate.optional(),
  unitId: z.coerce.number().int().positive().optional(),
  /** 含下级: the organising unit or any unit below it. */
  includeDescendants: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** 活动名称 or 地点. */
  q: text(50).optional(),
  /** Events showing the works of this call. */
  callId: z.coerce.number().int().positive().optional(),
});
export type EventFilter = z.output<typeof eventFilter>;

export const eventSpeaker = z.object({
  id: z.number().int(),
  mentorId: z.number().int().nullable(),
  name: z.string(),
  title: z.string().nullable(),
});

export const eventListItem = z.object({
  id: z.number().int(),
  kind: z.string(),
  title: z.string(),
  date: z.string(),
  place: z.string().nullable(),
  unit: unitRef,
  speakers: z.array(z.string()),
  /** 人次: participant rows. */
  participants: z.number().int(),
  signedIn: z.number().int(),
  files: z.number().int(),
  hasReport: z.boolean(),
  /** The call whose works the event shows. */
  call: z.object({ id: z.number().int(), title: z.string() }).nullable(),
  /** 展演作品: works of that call the event shows. */
  works: z.number().int(),
  /** 观众人次 counted at the door (not in the registry); null when not counted. */
  audience: z.number().int().nullable(),
  /** 在单位主页公布. */
  published: z.boolean(),
  version: z.number().int(),
});
export type EventListItem = z.infer<typeof eventListItem>;

/** Over every event matching the filter, not just the page. */
export const eventTotals = z.object({
  events: z.number().int(),
  /** 参与人次: participant rows. */
  personTimes: z.number().int(),
  /** 签到人次. */
  signedIn: z.number().int(),
  /** 参与人数: distinct people. */
  persons: z.number().int(),
  /** 观众人次: the audience counted at the events (events without a count add nothing). */
  audience: z.number().int(),
});

export const EVENT_SORTS = { date: '活动日期', title: '活动名称', participants: '参与人次' } as const;

export const listEvents = defineContract({
  method: 'GET',
  path: '/api/events',
  access: 'events.read',
  tag: 'events',
  summary: '活动列表（本单位及下级组织的活动）与参与人次、人数合计',
  query: eventFilter.extend({
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(20),
    sort: sortParam(Object.keys(EVENT_SORTS)),
  }),
  response: z.object({
    items: z.array(eventListItem),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    totals: eventTotals,
  }),
});

export const exportEvents = defineContract({
  method: 'GET',
  path: '/api/events/export',
  access: 'events.read',
  tag: 'events',
  summary: '导出活动列表 Excel（当前筛选，含参与人次、签到人次）',
  query: eventFilter.extend({ sort: sortParam(Object.keys(EVENT_SORTS)) }),
  response: z.unknown(),
  binary: true,
});

export const eventParticipant = z.object({
  youthId: z.number().int(),
  name: z.string(),
  unit: unitRef,
  stage: youthStage,
  category: z.string().nullable(),
  signedIn: z.boolean(),
  signedAt: z.string().nullable(),
});
export type EventParticipant = z.infer<typeof eventParticipant>;

export const EVENT_FILE_KINDS = ['照片', '纪要', '其他'] as const;
export const eventFileKind = z.enum(EVENT_FILE_KINDS, { message: '请选择文件类别' });
export const EVENT_FILE_MAX_BYTES = 20 * 1024 * 1024;
/** What the upload dialog offers; the server decides by content. */
export const EVENT_FILE_ACCEPT = '.jpg,.jpeg,.png,.gif,.webp,.pdf,.docx,.doc';

export const eventFile = z.object({
  id: z.number().int(),
  kind: z.string(),
  fileName: z.string(),
  mime: z.string(),
  size: z.number().int(),
  uploadedBy: z.string().nullable(),
  createdAt: z.string(),
});
export type EventFile = z.infer<typeof eventFile>;

/** A work an event shows: the cadre is not blind, so title and award are named with the entry's number. */
export const eventWork = z.object({
  entryId: z.number().int(),
  /** 作品 0007 */
  label: z.string(),
  title: z.string(),
  categoryLabel: z.string(),
  /** 一等奖… or null when the work won nothing. */
  awardLevel: z.string().nullable(),
  /** The entrants agreed that the work may be shown in public. */
  publicityConsent: z.boolean(),
  addedBy: z.string().nullable(),
});
export type EventWork = z.infer<typeof eventWork>;

export const eventDetail = eventListItem.extend({
  report: z.string().nullable(),
  workList: z.array(eventWork),
  speakerList: z.array(eventSpeaker),
  participantList: z.array(eventParticipant),
  fileList: z.array(eventFile),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type EventDetail = z.infer<typeof eventDetail>;

const speakerInput = z
  .object({
    mentorId: id.nullable().optional(),
    name: text(50).optional(),
    title: text(100).nullable().optional(),
  })
  .refine((s) => Boolean(s.mentorId || s.name), '请选择导师或填写嘉宾姓名');

export const eventFields = z.object({
  kind: eventKind,
  /** The organising unit; the viewer's own when omitted. */
  unitId: id.optional(),
  title: text(100).min(2, '请填写活动名称（至少 2 个字）'),
  date: isoDate,
  place: text(200).nullable().optional(),
  report: text(5000).nullable().optional(),
  /** The whole speaker list; replaces the old one on update. */
  speakers: z.array(speakerInput).max(30, '主讲嘉宾不能超过 30 位').optional(),
  /** A call the organising unit can read (its own or one below it); null unlinks (no works may remain). */
  callId: id.nullable().optional(),
  audience: z
    .number({ message: '观众人次应为整数' })
    .int('观众人次应为整数')
    .min(0, '观众人次不能为负数')
    .max(AUDIENCE_MAX, '观众人次过大，请核对')
    .nullable()
    .optional(),
  published: z.boolean().optional(),
});

const entryIds = z.array(id).min(1, '请选择作品').max(200, '一次最多选择 200 件作品');

export const createEvent = defineContract({
  method: 'POST',
  path: '/api/events',
  access: 'events.write',
  tag: 'events',
  summary: '新建活动（组织单位须在本单位及下级范围内；可关联征集并选择展演作品）',
  body: eventFields.extend({ entryIds: entryIds.optional() }),
  response: eventDetail,
});

export const getEvent = defineContract({
  method: 'GET',
  path: '/api/events/:id',
  access: 'events.read',
  tag: 'events',
  summary: '活动详情：主讲嘉宾、参与青年与签到、照片与纪要、简报',
  params: idParams,
  response: eventDetail,
});

export const updateEvent = defineContract({
  method: 'PATCH',
  path: '/api/events/:id',
  access: 'events.write',
  tag: 'events',
  summary: '修改活动（含简报、主讲嘉宾）；须带读取时的版本号',
  params: idParams,
  body: eventFields.partial().extend({ version: z.number().int().positive() }),
  response: eventDetail,
});

export const addEventParticipants = defineContract({
  method: 'POST',
  path: '/api/events/:id/participants',
  access: 'events.write',
  tag: 'events',
  summary: '从青年库批量添加参与青年（须在本单位及下级范围内；已在名单中的跳过）',
  params: idParams,
  body: z.object({
    youthIds: z.array(id).min(1, '请选择青年').max(500, '一次最多添加 500 人'),
    signedIn: z.boolean().default(false),
  }),
  response: z.object({ added: z.number().int(), skipped: z.number().int() }),
});

export const removeEventParticipant = defineContract({
  method: 'DELETE',
  path: '/api/events/:id/participants/:youthId',
  access: 'events.write',
  tag: 'events',
  summary: '从参与名单中移除',
  params: idParams.extend({ youthId: z.coerce.number().int().positive() }),
  response: okResponse,
});

export const signInEventParticipants = defineContract({
  method: 'POST',
  path: '/api/events/:id/sign-in',
  access: 'events.write',
  tag: 'events',
  summary: '签到：批量标记已到或取消签到',
  params: idParams,
  body: z.object({
    youthIds: z.array(id).min(1, '请选择青年').max(500, '一次最多 500 人'),
    signedIn: z.boolean(),
  }),
  response: z.object({ changed: z.number().int() }),
});

const fileParams = idParams.extend({ fileId: z.coerce.number().int().positive() });

export const uploadEventFile = defineContract({
  method: 'POST',
  path: '/api/events/:id/files',
  access: 'events.write',
  tag: 'events',
  summary: '上传活动照片或纪要（图片、PDF、Word，不超过 20 MB；按文件内容识别类型）',
  params: idParams,
  body: z.object({ kind: eventFileKind }),
  response: eventFile,
  upload: { maxBytes: EVENT_FILE_MAX_BYTES },
});

export const downloadEventFile = defineContract({
  method: 'GET',
  path: '/api/events/:id/files/:fileId/file',
  access: 'events.read',
  tag: 'events',
  summary: '下载活动文件（原文件名）',
  params: fileParams,
  response: z.unknown(),
  binary: true,
});

export const deleteEventFile = defineContract({
  method: 'DELETE',
  path: '/api/events/:id/files/:fileId',
  access: 'events.write',
  tag: 'events',
  summary: '删除活动文件（保留文件与审计记录，列表中不再显示）',
  params: fileParams,
  response: okResponse,
});

export const speakerMentor = z.object({
  id: z.number().int(),
  name: z.string(),
  specialty: z.string(),
  title: z.string().nullable(),
  unit: z.string(),
});

export const listSpeakerMentors = defineContract({
  method: 'GET',
  path: '/api/events/speaker-mentors',
  access: 'events.write',
  tag: 'events',
  summary: '可邀请为主讲嘉宾的梦想导师（本单位及下级登记的导师，按姓名或拼音查找）',
  query: z.object({ q: text(50).optional() }),
  response: z.object({ items: z.array(speakerMentor) }),
});

export const eventCallOption = z.object({
  id: z.number().int(),
  title: z.string(),
  unitName: z.string(),
  status: z.enum(['draft', 'published', 'finished']),
});

export const listEventCallOptions = defineContract({
  method: 'GET',
  path: '/api/events/call-options',
  access: 'events.write',
  tag: 'events',
  summary: '活动可关联的作品征集（本单位及下级发布的征集，按标题查找）',
  query: z.object({ q: text(50).optional() }),
  response: z.object({ items: z.array(eventCallOption) }),
});

export const listEventCallWorks = defineContract({
  method: 'GET',
  path: '/api/events/call-works/:id',
  access: 'events.write',
  tag: 'events',
  summary: '征集中可展演的作品：形式审查合格、未撤回（含获奖等级）',
  params: idParams,
  response: z.object({ items: z.array(eventWork.omit({ addedBy: true })) }),
});

export const addEventWorks = defineContract({
  method: 'POST',
  path: '/api/events/:id/works',
  access: 'events.write',
  tag: 'events',
  summary: '添加展演作品（须为活动关联征集中合格的作品；已添加的跳过）',
  params: idParams,
  body: z.object({ entryIds }),
  response: z.object({ added: z.number().int(), skipped: z.number().int() }),
});

export const removeEventWork = defineContract({
  method: 'DELETE',
  path: '/api/events/:id/works/:entryId',
  access: 'events.write',
  tag: 'events',
  summary: '移除展演作品',
  params: idParams.extend({ entryId: z.coerce.number().int().positive() }),
  response: okResponse,
});
