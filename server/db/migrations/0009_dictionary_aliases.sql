ALTER TABLE "dict_items" ADD COLUMN "aliases" text[] DEFAULT '{}'::text[] NOT NULL;
