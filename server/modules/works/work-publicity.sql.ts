import { sql } from 'drizzle-orm';

const consent = (active: boolean, guardian = false) =>
  sql`exists (select 1 from consent_records cr where cr.subject_kind = 'work' and cr.subject_id = w.id
        and cr.purpose = 'publicity' and cr.subject_position = we.position
        and cr.withdrawn_at is ${active ? sql`null` : sql`not null`}
        ${guardian ? sql`and cr.guardian_name is not null` : sql``})`;

/**
 * Why a work may not be shown in public now, or null when it may: the one test behind the unit's showcase
 * and a story's 作品公开展示授权 ground. An SQL expression over alias w (the work) and e (its call entry),
 * read at query time, so a work withdrawn or a publicity consent taken back leaves every public page at once:
 * the work is active, its publicity consent given, no entrant's publicity consent withdrawn without a newer
 * one, and every entrant under 14 has the guardian's publicity consent on record.
 */
export const WORK_PUBLICITY_PROBLEM = sql`case
  when w.status = 'withdrawn' or e.status = 'withdrawn' then 'work_withdrawn'
  when not w.publicity_consent then 'no_publicity'
  when exists (select 1 from work_entrants we where we.work_id = w.id
    and ${consent(false)} and not ${consent(true)}) then 'consent_withdrawn'
  when exists (select 1 from work_entrants we where we.work_id = w.id
    and we.age_band = 'child' and not ${consent(true, true)}) then 'child_no_guardian'
  else null end`;

export type WorkPublicityProblem =
  'work_withdrawn' | 'no_publicity' | 'consent_withdrawn' | 'child_no_guardian';
