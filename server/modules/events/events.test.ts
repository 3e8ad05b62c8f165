import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { queryRows } from '../../db/client';
import { mentors, youth } from '../../db/schema';
import { multipart, SAMPLE_FILES } from '../../platform/files/test-files';
import {
  createTestContext,
  createUser,
  login,
  unitIdByCode,
  type Agent,
  type TestContext,
} from '../../test/harness';

let t: TestContext;
let dhOp: Agent; // 东湖区 operator: organises the salon
let ncOp: Agent; // 南昌市, the parent
let ncLeader: Agent; // may read, not write
let xhOp: Agent; // 西湖区, the sibling county
let dh: number;
let xh: number;
const people: Record<string, number> = {};
let dhMentor: number;
let xhMentor: number;

type Detail = {
  id: number;
  version: number;
  unit: { id: number; name: string };
  participants: number;
  signedIn: number;
  speakerList: { mentorId: number | null; name: string; title: string | null }[];
  participantList: { youthId: number; name: string; signedIn: boolean; signedAt: string | null }[];
  fileList: { id: number; kind: string; fileName: string; size: number }[];
  report: string | null;
};

async function addYouth(unitId: number, name: string, pinyin: string) {
  const [row] = await t.db
    .insert(youth)
    .values({ unitId, name, namePinyin: pinyin, nameInitials: pinyin.slice(0, 2), stage: 'key' })
    .returning({ id: youth.id });
  people[name] = row.id;
}

async function addMentor(unitId: number, name: string) {
  const [row] = await t.db
    .insert(mentors)
    .values({
      unitId,
      name,
      namePinyin: 'daoshi',
      nameInitials: 'ds',
      source: '作协会员',
      specialty: '网络文学',
      title: '一级作家',
    })
    .returning({ id: mentors.id });
  return row.id;
}

