import {
  ENDING_PAIRING_DAYS,
  IDLE_PAIRING_DAYS,
  type CultivationFigures,
} from '../../../common/contracts/home';
import { todayInChina } from '../../../common/validators';
import type { Db } from '../../db/client';
import type { RequestContext } from '../../platform/http/context';
import type { Viewer } from '../../platform/access/viewer';
import { beijingTime, writeXlsx } from '../../platform/excel/xlsx-writer';
import { notFound } from '../../platform/http/errors';
import * as figures from './home-figures.repo';
import { findScopeUnit } from './home.repo';

type Scope = Pick<Viewer, 'unitPath'>;

export function periodOf(today: string): figures.Period {
  const year = today.slice(0, 4);
  return { start: `${year}-01-01`, end: `${year}-12-31`, today };
}

export async function cultivationFor(
  db: Db,
  scope: Scope,
  today = todayInChina(),
): Promise<CultivationFigures> {
  const p = periodOf(today);
  const [trained, mentoring, overdue, events, works] = await Promise.all([
    figures.trainingFigures(db, scope, p),
    figures.mentorFigures(db, scope, p, IDLE_PAIRING_DAYS, ENDING_PAIRING_DAYS),
    figures.overdueFollowUps(db, scope, p),
    figures.eventFigures(db, scope, p),
    figures.worksFigures(db, scope, p),
  ]);
  const share = mentoring.keyTargets ? mentoring.keyTargetsWithMentor / mentoring.keyTargets : 0;
  return {
    year: Number(today.slice(0, 4)),
    trained,
    mentoring: {
      keyTargets: mentoring.keyTargets,
      withMentor: mentoring.keyTargetsWithMentor,
      share: Math.round(share * 1000) / 1000,
      endingSoon: mentoring.pairingsEndingSoon,
      idle: mentoring.idlePairings,
    },
    overdueFollowUps: overdue,
    events,
    works,
  };
}

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

/** The figures as rows of 指标 / 数值 / 口径, the way they are reported upward. */
export function figureRows(c: CultivationFigures) {
  return [
    {
      group: '专门培训',
      name: `${c.year} 年参训人数`,
      value: c.trained.people,
      unit: '人',
      note: '本年举办的培训班中已录取或已结业的学员（按人去重）',
    },
    {
      group: '专门培训',
      name: `${c.year} 年结业人数`,
      value: c.trained.completed,
      unit: '人',
      note: '本年培训班中已结业的学员',
    },
    {
      group: '专门培训',
      name: `${c.year} 年参训人次`,
      value: c.trained.personTimes,
      unit: '人次',
      note: '本年课程的出勤记录（出勤、迟到）',
    },
    {
      group: '跟踪培养',
      name: '逾期未完成的跟踪培养',
      value: c.overdueFollowUps,
      unit: '条',
      note: '应跟踪日期已过、尚未记录的跟踪培养',
    },
    {
      group: '梦想导师',
      name: '重点培养对象',
      value: c.mentoring.keyTargets,
      unit: '人',
      note: '本单位及下级的重点培养对象',
    },
    {
      group: '梦想导师',
      name: '已结对导师的重点培养对象',
      value: c.mentoring.withMentor,
      unit: '人',
      note: `结对已签约或指导中；占重点培养对象 ${percent(c.mentoring.share)}`,
    },
    {
      group: '梦想导师',
      name: '结对覆盖率',
      value: percent(c.mentoring.share),
      unit: '',
      note: '已结对导师的重点培养对象 ÷ 重点培养对象',
    },
    {
      group: '梦想导师',
      name: `${ENDING_PAIRING_DAYS} 天内到期的结对`,
      value: c.mentoring.endingSoon,
      unit: '对',
      note: '已签约或指导中、协议结束日期在今后 60 天内',
    },
    {
      group: '梦想导师',
      name: `超过 ${IDLE_PAIRING_DAYS} 天未填写指导记录的结对`,
      value: c.mentoring.idle,
      unit: '对',
      note: '已签约或指导中，最近一次指导记录（或签约）在 30 天前',
    },
    {
      group: '青春沙龙等活动',
      name: `${c.year} 年举办活动`,
      value: c.events.events,
      unit: '场',
      note: '本年举办的青春沙龙、讲座、研讨等活动',
    },
    {
      group: '青春沙龙等活动',
      name: `${c.year} 年活动参与人次`,
      value: c.events.personTimes,
      unit: '人次',
      note: '每人每场计 1 人次',
    },
    {
      group: '青春沙龙等活动',
      name: `${c.year} 年活动参与人数`,
      value: c.events.persons,
      unit: '人',
      note: '按人去重',
    },
    {
      group: '青春沙龙等活动',
      name: `${c.year} 年巡演巡展与见面会`,
      value: c.events.tours,
      unit: '场',
      note: '巡演、巡展与读者（观众）见面会，已计入举办活动',
    },
    {
      group: '青春沙龙等活动',
      name: `${c.year} 年观众人次`,
      value: c.events.audience,
      unit: '人次',
      note: '各活动现场计数的观众，不含参与青年名单',
    },
    {
      group: '作品征集',
      name: `${c.year} 年征集作品`,
      value: c.works.entries,
      unit: '件',
      note: '本年本单位及下级的征集活动收到的作品（不含已撤回）',
    },
    {
      group: '作品征集',
      name: `${c.year} 年参与征集人数`,
      value: c.works.entrants,
      unit: '人',
      note: '上述作品的作者，已关联青年档案的按人去重',
    },
    {
      group: '作品征集',
      name: `${c.year} 年获奖作品`,
      value: c.works.awards,
      unit: '件',
      note: '本年公示期满、结果确定的征集活动中获奖的作品',
    },
    {
      group: '作品征集',
      name: `${c.year} 年向上推荐作品`,
      value: c.works.recommended,
      unit: '件',
      note: '本年从本单位及下级的征集活动推荐到上级征集活动的作品',
    },
  ];
}

export async function exportFigures(ctx: RequestContext, now = new Date()) {
  const scope = await findScopeUnit(ctx.db, ctx.viewer.unitId);
  if (!scope) throw notFound('单位');
  const c = await cultivationFor(ctx.db, ctx.viewer);
  const buffer = await writeXlsx({
    sheetName: '培养工作统计',
    title: `${scope.orgName}培养工作统计（${c.year} 年）`,
    subtitleRows: [
      `统计范围：${scope.orgName}（本级及下级）；导出时间：${beijingTime(now)}；导出人：${ctx.viewer.displayName}`,
    ],
    columns: [
      { header: '类别', key: 'group', width: 16 },
      { header: '指标', key: 'name', width: 34 },
      { header: '数值', key: 'value', width: 10 },
      { header: '单位', key: 'unit', width: 6 },
      { header: '口径说明', key: 'note', width: 56 },
    ],
    rows: figureRows(c),
  });
  await ctx.audit({
    action: 'home.figures_exported',
    targetType: 'unit',
    targetId: scope.id,
    targetLabel: scope.name,
    detail: { year: c.year },
  });
  const stamp = beijingTime(now).replace(/[-:]/g, '').replace(' ', '-');
  return { buffer, filename: `培养工作统计-${stamp}.xlsx` };
}
