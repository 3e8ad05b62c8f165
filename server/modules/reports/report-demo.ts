import { todayInChina } from '../../../common/validators';
import type { Db } from '../../db/client';
import { recordAudit } from '../../platform/audit/audit';
import * as collections from './report-collections.repo';
import { unitRef } from './report-completeness.repo';
import { defaultTitle, periodOf } from './report-rules';
import * as submissions from './report-submissions.repo';

const addDays = (ymd: string, days: number) =>
  new Date(Date.parse(`${ymd}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The demo's reporting loop: 江西省 has asked its key contact cities (南昌市, 景德镇市) for this quarter's
 * 工作进展, due in ten days, and 南昌市's operator has started the city's report. Signing in as jx_admin
 * shows the collection and its completeness; nc_operator finds the draft under 待报送.
 */
export async function seedReportDemo(
  db: Db,
  v: { jiangxiId: number; nanchangId: number; openedBy: number; draftedBy: number },
  today = todayInChina(),
): Promise<void> {
  const opener = await unitRef(db, v.jiangxiId);
  if (!opener) return;
  const year = Number(today.slice(0, 4));
  const quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  const period = periodOf(year, quarter);
  const title = defaultTitle('quarterly', year, quarter);
  const deadline = addDays(today, 10);
  const collectionId = await collections.insertCollection(db, {
    unitId: opener.id,
    form: 'quarterly',
    title,
    year,
    quarter,
    periodStart: period.start,
    periodEnd: period.end,
    targetMode: 'key_cities',
    targetLevels: ['city'],
    deadline,
    instructions:
      '请各重点联系城市团委如实填报本季度工作进展，指标由系统按期间自动统计，如有出入请说明原因。',
    createdBy: v.openedBy,
  });
  const expected = await collections.insertSubmissions(db, {
    collectionId,
    openerId: opener.id,
    cond: collections.targetCondition(opener, { mode: 'key_cities' }),
    deadline,
    byLevel: {},
  });
  const draftId = await collections.submissionIdOf(db, collectionId, v.nanchangId);
  if (draftId) {
    await submissions.updateAtVersion(db, draftId, 1, {
      status: 'draft',
      content: {
        progress:
          '本季度走访网络作家、独立音乐人等新兴青年 40 余人，举办青春沙龙 2 场；新确定重点培养对象 6 人，为其中 4 人结对梦想导师。',
        problems: '县区团委专职力量不足，部分联系记录未及时录入系统。',
      },
    });
    await submissions.recordSave(db, draftId, v.nanchangId, v.draftedBy);
  }
  await recordAudit(
    db,
    { userId: v.openedBy },
    {
      action: 'report.collection_opened',
      targetType: 'report_collection',
      targetId: collectionId,
      targetLabel: title,
      detail: { form: 'quarterly', year, quarter, targetMode: 'key_cities', expected, deadline, demo: true },
    },
  );
}
