import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import { inScope } from '../../platform/access/scope';
import type { ReportFigureKey } from '../../../common/contracts/reports';
import { eventFigures, trainingFigures, worksFigures, type Period } from '../home/home-figures.repo';

/**
 * The indicators of 季度工作进展 and 年度总结 for a unit and everything below it over a period
 * (docs/decisions/0009-report-counting.md). Training, events and calls for works are counted by the home
 * page's own queries, so a quarter's figure and the home page's year agree on what they count.
 */
export async function countFigures(
  db: Db,
  unitPath: string,
  p: Period,
): Promise<Record<ReportFigureKey, number>> {
  const scope = { unitPath };
  const between = (col: SQL) => sql`${col} between ${p.start}::date and ${p.end}::date`;
  const beijing = (col: SQL) => sql`(${col} at time zone 'Asia/Shanghai')::date`;
  const [rest] = await queryRows<{
    contacted: number;
    registered: number;
    keyTargets: number;
    newKeyTargets: number;
    newPairings: number;
    activePairings: number;
    mentoringLogs: number;
  }>(
    db,
    sql`select
          (select count(distinct i.youth_id)::int from youth_interactions i
            where ${inScope(sql`i.unit_id`, scope)} and ${between(sql`i.date`)}) as contacted,
          (select count(*)::int from youth y
            where ${inScope(sql`y.unit_id`, scope)} and ${between(beijing(sql`y.created_at`))}) as registered,
          (select count(*)::int from youth y
            where ${inScope(sql`y.unit_id`, scope)} and y.stage = 'key') as "keyTargets",
          (select count(distinct sc.youth_id)::int from youth_stage_changes sc
            where ${inScope(sql`sc.unit_id`, scope)} and sc.to_stage = 'key' and sc.status = 'approved'
              and ${between(beijing(sql`sc.reviewed_at`))}) as "newKeyTargets",
          (select count(*)::int from mentor_pairings mp
            where ${inScope(sql`mp.unit_id`, scope)} and ${between(sql`mp.signed_on`)}) as "newPairings",
          (select count(*)::int from mentor_pairings mp
            where ${inScope(sql`mp.unit_id`, scope)} and mp.status in ('signed', 'active')) as "activePairings",
          (select count(*)::int from mentor_logs l
            where ${inScope(sql`l.unit_id`, scope)} and ${between(sql`l.date`)}) as "mentoringLogs"`,
  );
  const trained = await trainingFigures(db, scope, p);
  const events = await eventFigures(db, scope, p);
  const works = await worksFigures(db, scope, p);
  return {
    contacted: rest.contacted,
    registered: rest.registered,
    keyTargets: rest.keyTargets,
    newKeyTargets: rest.newKeyTargets,
    trainedPeople: trained.people,
    trainingPersonTimes: trained.personTimes,
    newPairings: rest.newPairings,
    activePairings: rest.activePairings,
    mentoringLogs: rest.mentoringLogs,
    events: events.events,
    eventPersonTimes: events.personTimes,
    tourEvents: events.tours,
    eventAudience: events.audience,
    worksEntered: works.entries,
    worksEntrants: works.entrants,
    worksAwarded: works.awards,
    worksRecommended: works.recommended,
  };
}
