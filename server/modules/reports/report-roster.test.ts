import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { eq, sql } from 'drizzle-orm';
import type { RosterEntry } from '../../../common/contracts/reports-submissions';
import { queryRows } from '../../db/client';
import { youth } from '../../db/schema';
import { blindIndex, encryptField } from '../../platform/crypto/field-crypto';
import {
  createTestContext,
  createUser,
  login,
  unitIdByCode,
  type Agent,
  type TestContext,
} from '../../test/harness';
import {
  act,
  actOk,
  agent,
  getSubmission,
  openCollection,
  submissionId,
  unitIds,
  type UnitKey,
} from './report-test-kit';

/**
 * 花名册: a snapshot of the key targets (本级及下级) with their encrypted fields copied, masked on the way
 * out; consolidation up the levels; the exports of one roster and of the whole collection.
 */

let t: TestContext;
let ids: Record<UnitKey, number>;
let jiangxi: Agent;
let ncAdmin: Agent;
let ncOp: Agent;
let dhOp: Agent;
let xhOp: Agent;
let jjOp: Agent;
let collectionId: number;
const nc = { roster: 0 };
let moved: number;

let seq = 0;
async function person(unitId: number, name: string, stage: 'key' | 'contact' = 'key') {
  seq += 1;
  const id = `36010219960101${String(1000 + seq)}`;
  const phone = `1380000${String(1000 + seq)}`;
  const [row] = await t.db
    .insert(youth)
    .values({
      unitId,
      name,
      namePinyin: name,
      nameInitials: name,
      stage,
      gender: 'female',
      birthDate: '1996-01-01',
      idNumberEnc: encryptField(t.keys, id),
      idNumberIdx: blindIndex(t.keys, 'id_number', id),
      phoneEnc: encryptField(t.keys, phone),
      phoneIdx: blindIndex(t.keys, 'phone', phone),
      occupation: '网络作家',
      worksAchievements: '长篇小说《筑梦》',
    })
    .returning({ id: youth.id });
  return { id: row.id, idNumber: id, phone };
}

async function read(buffer: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb;
}

const texts = (ws: ExcelJS.Worksheet) => {
  const lines: string[] = [];
  ws.eachRow((row) =>
    lines.push(
      (row.values as unknown[])
        .slice(1)
        .map((v) => String(v ?? ''))
        .join('|'),
    ),
  );
  return lines;
};

let nanchangFirst: { idNumber: string; phone: string };

beforeAll(async () => {
  t = await createTestContext();
  ids = await unitIds(t);
  jiangxi = await agent(t, 'jiangxi');
  ncAdmin = await agent(t, 'nanchang');
  ncOp = await agent(t, 'nanchang', 'operator');
  dhOp = await agent(t, 'donghu', 'operator');
  xhOp = await agent(t, 'xihu', 'operator');
  jjOp = await agent(t, 'jiujiang', 'operator');
  nanchangFirst = await person(ids.nanchang, '南一');
  await person(ids.nanchang, '南二');
  await person(ids.nanchang, '南联', 'contact');
  moved = (await person(ids.donghu, '东一')).id;
  await person(ids.xihu, '西一');
  await person(ids.jiujiang, '九一');
  const c = await openCollection(jiangxi, {
    form: 'roster',
    target: { mode: 'levels', levels: ['city', 'county'] },
  });
  collectionId = c.id;
  nc.roster = await submissionId(t, collectionId, ids.nanchang);
});

afterAll(async () => {
  await t?.close();
});

