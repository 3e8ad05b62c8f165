import {
  REPORT_FIGURES,
  REPORT_LEVELS,
  SUBMISSION_STATUSES,
  TIMELINESS,
  type ReportLevel,
} from '../../../common/contracts/reports';
import { UNIT_LEVELS, type UnitLevel } from '../../../common/access';
import { todayInChina } from '../../../common/validators';
import { assertUnitInScope } from '../../platform/access/scope';
import { beijingTime, writeXlsxBook, type XlsxRow, type XlsxSheet } from '../../platform/excel/xlsx-writer';
import { findCollection, type CollectionRow } from './report-collections.repo';
import * as exportRepo from './report-export.repo';
import * as lists from './report-lists.repo';
import { presentItem } from './report-lists.service';
import { rosterRow } from '../youth/youth-export.service';
import { entriesOf } from './report-roster.repo';
import { assertMayUnmask, REPORT_ROSTER_COLUMNS, revealer } from './report-roster.service';
import { addCounts, EMPTY_COUNTS, figureRows, hasFigures, summarise } from './report-rules';
import type { ReportCtx } from './reports.context';

/** A whole collection is at most one row per unit of the country. */
const ALL_ROWS = { limit: 100_000, offset: 0 };

const levelLabel = (level: string) =>
  UNIT_LEVELS[level as UnitLevel] ?? REPORT_LEVELS[level as ReportLevel] ?? level;
const when = (v: Date | string | null) => (v ? new Date(v) : null);
const percent = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The units looked at: the viewer's scope, or one unit's subtree within it. */
export async function exportScope(ctx: ReportCtx, id: number, unitId?: number) {
  const collection = await findCollection(ctx.db, ctx.viewer, id);
  const path = unitId ? await assertUnitInScope(ctx.db, unitId, ctx.viewer) : ctx.viewer.unitPath;
  return { collection, path, unit: unitId ? { id: unitId, path, includeDescendants: true } : undefined };
}

async function statusSheet(
  ctx: ReportCtx,
  c: CollectionRow,
  unit: { id: number; path: string; includeDescendants: boolean } | undefined,
): Promise<XlsxSheet> {
  const today = todayInChina();
  const { rows } = await lists.collectionSubmissions(ctx.db, ctx.viewer, c.id, { unit }, today, ALL_ROWS);
  const into = await exportRepo.consolidatedInto(ctx.db, c.id);
  const items = rows.map((r) => ({ row: r, item: presentItem(ctx.viewer, r, today) }));
  // Every row is already here: the summary line counts them by the same rules the rows show.
  const counts = items.reduce(
    (acc, { row, item }) =>
      addCounts(acc, {
        expected: 1,
        submitted: row.firstSubmittedAt ? 1 : 0,
        onTime: item.timeliness === 'on_time' ? 1 : 0,
        overdue: item.timeliness === 'missing' ? 1 : 0,
        awaitingReview: row.status === 'submitted' ? 1 : 0,
        returned: row.status === 'returned' ? 1 : 0,
        accepted: row.status === 'accepted' ? 1 : 0,
      }),
    EMPTY_COUNTS,
  );
  const s = summarise(counts);
  return {
    sheetName: '报送情况',
    title: `${c.title}报送情况`,
    subtitleRows: [
      `发起单位：${c.unitName}；截止日期：${c.deadline}；导出人：${ctx.viewer.displayName}；导出时间：${beijingTime()}`,
      `应报 ${s.expected}，已报 ${s.submitted}（按时 ${s.onTime}，逾期 ${s.late}），逾期未报 ${s.missing}，未到截止日期 ${s.notDue}；待审核 ${s.awaitingReview}，已退回 ${s.returned}，已通过 ${s.accepted}；完成率 ${percent(s.completeness)}，及时率 ${percent(s.timeliness)}`,
    ],
    columns: [
      { header: '序号', key: 'seq', width: 6 },
      { header: '上级单位', key: 'parent', width: 12 },
      { header: '单位', key: 'unit', width: 16 },
      { header: '层级', key: 'level', width: 8 },
      { header: '重点联系城市', key: 'key', width: 12 },
      { header: '截止日期', key: 'deadline', width: 12 },
      { header: '状态', key: 'status', width: 10 },
      { header: '首次报送时间', key: 'first', width: 20 },
      { header: '最近报送时间', key: 'last', width: 20 },
      { header: '及时性', key: 'timeliness', width: 12 },
      { header: '逾期天数', key: 'daysLate', width: 10 },
      { header: '退回次数', key: 'returns', width: 10 },
      { header: '审核单位', key: 'reviewer', width: 12 },
      { header: '审核时间', key: 'reviewed', width: 20 },
      { header: '已汇总至', key: 'into', width: 12 },
    ],
    rows: items.map(({ row, item }, i) => ({
      seq: i + 1,
      parent: row.parentName,
      unit: row.unitName,
      level: levelLabel(row.unitLevel),
      key: row.keyContactCity ? '是' : '',
      deadline: row.deadline,
      status: SUBMISSION_STATUSES[row.status],
      first: when(row.firstSubmittedAt),
      last: when(row.submittedAt),
      timeliness: TIMELINESS[item.timeliness],
      daysLate: item.daysLate ? item.daysLate : null,
      returns: row.returnCount,
      reviewer: row.reviewerName,
      reviewed: when(row.reviewedAt),
      into: into.get(row.id) ?? null,
    })),
  };
}

