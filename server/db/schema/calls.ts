import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { units } from './units';
import { users } from './accounts';
import { dictItems } from './dictionaries';
import { files } from './files';
import { youth } from './youth';

/** What an entrant may upload for a category (checked by content, never by name). */
export type CallFileKind = 'image' | 'pdf' | 'audio' | 'video' | 'text' | 'document';

export type CallCategory = {
  /** Stable key within the call (e.g. 'calligraphy'); entries keep it. */
  key: string;
  label: string;
  kinds: CallFileKind[];
  maxFiles: number;
  /** Per file, in MB. */
  maxMb: number;
  note?: string;
};

/** One scoring criterion: a judge scores 0..maxScore; the weights of a rubric add up to 100. */
export type CallCriterion = {
  key: string;
  label: string;
  weight: number;
  maxScore: number;
  description: string;
};

/** 一等奖、二等奖… or the unit's own levels, best first; count = how many of that level. */
export type CallAwardLevel = { key: string; label: string; count: number };

/**
 * 作品征集 / 比赛: one unit's call. Public address /m/c/<slug>. A call may name the higher unit's call it
 * recommends to (parent_call_id); the higher call says how many works each lower call may send it
 * (recommend_quota): the quota is the receiving level's to set.
 */
export const calls = pgTable(
  'calls',
  {
    id: serial('id').primaryKey(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    slug: text('slug').notNull().unique(),
    title: text('title').notNull(),
    theme: text('theme').notNull().default(''),
    rules: text('rules').notNull().default(''),
    categories: jsonb('categories').$type<CallCategory[]>().notNull(),
    rubric: jsonb('rubric').$type<CallCriterion[]>().notNull(),
    awardLevels: jsonb('award_levels').$type<CallAwardLevel[]>().notNull(),
    ageMin: integer('age_min').notNull().default(16),
    ageMax: integer('age_max').notNull().default(35),
    allowGroups: boolean('allow_groups').notNull().default(true),
    maxGroupSize: integer('max_group_size').notNull().default(5),
    /** draft: being prepared; published: on the public site (entries accepted between opens_at and closes_at); finished. */
    status: text('status', { enum: ['draft', 'published', 'finished'] })
      .notNull()
      .default('draft'),
    opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    parentCallId: integer('parent_call_id').references((): AnyPgColumn => calls.id),
    recommendQuota: integer('recommend_quota').notNull().default(0),
    /** 公示: how many days the results stay on the public site for objections before they are final. */
    publicityDays: integer('publicity_days').notNull().default(7),
    publicityStartsAt: timestamp('publicity_starts_at', { withTimezone: true }),
    publicityEndsAt: timestamp('publicity_ends_at', { withTimezone: true }),
    awardsFinalAt: timestamp('awards_final_at', { withTimezone: true }),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('calls_unit_idx').on(t.unitId, t.status), index('calls_parent_idx').on(t.parentCallId)],
);

/**
 * A work as submitted on the public site, once; it enters its own call and may travel upward
 * (call_entries). unit_id is the unit of the call it was first entered in (scope).
 */
export const works = pgTable(
  'works',
  {
    id: serial('id').primaryKey(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    callId: integer('call_id')
      .notNull()
      .references(() => calls.id),
    /** Blind index of the receipt code (kind 'receipt'), as for sign-ups. */
    receiptIdx: text('receipt_idx').notNull().unique(),
    title: text('title').notNull(),
    categoryKey: text('category_key').notNull(),
    description: text('description').notNull().default(''),
    /** A group entry's name (乐队、剧社…); null for a single entrant. */
    groupName: text('group_name'),
    /** The statement of originality, affirmed on submission. */
    originalityAt: timestamp('originality_at', { withTimezone: true }).notNull(),
    /** Publicity consent (separate from the registration consent): may the work be shown in public. */
    publicityConsent: boolean('publicity_consent').notNull().default(false),
    channel: text('channel').notNull(),
    status: text('status', { enum: ['active', 'withdrawn'] })
      .notNull()
      .default('active'),
    selfEditedAt: timestamp('self_edited_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('works_call_idx').on(t.callId), index('works_unit_idx').on(t.unitId)],
);

/**
 * The people behind a work: position 0 is the lead entrant (the contact). ID number and phone as in the
 * registry. matched_youth_id: the registry record found by blind index on submission; youth_id: the record
 * the entrant is linked to after a cadre's review (matched, or created as 联系对象).
 */
export const workEntrants = pgTable(
  'work_entrants',
  {
    id: serial('id').primaryKey(),
    workId: integer('work_id')
      .notNull()
      .references(() => works.id),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    gender: text('gender', { enum: ['male', 'female'] }),
    birthDate: date('birth_date', { mode: 'string' }),
    idNumberEnc: text('id_number_enc'),
    idNumberIdx: text('id_number_idx'),
    phoneEnc: text('phone_enc'),
    phoneIdx: text('phone_idx'),
    placeUnitId: integer('place_unit_id').references(() => units.id),
    categoryId: integer('category_id').references(() => dictItems.id),
    ageBand: text('age_band', { enum: ['adult', 'minor', 'child'] }).notNull(),
    matchedYouthId: integer('matched_youth_id').references(() => youth.id),
    youthId: integer('youth_id').references(() => youth.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('work_entrants_work_position_key').on(t.workId, t.position),
    index('work_entrants_youth_idx').on(t.youthId),
    index('work_entrants_id_number_idx').on(t.idNumberIdx),
    index('work_entrants_phone_idx').on(t.phoneIdx),
  ],
);

/** A work's files in the file store. Judges see them under a neutral label, never the entrant's file name. */
export const workFiles = pgTable(
  'work_files',
  {
    id: serial('id').primaryKey(),
    workId: integer('work_id')
      .notNull()
      .references(() => works.id),
    fileId: integer('file_id')
      .notNull()
      .references(() => files.id),
    kind: text('kind', { enum: ['image', 'pdf', 'audio', 'video', 'text', 'document'] }).notNull(),
    position: integer('position').notNull(),
    /** Metadata (EXIF, document author…) removed before storing, where the format allows. */
    scrubbed: boolean('scrubbed').notNull().default(false),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('work_files_work_idx').on(t.workId)],
);

/**
 * A work in one call. The entrant's own call has origin 'public'; a lower unit's recommendation adds an
 * entry to the higher call with origin 'recommended', pointing at the lower entry (source_entry_id), so each
 * level keeps its own review, scores and award. unit_id is the call's unit (scope).
 */
export const callEntries = pgTable(
  'call_entries',
  {
    id: serial('id').primaryKey(),
    callId: integer('call_id')
      .notNull()
      .references(() => calls.id),
    workId: integer('work_id')
      .notNull()
      .references(() => works.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    /** The number judges know the entry by (作品 0007), per call. */
    entryNo: integer('entry_no').notNull(),
    origin: text('origin', { enum: ['public', 'recommended'] }).notNull(),
    sourceEntryId: integer('source_entry_id').references((): AnyPgColumn => callEntries.id),
    recommendedByUnitId: integer('recommended_by_unit_id').references(() => units.id),
    recommendedBy: integer('recommended_by').references(() => users.id),
    recommendedAt: timestamp('recommended_at', { withTimezone: true }),
    recommendNote: text('recommend_note'),
    /** 形式审查: only eligible entries are judged. */
    status: text('status', {
      enum: ['submitted', 'eligible', 'incomplete', 'ineligible', 'duplicate', 'withdrawn'],
    })
      .notNull()
      .default('submitted'),
    reviewReason: text('review_reason'),
    reviewedBy: integer('reviewed_by').references(() => users.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    /** Marked by the organiser: the work itself reveals who made it, so it is kept out of blind judging. */
    identifying: boolean('identifying').notNull().default(false),
    identifyingNote: text('identifying_note'),
    /** The last closed round's aggregate, the basis of awards and recommendation. */
    finalScore: numeric('final_score', { mode: 'number' }),
    awardLevelKey: text('award_level_key'),
    awardedAt: timestamp('awarded_at', { withTimezone: true }),
    /** Random code printed on the certificate; /m/v/<code> verifies it. */
    certificateCode: text('certificate_code').unique(),
    certificateIssuedAt: timestamp('certificate_issued_at', { withTimezone: true }),
    /** Chosen for the unit's public showcase (needs the work's publicity consent). */
    showcased: boolean('showcased').notNull().default(false),
    showcasedAt: timestamp('showcased_at', { withTimezone: true }),
    showcasedBy: integer('showcased_by').references(() => users.id),
    /** 推荐语 shown with the work on the unit's public page. */
    showcaseNote: text('showcase_note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('call_entries_call_work_key').on(t.callId, t.workId),
    uniqueIndex('call_entries_call_no_key').on(t.callId, t.entryNo),
    index('call_entries_call_status_idx').on(t.callId, t.status, t.id),
    index('call_entries_source_idx').on(t.sourceEntryId),
    index('call_entries_unit_idx').on(t.unitId),
    index('call_entries_showcase_idx')
      .on(t.unitId, t.showcasedAt)
      .where(sql`${t.showcased}`),
  ],
);

/** A judging round: its judges, how works are assigned, how scores are combined, who goes on. */
export const callRounds = pgTable(
  'call_rounds',
  {
    id: serial('id').primaryKey(),
    callId: integer('call_id')
      .notNull()
      .references(() => calls.id),
    seq: integer('seq').notNull(),
    name: text('name').notNull(),
    /** setup: judges and assignment; scoring: judges score; closed: aggregated and ranked. */
    status: text('status', { enum: ['setup', 'scoring', 'closed'] })
      .notNull()
      .default('setup'),
    judgesPerWork: integer('judges_per_work').notNull().default(3),
    /** null: no cap beyond balance. */
    maxPerJudge: integer('max_per_judge'),
    /** Judges are assigned within the categories they are listed for. */
    byCategory: boolean('by_category').notNull().default(true),
    aggregation: text('aggregation', { enum: ['mean', 'median', 'trimmed'] })
      .notNull()
      .default('mean'),
    /** For the trimmed mean: how many highest and lowest scores are dropped. */
    trimCount: integer('trim_count').notNull().default(1),
    /** Judges disagreeing by more than this (on the 100-point total) flags the work. */
    spreadThreshold: numeric('spread_threshold', { mode: 'number' }).notNull().default(20),
    /** Who goes on to the next round: the top N, or a score cut. */
    advanceKind: text('advance_kind', { enum: ['top', 'cut'] }),
    advanceValue: numeric('advance_value', { mode: 'number' }),
    openedAt: timestamp('opened_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('call_rounds_call_seq_key').on(t.callId, t.seq)],
);

/** A round's panel: accounts with the 评委 role, each for some categories (empty = all). */
export const roundJudges = pgTable(
  'round_judges',
  {
    roundId: integer('round_id')
      .notNull()
      .references(() => callRounds.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    categoryKeys: text('category_keys')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.userId] })],
);

/** The entries a round judges, with their aggregate once the round is closed. */
export const roundEntries = pgTable(
  'round_entries',
  {
    roundId: integer('round_id')
      .notNull()
      .references(() => callRounds.id),
    entryId: integer('entry_id')
      .notNull()
      .references(() => callEntries.id),
    score: numeric('score', { mode: 'number' }),
    spread: numeric('spread', { mode: 'number' }),
    rank: integer('rank'),
    advanced: boolean('advanced').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.entryId] })],
);

/**
 * Conflicts of interest: declared by the judge, derived from data (the judge is the entrant's mentor in
 * a pairing; the judge's unit is the entrant's), or set by the organiser. A conflicted judge is never
 * assigned the entry and never sees it.
 */
export const judgeConflicts = pgTable(
  'judge_conflicts',
  {
    id: serial('id').primaryKey(),
    callId: integer('call_id')
      .notNull()
      .references(() => calls.id),
    judgeUserId: integer('judge_user_id')
      .notNull()
      .references(() => users.id),
    entryId: integer('entry_id')
      .notNull()
      .references(() => callEntries.id),
    source: text('source', { enum: ['declared', 'mentor', 'unit', 'organiser'] }).notNull(),
    reason: text('reason').notNull().default(''),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('judge_conflicts_key').on(t.callId, t.judgeUserId, t.entryId, t.source),
    index('judge_conflicts_entry_idx').on(t.entryId),
  ],
);

/** One judge's score sheet for one entry in one round. */
export const judgeAssignments = pgTable(
  'judge_assignments',
  {
    id: serial('id').primaryKey(),
    roundId: integer('round_id')
      .notNull()
      .references(() => callRounds.id),
    entryId: integer('entry_id')
      .notNull()
      .references(() => callEntries.id),
    judgeUserId: integer('judge_user_id')
      .notNull()
      .references(() => users.id),
    /** assigned → submitted; abstained (with a reason); rescore: the organiser asked for another look. */
    status: text('status', { enum: ['assigned', 'submitted', 'abstained', 'rescore'] })
      .notNull()
      .default('assigned'),
    /** criterion key → score */
    scores: jsonb('scores').$type<Record<string, number>>().notNull().default({}),
    /** Weighted total on 100. */
    total: numeric('total', { mode: 'number' }),
    comment: text('comment').notNull().default(''),
    abstainReason: text('abstain_reason'),
    rescoreNote: text('rescore_note'),
    rescoreRequestedAt: timestamp('rescore_requested_at', { withTimezone: true }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('judge_assignments_key').on(t.roundId, t.entryId, t.judgeUserId),
    index('judge_assignments_judge_idx').on(t.judgeUserId, t.roundId),
  ],
);

/** Objections raised against published results during 公示, and how the organiser answered them. */
export const callObjections = pgTable(
  'call_objections',
  {
    id: serial('id').primaryKey(),
    callId: integer('call_id')
      .notNull()
      .references(() => calls.id),
    entryId: integer('entry_id').references(() => callEntries.id),
    content: text('content').notNull(),
    contactName: text('contact_name').notNull(),
    contactPhoneEnc: text('contact_phone_enc'),
    ipAnon: text('ip_anon').notNull(),
    status: text('status', { enum: ['open', 'upheld', 'dismissed'] })
      .notNull()
      .default('open'),
    response: text('response'),
    handledBy: integer('handled_by').references(() => users.id),
    handledAt: timestamp('handled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('call_objections_call_idx').on(t.callId, t.status)],
);
