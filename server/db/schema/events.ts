import {
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { units } from './units';
import { users } from './accounts';
import { youth } from './youth';
import { files } from './files';
import { mentors } from './mentors';
import { callEntries, calls } from './calls';

/** 青春沙龙、主旨讲座、专题研讨、同业交流、艺术采风、国情考察、志愿公益 … */
export const youthEvents = pgTable(
  'youth_events',
  {
    id: serial('id').primaryKey(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    place: text('place'),
    /** 活动简报 */
    report: text('report'),
    /** 巡演巡展、见面会: the call whose works the event shows. */
    callId: integer('call_id').references(() => calls.id),
    /** 观众人次 counted at the door (the public is not in the registry); null when not counted. */
    audience: integer('audience'),
    /** Listed on the unit's public page (/m/u/<unit>): title, date, place and the works shown. */
    published: boolean('published').notNull().default(false),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('youth_events_unit_idx').on(t.unitId, t.date), index('youth_events_call_idx').on(t.callId)],
);

/** Speakers: a mentor from the register or an outside expert by name. */
export const youthEventSpeakers = pgTable(
  'youth_event_speakers',
  {
    id: serial('id').primaryKey(),
    eventId: integer('event_id')
      .notNull()
      .references(() => youthEvents.id),
    mentorId: integer('mentor_id').references(() => mentors.id),
    name: text('name').notNull(),
    title: text('title'),
  },
  (t) => [index('youth_event_speakers_event_idx').on(t.eventId)],
);

/** Participants from the registry; 人次 count these rows. */
export const youthEventParticipants = pgTable(
  'youth_event_participants',
  {
    eventId: integer('event_id')
      .notNull()
      .references(() => youthEvents.id),
    youthId: integer('youth_id')
      .notNull()
      .references(() => youth.id),
    signedIn: boolean('signed_in').notNull().default(false),
    signedAt: timestamp('signed_at', { withTimezone: true }),
    addedBy: integer('added_by').references(() => users.id),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.youthId] }),
    index('youth_event_participants_youth_idx').on(t.youthId),
  ],
);

/** Photos, minutes and other files of an event. */
export const youthEventFiles = pgTable(
  'youth_event_files',
  {
    id: serial('id').primaryKey(),
    eventId: integer('event_id')
      .notNull()
      .references(() => youthEvents.id),
    fileId: integer('file_id')
      .notNull()
      .references(() => files.id),
    /** 照片 / 纪要 / 其他 */
    kind: text('kind').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [index('youth_event_files_event_idx').on(t.eventId)],
);

/** The works a tour or exhibition shows: entries of the event's call. */
export const youthEventWorks = pgTable(
  'youth_event_works',
  {
    eventId: integer('event_id')
      .notNull()
      .references(() => youthEvents.id),
    entryId: integer('entry_id')
      .notNull()
      .references(() => callEntries.id),
    addedBy: integer('added_by').references(() => users.id),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.entryId] }),
    index('youth_event_works_entry_idx').on(t.entryId),
  ],
);
