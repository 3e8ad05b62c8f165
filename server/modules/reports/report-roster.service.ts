import type { z } from 'zod';
import type { listRoster, RosterEntry } from '../../../common/contracts/reports-submissions';
import { maskIdNumber, maskPhone } from '../../../common/masking';
import { todayInChina } from '../../../common/validators';
import { can } from '../../platform/access/viewer';
import { decryptField } from '../../platform/crypto/field-crypto';
import type { Keys } from '../../platform/crypto/keys';
import { beijingTime, writeXlsx, type XlsxColumn, type XlsxRow } from '../../platform/excel/xlsx-writer';
import { badRequest, forbidden } from '../../platform/http/errors';
import { chineseDate } from '../../platform/word/word';
import { ROSTER_COLUMNS, ROSTER_TITLE, rosterBirthMonth, rosterRow } from '../youth/youth-export.service';
import * as roster from './report-roster.repo';
import { detail } from './report-submission-detail.service';
import * as repo from './report-submissions.repo';
import { assertEditable, change, filledStatus } from './report-transition';
import type { ReportCtx } from './reports.context';

type RosterQuery = z.output<NonNullable<(typeof listRoster)['query']>>;

/**
 * 生成花名册: from the registry (本级及下级的重点培养对象) or consolidated from the accepted rosters this
 * unit reviewed plus its own key targets. Generating again replaces the snapshot.
 */
export async function generate(
  ctx: ReportCtx,
  id: number,
  version: number,
  source: 'registry' | 'consolidated',
) {
  await change(
    ctx,
    id,
    version,
    (r) => {
      assertEditable(ctx.viewer, r);
      if (r.collection.form !== 'roster') throw badRequest('只有花名册报送需要生成名单');
    },
    async (r, tx) => {
      await roster.clearRoster(tx, id);
      const ids =
        source === 'consolidated' ? await repo.acceptedReviewedBy(tx, r.collectionId, r.unitId) : [];
      const count =
        source === 'registry'
          ? await roster.fillFromRegistry(tx, { id, unitId: r.unitId, unitPath: r.unitPath })
          : await roster.fillConsolidated(tx, { id, unitId: r.unitId }, ids);
      return {
        changes: { status: filledStatus(r), rosterSource: source, rosterAt: 'now', consolidatedIds: ids },
        event:
          source === 'consolidated'
            ? { action: 'consolidated', comment: `汇总下级花名册 ${ids.length} 份` }
            : 'save',
        audit: { action: 'report.roster_generated', detail: { source, entries: count, consolidated: ids } },
      };
    },
  );
  return detail(ctx, id);
}

/** Decrypts only to mask, or — for an authorised export with a reason — to show in full. */
export function revealer(keys: Keys, unmasked: boolean) {
  return (enc: string | null, mask: (v: string) => string) => {
    if (!enc) return null;
    const value = decryptField(keys, enc);
    return unmasked ? value : mask(value);
  };
}

export async function list(ctx: ReportCtx, id: number, q: RosterQuery) {
  await repo.findSubmission(ctx.db, ctx.viewer, id);
  const { rows, total } = await roster.entryPage(ctx.db, id, q.q || undefined, {
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  const reveal = revealer(ctx.keys, false);
  const items: RosterEntry[] = rows.map((e) => ({
    seq: e.seq,
    keptBy: e.keptBy,
    name: e.name,
    gender: e.gender,
    birthMonth: rosterBirthMonth(e.birthDate),
    idNumber: reveal(e.idNumberEnc, maskIdNumber),
    phone: reveal(e.phoneEnc, maskPhone),
    category: e.category,
    occupation: e.occupation,
    platformOrg: e.platformOrg,
    worksAchievements: e.worksAchievements,
  }));
  return { items, total, page: q.page, pageSize: q.pageSize };
}

/** The official columns with the unit keeping each person after 序号 (a roster spans the subtree). */
export const REPORT_ROSTER_COLUMNS: XlsxColumn[] = [
  ROSTER_COLUMNS[0],
  { header: '所在单位', key: 'keptBy', width: 14 },
  ...ROSTER_COLUMNS.slice(1),
];

export function assertMayUnmask(ctx: ReportCtx, unmasked: boolean) {
  if (unmasked && !can(ctx.viewer, 'personal.export')) throw forbidden('您没有导出未脱敏个人信息的权限');
}

/** One submission's roster in the official layout; masked unless personal.export and a reason. */
export async function exportXlsx(ctx: ReportCtx, id: number, body: { unmasked: boolean; reason?: string }) {
  assertMayUnmask(ctx, body.unmasked);
  const s = await repo.findSubmission(ctx.db, ctx.viewer, id);
  if (s.collection.form !== 'roster') throw badRequest('该报送不是花名册');
  const entries = await roster.entriesOf(ctx.db, [id]);
  const reveal = revealer(ctx.keys, body.unmasked);
  const rows: XlsxRow[] = entries.map((e) => ({ ...rosterRow(e.seq, e, reveal), keptBy: e.keptBy }));
  const filled = s.submittedAt ? todayInChina(new Date(s.submittedAt)) : todayInChina();
  const buffer = await writeXlsx({
    sheetName: '花名册',
    title: ROSTER_TITLE,
    subtitleRows: [
      `填报单位：${s.unitName}；${s.collection.title}；${s.submittedAt ? '报送' : '填报'}日期：${chineseDate(filled)}`,
      `导出人：${ctx.viewer.displayName}；导出时间：${beijingTime()}；${
        body.unmasked ? '含完整身份证号、手机号，请妥善保管' : '身份证号、手机号已脱敏'
      }`,
    ],
    columns: REPORT_ROSTER_COLUMNS,
    rows,
  });
  await ctx.audit({
    action: 'report.roster_exported',
    targetType: 'report_submission',
    targetId: id,
    targetLabel: `${s.collection.title} — ${s.unitName}`,
    detail: {
      count: entries.length,
      unmasked: body.unmasked,
      ...(body.unmasked ? { reason: body.reason } : {}),
    },
  });
  return { buffer, filename: `${s.unitName}${s.collection.title}.xlsx` };
}
