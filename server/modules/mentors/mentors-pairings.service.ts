import type { z } from 'zod';
import {
  LOGGABLE_STATUSES,
  ONE_YEAR_MESSAGE,
  OPEN_STATUSES,
  PAIRING_EVENTS,
  PAIRING_STATUSES,
  minimumEndDate,
  type createPairing,
  type endPairing,
  type listPairings,
  type logFields,
  type PairingDetail,
  type PairingListItem,
  type PairingStatus,
} from '../../../common/contracts/mentors-pairings';
import { YOUTH_STAGES } from '../../../common/contracts/youth';
import { todayInChina } from '../../../common/validators';
import type { Db } from '../../db/client';
import type { AuditAction } from '../../../common/audit-actions';
import { findFileRow } from '../../platform/files/file-store';
import { badRequest, conflict, staleVersion } from '../../platform/http/errors';
import { iso } from '../youth/youth.present';
import { lockYouth } from '../youth/youth.repo';
import * as mentors from './mentors.repo';
import * as repo from './mentors-pairings.repo';
import type { MentorCtx } from './mentors.service';

type ListQuery = z.output<NonNullable<(typeof listPairings)['query']>>;
type CreateBody = z.output<NonNullable<(typeof createPairing)['body']>>;
type EndBody = z.output<NonNullable<(typeof endPairing)['body']>>;
export type LogBody = z.output<typeof logFields>;

const statusLabel = (s: PairingStatus) => PAIRING_STATUSES[s];

export function presentPairingItem(r: repo.PairingRow): PairingListItem {
  return {
    id: r.id,
    mentor: { id: r.mentorId, name: r.mentorName },
    youth: { id: r.youthId, name: r.youthName, category: r.category, occupation: r.occupation },
    unit: { id: r.unitId, name: r.unitName },
    status: r.status,
    startDate: r.startDate,
    endDate: r.endDate,
    signedOn: r.signedOn,
    endedOn: r.endedOn,
    lastLogDate: r.lastLogDate,
    logCount: r.logCount,
    hasAgreement: r.agreementFileId !== null,
    version: r.version,
  };
}

export function presentLog(l: repo.LogRow) {
  return { ...l, createdAt: iso(l.createdAt)! };
}

export async function historyOf(db: Db, pairingId: number) {
  const events = await repo.eventRows(db, pairingId);
  return events.map((e) => ({
    ...e,
    label: PAIRING_EVENTS[e.event as keyof typeof PAIRING_EVENTS] ?? e.event,
    at: iso(e.at)!,
  }));
}

export async function detail(ctx: MentorCtx, id: number): Promise<PairingDetail> {
  const row = await repo.findPairing(ctx.db, ctx.viewer, id);
  const file = row.agreementFileId ? await findFileRow(ctx.db, row.agreementFileId) : undefined;
  return {
    ...presentPairingItem(row),
    goals: row.goals,
    endReason: row.endReason,
    agreement: file
      ? { fileName: file.name, size: Number(file.size), uploadedAt: iso(file.createdAt)! }
      : null,
    events: await historyOf(ctx.db, id),
    logs: (await repo.logRows(ctx.db, id)).map(presentLog),
    createdAt: iso(row.createdAt)!,
  };
}

