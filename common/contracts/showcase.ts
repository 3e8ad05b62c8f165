import { z } from 'zod';
import { defineContract, ID_MAX } from '../contract';

/**
 * 单位主页 (/m/u/<unit code>): what a unit has chosen to show the public — its open 线上招募 pages and
 * calls, its published events, the works it showcases (only while the work keeps its publicity consent)
 * and its published stories. The cadre side is the 展示到单位主页 switch on a call entry and the page's
 * own link and poster.
 */

const pathId = z.coerce.number().int().positive().max(ID_MAX);
export const SHOWCASE_NOTE_MAX = 120;
/** Units' codes are GB/T 2260 codes (6 digits) or the platform's own; nothing else names a unit. */
export const UNIT_CODE_PATTERN = /^[0-9A-Za-z]{2,20}$/;
const unitCode = z.string().regex(UNIT_CODE_PATTERN, '单位主页不存在');
export const unitPagePath = (code: string) => `/m/u/${code}`;
export const PUBLIC_PAGE_SIZE = 12;

// ---- cadres ----

export const entryShowcase = z.object({
  entryId: z.number().int(),
  showcased: z.boolean(),
  note: z.string().nullable(),
  showcasedAt: z.string().nullable(),
  showcasedByName: z.string().nullable(),
  /** Why the entry may not be shown (null: it may); a showcased entry with a reason is hidden from the public. */
  refusal: z.string().nullable(),
  /** The work's page on the unit's public site while it is shown there. */
  publicPath: z.string().nullable(),
});
export type EntryShowcase = z.infer<typeof entryShowcase>;

export const getEntryShowcase = defineContract({
  method: 'GET',
  path: '/api/calls/entries/:id/showcase',
  access: 'calls.read',
  tag: 'calls',
  summary: '作品是否展示到单位主页、推荐语，以及不能展示的原因',
  params: z.object({ id: pathId }),
  response: entryShowcase,
});

export const setEntryShowcase = defineContract({
  method: 'PUT',
  path: '/api/calls/entries/:id/showcase',
  access: 'calls.manage',
  tag: 'calls',
  summary:
    '展示到单位主页或取消展示（记入审计日志）：只限已发布或已结束征集中、作者同意公开展示、未撤回且审查合格（或获奖）的作品；可附推荐语',
  params: z.object({ id: pathId }),
  body: z.object({
    showcased: z.boolean(),
    note: z
      .string()
      .trim()
      .max(SHOWCASE_NOTE_MAX, `推荐语不超过 ${SHOWCASE_NOTE_MAX} 字`)
      .nullable()
      .optional(),
  }),
  response: entryShowcase,
});

export const unitPageLink = z.object({
  unitId: z.number().int(),
  unitName: z.string(),
  path: z.string(),
  /** How many works are on the page now. */
  showcasedWorks: z.number().int(),
});

export const getUnitPageLink = defineContract({
  method: 'GET',
  path: '/api/showcase/unit-page',
  access: 'calls.read',
  tag: 'calls',
  summary: '本单位主页的地址（用于复制链接和下载海报）及正在展示的作品数',
  response: unitPageLink,
});

// ---- the public ----

export const publicShowcaseWork = z.object({
  entryId: z.number().int(),
  title: z.string(),
  categoryLabel: z.string(),
  callTitle: z.string(),
  /** Only once the call's results are confirmed. */
  awardLabel: z.string().nullable(),
  /** Masked as on the results page (张**). */
  names: z.array(z.string()),
  groupName: z.string().nullable(),
  /** City and county of the lead entrant. */
  place: z.string().nullable(),
  note: z.string().nullable(),
  /** The first image of the work, through the checked file route. */
  thumbnailPath: z.string().nullable(),
});
export type PublicShowcaseWork = z.infer<typeof publicShowcaseWork>;

export const publicStoryItem = z.object({
  id: z.number().int(),
  title: z.string(),
  summary: z.string().nullable(),
  publishedAt: z.string(),
  coverPath: z.string().nullable(),
});
export type PublicStoryItem = z.infer<typeof publicStoryItem>;

const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });

export const publicWorksPage = pageOf(publicShowcaseWork);
export const publicStoriesPage = pageOf(publicStoryItem);