function figuresSheet(c: CollectionRow, reported: exportRepo.ReportedRow[]): XlsxSheet {
  return {
    sheetName: '指标',
    title: `${c.title}指标汇总`,
    subtitleRows: [
      `统计期间：${c.periodStart} 至 ${c.periodEnd}；各单位指标含其下级（按单位逐行列出，不宜跨层级相加）；只列已报送的单位`,
    ],
    columns: [
      { header: '序号', key: 'seq', width: 6 },
      { header: '单位', key: 'unit', width: 16 },
      { header: '层级', key: 'level', width: 8 },
      { header: '状态', key: 'status', width: 10 },
      ...REPORT_FIGURES.map((f) => ({ header: `${f.label}（${f.unit}）`, key: f.key, width: 12 })),
      { header: '与系统统计不一致的说明', key: 'explain', width: 40 },
    ],
    rows: reported.map((r, i) => {
      const figures = figureRows(c.form, r.figures ?? []);
      const row: XlsxRow = {
        seq: i + 1,
        unit: r.unitName,
        level: levelLabel(r.unitLevel),
        status: SUBMISSION_STATUSES[r.status],
        explain: figures
          .filter((f) => f.explain)
          .map((f) => `${f.label}：${f.explain}`)
          .join('；'),
      };
      for (const f of figures) row[f.key] = f.value;
      return row;
    }),
  };
}

async function rosterSheet(
  ctx: ReportCtx,
  c: CollectionRow,
  reported: exportRepo.ReportedRow[],
  unmasked: boolean,
): Promise<XlsxSheet> {
  const unitOf = new Map(reported.map((r) => [r.id, r.unitName]));
  const entries = await entriesOf(
    ctx.db,
    reported.map((r) => r.id),
  );
  const reveal = revealer(ctx.keys, unmasked);
  return {
    sheetName: '花名册',
    title: `${c.title}（汇总）`,
    subtitleRows: [
      `已报送单位 ${reported.length} 个，共 ${entries.length} 条；${unmasked ? '含完整身份证号、手机号，请妥善保管' : '身份证号、手机号已脱敏'}`,
    ],
    columns: [{ header: '报送单位', key: 'reporter', width: 14 }, ...REPORT_ROSTER_COLUMNS],
    rows: entries.map((e) => ({
      ...rosterRow(e.seq, e, reveal),
      keptBy: e.keptBy,
      reporter: unitOf.get(e.submissionId) ?? '',
    })),
  };
}

/**
 * 汇总导出: 报送情况 (every expected unit in the scope), 指标 for reports with indicators, 花名册 for
 * rosters (every entry of the submitted rosters, masked unless personal.export and a reason).
 */
export async function exportCollectionXlsx(
  ctx: ReportCtx,
  id: number,
  body: { unitId?: number; unmasked: boolean; reason?: string },
) {
  assertMayUnmask(ctx, body.unmasked);
  const { collection: c, path, unit } = await exportScope(ctx, id, body.unitId);
  const sheets = [await statusSheet(ctx, c, unit)];
  const reported = await exportRepo.reportedSubmissions(ctx.db, c.id, path);
  if (hasFigures(c.form)) sheets.push(figuresSheet(c, reported));
  if (c.form === 'roster') sheets.push(await rosterSheet(ctx, c, reported, body.unmasked));
  const buffer = await writeXlsxBook(sheets);
  await ctx.audit({
    action: 'report.exported',
    targetType: 'report_collection',
    targetId: c.id,
    targetLabel: c.title,
    detail: {
      unitId: body.unitId ?? ctx.viewer.unitId,
      reported: reported.length,
      unmasked: body.unmasked,
      ...(body.unmasked ? { reason: body.reason } : {}),
    },
  });
  return { buffer, filename: `${c.title}汇总-${todayInChina()}.xlsx` };
}
