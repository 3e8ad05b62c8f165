import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  contactPoints,
  federationMembers,
  leagueBranches,
  leagueBranchMembers,
  youth,
  youthSocieties,
} from '../../db/schema';
import {
  createTestContext,
  createUser,
  login,
  unitIdByCode,
  type Agent,
  type TestContext,
} from '../../test/harness';

/** 青年库 and 组织覆盖 on the home page: counted for a city and its county; the sibling city sees none. */

let t: TestContext;
let ncLeader: Agent;
let jjLeader: Agent;

beforeAll(async () => {
  t = await createTestContext();
  ncLeader = await login(t, await createUser(t, { role: 'leader', unitCode: '360100', totp: false }));
  jjLeader = await login(t, await createUser(t, { role: 'leader', unitCode: '360400', totp: false }));
});
afterAll(async () => {
  await t?.close();
});

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);

describe('home overview', () => {
  it('counts registry and coverage figures in scope only', async () => {
    const city = await unitIdByCode(t.db, '360100');
    const county = await unitIdByCode(t.db, '360102');
    const person = async (
      name: string,
      unitId: number,
      stage: 'contact' | 'key',
      lastContactAt: Date | null,
    ) => {
      const [row] = await t.db
        .insert(youth)
        .values({ unitId, name, namePinyin: 'x', nameInitials: 'x', stage, lastContactAt })
        .returning({ id: youth.id });
      return row.id;
    };
    const a = await person('概览甲', city, 'key', daysAgo(3));
    const b = await person('概览乙', county, 'contact', daysAgo(120));
    await person('概览丙', county, 'contact', null);
    const society = async (name: string, leagueAffiliated: boolean, status: 'active' | 'dissolved') => {
      const [row] = await t.db
        .insert(youthSocieties)
        .values({
          unitId: county,
          name,
          namePinyin: 'x',
          nameInitials: 'x',
          kind: 'unregistered',
          leagueAffiliated,
          status,
        })
        .returning({ id: youthSocieties.id });
      return row.id;
    };
    const s1 = await society('概览社团一', true, 'active');
    await society('概览社团二', false, 'active');
    await society('概览社团三', true, 'dissolved');
    await t.db.insert(federationMembers).values([
      { unitId: city, name: '共青团南昌市委员会', isLeague: true, origin: 'recommended', status: 'admitted' },
      { unitId: city, societyId: s1, name: '概览社团一', origin: 'applied', status: 'admitted' },
      { unitId: city, name: '概览待审团体', origin: 'applied', status: 'committee' },
      { unitId: city, name: '概览退出团体', origin: 'applied', status: 'exited' },
    ]);
    const [point] = await t.db
      .insert(contactPoints)
      .values({ unitId: county, name: '概览快递站', kind: '快递物流企业', relation: '挂牌' })
      .returning({ id: contactPoints.id });
    await t.db
      .insert(contactPoints)
      .values({ unitId: county, name: '概览旧园区', kind: '文创园区', relation: '日常联系', active: false });
    const [branch] = await t.db
      .insert(leagueBranches)
      .values({
        unitId: county,
        name: '概览流动团支部',
        kind: '流动团支部',
        contactPointId: point.id,
        establishedOn: '2026-01-01',
      })
      .returning({ id: leagueBranches.id });
    await t.db.insert(leagueBranchMembers).values([
      { branchId: branch.id, youthId: a, role: '书记', joinedOn: '2026-01-01' },
      { branchId: branch.id, youthId: b, role: '团员', joinedOn: '2026-01-01', leftOn: '2026-06-01' },
    ]);

    const nc = (await ncLeader.request({ method: 'GET', url: '/api/home/summary' })).json();
    expect(nc.registry).toMatchObject({ people: 3, keyTargets: 1, notContacted: 2 });
    expect(nc.registry.addedThisMonth).toBe(3);
    expect(nc.coverage).toEqual({
      societies: 2,
      leagueSocieties: 1,
      memberGroups: 1,
      contactPoints: 1,
      branches: 1,
      branchMembers: 1,
    });
    const jj = (await jjLeader.request({ method: 'GET', url: '/api/home/summary' })).json();
    expect(jj.registry).toMatchObject({ people: 0, keyTargets: 0, notContacted: 0 });
    expect(Object.values(jj.coverage).every((n) => n === 0)).toBe(true);
  });
});
