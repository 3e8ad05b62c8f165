import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
import { youth } from '../../db/schema';
import { multipart, SAMPLE_FILES } from '../../platform/files/test-files';
import { todayInChina } from '../../../common/validators';
import {
  createTestContext,
  createUser,
  login,
  unitIdByCode,
  TEST_PASSWORD,
  type Agent,
  type TestContext,
} from '../../test/harness';

let t: TestContext;
let dataDir: string;
let cityAdmin: Agent; // 南昌市 unit admin: registers mentors, opens accounts
let cityOp: Agent; // 南昌市 operator
let cityLeader: Agent; // reads only
let countyOp: Agent; // 东湖区, below the city
let otherOp: Agent; // 九江市, a sibling city

type Detail = {
  id: number;
  status: string;
  endDate: string;
  version: number;
  events: { event: string; fromEndDate: string | null; toEndDate: string | null; note: string | null }[];
  logs: { content: string; byMentor: boolean }[];
};

const shift = (ymd: string, years: number, days = 0) => {
  const d = new Date(`${ymd}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
const today = todayInChina();

let seq = 0;
async function person(unitCode: string, stage: 'contact' | 'key', name = `结对青年${++seq}`) {
  const [row] = await t.db
    .insert(youth)
    .values({
      unitId: await unitIdByCode(t.db, unitCode),
      name,
      namePinyin: 'jiedui',
      nameInitials: 'jd',
      stage,
    })
    .returning({ id: youth.id });
  return row.id;
}

async function mentor(agent: Agent, body: Record<string, unknown> = {}) {
  const res = await agent.post('/api/mentors', {
    name: `导师${++seq}`,
    source: '高校教授',
    specialty: '文学创作',
    maxMentees: 2,
    ...body,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { id: number; version: number; phone: string | null; unit: { id: number } };
}

async function pair(agent: Agent, mentorId: number, youthId: number, years = 1, days = 0) {
  const startDate = shift(today, 0, -30);
  return agent.post('/api/mentor-pairings', {
    mentorId,
    youthId,
    startDate,
    endDate: shift(startDate, years, days),
  });
}

async function activePairing(agent: Agent, mentorId: number, youthId: number): Promise<Detail> {
  const created = await pair(agent, mentorId, youthId);
  expect(created.statusCode, created.body).toBe(200);
  let d = created.json() as Detail;
  const signed = await agent.post(`/api/mentor-pairings/${d.id}/sign`, {
    version: d.version,
    signedOn: today,
  });
  expect(signed.statusCode, signed.body).toBe(200);
  d = signed.json() as Detail;
  const started = await agent.post(`/api/mentor-pairings/${d.id}/start`, { version: d.version });
  expect(started.statusCode, started.body).toBe(200);
  return started.json() as Detail;
}

/** A mentor with an account opened by the city admin, signed in (first password change done). */
async function mentorWithLogin(username: string) {
  const m = await mentor(cityAdmin);
  const res = await cityAdmin.post(`/api/mentors/${m.id}/account`, {
    mode: 'create',
    username,
    version: m.version,
  });
  expect(res.statusCode, res.body).toBe(200);
  const { initialPassword } = res.json() as { initialPassword: string };
  const agent = await login(t, {
    id: 0,
    username,
    password: initialPassword,
    role: 'mentor',
    unitId: m.unit.id,
  });
  const changed = await agent.post('/api/auth/password', {
    currentPassword: initialPassword,
    newPassword: TEST_PASSWORD,
  });
  expect(changed.statusCode, changed.body).toBe(200);
  return {
    mentor: m,
    agent: await login(t, { id: 0, username, password: TEST_PASSWORD, role: 'mentor', unitId: m.unit.id }),
  };
}

const auditCount = async (action: string) =>
  (
    await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from audit_log where action = ${action}`,
    )
  )[0].n;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zm-mentors-'));
  t = await createTestContext({ dataDir });
  cityAdmin = await login(t, await createUser(t, { role: 'unit_admin', unitCode: '360100' }));
  cityOp = await login(t, await createUser(t, { role: 'operator', unitCode: '360100', totp: false }));
  cityLeader = await login(t, await createUser(t, { role: 'leader', unitCode: '360100', totp: false }));
  countyOp = await login(t, await createUser(t, { role: 'operator', unitCode: '360102', totp: false }));
  otherOp = await login(t, await createUser(t, { role: 'operator', unitCode: '360400', totp: false }));
});