export const publicUnitPage = z.object({
  code: z.string(),
  unitName: z.string(),
  /** 共青团南昌市东湖区委员会: how the page names itself. */
  orgName: z.string(),
  signupPages: z.array(
    z.object({ title: z.string(), path: z.string(), intro: z.string(), closesAt: z.string().nullable() }),
  ),
  calls: z.array(z.object({ title: z.string(), theme: z.string(), path: z.string(), closesAt: z.string() })),
  events: z.array(
    z.object({
      id: z.number().int(),
      kindLabel: z.string(),
      title: z.string(),
      date: z.string(),
      place: z.string().nullable(),
    }),
  ),
  works: publicWorksPage,
  stories: publicStoriesPage,
});
export type PublicUnitPage = z.infer<typeof publicUnitPage>;

const unitParams = z.object({ code: unitCode });
const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(1000).default(1) });

export const getPublicUnitPage = defineContract({
  method: 'GET',
  path: '/api/public/units/:code',
  access: 'public',
  tag: 'public',
  summary:
    '单位主页：正在招募的页面、正在征集的活动、已发布的巡演巡展和见面会、展示的作品（作者姓名脱敏）和青年故事（各列第一页）',
  params: unitParams,
  response: publicUnitPage,
});

export const listPublicUnitWorks = defineContract({
  method: 'GET',
  path: '/api/public/units/:code/works',
  access: 'public',
  tag: 'public',
  summary: '单位主页展示的作品（分页）',
  params: unitParams,
  query: pageQuery,
  response: publicWorksPage,
});

export const listPublicUnitStories = defineContract({
  method: 'GET',
  path: '/api/public/units/:code/stories',
  access: 'public',
  tag: 'public',
  summary: '单位主页的青年故事（分页）',
  params: unitParams,
  query: pageQuery,
  response: publicStoriesPage,
});

export const publicWorkFile = z.object({
  id: z.number().int(),
  kind: z.enum(['image', 'audio', 'video', 'pdf', 'text', 'document']),
  /** 文件 1.jpg: never the uploaded name. */
  label: z.string(),
  mime: z.string(),
  size: z.number().int(),
  path: z.string(),
});

export const publicShowcaseWorkDetail = publicShowcaseWork.extend({
  unitName: z.string(),
  description: z.string(),
  files: z.array(publicWorkFile),
});
export type PublicShowcaseWorkDetail = z.infer<typeof publicShowcaseWorkDetail>;

export const getPublicUnitWork = defineContract({
  method: 'GET',
  path: '/api/public/units/:code/works/:entryId',
  access: 'public',
  tag: 'public',
  summary: '单位主页上的一件作品：标题、类别、奖项、作者（脱敏）、推荐语和文件',
  params: unitParams.extend({ entryId: pathId }),
  response: publicShowcaseWorkDetail,
});

export const downloadPublicUnitWorkFile = defineContract({
  method: 'GET',
  path: '/api/public/units/:code/works/:entryId/files/:fileId',
  access: 'public',
  tag: 'public',
  summary:
    '单位主页上作品的文件（图片、音视频可在页面内播放，支持分段请求）；作品取消展示或作者撤回授权后不再提供',
  params: unitParams.extend({ entryId: pathId, fileId: pathId }),
  response: z.unknown(),
  binary: true,
});

export const publicStoryDetail = publicStoryItem.extend({
  unitName: z.string(),
  /** Plain text, paragraphs separated by blank lines; never HTML. */
  paragraphs: z.array(z.string()),
  /** The story's work on the unit page while it may be shown there. */
  workPath: z.string().nullable(),
});
export type PublicStoryDetail = z.infer<typeof publicStoryDetail>;

export const getPublicUnitStory = defineContract({
  method: 'GET',
  path: '/api/public/units/:code/stories/:id',
  access: 'public',
  tag: 'public',
  summary: '单位主页上的一篇青年故事',
  params: unitParams.extend({ id: pathId }),
  response: publicStoryDetail,
});

export const downloadPublicStoryCover = defineContract({
  method: 'GET',
  path: '/api/public/units/:code/stories/:id/cover',
  access: 'public',
  tag: 'public',
  summary: '青年故事的封面图片（故事撤下后不再提供）',
  params: unitParams.extend({ id: pathId }),
  response: z.unknown(),
  binary: true,
});
