import { z } from 'zod';
import { defineContract, idParams } from '../contract';
import { logFields, mentorLog, pairingEvent, pairingStatus } from './mentors-pairings';

/**
 * 我的结对: what a 梦想导师 sees after signing in — their own pairings and mentees, nothing else.
 * Every route is `mentor.log` and scoped to the mentor linked to the signed-in account.
 */

export const myPairing = z.object({
  id: z.number().int(),
  youth: z.object({
    name: z.string(),
    gender: z.string().nullable(),
    category: z.string().nullable(),
    occupation: z.string().nullable(),
    dream: z.string().nullable(),
  }),
  status: pairingStatus,
  startDate: z.string(),
  endDate: z.string(),
  lastLogDate: z.string().nullable(),
  logCount: z.number().int(),
  canLog: z.boolean(),
});
export type MyPairing = z.infer<typeof myPairing>;

export const myPairingDetail = myPairing.extend({
  goals: z.string().nullable(),
  unitName: z.string(),
  events: z.array(pairingEvent),
  logs: z.array(mentorLog),
});
export type MyPairingDetail = z.infer<typeof myPairingDetail>;

export const listMyPairings = defineContract({
  method: 'GET',
  path: '/api/mentor-workspace/pairings',
  access: 'mentor.log',
  tag: 'mentors',
  summary: '我的结对（导师本人的培养对象）',
  response: z.object({
    mentor: z.object({ name: z.string(), maxMentees: z.number().int() }).nullable(),
    items: z.array(myPairing),
  }),
});

export const getMyPairing = defineContract({
  method: 'GET',
  path: '/api/mentor-workspace/pairings/:id',
  access: 'mentor.log',
  tag: 'mentors',
  summary: '我的结对详情与指导记录',
  params: idParams,
  response: myPairingDetail,
});

export const createMyLog = defineContract({
  method: 'POST',
  path: '/api/mentor-workspace/pairings/:id/logs',
  access: 'mentor.log',
  tag: 'mentors',
  summary: '导师填写指导记录',
  params: idParams,
  body: logFields,
  response: mentorLog,
});
