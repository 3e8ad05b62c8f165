import { z } from 'zod';
import { defineContract, pageOf, pageQuery } from '../contract';
import { ymd } from './federation';

/**
 * 工作目标与督导 (seed 003 §一, §四.2): each province sets a start date and a period of 2–3 years in
 * which every prefecture city and every county it counts as 有条件的县 reaches at least N member groups
 * besides the League and M League-affiliated societies covering emerging-field youth.
 * Counting rules: docs/decisions/0007-coverage-counting.md.
 */

export const DEFAULT_TARGETS = { periodYears: 3, minMemberGroups: 3, minLeagueSocieties: 1 } as const;

export const coverageTargets = z.object({
  province: z.object({ id: z.number().int(), name: z.string() }),
  /** False while the province has not set its targets: the defaults are shown, without a period. */
  configured: z.boolean(),
  startDate: z.string().nullable(),
  periodYears: z.number().int(),
  endDate: z.string().nullable(),
  minMemberGroups: z.number().int(),
  minLeagueSocieties: z.number().int(),
  counties: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      cityName: z.string(),
      included: z.boolean(),
    }),
  ),
  /** The viewer may change them (their own province, coverage.configure). */
  editable: z.boolean(),
  updatedAt: z.string().nullable(),
  version: z.number().int().nullable(),
});
export type CoverageTargets = z.infer<typeof coverageTargets>;

export const getCoverageTargets = defineContract({
  method: 'GET',
  path: '/api/coverage/targets',
  access: 'orgs.read',
  tag: 'federation',
  summary: '本省的组织覆盖目标与有条件的县（默认为本人所在省）',
  query: z.object({ provinceId: z.coerce.number().int().positive().optional() }),
  response: coverageTargets,
});

export const setCoverageTargets = defineContract({
  method: 'PUT',
  path: '/api/coverage/targets/:provinceId',
  access: 'coverage.configure',
  tag: 'federation',
  summary: '设置本省的组织覆盖目标：起始日期、期限（2–3 年）、最低数量、有条件的县（仅省级）',
  params: z.object({ provinceId: z.coerce.number().int().positive() }),
  body: z.object({
    version: z.number().int().positive().nullable(),
    startDate: ymd('起始日期'),
    periodYears: z.number().int().min(2, '期限为 2 至 3 年').max(3, '期限为 2 至 3 年'),
    minMemberGroups: z.number().int().min(1, '至少 1 个').max(50),
    minLeagueSocieties: z.number().int().min(0).max(20),
    countyIds: z.array(z.number().int().positive()).max(500),
  }),
  response: coverageTargets,
});

export const supervisionRow = z.object({
  unit: z.object({
    id: z.number().int(),
    name: z.string(),
    level: z.enum(['city', 'county']),
    parentName: z.string().nullable(),
    provinceName: z.string(),
    keyContactCity: z.boolean(),
  }),
  memberGroups: z.number().int(),
  leagueSocieties: z.number().int(),
  minMemberGroups: z.number().int(),
  minLeagueSocieties: z.number().int(),
  met: z.boolean(),
  configured: z.boolean(),
  endDate: z.string().nullable(),
  /** Days from the counting date to the end of the period; negative once it has passed. */
  daysLeft: z.number().int().nullable(),
});
export type SupervisionRow = z.infer<typeof supervisionRow>;

export const SUPERVISION_SORTS = [
  'unit',
  'memberGroups',
  'leagueSocieties',
  'met',
  'daysLeft',
  '-unit',
  '-memberGroups',
  '-leagueSocieties',
  '-met',
  '-daysLeft',
] as const;

const supervisionQuery = z.object({
  unitId: z.coerce.number().int().positive().optional(),
  on: ymd('统计日期').optional(),
  met: z.enum(['true', 'false']).optional(),
  level: z.enum(['city', 'county']).optional(),
  sort: z.enum(SUPERVISION_SORTS).optional(),
});

export const coverageSupervision = defineContract({
  method: 'GET',
  path: '/api/coverage/supervision',
  access: 'orgs.read',
  tag: 'federation',
  summary: '覆盖督导：下级各地级市、有条件的县的会员团体数、团属新兴领域社团数、是否达标、剩余天数',
  query: pageQuery.omit({ sort: true }).extend(supervisionQuery.shape),
  response: pageOf(supervisionRow).extend({
    on: z.string(),
    unit: z.object({ id: z.number().int(), name: z.string() }),
    summary: z.object({ units: z.number().int(), met: z.number().int(), notMet: z.number().int() }),
  }),
});

export const exportSupervision = defineContract({
  method: 'GET',
  path: '/api/coverage/supervision/export',
  access: 'orgs.read',
  tag: 'federation',
  summary: '导出督导指标表（.xlsx，用于对下一级组织的工作评价）',
  query: supervisionQuery,
  response: z.unknown(),
  binary: true,
});
