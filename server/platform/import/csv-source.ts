import { createReadStream } from 'node:fs';
import { CsvParser, sniffDelimiter } from './csv-parser';
import { ImportError } from './errors';
import { EMPTY_CELL, type CsvEncoding, type RawCell, type RawRow, type SpreadsheetSource } from './types';

const encodingError = () =>
  new ImportError(
    '无法识别文件的文字编码（既不是 UTF-8 也不是 GBK），或文件中夹杂了乱码。' +
      '请在 Excel 或 WPS 中打开后“另存为” CSV UTF-8 或 .xlsx 再上传',
    'import_encoding',
  );

/** Decide on this many bytes after the first non-ASCII byte: a GBK text this long is never valid UTF-8. */
const PROBE_BYTES = 4096;

/**
 * Bytes to text for a CSV whose encoding nobody told us. A BOM settles it. Otherwise ASCII reads the same
 * in every candidate, so the choice waits for the first non-ASCII byte: strict UTF-8 over the next few
 * kilobytes, and GB18030 (a superset of the GBK that Excel on Chinese Windows writes) when that fails.
 * Multi-byte characters split across chunks are carried over by the decoders' streaming mode.
 */
export class SniffingDecoder {
  encoding?: CsvEncoding;
  private decoder?: TextDecoder;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private firstHigh = -1;
  private started = false;
  private head: Buffer = Buffer.alloc(0);

  private use(encoding: CsvEncoding, fatal = true) {
    this.encoding = encoding;
    this.decoder = new TextDecoder(encoding, { fatal });
  }

  private detectBom(chunk: Buffer): Buffer {
    if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) this.use('utf-8');
    else if (chunk[0] === 0xff && chunk[1] === 0xfe) this.use('utf-16le', false);
    else if (chunk[0] === 0xfe && chunk[1] === 0xff) this.use('utf-16be', false);
    else if (chunk[0] === 0x84 && chunk[1] === 0x31 && chunk[2] === 0x95 && chunk[3] === 0x33) {
      this.use('gb18030');
      return chunk.subarray(4);
    }
    if (!this.encoding && chunk.subarray(0, 65536).includes(0)) {
      throw new ImportError('文件不是文本格式的 CSV，无法读取。请上传 .xlsx 或 .csv 文件', 'import_format');
    }
    return chunk;
  }

  private run(bytes: Buffer | undefined, final: boolean): string {
    try {
      return this.decoder!.decode(bytes, { stream: !final });
    } catch {
      throw encodingError();
    }
  }

  /** The text of the next chunk; `null` flushes what is left at the end of the file. */
  decode(chunk: Buffer | null): string {
    let bytes = chunk;
    if (!this.started) {
      // A BOM or GB18030's four-byte mark may come cut over the first chunks: wait for four bytes.
      if (bytes) this.head = this.head.length > 0 ? Buffer.concat([this.head, bytes]) : bytes;
      if (bytes && this.head.length < 4) return '';
      this.started = true;
      bytes = this.head.length > 0 ? this.detectBom(this.head) : bytes;
      this.head = Buffer.alloc(0);
      if (chunk === null && bytes) return this.decode(bytes) + this.decode(null);
    }
    if (this.decoder) return this.run(bytes ?? undefined, bytes === null);
    if (bytes) {
      if (this.firstHigh < 0) {
        const text = bytes.toString('latin1');
        const high = text.search(/[\x80-\xff]/);
        if (high < 0) return text;
        this.firstHigh = this.pendingBytes + high;
      }
      this.pending.push(bytes);
      this.pendingBytes += bytes.length;
      if (this.pendingBytes - this.firstHigh < PROBE_BYTES) return '';
    }
    const all = Buffer.concat(this.pending);
    this.pending = [];
    if (all.length === 0) {
      this.encoding ??= 'utf-8'; // nothing but ASCII: read the same in every encoding
      return '';
    }
    this.use('utf-8');
    try {
      return this.decoder!.decode(all, { stream: bytes !== null });
    } catch {
      this.use('gb18030');
      return this.run(all, bytes === null);
    }
  }
}

// Excel's way of keeping digits as text in a CSV: ="0012345". What Excel shows is the text inside.
const TEXT_FORMULA = /^="((?:[^"]|"")*)"$/s;

function toCell(field: string): RawCell {
  if (field === '') return EMPTY_CELL;
  const literal = TEXT_FORMULA.exec(field);
  if (literal) return { value: literal[1].replace(/""/g, '"'), numeric: false, formula: field };
  return { value: field, numeric: false };
}

function toRow(rowNumber: number, fields: string[]): RawRow {
  let last = fields.length;
  while (last > 0 && fields[last - 1] === '') last -= 1;
  const cells: RawCell[] = new Array(last);
  for (let i = 0; i < last; i += 1) cells[i] = toCell(fields[i]);
  return { rowNumber, cells };
}

const SNIFF_CHARS = 64 * 1024;
const SNIFF_LINES = 20;

/** A CSV (or Excel's tab-separated "Unicode text") read record by record, never whole. */
export function openCsv(filePath: string, fileSize: number): SpreadsheetSource {
  const decoder = new SniffingDecoder();
  let bytesRead = 0;

  async function* rows(): AsyncGenerator<RawRow> {
    let parser: CsvParser | undefined;
    let head = '';
    const feed = function* (text: string, final: boolean): Generator<RawRow> {
      if (!parser) {
        head += text;
        const lines = head.split('\n', SNIFF_LINES + 1).length - 1;
        if (!final && head.length < SNIFF_CHARS && lines < SNIFF_LINES) return;
        const { delimiter, skip } = sniffDelimiter(head);
        parser = new CsvParser(delimiter);
        text = head.slice(skip);
        head = '';
      }
      parser.push(text);
      if (final) parser.end();
      for (const record of parser.records) yield toRow(record.rowNumber, record.fields);
      parser.records.length = 0;
    };
    const stream = createReadStream(filePath, { highWaterMark: 64 * 1024 });
    try {
      for await (const chunk of stream) {
        bytesRead += (chunk as Buffer).length;
        yield* feed(decoder.decode(chunk as Buffer), false);
      }
      yield* feed(decoder.decode(null), true);
    } finally {
      stream.destroy();
    }
  }

  return {
    format: 'csv',
    date1904: false,
    fileSize,
    get encoding() {
      return decoder.encoding;
    },
    get bytesRead() {
      return bytesRead;
    },
    [Symbol.asyncIterator]: rows,
  };
}
