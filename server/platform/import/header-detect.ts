import { displayHeader, HeaderDictionary, SERIAL_COLUMN } from './header-text';
import { extractMeta, type SheetMeta } from './sheet-meta';
import { cellText, type ColumnDef, type RawCell, type RawRow } from './types';

export type HeaderMatch<K extends string = string> = {
  /** The row whose cells name the columns; data starts below it. */
  headerRowNumber: number;
  /** In a two-row header, the row of group titles above (基本信息 over 姓名·性别·民族). */
  groupRowNumber?: number;
  /** Column index (A = 0) → key. */
  mapping: Map<number, K>;
  /** Column index → the header as written, tidied ('' for none); use it to name a column in messages. */
  headers: string[];
  /** Columns with a header that matches nothing in the dictionary (序号 excepted); they are ignored. */
  unknownColumns: string[];
  /** A second column for a key already mapped further left; ignored. */
  duplicateColumns: string[];
  /** Labels of required columns not found. */
  missingRequired: string[];
  /** Columns recognised as 序号, ignored. */
  serialColumns: number[];
  meta: SheetMeta;
};

type Found<K> = { key: K | typeof SERIAL_COLUMN; text: string };
type Reading<K> = {
  found: Map<number, Found<K>>;
  unmatched: Map<number, string>;
  score: number;
  own: number;
};

const text = (cell: RawCell | undefined) => cellText(cell).trim();

/** A cell that belongs to this row, not a copy of a merged range starting in another row. */
const ownText = (row: RawRow, c: number) => {
  const cell = row.cells[c];
  return cell?.mergedFrom && cell.mergedFrom.rowNumber !== row.rowNumber ? '' : text(cell);
};

/**
 * Group titles over a two-row header, filled rightwards when the group cell was not merged (a CSV, or a
 * layout that only looks merged): a title covers the following columns that have a sub-header and no title.
 */
function groupTitles(upper: RawRow, lower: RawRow, width: number): string[] {
  const titles: string[] = [];
  let current = '';
  for (let c = 0; c < width; c += 1) {
    const own = text(upper.cells[c]);
    if (own) current = own;
    else if (!text(lower.cells[c])) current = '';
    titles.push(current);
  }
  return titles;
}

function read<K extends string>(dict: HeaderDictionary<K>, lower: RawRow, upper?: RawRow): Reading<K> {
  const width = Math.max(lower.cells.length, upper?.cells.length ?? 0);
  const titles = upper ? groupTitles(upper, lower, width) : [];
  const found = new Map<number, Found<K>>();
  const unmatched = new Map<number, string>();
  const keys = new Set<K>();
  let own = 0;
  let serial = false;
  for (let c = 0; c < width; c += 1) {
    const sub = text(lower.cells[c]);
    const group = titles[c] ?? '';
    const candidates: string[] = [];
    if (sub && group && group !== sub) candidates.push(group + sub);
    if (sub) candidates.push(sub);
    if (!sub && upper && text(upper.cells[c])) candidates.push(text(upper.cells[c]));
    let hit: Found<K> | undefined;
    for (const candidate of candidates) {
      const key = dict.match(candidate);
      if (key !== undefined) {
        hit = { key, text: displayHeader(candidate) };
        break;
      }
    }
    if (!hit) {
      const shown =
        sub && group && group !== sub ? `${group}-${sub}` : sub || (upper ? text(upper.cells[c]) : '');
      if (shown) unmatched.set(c, displayHeader(shown));
      continue;
    }
    found.set(c, hit);
    if (hit.key === SERIAL_COLUMN) serial = true;
    else keys.add(hit.key);
    if (ownText(lower, c)) own += 1;
  }
  return { found, unmatched, own, score: keys.size + (serial ? 0.5 : 0) };
}

function minimumKeys(columns: ColumnDef[]): number {
  return Math.min(2, columns.length);
}

/**
 * Finds the header among the first rows of a sheet (blank rows left out): the row naming the most
 * dictionary columns, read together with the row above when that names more (a two-row header with
 * merged group titles). Title, 填报单位 and 填报日期 rows above are read into `meta`. Null when no row names
 * at least two columns.
 */
export function detectHeader<K extends string>(
  rows: RawRow[],
  columns: ColumnDef<K>[],
): HeaderMatch<K> | null {
  const dict = new HeaderDictionary(columns);
  let best: { index: number; reading: Reading<K>; twoRow: boolean } | undefined;
  rows.forEach((row, index) => {
    const single = read(dict, row);
    let reading = single;
    let twoRow = false;
    const above = rows[index - 1];
    if (above && above.rowNumber === row.rowNumber - 1) {
      const double = read(dict, row, above);
      // Header cells merged down from the row above make it one header of two rows, even when the
      // lower row alone already names every column.
      const mergedDown = row.cells.some((cell) => cell.mergedFrom?.rowNumber === above.rowNumber);
      if (double.own > 0 && (double.score > single.score || (mergedDown && double.score === single.score))) {
        reading = double;
        twoRow = true;
      }
    }
    if (reading.own === 0) return;
    if (!best || reading.score > best.reading.score) best = { index, reading, twoRow };
  });
  if (!best || Math.floor(best.reading.score) < minimumKeys(columns)) return null;

  const { index, reading, twoRow } = best;
  const headerRow = rows[index];
  const width = Math.max(headerRow.cells.length, twoRow ? rows[index - 1].cells.length : 0);
  const headers: string[] = new Array(width).fill('');
  const mapping = new Map<number, K>();
  const duplicateColumns: string[] = [];
  const serialColumns: number[] = [];
  for (let c = 0; c < width; c += 1) {
    const hit = reading.found.get(c);
    headers[c] = hit?.text ?? reading.unmatched.get(c) ?? '';
    if (!hit) continue;
    if (hit.key === SERIAL_COLUMN) serialColumns.push(c);
    else if ([...mapping.values()].includes(hit.key)) duplicateColumns.push(hit.text);
    else mapping.set(c, hit.key);
  }
  const mapped = new Set(mapping.values());
  const firstHeaderRow = twoRow ? index - 1 : index;
  return {
    headerRowNumber: headerRow.rowNumber,
    groupRowNumber: twoRow ? rows[index - 1].rowNumber : undefined,
    mapping,
    headers,
    unknownColumns: [...reading.unmatched.values()],
    duplicateColumns,
    missingRequired: columns.filter((c) => c.required && !mapped.has(c.key)).map((c) => c.label),
    serialColumns,
    meta: extractMeta(rows.slice(0, firstHeaderRow)),
  };
}

/** The header text of a key's column as the file wrote it, or the dictionary label. */
export function headerLabel<K extends string>(
  header: HeaderMatch<K>,
  columns: ColumnDef<K>[],
  key: K,
): string {
  for (const [index, k] of header.mapping)
    if (k === key && header.headers[index]) return header.headers[index];
  return columns.find((c) => c.key === key)?.label ?? key;
}
