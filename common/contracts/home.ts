import { z } from 'zod';
import { defineContract } from '../contract';

/** Pairings with no guidance log for this many days, and agreements ending within this many, are flagged. */
export const IDLE_PAIRING_DAYS = 30;
export const ENDING_PAIRING_DAYS = 60;

/**
 * 培养: training, mentoring, events and calls for works in the viewer's scope (issue 4, “Figures for the
 * unit's scope”).
 */
export const cultivationFigures = z.object({
  year: z.number().int(),
  /** Classes this year: people admitted or completed; 人次 = lesson attendances (出勤、迟到). */
  trained: z.object({ people: z.number().int(), completed: z.number().int(), personTimes: z.number().int() }),
  /** Key targets in scope, and those with a signed or active pairing; share in [0, 1]. */
  mentoring: z.object({
    keyTargets: z.number().int(),
    withMentor: z.number().int(),
    share: z.number(),
    endingSoon: z.number().int(),
    idle: z.number().int(),
  }),
  overdueFollowUps: z.number().int(),
  /** 人次 and 人 are registry participants; tours are 巡演、巡展、见面会, audience their 观众人次 counted at the door. */
  events: z.object({
    events: z.number().int(),
    personTimes: z.number().int(),
    persons: z.number().int(),
    tours: z.number().int(),
    audience: z.number().int(),
  }),
  /** 作品征集 of calls in scope: entries not withdrawn, their entrants, final awards, recommendations upward. */
  works: z.object({
    entries: z.number().int(),
    entrants: z.number().int(),
    awards: z.number().int(),
    recommended: z.number().int(),
  }),
});
export type CultivationFigures = z.infer<typeof cultivationFigures>;

/** Contact has lapsed after this many days without a contact record (the registry's 未联系 filter). */
export const LAPSED_CONTACT_DAYS = 90;

export const registryFigures = z.object({
  people: z.number().int(),
  keyTargets: z.number().int(),
  /** Never contacted, or not for LAPSED_CONTACT_DAYS. */
  notContacted: z.number().int(),
  addedThisMonth: z.number().int(),
});
export type RegistryFigures = z.infer<typeof registryFigures>;

export const coverageFigures = z.object({
  societies: z.number().int(),
  leagueSocieties: z.number().int(),
  /** Admitted Youth Federation member groups in scope, the League not counted. */
  memberGroups: z.number().int(),
  contactPoints: z.number().int(),
  branches: z.number().int(),
  branchMembers: z.number().int(),
});
export type CoverageFigures = z.infer<typeof coverageFigures>;

export const homeSummary = defineContract({
  method: 'GET',
  path: '/api/home/summary',
  access: 'dashboard.read',
  tag: 'home',
  summary: '工作台：本人可见范围内的实时统计',
  response: z.object({
    scope: z.object({ id: z.number().int(), name: z.string(), orgName: z.string() }),
    unitsByLevel: z.object({ province: z.number().int(), city: z.number().int(), county: z.number().int() }),
    keyContactCities: z.number().int(),
    departments: z.number().int(),
    accounts: z.object({ total: z.number().int(), active: z.number().int(), withTotp: z.number().int() }),
    registry: registryFigures,
    coverage: coverageFigures,
    cultivation: cultivationFigures,
    loginsLast7Days: z.array(z.object({ date: z.string(), count: z.number().int() })),
    recentActivity: z.array(
      z.object({
        at: z.string(),
        username: z.string().nullable(),
        actionLabel: z.string(),
        target: z.string().nullable(),
      }),
    ),
  }),
});

export const exportHomeFigures = defineContract({
  method: 'GET',
  path: '/api/home/figures/export',
  access: 'dashboard.read',
  tag: 'home',
  summary: '导出培养工作统计 Excel（本单位及下级：培训、导师结对、跟踪培养、活动、作品征集）',
  response: z.unknown(),
  binary: true,
});
