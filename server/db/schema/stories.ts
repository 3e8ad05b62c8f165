import { index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { units } from './units';
import { users } from './accounts';
import { youth } from './youth';
import { files } from './files';
import { callEntries } from './calls';

/**
 * 青年故事 (seed 000 §二.5 "记录新兴青年群体背后的故事"): written by a cadre about a young person and,
 * often, a work of theirs, and shown on the unit's public page once published. A story names the ground
 * on which the person agreed to be shown: the work's publicity consent, or a written consent the cadre
 * holds (described in consent_note).
 */
export const stories = pgTable(
  'stories',
  {
    id: serial('id').primaryKey(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    youthId: integer('youth_id').references(() => youth.id),
    entryId: integer('entry_id').references(() => callEntries.id),
    title: text('title').notNull(),
    summary: text('summary'),
    body: text('body').notNull(),
    /** A photo, stored like every file and scrubbed of metadata. */
    coverFileId: integer('cover_file_id').references(() => files.id),
    consentBasis: text('consent_basis', { enum: ['work_publicity', 'written'] }).notNull(),
    consentNote: text('consent_note'),
    status: text('status', { enum: ['draft', 'published', 'withdrawn'] })
      .notNull()
      .default('draft'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedBy: integer('published_by').references(() => users.id),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('stories_unit_idx').on(t.unitId, t.status, t.publishedAt),
    index('stories_youth_idx').on(t.youthId),
    index('stories_entry_idx').on(t.entryId),
  ],
);
