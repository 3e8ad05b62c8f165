import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';

/**
 * The country-wide duplicate check is counted in the audit log itself: every check is an audit event
 * anyway, the log is shared by every server process, and the count cannot drift from what auditors see.
 */

const CHECKED = 'youth.duplicate_checked';
const LIMITED = 'youth.duplicate_check_limited';

/** First key of the per-account advisory lock (the second is the user id). Any constant no one else uses. */
const CHECK_LOCK_CLASS = 0x7a6d_0011;

/**
 * Holds, until the transaction ends, the one lock under which an account's checks are counted and
 * recorded: two requests of the same account (from any process) cannot both pass on the last unit.
 */
export async function lockAccountChecks(tx: Db, userId: number): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${CHECK_LOCK_CLASS}::int, ${userId}::int)`);
}

/** Checks this account made in the last minute and in the last 24 hours. */
export async function countAccountChecks(tx: Db, userId: number): Promise<{ minute: number; day: number }> {
  const [row] = await queryRows<{ minute: number; day: number }>(
    tx,
    sql`select count(*) filter (where at > now() - interval '1 minute')::int as minute,
               count(*)::int as day
        from audit_log
        where user_id = ${userId} and action = ${CHECKED} and at > now() - interval '24 hours'`,
  );
  return row;
}

/**
 * Whether the current burst already has its alert: an alert recorded after the account's last
 * accepted check. A refusal implies a check in the last 24 hours, so that window is exact.
 */
export async function burstAlreadyAlerted(tx: Db, userId: number): Promise<boolean> {
  const [row] = await queryRows<{ alerted: boolean }>(
    tx,
    sql`select exists (
          select 1 from audit_log a
          where a.user_id = ${userId} and a.action = ${LIMITED} and a.at > now() - interval '24 hours'
            and a.id > coalesce((select max(c.id) from audit_log c
                                 where c.user_id = ${userId} and c.action = ${CHECKED}
                                   and c.at > now() - interval '24 hours'), 0)
        ) as alerted`,
  );
  return row.alerted;
}
