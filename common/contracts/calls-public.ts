import { z } from 'zod';
import { defineContract } from '../contract';
import { publicFormGuard, publicNotice, receiptCode } from './public';
import { ageBand } from './signup';
import { gender } from './youth';

/**
 * The public side of 作品征集 (/m/c/<slug>): the call as the public sees it, the upload of a work's files,
 * the submission, and what the entrant can do with their receipt code. No account; every route is rate
 * limited per address and per call, and answers only what the person sent themselves.
 */

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => text(max).nullable().optional();
const id = z.number().int().positive();
const slugParams = z.object({ slug: z.string().regex(/^[a-z0-9]{6,32}$/, '征集活动不存在') });

/** What an entrant may upload for a category; the server decides by the file's content, never by its name. */
export const callFileKind = z.enum(['image', 'pdf', 'audio', 'video', 'text', 'document']);
export type CallFileKindValue = z.infer<typeof callFileKind>;

export const CALL_FILE_KIND_LABELS: Record<CallFileKindValue, string> = {
  image: '图片',
  pdf: 'PDF 文档',
  audio: '音频',
  video: '视频',
  text: '文本',
  document: 'Word/Excel/PPT 文档',
};

/**
 * The most one file may weigh whatever a category allows (a resumable upload declaring more is refused
 * at its creation); each category's own maxMb is checked on top.
 */
export const WORK_FILE_MAX_MB = 1024;

export const publicCallCategory = z.object({
  key: z.string(),
  label: z.string(),
  kinds: z.array(callFileKind),
  maxFiles: z.number().int(),
  maxMb: z.number(),
  note: z.string().nullable(),
});

export const publicCall = z.object({
  slug: z.string(),
  title: z.string(),
  theme: z.string(),
  rules: z.string(),
  unitName: z.string(),
  /** open: entries accepted now; not_yet: before opensAt; closed: after closesAt or finished. */
  state: z.enum(['open', 'not_yet', 'closed']),
  opensAt: z.string(),
  closesAt: z.string(),
  categories: z.array(publicCallCategory),
  /** 周岁 on the closing date. */
  ageMin: z.number().int(),
  ageMax: z.number().int(),
  allowGroups: z.boolean(),
  /** 1 when groups are not allowed. */
  maxGroupSize: z.number().int(),
  notice: publicNotice,
  /** The dictionary's 群体类别 the unit uses, for each entrant. */
  youthCategories: z.array(z.object({ id: z.number().int(), label: z.string() })),
});
export type PublicCall = z.infer<typeof publicCall>;

export const getPublicCall = defineContract({
  method: 'GET',
  path: '/api/public/calls/:slug',
  access: 'public',
  tag: 'public',
  summary:
    '公开的作品征集：主题、规则、发布单位、征集时间、作品类别及文件要求、年龄和团体要求、个人信息处理规则（当前版本）',
  params: slugParams,
  response: publicCall,
});

export const publicWorkUpload = z.object({
  /** Names the stored file, this call and category; valid for a few hours, used once by a submission or an edit. */
  token: z.string(),
  kind: callFileKind,
  size: z.number().int(),
  /** The cleaned name of the person's own file, shown back only to them. */
  name: z.string(),
  /** EXIF/XMP or text chunks were removed before storing. */
  scrubbed: z.boolean(),
  expiresAt: z.string(),
});
export type PublicWorkUpload = z.infer<typeof publicWorkUpload>;

/**
 * A work's file is sent as a resumable upload, tus 1.0 (creation, core, termination, expiration), so a
 * film from a phone survives a flaky link: POST here creates it (Upload-Length, and Upload-Metadata with
 * slug, categoryKey, filename, challenge, nonce), PATCH <here>/<id> sends bytes from Upload-Offset,
 * HEAD <here>/<id> tells how many arrived, DELETE <here>/<id> cancels. These speak the tus protocol, not
 * JSON contracts. Once all bytes are in, finishPublicWorkUpload checks and stores the file and answers its
 * token.
 */
export const RESUMABLE_UPLOADS_PATH = '/api/public/works/uploads';
/** An unfinished resumable upload is kept this long from its creation, then refused (410) and swept. */
export const RESUMABLE_UPLOAD_HOURS = 24;
/** The metadata a resumable upload is created with (tus Upload-Metadata keys). */
export const resumableUploadMetadata = z.object({
  slug: slugParams.shape.slug,
  categoryKey: z.string().trim().min(1, '请选择作品类别').max(40),
  filename: z.string().max(300).default(''),
  challenge: z.string().max(300),
  nonce: z.string().max(40),
});
/** The ids the server gives (random, 128 bits, hex); anything else is unknown. */
export const resumableUploadId = z.string().regex(/^[0-9a-f]{32}$/, '上传记录不存在');

export const finishPublicWorkUpload = defineContract({
  method: 'POST',
  path: '/api/public/works/uploads/:id/finish',
  access: 'public',
  tag: 'public',
  summary:
    '完成一个可续传的作品文件上传（全部字节已传完后调用）：按内容识别类型，须为该类别允许的种类且不超过其大小上限；删除图片中的拍摄信息等元数据后加密保存，返回提交作品时使用的文件凭证。重复调用返回同一凭证',
  params: z.object({ id: resumableUploadId }),
  response: publicWorkUpload,
});

