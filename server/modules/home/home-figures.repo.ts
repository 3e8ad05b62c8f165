import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import type { Viewer } from '../../platform/access/viewer';
import { inScope } from '../../platform/access/scope';
import { TOUR_KINDS } from '../../../common/contracts/events';

/**
 * 培养 figures for the viewer's scope, read straight from the training, mentor, event and call tables
 * (those modules own the writes; here they are only counted). Every count is scoped by the row's
 * own unit_id, or by the person's unit for key targets.
 */

type Scope = Pick<Viewer, 'unitPath'>;

/**
 * The Beijing dates counted over (a year on the home page, a quarter or a year in a report) and
 * today, all as 'YYYY-MM-DD'.
 */
export type Period = { start: string; end: string; today: string };

export async function trainingFigures(db: Db, scope: Scope, p: Period) {
  const rows = await queryRows<{ people: number; completed: number; personTimes: number }>(
    db,
    sql`with enrolled as (
          select e.id, e.youth_id, e.status from training_enrolments e join training_classes c on c.id = e.class_id
           where ${inScope(sql`e.unit_id`, scope)} and e.status in ('admitted', 'completed')
             and c.status <> 'cancelled' and c.start_date <= ${p.end}::date and c.end_date >= ${p.start}::date
        )
        select (select count(distinct youth_id)::int from enrolled) as people,
               (select count(distinct youth_id)::int from enrolled where status = 'completed') as completed,
               (select count(*)::int from training_attendance a join enrolled en on en.id = a.enrolment_id
                  join training_lessons l on l.id = a.lesson_id
                 where a.status in ('present', 'late')
                   and (l.starts_at at time zone 'Asia/Shanghai')::date between ${p.start}::date and ${p.end}::date
               ) as "personTimes"`,
  );
  return rows[0];
}

export async function mentorFigures(db: Db, scope: Scope, p: Period, idleDays: number, endingDays: number) {
  const rows = await queryRows<{
    keyTargets: number;
    keyTargetsWithMentor: number;
    pairingsEndingSoon: number;
    idlePairings: number;
  }>(
    db,
    sql`select
          (select count(*)::int from youth y where ${inScope(sql`y.unit_id`, scope)} and y.stage = 'key')
            as "keyTargets",
          (select count(*)::int from youth y where ${inScope(sql`y.unit_id`, scope)} and y.stage = 'key'
              and exists (select 1 from mentor_pairings mp where mp.youth_id = y.id and mp.status in ('signed', 'active')))
            as "keyTargetsWithMentor",
          (select count(*)::int from mentor_pairings mp where ${inScope(sql`mp.unit_id`, scope)}
              and mp.status in ('signed', 'active')
              and mp.end_date between ${p.today}::date and ${p.today}::date + ${endingDays}::int)
            as "pairingsEndingSoon",
          (select count(*)::int from mentor_pairings mp where ${inScope(sql`mp.unit_id`, scope)}
              and mp.status in ('signed', 'active')
              and coalesce((select max(l.date) from mentor_logs l where l.pairing_id = mp.id),
                           greatest(mp.start_date, mp.signed_on)) < ${p.today}::date - ${idleDays}::int)
            as "idlePairings"`,
  );
  return rows[0];
}

export async function overdueFollowUps(db: Db, scope: Scope, p: Period): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from training_follow_ups f
         where ${inScope(sql`f.unit_id`, scope)} and f.done_on is null and f.due_on < ${p.today}::date`,
  );
  return rows[0]?.n ?? 0;
}

/**
 * Events dated in the period: 人次 and 人 are participant rows and people of the registry; tours are the
 * 巡演、巡展 and 见面会 among them; audience is the 观众人次 counted at the door of any of them.
 */
export async function eventFigures(db: Db, scope: Scope, p: Period) {
  const rows = await queryRows<{
    events: number;
    personTimes: number;
    persons: number;
    tours: number;
    audience: number;
  }>(
    db,
    sql`select (select count(*)::int from youth_events e where ${inScope(sql`e.unit_id`, scope)}
                  and e.date between ${p.start}::date and ${p.end}::date) as events,
               (select count(*)::int from youth_events e where ${inScope(sql`e.unit_id`, scope)}
                  and e.kind = any(${`{${TOUR_KINDS.join(',')}}`}::text[])
                  and e.date between ${p.start}::date and ${p.end}::date) as tours,
               (select coalesce(sum(e.audience), 0)::int from youth_events e where ${inScope(sql`e.unit_id`, scope)}
                  and e.date between ${p.start}::date and ${p.end}::date) as audience,
               count(p.youth_id)::int as "personTimes", count(distinct p.youth_id)::int as persons
          from youth_event_participants p join youth_events e on e.id = p.event_id
         where ${inScope(sql`e.unit_id`, scope)} and e.date between ${p.start}::date and ${p.end}::date`,
  );
  return rows[0];
}

/**
 * 作品征集 over the period (Beijing dates), by the call's unit: works entered on the public site and not
 * withdrawn, the people behind them (a linked record counts once across works, an unlinked entrant once per
 * entry), awards of calls whose results were made final in the period, and entries sent up from the
 * subtree's calls to a higher one.
 */
export async function worksFigures(db: Db, scope: Scope, p: Period) {
  const inPeriod = (col: SQL) =>
    sql`(${col} at time zone 'Asia/Shanghai')::date between ${p.start}::date and ${p.end}::date`;
  const rows = await queryRows<{ entries: number; entrants: number; awards: number; recommended: number }>(
    db,
    sql`with entered as (
          select ce.work_id from call_entries ce join works w on w.id = ce.work_id
           where ${inScope(sql`ce.unit_id`, scope)} and ce.origin = 'public' and ce.status <> 'withdrawn'
             and w.status <> 'withdrawn' and ${inPeriod(sql`ce.created_at`)}
        )
        select (select count(*)::int from entered) as entries,
               (select (count(distinct we.youth_id) + count(*) filter (where we.youth_id is null))::int
                  from work_entrants we join entered en on en.work_id = we.work_id) as entrants,
               (select count(*)::int from call_entries ce join calls c on c.id = ce.call_id
                 where ${inScope(sql`ce.unit_id`, scope)} and ce.award_level_key is not null
                   and ce.status <> 'withdrawn' and ${inPeriod(sql`c.awards_final_at`)}) as awards,
               (select count(*)::int from call_entries ce join call_entries se on se.id = ce.source_entry_id
                 where ce.origin = 'recommended' and ce.status <> 'withdrawn' and ${inScope(sql`se.unit_id`, scope)}
                   and ${inPeriod(sql`coalesce(ce.recommended_at, ce.created_at)`)}) as recommended`,
  );
  return rows[0];
}
