import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import { youthInteractions, youthStageChanges, youthTransfers } from '../../db/schema';
import type { Viewer } from '../../platform/access/viewer';
import { inScope } from '../../platform/access/scope';
import { notFound } from '../../platform/http/errors';

type Scope = Pick<Viewer, 'unitPath'>;
type Stage = 'contact' | 'key';

export type InteractionRow = {
  id: number;
  youthId: number;
  date: string;
  way: string;
  contactedBy: string;
  summary: string;
  followUpNeeded: boolean;
  followUpNote: string | null;
  unitId: number;
  unitName: string;
  createdAt: Date | string;
};

const INTERACTION_SELECT = sql`select i.id, i.youth_id as "youthId", i.date::text as date, i.way,
  i.contacted_by as "contactedBy", i.summary, i.follow_up_needed as "followUpNeeded",
  i.follow_up_note as "followUpNote", i.unit_id as "unitId", u.name as "unitName", i.created_at as "createdAt"
  from youth_interactions i join units u on u.id = i.unit_id`;

/** The whole history of the person, also what earlier keeping units logged (history follows the record). */
export function listInteractionRows(db: Db, youthId: number): Promise<InteractionRow[]> {
  return queryRows<InteractionRow>(
    db,
    sql`${INTERACTION_SELECT} where i.youth_id = ${youthId} order by i.date desc, i.id desc`,
  );
}

export async function insertInteraction(
  db: Db,
  values: typeof youthInteractions.$inferInsert,
): Promise<InteractionRow> {
  const [row] = await db.insert(youthInteractions).values(values).returning({ id: youthInteractions.id });
  const rows = await queryRows<InteractionRow>(db, sql`${INTERACTION_SELECT} where i.id = ${row.id}`);
  return rows[0];
}

/** The latest contact wins; an older record logged late does not move it back. Not a profile edit: no version bump. */
export async function touchLastContact(db: Db, youthId: number, date: string): Promise<void> {
  await db.execute(
    sql`update youth set last_contact_at = greatest(coalesce(last_contact_at, '-infinity'::timestamptz),
        ${date + 'T00:00:00+08:00'}::timestamptz) where id = ${youthId}`,
  );
}

export type ProposalRow = {
  id: number;
  youthId: number;
  youthName: string;
  youthUnitId: number;
  unitId: number;
  unitName: string;
  fromStage: Stage;
  toStage: Stage;
  reason: string;
  proposedById: number;
  proposedBy: string;
  proposedAt: Date | string;
  status: 'pending' | 'approved' | 'rejected';
  reviewedBy: string | null;
  reviewedAt: Date | string | null;
  reviewComment: string | null;
};

const PROPOSAL_SELECT = sql`select p.id, p.youth_id as "youthId", y.name as "youthName", y.unit_id as "youthUnitId",
  y.unit_id as "unitId", u.name as "unitName", p.from_stage as "fromStage", p.to_stage as "toStage", p.reason,
  p.proposed_by as "proposedById", pu.display_name as "proposedBy", p.proposed_at as "proposedAt", p.status,
  ru.display_name as "reviewedBy", p.reviewed_at as "reviewedAt", p.review_comment as "reviewComment"
  from youth_stage_changes p join youth y on y.id = p.youth_id join units u on u.id = y.unit_id
  join users pu on pu.id = p.proposed_by left join users ru on ru.id = p.reviewed_by`;

/** Scoped by the record's current keeping unit: its reviewers (or those above) decide. */
export async function findProposal(db: Db, scope: Scope, id: number, lock = false): Promise<ProposalRow> {
  const rows = await queryRows<ProposalRow>(
    db,
    sql`${PROPOSAL_SELECT} where p.id = ${id} and ${inScope(sql`y.unit_id`, scope)} ${lock ? sql`for update of p` : sql``}`,
  );
  if (!rows[0]) throw notFound('阶段调整申请');
  return rows[0];
}

export function pendingProposalFor(db: Db, youthId: number) {
  return queryRows<{ id: number; toStage: Stage; reason: string; proposedAt: Date | string }>(
    db,
    sql`select id, to_stage as "toStage", reason, proposed_at as "proposedAt" from youth_stage_changes
        where youth_id = ${youthId} and status = 'pending'`,
  ).then((r) => r[0] ?? null);
}

