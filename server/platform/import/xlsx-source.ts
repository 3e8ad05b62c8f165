import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import ExcelJS from 'exceljs';
import { ACCEPTED_FORMATS, ImportError } from './errors';
import { EMPTY_CELL, type RawCell, type RawRow, type SpreadsheetSource } from './types';
import { readWorkbookLayout, scanSheet, type MergeRange, type WorkbookLayout } from './xlsx-layout';
import { fitsWithin, localHeader, readZipDirectory, storedBytes, type ZipEntry } from './xlsx-zip';

export type XlsxLimits = {
  /** Uncompressed size of the worksheet XML; about 1.5 KB per row of 20 columns. */
  maxSheetBytes: number;
  /** Uncompressed size of the shared-string table, which the reader keeps in memory. */
  maxSharedStringsBytes: number;
};

export const DEFAULT_XLSX_LIMITS: XlsxLimits = {
  maxSheetBytes: 1024 * 1024 * 1024,
  maxSharedStringsBytes: 256 * 1024 * 1024,
};

const MAX_STYLES_BYTES = 32 * 1024 * 1024;

const EMPTY_SST = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>',
);

const tooLarge = () =>
  new ImportError('工作表数据量过大，超出一次导入的上限。请拆分为多个文件后分别导入', 'import_too_large');

/**
 * The parts ExcelJS's streaming reader needs, re-packed in the order that lets it parse rows as they
 * arrive: relationships, workbook, styles (so date cells are known as dates), shared strings, then the one
 * worksheet we read, under the name the reader expects. Excel itself stores the sheets before the shared
 * strings, which makes the reader copy every sheet to a temporary file first (left behind when reading
 * stops early); re-packing avoids that and never touches the other sheets. Compressed bytes are copied
 * as they are.
 */
async function* repack(filePath: string, entries: Map<string, ZipEntry>, layout: WorkbookLayout) {
  const parts: [string, string | undefined][] = [
    ['xl/_rels/workbook.xml.rels', 'xl/_rels/workbook.xml.rels'],
    ['xl/workbook.xml', 'xl/workbook.xml'],
    ['xl/styles.xml', layout.stylesPath],
    ['xl/sharedStrings.xml', layout.sharedStringsPath],
    ['xl/worksheets/sheet1.xml', layout.sheetPath],
  ];
  for (const [name, path] of parts) {
    const entry = path ? entries.get(path) : undefined;
    if (entry) {
      yield localHeader(name, entry);
      yield* await storedBytes(filePath, entry);
    } else if (name === 'xl/sharedStrings.xml') {
      // Without a shared-string table the reader would also spool the sheet to a temporary file.
      const stored = {
        method: 0,
        crc32: crc32(EMPTY_SST),
        compressedSize: EMPTY_SST.length,
        size: EMPTY_SST.length,
      };
      yield localHeader(name, { ...stored, name, flags: 0, localOffset: 0 });
      yield EMPTY_SST;
    }
  }
  // An end-of-directory record, so that the reader sees a finished archive rather than a cut-off one.
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  yield end;
}

