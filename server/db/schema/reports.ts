import { sql } from 'drizzle-orm';
import {
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { units } from './units';
import { users } from './accounts';
import { youth } from './youth';
import { files } from './files';

/**
 * 报送任务: an upper unit (unit_id) asks the units below for a report form for a period by a deadline,
 * optionally a different deadline per level (county → city → province). Opening it creates one
 * report_submissions row per unit that must answer, so expected, submitted and missing are rows.
 */
export const reportCollections = pgTable(
  'report_collections',
  {
    id: serial('id').primaryKey(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    form: text('form', { enum: ['roster', 'quarterly', 'news', 'case', 'annual'] }).notNull(),
    title: text('title').notNull(),
    year: integer('year').notNull(),
    /** 1–4 for quarterly reports. */
    quarter: smallint('quarter'),
    /** The period the figures are counted over. */
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    targetMode: text('target_mode', { enum: ['levels', 'key_cities', 'units'] }).notNull(),
    targetLevels: text('target_levels')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** The deadline of every level without its own. */
    deadline: date('deadline', { mode: 'string' }).notNull(),
    deadlineByLevel: jsonb('deadline_by_level')
      .$type<Partial<Record<'province' | 'city' | 'county', string>>>()
      .notNull()
      .default({}),
    instructions: text('instructions'),
    status: text('status', { enum: ['open', 'closed'] })
      .notNull()
      .default('open'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('report_collections_unit_idx').on(t.unitId, t.year)],
);

/**
 * One unit's answer to a collection. The reviewer is the nearest unit above it that opened the
 * collection or must answer it too (a city is reviewed by its province when both report, by the
 * centre when only the 71 cities do). Timeliness is judged on the first submission.
 */
export const reportSubmissions = pgTable(
  'report_submissions',
  {
    id: serial('id').primaryKey(),
    collectionId: integer('collection_id')
      .notNull()
      .references(() => reportCollections.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    reviewerUnitId: integer('reviewer_unit_id')
      .notNull()
      .references(() => units.id),
    deadline: date('deadline', { mode: 'string' }).notNull(),
    status: text('status', { enum: ['pending', 'draft', 'submitted', 'returned', 'accepted'] })
      .notNull()
      .default('pending'),
    /** Narrative fields of the form (工作进展、存在问题… / 标题、正文). */
    content: jsonb('content').$type<Record<string, string>>().notNull().default({}),
    /** Indicator rows: the system's count for the period, the value reported and why it differs. */
    figures: jsonb('figures')
      .$type<{ key: string; auto: number | null; value: number | null; explain?: string | null }[]>()
      .notNull()
      .default([]),
    figuresAt: timestamp('figures_at', { withTimezone: true }),
    /** Where the roster came from: the registry (本级及下级) or consolidated from accepted reports below. */
    rosterSource: text('roster_source', { enum: ['registry', 'consolidated'] }),
    rosterAt: timestamp('roster_at', { withTimezone: true }),
    /** Accepted reports of the units this one reviews, passed up with it. */
    consolidatedIds: integer('consolidated_ids')
      .array()
      .notNull()
      .default(sql`'{}'::int[]`),
    firstSubmittedAt: timestamp('first_submitted_at', { withTimezone: true }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    submittedBy: integer('submitted_by').references(() => users.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewedBy: integer('reviewed_by').references(() => users.id),
    returnCount: integer('return_count').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('report_submissions_collection_unit_key').on(t.collectionId, t.unitId),
    index('report_submissions_unit_idx').on(t.unitId, t.status),
    index('report_submissions_reviewer_idx').on(t.reviewerUnitId, t.status),
  ],
);

/** The history of a submission: saved, submitted, returned (with the comment), accepted. */
export const reportSubmissionEvents = pgTable(
  'report_submission_events',
  {
    id: serial('id').primaryKey(),
    submissionId: integer('submission_id')
      .notNull()
      .references(() => reportSubmissions.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    action: text('action', {
      enum: ['saved', 'submitted', 'resubmitted', 'returned', 'accepted', 'consolidated'],
    }).notNull(),
    comment: text('comment'),
    byUser: integer('by_user').references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('report_submission_events_submission_idx').on(t.submissionId, t.at)],
);

/**
 * The 花名册 as submitted: a snapshot of the key targets when it was generated, so an accepted roster
 * stays what was accepted while the registry moves on. ID number and phone stay encrypted (copied
 * ciphertext) and are masked on the way out like the registry's.
 */
export const reportRosterEntries = pgTable(
  'report_roster_entries',
  {
    id: serial('id').primaryKey(),
    submissionId: integer('submission_id')
      .notNull()
      .references(() => reportSubmissions.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    youthId: integer('youth_id').references(() => youth.id),
    seq: integer('seq').notNull(),
    /** The unit that keeps the person (a county, in a city's consolidated roster). */
    keptBy: text('kept_by').notNull(),
    name: text('name').notNull(),
    gender: text('gender', { enum: ['male', 'female'] }),
    ethnicity: text('ethnicity'),
    birthDate: date('birth_date', { mode: 'string' }),
    idNumberEnc: text('id_number_enc'),
    phoneEnc: text('phone_enc'),
    politicalStatus: text('political_status'),
    education: text('education'),
    category: text('category'),
    occupation: text('occupation'),
    platformOrg: text('platform_org'),
    worksAchievements: text('works_achievements'),
    remark: text('remark'),
  },
  (t) => [index('report_roster_entries_submission_idx').on(t.submissionId, t.seq)],
);

/** Photos and documents sent with a report (动态信息 pictures, a case's materials). */
export const reportSubmissionFiles = pgTable(
  'report_submission_files',
  {
    submissionId: integer('submission_id')
      .notNull()
      .references(() => reportSubmissions.id),
    fileId: integer('file_id')
      .notNull()
      .references(() => files.id),
  },
  (t) => [primaryKey({ columns: [t.submissionId, t.fileId] })],
);