export async function listProposals(
  db: Db,
  scope: Scope,
  status: ProposalRow['status'],
  limit: number,
  offset: number,
): Promise<{ rows: ProposalRow[]; total: number }> {
  const where = sql`p.status = ${status} and ${inScope(sql`y.unit_id`, scope)}`;
  const [rows, count] = await Promise.all([
    queryRows<ProposalRow>(
      db,
      sql`${PROPOSAL_SELECT} where ${where} order by p.proposed_at desc, p.id desc limit ${limit} offset ${offset}`,
    ),
    queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from youth_stage_changes p join youth y on y.id = p.youth_id where ${where}`,
    ),
  ]);
  return { rows, total: count[0].n };
}

export async function insertProposal(db: Db, values: typeof youthStageChanges.$inferInsert): Promise<number> {
  const [row] = await db.insert(youthStageChanges).values(values).returning({ id: youthStageChanges.id });
  return row.id;
}

export async function decideProposal(
  db: Db,
  id: number,
  values: { status: 'approved' | 'rejected'; reviewedBy: number; comment: string | null },
): Promise<void> {
  await db.execute(
    sql`update youth_stage_changes set status = ${values.status}, reviewed_by = ${values.reviewedBy},
        reviewed_at = now(), review_comment = ${values.comment} where id = ${id}`,
  );
}

export async function setStage(db: Db, youthId: number, stage: Stage): Promise<void> {
  await db.execute(
    sql`update youth set stage = ${stage}, version = version + 1, updated_at = now() where id = ${youthId}`,
  );
}

export type TransferRow = {
  id: number;
  youthId: number;
  youthName: string;
  youthUnitPath: string;
  fromUnitId: number;
  fromUnitName: string;
  fromUnitPath: string;
  toUnitId: number;
  toUnitName: string;
  toUnitPath: string;
  initiatedBy: 'from' | 'to';
  reason: string;
  requestedBy: string;
  requestedAt: Date | string;
  status: 'pending' | 'accepted' | 'rejected' | 'cancelled';
  decidedBy: string | null;
  decidedAt: Date | string | null;
  note: string | null;
};

const TRANSFER_SELECT = sql`select t.id, t.youth_id as "youthId", y.name as "youthName", yu.path as "youthUnitPath",
  t.from_unit_id as "fromUnitId", fu.name as "fromUnitName", fu.path as "fromUnitPath",
  t.to_unit_id as "toUnitId", tu.name as "toUnitName", tu.path as "toUnitPath", t.initiated_by as "initiatedBy",
  t.reason, ru.display_name as "requestedBy", t.requested_at as "requestedAt", t.status,
  du.display_name as "decidedBy", t.decided_at as "decidedAt", t.note
  from youth_transfers t join youth y on y.id = t.youth_id join units yu on yu.id = y.unit_id
  join units fu on fu.id = t.from_unit_id join units tu on tu.id = t.to_unit_id
  join users ru on ru.id = t.requested_by left join users du on du.id = t.decided_by`;

/** A transfer concerns both sides: visible to the subtree of either unit. */
const transferInScope = (scope: Scope) =>
  sql`(fu.path like ${scope.unitPath + '%'} or tu.path like ${scope.unitPath + '%'})`;

export async function findTransfer(db: Db, scope: Scope, id: number, lock = false): Promise<TransferRow> {
  const rows = await queryRows<TransferRow>(
    db,
    sql`${TRANSFER_SELECT} where t.id = ${id} and ${transferInScope(scope)} ${lock ? sql`for update of t` : sql``}`,
  );
  if (!rows[0]) throw notFound('转接申请');
  return rows[0];
}

export async function listTransferRows(
  db: Db,
  scope: Scope,
  f: {
    status: TransferRow['status'];
    direction: 'all' | 'incoming' | 'outgoing';
    limit: number;
    offset: number;
  },
): Promise<{ rows: TransferRow[]; total: number }> {
  const side = {
    all: transferInScope(scope),
    incoming: sql`tu.path like ${scope.unitPath + '%'}`,
    outgoing: sql`fu.path like ${scope.unitPath + '%'}`,
  }[f.direction];
  const where = sql`t.status = ${f.status} and ${side}`;
  const [rows, count] = await Promise.all([
    queryRows<TransferRow>(
      db,
      sql`${TRANSFER_SELECT} where ${where} order by t.requested_at desc, t.id desc limit ${f.limit} offset ${f.offset}`,
    ),
    queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from youth_transfers t join units fu on fu.id = t.from_unit_id
          join units tu on tu.id = t.to_unit_id where ${where}`,
    ),
  ]);
  return { rows, total: count[0].n };
}

