import { expect } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Role } from '../../../common/access';
import type { CollectionDetail } from '../../../common/contracts/reports';
import type { SubmissionDetail } from '../../../common/contracts/reports-submissions';
import { todayInChina } from '../../../common/validators';
import { queryRows } from '../../db/client';
import { createUser, login, unitIdByCode, type Agent, type TestContext } from '../../test/harness';

/** For the 报送 API tests: units by name, signed-in cadres, and the calls every test repeats. */

const UNIT_CODES = {
  centre: '000000',
  beijing: '110000',
  dongcheng: '110101',
  zhejiang: '330000',
  jiangxi: '360000',
  nanchang: '360100',
  donghu: '360102',
  xihu: '360103',
  jingdezhen: '360200',
  jiujiang: '360400',
} as const;
export type UnitKey = keyof typeof UNIT_CODES;

export async function unitIds(t: TestContext): Promise<Record<UnitKey, number>> {
  const out = {} as Record<UnitKey, number>;
  for (const [k, code] of Object.entries(UNIT_CODES)) out[k as UnitKey] = await unitIdByCode(t.db, code);
  return out;
}

export async function agent(t: TestContext, unit: UnitKey, role: Role = 'unit_admin'): Promise<Agent> {
  return login(
    t,
    await createUser(t, { role, unitCode: UNIT_CODES[unit], totp: role === 'operator' ? false : undefined }),
  );
}

/** 'YYYY-MM-DD' `days` from today (Beijing). */
export function inDays(days: number): string {
  const today = todayInChina();
  return new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export async function openCollection(a: Agent, body: Record<string, unknown>): Promise<CollectionDetail> {
  const res = await a.post('/api/report-collections', { year: 2026, deadline: inDays(10), ...body });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as CollectionDetail;
}

export async function submissionId(t: TestContext, collectionId: number, unitId: number): Promise<number> {
  const [row] = await queryRows<{ id: number }>(
    t.db,
    sql`select id from report_submissions where collection_id = ${collectionId} and unit_id = ${unitId}`,
  );
  if (!row) throw new Error(`no submission of unit ${unitId} in collection ${collectionId}`);
  return row.id;
}

export async function getSubmission(a: Agent, id: number): Promise<SubmissionDetail> {
  const res = await a.get(`/api/report-submissions/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as SubmissionDetail;
}

/** Saves the given narrative fields and returns the new detail. */
export async function save(a: Agent, id: number, content: Record<string, string>, figures: unknown[] = []) {
  const d = await getSubmission(a, id);
  const res = await a.put(`/api/report-submissions/${id}`, { version: d.version, content, figures });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as SubmissionDetail;
}

/** Posts an action (`submit`, `accept`, `return`, `consolidate`…) at the current version. */
export async function act(a: Agent, id: number, action: string, extra: Record<string, unknown> = {}) {
  const d = await getSubmission(a, id);
  return a.post(`/api/report-submissions/${id}/${action}`, { version: d.version, ...extra });
}

export async function actOk(a: Agent, id: number, action: string, extra: Record<string, unknown> = {}) {
  const res = await act(a, id, action, extra);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as SubmissionDetail;
}

/** Fills the required fields of a 季度工作进展 and submits it. */
export async function fillAndSubmit(a: Agent, id: number, progress = '本季度走访新兴青年，开展青春沙龙。') {
  await save(a, id, { progress });
  return actOk(a, id, 'submit');
}

/** Moves a submission's dates, for timeliness with fixed dates rather than waiting. */
export async function setDates(
  t: TestContext,
  id: number,
  v: { deadline?: string; firstSubmittedOn?: string },
): Promise<void> {
  if (v.deadline)
    await t.db.execute(sql`update report_submissions set deadline = ${v.deadline}::date where id = ${id}`);
  if (v.firstSubmittedOn) {
    await t.db.execute(sql`update report_submissions
      set first_submitted_at = (${v.firstSubmittedOn}::date + time '10:00') at time zone 'Asia/Shanghai'
      where id = ${id}`);
  }
}
