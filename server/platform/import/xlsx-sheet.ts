import { ImportError } from './errors';
import { EMPTY_CELL, type RawCell, type RawRow } from './types';
import type { SharedStrings } from './xlsx-strings';
import { corruptXml, MAX_CELL_CHARS, unescapeCellText, type XmlHandler } from './xlsx-xml';

/** Excel's grid: columns A–XFD, rows 1–1,048,576. */
const MAX_COLUMNS = 16_384;
const MAX_ROWS = 1_048_576;

export type SheetContext = {
  sheetName: string;
  strings: SharedStrings;
  /** `dates[s]`: style s shows numbers as dates. */
  dates: boolean[];
  date1904: boolean;
};

export function columnLetters(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

/** The 0-based column of a reference such as 'AB12' (row digits ignored); -1 when it has no letters. */
function columnOf(ref: string): number {
  let n = 0;
  let i = 0;
  for (; i < ref.length; i += 1) {
    const code = ref.charCodeAt(i) & ~0x20; // upper case
    if (code < 65 || code > 90) break;
    n = n * 26 + (code - 64);
  }
  return i === 0 ? -1 : n - 1;
}

export function excelSerialAsDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

/** A `t="d"` cell holds an ISO 8601 date; without a zone it is wall-clock time, kept in the UTC fields. */
function isoDate(text: string): Date {
  const zoned = /(?:Z|[+-]\d\d:?\d\d)$/i.test(text);
  return new Date(zoned || !text.includes('T') ? text : `${text}Z`);
}

type CellState = {
  column: number;
  type: string;
  style: number;
  value: string;
  formula?: string;
  inlineText: string;
};

/**
 * Rows from a worksheet's XML, in the SpreadsheetSource's RawRow form. Rows are collected in `rows` as
 * they close; the caller takes them after each piece of text it feeds.
 */
export class SheetHandler implements XmlHandler {
  readonly rows: RawRow[] = [];
  private rowNumber = 0;
  private cells: RawCell[] = [];
  private nextColumn = 0;
  private cell?: CellState;
  private capture?: 'v' | 'f' | 't';
  private inInline = false;
  private inPhonetic = false;
  private inSheetData = false;

  constructor(private readonly context: SheetContext) {}

  private tooLong(column = this.cell?.column ?? this.nextColumn): ImportError {
    return new ImportError(
      `工作表「${this.context.sheetName}」第 ${this.rowNumber} 行 ${columnLetters(column)} 列：` +
        `单元格内容超过 ${MAX_CELL_CHARS} 个字符（Excel 单元格的上限），无法导入。请检查该单元格后重新上传`,
      'import_too_large',
    );
  }

  open(name: string, attributes: Record<string, string>) {
    if (name === 'c' && this.inSheetData) {
      const column = attributes.r ? columnOf(attributes.r) : this.nextColumn;
      if (column < 0 || column >= MAX_COLUMNS) throw corruptXml();
      this.cell = {
        column,
        type: attributes.t ?? 'n',
        style: attributes.s ? Number(attributes.s) : 0,
        value: '',
        inlineText: '',
      };
    } else if (name === 'row' && this.inSheetData) {
      const declared = attributes.r ? Number(attributes.r) : this.rowNumber + 1;
      if (!Number.isInteger(declared) || declared < 1 || declared > MAX_ROWS) throw corruptXml();
      this.rowNumber = declared;
      this.cells = [];
      this.nextColumn = 0;
    } else if (this.cell) {
      if (name === 'v') this.capture = 'v';
      else if (name === 'f') {
        this.capture = 'f';
        this.cell.formula = '=';
      } else if (name === 'is') this.inInline = true;
      else if (name === 'rPh') this.inPhonetic = true;
      else if (name === 't' && this.inInline && !this.inPhonetic) this.capture = 't';
    } else if (name === 'sheetData') this.inSheetData = true;
  }

  close(name: string) {
    if (name === 'v' || name === 'f' || name === 't') this.capture = undefined;
    else if (name === 'c' && this.cell) {
      const value = this.toRawCell(this.cell);
      if (value !== EMPTY_CELL) this.cells[this.cell.column] = value;
      this.nextColumn = this.cell.column + 1;
      this.cell = undefined;
      this.inInline = false;
    } else if (name === 'row' && this.inSheetData) {
      const cells = this.cells;
      for (let c = 0; c < cells.length; c += 1) cells[c] ??= EMPTY_CELL;
      this.rows.push({ rowNumber: this.rowNumber, cells });
      this.cells = [];
    } else if (name === 'is') this.inInline = false;
    else if (name === 'rPh') this.inPhonetic = false;
    else if (name === 'sheetData') this.inSheetData = false;
  }

  text(text: string) {
    const cell = this.cell;
    if (!cell || !this.capture) return;
    if (this.capture === 'v') cell.value += text;
    else if (this.capture === 'f') cell.formula += text;
    else cell.inlineText += text;
    if (cell.value.length + (cell.formula?.length ?? 0) + cell.inlineText.length > MAX_CELL_CHARS + 1) {
      throw this.tooLong();
    }
  }

  overflow(): boolean {
    throw this.cell ? this.tooLong() : corruptXml();
  }

  private toRawCell(cell: CellState): RawCell {
    const { value, formula } = cell;
    switch (cell.type) {
      case 's': {
        if (value === '') return EMPTY_CELL;
        const index = Number(value);
        const { texts, tooLong } = this.context.strings;
        if (!Number.isInteger(index) || index < 0 || index >= texts.length) throw corruptXml();
        if (tooLong.has(index)) throw this.tooLong(cell.column);
        return texts[index] === '' ? EMPTY_CELL : { value: texts[index], numeric: false };
      }
      case 'inlineStr':
        if (cell.inlineText === '' && !formula) return EMPTY_CELL;
        return withFormula({ value: unescapeCellText(cell.inlineText), numeric: false }, formula);
      case 'str':
        return withFormula({ value, numeric: false }, formula);
      case 'b':
        if (value === '') return formula ? { value: null, numeric: false, formula } : EMPTY_CELL;
        return withFormula({ value: value === '1' || value === 'true', numeric: false }, formula);
      case 'e':
        return withFormula({ value: null, numeric: false, error: value || '#VALUE!' }, formula);
      case 'd':
        if (value === '') return formula ? { value: null, numeric: false, formula } : EMPTY_CELL;
        return withFormula({ value: isoDate(value), numeric: true }, formula);
      default: {
        if (value === '') return formula ? { value: null, numeric: false, formula } : EMPTY_CELL;
        const number = Number(value);
        if (Number.isNaN(number)) throw corruptXml();
        const asDate = this.context.dates[cell.style] === true;
        return withFormula(
          { value: asDate ? excelSerialAsDate(number, this.context.date1904) : number, numeric: true },
          formula,
        );
      }
    }
  }
}

function withFormula(cell: RawCell, formula: string | undefined): RawCell {
  return formula ? { ...cell, formula } : cell;
}
