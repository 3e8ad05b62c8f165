import type { PublicCall, WorkStatus } from '../api';

export type FileKind = PublicCall['categories'][number]['kinds'][number];

// Copies of common/contracts/calls-public.ts and calls.ts (those modules bring zod); labels.test.ts keeps them equal.
export const KIND_LABELS: Record<FileKind, string> = {
  image: '图片',
  pdf: 'PDF 文档',
  audio: '音频',
  video: '视频',
  text: '文本',
  document: 'Word/Excel/PPT 文档',
};

export const ENTRY_STATUS_LABELS: Record<WorkStatus['status'], string> = {
  submitted: '待审查',
  eligible: '合格',
  incomplete: '材料不全',
  ineligible: '不符合条件',
  duplicate: '重复',
  withdrawn: '已撤回',
};

/**
 * The file names each kind is saved under, as the server's file-type list knows them. Only a first
 * sieve, so that a wrong pick is refused at once: the server decides by the file's content.
 */
export const KIND_EXTENSIONS: Record<FileKind, readonly string[]> = {
  image: ['jpg', 'jpeg', 'png', 'gif', 'webp'],
  pdf: ['pdf'],
  audio: ['mp3', 'm4a', 'wav', 'ogg', 'oga', 'opus'],
  video: ['mp4', 'm4v', 'mov', 'webm', 'mkv', 'ogv'],
  text: ['txt'],
  document: ['docx', 'xlsx', 'pptx', 'doc', 'xls'],
};

/** Phones open the gallery, the recorder or the camera roll for a media type, a file browser otherwise. */
const KIND_MEDIA: Partial<Record<FileKind, string>> = {
  image: 'image/*',
  audio: 'audio/*',
  video: 'video/*',
};

/** The file input's `accept` for a category. */
export function acceptFor(kinds: readonly FileKind[]): string {
  return kinds
    .flatMap((k) => [...(KIND_MEDIA[k] ? [KIND_MEDIA[k]] : []), ...KIND_EXTENSIONS[k].map((e) => `.${e}`)])
    .join(',');
}

export const kindsText = (kinds: readonly FileKind[]) => kinds.map((k) => KIND_LABELS[k]).join('、');

/** The kind a file's name says it is, or null when no kind of the category has that extension. */
export function kindByName(name: string, kinds: readonly FileKind[]): FileKind | null {
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  return kinds.find((k) => KIND_EXTENSIONS[k].includes(ext)) ?? null;
}

/** 3.2 MB, 850 KB: sizes as people read them. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024 * 1024) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** 1024 MB as 1 GB, as the call's page states the limit. */
export const formatMb = (mb: number) => (mb >= 1024 && mb % 1024 === 0 ? `${mb / 1024} GB` : `${mb} MB`);
