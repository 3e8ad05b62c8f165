import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { DEFAULT_AWARD_LEVELS, DEFAULT_CATEGORIES, DEFAULT_RUBRIC } from '../../../common/contracts/calls';
import { workEntrants, workFiles, works } from '../../db/schema';
import { blindIndex, encryptField } from '../../platform/crypto/field-crypto';
import { insertFileRow, writeBlob } from '../../platform/files/file-store';
import { recordConsent } from '../privacy/privacy.service';
import { latestNotice } from '../privacy/privacy.repo';
import type { Agent, TestContext } from '../../test/harness';
import { ID_NUMBER_INDEX, PHONE_INDEX } from '../youth/youth.input';
import { insertCallEntry } from './call-entries.repo';

/** What the call tests share: a call made through the API, and entries written straight into the tables. */

const day = 86_400_000;

export function callBody(overrides: Record<string, unknown> = {}) {
  return {
    title: '青春筑梦·书画摄影作品征集',
    theme: '新时代 新青年',
    categories: DEFAULT_CATEGORIES,
    rubric: DEFAULT_RUBRIC,
    awardLevels: DEFAULT_AWARD_LEVELS,
    opensAt: new Date(Date.now() - day).toISOString(),
    closesAt: new Date(Date.now() + 30 * day).toISOString(),
    ...overrides,
  };
}

export async function createCall(agent: Agent, overrides: Record<string, unknown> = {}) {
  const res = await agent.post('/api/calls', callBody(overrides));
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { id: number; version: number; unitId: number; slug: string };
}

export async function publishCall(agent: Agent, call: { id: number; version: number }) {
  const res = await agent.post(`/api/calls/${call.id}/publish`, { version: call.version });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { id: number; version: number; unitId: number; slug: string };
}

export type EntrantInput = {
  name: string;
  idNumber?: string;
  phone?: string;
  birthDate?: string;
  ageBand?: 'adult' | 'minor' | 'child';
  matchedYouthId?: number;
  youthId?: number;
};

/** A work as the public form would leave it: entrants with encrypted numbers, a file, each entrant's consents, its entry. */
export async function insertEntry(
  t: TestContext,
  call: { id: number; unitId: number },
  o: { title?: string; categoryKey?: string; entrants: EntrantInput[]; groupName?: string; file?: boolean },
) {
  return t.db.transaction(async (tx) => {
    const [work] = await tx
      .insert(works)
      .values({
        unitId: call.unitId,
        callId: call.id,
        receiptIdx: randomUUID(),
        title: o.title ?? '赣江晨曦',
        categoryKey: o.categoryKey ?? 'photography',
        description: '清晨的赣江',
        groupName: o.groupName ?? null,
        originalityAt: new Date(),
        publicityConsent: true,
        channel: '海报',
      })
      .returning({ id: works.id });
    const entrants = await tx
      .insert(workEntrants)
      .values(
        o.entrants.map((e, position) => ({
          workId: work.id,
          position,
          name: e.name,
          gender: 'female' as const,
          birthDate: e.birthDate ?? '1998-05-12',
          idNumberEnc: e.idNumber ? encryptField(t.keys, e.idNumber) : null,
          idNumberIdx: e.idNumber ? blindIndex(t.keys, ID_NUMBER_INDEX, e.idNumber) : null,
          phoneEnc: e.phone ? encryptField(t.keys, e.phone) : null,
          phoneIdx: e.phone ? blindIndex(t.keys, PHONE_INDEX, e.phone) : null,
          ageBand: e.ageBand ?? 'adult',
          matchedYouthId: e.matchedYouthId ?? null,
          youthId: e.youthId ?? null,
        })),
      )
      .returning({ id: workEntrants.id });
    let fileId: number | null = null;
    if (o.file) {
      const dir = fs.mkdtempSync(path.join(t.config.dataDir, 'in-'));
      const p = path.join(dir, 'upload');
      const bytes = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
      fs.writeFileSync(p, bytes);
      const blob = await writeBlob(t, {
        path: p,
        filename: '张晓梅-作品说明.pdf',
        mime: 'application/pdf',
        size: bytes.length,
        sha256: '',
      });
      const row = await insertFileRow(tx, blob, { unitId: call.unitId, createdBy: null });
      const [wf] = await tx
        .insert(workFiles)
        .values({ workId: work.id, fileId: row.id, kind: 'pdf', position: 0 })
        .returning({ id: workFiles.id });
      fileId = wf.id;
    }
    const notice = await latestNotice(tx, call.unitId);
    if (notice) {
      for (const purpose of ['registration', 'publicity'] as const) {
        for (const position of o.entrants.keys())
          await recordConsent(tx, {
            subjectPosition: position,
            unitId: call.unitId,
            purpose,
            subjectKind: 'work',
            subjectId: work.id,
            notice,
            channel: '海报',
            pagePath: '/m/c/test',
            ipAnon: '10.1.2.0',
            userAgent: 'test',
          });
      }
    }
    const entry = await insertCallEntry(tx, { callId: call.id, workId: work.id, origin: 'public' });
    return { ...entry, workId: work.id, entrantIds: entrants.map((e) => e.id), fileId };
  });
}
