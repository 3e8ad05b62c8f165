import type { z } from 'zod';
import {
  DEFAULT_TARGETS,
  type CoverageTargets,
  type coverageSupervision,
  type setCoverageTargets,
  type SupervisionRow,
} from '../../../common/contracts/federation-coverage';
import { hasPermission } from '../../../common/access';
import { todayInChina } from '../../../common/validators';
import { assertUnitInScope, pathInScope } from '../../platform/access/scope';
import { beijingTime, writeXlsx } from '../../platform/excel/xlsx-writer';
import { badRequest, forbidden, notFound, staleVersion } from '../../platform/http/errors';
import { iso } from '../youth/youth.present';
import * as repo from './federation-coverage.repo';
import { unitInfo } from './federation.repo';
import type { FederationCtx } from './federation.service';

type SetBody = z.output<NonNullable<(typeof setCoverageTargets)['body']>>;
type SupervisionQuery = z.output<NonNullable<(typeof coverageSupervision)['query']>>;
type Filter = Pick<SupervisionQuery, 'unitId' | 'on' | 'met' | 'level' | 'sort'>;

/** '/1/12/345/' → 12: the province a unit belongs to (the centre has none). */
function provinceIdOf(path: string): number | undefined {
  const id = path.split('/')[2];
  return id ? Number(id) : undefined;
}

/**
 * A province's targets, readable by the province and everything below it (a city sees the period it
 * works to) and by the centre; changeable only by the province itself.
 */
export async function getTargets(ctx: FederationCtx, provinceId?: number): Promise<CoverageTargets> {
  const id = provinceId ?? provinceIdOf(ctx.viewer.unitPath);
  if (!id) throw badRequest('请选择省份', [{ path: 'provinceId', message: '请选择省份' }]);
  const unit = await unitInfo(ctx.db, id);
  if (
    !unit ||
    unit.level !== 'province' ||
    !(pathInScope(unit.path, ctx.viewer) || ctx.viewer.unitPath.startsWith(unit.path))
  ) {
    throw notFound('省份');
  }
  const t = await repo.targetsRow(ctx.db, id);
  const counties = await repo.countyRows(ctx.db, unit.path);
  return {
    province: { id: unit.id, name: unit.name },
    configured: Boolean(t),
    startDate: t?.startDate ?? null,
    periodYears: t?.periodYears ?? DEFAULT_TARGETS.periodYears,
    endDate: t?.endDate ?? null,
    minMemberGroups: t?.minMemberGroups ?? DEFAULT_TARGETS.minMemberGroups,
    minLeagueSocieties: t?.minLeagueSocieties ?? DEFAULT_TARGETS.minLeagueSocieties,
    counties,
    editable: ctx.viewer.unitId === unit.id && hasPermission(ctx.viewer.role, 'coverage.configure'),
    updatedAt: t ? iso(t.updatedAt)! : null,
    version: t?.version ?? null,
  };
}

export async function setTargets(ctx: FederationCtx, provinceId: number, body: SetBody) {
  const unit = await unitInfo(ctx.db, provinceId);
  const related = unit && (pathInScope(unit.path, ctx.viewer) || ctx.viewer.unitPath.startsWith(unit.path));
  if (!unit || unit.level !== 'province' || !related) throw notFound('省份');
  if (ctx.viewer.unitId !== unit.id)
    throw forbidden('组织覆盖目标由省级团委为本省设置，市、县和团中央不能修改');
  if (await repo.foreignCounties(ctx.db, unit.path, body.countyIds)) {
    throw badRequest('有条件的县只能从本省的县（市、区、旗）中选择', [
      { path: 'countyIds', message: '含有非本省的县' },
    ]);
  }
  await ctx.db.transaction(async (tx) => {
    const current = await repo.targetsRow(tx, unit.id, true);
    if ((current?.version ?? null) !== body.version) throw staleVersion();
    await repo.upsertTargets(tx, unit.id, { ...body, userId: ctx.viewer.userId });
    const counties = await repo.replaceCounties(tx, unit.path, body.countyIds, ctx.viewer.userId);
    await ctx.audit(
      {
        action: 'coverage.targets_set',
        targetType: 'unit',
        targetId: unit.id,
        targetLabel: unit.name,
        detail: {
          startDate: body.startDate,
          periodYears: body.periodYears,
          minMemberGroups: body.minMemberGroups,
          minLeagueSocieties: body.minLeagueSocieties,
          countiesAdded: counties.added,
          countiesRemoved: counties.removed,
        },
      },
      tx,
    );
  });
  return getTargets(ctx, unit.id);
}

function present(r: repo.CoverageRow): SupervisionRow {
  return {
    unit: {
      id: r.id,
      name: r.name,
      level: r.level,
      parentName: r.parentName,
      provinceName: r.provinceName,
      keyContactCity: r.keyContactCity,
    },
    memberGroups: r.memberGroups,
    leagueSocieties: r.leagueSocieties,
    minMemberGroups: r.minMemberGroups,
    minLeagueSocieties: r.minLeagueSocieties,
    met: r.memberGroups >= r.minMemberGroups && r.leagueSocieties >= r.minLeagueSocieties,
    configured: r.configured,
    endDate: r.endDate,
    daysLeft: r.daysLeft,
  };
}

