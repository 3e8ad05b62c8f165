import type { z } from 'zod';
import type { RequestContext } from '../../platform/http/context';
import { notFound } from '../../platform/http/errors';
import { can } from '../../platform/access/viewer';
import { LAPSED_CONTACT_DAYS, type homeSummary } from '../../../common/contracts/home';
import { todayInChina } from '../../../common/validators';
import { actionLabel, targetText } from '../audit/audit.service';
import {
  countAccounts,
  countDepartments,
  countLoginsByDay,
  countUnits,
  findScopeUnit,
  recentAudit,
} from './home.repo';
import { cultivationFor } from './home-figures.service';
import { coverageFigures, registryFigures } from './home-overview.repo';

type HomeSummary = z.input<(typeof homeSummary)['response']>;

const DAY_MS = 24 * 60 * 60 * 1000;
// China has kept UTC+8 without daylight saving since 1991: a Beijing calendar day is a fixed UTC window.
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The last `days` Beijing calendar dates, oldest first, and the UTC instant the first one begins. */
export function beijingDays(now: Date, days: number): { dates: string[]; since: Date } {
  const todayStart = Math.floor((now.getTime() + BEIJING_OFFSET_MS) / DAY_MS) * DAY_MS;
  const dates: string[] = [];
  for (let i = days - 1; i >= 0; i--)
    dates.push(new Date(todayStart - i * DAY_MS).toISOString().slice(0, 10));
  return { dates, since: new Date(todayStart - (days - 1) * DAY_MS - BEIJING_OFFSET_MS) };
}

export async function homeSummaryFor(ctx: RequestContext, now = new Date()): Promise<HomeSummary> {
  const { db, viewer } = ctx;
  const scope = await findScopeUnit(db, viewer.unitId);
  if (!scope) throw notFound('单位');
  const { dates, since } = beijingDays(now, 7);
  const today = todayInChina(now);
  const [units, departments, accounts, logins, recent, cultivation, registry, coverage] = await Promise.all([
    countUnits(db, viewer),
    countDepartments(db, viewer),
    countAccounts(db, viewer),
    countLoginsByDay(db, viewer, since),
    // Who did what is the audit log: shown only to those who may read it.
    can(viewer, 'audit.read') ? recentAudit(db, viewer, 8) : [],
    cultivationFor(db, viewer),
    registryFigures(db, viewer, today, LAPSED_CONTACT_DAYS),
    coverageFigures(db, viewer),
  ]);
  const loginsByDay = new Map(logins.map((r) => [r.day, r.n]));
  return {
    scope: { id: scope.id, name: scope.name, orgName: scope.orgName },
    unitsByLevel: { province: units.province, city: units.city, county: units.county },
    keyContactCities: units.keyContactCities,
    departments,
    accounts: { total: accounts.total, active: accounts.active, withTotp: accounts.withTotp },
    registry,
    coverage,
    cultivation,
    loginsLast7Days: dates.map((date) => ({ date, count: loginsByDay.get(date) ?? 0 })),
    recentActivity: recent.map((r) => ({
      at: new Date(r.at).toISOString(),
      username: r.username,
      actionLabel: actionLabel(r.action),
      target: targetText(r),
    })),
  };
}
