import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { openCsv } from './csv-source';
import { ACCEPTED_FORMATS, ImportError, XLS_REFUSAL } from './errors';
import type { SpreadsheetSource } from './types';
import {
  DEFAULT_XLSX_LIMITS,
  listXlsxSheets,
  openXlsx,
  type SheetSummary,
  type XlsxLimits,
} from './xlsx-source';

const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP_SIGNATURES = [0x04034b50, 0x06054b50, 0x08074b50];
// Extensions under which a ZIP is read as a workbook: a real .xlsx renamed .xls (or .csv) happens often.
const WORKBOOK_EXTENSIONS = new Set(['.xlsx', '.xlsm', '.xltx', '.xltm', '.xls', '.et', '.csv']);
const ENCRYPTED_MARKER = Buffer.from('EncryptedPackage', 'utf16le');
const PROBE = 64 * 1024;

async function readSlices(filePath: string, size: number): Promise<{ head: Buffer; tail: Buffer }> {
  const handle = await open(filePath, 'r');
  try {
    const head = Buffer.alloc(Math.min(size, PROBE));
    await handle.read(head, 0, head.length, 0);
    const tailLength = Math.min(size, PROBE);
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    return { head, tail };
  } finally {
    await handle.close();
  }
}

function unsupported(ext: string): ImportError {
  const shown = ext.replace(/[^.\w]/g, '').slice(0, 12);
  const what = shown ? `“${shown}”格式的文件` : '该文件的格式';
  return new ImportError(`不支持${what}。${ACCEPTED_FORMATS}`, 'import_format');
}

export type OpenOptions = {
  /** xlsx: the worksheet's `index` from listSheets; the first visible worksheet by default. */
  sheet?: number;
  xlsxLimits?: XlsxLimits;
};

export type { SheetSummary };

/**
 * Decides the format by the file's first bytes, with its original name's extension as a second opinion:
 * an .xlsx renamed .xls is read; a real .xls (Excel 97-2003), an HTML page saved as .xls, or a
 * password-protected workbook is refused with a Chinese message saying what to do.
 */
async function detectFormat(
  filePath: string,
  originalName: string,
): Promise<{ format: 'xlsx' | 'csv'; size: number }> {
  const { size } = await stat(filePath);
  if (size === 0) throw new ImportError('上传的文件是空的（0 字节），请检查后重新上传', 'import_empty');
  const ext = extname(originalName).toLowerCase();
  const { head, tail } = await readSlices(filePath, size);

  if (head.length >= 4 && ZIP_SIGNATURES.includes(head.readUInt32LE(0))) {
    if (!WORKBOOK_EXTENSIONS.has(ext)) throw unsupported(ext);
    return { format: 'xlsx', size };
  }
  if (head.subarray(0, 8).equals(OLE2)) {
    if (head.includes(ENCRYPTED_MARKER) || tail.includes(ENCRYPTED_MARKER)) {
      throw new ImportError(
        '文件设置了打开密码，无法读取。请在 Excel 或 WPS 中取消密码（文件 → 信息 → 保护工作簿）后重新上传',
        'import_encrypted',
      );
    }
    if (WORKBOOK_EXTENSIONS.has(ext) || ext === '.ett') throw new ImportError(XLS_REFUSAL, 'import_format');
    throw unsupported(ext);
  }
  if (ext === '.csv') return { format: 'csv', size };
  // Many systems' "导出 Excel" writes an HTML table or SpreadsheetML 2003 XML under an .xls name.
  if (ext === '.xls' || ext === '.et') throw new ImportError(XLS_REFUSAL, 'import_format');
  if (ext === '.xlsx' || ext === '.xlsm') {
    throw new ImportError(
      '文件已损坏或不是真正的 .xlsx 文件。请在 Excel 或 WPS 中打开后“另存为” .xlsx 再上传',
      'import_corrupt',
    );
  }
  throw unsupported(ext);
}

/**
 * Opens an uploaded spreadsheet for reading row by row: one worksheet of an .xlsx (`options.sheet`, or the
 * first visible one), or a CSV (which has one sheet, index 0). Refusals throw a Chinese ImportError.
 * Nothing is read beyond a few kilobytes until the rows are iterated.
 */
export async function openSpreadsheet(
  filePath: string,
  originalName: string,
  options: OpenOptions = {},
): Promise<SpreadsheetSource> {
  const { format, size } = await detectFormat(filePath, originalName);
  if (format === 'xlsx') {
    return openXlsx(filePath, size, options.xlsxLimits ?? DEFAULT_XLSX_LIMITS, options.sheet);
  }
  if (options.sheet !== undefined && options.sheet !== 0) {
    throw new ImportError('CSV 文件只有一个工作表，请重新选择', 'import_format');
  }
  return openCsv(filePath, size);
}

/**
 * The sheets a user may choose from: for an .xlsx each visible worksheet in tab order, for a CSV one entry
 * (index 0, named after the file). `rowCount` is an estimate for display, not a promise.
 */
export async function listSheets(
  filePath: string,
  originalName: string,
  options: Pick<OpenOptions, 'xlsxLimits'> = {},
): Promise<SheetSummary[]> {
  const { format, size } = await detectFormat(filePath, originalName);
  if (format === 'xlsx') return listXlsxSheets(filePath, size, options.xlsxLimits ?? DEFAULT_XLSX_LIMITS);
  return [
    { index: 0, name: basename(originalName, extname(originalName)), rowCount: await countLines(filePath) },
  ];
}

/** Line feeds in the file: the rows of a CSV, give or take line breaks inside quoted cells. */
async function countLines(filePath: string): Promise<number> {
  let lines = 0;
  let last = 0x0a;
  for await (const chunk of createReadStream(filePath, { highWaterMark: 256 * 1024 })) {
    const buffer = chunk as Buffer;
    for (let at = buffer.indexOf(0x0a); at >= 0; at = buffer.indexOf(0x0a, at + 1)) lines += 1;
    last = buffer[buffer.length - 1];
  }
  return last === 0x0a ? lines : lines + 1;
}