describe('a submitted roster', () => {
  it('is generated from the registry for the unit and below, masked in the list', async () => {
    const id = nc.roster;
    const generated = await actOk(ncOp, id, 'roster', { source: 'registry' });
    expect(generated).toMatchObject({ status: 'draft', rosterSource: 'registry', rosterCount: 4 });
    const list = await ncOp.get(`/api/report-submissions/${id}/roster?pageSize=50`);
    const items = list.json().items as RosterEntry[];
    expect(items.map((e) => [e.seq, e.keptBy, e.name])).toEqual([
      [1, '南昌市', '南一'],
      [2, '南昌市', '南二'],
      [3, '东湖区', '东一'],
      [4, '西湖区', '西一'],
    ]);
    expect(items[0]).toMatchObject({ birthMonth: '1996.01', occupation: '网络作家' });
    expect(items[0].idNumber).toBe(`360102********${nanchangFirst.idNumber.slice(-4)}`);
    expect(items[0].phone).toBe(`138****${nanchangFirst.phone.slice(-4)}`);
    expect(list.body).not.toContain(nanchangFirst.idNumber);
    const searched = await ncOp.get(`/api/report-submissions/${id}/roster?q=东湖`);
    expect(searched.json().total).toBe(1);
    const [copied] = await queryRows<{ enc: string }>(
      t.db,
      sql`select id_number_enc as enc from report_roster_entries where submission_id = ${id} and seq = 1`,
    );
    expect(copied.enc.startsWith('sm4:')).toBe(true);
    expect((await jjOp.get(`/api/report-submissions/${id}/roster`)).statusCode).toBe(404);
  });

  it('an empty roster cannot be submitted', async () => {
    const qingyunpu = await unitIdByCode(t.db, '360104');
    const id = await submissionId(t, collectionId, qingyunpu);
    expect((await getSubmission(ncOp, id)).canEdit).toBe(false);
    const local = await login(t, await createUser(t, { role: 'operator', unitCode: '360104', totp: false }));
    const first = await act(local, id, 'submit');
    expect(first.statusCode).toBe(400);
    expect(first.json().message).toContain('花名册为空');
    expect((await actOk(local, id, 'roster', { source: 'registry' })).rosterCount).toBe(0);
    expect((await act(local, id, 'submit')).statusCode).toBe(400);
  });

  it('is consolidated from the accepted rosters below plus the unit’s own key targets, each person once', async () => {
    for (const [op, unit] of [
      [dhOp, ids.donghu],
      [xhOp, ids.xihu],
    ] as const) {
      const id = await submissionId(t, collectionId, unit);
      await actOk(op, id, 'roster', { source: 'registry' });
      await actOk(op, id, 'submit');
      await actOk(ncAdmin, id, 'accept');
    }
    // 东一 has since moved to the city itself: listed once, by the city.
    await t.db.update(youth).set({ unitId: ids.nanchang }).where(eq(youth.id, moved));
    const merged = await actOk(ncOp, nc.roster, 'consolidate');
    expect(merged).toMatchObject({ rosterSource: 'consolidated', rosterCount: 4, consolidatable: 0 });
    expect(merged.consolidated.map((s) => s.unit.name)).toEqual(['东湖区', '西湖区']);
    const items = (await ncOp.get(`/api/report-submissions/${nc.roster}/roster`)).json()
      .items as RosterEntry[];
    expect(items.map((e) => [e.keptBy, e.name])).toEqual([
      ['南昌市', '东一'],
      ['南昌市', '南一'],
      ['南昌市', '南二'],
      ['西湖区', '西一'],
    ]);
    const submitted = await actOk(ncOp, nc.roster, 'submit');
    expect(submitted.status).toBe('submitted');
  });
});

describe('roster exports', () => {
  it('exports one roster in the official layout, masked; unmasked only with personal.export and a reason', async () => {
    const masked = await ncOp.post(`/api/report-submissions/${nc.roster}/roster/export`, {});
    expect(masked.statusCode, masked.body).toBe(200);
    const ws = (await read(masked.rawPayload)).getWorksheet('花名册')!;
    const lines = texts(ws);
    expect(lines[0]).toContain('新兴青年群体重点培养对象花名册');
    expect(lines[3].split('|').slice(0, 4)).toEqual(['序号', '所在单位', '姓名', '性别']);
    expect(lines.join('\n')).toContain('360102********');
    expect(lines.join('\n')).not.toContain(nanchangFirst.idNumber);
    const refused = await ncOp.post(`/api/report-submissions/${nc.roster}/roster/export`, {
      unmasked: true,
      reason: '报送团中央核对',
    });
    expect(refused.statusCode).toBe(403);
    const noReason = await ncAdmin.post(`/api/report-submissions/${nc.roster}/roster/export`, {
      unmasked: true,
    });
    expect(noReason.statusCode).toBe(400);
    const full = await ncAdmin.post(`/api/report-submissions/${nc.roster}/roster/export`, {
      unmasked: true,
      reason: '报送团中央核对',
    });
    expect(full.statusCode).toBe(200);
    expect(texts((await read(full.rawPayload)).getWorksheet('花名册')!).join('\n')).toContain(
      nanchangFirst.idNumber,
    );
    const [audit] = await queryRows<{ detail: { unmasked: boolean; reason: string; count: number } }>(
      t.db,
      sql`select detail from audit_log where action = 'report.roster_exported' order by id desc limit 1`,
    );
    expect(audit.detail).toEqual({ count: 4, unmasked: true, reason: '报送团中央核对' });
  });

  it('the collection export lists every expected unit and every entry of the submitted rosters', async () => {
    const res = await jiangxi.post(`/api/report-collections/${collectionId}/export`, {
      unitId: ids.nanchang,
    });
    expect(res.statusCode, res.body).toBe(200);
    const wb = await read(res.rawPayload);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['报送情况', '花名册']);
    const status = texts(wb.getWorksheet('报送情况')!);
    expect(status[2]).toContain('应报');
    const donghuRow = status.find((l) => l.includes('|东湖区|'))!;
    expect(donghuRow).toContain('已通过');
    expect(donghuRow).toContain('按时报送');
    expect(donghuRow).toContain('南昌市');
    const roster = texts(wb.getWorksheet('花名册')!);
    expect(roster[2].split('|').slice(0, 3)).toEqual(['报送单位', '序号', '所在单位']);
    // 南昌市 (4, consolidated) + 东湖区 (1) + 西湖区 (1), masked.
    expect(roster.slice(3)).toHaveLength(6);
    expect(roster.join('\n')).not.toContain(nanchangFirst.idNumber);
    const refused = await ncOp.post(`/api/report-collections/${collectionId}/export`, {
      unmasked: true,
      reason: '核对名单',
    });
    expect(refused.statusCode).toBe(403);
    const sibling = await jjOp.post(`/api/report-collections/${collectionId}/export`, {
      unitId: ids.nanchang,
    });
    expect(sibling.statusCode).toBe(404);
  });
});
