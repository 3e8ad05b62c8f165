import { AppError } from '../http/errors';

export type ImportErrorCode =
  | 'import_format' // not a spreadsheet we read (.xls, .et, .numbers, a PDF…)
  | 'import_encrypted' // an .xlsx with an opening password
  | 'import_empty'
  | 'import_corrupt' // a damaged or truncated file
  | 'import_too_large'
  | 'import_csv' // CSV syntax: an unclosed quote, a runaway cell
  | 'import_encoding'
  | 'import_header' // no header row, or required columns missing
  | 'import_layout'; // data after the footer, and other shapes we will not guess at

/**
 * A problem with an uploaded file, worded for the cadre who uploaded it: Chinese, saying what to do,
 * never quoting cell contents (they may be ID numbers) or server paths. Routes send it as a 400.
 */
export class ImportError extends AppError {
  constructor(message: string, code: ImportErrorCode = 'import_format') {
    super(400, code, message);
    this.name = 'ImportError';
  }
}

export const XLS_REFUSAL = '不支持 .xls 格式（Excel 97-2003），请在 Excel 或 WPS 中“另存为” .xlsx 后重新上传';
export const ACCEPTED_FORMATS = '请上传 Excel 工作簿（.xlsx）或 CSV 文件（.csv，UTF-8 或 GBK 编码均可）';

/** '第 12 行「身份证号」列' — the way every message about one cell starts. */
export function cellRef(rowNumber: number, label: string): string {
  return `第 ${rowNumber} 行「${label}」列`;
}

/** '第 12 行「身份证号」列：…' */
export function cellMessage(rowNumber: number, label: string, message: string): string {
  return `${cellRef(rowNumber, label)}：${message}`;
}
