import { eq } from 'drizzle-orm';
import type { Db } from '../server/db/client';
import { callEntries, calls } from '../server/db/schema';
import { seedCall, seedScoredEntry } from '../server/modules/awards/awards-fixtures';
import {
  noticeContentHash,
  noticeTemplate,
  TEMPLATE_PLACEHOLDER,
} from '../server/modules/privacy/privacy-template';
import { insertNextNotice, unitOrgName } from '../server/modules/privacy/privacy.repo';

export const AWARDS = {
  city: { slug: 'e2encity01', title: '南昌市青年文艺作品大赛' },
  /** Judged, awards not yet given: the organiser proposes them and starts 公示. */
  county: { slug: 'e2edhawd01', title: '东湖区青年文艺作品大赛' },
  /** 公示 over with its window: the organiser confirms, prints certificates and recommends upward. */
  ended: { slug: 'e2edhawd02', title: '东湖区青年书画作品展评' },
};

const DAY = 86_400_000;

/** Two judged calls of 东湖区 under a published call of 南昌 (awards, 公示, certificates, recommendation). */
export async function seedAwardsFixtures(db: Db) {
  const city = await seedCall(db, { unitCode: '360100', ...AWARDS.city, recommendQuota: 2, judged: false });
  const county = await seedCall(db, {
    unitCode: '360102',
    ...AWARDS.county,
    parentCallId: city.id,
  });
  // 东湖区's calls were published, so its notice was: the 公示's objection form is given under it.
  const template = noticeTemplate((await unitOrgName(db, county.unitId))!);
  const sections = {
    ...template,
    contact: template.contact.replaceAll(TEMPLATE_PLACEHOLDER, '0791-86620000'),
  };
  const noticeTitle = '共青团南昌市东湖区委员会个人信息处理规则';
  await insertNextNotice(db, {
    unitId: county.unitId,
    title: noticeTitle,
    sections,
    contentHash: noticeContentHash(noticeTitle, sections),
    createdBy: null,
  });
  const works: [string, number, boolean, string[]][] = [
    ['赣江晨曦', 96.5, true, ['陈思远']],
    ['滕王阁夜色', 92, true, ['刘雨桐', '黄子涵']],
    ['老街记忆', 92, false, ['周梓萱']],
    ['八一广场的鸽子', 88.25, true, ['吴浩然']],
    ['青云谱的春天', 85, true, ['郑嘉怡']],
    ['梅岭云海', 80.5, true, ['孙一鸣']],
  ];
  for (const [title, score, consent, names] of works) {
    await seedScoredEntry(db, {
      callId: county.id,
      unitId: county.unitId,
      title,
      score,
      consent,
      entrants: names.map((name) => ({ name, placeCode: '360102' })),
    });
  }

  const ended = await seedCall(db, {
    unitCode: '360102',
    ...AWARDS.ended,
    parentCallId: city.id,
  });
  const levels = ['first', 'second', 'third', null];
  const painted: [string, number, string][] = [
    ['瓷都印象', 94, '王子墨'],
    ['鄱湖候鸟', 90.5, '李欣然'],
    ['庐山松风', 87, '张雨萌'],
    ['赣南围屋', 81, '赵天宇'],
  ];
  for (const [i, [title, score, name]] of painted.entries()) {
    const { entryId } = await seedScoredEntry(db, {
      callId: ended.id,
      unitId: ended.unitId,
      title,
      score,
      entrants: [{ name, placeCode: '360102' }],
    });
    if (levels[i]) {
      await db
        .update(callEntries)
        .set({ awardLevelKey: levels[i], awardedAt: new Date(Date.now() - 9 * DAY) })
        .where(eq(callEntries.id, entryId));
    }
  }
  await db
    .update(calls)
    .set({ publicityStartsAt: new Date(Date.now() - 8 * DAY), publicityEndsAt: new Date(Date.now() - DAY) })
    .where(eq(calls.id, ended.id));
}
