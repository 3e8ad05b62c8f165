import { PassThrough } from 'node:stream';
import { isFormulaLike } from '../../../common/validators/text';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { sendDownload } from '../http/download';

export type XlsxColumn = { header: string; key: string; width?: number };
export type XlsxValue = string | number | boolean | Date | null | undefined;
export type XlsxRow = Record<string, XlsxValue>;

export type XlsxSheet = {
  sheetName: string;
  /** A bold line above the table, merged across all columns. */
  title?: string;
  /** Lines under the title: export time, who exported, the filter used. */
  subtitleRows?: string[];
  columns: XlsxColumn[];
  rows: Iterable<XlsxRow>;
};

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Text that would start a formula gets a leading apostrophe, so it is shown, never evaluated. */
export function escapeCellText(value: string): string {
  return isFormulaLike(value) ? `'${value}` : value;
}

// Excel has no time zones: a date is shown as the wall-clock time it encodes. Our users read
// Beijing time (no daylight saving), so dates are shifted before they are written.
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** 'YYYY-MM-DD HH:mm:ss' in Beijing time, for subtitles and file names. */
export function beijingTime(date: Date = new Date()): string {
  return new Date(date.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

function cellValue(value: XlsxValue): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return escapeCellText(value);
  if (value instanceof Date) return new Date(value.getTime() + SHANGHAI_OFFSET_MS);
  return value;
}

/** Excel refuses sheet names over 31 characters or containing : \ / ? * [ ]. */
function safeSheetName(name: string): string {
  const cleaned = name.replace(/[:\\/?*[\]]/g, '_').slice(0, 31);
  return cleaned || 'Sheet1';
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
const THIN: ExcelJS.Border = { style: 'thin', color: { argb: 'FFBFBFBF' } };
const HEADER_BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/**
 * The platform's one way to produce an .xlsx: streamed row by row (an export of 100 000 rows stays
 * small in memory), header bold on a fill and frozen, every text cell formula-escaped.
 */
export async function writeXlsx(sheet: XlsxSheet): Promise<Buffer> {
  return writeXlsxBook([sheet]);
}

/**
 * A streaming workbook writer (styles, no shared strings) and `finish()`, which commits it and returns
 * the file: for writers that lay out their own sheets, such as the import's error report.
 */
export function streamingWorkbook() {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    sink.on('error', reject);
  });
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: sink,
    useStyles: true,
    useSharedStrings: false,
  });
  const finish = async (): Promise<Buffer> => {
    await book.commit();
    await finished;
    return Buffer.concat(chunks);
  };
  return { book, finish };
}

/** Several sheets in one workbook (a consolidated report: 报送情况, 指标, 花名册), each laid out as writeXlsx's. */
export async function writeXlsxBook(sheets: XlsxSheet[]): Promise<Buffer> {
  const { book, finish } = streamingWorkbook();
  for (const sheet of sheets) addSheet(book, sheet);
  return finish();
}

function addSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, sheet: XlsxSheet) {
  const lastCol = Math.max(sheet.columns.length, 1);
  const preamble = (sheet.title ? 1 : 0) + (sheet.subtitleRows?.length ?? 0);
  const headerRowNumber = preamble + 1;
  const ws = workbook.addWorksheet(safeSheetName(sheet.sheetName), {
    views: [{ state: 'frozen', ySplit: headerRowNumber, xSplit: 0 }],
  });
  ws.columns = sheet.columns.map((c) => ({ key: c.key, width: c.width ?? 16 }));

  let rowNumber = 0;
  const addLine = (text: string, font: Partial<ExcelJS.Font>) => {
    rowNumber += 1;
    const row = ws.getRow(rowNumber);
    row.getCell(1).value = escapeCellText(text);
    row.getCell(1).font = font;
    if (lastCol > 1) ws.mergeCells(rowNumber, 1, rowNumber, lastCol);
    row.commit();
  };
  if (sheet.title) addLine(sheet.title, { bold: true, size: 14 });
  for (const line of sheet.subtitleRows ?? []) addLine(line, { size: 10, color: { argb: 'FF595959' } });

  rowNumber += 1;
  const header = ws.getRow(rowNumber);
  sheet.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = escapeCellText(c.header);
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = HEADER_BORDER;
    cell.alignment = { vertical: 'middle' };
  });
  header.commit();

  for (const data of sheet.rows) {
    rowNumber += 1;
    const row = ws.getRow(rowNumber);
    sheet.columns.forEach((c, i) => {
      const value = data[c.key];
      const cell = row.getCell(i + 1);
      cell.value = cellValue(value);
      if (value instanceof Date) cell.numFmt = 'yyyy-mm-dd hh:mm:ss';
    });
    row.commit();
  }
  ws.commit();
}

/** Sends an .xlsx as a download; the Chinese file name survives in every current browser. */
export function sendXlsx(reply: FastifyReply, filename: string, buffer: Buffer) {
  const name = filename.toLowerCase().endsWith('.xlsx') ? filename : `${filename}.xlsx`;
  return sendDownload(reply, { filename: name, mime: XLSX_MIME, body: buffer, size: buffer.length });
}
