import { open } from 'node:fs/promises';
import { readZipDirectory } from '../import/xlsx-zip';
import { AppError } from '../http/errors';

/**
 * What may be stored: decided by the file's first bytes (its magic number), never by the name or the
 * browser's Content-Type alone. The extension must agree with the content, so an .exe renamed .pdf,
 * or a .zip renamed .docx, is refused.
 */
export type FileType = { mime: string; label: string; extensions: string[] };

const PDF: FileType = { mime: 'application/pdf', label: 'PDF 文档', extensions: ['pdf'] };
const JPEG: FileType = { mime: 'image/jpeg', label: 'JPEG 图片', extensions: ['jpg', 'jpeg'] };
const PNG: FileType = { mime: 'image/png', label: 'PNG 图片', extensions: ['png'] };
const GIF: FileType = { mime: 'image/gif', label: 'GIF 图片', extensions: ['gif'] };
const WEBP: FileType = { mime: 'image/webp', label: 'WebP 图片', extensions: ['webp'] };
const DOCX: FileType = {
  mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  label: 'Word 文档',
  extensions: ['docx'],
};
const XLSX: FileType = {
  mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  label: 'Excel 表格',
  extensions: ['xlsx'],
};
const PPTX: FileType = {
  mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  label: 'PowerPoint 演示文稿',
  extensions: ['pptx'],
};
const DOC: FileType = { mime: 'application/msword', label: 'Word 97-2003 文档', extensions: ['doc'] };
const XLS: FileType = { mime: 'application/vnd.ms-excel', label: 'Excel 97-2003 表格', extensions: ['xls'] };
const TXT: FileType = { mime: 'text/plain', label: '文本文件', extensions: ['txt'] };

export const ALLOWED_FILE_TYPES: readonly FileType[] = [
  PDF,
  JPEG,
  PNG,
  GIF,
  WEBP,
  DOCX,
  XLSX,
  PPTX,
  DOC,
  XLS,
  TXT,
];

/** For messages and the upload dialog's `accept`: `.pdf、.jpg、…`. */
export const ALLOWED_EXTENSIONS = ALLOWED_FILE_TYPES.flatMap((t) => t.extensions);

const IMAGES = new Set([JPEG, PNG, GIF, WEBP]);
const OOXML: { type: FileType; folder: string }[] = [
  { type: DOCX, folder: 'word/' },
  { type: XLSX, folder: 'xl/' },
  { type: PPTX, folder: 'ppt/' },
];

const SAMPLE_BYTES = 8192;

const unsupported = (message: string) => new AppError(415, 'unsupported_file_type', message);
const ALLOWED_TEXT = 'PDF、图片（JPG/PNG/GIF/WebP）、Word、Excel、PowerPoint 或 TXT 文本';

export function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf('.');
  return dot > 0 ? filename.slice(dot + 1).toLowerCase() : '';
}

const startsWith = (head: Buffer, bytes: number[], at = 0) => bytes.every((b, i) => head[at + i] === b);

function byMagic(head: Buffer): FileType | 'zip' | 'ole2' | null {
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return PDF; // %PDF-
  if (startsWith(head, [0xff, 0xd8, 0xff])) return JPEG;
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return PNG;
  if (
    head
      .subarray(0, 6)
      .toString('latin1')
      .match(/^GIF8[79]a$/)
  )
    return GIF;
  if (
    head.subarray(0, 4).toString('latin1') === 'RIFF' &&
    head.subarray(8, 12).toString('latin1') === 'WEBP'
  ) {
    return WEBP;
  }
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return 'zip';
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole2';
  return null;
}

/**
 * Plain text: a UTF-16 byte-order mark, or no NUL bytes and hardly any control characters (a binary
 * file has plenty of both). UTF-8 and GBK both pass, as Chinese .txt files come in either.
 */
function looksLikeText(head: Buffer): boolean {
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) return true;
  let control = 0;
  for (const byte of head) {
    if (byte === 0) return false;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c && byte !== 0x1b) {
      control += 1;
    }
  }
  return control <= head.length / 100;
}

async function ooxmlType(filePath: string, size: number): Promise<FileType | null> {
  let names: string[];
  try {
    names = [...(await readZipDirectory(filePath, size)).keys()];
  } catch {
    throw unsupported('文件已损坏或不完整，无法识别。请用 Office 或 WPS 打开确认后重新保存再上传');
  }
  if (!names.includes('[Content_Types].xml')) return null;
  return OOXML.find((o) => names.some((n) => n.startsWith(o.folder)))?.type ?? null;
}

/**
 * The file's type from its content, checked against its extension; refuses anything not on the
 * allow-list with a Chinese message (415).
 */
export async function detectFileType(filePath: string, filename: string, size: number): Promise<FileType> {
  const ext = extensionOf(filename);
  const handle = await open(filePath, 'r');
  let head: Buffer;
  try {
    const buffer = Buffer.alloc(Math.min(SAMPLE_BYTES, size));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    head = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  if (!ext) throw unsupported(`无法识别文件类型：文件名没有扩展名。仅支持 ${ALLOWED_TEXT}`);
  if (!ALLOWED_EXTENSIONS.includes(ext)) {
    throw unsupported(`不支持上传 .${ext} 文件。仅支持 ${ALLOWED_TEXT}`);
  }
  const magic = byMagic(head);
  let type: FileType | null;
  if (magic === 'zip') type = await ooxmlType(filePath, size);
  else if (magic === 'ole2')
    type = DOC.extensions.includes(ext) ? DOC : XLS.extensions.includes(ext) ? XLS : null;
  else if (magic) type = magic;
  else type = ext === 'txt' && looksLikeText(head) ? TXT : null;
  if (!type) {
    throw unsupported(`文件内容不是有效的 .${ext} 文件（可能是改了扩展名的其他文件），已拒绝上传`);
  }
  if (type.extensions.includes(ext)) return type;
  // A photo saved as .jpg that is really a PNG is common and harmless: keep it, with its real type.
  const extType = ALLOWED_FILE_TYPES.find((t) => t.extensions.includes(ext));
  if (extType && IMAGES.has(type) && IMAGES.has(extType)) return type;
  throw unsupported(`文件内容是${type.label}，与扩展名 .${ext} 不符（可能改过扩展名），已拒绝上传`);
}
