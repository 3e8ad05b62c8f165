import { ImportError } from './errors';
import { EMPTY_CELL, type RawCell, type RawRow } from './types';
import { corruptXml } from './xlsx-xml';

// A sheet lists its merged ranges after all its rows, so they are found by one pass over the raw bytes
// before the rows are parsed. The same pass counts the real inflated size, refusing a ZIP bomb before
// any parsing starts, and reads the declared <dimension> for progress.

export type MergeRange = { top: number; left: number; bottom: number; right: number };

const CELL_REF = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/i;
/** Merged ranges wider than this are clipped: no import table has more columns. */
const MAX_MERGE_COLUMNS = 1024;
/** Many more than any real sheet (a 100,000-row roster with a few merges per row). */
const MAX_MERGES = 500_000;
const MAX_GRID_COLUMNS = 16_384;

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function parseRange(ref: string): MergeRange | undefined {
  const [from, to = from] = ref.split(':');
  const a = CELL_REF.exec(from);
  const b = CELL_REF.exec(to);
  if (!a || !b) return undefined;
  const left = columnIndex(a[1]);
  const right = Math.min(columnIndex(b[1]), left + MAX_MERGE_COLUMNS);
  const top = Number(a[2]);
  const bottom = Number(b[2]);
  if (right < left || bottom < top || (right === left && bottom === top)) return undefined;
  return { top, left, bottom, right };
}

const MERGE = Buffer.from('mergeCell');
const DIMENSION = Buffer.from('<dimension');
const DIMENSION_PREFIXED = Buffer.from(':dimension');
const MERGE_TAG = /^mergeCell\s[^>]*?\bref\s*=\s*["']([^"']+)["']/;
const REF_ATTRIBUTE = /\bref\s*=\s*["']([^"']+)["']/;
/** The longest tag looked at; a `<mergeCell ref="A1:B2"/>` is about 25 bytes. */
const TAG_WINDOW = 512;

/** The last row of a `<dimension ref="A1:T100001"/>` found in the first bytes of a sheet. */
export function dimensionRows(head: Buffer): number | undefined {
  let at = head.indexOf(DIMENSION);
  if (at < 0) at = head.indexOf(DIMENSION_PREFIXED);
  if (at < 0) return undefined;
  const tag = head.toString('latin1', at, Math.min(head.length, at + TAG_WINDOW));
  const ref = REF_ATTRIBUTE.exec(tag.slice(0, tag.indexOf('>') + 1 || undefined))?.[1];
  return Number(/(\d+)$/.exec(ref ?? '')?.[1]) || undefined;
}

/** Merged ranges and the declared last row, from the sheet's inflated bytes. */
export async function scanSheet(
  chunks: AsyncIterable<Buffer>,
): Promise<{ merges: MergeRange[]; lastRowHint?: number }> {
  const merges: MergeRange[] = [];
  let lastRowHint: number | undefined;
  let head: Buffer | undefined = Buffer.alloc(0);
  let carry = Buffer.alloc(0);
  for await (const chunk of chunks) {
    if (head) {
      head = Buffer.concat([head, chunk]);
      if (head.length >= 64 * 1024) {
        lastRowHint = dimensionRows(head);
        head = undefined;
      }
    }
    const buffer = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    let from = 0;
    let keepFrom = Math.max(0, buffer.length - MERGE.length);
    for (let at = buffer.indexOf(MERGE, from); at >= 0; at = buffer.indexOf(MERGE, from)) {
      const close = buffer.indexOf(0x3e, at); // '>'
      if (close < 0 && buffer.length - at < TAG_WINDOW) {
        keepFrom = at;
        break;
      }
      const end = close < 0 ? at + TAG_WINDOW : Math.min(close + 1, at + TAG_WINDOW);
      const ref = MERGE_TAG.exec(buffer.toString('latin1', at, end))?.[1];
      const range = ref ? parseRange(ref) : undefined;
      if (range) {
        if (merges.length >= MAX_MERGES) {
          throw new ImportError(
            '工作表中的合并单元格过多，无法读取。请取消合并后重新上传',
            'import_too_large',
          );
        }
        merges.push(range);
      }
      from = at + MERGE.length;
      keepFrom = Math.max(from, keepFrom);
    }
    carry = Buffer.from(buffer.subarray(keepFrom));
  }
  if (head) lastRowHint = dimensionRows(head);
  merges.sort((a, b) => a.top - b.top || a.left - b.left);
  return { merges, lastRowHint };
}

/**
 * Copies each merged range's top-left value into the other cells of the range, marking them with
 * `mergedFrom`, as Excel shows them. Ranges arrive sorted by top row; rows arrive in order.
 */
export class MergeFiller {
  private next = 0;
  private active: { range: MergeRange; origin: RawCell }[] = [];

  constructor(private readonly merges: MergeRange[]) {}

  apply(row: RawRow): RawRow {
    const r = row.rowNumber;
    if (this.active.length > 0) this.active = this.active.filter((a) => a.range.bottom >= r);
    while (this.next < this.merges.length && this.merges[this.next].top <= r) {
      const range = this.merges[this.next++];
      if (range.bottom < r) continue;
      const origin = range.top === r ? (row.cells[range.left] ?? EMPTY_CELL) : EMPTY_CELL;
      this.active.push({ range, origin });
    }
    // Ranges never overlap in a sheet Excel wrote: more fills than the grid has columns means a crafted one.
    let fills = 0;
    for (const { range, origin } of this.active) {
      fills += range.right - range.left + 1;
      if (fills > MAX_GRID_COLUMNS) throw corruptXml();
      const mergedFrom = { rowNumber: range.top, column: range.left };
      for (let c = range.left; c <= range.right; c += 1) {
        if (r === range.top && c === range.left) continue;
        row.cells[c] = origin.value === null && !origin.error ? EMPTY_CELL : { ...origin, mergedFrom };
      }
    }
    for (let c = 0; c < row.cells.length; c += 1) row.cells[c] ??= EMPTY_CELL;
    return row;
  }
}
