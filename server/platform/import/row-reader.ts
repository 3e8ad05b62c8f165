import { cellMessage, ImportError } from './errors';
import { detectHeader, headerLabel, type HeaderMatch } from './header-detect';
import {
  EMPTY_CELL,
  cellText,
  isEmptyCell,
  type ColumnDef,
  type RawCell,
  type RawRow,
  type RawValue,
} from './types';

export { cellRef, cellMessage } from './errors';

export type CellProblem<K extends string = string> = {
  rowNumber: number;
  key: K;
  /** The column as the file names it. */
  label: string;
  /** '第 12 行「出生日期」列：…' */
  message: string;
};

export type ImportRecord<K extends string = string> = {
  rowNumber: number;
  /**
   * One entry per column the file has (EMPTY_CELL when the cell is blank); a key whose column the file
   * lacks is absent, so an update can leave that field alone.
   */
  values: Partial<Record<K, RawCell>>;
  /** The row's cells as written, column A first: with the header's `headers`, the row for an error report. */
  raw: RawValue[];
  /** What the reader already knows is wrong with a cell (an Excel error value); field rules come later. */
  problems: CellProblem<K>[];
};

export type SkippedRow = {
  rowNumber: number;
  /** 'no-data': nothing under any known column (a numbered empty template row, a note in the 序号 column). */
  reason: 'footer' | 'section' | 'no-data';
  text: string;
};

export type ReadOptions<K extends string> = {
  /** How many non-blank rows at the top may hold titles and the header; default 30. */
  headerScanRows?: number;
  /** Called once the header is known, before the first record. */
  onHeader?: (header: HeaderMatch<K>) => void;
  onSkip?: (row: SkippedRow) => void;
};

// Signatures and notes under a table: '填表人：张三  审核人：李四', '注：1. …', '合计'.
const FOOTER =
  /^(?:填表人|填报人|制表人|制表|审核人|审核|审批人|复核人|负责人|单位负责人|主要负责人|分管领导|经办人|联系人|联系电话|填表日期|填报日期|填表说明|说明|注|附注|备注|签字|盖章|单位盖章|合计|总计)\s*\d*\s*(?:[:：]|\s|$)/;
const SUBTOTAL = /^小\s*计/;
const MAX_FOOTER_CELLS = 3;

/** The cell as it belongs to this row: a copy spread sideways from a merged range counts as empty. */
function ownCell(cell: RawCell | undefined, column: number): RawCell {
  if (!cell) return EMPTY_CELL;
  if (cell.mergedFrom && cell.mergedFrom.column !== column) return EMPTY_CELL;
  return cell;
}

function originalTexts(row: RawRow): string[] {
  return row.cells
    .filter((cell) => !cell.mergedFrom && !isEmptyCell(cell))
    .map((cell) => cellText(cell).trim());
}

function noHeader(columns: ColumnDef[], scanned: number): ImportError {
  const names = [...columns.filter((c) => c.required), ...columns.filter((c) => !c.required)]
    .slice(0, 4)
    .map((c) => `「${c.label}」`)
    .join('');
  return new ImportError(
    `未找到表头：前 ${scanned} 行中没有一行包含${names}等列名。请确认第一张工作表就是要导入的名单，` +
      '表头使用模板中的列名（可下载模板对照）后重新上传',
    'import_header',
  );
}

function missingColumns(header: HeaderMatch): ImportError {
  const missing = header.missingRequired.map((l) => `「${l}」`).join('');
  return new ImportError(
    `第 ${header.headerRowNumber} 行的表头中缺少必填列${missing}。请补上这些列（列名可参照模板）后重新上传`,
    'import_header',
  );
}

class RowSorter<K extends string> {
  private footerSeen = false;

  constructor(
    private readonly header: HeaderMatch<K>,
    private readonly columns: ColumnDef<K>[],
    private readonly onSkip: (row: SkippedRow) => void,
  ) {}

  private mappedFilled(row: RawRow): number {
    let n = 0;
    for (const index of this.header.mapping.keys())
      if (!isEmptyCell(ownCell(row.cells[index], index))) n += 1;
    return n;
  }

