import { z } from 'zod';
import { defineContract, okResponse } from '../contract';

/** 附件 on a person in the 青年库: certificates, works, agreements, photos, kept in the platform file store. */

export const ATTACHMENT_KINDS = ['证书', '作品', '协议', '照片', '其他'] as const;
export const attachmentKind = z.enum(ATTACHMENT_KINDS, { message: '请选择附件类别' });

export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;

/** What the upload dialog offers (`accept`); the server decides by content, not by this list. */
export const ATTACHMENT_ACCEPT = '.pdf,.jpg,.jpeg,.png,.gif,.webp,.docx,.xlsx,.pptx,.doc,.xls,.txt';

export const youthAttachment = z.object({
  id: z.number().int(),
  youthId: z.number().int(),
  kind: z.string(),
  note: z.string().nullable(),
  fileName: z.string(),
  mime: z.string(),
  size: z.number().int(),
  uploadedBy: z.string().nullable(),
  unit: z.object({ id: z.number().int(), name: z.string() }),
  createdAt: z.string(),
});
export type YouthAttachment = z.infer<typeof youthAttachment>;

const youthParams = z.object({ id: z.coerce.number().int().positive() });
const attachmentParams = youthParams.extend({ attachmentId: z.coerce.number().int().positive() });

export const listYouthAttachments = defineContract({
  method: 'GET',
  path: '/api/youth/:id/attachments',
  access: 'youth.read',
  tag: 'youth',
  summary: '青年的附件（新的在前，不含已删除）',
  params: youthParams,
  response: z.object({ items: z.array(youthAttachment) }),
});

export const uploadYouthAttachment = defineContract({
  method: 'POST',
  path: '/api/youth/:id/attachments',
  access: 'youth.write',
  tag: 'youth',
  summary: '上传附件（PDF、图片、Office 文档或文本，不超过 20 MB；按文件内容识别类型）',
  params: youthParams,
  body: z.object({
    kind: attachmentKind,
    note: z
      .string()
      .trim()
      .max(200, '备注不能超过 200 个字')
      .optional()
      .transform((v) => v || null),
  }),
  response: youthAttachment,
  upload: { maxBytes: ATTACHMENT_MAX_BYTES },
});

export const downloadYouthAttachment = defineContract({
  method: 'GET',
  path: '/api/youth/:id/attachments/:attachmentId/file',
  access: 'youth.read',
  tag: 'youth',
  summary: '下载附件（原文件名）',
  params: attachmentParams,
  response: z.unknown(),
  binary: true,
});

export const deleteYouthAttachment = defineContract({
  method: 'DELETE',
  path: '/api/youth/:id/attachments/:attachmentId',
  access: 'youth.write',
  tag: 'youth',
  summary: '删除附件（保留文件与审计记录，列表中不再显示）',
  params: attachmentParams,
  response: okResponse,
});
