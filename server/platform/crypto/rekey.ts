import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import { blobKeyId, discardBlob, openFileStream, writeBlob } from '../files/file-store';
import { decryptField, encryptField, needsReencryption } from './field-crypto';
import type { Keys } from './keys';

/** Rows re-encrypted per transaction: short transactions, so the app keeps running during a rotation. */
const BATCH = 1000;

type FieldTable = { table: string; key: string; columns: string[] };

/**
 * Every column holding `sm4:<kid>:…` field ciphertext: by convention they end in `_enc`, in tables keyed
 * by `id`. Found in the catalogue, so a module that adds one is covered without touching this file.
 * Staged import rows (composite key, ciphertext inside jsonb) are handled on their own.
 */
async function fieldTables(db: Db): Promise<FieldTable[]> {
  const rows = await queryRows<{ table: string; column: string }>(
    db,
    sql`select c.table_name as "table", c.column_name as "column" from information_schema.columns c
         where c.table_schema = 'public' and c.column_name like '%\_enc' and c.table_name <> 'import_job_rows'
           and exists (select 1 from information_schema.columns k
                        where k.table_schema = 'public' and k.table_name = c.table_name and k.column_name = 'id')
         order by c.table_name, c.column_name`,
  );
  const byTable = new Map<string, string[]>();
  for (const r of rows) byTable.set(r.table, [...(byTable.get(r.table) ?? []), r.column]);
  return [...byTable].map(([table, columns]) => ({ table, key: 'id', columns }));
}

export type RekeyReport = { fields: Record<string, number>; stagedRows: number; files: number };

const stale = (column: string, kid: string) =>
  sql.raw(`(${column} is not null and split_part(${column}, ':', 2) <> '${kid}')`);

async function rekeyTable(db: Db, keys: Keys, t: FieldTable): Promise<number> {
  if (!/^[0-9a-f]{8}$/.test(keys.dataKeyId)) throw new Error('密钥编号格式异常');
  const anyStale = sql.join(
    t.columns.map((c) => stale(c, keys.dataKeyId)),
    sql` or `,
  );
  let done = 0;
  let after = 0;
  for (;;) {
    const rows = await queryRows<Record<string, string | number | null>>(
      db,
      sql`select ${sql.raw(t.key)} as k, ${sql.raw(t.columns.join(', '))} from ${sql.raw(t.table)}
           where ${sql.raw(t.key)} > ${after} and (${anyStale}) order by ${sql.raw(t.key)} limit ${BATCH}`,
    );
    if (rows.length === 0) return done;
    await db.transaction(async (tx) => {
      for (const row of rows) {
        const sets: SQL[] = [];
        for (const c of t.columns) {
          const value = row[c] as string | null;
          if (value && needsReencryption(keys, value)) {
            sets.push(sql`${sql.raw(c)} = ${encryptField(keys, decryptField(keys, value))}`);
          }
        }
        if (sets.length === 0) continue;
        await tx.execute(
          sql`update ${sql.raw(t.table)} set ${sql.join(sets, sql`, `)} where ${sql.raw(t.key)} = ${row.k}`,
        );
        done += 1;
      }
    });
    after = Number(rows[rows.length - 1].k);
  }
}

/** Staged import rows: the original cells and the payload's identifiers. */
async function rekeyStagedRows(db: Db, keys: Keys): Promise<number> {
  const again = (v: unknown) =>
    typeof v === 'string' && needsReencryption(keys, v) ? encryptField(keys, decryptField(keys, v)) : v;
  let done = 0;
  for (;;) {
    const rows = await queryRows<{
      jobId: number;
      rowNumber: number;
      rawEnc: string | null;
      payload: Record<string, unknown> | null;
    }>(
      db,
      sql`select job_id as "jobId", row_number as "rowNumber", raw_enc as "rawEnc", payload from import_job_rows
           where ${stale('raw_enc', keys.dataKeyId)} or ${stale("payload->>'idNumberEnc'", keys.dataKeyId)}
              or ${stale("payload->>'phoneEnc'", keys.dataKeyId)}
           limit ${BATCH}`,
    );
    if (rows.length === 0) return done;
    await db.transaction(async (tx) => {
      for (const r of rows) {
        const payload = r.payload
          ? { ...r.payload, idNumberEnc: again(r.payload.idNumberEnc), phoneEnc: again(r.payload.phoneEnc) }
          : null;
        await tx.execute(
          sql`update import_job_rows set raw_enc = ${again(r.rawEnc) as string | null},
                payload = ${payload === null ? null : JSON.stringify(payload)}::jsonb
              where job_id = ${r.jobId} and row_number = ${r.rowNumber}`,
        );
      }
    });
    done += rows.length;
  }
}

/** Stored files: decrypted to a private temp file, written again under the current key, row switched. */
async function rekeyFiles(db: Db, keys: Keys, dataDir: string): Promise<number> {
  const rows = await queryRows<{
    id: number;
    storageKey: string;
    name: string;
    sha256: string;
    size: number;
  }>(db, sql`select id, storage_key as "storageKey", name, sha256, size from files order by id`);
  const tmp = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'zm-rekey-'));
  let done = 0;
  try {
    for (const row of rows) {
      const kid = await blobKeyId(dataDir, row.storageKey);
      if (kid === null || kid === keys.dataKeyId) continue;
      const plain = path.join(tmp, 'plain');
      await pipeline(
        await openFileStream({ keys, config: { dataDir } }, row),
        fs.createWriteStream(plain, { mode: 0o600 }),
      );
      const blob = await writeBlob(
        { keys, config: { dataDir } },
        { path: plain, filename: row.name, mime: '', size: row.size, sha256: row.sha256 },
      );
      await db.execute(sql`update files set storage_key = ${blob.storageKey} where id = ${row.id}`);
      await discardBlob(dataDir, row.storageKey);
      await fs.promises.rm(plain, { force: true });
      done += 1;
    }
  } finally {
    await fs.promises.rm(tmp, { recursive: true, force: true });
  }
  return done;
}

/**
 * After a data-key rotation (new ZHUMENG_DATA_KEY, old one in ZHUMENG_DATA_KEY_PREVIOUS): re-encrypts
 * every field ciphertext, staged import row and stored file still under an old key. Idempotent and
 * resumable: run it again after an interruption. The blind-index key is not rotated by this.
 */
export async function reencryptAll(db: Db, keys: Keys, dataDir: string): Promise<RekeyReport> {
  const fields: Record<string, number> = {};
  for (const t of await fieldTables(db)) fields[t.table] = await rekeyTable(db, keys, t);
  const stagedRows = await rekeyStagedRows(db, keys);
  const files = await rekeyFiles(db, keys, dataDir);
  return { fields, stagedRows, files };
}
