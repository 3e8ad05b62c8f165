import {
  date,
  index,
  integer,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
  boolean,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { units } from './units';
import { users } from './accounts';
import { youth } from './youth';
import { files } from './files';

/** 梦想导师: the register a unit keeps (its 梦想导师团). */
export const mentors = pgTable(
  'mentors',
  {
    id: serial('id').primaryKey(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    name: text('name').notNull(),
    namePinyin: text('name_pinyin').notNull(),
    nameInitials: text('name_initials').notNull(),
    /** 作协会员、影协会员、美协会员、音协会员、高校教授、青联委员、文化创意类企业负责人、其他 */
    source: text('source').notNull(),
    specialty: text('specialty').notNull(),
    employer: text('employer'),
    title: text('title'),
    phoneEnc: text('phone_enc'),
    phoneIdx: text('phone_idx'),
    email: text('email'),
    maxMentees: integer('max_mentees').notNull().default(3),
    /** An account with the mentor role, when the mentor logs guidance themself. */
    userId: integer('user_id').references(() => users.id),
    bio: text('bio'),
    active: boolean('active').notNull().default(true),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('mentors_unit_idx').on(t.unitId),
    uniqueIndex('mentors_user_key')
      .on(t.userId)
      .where(sql`${t.userId} is not null`),
  ],
);

/** 结对 under a 指导协议: 拟结对 → 已签约 → 指导中 → 期满结束 / 提前终止. */
export const mentorPairings = pgTable(
  'mentor_pairings',
  {
    id: serial('id').primaryKey(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    mentorId: integer('mentor_id')
      .notNull()
      .references(() => mentors.id),
    youthId: integer('youth_id')
      .notNull()
      .references(() => youth.id),
    status: text('status', { enum: ['proposed', 'signed', 'active', 'completed', 'terminated'] })
      .notNull()
      .default('proposed'),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    /** The signed 指导协议 (scan or PDF) in the file store. */
    agreementFileId: integer('agreement_file_id').references(() => files.id),
    signedOn: date('signed_on', { mode: 'string' }),
    endedOn: date('ended_on', { mode: 'string' }),
    endReason: text('end_reason'),
    goals: text('goals'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('mentor_pairings_mentor_idx').on(t.mentorId, t.status),
    index('mentor_pairings_youth_idx').on(t.youthId),
    index('mentor_pairings_unit_idx').on(t.unitId, t.status),
  ],
);

/** The pairing's history: state changes and extensions, with who and why. */
export const mentorPairingEvents = pgTable(
  'mentor_pairing_events',
  {
    id: serial('id').primaryKey(),
    pairingId: integer('pairing_id')
      .notNull()
      .references(() => mentorPairings.id),
    /** created, signed, started, extended, completed, terminated */
    event: text('event').notNull(),
    fromEndDate: date('from_end_date', { mode: 'string' }),
    toEndDate: date('to_end_date', { mode: 'string' }),
    note: text('note'),
    byUser: integer('by_user').references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('mentor_pairing_events_pairing_idx').on(t.pairingId)],
);

/** 指导记录. */
export const mentorLogs = pgTable(
  'mentor_logs',
  {
    id: serial('id').primaryKey(),
    pairingId: integer('pairing_id')
      .notNull()
      .references(() => mentorPairings.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    date: date('date', { mode: 'string' }).notNull(),
    /** 面谈、线上、带教、作品点评 … */
    way: text('way').notNull(),
    content: text('content').notNull(),
    nextSteps: text('next_steps'),
    enteredBy: integer('entered_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('mentor_logs_pairing_idx').on(t.pairingId, t.date)],
);
