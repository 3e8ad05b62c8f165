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
const MP3: FileType = { mime: 'audio/mpeg', label: 'MP3 音频', extensions: ['mp3'] };
const M4A: FileType = { mime: 'audio/mp4', label: 'M4A 音频', extensions: ['m4a'] };
const WAV: FileType = { mime: 'audio/wav', label: 'WAV 音频', extensions: ['wav'] };
const OGG: FileType = { mime: 'audio/ogg', label: 'OGG 音频', extensions: ['ogg', 'oga', 'opus'] };
const MP4: FileType = { mime: 'video/mp4', label: 'MP4 视频', extensions: ['mp4', 'm4v'] };
const MOV: FileType = { mime: 'video/quicktime', label: 'MOV 视频', extensions: ['mov'] };
const WEBM: FileType = { mime: 'video/webm', label: 'WebM 视频', extensions: ['webm'] };
const MKV: FileType = { mime: 'video/x-matroska', label: 'MKV 视频', extensions: ['mkv'] };
const OGV: FileType = { mime: 'video/ogg', label: 'OGG 视频', extensions: ['ogv', 'ogg'] };

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

/** What a caller accepts: the types, and how its refusals name them. */
export type FileTypeSet = { types: readonly FileType[]; text: string };

const ALLOWED_TEXT = 'PDF、图片（JPG/PNG/GIF/WebP）、Word、Excel、PowerPoint 或 TXT 文本';

/** Documents and images: what attachments everywhere accept. */
export const DOCUMENT_FILES: FileTypeSet = { types: ALLOWED_FILE_TYPES, text: ALLOWED_TEXT };

/** Documents, images, audio and video: what a work entered in a call may be. */
export const MEDIA_FILES: FileTypeSet = {
  types: [...ALLOWED_FILE_TYPES, MP3, M4A, WAV, OGG, MP4, MOV, WEBM, MKV, OGV],
  text: `${ALLOWED_TEXT.replace(' 或 ', '、')}、音频（MP3/M4A/WAV/OGG）或视频（MP4/MOV/WebM/MKV）`,
};

/**
 * Formats whose files are often saved under a sibling's extension (a PNG as .jpg, an M4A as .mp4):
 * the content proves the family, so such a file is kept rather than refused.
 */
const FAMILIES: { members: Set<FileType>; trust: 'content' | 'extension' }[] = [
  { members: new Set([JPEG, PNG, GIF, WEBP]), trust: 'content' },
  // The container's brand does not say reliably whether it holds sound or pictures: the extension does.
  { members: new Set([M4A, MP4, MOV]), trust: 'extension' },
  { members: new Set([WEBM, MKV]), trust: 'extension' },
  { members: new Set([OGG, OGV]), trust: 'extension' },
];
const OOXML: { type: FileType; folder: string }[] = [
  { type: DOCX, folder: 'word/' },
  { type: XLSX, folder: 'xl/' },
  { type: PPTX, folder: 'ppt/' },
];

const SAMPLE_BYTES = 8192;

const unsupported = (message: string) => new AppError(415, 'unsupported_file_type', message);

export function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf('.');
  return dot > 0 ? filename.slice(dot + 1).toLowerCase() : '';
}

const startsWith = (head: Buffer, bytes: number[], at = 0) => bytes.every((b, i) => head[at + i] === b);
const ascii = (head: Buffer, from: number, to: number) => head.subarray(from, to).toString('latin1');

/** ISO base media (MP4, M4A, MOV, 3GP): the brands of players people use; an unknown brand is refused. */
const ISO_BRANDS = new Set([
  'isom',
  'iso2',
  'iso4',
  'iso5',
  'iso6',
  'mp41',
  'mp42',
  'mp71',
  'avc1',
  'dash',
  'MSNV',
  'f4v ',
  'M4A ',
  'M4B ',
  'M4V ',
  'M4VH',
  'qt  ',
  '3gp4',
  '3gp5',
  '3gp6',
  '3g2a',
]);

