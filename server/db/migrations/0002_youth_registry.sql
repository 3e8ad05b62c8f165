CREATE TABLE "youth" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"name" text NOT NULL,
	"name_pinyin" text NOT NULL,
	"name_initials" text NOT NULL,
	"gender" text,
	"ethnicity" text,
	"birth_date" date,
	"id_number_enc" text,
	"id_number_idx" text,
	"phone_enc" text,
	"phone_idx" text,
	"political_status" text,
	"education" text,
	"residence" text,
	"category_id" integer,
	"occupation" text,
	"platform_org" text,
	"works_achievements" text,
	"online_accounts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"source_id" integer,
	"dream" text,
	"needs" integer[] DEFAULT '{}'::int[] NOT NULL,
	"needs_text" text,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"remark" text,
	"stage" text DEFAULT 'contact' NOT NULL,
	"guardian_consent" boolean DEFAULT false NOT NULL,
	"last_contact_at" timestamp with time zone,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "youth_interactions" (
	"id" serial PRIMARY KEY NOT NULL,
	"youth_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"date" date NOT NULL,
	"way" text NOT NULL,
	"contacted_by" text NOT NULL,
	"summary" text NOT NULL,
	"follow_up_needed" boolean DEFAULT false NOT NULL,
	"follow_up_note" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "youth_stage_changes" (
	"id" serial PRIMARY KEY NOT NULL,
	"youth_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"from_stage" text NOT NULL,
	"to_stage" text NOT NULL,
	"reason" text NOT NULL,
	"proposed_by" integer NOT NULL,
	"proposed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"reviewed_by" integer,
	"reviewed_at" timestamp with time zone,
	"review_comment" text
);
--> statement-breakpoint
CREATE TABLE "youth_transfers" (
	"id" serial PRIMARY KEY NOT NULL,
	"youth_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"from_unit_id" integer NOT NULL,
	"to_unit_id" integer NOT NULL,
	"initiated_by" text NOT NULL,
	"reason" text NOT NULL,
	"requested_by" integer NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"note" text
);
--> statement-breakpoint
ALTER TABLE "youth" ADD CONSTRAINT "youth_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "youth" ADD CONSTRAINT "youth_category_id_dict_items_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."dict_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "youth" ADD CONSTRAINT "youth_source_id_dict_items_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."dict_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "youth" ADD CONSTRAINT "youth_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "youth_interactions" ADD CONSTRAINT "youth_interactions_youth_id_youth_id_fk" FOREIGN KEY ("youth_id") REFERENCES "public"."youth"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "youth_interactions" ADD CONSTRAINT "youth_interactions_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "youth_interactions" ADD CONSTRAINT "youth_interactions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "youth_stage_changes" ADD CONSTRAINT "youth_stage_changes_youth_id_youth_id_fk" FOREIGN KEY ("youth_id") REFERENCES "public"."youth"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "youth_stage_changes" ADD CONSTRAINT "youth_stage_changes_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "youth_stage_changes" ADD CONSTRAINT "youth_stage_changes_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "youth_stage_changes" ADD CONSTRAINT "youth_stage_changes_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "youth_transfers" ADD CONSTRAINT "youth_transfers_youth_id_youth_id_fk" FOREIGN KEY ("youth_id") REFERENCES "public"."youth"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "youth_transfers" ADD CONSTRAINT "youth_transfers_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "youth_transfers" ADD CONSTRAINT "youth_transfers_from_unit_id_units_id_fk" FOREIGN KEY ("from_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "youth_transfers" ADD CONSTRAINT "youth_transfers_to_unit_id_units_id_fk" FOREIGN KEY ("to_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "youth_transfers" ADD CONSTRAINT "youth_transfers_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "youth_transfers" ADD CONSTRAINT "youth_transfers_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "youth_unit_idx" ON "youth" USING btree ("unit_id","id");--> statement-breakpoint
CREATE INDEX "youth_initials_idx" ON "youth" USING btree ("name_initials" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "youth_id_number_idx_key" ON "youth" USING btree ("id_number_idx") WHERE "youth"."id_number_idx" is not null;--> statement-breakpoint
CREATE INDEX "youth_phone_idx" ON "youth" USING btree ("phone_idx");--> statement-breakpoint
CREATE INDEX "youth_stage_idx" ON "youth" USING btree ("stage");--> statement-breakpoint
CREATE INDEX "youth_category_idx" ON "youth" USING btree ("category_id");--> statement-breakpoint
CREATE INDEX "youth_last_contact_idx" ON "youth" USING btree ("last_contact_at");--> statement-breakpoint
CREATE INDEX "youth_birth_date_idx" ON "youth" USING btree ("birth_date");--> statement-breakpoint
CREATE INDEX "youth_tags_idx" ON "youth" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "youth_needs_idx" ON "youth" USING gin ("needs");--> statement-breakpoint
CREATE INDEX "youth_interactions_youth_idx" ON "youth_interactions" USING btree ("youth_id","date");--> statement-breakpoint
CREATE INDEX "youth_interactions_unit_idx" ON "youth_interactions" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "youth_stage_changes_youth_idx" ON "youth_stage_changes" USING btree ("youth_id");--> statement-breakpoint
CREATE INDEX "youth_stage_changes_unit_idx" ON "youth_stage_changes" USING btree ("unit_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "youth_stage_changes_one_pending" ON "youth_stage_changes" USING btree ("youth_id") WHERE "youth_stage_changes"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "youth_transfers_youth_idx" ON "youth_transfers" USING btree ("youth_id");--> statement-breakpoint
CREATE INDEX "youth_transfers_from_idx" ON "youth_transfers" USING btree ("from_unit_id","status");--> statement-breakpoint
CREATE INDEX "youth_transfers_to_idx" ON "youth_transfers" USING btree ("to_unit_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "youth_transfers_one_pending" ON "youth_transfers" USING btree ("youth_id") WHERE "youth_transfers"."status" = 'pending';