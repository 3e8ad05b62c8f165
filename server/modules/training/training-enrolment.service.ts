import { ENROLMENT_STATUSES, type EnrolmentStatus } from '../../../common/contracts/training-enrolment';
import { maskPhone } from '../../../common/masking';
import type { Db } from '../../db/client';
import { decryptField } from '../../platform/crypto/field-crypto';
import { conflict, notFound, staleVersion } from '../../platform/http/errors';
import { iso, type TrainingCtx as Ctx } from './training.context';
import * as classes from './training-class.repo';
import * as repo from './training-enrolment.repo';

/**
 * 学员: 报名 from the registry, then 录取 by the class's capacity with key targets first, the rest
 * on a numbered waiting list (候补) from which a seat freed by a withdrawal is filled automatically.
 */

export const attendanceRate = (r: { attended: number; lessons: number }) =>
  r.lessons > 0 ? r.attended / r.lessons : null;

export function presentEnrolment(ctx: Pick<Ctx, 'keys'>, r: repo.EnrolmentRow) {
  return {
    id: r.id,
    classId: r.classId,
    youthId: r.youthId,
    name: r.name,
    unit: { id: r.youthUnitId, name: r.youthUnitName },
    category: r.categoryLabel,
    phone: r.phoneEnc ? maskPhone(decryptField(ctx.keys, r.phoneEnc)) : null,
    keyTarget: r.keyTarget,
    status: r.status,
    waitlistPosition: r.waitlistPosition,
    withdrawReason: r.withdrawReason,
    attendanceRate: attendanceRate(r),
    createdAt: iso(r.createdAt)!,
    version: r.version,
  };
}

export async function list(ctx: Ctx, classId: number, status?: EnrolmentStatus) {
  await classes.findClass(ctx.db, ctx.viewer, classId);
  const rows = await repo.enrolmentRows(ctx.db, classId, status);
  return { items: rows.map((r) => presentEnrolment(ctx, r)) };
}

const CLOSED = { finished: '培训班已结业', cancelled: '培训班已取消' } as const;

function assertOpen(c: { status: string }) {
  if (c.status === 'finished' || c.status === 'cancelled') {
    throw conflict(`${CLOSED[c.status]}，不能再调整学员`);
  }
}

export async function add(ctx: Ctx, classId: number, youthIds: number[]) {
  const ids = [...new Set(youthIds)];
  return ctx.db.transaction(async (tx) => {
    const c = await classes.lockClass(tx, ctx.viewer, classId);
    assertOpen(c);
    const found = new Map((await repo.youthInScope(tx, ctx.viewer, ids)).map((p) => [p.id, p]));
    // In the order chosen: within a batch that is the order of application.
    const people = ids.flatMap((id) => found.get(id) ?? []);
    // One person outside the scope refuses the whole batch, the way every batch does.
    if (people.length !== ids.length) throw notFound('青年记录');
    const existing = new Map((await repo.existingEnrolments(tx, classId, ids)).map((e) => [e.youthId, e]));
    const skipped: { youthId: number; name: string; reason: string }[] = [];
    let added = 0;
    for (const p of people) {
      const keyTarget = p.stage === 'key';
      const e = existing.get(p.id);
      if (e && e.status !== 'withdrawn') {
        skipped.push({ youthId: p.id, name: p.name, reason: `已在本班（${ENROLMENT_STATUSES[e.status]}）` });
        continue;
      }
      if (e) await repo.reapply(tx, e.id, keyTarget);
      else {
        await repo.insertEnrolment(tx, {
          classId,
          unitId: c.unitId,
          youthId: p.id,
          keyTarget,
          createdBy: ctx.viewer.userId,
        });
      }
      added += 1;
      await ctx.audit(
        {
          action: 'training.enrolled',
          targetType: 'youth',
          targetId: p.id,
          targetLabel: p.name,
          detail: { classId, classTitle: c.title, keyTarget },
        },
        tx,
      );
    }
    return { added, skipped };
  });
}

/**
 * Fills free seats from the queue in priority order and renumbers the waiting list 1…n.
 * `decideApplied`: 报名 rows are decided too (录取); otherwise only the waiting list moves (退出).
 */
async function reseat(
  ctx: Ctx,
  tx: Db,
  c: { id: number; title: string; capacity: number },
  decideApplied: boolean,
) {
  if (decideApplied) await repo.refreshKeyTargets(tx, c.id);
  const pool = (await repo.queue(tx, c.id)).filter((q) => decideApplied || q.status === 'waitlisted');
  let free = Math.max(0, c.capacity - (await repo.seatsTaken(tx, c.id)));
  const admitted: repo.QueueRow[] = [];
  let position = 0;
  for (const q of pool) {
    if (free > 0) {
      free -= 1;
      admitted.push(q);
      await repo.setStatus(tx, q.id, 'admitted');
      await ctx.audit(
        {
          action: q.status === 'waitlisted' ? 'training.promoted' : 'training.admitted',
          targetType: 'youth',
          targetId: q.youthId,
          targetLabel: q.name,
          detail: { classId: c.id, classTitle: c.title, keyTarget: q.keyTarget },
        },
        tx,
      );
    } else {
      position += 1;
      await repo.setStatus(tx, q.id, 'waitlisted', { waitlistPosition: position });
    }
  }
  return { admitted, waitlisted: position };
}

export async function admit(ctx: Ctx, classId: number) {
  return ctx.db.transaction(async (tx) => {
    const c = await classes.lockClass(tx, ctx.viewer, classId);
    assertOpen(c);
    const { admitted, waitlisted } = await reseat(ctx, tx, c, true);
    return { admitted: admitted.length, waitlisted };
  });
}

export async function withdraw(ctx: Ctx, id: number, body: { reason: string; version: number }) {
  return ctx.db.transaction(async (tx) => {
    const probe = await repo.findEnrolment(tx, ctx.viewer, id);
    // The class first, then the row: the same lock order as admission, so the two cannot deadlock.
    const c = await classes.lockClass(tx, ctx.viewer, probe.classId);
    assertOpen(c);
    const e = await repo.findEnrolment(tx, ctx.viewer, id, true);
    if (e.version !== body.version) throw staleVersion();
    if (e.status === 'withdrawn') throw conflict('该学员已退出');
    if (e.status === 'completed') throw conflict('该学员已结业，不能退出');
    await repo.setStatus(tx, id, 'withdrawn', { withdrawReason: body.reason });
    await ctx.audit(
      {
        action: 'training.withdrawn',
        targetType: 'youth',
        targetId: e.youthId,
        targetLabel: e.name,
        detail: { classId: c.id, classTitle: c.title, from: e.status, reason: body.reason },
      },
      tx,
    );
    const { admitted } = await reseat(ctx, tx, c, false);
    const promoted = admitted[0];
    return { promoted: promoted ? { id: promoted.id, name: promoted.name } : null };
  });
}
