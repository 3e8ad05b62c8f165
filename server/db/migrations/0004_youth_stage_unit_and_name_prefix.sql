DROP INDEX "youth_stage_idx";--> statement-breakpoint
CREATE INDEX "youth_stage_unit_idx" ON "youth" USING btree ("stage","unit_id");--> statement-breakpoint
CREATE INDEX "youth_name_prefix_idx" ON "youth" USING btree ("name" text_pattern_ops);