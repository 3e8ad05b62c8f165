import { auditLog } from '../../db/schema';
import type { Db } from '../../db/client';
import type { AuditAction } from '../../../common/audit-actions';

export type AuditEvent = {
  action: AuditAction;
  outcome?: 'success' | 'failure' | 'denied';
  targetType?: string;
  targetId?: string | number;
  targetLabel?: string;
  /** Never put personal data (ID numbers, phones, passwords) here: it is shown to auditors. */
  detail?: Record<string, unknown>;
};

export type AuditActor = {
  userId?: number | null;
  username?: string | null;
  unitId?: number | null;
  ip?: string | null;
};

/** The one audit call every module uses. Runs inside the caller's transaction when given one. */
export async function recordAudit(db: Db, actor: AuditActor, event: AuditEvent): Promise<void> {
  await db.insert(auditLog).values({
    userId: actor.userId ?? null,
    username: actor.username ?? null,
    unitId: actor.unitId ?? null,
    ip: actor.ip ?? null,
    action: event.action,
    outcome: event.outcome ?? 'success',
    targetType: event.targetType ?? null,
    targetId: event.targetId === undefined ? null : String(event.targetId),
    targetLabel: event.targetLabel ?? null,
    detail: event.detail ?? null,
  });
}
