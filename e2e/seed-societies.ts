import { youth } from '../server/db/schema';
import type { Db } from '../server/db/client';

/** People of 南昌市's 青年库 for e2e/societies.spec.ts: the leader of a self-organisation and a backbone. */
export const SOCIETY_FIXTURES = {
  leader: { name: '江晓帆', pinyin: 'jiangxiaofan', initials: 'jxf' },
  backbone: { name: '闵书然', pinyin: 'minshuran', initials: 'msr' },
} as const;

export async function seedSocietyFixtures(db: Db, unitId: number) {
  for (const p of Object.values(SOCIETY_FIXTURES)) {
    await db.insert(youth).values({
      unitId,
      name: p.name,
      namePinyin: p.pinyin,
      nameInitials: p.initials,
      occupation: '网络作家',
    });
  }
}
