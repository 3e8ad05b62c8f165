import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { files, units, workPlans } from '../../db/schema';
import { openTestDatabase } from '../../test/test-db';
import { ephemeralKeys } from '../crypto/keys';
import { blobPath, insertFileRow, writeBlob } from './file-store';
import { sweepUnlinkedFiles } from './file-sweep';
import { SAMPLE_FILES } from './test-files';

let database: Database;
let dataDir: string;
let unitId: number;

beforeAll(async () => {
  database = await openTestDatabase();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zm-sweep-'));
  const [unit] = await database.db
    .insert(units)
    .values({
      code: '990000',
      name: '测试省',
      orgName: '共青团测试省委员会',
      level: 'province',
      path: '/',
      namePinyin: 'ceshisheng',
      nameInitials: 'css',
    })
    .returning({ id: units.id });
  unitId = unit.id;
});

afterAll(async () => {
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function stored(name: string, daysOld: number) {
  const tmp = path.join(dataDir, `upload-${crypto.randomUUID()}`);
  fs.writeFileSync(tmp, SAMPLE_FILES.pdf);
  const blob = await writeBlob(
    { keys: ephemeralKeys(), config: { dataDir } },
    { path: tmp, filename: name, mime: 'application/pdf', size: SAMPLE_FILES.pdf.length, sha256: '' },
  );
  const row = await insertFileRow(database.db, blob, { unitId, createdBy: null });
  await database.db
    .update(files)
    .set({ createdAt: sql`now() - make_interval(days => ${daysOld})` })
    .where(eq(files.id, row.id));
  return row;
}

describe('sweepUnlinkedFiles', () => {
  it('removes old files nothing refers to, row and blob, and keeps linked and recent ones', async () => {
    const abandoned = await stored('未保存的方案.pdf', 10);
    const recent = await stored('刚上传的方案.pdf', 1);
    const linked = await stored('已保存的方案.pdf', 30);
    await database.db.insert(workPlans).values({
      unitId,
      title: '测试方案',
      kind: 'implementation',
      year: 2026,
      source: 'document',
      sourceFileId: linked.id,
    });

    expect(await sweepUnlinkedFiles(database.db, dataDir)).toBe(1);

    const left = await database.db.select({ id: files.id }).from(files);
    expect(left.map((r) => r.id).sort()).toEqual([recent.id, linked.id].sort());
    expect(fs.existsSync(blobPath(dataDir, abandoned.storageKey))).toBe(false);
    expect(fs.existsSync(blobPath(dataDir, linked.storageKey))).toBe(true);
    expect(await sweepUnlinkedFiles(database.db, dataDir)).toBe(0);
  });
});