export function pendingTransferFor(db: Db, youthId: number) {
  return queryRows<{ id: number }>(
    db,
    sql`select id from youth_transfers where youth_id = ${youthId} and status = 'pending'`,
  ).then((r) => r[0]?.id ?? null);
}

export async function insertTransfer(db: Db, values: typeof youthTransfers.$inferInsert): Promise<number> {
  const [row] = await db.insert(youthTransfers).values(values).returning({ id: youthTransfers.id });
  return row.id;
}

export async function closeTransfer(
  db: Db,
  id: number,
  values: { status: 'accepted' | 'rejected' | 'cancelled'; decidedBy: number; note: string | null },
): Promise<void> {
  await db.execute(
    sql`update youth_transfers set status = ${values.status}, decided_by = ${values.decidedBy},
        decided_at = now(), note = ${values.note} where id = ${id}`,
  );
}

/** Moves the record to its new keeping unit; the row's history (contacts, stages, transfers) stays attached. */
export async function moveYouth(
  db: Db,
  youthId: number,
  fromUnitId: number,
  toUnitId: number,
): Promise<boolean> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`update youth set unit_id = ${toUnitId}, version = version + 1, updated_at = now()
        where id = ${youthId} and unit_id = ${fromUnitId} returning id`,
  );
  return rows.length === 1;
}

export type TimelineRow = {
  at: Date | string;
  kind:
    | 'created'
    | 'interaction'
    | 'stage'
    | 'transfer'
    | 'attachment'
    | 'training'
    | 'mentoring'
    | 'event'
    | 'signup'
    | 'consent'
    | 'work'
    | 'story';
  event: string;
  fromStage: Stage | null;
  toStage: Stage | null;
  detail: string | null;
  by: string | null;
  fromUnit: string | null;
  toUnit: string | null;
  /** What the entry is about: the class, the mentor, the event. */
  subject: string | null;
  /** Recorded as a calendar date, not a moment (a contact, an event, a guidance log). */
  dateOnly: boolean;
};

/**
 * The works the person entered, alone or in a group (w is the work). A recommended entry carries the same
 * work upward, so its scores, award and recommendation are the person's too.
 */
const personWorks = (youthId: number) =>
  sql`w.id in (select we.work_id from work_entrants we where we.youth_id = ${youthId})`;

/** A calendar date as the first moment of that day in Beijing. */
const beijingDay = (column: SQL) => sql`(${column}::text || 'T00:00:00+08:00')::timestamptz`;

/**
 * Newest first by Beijing calendar day; within a day, in the order things were recorded (a contact
 * dated today but logged after the registration comes after it). Training, pairings and events are
 * read from their modules' tables: the person's whole path in one list.
 */