afterAll(async () => {
  await t?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('mentor register', () => {
  it('keeps the phone encrypted, shows it masked, reveals it with a reason, finds the mentor by pinyin', async () => {
    const m = await mentor(cityOp, { name: '欧阳明', phone: '13800138000' });
    expect(m.phone).toBe('138****8000');
    const [row] = await queryRows<{ phone_enc: string }>(
      t.db,
      sql`select phone_enc from mentors where id = ${m.id}`,
    );
    expect(row.phone_enc).not.toContain('13800138000');
    expect(
      (await cityOp.post(`/api/mentors/${m.id}/reveal`, { reason: '联系导师安排结对' })).statusCode,
    ).toBe(403);
    const revealed = await cityAdmin.post(`/api/mentors/${m.id}/reveal`, { reason: '联系导师安排结对' });
    expect(revealed.json()).toEqual({ phone: '13800138000' });
    expect(await auditCount('mentor.revealed')).toBe(1);
    const found = await cityOp.get('/api/mentors?q=oym');
    expect(found.json().items.map((i: { id: number }) => i.id)).toContain(m.id);
    const dup = await cityOp.post('/api/mentors', {
      name: '另一人',
      source: '其他',
      specialty: '音乐',
      maxMentees: 1,
      phone: '138 0013 8000',
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().message).toContain('欧阳明');
  });

  it('reads for leaders, writes for operators; a sibling city sees nothing', async () => {
    const m = await mentor(cityOp);
    expect((await cityLeader.get(`/api/mentors/${m.id}`)).statusCode).toBe(200);
    expect(
      (await cityLeader.post('/api/mentors', { name: '甲', source: '其他', specialty: '乙', maxMentees: 1 }))
        .statusCode,
    ).toBe(403);
    expect((await otherOp.get(`/api/mentors/${m.id}`)).statusCode).toBe(404);
    expect((await otherOp.get('/api/mentors')).json().total).toBe(0);
    const stale = await cityOp.patch(`/api/mentors/${m.id}`, { specialty: '影视', version: m.version + 5 });
    expect(stale.statusCode).toBe(409);
  });
});

describe('pairing rules', () => {
  it('refuses a contact youth with the reason', async () => {
    const m = await mentor(cityOp);
    const res = await pair(cityOp, m.id, await person('360102', 'contact'));
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('只有重点培养对象可以结对');
  });

  it('requires an agreement of at least one year', async () => {
    const m = await mentor(cityOp);
    const y = await person('360102', 'key');
    const short = await pair(cityOp, m.id, y, 1, -1);
    expect(short.statusCode).toBe(400);
    expect(short.json().message).toContain('至少一年');
    const exact = await pair(cityOp, m.id, y, 1, 0);
    expect(exact.statusCode, exact.body).toBe(200);
    expect((exact.json() as Detail).status).toBe('proposed');
  });

  it('refuses more open pairings than the mentor takes', async () => {
    const m = await mentor(cityOp, { maxMentees: 2 });
    expect((await pair(cityOp, m.id, await person('360102', 'key'))).statusCode).toBe(200);
    expect((await pair(cityOp, m.id, await person('360100', 'key'))).statusCode).toBe(200);
    const third = await pair(cityOp, m.id, await person('360102', 'key'));
    expect(third.statusCode).toBe(409);
    expect(third.json().message).toContain('最多带教 2 人');
    const lower = await cityOp.patch(`/api/mentors/${m.id}`, { maxMentees: 1, version: m.version });
    expect(lower.statusCode).toBe(400);
  });

  it('signs only with an agreement file or a signed date; the uploaded file downloads again', async () => {
    const m = await mentor(cityOp);
    const created = (await pair(cityOp, m.id, await person('360102', 'key'))).json() as Detail;
    const bare = await cityOp.post(`/api/mentor-pairings/${created.id}/sign`, { version: created.version });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().message).toContain('上传指导协议');
    const up = await cityOp.request({
      method: 'POST',
      url: `/api/mentor-pairings/${created.id}/agreement`,
      ...multipart({}, { name: '指导协议.pdf', content: SAMPLE_FILES.pdf }),
    });
    expect(up.statusCode, up.body).toBe(200);
    const afterUpload = up.json() as Detail & { agreement: { fileName: string } };
    expect(afterUpload.agreement.fileName).toBe('指导协议.pdf');
    const signed = await cityOp.post(`/api/mentor-pairings/${created.id}/sign`, {
      version: afterUpload.version,
    });
    expect(signed.statusCode, signed.body).toBe(200);
    expect((signed.json() as Detail).status).toBe('signed');
    const file = await cityLeader.get(`/api/mentor-pairings/${created.id}/agreement`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(SAMPLE_FILES.pdf)).toBe(true);
    expect((await otherOp.get(`/api/mentor-pairings/${created.id}/agreement`)).statusCode).toBe(404);
  });

  it('extends to a later end date only, with the history kept', async () => {
    const m = await mentor(cityOp);
    const d = await activePairing(cityOp, m.id, await person('360102', 'key'));
    const earlier = await cityOp.post(`/api/mentor-pairings/${d.id}/extend`, {
      version: d.version,
      endDate: shift(d.endDate, 0, -1),
    });
    expect(earlier.statusCode).toBe(400);
    const later = shift(d.endDate, 0, 180);
    const ok = await cityOp.post(`/api/mentor-pairings/${d.id}/extend`, {
      version: d.version,
      endDate: later,
      note: '创作项目延续',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const after = ok.json() as Detail;
    expect(after.endDate).toBe(later);
    expect(after.events.map((e) => e.event)).toEqual(['created', 'signed', 'started', 'extended']);
    expect(after.events[3]).toMatchObject({ fromEndDate: d.endDate, toEndDate: later, note: '创作项目延续' });
    expect(await auditCount('mentor.pairing_extended')).toBeGreaterThanOrEqual(1);
  });

  it('terminates early only with a reason; completion waits for the end date', async () => {
    const m = await mentor(cityOp);
    const d = await activePairing(cityOp, m.id, await person('360102', 'key'));
    const early = await cityOp.post(`/api/mentor-pairings/${d.id}/end`, {
      version: d.version,
      outcome: 'completed',
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().message).toContain('提前终止');
    const noReason = await cityOp.post(`/api/mentor-pairings/${d.id}/end`, {
      version: d.version,
      outcome: 'terminated',
    });
    expect(noReason.statusCode).toBe(400);
    const ended = await cityOp.post(`/api/mentor-pairings/${d.id}/end`, {
      version: d.version,
      outcome: 'terminated',
      reason: '青年赴外地发展',
    });
    expect(ended.statusCode, ended.body).toBe(200);
    const after = ended.json() as Detail & { endReason: string };
    expect(after).toMatchObject({ status: 'terminated', endReason: '青年赴外地发展' });
    expect(after.events.at(-1)).toMatchObject({ event: 'terminated', note: '青年赴外地发展' });
    const log = await cityOp.post(`/api/mentor-pairings/${d.id}/logs`, {
      date: today,
      way: '面谈',
      content: '不应保存',
    });
    expect(log.statusCode).toBe(409);
    // A terminated pairing frees the mentor's place.
    const list = await cityOp.get(`/api/mentors/${m.id}`);
    expect(list.json().openPairings).toBe(0);
  });

  it('applies the unit scope: the county sees nothing of the city mentor; the sibling city cannot pair with it', async () => {
    const m = await mentor(cityOp);
    const d = await activePairing(cityOp, m.id, await person('360102', 'key'));
    expect((await countyOp.get(`/api/mentor-pairings/${d.id}`)).statusCode).toBe(404);
    expect((await otherOp.get(`/api/mentor-pairings/${d.id}`)).statusCode).toBe(404);
    expect((await otherOp.get('/api/mentor-pairings')).json().total).toBe(0);
    expect((await pair(otherOp, m.id, await person('360400', 'key'))).statusCode).toBe(404);
    // A city mentor cannot be paired with another city's key target either.
    expect((await pair(cityOp, m.id, await person('360400', 'key'))).statusCode).toBe(404);
    const attention = await otherOp.get('/api/mentor-pairings/attention?silentDays=1');
    expect(attention.json()).toEqual({ silent: [], ending: [] });
  });

  it('lists silent pairings and those ending soon', async () => {
    const m = await mentor(cityOp);
    const d = await activePairing(cityOp, m.id, await person('360102', 'key'));
    const res = await cityOp.get('/api/mentor-pairings/attention?silentDays=1');
    // Signed today: nothing silent yet at 1 day; the start date 30 days ago is not the reference once signed.
    expect(res.json().silent.map((i: { id: number }) => i.id)).not.toContain(d.id);
    await t.db.execute(
      sql`update mentor_pairings set signed_on = ${shift(today, 0, -40)}, end_date = ${shift(today, 0, 20)} where id = ${d.id}`,
    );
    const later = (await cityOp.get('/api/mentor-pairings/attention')).json() as {
      silent: { id: number; silentDays: number }[];
      ending: { id: number; daysToEnd: number }[];
    };
    expect(later.silent.find((i) => i.id === d.id)?.silentDays).toBe(40);
    expect(later.ending.find((i) => i.id === d.id)?.daysToEnd).toBe(20);
  });
});

describe('mentor workspace', () => {
  it('a mentor sees only their own mentees and logs guidance; nothing else is open to them', async () => {
    const mine = await mentorWithLogin('mentor_zhang');
    const theirs = await mentorWithLogin('mentor_li');
    const ownPairing = await activePairing(cityOp, mine.mentor.id, await person('360102', 'key', '我的学员'));
    const otherPairing = await activePairing(
      cityOp,
      theirs.mentor.id,
      await person('360102', 'key', '别人的学员'),
    );

    const list = await mine.agent.get('/api/mentor-workspace/pairings');
    expect(list.statusCode, list.body).toBe(200);
    const items = (list.json() as { items: { id: number; youth: { name: string } }[] }).items;
    expect(items.map((i) => i.youth.name)).toEqual(['我的学员']);
    expect(list.body).not.toContain('别人的学员');

    expect((await mine.agent.get(`/api/mentor-workspace/pairings/${otherPairing.id}`)).statusCode).toBe(404);
    const foreignLog = await mine.agent.post(`/api/mentor-workspace/pairings/${otherPairing.id}/logs`, {
      date: today,
      way: '面谈',
      content: '越权记录',
    });
    expect(foreignLog.statusCode).toBe(404);

    const log = await mine.agent.post(`/api/mentor-workspace/pairings/${ownPairing.id}/logs`, {
      date: today,
      way: '作品点评',
      content: '点评了新作的结构与人物塑造',
      nextSteps: '下月提交修改稿',
    });
    expect(log.statusCode, log.body).toBe(200);
    expect(log.json()).toMatchObject({ way: '作品点评', byMentor: true });
    const seen = (await cityLeader.get(`/api/mentor-pairings/${ownPairing.id}`)).json() as Detail;
    expect(seen.logs[0]).toMatchObject({ content: '点评了新作的结构与人物塑造', byMentor: true });

    for (const url of [
      '/api/mentors',
      `/api/mentor-pairings/${ownPairing.id}`,
      '/api/mentor-team',
      '/api/youth/search',
    ]) {
      const res = url === '/api/youth/search' ? await mine.agent.post(url, {}) : await mine.agent.get(url);
      expect(res.statusCode, url).toBe(403);
    }
    expect((await cityOp.get('/api/mentor-workspace/pairings')).statusCode).toBe(403);
  });

  it('links an existing mentor account only once and only a mentor-role account', async () => {
    const m = await mentor(cityAdmin);
    const op = await createUser(t, {
      role: 'operator',
      unitCode: '360100',
      totp: false,
      username: 'not_a_mentor',
    });
    const wrongRole = await cityAdmin.post(`/api/mentors/${m.id}/account`, {
      mode: 'link',
      username: op.username,
      version: m.version,
    });
    expect(wrongRole.statusCode).toBe(400);
    const acc = await createUser(t, {
      role: 'mentor',
      unitCode: '360102',
      totp: false,
      username: 'mentor_link',
    });
    const linked = await cityAdmin.post(`/api/mentors/${m.id}/account`, {
      mode: 'link',
      username: acc.username,
      version: m.version,
    });
    expect(linked.statusCode, linked.body).toBe(200);
    const other = await mentor(cityAdmin);
    const again = await cityAdmin.post(`/api/mentors/${other.id}/account`, {
      mode: 'link',
      username: acc.username,
      version: other.version,
    });
    expect(again.statusCode).toBe(409);
    expect(
      (
        await cityOp.post(`/api/mentors/${other.id}/account`, {
          mode: 'create',
          username: 'mentor_x',
          version: other.version,
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe('梦想导师团', () => {
  it('lists a unit’s own mentors with load and exports them masked', async () => {
    const m = await mentor(cityOp, { name: '团导师', phone: '13900139000', maxMentees: 3 });
    await activePairing(cityOp, m.id, await person('360102', 'key', '团学员'));
    const res = await cityLeader.get('/api/mentor-team');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as {
      mentors: { id: number; openPairings: number; maxMentees: number }[];
      pairings: { youthName: string }[];
    };
    expect(body.mentors.find((x) => x.id === m.id)).toMatchObject({ openPairings: 1, maxMentees: 3 });
    expect(body.pairings.map((p) => p.youthName)).toContain('团学员');
    const file = await cityLeader.get('/api/mentor-team/export');
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    expect(file.rawPayload.includes(Buffer.from('13900139000'))).toBe(false);
    expect(await auditCount('mentor.team_exported')).toBeGreaterThanOrEqual(1);
    expect((await countyOp.get(`/api/mentor-team?unitId=${m.unit.id}`)).statusCode).toBe(404);
  });
});
