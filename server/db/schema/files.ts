import { bigint, index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { units } from './units';
import { users } from './accounts';

/**
 * Stored files (attachments, agreement scans, photos). The bytes live encrypted under DATA_DIR/files;
 * the row says whose they are (unit_id, for scope) and what they were called. Modules link to a
 * file from their own tables (youth_attachments …), so each keeps its own foreign keys.
 */
export const files = pgTable(
  'files',
  {
    id: serial('id').primaryKey(),
    /** Random name of the encrypted blob on disk; never derived from the user's file name. */
    storageKey: text('storage_key').notNull().unique(),
    name: text('name').notNull(),
    mime: text('mime').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('files_unit_idx').on(t.unitId)],
);