export function timelineRows(db: Db, youthId: number): Promise<TimelineRow[]> {
  return queryRows<TimelineRow>(
    db,
    sql`select * from (
      select y.created_at as at, 'created' as kind, 'created' as event, null as "fromStage", null as "toStage",
             null as detail, cu.display_name as by, null as "fromUnit", null as "toUnit", null as subject,
             false as "dateOnly", y.created_at as recorded
        from youth y left join users cu on cu.id = y.created_by where y.id = ${youthId}
      union all
      select ${beijingDay(sql`i.date`)}, 'interaction', i.way, null, null, i.summary,
             i.contacted_by, null, null, null, true, i.created_at
        from youth_interactions i where i.youth_id = ${youthId}
      union all
      select p.proposed_at, 'stage', 'proposed', p.from_stage, p.to_stage, p.reason, pu.display_name, null, null,
             null, false, p.proposed_at
        from youth_stage_changes p join users pu on pu.id = p.proposed_by where p.youth_id = ${youthId}
      union all
      select p.reviewed_at, 'stage', p.status, p.from_stage, p.to_stage, p.review_comment, ru.display_name, null, null,
             null, false, p.reviewed_at
        from youth_stage_changes p join users ru on ru.id = p.reviewed_by
        where p.youth_id = ${youthId} and p.reviewed_at is not null
      union all
      select t.requested_at, 'transfer', 'requested', null, null, t.reason, ru.display_name, fu.name, tu.name,
             null, false, t.requested_at
        from youth_transfers t join users ru on ru.id = t.requested_by
        join units fu on fu.id = t.from_unit_id join units tu on tu.id = t.to_unit_id where t.youth_id = ${youthId}
      union all
      select t.decided_at, 'transfer', t.status, null, null, t.note, du.display_name, fu.name, tu.name,
             null, false, t.decided_at
        from youth_transfers t join users du on du.id = t.decided_by
        join units fu on fu.id = t.from_unit_id join units tu on tu.id = t.to_unit_id
        where t.youth_id = ${youthId} and t.decided_at is not null
      union all
      select a.created_at, 'attachment', a.kind, null, null, f.name || coalesce('（' || a.note || '）', ''),
             au.display_name, null, null, null, false, a.created_at
        from youth_attachments a join files f on f.id = a.file_id left join users au on au.id = a.created_by
        where a.youth_id = ${youthId} and a.deleted_at is null
      union all
      select e.created_at, 'training', 'enrolled', null, null, cu.name, eu.display_name, null, null,
             c.title, false, e.created_at
        from training_enrolments e join training_classes c on c.id = e.class_id join units cu on cu.id = c.unit_id
        left join users eu on eu.id = e.created_by where e.youth_id = ${youthId}
      union all
      select e.completed_at, 'training', 'completed', null, null, null, null, null, null,
             c.title, false, e.completed_at
        from training_enrolments e join training_classes c on c.id = e.class_id
        where e.youth_id = ${youthId} and e.completed_at is not null and e.status = 'completed'
      union all
      select mp.created_at, 'mentoring', 'created', null, null, mp.goals, pu.display_name, null, null,
             m.name, false, mp.created_at
        from mentor_pairings mp join mentors m on m.id = mp.mentor_id left join users pu on pu.id = mp.created_by
        where mp.youth_id = ${youthId}
      union all
      select ${beijingDay(sql`mp.signed_on`)}, 'mentoring', 'signed', null, null,
             '协议期限 ' || mp.start_date::text || ' 至 ' || mp.end_date::text, null, null, null,
             m.name, true, mp.updated_at
        from mentor_pairings mp join mentors m on m.id = mp.mentor_id
        where mp.youth_id = ${youthId} and mp.signed_on is not null
      union all
      select ${beijingDay(sql`mp.ended_on`)}, 'mentoring', mp.status, null, null, mp.end_reason, null, null, null,
             m.name, true, mp.updated_at
        from mentor_pairings mp join mentors m on m.id = mp.mentor_id
        where mp.youth_id = ${youthId} and mp.ended_on is not null and mp.status in ('completed', 'terminated')
      union all
      select ${beijingDay(sql`l.date`)}, 'mentoring', 'log', null, null,
             l.way || '：' || l.content || coalesce(chr(10) || '下一步：' || l.next_steps, ''),
             lu.display_name, null, null, m.name, true, l.created_at
        from mentor_logs l join mentor_pairings mp on mp.id = l.pairing_id join mentors m on m.id = mp.mentor_id
        left join users lu on lu.id = l.entered_by where mp.youth_id = ${youthId}
      union all
      select ${beijingDay(sql`e.date`)}, 'event', case when p.signed_in then 'attended' else 'registered' end,
             null, null, concat_ws(' · ', u.name, e.place), null, null, null,
             e.kind || '「' || e.title || '」', true, coalesce(p.signed_at, e.created_at)
        from youth_event_participants p join youth_events e on e.id = p.event_id join units u on u.id = e.unit_id
        where p.youth_id = ${youthId}
      union all
      select s.created_at, 'signup', 'submitted', null, null, '渠道：' || s.channel, null, null, null,
             sp.title, false, s.created_at
        from signups s join signup_pages sp on sp.id = s.page_id where s.youth_id = ${youthId}
      union all
      select s.decided_at, 'signup', s.status, null, null, null, du.display_name, null, null,
             sp.title, false, s.decided_at
        from signups s join signup_pages sp on sp.id = s.page_id left join users du on du.id = s.decided_by
        where s.youth_id = ${youthId} and s.decided_at is not null and s.status in ('accepted', 'merged')
      union all
      select c.given_at, 'consent', c.purpose, null, null,
             concat_ws(' · ', '第 ' || c.notice_version || ' 版', '渠道：' || c.channel,
                       case when c.guardian_name is not null then '监护人：' || c.guardian_name
                            || coalesce('（' || c.guardian_relation || '）', '') end),
             null, null, null, null, false, c.given_at
        from consent_records c where c.youth_id = ${youthId}
      union all
      select c.withdrawn_at, 'consent', 'withdrawn', null, null, '渠道：' || coalesce(c.withdrawn_channel, '回执码'),
             null, null, null, null, false, c.withdrawn_at
        from consent_records c where c.youth_id = ${youthId} and c.withdrawn_at is not null
      union all
      select w.created_at, 'work', ce.status, null, null,
             concat_ws(' · ', '作品《' || w.title || '》',
                       '类别：' || (select x->>'label' from jsonb_array_elements(c.categories) x
                                    where x->>'key' = w.category_key limit 1)),
             null, null, null, c.title, false, w.created_at
        from works w join call_entries ce on ce.work_id = w.id and ce.origin = 'public'
        join calls c on c.id = ce.call_id where ${personWorks(youthId)}
      union all
      select r.closed_at, 'work', 'scored', null, null,
             concat_ws(' · ', r.name || '：' || trim_scale(round(re.score, 2))::text || ' 分',
                       '排名第 ' || re.rank), null, null, null, c.title, false, r.closed_at
        from round_entries re join call_rounds r on r.id = re.round_id and r.status = 'closed'
        join call_entries ce on ce.id = re.entry_id join calls c on c.id = ce.call_id
        join works w on w.id = ce.work_id
        where ${personWorks(youthId)} and re.score is not null and r.closed_at is not null
      union all
      select c.awards_final_at, 'work', 'awarded', null, null,
             coalesce((select x->>'label' from jsonb_array_elements(c.award_levels) x
                        where x->>'key' = ce.award_level_key limit 1), ce.award_level_key)
               || ' · 作品《' || w.title || '》',
             null, null, null, c.title, false, c.awards_final_at
        from call_entries ce join calls c on c.id = ce.call_id join works w on w.id = ce.work_id
        where ${personWorks(youthId)} and ce.award_level_key is not null and c.awards_final_at is not null
      union all
      select coalesce(ce.recommended_at, ce.created_at), 'work', 'recommended', null, null,
             concat_ws(' · ', '作品《' || w.title || '》', '由' || coalesce(bu.name, '') || '从「' || sc.title || '」推荐',
                       ce.recommend_note),
             ru.display_name, null, null, c.title, false, ce.created_at
        from call_entries ce join calls c on c.id = ce.call_id join works w on w.id = ce.work_id
        join call_entries se on se.id = ce.source_entry_id join calls sc on sc.id = se.call_id
        left join units bu on bu.id = ce.recommended_by_unit_id left join users ru on ru.id = ce.recommended_by
        where ${personWorks(youthId)} and ce.origin = 'recommended'
      union all
      select s.published_at, 'story', s.status, null, null,
             concat_ws(' · ', su.name, case s.status when 'withdrawn' then '已下线' end),
             pu.display_name, null, null, s.title, false, s.published_at
        from stories s join units su on su.id = s.unit_id left join users pu on pu.id = s.published_by
        where s.published_at is not null and (s.youth_id = ${youthId} or s.entry_id in (
          select ce.id from call_entries ce join works w on w.id = ce.work_id where ${personWorks(youthId)}))
    ) e order by ((e.at at time zone 'UTC') + interval '8 hours')::date desc, e.recorded desc`,
  );
}