const SORT_KEYS: Record<string, (r: SupervisionRow & { pinyin: string }) => number | string> = {
  unit: (r) => r.pinyin,
  memberGroups: (r) => r.memberGroups,
  leagueSocieties: (r) => r.leagueSocieties,
  met: (r) => (r.met ? 1 : 0),
  daysLeft: (r) => r.daysLeft ?? Number.MAX_SAFE_INTEGER,
};

/** Every row of the table for a unit at a date, filtered and sorted (the one query, then in memory). */
async function table(ctx: FederationCtx, f: Filter) {
  const unitId = f.unitId ?? ctx.viewer.unitId;
  await assertUnitInScope(ctx.db, unitId, ctx.viewer);
  const unit = await unitInfo(ctx.db, unitId);
  const on = f.on ?? todayInChina();
  const all = (await repo.coverageRows(ctx.db, unit.path, on, DEFAULT_TARGETS)).map((r) => ({
    ...present(r),
    pinyin: r.sortPinyin,
  }));
  let rows = all;
  if (f.level) rows = rows.filter((r) => r.unit.level === f.level);
  if (f.met) rows = rows.filter((r) => r.met === (f.met === 'true'));
  if (f.sort) {
    const desc = f.sort.startsWith('-');
    const key = SORT_KEYS[f.sort.replace(/^-/, '')];
    rows = [...rows].sort((a, b) => {
      const x = key(a);
      const y = key(b);
      const c = x < y ? -1 : x > y ? 1 : 0;
      return desc ? -c : c;
    });
  }
  const met = all.filter((r) => r.met).length;
  return {
    unit: { id: unit.id, name: unit.level === 'central' ? unit.orgName : unit.name },
    on,
    rows: rows.map(({ pinyin: _pinyin, ...r }) => r),
    summary: { units: all.length, met, notMet: all.length - met },
  };
}

export async function supervision(ctx: FederationCtx, q: SupervisionQuery) {
  const t = await table(ctx, q);
  const start = (q.page - 1) * q.pageSize;
  return {
    unit: t.unit,
    on: t.on,
    summary: t.summary,
    items: t.rows.slice(start, start + q.pageSize),
    total: t.rows.length,
    page: q.page,
    pageSize: q.pageSize,
  };
}

const LEVEL_LABEL = { city: '地级市', county: '县（市、区、旗）' } as const;

/** 督导指标表: one row per city and qualifying county, for evaluating the level below (seed 003 §四.2). */
export async function exportSupervision(ctx: FederationCtx, q: Filter) {
  const t = await table(ctx, q);
  const buffer = await writeXlsx({
    sheetName: '组织覆盖督导指标',
    title: `${t.unit.name}健全地方青联组织社团基础工作指标表`,
    subtitleRows: [
      `统计日期：${t.on}；导出时间：${beijingTime()}，导出人：${ctx.viewer.displayName}`,
      `共 ${t.summary.units} 个市、县，达标 ${t.summary.met} 个，未达标 ${t.summary.notMet} 个。会员团体不含共青团；团属新兴领域社团指已吸纳为会员团体的团属青年社团中覆盖新兴领域的`,
    ],
    columns: [
      { header: '序号', key: 'seq', width: 6 },
      { header: '省份', key: 'province', width: 12 },
      { header: '上级', key: 'parent', width: 14 },
      { header: '单位', key: 'unit', width: 18 },
      { header: '层级', key: 'level', width: 16 },
      { header: '重点联系城市', key: 'key', width: 12 },
      { header: '会员团体数（不含共青团）', key: 'groups', width: 14 },
      { header: '目标', key: 'minGroups', width: 8 },
      { header: '团属新兴领域社团数', key: 'league', width: 14 },
      { header: '目标', key: 'minLeague', width: 8 },
      { header: '是否达标', key: 'met', width: 10 },
      { header: '期限截止', key: 'end', width: 12 },
      { header: '剩余天数', key: 'days', width: 10 },
    ],
    rows: t.rows.map((r, i) => ({
      seq: i + 1,
      province: r.unit.provinceName,
      parent: r.unit.parentName,
      unit: r.unit.name,
      level: LEVEL_LABEL[r.unit.level],
      key: r.unit.keyContactCity ? '是' : '',
      groups: r.memberGroups,
      minGroups: r.minMemberGroups,
      league: r.leagueSocieties,
      minLeague: r.minLeagueSocieties,
      met: r.met ? '达标' : '未达标',
      end: r.endDate ?? '未设置',
      days: r.daysLeft === null ? '' : r.daysLeft < 0 ? `已逾期 ${-r.daysLeft} 天` : r.daysLeft,
    })),
  });
  await ctx.audit({
    action: 'coverage.exported',
    targetType: 'unit',
    targetId: t.unit.id,
    targetLabel: t.unit.name,
    detail: { on: t.on, rows: t.rows.length },
  });
  return { buffer, filename: `${t.unit.name}组织覆盖督导指标表-${t.on}.xlsx` };
}
