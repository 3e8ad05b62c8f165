import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { todayInChina } from '../../../common/validators';
import { makeId } from '../../test/id-numbers';
import { queryRows } from '../../db/client';
import {
  createTestContext,
  createUser,
  login,
  unitIdByCode,
  type Agent,
  type TestContext,
} from '../../test/harness';

const yearsAgo = (years: number) => {
  const t = todayInChina();
  return `${Number(t.slice(0, 4)) - years}${t.slice(5, 7)}${t.slice(8, 10)}`;
};

let t: TestContext;
let cityOp: Agent; // 南昌市 operator
let cityReviewer: Agent;
let cityAdmin: Agent;
let donghuOp: Agent; // 东湖区 (county under 南昌市)
let xihuOp: Agent; // 西湖区, its sibling
let ganzhouAdmin: Agent; // 赣州市, another city
const ids: Record<string, number> = {};

type Item = {
  id: number;
  name: string;
  idNumber: string | null;
  phone: string | null;
  gender: string | null;
  birthDate: string | null;
  version: number;
};

beforeAll(async () => {
  t = await createTestContext();
  for (const code of ['360100', '360102', '360103', '360700']) ids[code] = await unitIdByCode(t.db, code);
  cityOp = await login(t, await createUser(t, { role: 'operator', unitCode: '360100', totp: false }));
  cityReviewer = await login(t, await createUser(t, { role: 'reviewer', unitCode: '360100' }));
  cityAdmin = await login(t, await createUser(t, { role: 'unit_admin', unitCode: '360100' }));
  donghuOp = await login(t, await createUser(t, { role: 'operator', unitCode: '360102', totp: false }));
  xihuOp = await login(t, await createUser(t, { role: 'operator', unitCode: '360103', totp: false }));
  ganzhouAdmin = await login(t, await createUser(t, { role: 'unit_admin', unitCode: '360700' }));
});

afterAll(async () => {
  await t?.close();
});

