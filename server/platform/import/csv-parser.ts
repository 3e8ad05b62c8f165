import { ImportError } from './errors';

/** Excel's own limit for one cell; a longer field means a quote was never closed. */
export const MAX_FIELD_LENGTH = 32_767;
const MAX_FIELDS = 16_384;

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * RFC 4180 records from text that arrives in pieces: quoted fields with doubled quotes, delimiters and
 * line breaks inside quotes, LF, CRLF or lone CR line ends. Lenient where Excel is: a quote inside an
 * unquoted field, or text after a closing quote, is kept as written. Each record is one spreadsheet row,
 * whatever line breaks its cells contain, so `rowNumber` counts records as Excel numbers its rows.
 */
export class CsvParser {
  private parts: string[] = [];
  private partsLength = 0;
  private fields: string[] = [];
  private inQuotes = false;
  private quoteAtChunkEnd = false;
  private fieldQuoted = false;
  private skipLf = false;
  private rowNumber = 1;
  private readonly delimiterCode: number;
  readonly records: { rowNumber: number; fields: string[] }[] = [];

  constructor(delimiter = ',') {
    this.delimiterCode = delimiter.charCodeAt(0);
  }

  private append(text: string) {
    if (!text) return;
    this.parts.push(text);
    this.partsLength += text.length;
    if (this.partsLength > MAX_FIELD_LENGTH) {
      throw new ImportError(
        `第 ${this.rowNumber} 行：单元格内容超过 ${MAX_FIELD_LENGTH} 个字符，可能是某个引号（"）没有配对。请检查该行后重新上传`,
        'import_csv',
      );
    }
  }

  private endField() {
    this.fields.push(this.parts.length === 1 ? this.parts[0] : this.parts.join(''));
    this.parts = [];
    this.partsLength = 0;
    this.fieldQuoted = false;
    if (this.fields.length > MAX_FIELDS) {
      throw new ImportError(`第 ${this.rowNumber} 行的列数超过 ${MAX_FIELDS} 列，文件格式有误`, 'import_csv');
    }
  }

  private endRecord() {
    this.endField();
    this.records.push({ rowNumber: this.rowNumber, fields: this.fields });
    this.fields = [];
    this.rowNumber += 1;
  }

  /** Parses the next piece of text; complete records are appended to `records`. */
  push(text: string) {
    const n = text.length;
    // An empty piece (a decoder holding half a character) says nothing about a quote left pending.
    if (n === 0) return;
    let i = 0;
    if (this.quoteAtChunkEnd) {
      this.quoteAtChunkEnd = false;
      if (text.charCodeAt(0) === QUOTE) {
        this.append('"');
        i = 1;
      } else {
        this.inQuotes = false;
      }
    }
    while (i < n) {
      if (this.inQuotes) {
        const q = text.indexOf('"', i);
        if (q < 0) {
          this.append(text.slice(i));
          return;
        }
        this.append(text.slice(i, q));
        if (q + 1 === n) {
          this.quoteAtChunkEnd = true;
          return;
        }
        if (text.charCodeAt(q + 1) === QUOTE) {
          this.append('"');
          i = q + 2;
        } else {
          this.inQuotes = false;
          i = q + 1;
        }
        continue;
      }
      let j = i;
      let code = 0;
      while (j < n) {
        code = text.charCodeAt(j);
        if (code === this.delimiterCode || code === LF || code === CR || code === QUOTE) break;
        j += 1;
      }
      if (j > i) {
        this.skipLf = false;
        this.append(text.slice(i, j));
      }
      if (j === n) return;
      i = j + 1;
      if (code === QUOTE) {
        this.skipLf = false;
        if (this.partsLength === 0 && !this.fieldQuoted) {
          this.inQuotes = true;
          this.fieldQuoted = true;
        } else {
          this.append('"');
        }
      } else if (code === LF && this.skipLf) {
        this.skipLf = false;
      } else if (code === LF || code === CR) {
        this.endRecord();
        this.skipLf = code === CR;
      } else {
        this.skipLf = false;
        this.endField();
      }
    }
  }

  /** The end of the input: the last record, if the file does not end with a line break. */
  end() {
    if (this.quoteAtChunkEnd) {
      this.quoteAtChunkEnd = false;
      this.inQuotes = false;
    }
    if (this.inQuotes) {
      throw new ImportError(
        `第 ${this.rowNumber} 行：有一个引号（"）直到文件末尾都没有配对，文件可能不完整。请检查该行后重新上传`,
        'import_csv',
      );
    }
    if (this.partsLength > 0 || this.fields.length > 0 || this.fieldQuoted) this.endRecord();
  }
}

/** Excel's "sep=;" first line names the delimiter; it is not a row. */
export function sniffDelimiter(head: string): { delimiter: string; skip: number } {
  const sep = /^sep=(.)\r?\n/.exec(head);
  if (sep) return { delimiter: sep[1], skip: sep[0].length };
  let commas = 0;
  let tabs = 0;
  let inQuotes = false;
  for (let i = 0; i < head.length; i += 1) {
    const ch = head[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && ch === ',') commas += 1;
    else if (!inQuotes && ch === '\t') tabs += 1;
  }
  return { delimiter: tabs > commas ? '\t' : ',', skip: 0 };
}
