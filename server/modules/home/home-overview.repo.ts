import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import type { Viewer } from '../../platform/access/viewer';
import { inScope } from '../../platform/access/scope';

type Scope = Pick<Viewer, 'unitPath'>;

/** 青年库 at a glance: everyone kept in scope, key targets, and those contact has lapsed with. */
export async function registryFigures(db: Db, scope: Scope, today: string, idleDays: number) {
  const [row] = await queryRows<{
    people: number;
    keyTargets: number;
    notContacted: number;
    addedThisMonth: number;
  }>(
    db,
    sql`select count(*)::int as people,
               count(*) filter (where y.stage = 'key')::int as "keyTargets",
               count(*) filter (where y.last_contact_at is null
                 or (y.last_contact_at at time zone 'Asia/Shanghai')::date < ${today}::date - ${idleDays}::int)::int
                 as "notContacted",
               count(*) filter (where (y.created_at at time zone 'Asia/Shanghai')::date
                 >= date_trunc('month', ${today}::date))::int as "addedThisMonth"
          from youth y where ${inScope(sql`y.unit_id`, scope)}`,
  );
  return row;
}

/** 组织覆盖 at a glance: societies, member groups (the League not counted), contact points, branches. */
export async function coverageFigures(db: Db, scope: Scope) {
  const [row] = await queryRows<{
    societies: number;
    leagueSocieties: number;
    memberGroups: number;
    contactPoints: number;
    branches: number;
    branchMembers: number;
  }>(
    db,
    sql`select
          (select count(*)::int from youth_societies s where ${inScope(sql`s.unit_id`, scope)} and s.status = 'active')
            as societies,
          (select count(*)::int from youth_societies s where ${inScope(sql`s.unit_id`, scope)}
              and s.status = 'active' and s.league_affiliated) as "leagueSocieties",
          (select count(*)::int from federation_members m where ${inScope(sql`m.unit_id`, scope)}
              and m.status = 'admitted' and not m.is_league) as "memberGroups",
          (select count(*)::int from contact_points c where ${inScope(sql`c.unit_id`, scope)} and c.active)
            as "contactPoints",
          (select count(*)::int from league_branches b where ${inScope(sql`b.unit_id`, scope)} and b.status = 'active')
            as branches,
          (select count(*)::int from league_branch_members bm join league_branches b on b.id = bm.branch_id
            where ${inScope(sql`b.unit_id`, scope)} and b.status = 'active' and bm.left_on is null)
            as "branchMembers"`,
  );
  return row;
}
