export {
  ACCEPTED_FORMATS,
  cellMessage,
  cellRef,
  ImportError,
  XLS_REFUSAL,
  type ImportErrorCode,
} from './errors';
export { detectHeader, headerLabel, type HeaderMatch } from './header-detect';
export { displayHeader, HeaderDictionary, normalizeHeader } from './header-text';
export {
  readRecords,
  type CellProblem,
  type ImportRecord,
  type ReadOptions,
  type SkippedRow,
} from './row-reader';
export { listSheets, openSpreadsheet, type OpenOptions, type SheetSummary } from './sheet-source';
export type { SheetMeta } from './sheet-meta';
export { PERSON_SYNONYMS } from './synonyms';
export {
  cellText,
  EMPTY_CELL,
  isEmptyCell,
  type ColumnDef,
  type CsvEncoding,
  type RawCell,
  type RawRow,
  type RawValue,
  type SpreadsheetFormat,
  type SpreadsheetSource,
} from './types';
export { DEFAULT_XLSX_LIMITS, type XlsxLimits } from './xlsx-source';
export {
  assertZipWithinLimits,
  DEFAULT_ZIP_LIMITS,
  InflateBudget,
  type ZipEntry,
  type ZipLimits,
} from './zip-limits';
