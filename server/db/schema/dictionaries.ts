import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { units } from './units';

export const dictItems = pgTable(
  'dict_items',
  {
    id: serial('id').primaryKey(),
    dictType: text('dict_type').notNull(),
    /** null: national item; otherwise added by that unit and visible in its subtree. */
    unitId: integer('unit_id').references(() => units.id),
    parentId: integer('parent_id'),
    label: text('label').notNull(),
    /** Other ways cadres write the item (本科 for 大学本科); imports store the label. */
    aliases: text('aliases')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    sortOrder: integer('sort_order').notNull().default(0),
    enabled: boolean('enabled').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('dict_items_type_idx').on(t.dictType),
    uniqueIndex('dict_items_label_key').on(
      t.dictType,
      sql`coalesce(${t.unitId}, 0)`,
      sql`coalesce(${t.parentId}, 0)`,
      t.label,
    ),
  ],
);

export const appMeta = pgTable('app_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});
