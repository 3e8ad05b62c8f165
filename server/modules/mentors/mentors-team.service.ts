import { PAIRING_STATUSES } from '../../../common/contracts/mentors-pairings';
import { assertUnitInScope } from '../../platform/access/scope';
import { beijingTime, writeXlsx } from '../../platform/excel/xlsx-writer';
import * as pairings from './mentors-pairings.repo';
import * as repo from './mentors.repo';
import { presentMentorItem, type MentorCtx } from './mentors.service';

/** 梦想导师团 of one unit (the viewer's own unit unless another in scope is chosen). */
export async function team(ctx: MentorCtx, unitId = ctx.viewer.unitId) {
  await assertUnitInScope(ctx.db, unitId, ctx.viewer);
  const unit = await repo.unitLabel(ctx.db, unitId);
  const mentorRows = await repo.teamMentorRows(ctx.db, ctx.viewer, unitId);
  const pairingRows = await pairings.teamPairingRows(ctx.db, ctx.viewer, unitId);
  const mentors = mentorRows.map((r) => presentMentorItem(ctx, r));
  return {
    unit,
    mentors,
    pairings: pairingRows.map((p) => ({
      id: p.id,
      mentorId: p.mentorId,
      mentorName: p.mentorName,
      youthId: p.youthId,
      youthName: p.youthName,
      status: p.status,
      startDate: p.startDate,
      endDate: p.endDate,
      lastLogDate: p.lastLogDate,
    })),
    totals: {
      mentors: mentors.filter((m) => m.active).length,
      capacity: mentors.filter((m) => m.active).reduce((n, m) => n + m.maxMentees, 0),
      openPairings: mentors.reduce((n, m) => n + m.openPairings, 0),
      activePairings: mentors.reduce((n, m) => n + m.activePairings, 0),
    },
  };
}

/** The team as .xlsx: one row per mentor with load and current mentees; phones masked. */
export async function exportTeam(ctx: MentorCtx, unitId?: number) {
  const t = await team(ctx, unitId);
  const menteesOf = new Map<number, string[]>();
  for (const p of t.pairings) {
    menteesOf.set(p.mentorId, [
      ...(menteesOf.get(p.mentorId) ?? []),
      `${p.youthName}（${PAIRING_STATUSES[p.status as keyof typeof PAIRING_STATUSES]}，至 ${p.endDate}）`,
    ]);
  }
  const buffer = await writeXlsx({
    sheetName: '梦想导师团',
    title: `${t.unit.name}梦想导师团`,
    subtitleRows: [
      `导出时间：${beijingTime()}，导出人：${ctx.viewer.displayName}`,
      `导师 ${t.totals.mentors} 名，可带教 ${t.totals.capacity} 人，未结束结对 ${t.totals.openPairings} 个，指导中 ${t.totals.activePairings} 个`,
    ],
    columns: [
      { header: '序号', key: 'seq', width: 6 },
      { header: '姓名', key: 'name', width: 10 },
      { header: '导师来源', key: 'source', width: 18 },
      { header: '专业特长', key: 'specialty', width: 20 },
      { header: '工作单位', key: 'employer', width: 22 },
      { header: '职务职称', key: 'title', width: 14 },
      { header: '手机号', key: 'phone', width: 14 },
      { header: '带教负荷', key: 'load', width: 10 },
      { header: '当前结对', key: 'mentees', width: 40 },
      { header: '状态', key: 'active', width: 8 },
    ],
    rows: t.mentors.map((m, i) => ({
      seq: i + 1,
      name: m.name,
      source: m.source,
      specialty: m.specialty,
      employer: m.employer,
      title: m.title,
      phone: m.phone,
      load: `${m.openPairings}/${m.maxMentees}`,
      mentees: (menteesOf.get(m.id) ?? []).join('；'),
      active: m.active ? '在册' : '已停用',
    })),
  });
  await ctx.audit({
    action: 'mentor.team_exported',
    targetType: 'unit',
    targetId: t.unit.id,
    targetLabel: t.unit.name,
    detail: { rows: t.mentors.length },
  });
  return { buffer, filename: `${t.unit.name}梦想导师团-${beijingTime().slice(0, 10)}.xlsx` };
}
