import type { RawValue } from '../types';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * A cell as text, the way the file held it, for the error report: text untouched (spaces, leading
 * zeros, `=`), a number in the digits the file stored (an ID number Excel kept as a number comes back
 * as that number, not as 3.60102E+17), TRUE/FALSE as Excel shows them, and a date as its calendar date
 * (with the time of day when it has one) — never shifted by a time zone.
 */
export function rawText(value: RawValue | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  // Shortest round-trip digits: what the file wrote (3.60102199803121E+17 → 360102199803121000).
  if (typeof value === 'number') return String(value);
  if (Number.isNaN(value.getTime())) return null;
  const date = `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  const h = value.getUTCHours();
  const m = value.getUTCMinutes();
  const s = value.getUTCSeconds();
  if (h === 0 && m === 0 && s === 0) return date;
  return `${date} ${pad(h)}:${pad(m)}${s ? `:${pad(s)}` : ''}`;
}
