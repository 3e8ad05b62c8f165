import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
import { createTestContext, createUser, login, type Agent, type TestContext } from '../../test/harness';
import { freshId, freshPhone, publishNotice } from '../signup/signup-test-fixtures';
import { createCall, insertEntry, publishCall } from './calls-test-fixtures';

let t: TestContext;
let donghu: Agent;
let donghuAdmin: Agent;
let city: Agent;
let xihu: Agent;
let call: { id: number; version: number; unitId: number; slug: string };

beforeAll(async () => {
  t = await createTestContext();
  const op = (unitCode: string) => createUser(t, { role: 'operator', unitCode, totp: false });
  donghu = await login(t, await op('360102'));
  city = await login(t, await op('360100'));
  xihu = await login(t, await op('360103'));
  donghuAdmin = await login(t, await createUser(t, { role: 'unit_admin', unitCode: '360102' }));
  await publishNotice(donghu, '南昌市东湖区');
  call = await publishCall(donghu, await createCall(donghu, { title: '东湖区青年摄影征集' }));
});
afterAll(async () => {
  await t?.close();
});

const rows = <T>(q: ReturnType<typeof sql>) => queryRows<T>(t.db, q);
const search = (a: Agent, body: Record<string, unknown> = {}) =>
  a.post(`/api/calls/${call.id}/entries/search`, body);