  sort(row: RawRow): ImportRecord<K> | undefined {
    const texts = originalTexts(row);
    if (texts.length === 0) return undefined;
    const first = texts[0].normalize('NFKC');
    if (FOOTER.test(first) && texts.length <= MAX_FOOTER_CELLS) {
      this.footerSeen = true;
      this.onSkip({ rowNumber: row.rowNumber, reason: 'footer', text: texts.join(' ') });
      return undefined;
    }
    if (this.footerSeen) {
      if (this.mappedFilled(row) >= 3) {
        throw new ImportError(
          `第 ${row.rowNumber} 行在表尾（填表人、审核人、注等）之后，但看起来仍是数据。` +
            '请把表尾移到全部数据之后，或删去多余的行，再重新上传',
          'import_layout',
        );
      }
      this.onSkip({ rowNumber: row.rowNumber, reason: 'footer', text: texts.join(' ') });
      return undefined;
    }
    if (texts.length === 1 && (SUBTOTAL.test(first) || this.isSectionTitle(row))) {
      this.onSkip({ rowNumber: row.rowNumber, reason: 'section', text: texts[0] });
      return undefined;
    }
    if (this.mappedFilled(row) === 0) {
      this.onSkip({ rowNumber: row.rowNumber, reason: 'no-data', text: texts.join(' ') });
      return undefined;
    }
    return this.record(row);
  }

  /** One text spread by a merge over three or more columns: '一、朝阳区' heading a group of rows. */
  private isSectionTitle(row: RawRow): boolean {
    const origin = row.cells.findIndex((cell) => !cell.mergedFrom && !isEmptyCell(cell));
    const spread = row.cells.filter(
      (cell) => cell.mergedFrom?.rowNumber === row.rowNumber && cell.mergedFrom.column === origin,
    ).length;
    return spread >= 2;
  }

  private record(row: RawRow): ImportRecord<K> {
    const values: Partial<Record<K, RawCell>> = {};
    const problems: CellProblem<K>[] = [];
    for (const [index, key] of this.header.mapping) {
      const cell = ownCell(row.cells[index], index);
      values[key] = cell;
      if (cell.error) {
        const label = headerLabel(this.header, this.columns, key);
        const message = cellMessage(
          row.rowNumber,
          label,
          `单元格是 Excel 错误值（${cell.error}），请改正公式或直接填写内容`,
        );
        problems.push({ rowNumber: row.rowNumber, key, label, message });
      }
    }
    const width = Math.max(this.header.headers.length, row.cells.length);
    const raw: RawValue[] = new Array(width);
    for (let c = 0; c < width; c += 1) {
      const cell = ownCell(row.cells[c], c);
      raw[c] = cell.value ?? cell.error ?? null;
    }
    return { rowNumber: row.rowNumber, values, raw, problems };
  }
}

/**
 * The data rows of a sheet as records keyed by the dictionary: finds the header (throwing a Chinese
 * ImportError when there is none or a required column is missing), then skips blank rows, section titles
 * and rows with nothing under a known column, and ends the table at its footer. A row that looks like
 * data after the footer is refused rather than silently left out.
 */
export async function* readRecords<K extends string>(
  source: AsyncIterable<RawRow>,
  columns: ColumnDef<K>[],
  options: ReadOptions<K> = {},
): AsyncGenerator<ImportRecord<K>> {
  const scanLimit = options.headerScanRows ?? 30;
  const iterator = source[Symbol.asyncIterator]();
  try {
    const top: RawRow[] = [];
    while (top.length < scanLimit) {
      const next = await iterator.next();
      if (next.done) break;
      if (next.value.cells.some((c) => !isEmptyCell(c))) top.push(next.value);
    }
    const header = detectHeader(top, columns);
    if (!header) throw noHeader(columns, top.length ? top[top.length - 1].rowNumber : 0);
    if (header.missingRequired.length > 0) throw missingColumns(header);
    options.onHeader?.(header);

    const sorter = new RowSorter(header, columns, options.onSkip ?? (() => undefined));
    for (const row of top) {
      if (row.rowNumber <= header.headerRowNumber) continue;
      const record = sorter.sort(row);
      if (record) yield record;
    }
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      const record = sorter.sort(next.value);
      if (record) yield record;
    }
  } finally {
    await iterator.return?.();
  }
}
