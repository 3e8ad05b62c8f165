import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
import { docxDocumentXml } from '../../platform/word/test-docx';
import { createTestContext, type Agent, type TestContext } from '../../test/harness';
import {
  actOk,
  agent,
  fillAndSubmit,
  openCollection,
  save,
  submissionId,
  unitIds,
  type UnitKey,
} from './report-test-kit';

/** The consolidated exports of a 季度工作进展: the indicator sheet and the narratives as Word documents. */

let t: TestContext;
let ids: Record<UnitKey, number>;
let centre: Agent;
let jiangxi: Agent;
let nanchangOp: Agent;
let zhejiang: Agent;

/** The visible text of a Word document, runs joined. */
async function wordText(buffer: Buffer) {
  const xml = await docxDocumentXml(buffer);
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

beforeAll(async () => {
  t = await createTestContext();
  ids = await unitIds(t);
  centre = await agent(t, 'centre');
  jiangxi = await agent(t, 'jiangxi');
  nanchangOp = await agent(t, 'nanchang', 'operator');
  zhejiang = await agent(t, 'zhejiang');
});

afterAll(async () => {
  await t?.close();
});

describe('collection exports', () => {
  let collectionId: number;
  beforeAll(async () => {
    const c = await openCollection(jiangxi, {
      form: 'quarterly',
      quarter: 4,
      target: { mode: 'key_cities' },
    });
    collectionId = c.id;
    const id = await submissionId(t, c.id, ids.nanchang);
    await save(nanchangOp, id, { problems: '专职力量不足。' });
    await fillAndSubmit(nanchangOp, id, '走访网络作家 12 人。\n举办青春沙龙 3 场，参与 96 人次。');
    await actOk(jiangxi, id, 'accept');
  });

  it('the workbook has 报送情况 and, for a quarterly report, 指标 for the units that reported', async () => {
    const res = await jiangxi.post(`/api/report-collections/${collectionId}/export`, {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('2026年第4季度工作进展汇总'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['报送情况', '指标']);
    const status = wb.getWorksheet('报送情况')!;
    expect(status.getRow(5).getCell(3).value).toBe('南昌市');
    expect(status.getRow(6).getCell(3).value).toBe('景德镇市');
    expect(status.getRow(6).getCell(7).value).toBe('未填报');
    const figures = wb.getWorksheet('指标')!;
    expect(figures.getRow(3).getCell(5).value).toBe('联系青年（人）');
    expect(figures.getRow(4).getCell(2).value).toBe('南昌市');
    expect(figures.getRow(4).getCell(5).value).toBe(0);
    expect(figures.getRow(5).getCell(2).value ?? null).toBeNull();
  });

  it('the Word document gathers the narratives of the units that reported, in 公文 style', async () => {
    const res = await jiangxi.get(`/api/report-collections/${collectionId}/document`);
    expect(res.statusCode, res.body).toBe(200);
    const text = await wordText(res.rawPayload);
    expect(text).toContain('2026年第4季度工作进展汇编');
    expect(text).toContain('一、南昌市');
    expect(text).toContain('（一）本季度工作进展');
    expect(text).toContain('举办青春沙龙 3 场，参与 96 人次。');
    expect(text).toContain('（二）存在问题与困难');
    expect(text).toContain('主要工作指标');
    expect(text).not.toContain('景德镇市');
    expect((await zhejiang.get(`/api/report-collections/${collectionId}/document`)).statusCode).toBe(404);
    const audits = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from audit_log where action in ('report.exported', 'report.document_exported')
          and target_id = ${String(collectionId)}`,
    );
    expect(audits[0].n).toBe(2);
  });
});

describe('a report’s own document', () => {
  it('carries the accepted reports it consolidates after its own text and signature', async () => {
    const c = await openCollection(centre, {
      form: 'case',
      target: { mode: 'levels', levels: ['province', 'city'] },
    });
    const nc = await submissionId(t, c.id, ids.nanchang);
    const jx = await submissionId(t, c.id, ids.jiangxi);
    await save(nanchangOp, nc, { title: '网络作家之家', practices: '依托青年之家建立网络作家之家。' });
    await actOk(nanchangOp, nc, 'submit');
    await actOk(jiangxi, nc, 'accept');
    await actOk(jiangxi, jx, 'consolidate');
    await save(jiangxi, jx, { title: '江西省筑梦计划案例', practices: '全省推广“网络作家之家”。' });
    const res = await jiangxi.get(`/api/report-submissions/${jx}/document`);
    expect(res.statusCode, res.body).toBe(200);
    const text = await wordText(res.rawPayload);
    expect(text).toContain('江西省2026年度工作案例');
    expect(text).toContain('案例标题：江西省筑梦计划案例');
    expect(text).toContain('共青团江西省委员会');
    expect(text).toContain('附：汇总的下级报送材料');
    expect(text.indexOf('依托青年之家建立网络作家之家。')).toBeGreaterThan(
      text.indexOf('附：汇总的下级报送材料'),
    );
    expect((await zhejiang.get(`/api/report-submissions/${jx}/document`)).statusCode).toBe(404);
  });
});
