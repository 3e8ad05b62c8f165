import { z } from 'zod';
import { defineContract, ID_MAX, idParams, pageOf, sortedPageQuery } from '../contract';

/**
 * 青年故事 (seed 000 §二.5): a cadre writes the story of a young person, often about a work of theirs, and
 * publishes it on the unit's public page. Publishing needs a ground the person agreed to: the work's
 * publicity consent, or a written consent the cadre holds and describes.
 */

const text = (max: number) => z.string().trim().max(max);
const id = z.number().int().positive().max(ID_MAX);
const version = z.number().int().positive();

export const STORY_STATUSES = { draft: '草稿', published: '已发布', withdrawn: '已下线' } as const;
export const storyStatus = z.enum(['draft', 'published', 'withdrawn']);
export type StoryStatus = z.infer<typeof storyStatus>;

export const CONSENT_BASES = {
  work_publicity: '作品公开展示授权',
  written: '本人（监护人）书面同意',
} as const;
export const consentBasis = z.enum(['work_publicity', 'written'], { message: '请选择公开依据' });
export type ConsentBasis = z.infer<typeof consentBasis>;

/** What each ground requires, as the editor explains it and the server enforces it. */
export const CONSENT_BASIS_RULES: Record<ConsentBasis, string> = {
  work_publicity:
    '须关联一件作品：作者提交时同意公开展示、作品未撤回；作者中未满 14 周岁的须有监护人同意。作者日后撤回授权或撤回作品，故事自动从公开页面消失。',
  written:
    '须关联青年库中的本人，并写明何时、以何种方式取得本人（未满 14 周岁的为监护人）书面同意，书面材料由本单位留存。',
};

export const CONSENT_NOTE_MIN = 10;

/** Body: plain text, paragraphs separated by line breaks; never HTML. */
export const STORY_BODY_MAX = 20_000;
export const STORY_COVER_MAX_BYTES = 10 * 1024 * 1024;
export const STORY_COVER_ACCEPT = '.jpg,.jpeg,.png';

const storyFieldShape = {
  title: text(60).min(1, '请填写标题'),
  summary: text(200)
    .nullable()
    .optional()
    .transform((v) => v || null),
  body: text(STORY_BODY_MAX).min(1, '请填写正文'),
  youthId: id.nullable().optional(),
  entryId: id.nullable().optional(),
  consentBasis,
  consentNote: text(300)
    .nullable()
    .optional()
    .transform((v) => v || null),
};

export const createStoryBody = z.object(storyFieldShape);
export const updateStoryBody = z
  .object({ ...storyFieldShape, coverFileId: z.null().optional() })
  .partial()
  .extend({ version });

export const storyPerson = z.object({ id: z.number().int(), maskedName: z.string() });
export const storyEntry = z.object({
  id: z.number().int(),
  entryNo: z.number().int(),
  workTitle: z.string(),
  callId: z.number().int(),
  callTitle: z.string(),
});