async function create(agent: Agent, body: Record<string, unknown>) {
  const res = await agent.post('/api/youth', body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { youth: Item & Record<string, unknown>; warnings: string[] };
}

const search = async (agent: Agent, body: Record<string, unknown>) => {
  const res = await agent.post('/api/youth/search', body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: Item[]; total: number; totalIsEstimate: boolean };
};

const DONGHU_ID = makeId('360102', yearsAgo(25).slice(0, 4) + '0312', '123');
const DONGHU_PHONE = '13800138000';

describe('registering and finding people', () => {
  let donghuPerson: Item;

  beforeAll(async () => {
    donghuPerson = (
      await create(donghuOp, { name: '张三丰', idNumber: DONGHU_ID, phone: DONGHU_PHONE, tags: ['作家'] })
    ).youth;
    await create(xihuOp, { name: '张三', phone: '13900139000', tags: ['作家'] });
  });

  it('derives birth date and gender from the ID number, and masks ID and phone in the response', () => {
    expect(donghuPerson.idNumber).toBe(`360102********${DONGHU_ID.slice(-4)}`);
    expect(donghuPerson.phone).toBe('138****8000');
    expect(donghuPerson.gender).toBe('male');
    expect(donghuPerson.birthDate).toBe(`${DONGHU_ID.slice(6, 10)}-03-12`);
  });

  it('warns, not refuses, when entered gender or birth date disagree with the ID number', async () => {
    const id = makeId('360102', '19980101', '222');
    const { warnings, youth } = await create(donghuOp, {
      name: '李四',
      idNumber: id,
      gender: 'male',
      birthDate: '1998-02-01',
    });
    expect(warnings).toEqual(expect.arrayContaining(['出生日期与身份证号不一致', '性别与身份证号不一致']));
    expect(youth.gender).toBe('male');
  });

  it('refuses a bad ID number with a message that does not echo it', async () => {
    const bad = DONGHU_ID.slice(0, 17) + (DONGHU_ID.endsWith('1') ? '2' : '1');
    const res = await donghuOp.post('/api/youth', { name: '王五', idNumber: bad });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('身份证号');
    expect(res.body).not.toContain(bad);
  });

  it('finds by characters, full pinyin and initials, and by ID number or phone exactly', async () => {
    for (const q of ['张三丰', 'zhangsanfeng', 'zsf', DONGHU_ID, DONGHU_PHONE, '138-0013-8000']) {
      const page = await search(cityOp, { q });
      expect(
        page.items.map((i) => i.name),
        q,
      ).toContain('张三丰');
    }
    const both = await search(cityOp, { q: 'zs' });
    expect(both.items.map((i) => i.name).sort()).toEqual(['张三', '张三丰']);
  });

  it('a county never sees its sibling county’s people by list, search or count', async () => {
    const xihu = await search(xihuOp, { q: DONGHU_ID });
    expect(xihu.total).toBe(0);
    const all = await search(xihuOp, {});
    expect(all.items.map((i) => i.name)).toEqual(['张三']);
    expect(all.total).toBe(1);
    const byPinyin = await search(xihuOp, { q: 'zsf' });
    expect(byPinyin.total).toBe(0);
    expect((await xihuOp.get(`/api/youth/${donghuPerson.id}`)).statusCode).toBe(404);
    const donghuUnit = await xihuOp.post('/api/youth/search', { unitId: ids['360102'] });
    expect(donghuUnit.statusCode).toBe(404);
    const city = await search(cityOp, { tag: '作家' });
    expect(city.total).toBe(2);
  });

  it('never puts a number into a URL: the list is a POST and GET /api/youth?q= does not exist', async () => {
    const res = await cityOp.get(`/api/youth?q=${DONGHU_ID}`);
    expect(res.statusCode).toBe(404);
  });
});

describe('duplicates', () => {
  const id = makeId('360103', '19950505', '345');

  it('within the subtree opens the record; elsewhere names only the keeping unit', async () => {
    const kept = (await create(xihuOp, { name: '赵六', idNumber: id, phone: '13700137000' })).youth;
    const mine = await cityOp.post('/api/youth/duplicate-check', { idNumber: id });
    expect(mine.json().matches).toEqual([
      expect.objectContaining({ inScope: true, youthId: kept.id, name: '赵六', keepingUnitName: '西湖区' }),
    ]);
    const sibling = await donghuOp.post('/api/youth/duplicate-check', { idNumber: id, phone: '13700137000' });
    expect(sibling.statusCode, sibling.body).toBe(200);
    expect(sibling.body).not.toContain('赵六');
    expect(sibling.body).not.toContain(String(kept.id));
    expect(sibling.json().matches).toEqual([
      {
        field: 'idNumber',
        inScope: false,
        youthId: null,
        name: null,
        keepingUnitName: '西湖区',
        canRequestTransfer: false,
      },
      {
        field: 'phone',
        inScope: false,
        youthId: null,
        name: null,
        keepingUnitName: '西湖区',
        canRequestTransfer: false,
      },
    ]);
    const again = await donghuOp.post('/api/youth', { name: '赵六', idNumber: id });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toBe('该青年已由「西湖区」登记保管，可申请转入本单位');
  });
});

describe('masking and reveal', () => {
  let person: Item;
  const id = makeId('360100', '19990909', '456');

  beforeAll(async () => {
    person = (await create(cityOp, { name: '钱七', idNumber: id, phone: '13600136000' })).youth;
  });

  it('masks everywhere, and refuses reveal without the permission', async () => {
    const detail = await cityAdmin.get(`/api/youth/${person.id}`);
    expect(detail.body).not.toContain(id);
    expect(detail.body).not.toContain('13600136000');
    const res = await cityOp.post(`/api/youth/${person.id}/reveal`, { reason: '核实身份信息' });
    expect(res.statusCode).toBe(403);
  });

  it('requires a reason, refuses numbers in it, and audits the reason', async () => {
    expect((await cityReviewer.post(`/api/youth/${person.id}/reveal`, { reason: '看' })).statusCode).toBe(
      400,
    );
    const leaky = await cityReviewer.post(`/api/youth/${person.id}/reveal`, { reason: `核对 ${id}` });
    expect(leaky.statusCode).toBe(400);
    const res = await cityReviewer.post(`/api/youth/${person.id}/reveal`, { reason: '电话回访核实身份' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ idNumber: id, phone: '13600136000' });
    const [row] = await queryRows<{ detail: { reason: string } }>(
      t.db,
      sql`select detail from audit_log where action = 'youth.revealed' and target_id = ${String(person.id)}`,
    );
    expect(row.detail.reason).toBe('电话回访核实身份');
    const all = await queryRows<{ d: string }>(
      t.db,
      sql`select coalesce(detail::text, '') as d from audit_log`,
    );
    expect(all.some((r) => r.d.includes(id) || r.d.includes('13600136000'))).toBe(false);
  });
});

describe('age and guardian consent', () => {
  it('warns outside 16–35 and refuses under 14 without guardian consent', async () => {
    const old = await create(cityOp, { name: '孙八', birthDate: `${yearsAgo(40).slice(0, 4)}-01-01` });
    expect(old.warnings.join()).toContain('不在 16–35 岁');
    const child = { name: '周九', idNumber: makeId('360100', yearsAgo(12), '567') };
    const refused = await cityOp.post('/api/youth', child);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toContain('个人信息保护法');
    const ok = await create(cityOp, { ...child, guardianConsent: true });
    expect(ok.youth.guardianConsent).toBe(true);
  });
});

describe('version check', () => {
  it('refuses the second of two saves made from the same version', async () => {
    const { youth } = await create(cityOp, { name: '吴十' });
    const first = await cityOp.patch(`/api/youth/${youth.id}`, { remark: '甲', version: youth.version });
    expect(first.statusCode, first.body).toBe(200);
    const second = await cityOp.patch(`/api/youth/${youth.id}`, { remark: '乙', version: youth.version });
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('version_conflict');
  });
});

describe('stage proposals', () => {
  it('operator proposes, reviewer approves or rejects, the history stays', async () => {
    const { youth } = await create(cityOp, { name: '郑十一' });
    const p = await cityOp.post(`/api/youth/${youth.id}/stage-proposals`, {
      toStage: 'key',
      reason: '作品获省级奖项',
    });
    expect(p.statusCode, p.body).toBe(200);
    const dup = await cityOp.post(`/api/youth/${youth.id}/stage-proposals`, {
      toStage: 'key',
      reason: '再次申请',
    });
    expect(dup.statusCode).toBe(409);
    expect(
      (await cityOp.post(`/api/youth-stage-proposals/${p.json().id}/review`, { decision: 'approve' }))
        .statusCode,
    ).toBe(403);
    expect((await xihuOp.get('/api/youth-stage-proposals')).json().total).toBe(0);
    const rejected = await cityReviewer.post(`/api/youth-stage-proposals/${p.json().id}/review`, {
      decision: 'reject',
      comment: '材料不足',
    });
    expect(rejected.json().status).toBe('rejected');
    expect((await cityOp.get(`/api/youth/${youth.id}`)).json().stage).toBe('contact');

    const p2 = await cityOp.post(`/api/youth/${youth.id}/stage-proposals`, {
      toStage: 'key',
      reason: '补充了获奖证书',
    });
    const approved = await cityReviewer.post(`/api/youth-stage-proposals/${p2.json().id}/review`, {
      decision: 'approve',
    });
    expect(approved.json().status).toBe('approved');
    expect((await cityOp.get(`/api/youth/${youth.id}`)).json().stage).toBe('key');
    const timeline = (await cityOp.get(`/api/youth/${youth.id}/timeline`)).json().items as {
      title: string;
    }[];
    expect(timeline.map((e) => e.title)).toEqual([
      '批准调整：联系对象 → 重点培养对象',
      '提出调整：联系对象 → 重点培养对象',
      '驳回调整：联系对象 → 重点培养对象',
      '提出调整：联系对象 → 重点培养对象',
      '登记入库',
    ]);
  });
});

describe('interactions', () => {
  it('logging a contact updates the last contact and the not-contacted filter', async () => {
    const { youth } = await create(donghuOp, { name: '冯十二' });
    const before = await search(donghuOp, { q: '冯十二', notContactedDays: 30 });
    expect(before.total).toBe(1);
    const today = todayInChina();
    const res = await donghuOp.post(`/api/youth/${youth.id}/interactions`, {
      date: today,
      way: '走访',
      contactedBy: '团区委 李干事',
      summary: '了解创作近况与需求',
      followUpNeeded: true,
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = await search(donghuOp, { q: '冯十二', notContactedDays: 30 });
    expect(after.total).toBe(0);
    const list = (await donghuOp.get(`/api/youth/${youth.id}/interactions`)).json().items;
    expect(list).toHaveLength(1);
    const item = (await search(donghuOp, { q: '冯十二' })).items[0] as Item & { daysSinceContact: number };
    expect(item.daysSinceContact).toBeLessThanOrEqual(1);
  });
});

describe('transfers', () => {
  it('a receiving unit asks by ID number, the keeper accepts, the record moves with its history', async () => {
    const id = makeId('360100', '19970707', '678');
    const { youth } = await create(cityOp, { name: '陈十三', idNumber: id });
    await cityOp.post(`/api/youth/${youth.id}/interactions`, {
      date: todayInChina(),
      way: '座谈',
      contactedBy: '团市委',
      summary: '座谈交流',
    });
    const dup = (await ganzhouAdmin.post('/api/youth/duplicate-check', { idNumber: id })).json();
    expect(dup.matches[0]).toMatchObject({
      inScope: false,
      keepingUnitName: '南昌市',
      canRequestTransfer: true,
    });
    const req = await ganzhouAdmin.post('/api/youth-transfers', { idNumber: id, reason: '本人已迁居赣州' });
    expect(req.statusCode, req.body).toBe(200);
    expect(req.json().youthName).toBe('陈**');
    expect(req.json().canDecide).toBe(false);
    expect((await ganzhouAdmin.post(`/api/youth-transfers/${req.json().id}/accept`, {})).statusCode).toBe(
      403,
    );

    const pending = (await cityAdmin.get('/api/youth-transfers?direction=outgoing')).json();
    expect(pending.items.map((i: { id: number }) => i.id)).toContain(req.json().id);
    const accepted = await cityAdmin.post(`/api/youth-transfers/${req.json().id}/accept`, { note: '同意' });
    expect(accepted.statusCode, accepted.body).toBe(200);

    expect((await cityOp.get(`/api/youth/${youth.id}`)).statusCode).toBe(404);
    const now = await ganzhouAdmin.get(`/api/youth/${youth.id}`);
    expect(now.json().unit.name).toBe('赣州市');
    const titles = (await ganzhouAdmin.get(`/api/youth/${youth.id}/timeline`))
      .json()
      .items.map((e: { title: string }) => e.title);
    expect(titles).toEqual([
      '转接完成：南昌市 → 赣州市',
      '申请转接：南昌市 → 赣州市',
      '联系：座谈',
      '登记入库',
    ]);
  });

  it('the keeper pushes to another unit, which may reject', async () => {
    const { youth } = await create(cityAdmin, { name: '褚十四' });
    const req = await cityAdmin.post('/api/youth-transfers', {
      youthId: youth.id,
      toUnitId: ids['360700'],
      reason: '工作调动至赣州',
    });
    expect(req.statusCode, req.body).toBe(200);
    const rejected = await ganzhouAdmin.post(`/api/youth-transfers/${req.json().id}/reject`, {
      note: '未核实到本人',
    });
    expect(rejected.json().status).toBe('rejected');
    expect((await cityAdmin.get(`/api/youth/${youth.id}`)).json().unit.name).toBe('南昌市');
  });
});

async function readBack(buffer: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const rows: string[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)))));
  return { name: ws.name, rows };
}