export const publicEntrant = z.object({
  name: text(50).min(1, '请填写姓名'),
  gender: gender.nullable().optional(),
  birthDate: optionalText(20),
  idNumber: optionalText(30),
  /** Required for the lead entrant (the contact). */
  phone: optionalText(30),
  placeUnitId: id.nullable().optional(),
  categoryId: id.nullable().optional(),
  /** Required for an entrant under 14 (PIPL Art. 31). */
  guardianName: optionalText(50),
  guardianRelation: optionalText(20),
  guardianConsent: z.boolean().optional(),
});
export type PublicEntrant = z.infer<typeof publicEntrant>;

export const publicWorkFields = z.object({
  title: text(100).min(1, '请填写作品名称'),
  categoryKey: text(40).min(1, '请选择作品类别'),
  description: text(2000).default(''),
  /** A group entry's name (乐队、剧社…); leave empty for a single entrant. */
  groupName: optionalText(100),
  /** The lead entrant (the contact) first. */
  entrants: z.array(publicEntrant).min(1, '请填写参赛者信息').max(50),
  /** Tokens from the upload, in the order the files should be shown. */
  files: z.array(z.string().max(400)).min(1, '请上传作品文件').max(50),
});
export type PublicWorkFields = z.infer<typeof publicWorkFields>;

export const submitPublicWork = defineContract({
  method: 'POST',
  path: '/api/public/calls/:slug/works',
  access: 'public',
  tag: 'public',
  summary:
    '提交作品：须声明原创、同意个人信息处理规则；作品公开展示的同意单独勾选、可不选。每位参赛者须在截止日的年龄范围内；不满 14 周岁须监护人同意。返回回执码（只显示这一次），凭它查询、在截止前修改或撤回',
  params: slugParams,
  body: publicWorkFields.and(publicFormGuard).and(
    z.object({
      originality: z.literal(true, { error: '请确认作品为原创并勾选原创声明' }),
      /** Separate from the registration consent and optional: may the work be shown in public. */
      publicityConsent: z.boolean().default(false),
    }),
  ),
  response: z.object({ receiptCode: z.string(), ageBands: z.array(ageBand) }),
});

export const workEntryStatus = z.enum([
  'submitted',
  'eligible',
  'incomplete',
  'ineligible',
  'duplicate',
  'withdrawn',
]);

export const publicWorkStatus = z.object({
  /** For adding files in an edit: the upload route and the category's limits are the call's. */
  callSlug: z.string(),
  categoryKey: z.string(),
  callTitle: z.string(),
  unitName: z.string(),
  /** The lead entrant, masked. */
  leadName: z.string(),
  title: z.string(),
  categoryLabel: z.string(),
  /** 作品 0007: how the work is known in judging. */
  entryLabel: z.string(),
  status: workEntryStatus,
  /** The status in Chinese, with the organiser's reason where one was given. */
  statusText: z.string(),
  submittedAt: z.string(),
  opensAt: z.string(),
  closesAt: z.string(),
  publicityStartsAt: z.string().nullable(),
  publicityEndsAt: z.string().nullable(),
  awardsFinalAt: z.string().nullable(),
  /** Before the deadline and not withdrawn. */
  editable: z.boolean(),
  /** After a cadre's formal review only the description and the files can change. */
  reviewed: z.boolean(),
  /** Editable and not yet reviewed: the entrants may still be replaced (the whole group, consenting afresh). */
  entrantsEditable: z.boolean(),
  publicityConsent: z.boolean(),
  description: z.string(),
  groupName: z.string().nullable(),
  entrantCount: z.number().int(),
  /** Every entrant, masked, the lead first: the person sees whom the work is entered under. */
  entrantNames: z.array(z.string()),
  files: z.array(
    z.object({ id: z.number().int(), kind: callFileKind, name: z.string(), size: z.number().int() }),
  ),
});
export type PublicWorkStatus = z.infer<typeof publicWorkStatus>;

export const getPublicWorkStatus = defineContract({
  method: 'POST',
  path: '/api/public/works/status',
  access: 'public',
  tag: 'public',
  summary: '凭回执码查询作品状态',
  body: z.object({ receiptCode }),
  response: publicWorkStatus,
});

export const updatePublicWork = defineContract({
  method: 'POST',
  path: '/api/public/works/update',
  access: 'public',
  tag: 'public',
  summary:
    '凭回执码在截止前修改作品：名称、说明、团体名称、参赛者（须整组重新填写）、文件（删除已有、追加新上传的）；经形式审查后只能改说明和文件',
  body: z.object({
    receiptCode,
    title: text(100).min(1, '请填写作品名称').optional(),
    description: text(2000).optional(),
    groupName: optionalText(100),
    entrants: z.array(publicEntrant).min(1, '请填写参赛者信息').max(50).optional(),
    /** Required with entrants: the notice the new entrants' consents are given under (must be the current one). */
    noticeId: id.optional(),
    /** Ids from the status's files. */
    removeFileIds: z.array(id).max(50).default([]),
    addFiles: z.array(z.string().max(400)).max(50).default([]),
    challenge: z.string().max(300),
    nonce: z.string().max(40),
  }),
  response: publicWorkStatus,
});

export const withdrawPublicWork = defineContract({
  method: 'POST',
  path: '/api/public/works/withdraw',
  access: 'public',
  tag: 'public',
  summary: '凭回执码撤回作品：作品退出征集，同意记录标记撤回；尚未经形式审查的，删除其中的个人信息和文件',
  body: z.object({
    receiptCode,
    challenge: z.string().max(300),
    nonce: z.string().max(40),
  }),
  response: z.object({ withdrawnAt: z.string() }),
});
