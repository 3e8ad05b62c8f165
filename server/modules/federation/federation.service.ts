import type { z } from 'zod';
import {
  ADMISSION_BASES,
  ADMISSION_STEPS,
  EXIT_REASONS,
  MEMBER_STATUSES,
  STEP_LABELS,
  admissionBasis,
  notAdmissibleMessage,
  type advanceMember,
  type createMember,
  type exitMember,
  type listMembers,
  type MemberDetail,
  type MemberListItem,
  type MemberStatus,
  type reviewMember,
  type SocietyRef,
} from '../../../common/contracts/federation';
import type { AuditAction } from '../../../common/audit-actions';
import { todayInChina } from '../../../common/validators';
import { assertUnitInScope } from '../../platform/access/scope';
import type { RequestContext } from '../../platform/http/context';
import { badRequest, conflict, staleVersion } from '../../platform/http/errors';
import { iso } from '../youth/youth.present';
import * as repo from './federation.repo';

export type FederationCtx = Pick<RequestContext, 'db' | 'viewer' | 'audit' | 'keys' | 'config'>;
type ListQuery = z.output<NonNullable<(typeof listMembers)['query']>>;
type CreateBody = z.output<NonNullable<(typeof createMember)['body']>>;
type AdvanceBody = z.output<NonNullable<(typeof advanceMember)['body']>>;
type ReviewBody = z.output<NonNullable<(typeof reviewMember)['body']>>;
type ExitBody = z.output<NonNullable<(typeof exitMember)['body']>>;

export function presentSociety(s: repo.SocietyRow): SocietyRef {
  const builtWith = s.builtWith ?? [];
  return {
    id: s.id,
    name: s.name,
    kind: s.kind,
    field: s.field,
    leagueAffiliated: s.leagueAffiliated,
    registeredOn: s.registeredOn,
    buildMode: s.buildMode,
    builtWith,
    basis: admissionBasis({ ...s, builtWith }),
    emergingLeague: s.leagueAffiliated && s.fieldId !== null,
  };
}

export function presentMember(r: repo.MemberRow, today = todayInChina()): MemberListItem {
  const counted =
    !r.isLeague && r.admittedOn !== null && r.admittedOn <= today && (!r.exitedOn || r.exitedOn > today);
  return {
    id: r.id,
    unit: { id: r.unitId, name: r.unitName, level: r.unitLevel },
    name: r.name,
    society: r.society ? presentSociety(r.society) : null,
    isLeague: r.isLeague,
    origin: r.origin,
    status: r.status,
    beforeRegistration: r.beforeRegistration,
    admittedOn: r.admittedOn,
    exitedOn: r.exitedOn,
    exitReason: r.exitReason,
    counted,
    lastReview:
      r.lastReviewOn && r.lastReviewOutcome ? { on: r.lastReviewOn, outcome: r.lastReviewOutcome } : null,
    version: r.version,
  };
}

export async function detail(ctx: FederationCtx, id: number): Promise<MemberDetail> {
  const row = await repo.findMember(ctx.db, ctx.viewer, id);
  const steps = await repo.stepRows(ctx.db, id);
  return {
    ...presentMember(row),
    exitNote: row.exitNote,
    createdAt: iso(row.createdAt)!,
    steps: steps.map((s) => ({
      id: s.id,
      step: s.step,
      label: STEP_LABELS[s.step] ?? s.step,
      onDate: s.onDate,
      outcome: s.outcome,
      note: s.note,
      document: s.fileId && s.fileName ? { fileName: s.fileName, size: Number(s.fileSize) } : null,
      by: s.by,
      at: iso(s.at)!,
    })),
  };
}

