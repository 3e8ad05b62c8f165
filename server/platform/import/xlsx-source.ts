import { ACCEPTED_FORMATS, ImportError } from './errors';
import type { RawRow, SpreadsheetSource } from './types';
import { chooseSheet, readWorkbookLayout, type SheetEntry, type WorkbookLayout } from './xlsx-layout';
import { dimensionRows, MergeFiller, scanSheet } from './xlsx-merges';
import { SheetHandler, type SheetContext } from './xlsx-sheet';
import { sharedStringsHandler, type SharedStrings } from './xlsx-strings';
import { stylesHandler } from './xlsx-styles';
import { BoundedXmlReader, corruptXml, decodeText, readXml } from './xlsx-xml';
import { entryStream, readZipDirectory, type ZipEntry } from './xlsx-zip';
import { InflateBudget } from './zip-limits';

export type XlsxLimits = {
  /** Real inflated size of the worksheet XML; about 1.5 KB per row of 20 columns. */
  maxSheetBytes: number;
  /** Real inflated size of the shared-string table, which is kept in memory while the sheet is read. */
  maxSharedStringsBytes: number;
  /** Real inflated size of everything read from the file. */
  maxTotalBytes?: number;
  /** Inflated ÷ compressed size of any one part. */
  maxRatio?: number;
};

/**
 * A 100,000-row × 20-column roster has about 150 MB of sheet XML and 25 MB of shared strings (measured
 * in xlsx-hostile.test.ts); the caps leave room for wider sheets while keeping a hostile file's memory
 * well under 512 MB.
 */
export const DEFAULT_XLSX_LIMITS: XlsxLimits = {
  maxSheetBytes: 256 * 1024 * 1024,
  maxSharedStringsBytes: 64 * 1024 * 1024,
  maxTotalBytes: 384 * 1024 * 1024,
  maxRatio: 200,
};

const MAX_STYLES_BYTES = 16 * 1024 * 1024;
/** All the text of one row; a roster row holds a few hundred characters. */
const MAX_ROW_CHARS = 2_000_000;

function wrapReadError(error: unknown): unknown {
  if (error instanceof ImportError) return error;
  return corruptXml();
}

type OpenedWorkbook = { entries: Map<string, ZipEntry>; layout: WorkbookLayout };

async function openWorkbook(filePath: string, fileSize: number): Promise<OpenedWorkbook> {
  try {
    const entries = await readZipDirectory(filePath, fileSize);
    if (!entries.has('xl/workbook.xml')) {
      throw new ImportError(`文件不是 Excel 工作簿。${ACCEPTED_FORMATS}`, 'import_format');
    }
    return { entries, layout: await readWorkbookLayout(filePath, entries) };
  } catch (error) {
    throw wrapReadError(error);
  }
}

function rowTooLong(sheetName: string, rowNumber: number): ImportError {
  return new ImportError(
    `工作表「${sheetName}」第 ${rowNumber} 行内容过多（超过 ${MAX_ROW_CHARS} 个字符），无法导入。请检查该行后重新上传`,
    'import_too_large',
  );
}

function checkRow(row: RawRow, sheetName: string) {
  let chars = 0;
  for (const cell of row.cells) {
    if (typeof cell.value === 'string') chars += cell.value.length;
    if (cell.formula) chars += cell.formula.length;
  }
  if (chars > MAX_ROW_CHARS) throw rowTooLong(sheetName, row.rowNumber);
}

async function* sheetRows(
  filePath: string,
  { entries, layout }: OpenedWorkbook,
  sheet: SheetEntry,
  limits: XlsxLimits,
  onScan: (lastRowHint: number | undefined) => void,
): AsyncGenerator<RawRow> {
  const budget = new InflateBudget({
    maxEntryBytes: limits.maxSheetBytes,
    maxTotalBytes: limits.maxTotalBytes,
    maxRatio: limits.maxRatio,
  });
  const sheetPart = entries.get(sheet.path)!;
  const stringsPart = layout.sharedStringsPath ? entries.get(layout.sharedStringsPath) : undefined;
  const stylesPart = layout.stylesPath ? entries.get(layout.stylesPath) : undefined;
  try {
    budget.checkDeclared(sheetPart);
    if (stringsPart) budget.checkDeclared(stringsPart, limits.maxSharedStringsBytes);
    const dates: boolean[] = [];
    if (stylesPart)
      await readXml(budget.inflate(filePath, stylesPart, MAX_STYLES_BYTES), stylesHandler(dates));
    const strings: SharedStrings = { texts: [], tooLong: new Set() };
    if (stringsPart) {
      const part = budget.inflate(filePath, stringsPart, limits.maxSharedStringsBytes);
      await readXml(part, sharedStringsHandler(strings));
    }
    const scan = await scanSheet(budget.inflate(filePath, sheetPart));
    onScan(scan.lastRowHint);

    const context: SheetContext = { sheetName: sheet.name, strings, dates, date1904: layout.date1904 };
    const filler = new MergeFiller(scan.merges);
    const handler = new SheetHandler(context);
    const reader = new BoundedXmlReader(handler);
    // The scan has measured this part's real size; the second pass reads the same bytes.
    const stream = await entryStream(filePath, sheetPart);
    try {
      for await (const text of decodeText(stream)) {
        reader.write(text);
        for (const row of handler.rows) {
          checkRow(row, sheet.name);
          yield filler.apply(row);
        }
        handler.rows.length = 0;
      }
      reader.close();
      for (const row of handler.rows) {
        checkRow(row, sheet.name);
        yield filler.apply(row);
      }
    } finally {
      stream.destroy();
    }
  } catch (error) {
    throw wrapReadError(error);
  }
}

