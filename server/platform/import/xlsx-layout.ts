import { ImportError } from './errors';
import { entryStream, entryText, type ZipEntry } from './xlsx-zip';

// What the streaming reader cannot tell us in time: which part is the first visible worksheet, and the
// sheet's merged ranges, which the file lists after all its rows.

export type MergeRange = { top: number; left: number; bottom: number; right: number };

export type WorkbookLayout = {
  sheetName: string;
  sheetPath: string;
  stylesPath?: string;
  sharedStringsPath?: string;
  date1904: boolean;
};

const ENTITY = /&(?:#x([0-9a-f]+)|#(\d+)|(amp|lt|gt|quot|apos));/gi;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeXml(text: string): string {
  return text.replace(ENTITY, (_, hex: string, dec: string, name: string) => {
    if (name) return NAMED[name.toLowerCase()];
    return String.fromCodePoint(hex ? parseInt(hex, 16) : Number(dec));
  });
}

function attributes(tag: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const match of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    result[match[1]] = decodeXml(match[2] ?? match[3]);
  }
  return result;
}

function relationshipId(attrs: Record<string, string>): string | undefined {
  const key = Object.keys(attrs).find((k) => k === 'id' || k.endsWith(':id'));
  return key ? attrs[key] : undefined;
}

function resolveTarget(target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = ['xl'];
  for (const part of target.split('/')) {
    if (part === '..') parts.pop();
    else if (part && part !== '.') parts.push(part);
  }
  return parts.join('/');
}

const noSheet = () =>
  new ImportError('工作簿中没有可读取的工作表。请确认上传的是填好数据的 Excel 文件', 'import_corrupt');

/** The first visible worksheet (hidden ones hold dropdown lists; chart sheets hold no rows). */
export async function readWorkbookLayout(
  filePath: string,
  entries: Map<string, ZipEntry>,
): Promise<WorkbookLayout> {
  const book = entries.get('xl/workbook.xml');
  const rels = entries.get('xl/_rels/workbook.xml.rels');
  if (!book || !rels) throw noSheet();
  const bookXml = await entryText(filePath, book);
  const relsXml = await entryText(filePath, rels);

  const worksheetTargets = new Map<string, string>();
  let stylesPath: string | undefined;
  let sharedStringsPath: string | undefined;
  for (const match of relsXml.matchAll(/<(?:[\w.-]+:)?Relationship\b[^>]*>/g)) {
    const attrs = attributes(match[0]);
    if (!attrs.Id || !attrs.Target) continue;
    const type = /\/(\w+)$/.exec(attrs.Type ?? '')?.[1];
    const path = resolveTarget(attrs.Target);
    if (!entries.has(path)) continue;
    if (type === 'worksheet') worksheetTargets.set(attrs.Id, path);
    else if (type === 'styles') stylesPath = path;
    else if (type === 'sharedStrings') sharedStringsPath = path;
  }
  const sheets = [...bookXml.matchAll(/<(?:[\w.-]+:)?sheet\b[^>]*>/g)]
    .map((m) => attributes(m[0]))
    .map((attrs) => ({
      name: attrs.name ?? '',
      hidden: attrs.state === 'hidden' || attrs.state === 'veryHidden',
      path: worksheetTargets.get(relationshipId(attrs) ?? ''),
    }))
    .filter((s): s is { name: string; hidden: boolean; path: string } => !!s.path);
  const sheet = sheets.find((s) => !s.hidden) ?? sheets[0];
  if (!sheet) throw noSheet();
  const pr = /<(?:[\w.-]+:)?workbookPr\b[^>]*>/.exec(bookXml);
  const date1904 = pr ? /^(1|true)$/i.test(attributes(pr[0]).date1904 ?? '') : false;
  return { sheetName: sheet.name, sheetPath: sheet.path, stylesPath, sharedStringsPath, date1904 };
}

const CELL_REF = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/i;
/** Merged ranges wider than this are clipped: no import table has more columns. */
const MAX_COLUMNS = 1024;

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function parseRange(ref: string): MergeRange | undefined {
  const [from, to = from] = ref.split(':');
  const a = CELL_REF.exec(from);
  const b = CELL_REF.exec(to);
  if (!a || !b) return undefined;
  const left = columnIndex(a[1]);
  const right = Math.min(columnIndex(b[1]), left + MAX_COLUMNS);
  const top = Number(a[2]);
  const bottom = Number(b[2]);
  if (right < left || bottom < top || (right === left && bottom === top)) return undefined;
  return { top, left, bottom, right };
}

const MERGE_CELL = /<(?:[\w.-]+:)?mergeCell\b[^>]*?\bref\s*=\s*["']([^"']+)["']/g;
const DIMENSION = /<(?:[\w.-]+:)?dimension\b[^>]*?\bref\s*=\s*["']([^"']+)["']/;
const CARRY = 512;

/**
 * One pass over the sheet's XML, decompressed but not parsed, collecting `<mergeCell ref="…">` and the
 * declared `<dimension>` (a hint of the row count for progress bars). Refuses a sheet inflating past
 * `maxBytes` (a ZIP bomb, or far beyond Excel's own limits).
 */
export async function scanSheet(
  filePath: string,
  entry: ZipEntry,
  maxBytes: number,
): Promise<{ merges: MergeRange[]; lastRowHint?: number }> {
  const merges: MergeRange[] = [];
  let lastRowHint: number | undefined;
  let carry = '';
  let total = 0;
  for await (const chunk of await entryStream(filePath, entry)) {
    total += (chunk as Buffer).length;
    if (total > maxBytes) {
      throw new ImportError(
        '工作表数据量过大，超出一次导入的上限。请拆分为多个文件后分别导入',
        'import_too_large',
      );
    }
    const text = carry + (chunk as Buffer).toString('latin1');
    if (lastRowHint === undefined && total <= 1024 * 1024) {
      const dimension = DIMENSION.exec(text);
      if (dimension) lastRowHint = Number(/(\d+)$/.exec(dimension[1])?.[1]) || undefined;
    }
    let consumed = 0;
    for (const match of text.matchAll(MERGE_CELL)) {
      const range = parseRange(match[1]);
      if (range) merges.push(range);
      consumed = match.index + match[0].length;
    }
    carry = text.slice(Math.max(consumed, text.length - CARRY));
  }
  merges.sort((a, b) => a.top - b.top || a.left - b.left);
  return { merges, lastRowHint };
}