export async function list(ctx: FederationCtx, q: ListQuery) {
  const unit = q.unitId
    ? {
        id: q.unitId,
        path: await assertUnitInScope(ctx.db, q.unitId, ctx.viewer),
        includeDescendants: q.includeDescendants !== 'false',
      }
    : undefined;
  const { rows, total } = await repo.listMemberRows(
    ctx.db,
    ctx.viewer,
    { unit, q: q.q || undefined, status: q.status },
    { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
  );
  const today = todayInChina();
  return { items: rows.map((r) => presentMember(r, today)), total, page: q.page, pageSize: q.pageSize };
}

export async function societyOptions(ctx: FederationCtx, q?: string) {
  const rows = await repo.societyOptionRows(ctx.db, ctx.viewer, q || undefined);
  return { items: rows.map(presentSociety) };
}

function assertNotFuture(date: string, path: string, label: string) {
  if (date > todayInChina()) throw badRequest(`${label}不能晚于今天`, [{ path, message: '晚于今天' }]);
}

/**
 * 推荐或申请: the first step of a membership of a city or county federation. The League is listed
 * in the same federation the first time (shown, never counted).
 */
export async function create(ctx: FederationCtx, body: CreateBody) {
  assertNotFuture(body.onDate, 'onDate', '推荐或申请日期');
  await assertUnitInScope(ctx.db, body.unitId, ctx.viewer);
  const id = await ctx.db.transaction(async (tx) => {
    const unit = await repo.unitInfo(tx, body.unitId);
    if (unit.level !== 'city' && unit.level !== 'county') {
      throw badRequest('会员团体属于市、县两级青联，请选择地级市或县（市、区、旗）', [
        { path: 'unitId', message: '请选择市或县' },
      ]);
    }
    let name = body.name ?? '';
    let note = body.note;
    if (body.societyId) {
      const s = await repo.findSociety(tx, ctx.viewer, body.societyId);
      name = s.name;
    } else if (!body.declaredRegistered) {
      throw badRequest(
        '未在青年社团中登记的团体，须确认已在民政部门登记注册；尚未注册的青年社团请先在「青年社团」中登记，再从中选择',
        [{ path: 'declaredRegistered', message: '请确认已登记注册' }],
      );
    } else {
      note = ['已在民政部门登记注册（申报）', note].filter(Boolean).join('；');
    }
    const dup = await repo.findOpenDuplicate(tx, unit.id, body.societyId ?? null, name);
    if (dup) {
      throw conflict(`「${name}」在${unit.name}青联已有记录（${MEMBER_STATUSES[dup.status]}），请勿重复添加`);
    }
    if (!(await repo.hasLeague(tx, unit.id))) {
      const leagueId = await repo.insertMember(tx, {
        unitId: unit.id,
        name: unit.orgName,
        isLeague: true,
        origin: 'recommended',
        status: 'admitted',
        createdBy: ctx.viewer.userId,
      });
      await repo.insertStep(tx, {
        memberId: leagueId,
        step: 'league',
        onDate: body.onDate,
        note: '共青团是青联的核心成员，列入会员团体名单但不计入目标',
        byUser: ctx.viewer.userId,
      });
    }
    const newId = await repo.insertMember(tx, {
      unitId: unit.id,
      societyId: body.societyId ?? null,
      name,
      origin: body.origin,
      createdBy: ctx.viewer.userId,
    });
    await repo.insertStep(tx, {
      memberId: newId,
      step: body.origin,
      onDate: body.onDate,
      note,
      byUser: ctx.viewer.userId,
    });
    await ctx.audit(
      {
        action: 'federation.member_proposed',
        targetType: 'federation_member',
        targetId: newId,
        targetLabel: `${unit.name}青联 — ${name}`,
        detail: {
          unitId: unit.id,
          societyId: body.societyId ?? null,
          origin: body.origin,
          onDate: body.onDate,
        },
      },
      tx,
    );
    return newId;
  });
  return detail(ctx, id);
}

type Change = {
  changes: repo.MemberChanges;
  step: string;
  outcome?: string | null;
  note?: string | null;
  audit: { action: AuditAction; detail?: Record<string, unknown> };
};

/** One change: version check, the write, its step row and its audit event, together. */
async function change(
  ctx: FederationCtx,
  id: number,
  version: number,
  onDate: string,
  decide: (m: Awaited<ReturnType<typeof repo.lockMember>>, tx: FederationCtx['db']) => Promise<Change>,
) {
  assertNotFuture(onDate, 'onDate', '日期');
  await ctx.db.transaction(async (tx) => {
    const m = await repo.lockMember(tx, ctx.viewer, id);
    if (m.version !== version) throw staleVersion();
    if (m.isLeague) throw conflict('共青团是青联的当然会员，不经过吸纳、评议和退出程序');
    const last = await repo.lastStepDate(tx, id);
    if (last && onDate < last) {
      throw badRequest(`日期不能早于上一步的日期 ${last}`, [{ path: 'onDate', message: `不早于 ${last}` }]);
    }
    const d = await decide(m, tx);
    if (!(await repo.updateMemberAtVersion(tx, id, version, d.changes))) throw staleVersion();
    await repo.insertStep(tx, {
      memberId: id,
      step: d.step,
      onDate,
      outcome: d.outcome ?? null,
      note: d.note ?? null,
      byUser: ctx.viewer.userId,
    });
    await ctx.audit(
      {
        action: d.audit.action,
        targetType: 'federation_member',
        targetId: id,
        targetLabel: m.name,
        detail: { from: m.status, onDate, ...d.audit.detail },
      },
      tx,
    );
  });
  return detail(ctx, id);
}

const refuseState = (status: MemberStatus, what: string) =>
  conflict(`该团体当前为「${MEMBER_STATUSES[status]}」，不能${what}`);

/** §三.5: a society that is neither registered, nor led by 统战、网信、文联、作协, nor League-affiliated waits. */
async function basisFor(tx: FederationCtx['db'], m: { societyId: number | null }) {
  if (!m.societyId) return 'registered' as const;
  const s = presentSociety(await repo.findSociety(tx, { unitPath: '/' }, m.societyId));
  if (!s.basis) throw conflict(notAdmissibleMessage(s.name));
  return s.basis;
}

export function advance(ctx: FederationCtx, id: number, body: AdvanceBody) {
  const step = ADMISSION_STEPS[body.step];
  return change(ctx, id, body.version, body.onDate, async (m, tx) => {
    if (m.status !== step.from) {
      const expected = Object.values(ADMISSION_STEPS).find((s) => s.from === m.status);
      throw refuseState(
        m.status,
        expected ? `进行「${step.label}」，下一步应为「${expected.label}」` : `进行「${step.label}」`,
      );
    }
    if (body.outcome === 'failed') {
      if (body.step === 'admitted')
        throw badRequest('常委会审议通过后即可吸纳；如不吸纳，请在常委会审议时记为未通过');
      return {
        changes: { status: 'rejected' },
        step: body.step,
        outcome: 'failed',
        note: body.note,
        audit: { action: 'federation.member_rejected', detail: { step: body.step } },
      };
    }
    if (body.step === 'admitted' || body.step === 'qualification') {
      const basis = await basisFor(tx, m);
      if (body.step === 'admitted') {
        return {
          changes: {
            status: 'admitted',
            admittedOn: body.onDate,
            beforeRegistration: basis !== 'registered',
          },
          step: 'admitted',
          outcome: 'passed',
          note: [ADMISSION_BASES[basis], body.note].filter(Boolean).join('；'),
          audit: { action: 'federation.member_admitted', detail: { basis } },
        };
      }
    }
    return {
      changes: { status: step.to },
      step: body.step,
      outcome: 'passed',
      note: body.note,
      audit: {
        action:
          body.step === 'qualification' ? 'federation.qualification_passed' : 'federation.committee_passed',
      },
    };
  });
}

export function review(ctx: FederationCtx, id: number, body: ReviewBody) {
  return change(ctx, id, body.version, body.onDate, async (m, tx) => {
    if (m.status !== 'admitted') throw refuseState(m.status, '年度评议（只评议已吸纳的会员团体）');
    const year = body.onDate.slice(0, 4);
    if (await repo.reviewInYear(tx, id, year)) throw conflict(`该团体 ${year} 年度已评议过`);
    return {
      changes: {},
      step: 'annual_review',
      outcome: body.outcome,
      note: body.note,
      audit: { action: 'federation.member_reviewed', detail: { outcome: body.outcome } },
    };
  });
}

export function exit(ctx: FederationCtx, id: number, body: ExitBody) {
  return change(ctx, id, body.version, body.onDate, async (m) => {
    if (m.status !== 'admitted') throw refuseState(m.status, '调整退出（只有已吸纳的会员团体可以退出）');
    if (body.reason === 'other' && !body.note) {
      throw badRequest('退出原因为「其他」时须填写说明', [{ path: 'note', message: '请填写说明' }]);
    }
    return {
      changes: { status: 'exited', exitedOn: body.onDate, exitReason: body.reason, exitNote: body.note },
      step: 'exited',
      outcome: EXIT_REASONS[body.reason],
      note: body.note,
      audit: { action: 'federation.member_exited', detail: { reason: body.reason } },
    };
  });
}