// Excel's built-in Chinese date and time formats (numFmtId 27–36, 50–58) are stored by number only;
// ExcelJS knows no format code for them, so such cells would come back as bare serial numbers.
const CHINESE_DATE_FORMAT_IDS = new Set([
  27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);

type StyleInternals = {
  model?: { styles?: { numFmtId?: number }[] };
  index?: { numFmt?: Record<number, string> };
  getStyleModel?: (id: number) => { numFmt?: string } | null;
};

function recogniseChineseDateFormats(reader: unknown) {
  const styles = (reader as { styles?: StyleInternals }).styles;
  const list = styles?.model?.styles;
  if (!styles?.getStyleModel || !Array.isArray(list)) return;
  list.forEach((style, id) => {
    const fmtId = style?.numFmtId;
    if (fmtId === undefined || !CHINESE_DATE_FORMAT_IDS.has(fmtId) || styles.index?.numFmt?.[fmtId]) return;
    const model = styles.getStyleModel?.(id);
    if (model && !model.numFmt) model.numFmt = 'yyyy-mm-dd';
  });
}

function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  return /[ymdhs]/i.test(format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

function excelSerialAsDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

type FormulaValue = { formula?: string; sharedFormula?: string; result?: unknown };

function toRawCell(cell: ExcelJS.Cell, date1904: boolean): RawCell {
  const value = cell.value as unknown;
  if (value === null || value === undefined) return EMPTY_CELL;
  if (typeof value === 'string') return { value, numeric: false };
  if (typeof value === 'number') return { value, numeric: true };
  if (typeof value === 'boolean') return { value, numeric: false };
  if (value instanceof Date) return { value, numeric: true };
  const object = value as Record<string, unknown>;
  if (Array.isArray(object.richText)) {
    return {
      value: object.richText.map((run: { text?: string }) => run.text ?? '').join(''),
      numeric: false,
    };
  }
  if (typeof object.error === 'string') return { value: null, numeric: false, error: object.error };
  if ('formula' in object || 'sharedFormula' in object) {
    const { formula, result } = object as FormulaValue;
    const text = `=${formula ?? ''}`;
    if (typeof result === 'number') {
      if (Number.isNaN(result)) return { value: null, numeric: false, formula: text, error: '公式错误' };
      if (isDateFormat(cell.numFmt))
        return { value: excelSerialAsDate(result, date1904), numeric: true, formula: text };
      return { value: result, numeric: true, formula: text };
    }
    if (typeof result === 'string' || typeof result === 'boolean')
      return { value: result, numeric: false, formula: text };
    return { value: null, numeric: false, formula: text };
  }
  if (typeof object.text === 'string') return { value: object.text, numeric: false };
  return EMPTY_CELL;
}

/**
 * Copies each merged range's top-left value into the other cells of the range, marking them with
 * `mergedFrom`, as Excel shows them. Ranges arrive sorted by top row; rows arrive in order.
 */
class MergeFiller {
  private next = 0;
  private active: { range: MergeRange; origin: RawCell }[] = [];

  constructor(private readonly merges: MergeRange[]) {}

  apply(row: RawRow): RawRow {
    const r = row.rowNumber;
    this.active = this.active.filter((a) => a.range.bottom >= r);
    while (this.next < this.merges.length && this.merges[this.next].top <= r) {
      const range = this.merges[this.next++];
      if (range.bottom < r) continue;
      const origin = range.top === r ? (row.cells[range.left] ?? EMPTY_CELL) : EMPTY_CELL;
      this.active.push({ range, origin });
    }
    for (const { range, origin } of this.active) {
      const mergedFrom = { rowNumber: range.top, column: range.left };
      for (let c = range.left; c <= range.right; c += 1) {
        if (r === range.top && c === range.left) continue;
        row.cells[c] = origin.value === null && !origin.error ? EMPTY_CELL : { ...origin, mergedFrom };
      }
    }
    for (let c = 0; c < row.cells.length; c += 1) row.cells[c] ??= EMPTY_CELL;
    return row;
  }
}

function wrapReadError(error: unknown): unknown {
  if (error instanceof ImportError) return error;
  return new ImportError(
    'Excel 文件内容有误，无法读取。请在 Excel 或 WPS 中打开后重新保存再上传',
    'import_corrupt',
  );
}

async function* sheetRows(
  filePath: string,
  entries: Map<string, ZipEntry>,
  layout: WorkbookLayout,
  limits: XlsxLimits,
  onScan: (lastRowHint: number | undefined) => void,
): AsyncGenerator<RawRow> {
  const sheet = entries.get(layout.sheetPath)!;
  const strings = layout.sharedStringsPath ? entries.get(layout.sharedStringsPath) : undefined;
  const styles = layout.stylesPath ? entries.get(layout.stylesPath) : undefined;
  let input: Readable | undefined;
  try {
    // ExcelJS keeps the shared strings and styles in memory: their real size is checked first.
    if (strings && !(await fitsWithin(filePath, strings, limits.maxSharedStringsBytes))) throw tooLarge();
    if (styles && !(await fitsWithin(filePath, styles, MAX_STYLES_BYTES))) throw tooLarge();
    const scan = await scanSheet(filePath, sheet, limits.maxSheetBytes);
    onScan(scan.lastRowHint);
    const filler = new MergeFiller(scan.merges);
    input = Readable.from(repack(filePath, entries, layout));
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
      worksheets: 'emit',
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'cache',
      entries: 'ignore',
    });
    for await (const worksheet of reader) {
      recogniseChineseDateFormats(reader);
      for await (const row of worksheet) {
        const cells: RawCell[] = [];
        row.eachCell({ includeEmpty: false }, (cell, column) => {
          cells[column - 1] = toRawCell(cell, layout.date1904);
        });
        while (cells.length > 0 && cells[cells.length - 1] === EMPTY_CELL) cells.pop();
        yield filler.apply({ rowNumber: row.number, cells });
      }
    }
  } catch (error) {
    throw wrapReadError(error);
  } finally {
    input?.destroy();
  }
}

/** Reads the first visible worksheet of an .xlsx row by row, merged ranges filled. */
export async function openXlsx(
  filePath: string,
  fileSize: number,
  limits: XlsxLimits = DEFAULT_XLSX_LIMITS,
): Promise<SpreadsheetSource> {
  let entries: Map<string, ZipEntry>;
  let layout: WorkbookLayout;
  try {
    entries = await readZipDirectory(filePath, fileSize);
    if (!entries.has('xl/workbook.xml')) {
      throw new ImportError(`文件不是 Excel 工作簿。${ACCEPTED_FORMATS}`, 'import_format');
    }
    layout = await readWorkbookLayout(filePath, entries);
  } catch (error) {
    throw wrapReadError(error);
  }
  const sheet = entries.get(layout.sheetPath)!;
  const strings = layout.sharedStringsPath ? entries.get(layout.sharedStringsPath) : undefined;
  if (sheet.size > limits.maxSheetBytes || (strings?.size ?? 0) > limits.maxSharedStringsBytes) {
    throw tooLarge();
  }
  let lastRowHint: number | undefined;
  return {
    format: 'xlsx',
    sheetName: layout.sheetName,
    date1904: layout.date1904,
    fileSize,
    get lastRowHint() {
      return lastRowHint;
    },
    [Symbol.asyncIterator]: () =>
      sheetRows(filePath, entries, layout, limits, (hint) => {
        lastRowHint = hint;
      }),
  };
}
