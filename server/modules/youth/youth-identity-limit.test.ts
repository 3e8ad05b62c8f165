import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
import { makeId } from '../../test/id-numbers';
import { createTestContext, createUser, login, type Agent, type TestContext } from '../../test/harness';
import { idNumberToken, phoneToken } from './youth.input';

const PER_MINUTE = 3;
const PER_DAY = 6;

let t: TestContext;
let xihuOp: Agent; // 西湖区 keeps the person
let donghuOp: Agent; // 东湖区, its sibling: sees only the keeping unit's name

beforeAll(async () => {
  t = await createTestContext({
    duplicateCheckLimitPerMinute: PER_MINUTE,
    duplicateCheckLimitPerDay: PER_DAY,
  });
  xihuOp = await login(t, await createUser(t, { role: 'operator', unitCode: '360103', totp: false }));
  donghuOp = await login(t, await createUser(t, { role: 'operator', unitCode: '360102', totp: false }));
});

afterAll(async () => {
  await t?.close();
});

const operator = async () =>
  login(t, await createUser(t, { role: 'operator', unitCode: '360102', totp: false }));

const check = (agent: Agent, body: Record<string, unknown>) => agent.post('/api/youth/duplicate-check', body);

type AuditRow = { action: string; outcome: string; detail: Record<string, unknown> };

const auditOf = (userId: number) =>
  queryRows<AuditRow>(
    t.db,
    sql`select action, outcome, detail from audit_log
        where user_id = ${userId} and action like 'youth.duplicate_check%' order by id`,
  );