describe('export', () => {
  it('the 花名册 lists key targets only, masked, under the title, 填报单位 and 填报日期', async () => {
    const id = makeId('360102', '19960606', '789');
    const { youth } = await create(donghuOp, {
      name: '卫十五',
      idNumber: id,
      phone: '13500135000',
      ethnicity: '汉族',
      platformOrg: '=HYPERLINK("x")',
    });
    await t.db.execute(sql`update youth set stage = 'key' where id = ${youth.id}`);
    const res = await donghuOp.post('/api/youth/export', { layout: 'roster' });
    expect(res.statusCode, res.body).toBe(200);
    const { name, rows } = await readBack(res.rawPayload);
    expect(name).toBe('花名册');
    expect(rows[0][0]).toBe('新兴青年群体重点培养对象花名册');
    expect(rows[1][0]).toBe('填报单位：共青团东湖区委员会');
    expect(rows[2][0]).toMatch(/^填报日期：\d{4}年\d{1,2}月\d{1,2}日$/);
    expect(rows[3]).toEqual([
      '序号',
      '姓名',
      '性别',
      '民族',
      '出生年月',
      '身份证号',
      '政治面貌',
      '学历',
      '群体类别',
      '从业领域',
      '签约平台或所属机构',
      '代表作品与成就',
      '联系电话',
      '备注',
    ]);
    expect(rows).toHaveLength(5);
    expect(rows[4].slice(0, 6)).toEqual([
      '1',
      '卫十五',
      '男',
      '汉族',
      '1996.06',
      `360102********${id.slice(-4)}`,
    ]);
    expect(rows[4][10]).toBe(`'=HYPERLINK("x")`);
    expect(rows[4][12]).toBe('135****5000');
    expect(res.rawPayload.toString('latin1')).not.toContain(id);
  });

  it('a sibling county’s export holds none of them; unmasked export needs the permission and a reason', async () => {
    const res = await xihuOp.post('/api/youth/export', {});
    const { rows } = await readBack(res.rawPayload);
    expect(rows.map((r) => r[0])).not.toContain('张三丰');
    expect(rows.map((r) => r[0])).toContain('张三');
    expect((await cityOp.post('/api/youth/export', { unmasked: true, reason: '上报需要' })).statusCode).toBe(
      403,
    );
    expect((await cityAdmin.post('/api/youth/export', { unmasked: true })).statusCode).toBe(400);
    const full = await cityAdmin.post('/api/youth/export', { unmasked: true, reason: '报送团省委' });
    expect(full.statusCode).toBe(200);
    const back = await readBack(full.rawPayload);
    expect(back.rows.some((r) => r.includes(DONGHU_ID))).toBe(true);
    const [audit] = await queryRows<{ detail: { reason: string; unmasked: boolean } }>(
      t.db,
      sql`select detail from audit_log where action = 'youth.exported' and (detail->>'unmasked')::boolean order by id desc limit 1`,
    );
    expect(audit.detail.reason).toBe('报送团省委');
  });

  it('exports the columns the list shows, in its order, the name first', async () => {
    const res = await cityOp.post('/api/youth/export', { columns: ['phone', 'unit', 'age'] });
    expect(res.statusCode).toBe(200);
    const { rows } = await readBack(res.rawPayload);
    const header = rows.find((r) => r[0] === '姓名');
    expect(header).toEqual(['姓名', '手机号', '所在单位', '出生日期', '年龄']);
  });
});

