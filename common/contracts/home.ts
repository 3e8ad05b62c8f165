import { z } from 'zod';
import { defineContract } from '../contract';

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