describe('the country-wide duplicate check', () => {
  it('audits each check with the blind-index token and what it found, never the number', async () => {
    const id = makeId('360103', '19950505', '345');
    const phone = '13700137000';
    const kept = await xihuOp.post('/api/youth', { name: '赵六', idNumber: id, phone });
    expect(kept.statusCode, kept.body).toBe(200);
    const idToken = idNumberToken(t.keys, id).token;
    const phoneTok = phoneToken(t.keys, phone).token;

    expect((await check(donghuOp, { idNumber: id })).statusCode).toBe(200);
    expect((await check(xihuOp, { idNumber: id, phone })).statusCode).toBe(200);
    const unknown = makeId('360102', '19960606', '123');
    expect((await check(donghuOp, { idNumber: unknown })).statusCode).toBe(200);

    const sibling = await auditOf(donghuOp.user.id);
    expect(sibling.map((r) => r.detail.lookups)).toEqual([
      [{ field: 'idNumber', token: idToken, outcome: 'elsewhere', inScope: 0, elsewhere: 1 }],
      [
        {
          field: 'idNumber',
          token: idNumberToken(t.keys, unknown).token,
          outcome: 'not_found',
          inScope: 0,
          elsewhere: 0,
        },
      ],
    ]);
    const [keeper] = await auditOf(xihuOp.user.id);
    expect(keeper.detail.lookups).toEqual([
      { field: 'idNumber', token: idToken, outcome: 'in_scope', inScope: 1, elsewhere: 0 },
      { field: 'phone', token: phoneTok, outcome: 'in_scope', inScope: 1, elsewhere: 0 },
    ]);
    const everything = JSON.stringify([...sibling, keeper]);
    for (const secret of [id, unknown, phone, id.slice(6, 14)]) expect(everything).not.toContain(secret);
  });

  it('refuses past the per-minute limit with a 429 in Chinese, alerting once per burst', async () => {
    const prober = await operator();
    const bystander = await operator();
    const numbers = Array.from({ length: 6 }, (_, i) => makeId('110101', '19900101', String(100 + i)));
    const statuses = [];
    for (const idNumber of numbers) statuses.push((await check(prober, { idNumber })).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
    const refused = await check(prober, { phone: '13800138000' });
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({
      code: 'rate_limited',
      message: `查重过于频繁（每个账号每分钟最多 ${PER_MINUTE} 次），请 1 分钟后再试`,
    });
    // The limit is the account's, not the unit's or the server's.
    expect((await check(bystander, { idNumber: numbers[0] })).statusCode).toBe(200);

    const audit = await auditOf(prober.user.id);
    expect(audit.filter((r) => r.action === 'youth.duplicate_checked')).toHaveLength(PER_MINUTE);
    const alerts = audit.filter((r) => r.action === 'youth.duplicate_check_limited');
    expect(alerts).toEqual([
      {
        action: 'youth.duplicate_check_limited',
        outcome: 'denied',
        detail: { window: 'minute', limit: PER_MINUTE, lastMinute: PER_MINUTE, last24Hours: PER_MINUTE },
      },
    ]);

    // A check accepted after the alert ends the burst (written here as if a minute had passed, since
    // the clock is the database's): the next refusal is a new burst with its own alert.
    await t.db.execute(sql`insert into audit_log (user_id, action, outcome, at)
      values (${prober.user.id}, 'youth.duplicate_checked', 'success', now() - interval '2 minutes')`);
    expect((await check(prober, { idNumber: numbers[0] })).statusCode).toBe(429);
    expect((await check(prober, { idNumber: numbers[1] })).statusCode).toBe(429);
    const after = await auditOf(prober.user.id);
    expect(after.filter((r) => r.action === 'youth.duplicate_check_limited')).toHaveLength(2);
  });

  it('refuses past the 24-hour limit, counting earlier checks of the day', async () => {
    const prober = await operator();
    await t.db.execute(sql`insert into audit_log (user_id, action, outcome, at)
      select ${prober.user.id}, 'youth.duplicate_checked', 'success', now() - interval '3 hours'
      from generate_series(1, ${PER_DAY})`);
    const res = await check(prober, { phone: '13800138000' });
    expect(res.statusCode).toBe(429);
    expect(res.json().message).toBe(
      `24 小时内查重次数已达上限（每个账号最多 ${PER_DAY} 次），请稍后再试；核对成批名单请使用导入功能`,
    );
    const alerts = (await auditOf(prober.user.id)).filter(
      (r) => r.action === 'youth.duplicate_check_limited',
    );
    expect(alerts.map((r) => r.detail.window)).toEqual(['day']);

    // Checks older than 24 hours no longer count.
    const yesterday = await operator();
    await t.db.execute(sql`insert into audit_log (user_id, action, outcome, at)
      select ${yesterday.user.id}, 'youth.duplicate_checked', 'success', now() - interval '25 hours'
      from generate_series(1, ${PER_DAY})`);
    expect((await check(yesterday, { phone: '13800138000' })).statusCode).toBe(200);
  });

  it('counts a registration refused because another unit keeps the person as a check', async () => {
    const id = makeId('360103', '19970707', '456');
    expect((await xihuOp.post('/api/youth', { name: '钱七', idNumber: id })).statusCode).toBe(200);
    const prober = await operator();
    const refused = await prober.post('/api/youth', { name: '钱七', idNumber: id });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toContain('西湖区');
    const [audited] = await auditOf(prober.user.id);
    expect(audited.detail).toEqual({
      via: 'create',
      lookups: [
        {
          field: 'idNumber',
          token: idNumberToken(t.keys, id).token,
          outcome: 'elsewhere',
          inScope: 0,
          elsewhere: 1,
        },
      ],
    });
    // Past the limit, registering is no way around it: the keeping unit is not named.
    for (let i = 1; i < PER_MINUTE; i += 1) {
      expect(
        (await check(prober, { idNumber: makeId('110101', '19900303', String(300 + i)) })).statusCode,
      ).toBe(200);
    }
    const limited = await prober.post('/api/youth', { name: '钱七', idNumber: id });
    expect(limited.statusCode).toBe(429);
    expect(limited.body).not.toContain('西湖区');
    // A person the account's own unit keeps is refused as before, whatever the count.
    const own = await xihuOp.post('/api/youth', { name: '钱七', idNumber: id });
    expect(own.statusCode).toBe(409);
  });

  it('lets no more than the limit through when one account fires checks at once', async () => {
    const prober = await operator();
    const numbers = Array.from({ length: 10 }, (_, i) => makeId('110101', '19900202', String(200 + i)));
    const statuses = await Promise.all(numbers.map((idNumber) => check(prober, { idNumber })));
    const counts = statuses.map((r) => r.statusCode).sort();
    expect(counts).toEqual([...Array(PER_MINUTE).fill(200), ...Array(10 - PER_MINUTE).fill(429)]);
    const audit = await auditOf(prober.user.id);
    expect(audit.filter((r) => r.action === 'youth.duplicate_checked')).toHaveLength(PER_MINUTE);
    expect(audit.filter((r) => r.action === 'youth.duplicate_check_limited')).toHaveLength(1);
  });
});