export const storyListItem = z.object({
  id: z.number().int(),
  unitId: z.number().int(),
  unitName: z.string(),
  title: z.string(),
  summary: z.string().nullable(),
  status: storyStatus,
  consentBasis,
  person: storyPerson.nullable(),
  entry: storyEntry.nullable(),
  hasCover: z.boolean(),
  /** Null when the ground holds; else why the story may not be (or, published, is no longer) public. */
  groundProblem: z.string().nullable(),
  /** Published, but the ground no longer holds: 已失去公开依据, not shown in public. */
  groundLost: z.boolean(),
  publishedAt: z.string().nullable(),
  publishedByName: z.string().nullable(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type StoryListItem = z.infer<typeof storyListItem>;

export const storyDetail = storyListItem.extend({
  body: z.string(),
  consentNote: z.string().nullable(),
  createdByName: z.string().nullable(),
});
export type StoryDetail = z.infer<typeof storyDetail>;

export const STORY_SORT_KEYS = ['updatedAt', 'publishedAt', 'title'] as const;

export const listStories = defineContract({
  method: 'GET',
  path: '/api/stories',
  access: 'stories.read',
  tag: 'stories',
  summary: '本单位及下级的青年故事（含已失去公开依据的标记）',
  query: sortedPageQuery(STORY_SORT_KEYS).extend({
    status: storyStatus.optional(),
    /** 已失去公开依据 only. */
    groundLost: z.enum(['true', 'false']).optional(),
    keyword: text(50).optional(),
    unitId: z.coerce.number().int().positive().max(ID_MAX).optional(),
    /** 含下级: the unit or any unit below it. */
    includeDescendants: z
      .enum(['true', 'false'])
      .default('true')
      .transform((v) => v === 'true'),
  }),
  response: pageOf(storyListItem),
});

export const getStory = defineContract({
  method: 'GET',
  path: '/api/stories/:id',
  access: 'stories.read',
  tag: 'stories',
  summary: '青年故事详情',
  params: idParams,
  response: storyDetail,
});

export const createStory = defineContract({
  method: 'POST',
  path: '/api/stories',
  access: 'stories.manage',
  tag: 'stories',
  summary: '新建青年故事（草稿）',
  body: createStoryBody,
  response: storyDetail,
});

export const updateStory = defineContract({
  method: 'PATCH',
  path: '/api/stories/:id',
  access: 'stories.manage',
  tag: 'stories',
  summary: '修改青年故事；已发布的故事改后须仍有公开依据',
  params: idParams,
  body: updateStoryBody,
  response: storyDetail,
});

export const publishStory = defineContract({
  method: 'POST',
  path: '/api/stories/:id/publish',
  access: 'stories.manage',
  tag: 'stories',
  summary: '发布青年故事到本单位公开页面（须有公开依据）',
  params: idParams,
  body: z.object({ version }),
  response: storyDetail,
});

export const withdrawStory = defineContract({
  method: 'POST',
  path: '/api/stories/:id/withdraw',
  access: 'stories.manage',
  tag: 'stories',
  summary: '下线青年故事（填写原因，记入审计）',
  params: idParams,
  body: z.object({
    version,
    reason: text(200).min(2, '请填写下线原因（至少 2 个字）'),
  }),
  response: storyDetail,
});

export const uploadStoryCover = defineContract({
  method: 'POST',
  path: '/api/stories/:id/cover',
  access: 'stories.manage',
  tag: 'stories',
  summary: '上传封面照片（JPG 或 PNG，不超过 10 MB；去除拍摄地点等元数据）',
  params: idParams,
  response: storyDetail,
  upload: { maxBytes: STORY_COVER_MAX_BYTES },
});

export const downloadStoryCover = defineContract({
  method: 'GET',
  path: '/api/stories/:id/cover',
  access: 'stories.read',
  tag: 'stories',
  summary: '封面照片',
  params: idParams,
  response: z.unknown(),
  binary: true,
});

const optionsQuery = z.object({ keyword: text(50).optional() });

export const storyPersonOptions = defineContract({
  method: 'GET',
  path: '/api/story-options/people',
  access: 'stories.manage',
  tag: 'stories',
  summary: '可关联的青年（本单位及下级青年库，姓名脱敏）',
  query: optionsQuery,
  response: z.object({
    items: z.array(storyPerson.extend({ unitName: z.string(), birthYear: z.number().int().nullable() })),
  }),
});

export const storyEntryOptions = defineContract({
  method: 'GET',
  path: '/api/story-options/entries',
  access: 'stories.manage',
  tag: 'stories',
  summary: '可关联的作品（本单位及下级征集的作品），并说明能否作为公开依据',
  query: optionsQuery,
  response: z.object({
    items: z.array(storyEntry.extend({ unitName: z.string(), publicityProblem: z.string().nullable() })),
  }),
});
