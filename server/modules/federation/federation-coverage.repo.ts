import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import { escapeLike } from '../../platform/search/like';

export type TargetsRow = {
  startDate: string;
  periodYears: number;
  endDate: string;
  minMemberGroups: number;
  minLeagueSocieties: number;
  updatedAt: Date | string;
  version: number;
};

export async function targetsRow(db: Db, provinceId: number, lock = false): Promise<TargetsRow | undefined> {
  const rows = await queryRows<TargetsRow>(
    db,
    sql`select start_date::text as "startDate", period_years as "periodYears",
          (start_date + make_interval(years => period_years))::date::text as "endDate",
          min_member_groups as "minMemberGroups", min_league_societies as "minLeagueSocieties",
          updated_at as "updatedAt", version
        from coverage_targets where province_unit_id = ${provinceId} ${lock ? sql`for update` : sql``}`,
  );
  return rows[0];
}

export async function countyRows(db: Db, provincePath: string) {
  return queryRows<{ id: number; name: string; cityName: string; included: boolean }>(
    db,
    sql`select u.id, u.name, coalesce(p.name, '') as "cityName", coalesce(cc.included, false) as included
        from units u left join units p on p.id = u.parent_id left join coverage_counties cc on cc.unit_id = u.id
        where u.level = 'county' and u.path like ${escapeLike(provincePath) + '%'}
        order by p.sort_order, p.code, u.sort_order, u.code`,
  );
}

export async function upsertTargets(
  db: Db,
  provinceId: number,
  v: {
    startDate: string;
    periodYears: number;
    minMemberGroups: number;
    minLeagueSocieties: number;
    userId: number;
  },
) {
  await db.execute(sql`insert into coverage_targets
      (province_unit_id, start_date, period_years, min_member_groups, min_league_societies, updated_by)
    values (${provinceId}, ${v.startDate}, ${v.periodYears}, ${v.minMemberGroups}, ${v.minLeagueSocieties}, ${v.userId})
    on conflict (province_unit_id) do update set start_date = excluded.start_date,
      period_years = excluded.period_years, min_member_groups = excluded.min_member_groups,
      min_league_societies = excluded.min_league_societies, updated_by = excluded.updated_by,
      updated_at = now(), version = coverage_targets.version + 1`);
}

/** Makes exactly `countyIds` the province's qualifying counties; returns those added and removed. */
export async function replaceCounties(db: Db, provincePath: string, countyIds: number[], userId: number) {
  const before = await queryRows<{ id: number }>(
    db,
    sql`select cc.unit_id as id from coverage_counties cc join units u on u.id = cc.unit_id
        where cc.included and u.path like ${escapeLike(provincePath) + '%'}`,
  );
  const had = new Set(before.map((r) => r.id));
  const want = new Set(countyIds);
  const removed = [...had].filter((id) => !want.has(id));
  const added = [...want].filter((id) => !had.has(id));
  if (removed.length) {
    await db.execute(sql`update coverage_counties set included = false, set_by = ${userId}, set_at = now()
      where unit_id in (${sql.join(
        removed.map((id) => sql`${id}`),
        sql`, `,
      )})`);
  }
  for (const id of added) {
    await db.execute(sql`insert into coverage_counties (unit_id, included, set_by) values (${id}, true, ${userId})
      on conflict (unit_id) do update set included = true, set_by = excluded.set_by, set_at = now()`);
  }
  return { added, removed };
}

/** Counties among `ids` that are not counties of the province (a forged request). */
export async function foreignCounties(db: Db, provincePath: string, ids: number[]): Promise<number> {
  if (!ids.length) return 0;
  const rows = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from units u where u.id in (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )}) and u.level = 'county' and u.path like ${escapeLike(provincePath) + '%'}`,
  );
  return new Set(ids).size - rows[0].n;
}

export type CoverageRow = {
  id: number;
  name: string;
  level: 'city' | 'county';
  parentName: string | null;
  provinceName: string;
  keyContactCity: boolean;
  sortPinyin: string;
  memberGroups: number;
  leagueSocieties: number;
  configured: boolean;
  minMemberGroups: number;
  minLeagueSocieties: number;
  endDate: string | null;
  daysLeft: number | null;
};

/**
 * The supervision table in one grouped query: every prefecture city and every qualifying county in
 * the subtree of `unitPath`, with its counts at `on` and its province's targets (defaults when unset).
 * Counted: member groups admitted on or before `on` and not exited on or before it, never the League;
 * of those, League-affiliated societies with an emerging field (decision 0007).
 */
export async function coverageRows(
  db: Db,
  unitPath: string,
  on: string,
  defaults: { minMemberGroups: number; minLeagueSocieties: number },
): Promise<CoverageRow[]> {
  return queryRows<CoverageRow>(
    db,
    sql`with scope_units as (
          select u.id, u.name, u.level, u.parent_id, u.path, u.key_contact_city, u.name_pinyin, u.code,
            split_part(u.path, '/', 3)::int as province_id
          from units u
          where u.path like ${escapeLike(unitPath) + '%'} and (u.level = 'city' or (u.level = 'county'
            and exists (select 1 from coverage_counties cc where cc.unit_id = u.id and cc.included)))
        ), counts as (
          select m.unit_id,
            count(*)::int as groups,
            (count(*) filter (where s.league_affiliated and s.field_id is not null))::int as league_societies
          from federation_members m left join youth_societies s on s.id = m.society_id
          where m.unit_id in (select id from scope_units) and not m.is_league
            and m.admitted_on <= ${on}::date and (m.exited_on is null or m.exited_on > ${on}::date)
          group by m.unit_id
        )
        select su.id, su.name, su.level, pu.name as "parentName", pr.name as "provinceName",
          su.key_contact_city as "keyContactCity", su.name_pinyin as "sortPinyin",
          coalesce(c.groups, 0) as "memberGroups", coalesce(c.league_societies, 0) as "leagueSocieties",
          t.province_unit_id is not null as configured,
          coalesce(t.min_member_groups, ${defaults.minMemberGroups}::int) as "minMemberGroups",
          coalesce(t.min_league_societies, ${defaults.minLeagueSocieties}::int) as "minLeagueSocieties",
          (t.start_date + make_interval(years => t.period_years))::date::text as "endDate",
          ((t.start_date + make_interval(years => t.period_years))::date - ${on}::date)::int as "daysLeft"
        from scope_units su
          left join counts c on c.unit_id = su.id
          left join units pu on pu.id = su.parent_id
          left join units pr on pr.id = su.province_id
          left join coverage_targets t on t.province_unit_id = su.province_id
        order by su.code`,
  );
}