const auditCount = async (action: string) =>
  (
    await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from audit_log where action = ${action}`,
    )
  )[0].n;

async function createSalon(agent: Agent, body: object = {}) {
  const res = await agent.post('/api/events', {
    kind: '青春沙龙',
    title: '网络作家青春沙龙',
    date: '2026-03-14',
    place: '东湖区青年之家',
    ...body,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Detail;
}

beforeAll(async () => {
  t = await createTestContext();
  dh = await unitIdByCode(t.db, '360102');
  xh = await unitIdByCode(t.db, '360103');
  dhOp = await login(t, await createUser(t, { role: 'operator', unitCode: '360102', totp: false }));
  ncOp = await login(t, await createUser(t, { role: 'operator', unitCode: '360100', totp: false }));
  ncLeader = await login(t, await createUser(t, { role: 'leader', unitCode: '360100', totp: false }));
  xhOp = await login(t, await createUser(t, { role: 'operator', unitCode: '360103', totp: false }));
  await addYouth(dh, '王东湖', 'wangdonghu');
  await addYouth(dh, '李东湖', 'lidonghu');
  await addYouth(xh, '赵西湖', 'zhaoxihu');
  dhMentor = await addMentor(dh, '刘导师');
  xhMentor = await addMentor(xh, '陈导师');
});

afterAll(async () => {
  await t?.close();
});

describe('events', () => {
  let salon: Detail;

  it('records a salon with a mentor and an outside expert as speakers, in the viewer’s own unit', async () => {
    salon = await createSalon(dhOp, {
      speakers: [{ mentorId: dhMentor }, { name: '孙专家', title: '省网络作协副主席' }],
    });
    expect(salon.unit.id).toBe(dh);
    expect(salon.speakerList).toEqual([
      expect.objectContaining({ mentorId: dhMentor, name: '刘导师', title: '一级作家' }),
      expect.objectContaining({ mentorId: null, name: '孙专家', title: '省网络作协副主席' }),
    ]);
    expect(await auditCount('event.created')).toBe(1);
  });

  it('refuses a mentor or an organising unit outside the scope, and a bad kind in Chinese', async () => {
    const other = await dhOp.post('/api/events', {
      kind: '青春沙龙',
      title: '越界沙龙',
      date: '2026-03-01',
      speakers: [{ mentorId: xhMentor }],
    });
    expect(other.statusCode).toBe(404);
    expect(other.json().message).toContain('梦想导师');
    const unit = await dhOp.post('/api/events', {
      kind: '青春沙龙',
      title: '越界沙龙',
      date: '2026-03-01',
      unitId: xh,
    });
    expect(unit.statusCode).toBe(404);
    const kind = await dhOp.post('/api/events', { kind: 'party', title: '聚会', date: '2026-03-01' });
    expect(kind.statusCode).toBe(400);
    expect(kind.json().message).toContain('请选择活动类型');
    const speakers = (await dhOp.get('/api/events/speaker-mentors')).json().items as { name: string }[];
    expect(speakers.map((s) => s.name)).toEqual(['刘导师']);
  });

  it('adds participants from the registry in a batch, only people in the scope, skipping those already there', async () => {
    const url = `/api/events/${salon.id}/participants`;
    const outside = await dhOp.post(url, { youthIds: [people['王东湖'], people['赵西湖']] });
    expect(outside.statusCode).toBe(404);
    expect(outside.body).not.toContain('赵西湖');
    const ok = await dhOp.post(url, { youthIds: [people['王东湖'], people['李东湖']] });
    expect(ok.json()).toEqual({ added: 2, skipped: 0 });
    const again = await dhOp.post(url, { youthIds: [people['王东湖']] });
    expect(again.json()).toEqual({ added: 0, skipped: 1 });
    // The city sees 西湖区 too, but a 东湖区 event takes only people 东湖区 keeps.
    const city = await ncOp.post(url, { youthIds: [people['赵西湖']] });
    expect(city.statusCode).toBe(400);
    expect(city.json().message).toContain('组织单位及其下级');
    expect(await auditCount('event.participants_added')).toBe(1);
  });

  it('signs people in and counts 人次 and 人 over the filtered events', async () => {
    const res = await dhOp.post(`/api/events/${salon.id}/sign-in`, {
      youthIds: [people['王东湖']],
      signedIn: true,
    });
    expect(res.json()).toEqual({ changed: 1 });
    const notListed = await dhOp.post(`/api/events/${salon.id}/sign-in`, {
      youthIds: [people['赵西湖']],
      signedIn: true,
    });
    expect(notListed.statusCode).toBe(404);
    const detail = (await dhOp.get(`/api/events/${salon.id}`)).json() as Detail;
    expect(detail.participants).toBe(2);
    expect(detail.signedIn).toBe(1);
    expect(detail.participantList.find((p) => p.name === '王东湖')?.signedAt).toBeTruthy();

    // A lecture by the city with one of the same people: 3 人次, 2 人.
    const lecture = await createSalon(ncOp, { kind: '主旨讲座', title: '政策解读讲座', date: '2026-05-20' });
    await ncOp.post(`/api/events/${lecture.id}/participants`, {
      youthIds: [people['王东湖']],
      signedIn: true,
    });
    const xhSalon = await createSalon(xhOp, { title: '西湖沙龙' });
    await xhOp.post(`/api/events/${xhSalon.id}/participants`, { youthIds: [people['赵西湖']] });

    const city = (await ncLeader.get('/api/events')).json();
    expect(city.totals).toEqual({ events: 3, personTimes: 4, signedIn: 2, persons: 3, audience: 0 });
    const donghu = (await ncLeader.get(`/api/events?unitId=${dh}`)).json();
    expect(donghu.items.map((e: { title: string }) => e.title)).toEqual(['网络作家青春沙龙']);
    expect(donghu.totals).toEqual({ events: 1, personTimes: 2, signedIn: 1, persons: 2, audience: 0 });
    const kind = (await ncLeader.get(`/api/events?kind=${encodeURIComponent('主旨讲座')}`)).json();
    expect(kind.totals).toMatchObject({ events: 1, personTimes: 1, persons: 1 });
    const dates = (await ncLeader.get('/api/events?dateFrom=2026-05-01&dateTo=2026-05-31')).json();
    expect(dates.items.map((e: { title: string }) => e.title)).toEqual(['政策解读讲座']);
    const own = (await ncLeader.get(`/api/events?unitId=${dh}&includeDescendants=false`)).json();
    expect(own.total).toBe(1);
    const sorted = (await ncLeader.get('/api/events?sort=-participants')).json();
    expect(sorted.items[0].title).toBe('网络作家青春沙龙');
    // The county sees its own event only.
    const dhList = (await dhOp.get('/api/events')).json();
    expect(dhList.totals).toEqual({ events: 1, personTimes: 2, signedIn: 1, persons: 2, audience: 0 });
  });

  it('hides an event from a sibling county: 404 on read, write, participants, sign-in and files', async () => {
    const id = salon.id;
    expect((await xhOp.get(`/api/events/${id}`)).statusCode).toBe(404);
    expect((await xhOp.patch(`/api/events/${id}`, { title: '改个名称', version: 1 })).statusCode).toBe(404);
    expect(
      (await xhOp.post(`/api/events/${id}/participants`, { youthIds: [people['赵西湖']] })).statusCode,
    ).toBe(404);
    expect(
      (await xhOp.post(`/api/events/${id}/sign-in`, { youthIds: [people['王东湖']], signedIn: false }))
        .statusCode,
    ).toBe(404);
    expect((await xhOp.delete(`/api/events/${id}/participants/${people['王东湖']}`)).statusCode).toBe(404);
    const upload = await xhOp.request({
      method: 'POST',
      url: `/api/events/${id}/files`,
      ...multipart({ kind: '照片' }, { name: '合影.png', content: SAMPLE_FILES.png }),
    });
    expect(upload.statusCode).toBe(404);
    const list = (await xhOp.get('/api/events')).json();
    expect(JSON.stringify(list)).not.toContain('网络作家青春沙龙');
    expect((await ncLeader.patch(`/api/events/${id}`, { title: '改个名称', version: 1 })).statusCode).toBe(
      403,
    );
  });

  it('keeps photos and minutes in the file store; refuses a spreadsheet; downloads the same bytes', async () => {
    const send = (kind: string, name: string, content: Buffer) =>
      dhOp.request({
        method: 'POST',
        url: `/api/events/${salon.id}/files`,
        ...multipart({ kind }, { name, content }),
      });
    const photo = await send('照片', '沙龙合影.png', SAMPLE_FILES.png);
    expect(photo.statusCode, photo.body).toBe(200);
    expect(photo.json()).toMatchObject({ kind: '照片', fileName: '沙龙合影.png', mime: 'image/png' });
    const minutes = await send('纪要', '沙龙纪要.docx', SAMPLE_FILES.docx);
    expect(minutes.statusCode, minutes.body).toBe(200);
    const sheet = await send('其他', '名单.xlsx', SAMPLE_FILES.xlsx);
    expect(sheet.statusCode).toBe(415);
    expect(sheet.json().message).toContain('照片');
    const file = await dhOp.get(`/api/events/${salon.id}/files/${photo.json().id}/file`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(SAMPLE_FILES.png)).toBe(true);
    expect((await dhOp.delete(`/api/events/${salon.id}/files/${minutes.json().id}`)).statusCode).toBe(200);
    const detail = (await dhOp.get(`/api/events/${salon.id}`)).json() as Detail;
    expect(detail.fileList.map((f) => f.fileName)).toEqual(['沙龙合影.png']);
    expect(await auditCount('event.file_uploaded')).toBe(2);
    expect(await auditCount('event.file_downloaded')).toBe(1);
    expect(await auditCount('event.file_deleted')).toBe(1);
  });

  it('writes the report under a version check; the second stale save is refused', async () => {
    const current = (await dhOp.get(`/api/events/${salon.id}`)).json() as Detail;
    const ok = await dhOp.patch(`/api/events/${salon.id}`, {
      report: '本次沙龙邀请刘导师分享创作经验，12 名青年参加。',
      version: current.version,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().report).toContain('刘导师');
    const stale = await dhOp.patch(`/api/events/${salon.id}`, { report: '覆盖', version: current.version });
    expect(stale.statusCode).toBe(409);
    // Moving the event to the sibling county's level is refused while its people are 东湖区's.
    const moved = await ncOp.patch(`/api/events/${salon.id}`, { unitId: xh, version: ok.json().version });
    expect(moved.statusCode).toBe(400);
    expect(moved.json().message).toContain('王东湖');
  });

  it('removes a participant and exports the list with its 人次 as .xlsx', async () => {
    const res = await dhOp.delete(`/api/events/${salon.id}/participants/${people['李东湖']}`);
    expect(res.statusCode).toBe(200);
    const exp = await ncLeader.get('/api/events/export');
    expect(exp.statusCode).toBe(200);
    expect(exp.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exp.rawPayload as unknown as ArrayBuffer);
    const lines: string[] = [];
    wb.worksheets[0].eachRow((row) => lines.push(JSON.stringify(row.values)));
    const text = lines.join('\n');
    expect(text).toContain('合计：活动 3 场，参与 3 人次（签到 2 人次），共 2 人');
    expect(text).toContain('网络作家青春沙龙');
    expect(text).toContain('刘导师、孙专家');
    expect(await auditCount('event.exported')).toBe(1);
    const xhExport = await xhOp.get('/api/events/export');
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(xhExport.rawPayload as unknown as ArrayBuffer);
    const rows: string[] = [];
    wb2.worksheets[0].eachRow((row) => rows.push(JSON.stringify(row.values)));
    expect(rows.join('\n')).not.toContain('网络作家青春沙龙');
  });
});