const detail = async (a: Agent, id: number) => {
  const res = await a.get(`/api/calls/entries/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const reviewOne = async (a: Agent, id: number, status: string, reason?: string) => {
  const { version } = await detail(a, id);
  return a.post(`/api/calls/entries/${id}/review`, { version, status, reason });
};

describe('the entries of a call', () => {
  it('lists them to the call’s unit and the city above, finds them by title, number and name, masks numbers', async () => {
    const idNumber = freshId();
    const phone = freshPhone();
    const a = await insertEntry(t, call, {
      title: '滕王阁夜色',
      entrants: [{ name: '张晓梅', idNumber, phone }, { name: '李娜' }],
      groupName: '晨光摄影社',
      file: true,
    });
    await insertEntry(t, call, { title: '八一广场', entrants: [{ name: '赵磊' }] });

    const found = async (keyword: string) =>
      ((await search(donghu, { keyword })).json().items as { title: string }[]).map((i) => i.title);
    expect(await found('滕王阁')).toEqual(['滕王阁夜色']);
    expect(await found('赵磊')).toEqual(['八一广场']);
    const newestFirst = (await search(donghu, { sort: '-entryNo' }))
      .json()
      .items.map((i: { entryNo: number }) => i.entryNo);
    expect(newestFirst).toEqual([...newestFirst].sort((x: number, y: number) => y - x));
    expect(newestFirst[0]).toBeGreaterThan(newestFirst[1]);
    expect(await found(`作品 ${String(a.entryNo).padStart(4, '0')}`)).toEqual(['滕王阁夜色']);

    const [item] = (await search(city, { keyword: '滕王阁' })).json().items;
    expect(item).toMatchObject({
      label: `作品 ${String(a.entryNo).padStart(4, '0')}`,
      categoryLabel: '摄影',
      entrantNames: ['张晓梅', '李娜'],
      groupName: '晨光摄影社',
      filesCount: 1,
      status: 'submitted',
      origin: 'public',
      identifying: false,
    });
    expect((await search(xihu)).statusCode).toBe(404);
    expect((await xihu.get(`/api/calls/entries/${a.id}`)).statusCode).toBe(404);

    const d = await detail(donghu, a.id);
    expect(d.entrants[0]).toMatchObject({
      name: '张晓梅',
      idNumber: `${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`,
    });
    expect(d.entrants[0].phone).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    expect(JSON.stringify(d)).not.toContain(idNumber);
    expect(JSON.stringify(d)).not.toContain(phone);
    expect(d.files).toEqual([
      expect.objectContaining({ originalName: '张晓梅-作品说明.pdf', kind: 'pdf', mime: 'application/pdf' }),
    ]);
    // Each of the two entrants consented for themself.
    expect(d.consents.map((c: { purpose: string }) => c.purpose).sort()).toEqual([
      'publicity',
      'publicity',
      'registration',
      'registration',
    ]);

    // The full numbers only with the reveal permission, with a reason, audited.
    const url = `/api/calls/entries/${a.id}/entrants/${a.entrantIds[0]}/reveal`;
    expect((await donghu.post(url, { reason: '核实参赛资格' })).statusCode).toBe(403);
    const revealed = await donghuAdmin.post(url, { reason: '核实参赛资格' });
    expect(revealed.statusCode, revealed.body).toBe(200);
    expect(revealed.json()).toEqual({ idNumber, phone });
    const [audit] = await rows<{ detail: { reason: string } }>(
      sql`select detail from audit_log where action = 'calls.entrant_revealed' and target_id = ${String(a.id)}`,
    );
    expect(audit.detail.reason).toBe('核实参赛资格');
    expect(JSON.stringify(audit)).not.toContain(idNumber);
  });

  it('downloads a file to viewers in scope only, under its name, and audits it', async () => {
    const a = await insertEntry(t, call, { title: '下载测试', entrants: [{ name: '周敏' }], file: true });
    const url = `/api/calls/entries/${a.id}/files/${a.fileId}`;
    const res = await city.get(url);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body.startsWith('%PDF-1.4')).toBe(true);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('张晓梅-作品说明.pdf'));
    expect((await xihu.get(url)).statusCode).toBe(404);
    expect((await donghu.get(`/api/calls/entries/${a.id}/files/${a.fileId! + 999}`)).statusCode).toBe(404);
    const logged = await rows<{ n: number }>(
      sql`select count(*)::int as n from audit_log where action = 'calls.entry_file_downloaded' and target_id = ${String(a.id)}`,
    );
    expect(logged[0].n).toBe(1);
  });
});

describe('formal review', () => {
  it('needs a reason except for eligible, refuses the same verdict twice and a withdrawn work', async () => {
    const a = await insertEntry(t, call, { title: '审查一', entrants: [{ name: '钱多' }] });
    const noReason = await reviewOne(donghu, a.id, 'incomplete');
    expect(noReason.statusCode).toBe(400);
    const incomplete = await reviewOne(donghu, a.id, 'incomplete', '缺少作品说明');
    expect(incomplete.statusCode, incomplete.body).toBe(200);
    expect(incomplete.json().entry).toMatchObject({ status: 'incomplete', reviewReason: '缺少作品说明' });
    expect((await reviewOne(donghu, a.id, 'incomplete', '再说一次')).statusCode).toBe(409);
    const eligible = await reviewOne(donghu, a.id, 'eligible');
    expect(eligible.json().entry).toMatchObject({ status: 'eligible', reviewReason: null });
    expect(
      eligible.json().entry.history.map((h: { actionName: string; detail: string }) => h.detail),
    ).toEqual(['材料不全：缺少作品说明', '合格']);
    // A leader reads but does not review.
    const leader = await login(t, await createUser(t, { role: 'leader', unitCode: '360102', totp: false }));
    expect((await reviewOne(leader, a.id, 'ineligible', '超龄')).statusCode).toBe(403);

    const w = await insertEntry(t, call, { title: '已撤回', entrants: [{ name: '孙俪' }] });
    await t.db.execute(sql`update works set status = 'withdrawn' where id = ${w.workId}`);
    const refused = await reviewOne(donghu, w.id, 'eligible');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toBe('作者已撤回该作品，不能审查');
  });

  it('marks and unmarks identifying content with a note', async () => {
    const a = await insertEntry(t, call, { title: '署名作品', entrants: [{ name: '吴刚' }] });
    const d = await detail(donghu, a.id);
    const url = `/api/calls/entries/${a.id}/identifying`;
    expect((await donghu.post(url, { version: d.version, identifying: true })).statusCode).toBe(400);
    const marked = await donghu.post(url, {
      version: d.version,
      identifying: true,
      note: '画面右下角有作者签名',
    });
    expect(marked.json()).toMatchObject({ identifying: true, identifyingNote: '画面右下角有作者签名' });
    expect(
      (await search(donghu, { identifying: true })).json().items.map((i: { id: number }) => i.id),
    ).toEqual([a.id]);
    const unmarked = await donghu.post(url, { version: marked.json().version, identifying: false });
    expect(unmarked.json()).toMatchObject({ identifying: false, identifyingNote: null });
  });

  it('reviews a batch in one go, reporting the entries it could not review; an id out of scope refuses all', async () => {
    const xihuCall = await publishCall(
      xihu,
      await (async () => {
        await publishNotice(xihu, '南昌市西湖区');
        return createCall(xihu);
      })(),
    );
    const foreign = await insertEntry(t, xihuCall, { entrants: [{ name: '外区' }] });
    // One after the other: the assertions below read the entries in the order of their ids.
    const batch = [];
    for (const n of [1, 2, 3]) {
      batch.push(await insertEntry(t, call, { title: `批量${n}`, entrants: [{ name: `批量作者${n}` }] }));
    }
    await reviewOne(donghu, batch[0].id, 'duplicate', '与 作品 0001 重复');
    const url = `/api/calls/${call.id}/entries/review`;
    const ids = batch.map((b) => b.id);

    const outOfScope = await donghu.post(url, {
      ids: [...ids, foreign.id],
      status: 'ineligible',
      reason: '不符合主题',
    });
    expect(outOfScope.statusCode).toBe(404);
    const untouched = await rows<{ status: string }>(
      sql`select status from call_entries where id = any(${`{${ids.join(',')}}`}::int[]) order by id`,
    );
    expect(untouched.map((r) => r.status)).toEqual(['duplicate', 'submitted', 'submitted']);

    expect((await donghu.post(url, { ids, status: 'ineligible' })).statusCode).toBe(400);
    const res = await donghu.post(url, { ids, status: 'duplicate', reason: '重复提交' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      done: 2,
      refused: [
        { id: batch[0].id, label: expect.stringMatching(/^作品 \d{4}$/), reason: '该作品已审查为「重复」' },
      ],
    });
    const after = await rows<{ status: string; reviewReason: string }>(
      sql`select status, review_reason as "reviewReason" from call_entries where id = any(${`{${ids.join(',')}}`}::int[]) order by id`,
    );
    expect(after).toEqual([
      { status: 'duplicate', reviewReason: '与 作品 0001 重复' },
      { status: 'duplicate', reviewReason: '重复提交' },
      { status: 'duplicate', reviewReason: '重复提交' },
    ]);
  });
});

describe('eligible entrants enter the registry', () => {
  type YouthRow = { id: number; name: string; unitId: number; stage: string; source: string | null };
  const youthRow = async (id: number) =>
    (
      await rows<YouthRow>(
        sql`select y.id, y.name, y.unit_id as "unitId", y.stage, s.label as source
            from youth y left join dict_items s on s.id = y.source_id where y.id = ${id}`,
      )
    )[0];
  const entrantYouth = async (workId: number) =>
    (
      await rows<{ youthId: number | null }>(
        sql`select youth_id as "youthId" from work_entrants where work_id = ${workId} order by position`,
      )
    ).map((r) => r.youthId);

  it('links a matched record in scope, registers a new one as 联系对象 from 作品征集, keeps out of a record elsewhere', async () => {
    const existing = await donghu.post('/api/youth', { name: '陈晨', idNumber: freshId('19970301') });
    expect(existing.statusCode, existing.body).toBe(200);
    const existingId = existing.json().youth.id as number;
    const elsewhereId = freshId('19960101');
    const kept = await xihu.post('/api/youth', { name: '刘洋', idNumber: elsewhereId });
    expect(kept.statusCode, kept.body).toBe(200);

    const newId = freshId('20000808');
    const a = await insertEntry(t, call, {
      title: '三人行',
      entrants: [
        { name: '林新', idNumber: newId, phone: freshPhone() },
        { name: '陈晨', matchedYouthId: existingId },
        { name: '刘洋', idNumber: elsewhereId, matchedYouthId: kept.json().youth.id },
      ],
    });
    const before = await detail(donghu, a.id);
    expect(before.entrants[2].matched).toEqual({
      inScope: false,
      youthId: null,
      name: null,
      keepingUnitName: '西湖区',
    });
    expect(before.entrants[1].matched).toMatchObject({ inScope: true, youthId: existingId, name: '陈晨' });

    const res = await reviewOne(donghu, a.id, 'eligible');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().warnings).toContain('作者「刘洋」已由「西湖区」登记保管，未关联到本单位的青年库');

    const [leadId, secondId, thirdId] = await entrantYouth(a.workId);
    expect(secondId).toBe(existingId);
    expect(thirdId).toBeNull();
    expect(await youthRow(leadId!)).toMatchObject({
      name: '林新',
      unitId: call.unitId,
      stage: 'contact',
      source: '作品征集',
    });
    // Each entrant's own consents follow them; the one kept elsewhere keeps theirs unattached.
    const consents = await rows<{ youthId: number | null }>(
      sql`select youth_id as "youthId" from consent_records where subject_kind = 'work' and subject_id = ${a.workId}
          order by subject_position, purpose`,
    );
    expect(consents.map((c) => c.youthId)).toEqual([leadId, leadId, secondId, secondId, null, null]);

    const after = res.json().entry;
    expect(after.entrants[0].linked).toMatchObject({
      inScope: true,
      youthId: leadId,
      keepingUnitName: '东湖区',
    });
    expect(after.entrants[2].linked).toBeNull();
    expect(after.entrants[2].matched).toEqual({
      inScope: false,
      youthId: null,
      name: null,
      keepingUnitName: '西湖区',
    });

    // Found eligible again after a change of mind: nobody is registered twice.
    await reviewOne(donghu, a.id, 'incomplete', '补充说明');
    expect((await reviewOne(donghu, a.id, 'eligible')).statusCode).toBe(200);
    const registered = await rows<{ n: number }>(
      sql`select count(*)::int as n from youth where name = '林新'`,
    );
    expect(registered[0].n).toBe(1);
  });

  it('registers the entrants of a batch too', async () => {
    const a = await insertEntry(t, call, {
      title: '批量入库',
      entrants: [{ name: '何静', idNumber: freshId('19990909') }],
    });
    const res = await donghu.post(`/api/calls/${call.id}/entries/review`, {
      ids: [a.id],
      status: 'eligible',
    });
    expect(res.json()).toEqual({ done: 1, refused: [] });
    const [youthId] = await entrantYouth(a.workId);
    expect(await youthRow(youthId!)).toMatchObject({ name: '何静', source: '作品征集' });
  });
});
