-- Name search in a million people: contains-matches on characters and full pinyin through trigrams.
CREATE INDEX youth_name_trgm_idx ON youth USING gin (name gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX youth_pinyin_trgm_idx ON youth USING gin (name_pinyin gin_trgm_ops);
