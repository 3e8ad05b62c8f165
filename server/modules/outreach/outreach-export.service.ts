import type { z } from 'zod';
import type { exportContactPoints } from '../../../common/contracts/outreach';
import { BRANCH_STATUSES, type exportBranches } from '../../../common/contracts/outreach-branches';
import { beijingTime, writeXlsx, type XlsxColumn } from '../../platform/excel/xlsx-writer';
import * as points from './contact-point.repo';
import {
  contactPointOrder,
  presentContactPoint,
  resolveFilter as pointFilter,
} from './contact-point.service';
import * as branches from './league-branch.repo';
import { branchOrder, locationOf, resolveFilter as branchFilter } from './league-branch.service';
import { stampOf, type OutreachCtx as Ctx } from './outreach.context';

/** The two registers as .xlsx, for the current filter; the contact phone stays masked. */

type PointQuery = z.output<NonNullable<(typeof exportContactPoints)['query']>>;
type BranchQuery = z.output<NonNullable<(typeof exportBranches)['query']>>;

export const EXPORT_MAX_ROWS = 20_000;

const POINT_COLUMNS: XlsxColumn[] = [
  { header: '序号', key: 'seq', width: 6 },
  { header: '联系点名称', key: 'name', width: 30 },
  { header: '类型', key: 'kind', width: 12 },
  { header: '登记单位', key: 'unit', width: 16 },
  { header: '地址', key: 'address', width: 30 },
  { header: '联系人', key: 'contactName', width: 10 },
  { header: '联系电话', key: 'contactPhone', width: 14 },
  { header: '联系方式', key: 'relation', width: 10 },
  { header: '建立联系日期', key: 'since', width: 13 },
  { header: '青年人数（估）', key: 'youthEstimate', width: 13 },
  { header: '现有团组织', key: 'activeBranches', width: 11 },
  { header: '团组织成员', key: 'members', width: 11 },
  { header: '状态', key: 'active', width: 10 },
  { header: '备注', key: 'remark', width: 30 },
];

export async function contactPointsXlsx(ctx: Ctx, query: PointQuery, now = new Date()) {
  const q = await pointFilter(ctx, query);
  const [rows, total, kinds] = await Promise.all([
    points.listContactPointRows(ctx.db, ctx.viewer, q, {
      order: contactPointOrder(query.sort),
      limit: EXPORT_MAX_ROWS,
      offset: 0,
    }),
    points.countContactPoints(ctx.db, ctx.viewer, q),
    points.countByKind(ctx.db, ctx.viewer, q),
  ]);
  const filter = [
    query.kind && `类型 ${query.kind}`,
    query.relation && `联系方式 ${query.relation}`,
    query.active !== undefined && (query.active ? '在联' : '已停止联系'),
  ].filter(Boolean);
  const buffer = await writeXlsx({
    sheetName: '联系点',
    title: '新兴青年联系点名录',
    subtitleRows: [
      `导出时间：${beijingTime(now)}；导出人：${ctx.viewer.displayName}${filter.length ? `；${filter.join('，')}` : ''}`,
      `合计 ${total} 个；按类型：${kinds.map((k) => `${k.kind} ${k.count}`).join('，') || '无'}`,
    ],
    columns: POINT_COLUMNS,
    rows: rows.map((r, i) => {
      const p = presentContactPoint(ctx, r);
      return {
        seq: i + 1,
        name: p.name,
        kind: p.kind,
        unit: p.unit.name,
        address: p.address,
        contactName: p.contactName,
        contactPhone: p.contactPhone,
        relation: p.relation,
        since: p.since,
        youthEstimate: p.youthEstimate,
        activeBranches: p.activeBranches,
        members: p.members,
        active: p.active ? '在联' : '已停止联系',
        remark: p.remark,
      };
    }),
  });
  await ctx.audit({
    action: 'contact_point.exported',
    targetType: 'contact_point',
    targetLabel: '联系点名录',
    detail: { filter: { ...query }, rows: rows.length, total },
  });
  return { buffer, filename: `联系点-${stampOf(beijingTime(now))}.xlsx` };
}

const BRANCH_COLUMNS: XlsxColumn[] = [
  { header: '序号', key: 'seq', width: 6 },
  { header: '团组织名称', key: 'name', width: 30 },
  { header: '类型', key: 'kind', width: 12 },
  { header: '所属单位', key: 'unit', width: 16 },
  { header: '所在联系点/社团/依托单位', key: 'location', width: 28 },
  { header: '成立日期', key: 'establishedOn', width: 12 },
  { header: '书记', key: 'secretary', width: 10 },
  { header: '现有成员', key: 'members', width: 10 },
  { header: '状态', key: 'status', width: 8 },
  { header: '撤销日期', key: 'dissolvedOn', width: 12 },
  { header: '备注', key: 'remark', width: 30 },
];

export async function branchesXlsx(ctx: Ctx, query: BranchQuery, now = new Date()) {
  const q = await branchFilter(ctx, query);
  const [rows, totals] = await Promise.all([
    branches.listBranchRows(ctx.db, ctx.viewer, q, {
      order: branchOrder(query.sort),
      limit: EXPORT_MAX_ROWS,
      offset: 0,
    }),
    branches.branchTotals(ctx.db, ctx.viewer, q),
  ]);
  const filter = [query.kind && `类型 ${query.kind}`, query.status && BRANCH_STATUSES[query.status]].filter(
    Boolean,
  );
  const buffer = await writeXlsx({
    sheetName: '团组织',
    title: '新兴青年群体团组织名录',
    subtitleRows: [
      `导出时间：${beijingTime(now)}；导出人：${ctx.viewer.displayName}${filter.length ? `；${filter.join('，')}` : ''}`,
      `合计 ${totals.branches} 个，其中现有 ${totals.active} 个，现有成员 ${totals.members} 人`,
    ],
    columns: BRANCH_COLUMNS,
    rows: rows.map((r, i) => ({
      seq: i + 1,
      name: r.name,
      kind: r.kind,
      unit: r.unitName,
      location: locationOf(r),
      establishedOn: r.establishedOn,
      secretary: r.secretary,
      members: r.members,
      status: BRANCH_STATUSES[r.status],
      dissolvedOn: r.dissolvedOn,
      remark: r.remark,
    })),
  });
  await ctx.audit({
    action: 'league_branch.exported',
    targetType: 'league_branch',
    targetLabel: '团组织名录',
    detail: { filter: { ...query }, rows: rows.length, total: totals.branches },
  });
  return { buffer, filename: `团组织-${stampOf(beijingTime(now))}.xlsx` };
}