/** The `ftyp` box at the start: major brand and compatible brands; M4A and QuickTime by the major brand. */
function isoMedia(head: Buffer): FileType | null {
  if (head.length < 16 || ascii(head, 4, 8) !== 'ftyp') return null;
  const boxEnd = Math.min(head.readUInt32BE(0), head.length);
  const major = ascii(head, 8, 12);
  const brands = [major];
  for (let at = 16; at + 4 <= boxEnd; at += 4) brands.push(ascii(head, at, at + 4));
  if (!brands.some((b) => ISO_BRANDS.has(b))) return null;
  if (major === 'M4A ' || major === 'M4B ') return M4A;
  return major === 'qt  ' ? MOV : MP4;
}

/**
 * An MPEG audio frame header: 11 sync bits, then a version, layer, bit rate and sample rate that are
 * not the reserved values (AAC's ADTS has layer 0 and is not MP3).
 */
function mpegAudioFrame(head: Buffer): boolean {
  if (head.length < 4 || head[0] !== 0xff || (head[1] & 0xe0) !== 0xe0) return false;
  const version = (head[1] >> 3) & 3;
  const layer = (head[1] >> 1) & 3;
  const bitrate = head[2] >> 4;
  const rate = (head[2] >> 2) & 3;
  return version !== 1 && layer !== 0 && bitrate !== 15 && rate !== 3;
}

/** EBML: the DocType element says WebM or Matroska. */
function matroska(head: Buffer): FileType | null {
  const text = ascii(head, 4, Math.min(head.length, 64));
  if (text.includes('webm')) return WEBM;
  return text.includes('matroska') ? MKV : null;
}

/** Ogg: the first packet names the codec; Theora is video, the rest (Vorbis, Opus, FLAC, Speex) sound. */
const oggType = (head: Buffer) => (ascii(head, 28, 35) === '\x80theora' ? OGV : OGG);

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
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WAVE') return WAV;
  if (ascii(head, 0, 3) === 'ID3' || mpegAudioFrame(head)) return MP3;
  if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3])) return matroska(head);
  if (ascii(head, 0, 4) === 'OggS') return oggType(head);
  const iso = isoMedia(head);
  if (iso) return iso;
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
 * The file's type from its content, checked against its extension; refuses anything not in `accepted`
 * (documents and images unless a caller asks for more) with a Chinese message (415).
 */
export async function detectFileType(
  filePath: string,
  filename: string,
  size: number,
  accepted: FileTypeSet = DOCUMENT_FILES,
): Promise<FileType> {
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
  if (!ext) throw unsupported(`无法识别文件类型：文件名没有扩展名。仅支持 ${accepted.text}`);
  const extType = accepted.types.find((t) => t.extensions.includes(ext));
  if (!extType) throw unsupported(`不支持上传 .${ext} 文件。仅支持 ${accepted.text}`);
  const magic = byMagic(head);
  let type: FileType | null;
  if (magic === 'zip') type = await ooxmlType(filePath, size);
  else if (magic === 'ole2')
    type = DOC.extensions.includes(ext) ? DOC : XLS.extensions.includes(ext) ? XLS : null;
  else if (magic) type = magic;
  else type = ext === 'txt' && looksLikeText(head) ? TXT : null;
  if (!type || !accepted.types.includes(type)) {
    throw unsupported(`文件内容不是有效的 .${ext} 文件（可能是改了扩展名的其他文件），已拒绝上传`);
  }
  if (type.extensions.includes(ext)) return type;
  // A photo saved as .jpg that is really a PNG is common and harmless: keep it, with its real type.
  const family = FAMILIES.find((f) => f.members.has(type) && f.members.has(extType));
  if (family) return family.trust === 'content' ? type : extType;
  throw unsupported(`文件内容是${type.label}，与扩展名 .${ext} 不符（可能改过扩展名），已拒绝上传`);
}
