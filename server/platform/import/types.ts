/** A cell's value as the spreadsheet holds it, before any field's rules are applied. */
export type RawValue = string | number | boolean | Date | null;

export type RawCell = {
  /**
   * Text as typed (not trimmed); a number; a boolean; a Date for date-formatted cells, carrying the
   * wall-clock date and time in its UTC fields (read them with getUTC…); null when empty.
   */
  value: RawValue;
  /** The file stored a number (dates included). An 18-digit ID number stored so has lost its last digits. */
  numeric: boolean;
  /**
   * The formula text with its leading '=' ('=1+1'); `value` is then the result Excel cached, never one
   * we computed. '=' alone for cells that share a formula written elsewhere in the sheet.
   */
  formula?: string;
  /** An Excel error value such as '#N/A' or '#REF!' (`value` is null). */
  error?: string;
  /** Copied from the top-left cell of a merged range: its 1-based row number and 0-based column index. */
  mergedFrom?: { rowNumber: number; column: number };
};

export type RawRow = {
  /** 1-based, the row number Excel or WPS shows. */
  rowNumber: number;
  /** Column A is index 0. Trailing empty cells are left off; gaps hold EMPTY_CELL. */
  cells: RawCell[];
};

export type SpreadsheetFormat = 'xlsx' | 'csv';
export type CsvEncoding = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

export type SpreadsheetSource = AsyncIterable<RawRow> & {
  readonly format: SpreadsheetFormat;
  /** The worksheet read (the one chosen, or the first visible one); for CSV, undefined. */
  readonly sheetName?: string;
  /** CSV: known once the first non-ASCII byte has been read (after iteration it is final). */
  readonly encoding?: CsvEncoding;
  /** xlsx: the workbook counts dates from 1904 (old Mac Excel); pass it to excelSerialToDate. */
  readonly date1904: boolean;
  /** xlsx: the last row number the sheet declares, once reading has begun; for a progress bar only. */
  readonly lastRowHint?: number;
  /** The file's size in bytes; with `bytesRead` (CSV), a measure of progress. */
  readonly fileSize: number;
  readonly bytesRead?: number;
};

export type ColumnDef<K extends string = string> = {
  key: K;
  /** The name in our template and in messages when the file's own header text is not known. */
  label: string;
  /** Other header texts meaning this column; the label is always accepted too. */
  synonyms: string[];
  required?: boolean;
};

export const EMPTY_CELL: RawCell = Object.freeze({ value: null, numeric: false }) as RawCell;

export function isEmptyCell(cell: RawCell | undefined): boolean {
  if (!cell) return true;
  if (cell.error) return false;
  const { value } = cell;
  return value === null || (typeof value === 'string' && value.trim() === '');
}

/** A cell as text for header matching and messages: numbers plainly, dates as YYYY-MM-DD. */
export function cellText(cell: RawCell | undefined): string {
  if (!cell || cell.value === null) return cell?.error ?? '';
  const { value } = cell;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  return String(value);
}
