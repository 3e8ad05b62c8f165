import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { todayInChina } from '../common/validators';
import { YOUTH_COLUMNS } from '../server/modules/youth/youth-import.columns';
import { normaliseYouth } from '../server/modules/youth/youth.input';
import type { Keys } from '../server/platform/crypto/keys';
import { openSpreadsheet, readRecords } from '../server/platform/import';
import { rosterPerson } from './youth-import.roster';
import type { BenchDatabase } from './support';

/** Baseline A: the file read as the import reads it, records counted, nothing judged or written. */
export async function parseOnly(file: string): Promise<number> {
  const source = await openSpreadsheet(file, path.basename(file));
  let n = 0;
  for await (const record of readRecords(source, YOUTH_COLUMNS)) if (record) n += 1;
  return n;
}

const RAW_COLUMNS = [
  'unit_id',
  'name',
  'name_pinyin',
  'name_initials',
  'gender',
  'birth_date',
  'ethnicity',
  'id_number_enc',
  'id_number_idx',
  'phone_enc',
  'phone_idx',
  'category_id',
  'remark',
  'created_by',
];

/**
 * The rows the import would write, computed beforehand by the app's own normaliseYouth (real SM4
 * ciphertexts, blind indexes and pinyin), so the baseline is the database's share alone.
 */
export function precomputeRows(
  keys: Keys,
  n: number,
  ctx: { unitId: number; userId: number; categories: Map<string, number> },
): (string | number | null)[][] {
  const today = todayInChina();
  const rows: (string | number | null)[][] = [];
  for (let i = 0; i < n; i += 1) {
    const p = rosterPerson(i);
    const y = normaliseYouth(
      keys,
      {
        name: p.name,
        idNumber: p.idNumber,
        phone: p.phone,
        birthDate: p.birthDate.toISOString().slice(0, 10),
        gender: p.gender === '男' ? 'male' : 'female',
        ethnicity: p.ethnicity === '汉' ? '汉族' : p.ethnicity,
        remark: p.remark || undefined,
      },
      today,
    );
    const v = y.values;
    rows.push([
      ctx.unitId,
      v.name,
      v.namePinyin,
      v.nameInitials,
      v.gender,
      v.birthDate,
      v.ethnicity,
      y.idNumber?.enc ?? null,
      y.idNumber?.token ?? null,
      y.phone?.enc ?? null,
      y.phone?.token ?? null,
      ctx.categories.get(p.category) ?? null,
      v.remark,
      ctx.userId,
    ]);
  }
  return rows;
}

/** CSV as COPY reads it: an unquoted empty field is NULL, every value quoted. */
const csvLine = (row: (string | number | null)[]) =>
  row.map((v) => (v === null ? '' : `"${String(v).replace(/"/g, '""')}"`)).join(',') + '\n';

const COPY_SQL = `copy youth (${RAW_COLUMNS.join(', ')}) from stdin with (format csv)`;
/** Rows per chunk written to the COPY stream. */
const CHUNK = 1_000;

/**
 * Baseline B: the same rows through COPY, the fastest way into PostgreSQL, in one transaction, the
 * CSV serialised as part of it. PostgreSQL: COPY FROM STDIN streamed by pg-copy-streams on one client
 * of the pool drizzle runs on; PGlite: COPY FROM '/dev/blob' with the CSV as the query's blob.
 */
export async function rawCopy(bench: BenchDatabase, rows: (string | number | null)[][]): Promise<void> {
  const lite = bench.database.pglite;
  if (lite) {
    const csv = rows.map(csvLine).join('');
    await lite.transaction(async (tx) => {
      await tx.query(COPY_SQL.replace('from stdin', "from '/dev/blob'"), [], { blob: new Blob([csv]) });
    });
    return;
  }
  const pool = (bench.database.db as unknown as { $client: pg.Pool }).$client;
  const client = await pool.connect();
  try {
    await client.query('begin');
    const chunks = function* () {
      for (let lo = 0; lo < rows.length; lo += CHUNK)
        yield rows
          .slice(lo, lo + CHUNK)
          .map(csvLine)
          .join('');
    };
    await pipeline(Readable.from(chunks()), client.query(copyFrom(COPY_SQL)));
    await client.query('commit');
  } catch (err) {
    await client.query('rollback');
    throw err;
  } finally {
    client.release();
  }
}
