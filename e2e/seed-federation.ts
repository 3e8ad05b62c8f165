import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../server/db/client';
import { youthSocieties } from '../server/db/schema';

/**
 * 青年社团 of 南昌市 for e2e/federation.spec.ts, inserted directly (the societies register has its own
 * pages): three registered societies and one League-affiliated society covering an emerging field.
 */
export const FEDERATION_FIXTURES = {
  registered: [
    { name: '南昌市青年摄影家协会', pinyin: 'nanchangshiqingniansheyingjiaxiehui', initials: 'ncsqnsyjxh' },
    { name: '南昌市青年律师协会', pinyin: 'nanchangshiqingnianlvshixiehui', initials: 'ncsqnlsxh' },
    { name: '南昌市青年创业者协会', pinyin: 'nanchangshiqingnianchuangyezhexiehui', initials: 'ncsqncyzxh' },
  ],
  league: {
    name: '南昌市网络主播青年联合会',
    pinyin: 'nanchangshiwangluozhuboqingnianlianhehui',
    initials: 'ncswlzbqnlhh',
  },
  selfOrg: { name: '滕王阁街舞社', pinyin: 'tengwanggejiewushe', initials: 'twgjws' },
} as const;

export async function seedFederationFixtures(db: Db, unitId: number) {
  const [field] = await queryRows<{ id: number }>(
    db,
    sql`select id from dict_items where dict_type = 'emerging_field' order by sort_order, id limit 1`,
  );
  const base = { unitId, kind: 'registered' as const, registeredOn: '2022-05-10' };
  for (const s of FEDERATION_FIXTURES.registered) {
    await db
      .insert(youthSocieties)
      .values({ ...base, name: s.name, namePinyin: s.pinyin, nameInitials: s.initials });
  }
  const l = FEDERATION_FIXTURES.league;
  await db.insert(youthSocieties).values({
    ...base,
    name: l.name,
    namePinyin: l.pinyin,
    nameInitials: l.initials,
    leagueAffiliated: true,
    buildMode: 'independent',
    fieldId: field?.id ?? null,
  });
  const o = FEDERATION_FIXTURES.selfOrg;
  await db.insert(youthSocieties).values({
    unitId,
    kind: 'unregistered',
    name: o.name,
    namePinyin: o.pinyin,
    nameInitials: o.initials,
  });
}
