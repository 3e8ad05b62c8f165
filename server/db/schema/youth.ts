import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { units } from './units';
import { users } from './accounts';
import { dictItems } from './dictionaries';
import { files } from './files';

export type OnlineAccount = { platform: string; handle: string; followers: number | null };

/**
 * 新兴青年: one row per person, kept by one unit (unit_id). ID number and phone are stored only
 * encrypted (*_enc) plus a keyed blind index (*_idx) for exact search and duplicate detection.
 */
export const youth = pgTable(
  'youth',
  {
    id: serial('id').primaryKey(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    name: text('name').notNull(),
    namePinyin: text('name_pinyin').notNull(),
    nameInitials: text('name_initials').notNull(),
    gender: text('gender', { enum: ['male', 'female'] }),
    ethnicity: text('ethnicity'),
    birthDate: date('birth_date', { mode: 'string' }),
    idNumberEnc: text('id_number_enc'),
    idNumberIdx: text('id_number_idx'),
    phoneEnc: text('phone_enc'),
    phoneIdx: text('phone_idx'),
    politicalStatus: text('political_status'),
    education: text('education'),
    residence: text('residence'),
    categoryId: integer('category_id').references(() => dictItems.id),
    occupation: text('occupation'),
    platformOrg: text('platform_org'),
    worksAchievements: text('works_achievements'),
    onlineAccounts: jsonb('online_accounts').$type<OnlineAccount[]>().notNull().default([]),
    sourceId: integer('source_id').references(() => dictItems.id),
    dream: text('dream'),
    needs: integer('needs')
      .array()
      .notNull()
      .default(sql`'{}'::int[]`),
    needsText: text('needs_text'),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    remark: text('remark'),
    stage: text('stage', { enum: ['contact', 'key'] })
      .notNull()
      .default('contact'),
    guardianConsent: boolean('guardian_consent').notNull().default(false),
    lastContactAt: timestamp('last_contact_at', { withTimezone: true }),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('youth_unit_idx').on(t.unitId, t.id),
    index('youth_initials_idx').using('btree', t.nameInitials.op('text_pattern_ops')),
    // One person, one record in the whole country: the duplicate check relies on it.
    uniqueIndex('youth_id_number_idx_key')
      .on(t.idNumberIdx)
      .where(sql`${t.idNumberIdx} is not null`),
    index('youth_phone_idx').on(t.phoneIdx),
    // Stage first: 'key targets of a province' is a common list, and the unit list narrows within a stage.
    index('youth_stage_unit_idx').on(t.stage, t.unitId),
    // A short name prefix ('张') matches too many trigrams to be selective; a btree prefix scan is.
    index('youth_name_prefix_idx').using('btree', t.name.op('text_pattern_ops')),
    index('youth_name_unit_idx').on(t.name, t.unitId),
    index('youth_category_idx').on(t.categoryId),
    index('youth_last_contact_idx').on(t.lastContactAt),
    index('youth_birth_date_idx').on(t.birthDate),
    index('youth_tags_idx').using('gin', t.tags),
    index('youth_needs_idx').using('gin', t.needs),
  ],
);

/** 联系记录. */
export const youthInteractions = pgTable(
  'youth_interactions',
  {
    id: serial('id').primaryKey(),
    youthId: integer('youth_id')
      .notNull()
      .references(() => youth.id),
    /** The unit that logged it (the keeping unit at the time). */
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    date: date('date', { mode: 'string' }).notNull(),
    way: text('way').notNull(),
    contactedBy: text('contacted_by').notNull(),
    summary: text('summary').notNull(),
    followUpNeeded: boolean('follow_up_needed').notNull().default(false),
    followUpNote: text('follow_up_note'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('youth_interactions_youth_idx').on(t.youthId, t.date),
    index('youth_interactions_unit_idx').on(t.unitId),
  ],
);

/** 联系对象 ⇄ 重点培养对象: a proposal, then a review; the rows are the history. */
export const youthStageChanges = pgTable(
  'youth_stage_changes',
  {
    id: serial('id').primaryKey(),
    youthId: integer('youth_id')
      .notNull()
      .references(() => youth.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    fromStage: text('from_stage', { enum: ['contact', 'key'] }).notNull(),
    toStage: text('to_stage', { enum: ['contact', 'key'] }).notNull(),
    reason: text('reason').notNull(),
    proposedBy: integer('proposed_by')
      .notNull()
      .references(() => users.id),
    proposedAt: timestamp('proposed_at', { withTimezone: true }).notNull().defaultNow(),
    status: text('status', { enum: ['pending', 'approved', 'rejected'] })
      .notNull()
      .default('pending'),
    reviewedBy: integer('reviewed_by').references(() => users.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewComment: text('review_comment'),
  },
  (t) => [
    index('youth_stage_changes_youth_idx').on(t.youthId),
    index('youth_stage_changes_unit_idx').on(t.unitId, t.status),
    uniqueIndex('youth_stage_changes_one_pending')
      .on(t.youthId)
      .where(sql`${t.status} = 'pending'`),
  ],
);

/**
 * 转接: a record handed from the keeping unit (from_unit_id = unit_id) to another. `initiatedBy`
 * says which side asked; the other side decides.
 */
export const youthTransfers = pgTable(
  'youth_transfers',
  {
    id: serial('id').primaryKey(),
    youthId: integer('youth_id')
      .notNull()
      .references(() => youth.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    fromUnitId: integer('from_unit_id')
      .notNull()
      .references(() => units.id),
    toUnitId: integer('to_unit_id')
      .notNull()
      .references(() => units.id),
    initiatedBy: text('initiated_by', { enum: ['from', 'to'] }).notNull(),
    reason: text('reason').notNull(),
    requestedBy: integer('requested_by')
      .notNull()
      .references(() => users.id),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    status: text('status', { enum: ['pending', 'accepted', 'rejected', 'cancelled'] })
      .notNull()
      .default('pending'),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    note: text('note'),
  },
  (t) => [
    index('youth_transfers_youth_idx').on(t.youthId),
    index('youth_transfers_from_idx').on(t.fromUnitId, t.status),
    index('youth_transfers_to_idx').on(t.toUnitId, t.status),
    uniqueIndex('youth_transfers_one_pending')
      .on(t.youthId)
      .where(sql`${t.status} = 'pending'`),
  ],
);

/** 附件 of a person: certificates, works, agreements. The file itself is in `files`. */
export const youthAttachments = pgTable(
  'youth_attachments',
  {
    id: serial('id').primaryKey(),
    youthId: integer('youth_id')
      .notNull()
      .references(() => youth.id),
    fileId: integer('file_id')
      .notNull()
      .references(() => files.id),
    /** The keeping unit when attached. */
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    kind: text('kind').notNull(),
    note: text('note'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    deletedBy: integer('deleted_by').references(() => users.id),
  },
  (t) => [index('youth_attachments_youth_idx').on(t.youthId)],
);
