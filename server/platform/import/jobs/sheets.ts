/**
 * Rows of several worksheets share one job. A staged row's key is the sheet's place among the
 * workbook's visible sheets times a stride, plus the row number Excel shows: the first sheet's keys
 * are its row numbers, file order is key order, and a module's analyser needs to know nothing about
 * sheets. Messages are stored with `第 <key> 行` and named when shown, once it is known how many
 * sheets were read.
 */

/** Above the 1,048,576 rows a worksheet can hold; leaves room for 1,000 sheets in an int. */
export const SHEET_STRIDE = 2_097_152;

export const rowKey = (ordinal: number, rowNumber: number) => ordinal * SHEET_STRIDE + rowNumber;
export const ordinalOf = (key: number) => Math.floor(key / SHEET_STRIDE);
export const rowNumberOf = (key: number) => key % SHEET_STRIDE;

/** A worksheet of the uploaded workbook as the job's preview describes it. */
export type JobSheet = {
  /** Its place among the visible sheets, 0 first (the tab order the cadre sees). */
  ordinal: number;
  /** The workbook's own index, for reading it again. */
  index: number;
  name: string;
  /** Approximate rows, from the sheet's declared size. */
  approxRows: number;
  read: boolean;
  /** Why it was not read (no header, a required column missing), in Chinese. */
  note?: string;
  /** Data rows staged from it, and how many of those are errors. */
  dataRows?: number;
  errors?: number;
  /** Left out when the import was confirmed (the cadre chose other sheets). */
  excluded?: boolean;
  /** The header as written, per column, for the error report. */
  headers?: string[];
};

/** '第2个工作表“东湖区”' */
export const sheetLabel = (sheet: Pick<JobSheet, 'ordinal' | 'name'>) =>
  `第${sheet.ordinal + 1}个工作表“${sheet.name}”`;

/**
 * Names rows for messages: '第 5 行' when one sheet is read, '第2个工作表“东湖区”第 5 行' when
 * several are. `rewrite` turns every `第 <key> 行` a message holds (an analyser's, the in-file repeat's
 * reference to an earlier row) into that form.
 */
export class RowNamer {
  private readonly names: Map<number, string>;
  readonly multiSheet: boolean;

  constructor(sheets: Pick<JobSheet, 'ordinal' | 'name' | 'read'>[] = []) {
    const read = sheets.filter((s) => s.read);
    this.multiSheet = read.length > 1;
    this.names = new Map(read.map((s) => [s.ordinal, sheetLabel(s)]));
  }

  name(key: number): string {
    const row = `第 ${rowNumberOf(key)} 行`;
    return this.multiSheet || key >= SHEET_STRIDE ? `${this.names.get(ordinalOf(key)) ?? ''}${row}` : row;
  }

  sheetName(key: number): string | null {
    return this.multiSheet ? (this.names.get(ordinalOf(key)) ?? null) : null;
  }

  rewrite(message: string): string {
    return message.replace(/第 (\d+) 行/g, (whole, n: string) => {
      const key = Number(n);
      return this.multiSheet || key >= SHEET_STRIDE ? this.name(key) : whole;
    });
  }
}