/**
 * Reads one worksheet of an .xlsx row by row, merged ranges filled: the one at `sheet` (an index from
 * listXlsxSheets), or the first visible one. Text is decoded as a stream, so no character is ever cut
 * between two chunks, and every part's real inflated size is capped before its rows are parsed.
 */
export async function openXlsx(
  filePath: string,
  fileSize: number,
  limits: XlsxLimits = DEFAULT_XLSX_LIMITS,
  sheetIndex?: number,
): Promise<SpreadsheetSource> {
  const workbook = await openWorkbook(filePath, fileSize);
  const sheet = chooseSheet(workbook.layout, sheetIndex);
  const { entries, layout } = workbook;
  const stringsPart = layout.sharedStringsPath ? entries.get(layout.sharedStringsPath) : undefined;
  // What the directory declares is checked at once; the real sizes while reading.
  const budget = new InflateBudget({ maxEntryBytes: limits.maxSheetBytes, maxRatio: limits.maxRatio });
  budget.checkDeclared(entries.get(sheet.path)!);
  if (stringsPart) budget.checkDeclared(stringsPart, limits.maxSharedStringsBytes);
  let lastRowHint: number | undefined;
  return {
    format: 'xlsx',
    sheetName: sheet.name,
    date1904: workbook.layout.date1904,
    fileSize,
    get lastRowHint() {
      return lastRowHint;
    },
    [Symbol.asyncIterator]: () =>
      sheetRows(filePath, workbook, sheet, limits, (hint) => {
        lastRowHint = hint;
      }),
  };
}

export type SheetSummary = {
  /** Pass as `openSpreadsheet(…, { sheet: index })`. */
  index: number;
  name: string;
  /** Approximate: the last row number the sheet declares, or a count of its rows when it declares none. */
  rowCount: number;
};

const HEAD_BYTES = 64 * 1024;

async function approximateRows(filePath: string, part: ZipEntry, budget: InflateBudget): Promise<number> {
  let head = Buffer.alloc(0);
  let rows = 0;
  const row = Buffer.from('<row');
  const prefixedRow = Buffer.from(':row ');
  for await (const chunk of budget.inflate(filePath, part)) {
    if (head.length < HEAD_BYTES) {
      head = Buffer.concat([head, chunk]);
      if (head.length >= HEAD_BYTES) {
        const declared = dimensionRows(head);
        if (declared !== undefined) return declared;
      }
    }
    // Tags are never split this way often enough to matter for an estimate.
    for (const tag of [row, prefixedRow]) {
      for (let at = chunk.indexOf(tag); at >= 0; at = chunk.indexOf(tag, at + tag.length)) rows += 1;
    }
  }
  return dimensionRows(head) ?? rows;
}

/** The visible worksheets of an .xlsx, in tab order, with a cheap estimate of their rows. */
export async function listXlsxSheets(filePath: string, fileSize: number, limits = DEFAULT_XLSX_LIMITS) {
  const { entries, layout } = await openWorkbook(filePath, fileSize);
  const budget = new InflateBudget({
    maxEntryBytes: limits.maxSheetBytes,
    maxTotalBytes: limits.maxTotalBytes,
    maxRatio: limits.maxRatio,
  });
  const result: SheetSummary[] = [];
  try {
    for (const sheet of layout.sheets.filter((s) => !s.hidden)) {
      const rowCount = await approximateRows(filePath, entries.get(sheet.path)!, budget);
      result.push({ index: sheet.index, name: sheet.name, rowCount });
    }
  } catch (error) {
    throw wrapReadError(error);
  }
  return result;
}
