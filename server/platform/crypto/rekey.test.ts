import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
import { importJobRows, importJobs, youth } from '../../db/schema';
import { createTestContext, createUser, unitIdByCode, type TestContext } from '../../test/harness';
import { insertFileRow, readFileBuffer, writeBlob } from '../files/file-store';
import { decryptField, encryptField } from './field-crypto';
import { keyId, type Keys } from './keys';
import { reencryptAll } from './rekey';

let t: TestContext;
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zm-rekey-'));
  t = await createTestContext({ dataDir });
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('reencryptAll', () => {
  it('moves every ciphertext and stored file to the new key; the old key is then no longer needed', async () => {
    const old = t.keys;
    const unitId = await unitIdByCode(t.db, '360100');
    const user = await createUser(t, { role: 'operator', unitCode: '360100', totp: false });
    await t.db.execute(
      sql`update users set totp_secret_enc = ${encryptField(old, 'JBSWY3DPEHPK3PXP')} where id = ${user.id}`,
    );
    for (let i = 0; i < 1201; i += 1) {
      await t.db.insert(youth).values({
        unitId,
        name: `轮换${i}`,
        namePinyin: 'lunhuan',
        nameInitials: 'lh',
        idNumberEnc: encryptField(old, `ID${i}`),
        phoneEnc: i % 2 ? encryptField(old, `138${i}`) : null,
      });
    }
    const [job] = await t.db
      .insert(importJobs)
      .values({ kind: 'youth', unitId, createdBy: user.id, fileName: 'x.xlsx', fileSize: 1, fileSha256: 'x' })
      .returning({ id: importJobs.id });
    await t.db.insert(importJobRows).values({
      jobId: job.id,
      rowNumber: 2,
      action: 'new',
      rawEnc: encryptField(old, '["原始"]'),
      payload: { name: '甲', idNumberEnc: encryptField(old, 'ID-staged'), phoneEnc: null },
    });
    const content = Buffer.from('%PDF-1.4\n轮换前的附件\n%%EOF\n');
    const plain = path.join(dataDir, 'doc.pdf');
    fs.writeFileSync(plain, content);
    const sha256 = crypto.createHash('sha256').update(content).digest('hex');
    const blob = await writeBlob(
      { keys: old, config: { dataDir } },
      { path: plain, filename: 'doc.pdf', mime: 'application/pdf', size: content.length, sha256 },
    );
    const fileRow = await insertFileRow(t.db, blob, { unitId, createdBy: user.id });

    const data = crypto.randomBytes(32);
    const rotated: Keys = {
      data,
      dataKeyId: keyId(data),
      previous: new Map([[old.dataKeyId, old.data]]),
      index: old.index,
    };
    const report = await reencryptAll(t.db, rotated, dataDir);
    expect(report).toMatchObject({ fields: { youth: 1201, users: 1 }, stagedRows: 1, files: 1 });
    // Every `_enc` column of the schema is covered, including those added by later modules.
    expect(Object.keys(report.fields)).toEqual(
      expect.arrayContaining([
        'youth',
        'users',
        'mentors',
        'training_institutions',
        'contact_points',
        'signups',
      ]),
    );

    const onlyNew: Keys = { ...rotated, previous: new Map() };
    const people = await queryRows<{ name: string; id: string; phone: string | null }>(
      t.db,
      sql`select name, id_number_enc as id, phone_enc as phone from youth where name like ${'轮换%'} order by youth.id`,
    );
    expect(people.every((p) => p.id.split(':')[1] === rotated.dataKeyId)).toBe(true);
    expect(decryptField(onlyNew, people[7].id)).toBe('ID7');
    expect(decryptField(onlyNew, people[7].phone!)).toBe('1387');
    const [u] = await queryRows<{ s: string }>(
      t.db,
      sql`select totp_secret_enc as s from users where id = ${user.id}`,
    );
    expect(decryptField(onlyNew, u.s)).toBe('JBSWY3DPEHPK3PXP');
    const [staged] = await queryRows<{ rawEnc: string; payload: { idNumberEnc: string } }>(
      t.db,
      sql`select raw_enc as "rawEnc", payload from import_job_rows where job_id = ${job.id}`,
    );
    expect(decryptField(onlyNew, staged.rawEnc)).toBe('["原始"]');
    expect(decryptField(onlyNew, staged.payload.idNumberEnc)).toBe('ID-staged');
    const [f] = await queryRows<{ storageKey: string; sha256: string; size: number }>(
      t.db,
      sql`select storage_key as "storageKey", sha256, size from files where id = ${fileRow.id}`,
    );
    expect(f.storageKey).not.toBe(blob.storageKey);
    expect(await readFileBuffer({ keys: onlyNew, config: { dataDir } }, f)).toEqual(content);
    await expect(readFileBuffer({ keys: onlyNew, config: { dataDir } }, fileRow)).rejects.toThrow();

    const again = await reencryptAll(t.db, rotated, dataDir);
    expect(Object.values(again.fields).every((n) => n === 0)).toBe(true);
    expect(again).toMatchObject({ stagedRows: 0, files: 0 });
  });
});
