import type { z } from 'zod';
import type { RequestContext } from '../../platform/http/context';
import { pathInScope } from '../../platform/access/scope';
import { badRequest, notFound } from '../../platform/http/errors';
import { beijingTime, writeXlsx } from '../../platform/excel/xlsx-writer';
import { AUDIT_ACTIONS } from '../../../common/audit-actions';
import type { AuditEntry, auditFilter } from '../../../common/contracts/audit';
import { countAudit, findUnit, listAudit, type AuditQuery, type AuditRow } from './audit.repo';

export type AuditFilter = z.output<typeof auditFilter>;

/** One export holds at most this many rows; a wider filter exports the newest and says so. */
export const AUDIT_EXPORT_LIMIT = 100_000;

const OUTCOME_LABELS = { success: '成功', failure: '失败', denied: '拒绝' } as const;

export function actionLabel(action: string): string {
  return (AUDIT_ACTIONS as Record<string, string>)[action] ?? action;
}

export function targetText(row: Pick<AuditRow, 'targetLabel' | 'targetType' | 'targetId'>): string | null {
  if (row.targetLabel) return row.targetLabel;
  if (!row.targetType) return null;
  return row.targetId ? `${row.targetType} #${row.targetId}` : row.targetType;
}

export function presentAudit(row: AuditRow): AuditEntry {
  const detail =
    row.detail && typeof row.detail === 'object' && !Array.isArray(row.detail) ? row.detail : null;
  return {
    id: Number(row.id),
    at: new Date(row.at).toISOString(),
    userId: row.userId,
    username: row.username,
    unitId: row.unitId,
    unitName: row.unitName,
    ip: row.ip,
    action: row.action,
    actionLabel: actionLabel(row.action),
    targetType: row.targetType,
    targetId: row.targetId,
    targetLabel: row.targetLabel,
    outcome: row.outcome,
    detail,
  };
}

/** Checks the filter against the viewer's scope; the unit filter covers the unit and its subtree. */
async function resolveQuery(
  ctx: RequestContext,
  f: AuditFilter,
): Promise<{ query: AuditQuery; unitName?: string }> {
  if (f.from && f.to && new Date(f.from) > new Date(f.to)) throw badRequest('开始时间不能晚于结束时间');
  let unit: { name: string; path: string } | undefined;
  if (f.unitId) {
    unit = await findUnit(ctx.db, f.unitId);
    if (!unit || !pathInScope(unit.path, ctx.viewer)) throw notFound('单位');
  }
  const query: AuditQuery = {
    username: f.username || undefined,
    unitPath: unit?.path,
    action: f.action || undefined,
    outcome: f.outcome,
    from: f.from,
    to: f.to,
  };
  return { query, unitName: unit?.name };
}

export async function listAuditEntries(
  ctx: RequestContext,
  input: AuditFilter & { page: number; pageSize: number },
) {
  const { query } = await resolveQuery(ctx, input);
  const [total, rows] = await Promise.all([
    countAudit(ctx.db, ctx.viewer, query),
    listAudit(ctx.db, ctx.viewer, query, {
      limit: input.pageSize,
      offset: (input.page - 1) * input.pageSize,
    }),
  ]);
  return { items: rows.map(presentAudit), total, page: input.page, pageSize: input.pageSize };
}

function describeFilter(f: AuditFilter, unitName?: string): string {
  const parts: string[] = [];
  if (f.username) parts.push(`用户包含“${f.username}”`);
  if (unitName) parts.push(`单位：${unitName}及下级`);
  if (f.action) parts.push(`操作：${actionLabel(f.action)}`);
  if (f.outcome) parts.push(`结果：${OUTCOME_LABELS[f.outcome]}`);
  if (f.from || f.to) {
    const from = f.from ? beijingTime(new Date(f.from)) : '不限';
    const to = f.to ? beijingTime(new Date(f.to)) : '不限';
    parts.push(`时间：${from} 至 ${to}`);
  }
  return `筛选条件：${parts.length ? parts.join('；') : '全部'}`;
}

export const AUDIT_EXPORT_COLUMNS = [
  { header: '时间', key: 'at', width: 20 },
  { header: '用户', key: 'username', width: 16 },
  { header: '单位', key: 'unitName', width: 18 },
  { header: 'IP', key: 'ip', width: 16 },
  { header: '操作', key: 'action', width: 16 },
  { header: '对象', key: 'target', width: 28 },
  { header: '结果', key: 'outcome', width: 8 },
  { header: '详情', key: 'detail', width: 60 },
];

/** The export applies the same filter and scope as the list, and is itself audited. */
export async function exportAuditEntries(ctx: RequestContext, filter: AuditFilter) {
  const { query, unitName } = await resolveQuery(ctx, filter);
  const now = new Date();
  const [total, rows] = await Promise.all([
    countAudit(ctx.db, ctx.viewer, query),
    listAudit(ctx.db, ctx.viewer, query, { limit: AUDIT_EXPORT_LIMIT, offset: 0 }),
  ]);
  const truncated = total > rows.length;
  const subtitleRows = [
    `导出时间：${beijingTime(now)}；导出人：${ctx.viewer.displayName}（${ctx.viewer.username}）`,
    describeFilter(filter, unitName),
  ];
  if (truncated) {
    subtitleRows.push(
      `符合条件 ${total} 条，超过单次导出上限，仅导出最近 ${rows.length} 条；请缩小时间范围分批导出`,
    );
  }
  const buffer = await writeXlsx({
    sheetName: '审计日志',
    title: '审计日志',
    subtitleRows,
    columns: AUDIT_EXPORT_COLUMNS,
    rows: rows.map((r) => ({
      at: new Date(r.at),
      username: r.username,
      unitName: r.unitName,
      ip: r.ip,
      action: actionLabel(r.action),
      target: targetText(r),
      outcome: OUTCOME_LABELS[r.outcome],
      detail: r.detail ? JSON.stringify(r.detail) : null,
    })),
  });
  await ctx.audit({
    action: 'audit.exported',
    targetType: 'audit_log',
    targetLabel: '审计日志',
    detail: { filter: { ...filter }, rows: rows.length, total, truncated },
  });
  const stamp = beijingTime(now).replace(/[-:]/g, '').replace(' ', '-');
  return { buffer, filename: `审计日志-${stamp}.xlsx` };
}
