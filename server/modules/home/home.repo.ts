import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import type { Viewer } from '../../platform/access/viewer';
import { inScope } from '../../platform/access/scope';
import { auditInScope } from '../audit/audit.repo';

type ScopeViewer = Pick<Viewer, 'unitId' | 'unitPath'>;

export async function findScopeUnit(db: Db, unitId: number) {
  const rows = await queryRows<{ id: number; name: string; orgName: string }>(
    db,
    sql`select id, name, org_name as "orgName" from units where id = ${unitId}`,
  );
  return rows[0];
}

/** Units below the viewer's own, by level, and the 重点联系城市 among the viewer's unit and those below. */
export async function countUnits(db: Db, viewer: ScopeViewer) {
  const rows = await queryRows<{ province: number; city: number; county: number; keyContactCities: number }>(
    db,
    sql`select count(*) filter (where level = 'province' and id <> ${viewer.unitId})::int as province,
               count(*) filter (where level = 'city' and id <> ${viewer.unitId})::int as city,
               count(*) filter (where level = 'county' and id <> ${viewer.unitId})::int as county,
               count(*) filter (where key_contact_city)::int as "keyContactCities"
          from units where path like ${viewer.unitPath + '%'}`,
  );
  return rows[0];
}

export async function countDepartments(db: Db, viewer: ScopeViewer): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from departments d where ${inScope(sql`d.unit_id`, viewer)}`,
  );
  return rows[0]?.n ?? 0;
}

export async function countAccounts(db: Db, viewer: ScopeViewer) {
  const rows = await queryRows<{ total: number; active: number; withTotp: number }>(
    db,
    sql`select count(*)::int as total,
               count(*) filter (where status = 'active')::int as active,
               count(*) filter (where totp_enabled)::int as "withTotp"
          from users u where ${inScope(sql`u.unit_id`, viewer)}`,
  );
  return rows[0];
}

/** Successful sign-ins since `since`, by Beijing calendar day. */
export async function countLoginsByDay(db: Db, viewer: ScopeViewer, since: Date) {
  return queryRows<{ day: string; n: number }>(
    db,
    sql`select to_char(a.at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as day, count(*)::int as n
          from audit_log a
         where a.action = 'auth.login' and a.outcome = 'success'
           and a.at >= ${since.toISOString()}::timestamptz and ${auditInScope(viewer)}
         group by 1`,
  );
}

export async function recentAudit(db: Db, viewer: ScopeViewer, limit: number) {
  return queryRows<{
    at: Date | string;
    username: string | null;
    action: string;
    targetType: string | null;
    targetId: string | null;
    targetLabel: string | null;
  }>(
    db,
    sql`select a.at, a.username, a.action, a.target_type as "targetType", a.target_id as "targetId",
               a.target_label as "targetLabel"
          from audit_log a where ${auditInScope(viewer)}
         order by a.at desc, a.id desc limit ${limit}`,
  );
}