describe('list filters', () => {
  const dict = async (type: string, label: string) => {
    const [row] = await queryRows<{ id: number }>(
      t.db,
      sql`select id from dict_items where dict_type = ${type} and label = ${label} and unit_id is null`,
    );
    return row.id;
  };

  it('filters by category (a top level includes its children), source, need, stage and age', async () => {
    const top = await dict('category', '网络文化青年');
    const writer = await dict('category', '网络作家');
    const courier = await dict('category', '快递小哥');
    const source = await dict('source', '调研座谈');
    const need = await dict('need', '职业发展');
    const young = `${yearsAgo(20).slice(0, 4)}-01-01`;
    const a = await create(cityOp, {
      name: '筛选甲',
      categoryId: writer,
      sourceId: source,
      needs: [need],
      birthDate: young,
    });
    await create(cityOp, {
      name: '筛选乙',
      categoryId: courier,
      birthDate: `${yearsAgo(30).slice(0, 4)}-01-01`,
    });
    const names = async (body: Record<string, unknown>) =>
      (await search(cityOp, { q: '筛选', ...body })).items.map((i) => i.name).sort();
    expect(await names({})).toEqual(['筛选乙', '筛选甲']);
    expect(await names({ categoryId: top })).toEqual(['筛选甲']);
    expect(await names({ categoryId: writer })).toEqual(['筛选甲']);
    expect(await names({ sourceId: source })).toEqual(['筛选甲']);
    expect(await names({ needId: need })).toEqual(['筛选甲']);
    expect(await names({ ageMin: 19, ageMax: 22 })).toEqual(['筛选甲']);
    expect(await names({ ageMin: 25 })).toEqual(['筛选乙']);
    expect(await names({ stage: 'key' })).toEqual([]);
    expect(await names({ unitId: ids['360100'], includeDescendants: false })).toEqual(['筛选乙', '筛选甲']);
    expect(await names({ unitId: ids['360102'] })).toEqual([]);
    const detail = (await cityOp.get(`/api/youth/${a.youth.id}`)).json();
    expect(detail.category.label).toBe('网络作家');
    expect(detail.needs).toEqual([{ id: need, label: '职业发展' }]);
    expect(detail.source.label).toBe('调研座谈');
  });

  it('refuses a dictionary item of the wrong kind and an unknown sort', async () => {
    const need = await dict('need', '职业发展');
    expect((await cityOp.post('/api/youth', { name: '筛选丙', categoryId: need })).statusCode).toBe(400);
    expect((await cityOp.post('/api/youth/search', { sort: 'idNumber' })).statusCode).toBe(400);
  });

  it('pages: the total is exact and not an estimate for small results', async () => {
    const page = await search(cityOp, { q: '筛选', pageSize: 1, sort: 'name' });
    expect(page.items).toHaveLength(1);
    expect(page.total).toBe(2);
    expect(page.totalIsEstimate).toBe(false);
  });
});

describe('counting a broad filter', () => {
  it('stops counting at 10 000 and says the total is an estimate', async () => {
    const unitId = await unitIdByCode(t.db, '360702');
    await t.db.execute(
      sql`insert into youth (unit_id, name, name_pinyin, name_initials)
          select ${unitId}, '批量' || g, 'piliang', 'pl' from generate_series(1, 10001) g`,
    );
    const page = await search(ganzhouAdmin, { unitId, pageSize: 50 });
    expect(page.items).toHaveLength(50);
    expect(page).toMatchObject({ total: 10000, totalIsEstimate: true });
    const narrow = await search(ganzhouAdmin, { unitId, q: '批量10001' });
    expect(narrow).toMatchObject({ total: 1, totalIsEstimate: false });
  });
});
