import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import type { Viewer } from '../../platform/access/viewer';
import { inScope } from '../../platform/access/scope';
import { escapeLike } from '../../platform/search/like';

export type AuditRow = {
  id: number | string;
  at: Date | string;
  userId: number | null;
  username: string | null;
  unitId: number | null;
  unitName: string | null;
  ip: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  targetLabel: string | null;
  outcome: 'success' | 'failure' | 'denied';
  detail: Record<string, unknown> | null;
};

export type AuditQuery = {
  username?: string;
  /** Path of the unit filtered on: that unit and every unit below it. */
  unitPath?: string;
  action?: string;
  outcome?: 'success' | 'failure' | 'denied';
  from?: string;
  to?: string;
};

/** The root unit's path has a single id: '/1/'. */
export function isRootPath(path: string): boolean {
  return path.split('/').filter(Boolean).length === 1;
}

/**
 * Audit rows a viewer may read: those of units in their subtree. Rows with no unit (a failed
 * login for an unknown user name) belong to nobody's subtree, so only the root sees them.
 */
export function auditInScope(viewer: Pick<Viewer, 'unitPath'>): SQL {
  if (isRootPath(viewer.unitPath)) return sql`true`;
  return inScope(sql`a.unit_id`, viewer);
}

function where(viewer: Pick<Viewer, 'unitPath'>, q: AuditQuery): SQL {
  const conds: SQL[] = [auditInScope(viewer)];
  if (q.username) conds.push(sql`a.username ilike ${`%${escapeLike(q.username)}%`}`);
  if (q.unitPath)
    conds.push(sql`a.unit_id in (select fu.id from units fu where fu.path like ${q.unitPath + '%'})`);
  if (q.action) conds.push(sql`a.action = ${q.action}`);
  if (q.outcome) conds.push(sql`a.outcome = ${q.outcome}`);
  if (q.from) conds.push(sql`a.at >= ${q.from}::timestamptz`);
  if (q.to) conds.push(sql`a.at <= ${q.to}::timestamptz`);
  return sql.join(conds, sql` and `);
}

export async function countAudit(db: Db, viewer: Pick<Viewer, 'unitPath'>, q: AuditQuery): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from audit_log a where ${where(viewer, q)}`,
  );
  return rows[0]?.n ?? 0;
}

/** Newest first; the id breaks ties between events of the same instant. */
export async function listAudit(
  db: Db,
  viewer: Pick<Viewer, 'unitPath'>,
  q: AuditQuery,
  page: { limit: number; offset: number },
): Promise<AuditRow[]> {
  return queryRows<AuditRow>(
    db,
    sql`select a.id, a.at, a.user_id as "userId", a.username, a.unit_id as "unitId", u.name as "unitName",
               a.ip, a.action, a.target_type as "targetType", a.target_id as "targetId",
               a.target_label as "targetLabel", a.outcome, a.detail
          from audit_log a left join units u on u.id = a.unit_id
         where ${where(viewer, q)}
         order by a.at desc, a.id desc
         limit ${page.limit} offset ${page.offset}`,
  );
}

export async function findUnit(db: Db, id: number): Promise<{ name: string; path: string } | undefined> {
  const rows = await queryRows<{ name: string; path: string }>(
    db,
    sql`select name, path from units where id = ${id}`,
  );
  return rows[0];
}
