import type { MyPairing, MyPairingDetail } from '../../../common/contracts/mentors-workspace';
import { GENDERS } from '../../../common/contracts/youth';
import { LOGGABLE_STATUSES } from '../../../common/contracts/mentors-pairings';
import * as mentors from './mentors.repo';
import * as repo from './mentors-pairings.repo';
import { addLog, historyOf, presentLog, type LogBody } from './mentors-pairings.service';
import type { MentorCtx } from './mentors.service';

/**
 * 我的结对: the mentor linked to the signed-in account and nothing else. The scope is the account
 * itself (mentors.user_id), never a unit: a pairing of another mentor is simply not found.
 */
const mine = (ctx: MentorCtx): repo.PairingScope => ({ mentorUserId: ctx.viewer.userId });

function present(r: repo.PairingRow): MyPairing {
  return {
    id: r.id,
    youth: {
      name: r.youthName,
      gender: r.youthGender ? (GENDERS[r.youthGender as keyof typeof GENDERS] ?? null) : null,
      category: r.category,
      occupation: r.occupation,
      dream: r.youthDream,
    },
    status: r.status,
    startDate: r.startDate,
    endDate: r.endDate,
    lastLogDate: r.lastLogDate,
    logCount: r.logCount,
    canLog: LOGGABLE_STATUSES.includes(r.status),
  };
}

export async function listMine(ctx: MentorCtx) {
  const mentor = await mentors.findMentorByUser(ctx.db, ctx.viewer.userId);
  if (!mentor) return { mentor: null, items: [] };
  const { rows } = await repo.listPairingRows(ctx.db, mine(ctx), {});
  return { mentor: { name: mentor.name, maxMentees: mentor.maxMentees }, items: rows.map(present) };
}

export async function getMine(ctx: MentorCtx, id: number): Promise<MyPairingDetail> {
  const row = await repo.findPairing(ctx.db, mine(ctx), id);
  return {
    ...present(row),
    goals: row.goals,
    unitName: row.unitName,
    events: await historyOf(ctx.db, id),
    logs: (await repo.logRows(ctx.db, id)).map(presentLog),
  };
}

export function addMine(ctx: MentorCtx, id: number, body: LogBody) {
  return addLog(ctx, mine(ctx), id, body);
}
