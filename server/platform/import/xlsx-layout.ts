import { ImportError } from './errors';
import { entryText, type ZipEntry } from './xlsx-zip';

// What has to be known before a sheet's rows are read: the workbook's sheets and where its parts are.

export type SheetEntry = {
  /** Position in the workbook's tab order, 0-based, hidden sheets counted. */
  index: number;
  name: string;
  hidden: boolean;
  path: string;
};

export type WorkbookLayout = {
  /** The worksheets (chart sheets and dangling references left out), in tab order. */
  sheets: SheetEntry[];
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

/** The workbook's worksheets and shared parts, from workbook.xml and its relationships. */
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
    .map((attrs, index) => ({
      index,
      name: attrs.name ?? '',
      hidden: attrs.state === 'hidden' || attrs.state === 'veryHidden',
      path: worksheetTargets.get(relationshipId(attrs) ?? '') ?? '',
    }))
    .filter((s) => s.path !== '');
  if (sheets.length === 0) throw noSheet();
  const pr = /<(?:[\w.-]+:)?workbookPr\b[^>]*>/.exec(bookXml);
  const date1904 = pr ? /^(1|true)$/i.test(attributes(pr[0]).date1904 ?? '') : false;
  return { sheets, stylesPath, sharedStringsPath, date1904 };
}

/**
 * The sheet asked for by its index, or by default the first visible one (hidden sheets hold dropdown
 * lists; chart sheets hold no rows). A hidden or missing sheet is refused.
 */
export function chooseSheet(layout: WorkbookLayout, index?: number): SheetEntry {
  if (index === undefined) return layout.sheets.find((s) => !s.hidden) ?? layout.sheets[0];
  const sheet = layout.sheets.find((s) => s.index === index && !s.hidden);
  if (!sheet) {
    throw new ImportError('所选的工作表不存在或已隐藏，请重新选择要导入的工作表', 'import_format');
  }
  return sheet;
}