export async function list(ctx: MentorCtx, q: ListQuery) {
  const { rows, total } = await repo.listPairingRows(
    ctx.db,
    ctx.viewer,
    { q: q.q || undefined, status: q.status, mentorId: q.mentorId, youthId: q.youthId },
    { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
  );
  return { items: rows.map(presentPairingItem), total, page: q.page, pageSize: q.pageSize };
}

function assertOneYear(start: string, end: string, path = 'endDate') {
  const min = minimumEndDate(start);
  if (end < min) {
    throw badRequest(`${ONE_YEAR_MESSAGE}：开始于 ${start} 的协议最早于 ${min} 结束`, [
      { path, message: `最早 ${min}` },
    ]);
  }
}

type Audit = { action: AuditAction; detail?: Record<string, unknown> };

/** One state change: version check, the write, its history row and its audit event, together. */
async function change(
  ctx: MentorCtx,
  id: number,
  version: number,
  decide: (p: Awaited<ReturnType<typeof repo.lockPairing>>) => {
    changes: repo.PairingChanges;
    event: keyof typeof PAIRING_EVENTS;
    fromEndDate?: string;
    toEndDate?: string;
    note?: string | null;
    audit: Audit;
  },
) {
  await ctx.db.transaction(async (tx) => {
    const p = await repo.lockPairing(tx, ctx.viewer, id);
    if (p.version !== version) throw staleVersion();
    const d = decide(p);
    if (!(await repo.updatePairingAtVersion(tx, id, version, d.changes))) throw staleVersion();
    await repo.insertEvent(tx, {
      pairingId: id,
      event: d.event,
      fromEndDate: d.fromEndDate ?? null,
      toEndDate: d.toEndDate ?? null,
      note: d.note ?? null,
      byUser: ctx.viewer.userId,
    });
    await ctx.audit(
      {
        action: d.audit.action,
        targetType: 'mentor_pairing',
        targetId: id,
        targetLabel: p.label,
        detail: { from: p.status, ...d.audit.detail },
      },
      tx,
    );
  });
  return detail(ctx, id);
}

const refuseState = (status: PairingStatus, what: string) =>
  conflict(`该结对当前为「${statusLabel(status)}」，不能${what}`);

export async function create(ctx: MentorCtx, body: CreateBody) {
  assertOneYear(body.startDate, body.endDate);
  const id = await ctx.db.transaction(async (tx) => {
    const mentor = await mentors.lockMentor(tx, ctx.viewer, body.mentorId);
    const y = await lockYouth(tx, ctx.viewer, body.youthId);
    if (y.stage !== 'key') {
      throw badRequest(
        `只有重点培养对象可以结对：「${y.name}」目前是${YOUTH_STAGES[y.stage]}。梦想导师制面向已确定的重点培养对象，请先在青年库中申请将其转为重点培养对象，审核通过后再结对`,
        [{ path: 'youthId', message: '不是重点培养对象' }],
      );
    }
    if (!mentor.active) throw conflict(`导师「${mentor.name}」已停用，不能新建结对`);
    const open = await mentors.countOpenPairings(tx, mentor.id);
    if (open >= mentor.maxMentees) {
      throw conflict(
        `导师「${mentor.name}」最多带教 ${mentor.maxMentees} 人，目前已有 ${open} 个未结束的结对，不能再结对`,
      );
    }
    if (await repo.findOpenDuplicate(tx, mentor.id, y.id)) {
      throw conflict(`「${mentor.name}」与「${y.name}」已有未结束的结对`);
    }
    const newId = await repo.insertPairing(tx, {
      unitId: mentor.unitId,
      mentorId: mentor.id,
      youthId: y.id,
      startDate: body.startDate,
      endDate: body.endDate,
      goals: body.goals,
      createdBy: ctx.viewer.userId,
    });
    await repo.insertEvent(tx, {
      pairingId: newId,
      event: 'created',
      toEndDate: body.endDate,
      byUser: ctx.viewer.userId,
    });
    await ctx.audit(
      {
        action: 'mentor.pairing_created',
        targetType: 'mentor_pairing',
        targetId: newId,
        targetLabel: `${mentor.name} — ${y.name}`,
        detail: { mentorId: mentor.id, youthId: y.id, startDate: body.startDate, endDate: body.endDate },
      },
      tx,
    );
    return newId;
  });
  return detail(ctx, id);
}

export function sign(ctx: MentorCtx, id: number, version: number, signedOn?: string | null) {
  return change(ctx, id, version, (p) => {
    if (p.status !== 'proposed') throw refuseState(p.status, '签约');
    if (!signedOn && !p.agreementFileId) {
      throw badRequest('签约前请上传指导协议，或填写协议签订日期', [
        { path: 'signedOn', message: '请填写签订日期或上传协议' },
      ]);
    }
    const on = signedOn ?? todayInChina();
    if (on > todayInChina())
      throw badRequest('签订日期不能晚于今天', [{ path: 'signedOn', message: '晚于今天' }]);
    return {
      changes: { status: 'signed', signedOn: on },
      event: 'signed',
      note: `签订日期 ${on}`,
      audit: { action: 'mentor.pairing_signed', detail: { signedOn: on } },
    };
  });
}

export function start(ctx: MentorCtx, id: number, version: number) {
  return change(ctx, id, version, (p) => {
    if (p.status !== 'signed') throw refuseState(p.status, '开始指导（须先签订指导协议）');
    return { changes: { status: 'active' }, event: 'started', audit: { action: 'mentor.pairing_started' } };
  });
}

export function extend(ctx: MentorCtx, id: number, version: number, endDate: string, note?: string) {
  return change(ctx, id, version, (p) => {
    if (!OPEN_STATUSES.includes(p.status)) throw refuseState(p.status, '延期');
    if (endDate <= p.endDate) {
      throw badRequest(`新的结束日期须晚于原结束日期 ${p.endDate}`, [
        { path: 'endDate', message: `须晚于 ${p.endDate}` },
      ]);
    }
    return {
      changes: { endDate },
      event: 'extended',
      fromEndDate: p.endDate,
      toEndDate: endDate,
      note: note || null,
      audit: { action: 'mentor.pairing_extended', detail: { fromEndDate: p.endDate, toEndDate: endDate } },
    };
  });
}

export function end(ctx: MentorCtx, id: number, body: EndBody) {
  const endedOn = body.endedOn ?? todayInChina();
  const reason = body.reason?.trim() || null;
  return change(ctx, id, body.version, (p) => {
    if (!OPEN_STATUSES.includes(p.status)) throw refuseState(p.status, '结束');
    if (endedOn > todayInChina())
      throw badRequest('结束日期不能晚于今天', [{ path: 'endedOn', message: '晚于今天' }]);
    if (body.outcome === 'completed') {
      if (p.status !== 'active') throw refuseState(p.status, '期满结束（只有指导中的结对可以期满结束）');
      if (endedOn < p.endDate) {
        throw badRequest(`协议到 ${p.endDate} 才期满；如需在此之前结束，请选择「提前终止」并填写原因`, [
          { path: 'outcome', message: '尚未期满' },
        ]);
      }
    } else if (!reason || [...reason].length < 2) {
      throw badRequest('提前终止须填写原因', [{ path: 'reason', message: '请填写终止原因' }]);
    }
    return {
      changes: { status: body.outcome, endedOn, endReason: reason },
      event: body.outcome,
      note: reason,
      audit: {
        action: body.outcome === 'completed' ? 'mentor.pairing_completed' : 'mentor.pairing_terminated',
        detail: { endedOn, ...(reason ? { reason } : {}) },
      },
    };
  });
}

/**
 * A guidance log, by a cadre (scope: their units) or by the mentor (scope: their own pairings).
 * Logged from signing until the pairing ends, dated between its start and today.
 */
export async function addLog(ctx: MentorCtx, scope: repo.PairingScope, id: number, body: LogBody) {
  return ctx.db.transaction(async (tx) => {
    const p = await repo.lockPairing(tx, scope, id);
    if (!LOGGABLE_STATUSES.includes(p.status)) {
      throw conflict(
        p.status === 'proposed'
          ? '签订指导协议后才能填写指导记录'
          : `该结对已${statusLabel(p.status)}，不能再填写指导记录`,
      );
    }
    if (body.date > todayInChina())
      throw badRequest('指导日期不能晚于今天', [{ path: 'date', message: '晚于今天' }]);
    if (body.date < p.startDate) {
      throw badRequest(`指导日期不能早于结对开始日期 ${p.startDate}`, [
        { path: 'date', message: '早于开始日期' },
      ]);
    }
    const log = await repo.insertLog(tx, {
      pairingId: id,
      unitId: p.unitId,
      date: body.date,
      way: body.way,
      content: body.content,
      nextSteps: body.nextSteps,
      enteredBy: ctx.viewer.userId,
    });
    await ctx.audit(
      {
        action: 'mentor.log_created',
        targetType: 'mentor_pairing',
        targetId: id,
        targetLabel: p.label,
        detail: { logId: log.id, date: body.date, way: body.way, byMentor: 'mentorUserId' in scope },
      },
      tx,
    );
    return presentLog(log);
  });
}

export async function attention(ctx: MentorCtx, silentDays: number, endingDays: number) {
  const rows = await repo.attentionRows(ctx.db, ctx.viewer, todayInChina(), silentDays, endingDays);
  const item = (r: (typeof rows)[number]) => ({
    ...presentPairingItem(r),
    silentDays: r.silentDays,
    daysToEnd: r.daysToEnd,
  });
  return {
    silent: rows
      .filter((r) => r.kind.includes('silent'))
      .map(item)
      .sort((a, b) => b.silentDays - a.silentDays),
    ending: rows.filter((r) => r.kind.includes('ending')).map(item),
  };
}
