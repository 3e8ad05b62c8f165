CREATE TABLE "call_entries" (
	"id" serial PRIMARY KEY NOT NULL,
	"call_id" integer NOT NULL,
	"work_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"entry_no" integer NOT NULL,
	"origin" text NOT NULL,
	"source_entry_id" integer,
	"recommended_by_unit_id" integer,
	"recommended_by" integer,
	"recommended_at" timestamp with time zone,
	"recommend_note" text,
	"status" text DEFAULT 'submitted' NOT NULL,
	"review_reason" text,
	"reviewed_by" integer,
	"reviewed_at" timestamp with time zone,
	"identifying" boolean DEFAULT false NOT NULL,
	"identifying_note" text,
	"final_score" numeric,
	"award_level_key" text,
	"awarded_at" timestamp with time zone,
	"certificate_code" text,
	"certificate_issued_at" timestamp with time zone,
	"showcased" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "call_entries_certificate_code_unique" UNIQUE("certificate_code")
);
--> statement-breakpoint
CREATE TABLE "call_objections" (
	"id" serial PRIMARY KEY NOT NULL,
	"call_id" integer NOT NULL,
	"entry_id" integer,
	"content" text NOT NULL,
	"contact_name" text NOT NULL,
	"contact_phone_enc" text,
	"ip_anon" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"response" text,
	"handled_by" integer,
	"handled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "call_rounds" (
	"id" serial PRIMARY KEY NOT NULL,
	"call_id" integer NOT NULL,
	"seq" integer NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'setup' NOT NULL,
	"judges_per_work" integer DEFAULT 3 NOT NULL,
	"max_per_judge" integer,
	"by_category" boolean DEFAULT true NOT NULL,
	"aggregation" text DEFAULT 'mean' NOT NULL,
	"trim_count" integer DEFAULT 1 NOT NULL,
	"spread_threshold" numeric DEFAULT 20 NOT NULL,
	"advance_kind" text,
	"advance_value" numeric,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "calls" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"theme" text DEFAULT '' NOT NULL,
	"rules" text DEFAULT '' NOT NULL,
	"categories" jsonb NOT NULL,
	"rubric" jsonb NOT NULL,
	"award_levels" jsonb NOT NULL,
	"age_min" integer DEFAULT 16 NOT NULL,
	"age_max" integer DEFAULT 35 NOT NULL,
	"allow_groups" boolean DEFAULT true NOT NULL,
	"max_group_size" integer DEFAULT 5 NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"parent_call_id" integer,
	"recommend_quota" integer DEFAULT 0 NOT NULL,
	"publicity_days" integer DEFAULT 7 NOT NULL,
	"publicity_starts_at" timestamp with time zone,
	"publicity_ends_at" timestamp with time zone,
	"awards_final_at" timestamp with time zone,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "calls_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "judge_assignments" (
	"id" serial PRIMARY KEY NOT NULL,
	"round_id" integer NOT NULL,
	"entry_id" integer NOT NULL,
	"judge_user_id" integer NOT NULL,
	"status" text DEFAULT 'assigned' NOT NULL,
	"scores" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"total" numeric,
	"comment" text DEFAULT '' NOT NULL,
	"abstain_reason" text,
	"rescore_note" text,
	"rescore_requested_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "judge_conflicts" (
	"id" serial PRIMARY KEY NOT NULL,
	"call_id" integer NOT NULL,
	"judge_user_id" integer NOT NULL,
	"entry_id" integer NOT NULL,
	"source" text NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "round_entries" (
	"round_id" integer NOT NULL,
	"entry_id" integer NOT NULL,
	"score" numeric,
	"spread" numeric,
	"rank" integer,
	"advanced" boolean DEFAULT false NOT NULL,
	CONSTRAINT "round_entries_round_id_entry_id_pk" PRIMARY KEY("round_id","entry_id")
);
--> statement-breakpoint
CREATE TABLE "round_judges" (
	"round_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"category_keys" text[] DEFAULT '{}'::text[] NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "round_judges_round_id_user_id_pk" PRIMARY KEY("round_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "work_entrants" (
	"id" serial PRIMARY KEY NOT NULL,
	"work_id" integer NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"gender" text,
	"birth_date" date,
	"id_number_enc" text,
	"id_number_idx" text,
	"phone_enc" text,
	"phone_idx" text,
	"place_unit_id" integer,
	"category_id" integer,
	"age_band" text NOT NULL,
	"matched_youth_id" integer,
	"youth_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "work_files" (
	"id" serial PRIMARY KEY NOT NULL,
	"work_id" integer NOT NULL,
	"file_id" integer NOT NULL,
	"kind" text NOT NULL,
	"position" integer NOT NULL,
	"scrubbed" boolean DEFAULT false NOT NULL,
	"removed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "works" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"call_id" integer NOT NULL,
	"receipt_idx" text NOT NULL,
	"title" text NOT NULL,
	"category_key" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"group_name" text,
	"originality_at" timestamp with time zone NOT NULL,
	"publicity_consent" boolean DEFAULT false NOT NULL,
	"channel" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"self_edited_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "works_receipt_idx_unique" UNIQUE("receipt_idx")
);
--> statement-breakpoint
ALTER TABLE "consent_records" ADD COLUMN "subject_position" integer;--> statement-breakpoint
ALTER TABLE "call_entries" ADD CONSTRAINT "call_entries_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_entries" ADD CONSTRAINT "call_entries_work_id_works_id_fk" FOREIGN KEY ("work_id") REFERENCES "public"."works"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_entries" ADD CONSTRAINT "call_entries_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_entries" ADD CONSTRAINT "call_entries_source_entry_id_call_entries_id_fk" FOREIGN KEY ("source_entry_id") REFERENCES "public"."call_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_entries" ADD CONSTRAINT "call_entries_recommended_by_unit_id_units_id_fk" FOREIGN KEY ("recommended_by_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_entries" ADD CONSTRAINT "call_entries_recommended_by_users_id_fk" FOREIGN KEY ("recommended_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_entries" ADD CONSTRAINT "call_entries_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_objections" ADD CONSTRAINT "call_objections_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_objections" ADD CONSTRAINT "call_objections_entry_id_call_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."call_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_objections" ADD CONSTRAINT "call_objections_handled_by_users_id_fk" FOREIGN KEY ("handled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_rounds" ADD CONSTRAINT "call_rounds_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_parent_call_id_calls_id_fk" FOREIGN KEY ("parent_call_id") REFERENCES "public"."calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_assignments" ADD CONSTRAINT "judge_assignments_round_id_call_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."call_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_assignments" ADD CONSTRAINT "judge_assignments_entry_id_call_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."call_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_assignments" ADD CONSTRAINT "judge_assignments_judge_user_id_users_id_fk" FOREIGN KEY ("judge_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_conflicts" ADD CONSTRAINT "judge_conflicts_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_conflicts" ADD CONSTRAINT "judge_conflicts_judge_user_id_users_id_fk" FOREIGN KEY ("judge_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_conflicts" ADD CONSTRAINT "judge_conflicts_entry_id_call_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."call_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_conflicts" ADD CONSTRAINT "judge_conflicts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_entries" ADD CONSTRAINT "round_entries_round_id_call_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."call_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_entries" ADD CONSTRAINT "round_entries_entry_id_call_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."call_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_judges" ADD CONSTRAINT "round_judges_round_id_call_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."call_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_judges" ADD CONSTRAINT "round_judges_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_entrants" ADD CONSTRAINT "work_entrants_work_id_works_id_fk" FOREIGN KEY ("work_id") REFERENCES "public"."works"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_entrants" ADD CONSTRAINT "work_entrants_place_unit_id_units_id_fk" FOREIGN KEY ("place_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_entrants" ADD CONSTRAINT "work_entrants_category_id_dict_items_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."dict_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_entrants" ADD CONSTRAINT "work_entrants_matched_youth_id_youth_id_fk" FOREIGN KEY ("matched_youth_id") REFERENCES "public"."youth"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_entrants" ADD CONSTRAINT "work_entrants_youth_id_youth_id_fk" FOREIGN KEY ("youth_id") REFERENCES "public"."youth"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_files" ADD CONSTRAINT "work_files_work_id_works_id_fk" FOREIGN KEY ("work_id") REFERENCES "public"."works"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_files" ADD CONSTRAINT "work_files_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "works" ADD CONSTRAINT "works_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "works" ADD CONSTRAINT "works_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "call_entries_call_work_key" ON "call_entries" USING btree ("call_id","work_id");--> statement-breakpoint
CREATE UNIQUE INDEX "call_entries_call_no_key" ON "call_entries" USING btree ("call_id","entry_no");--> statement-breakpoint
CREATE INDEX "call_entries_call_status_idx" ON "call_entries" USING btree ("call_id","status","id");--> statement-breakpoint
CREATE INDEX "call_entries_source_idx" ON "call_entries" USING btree ("source_entry_id");--> statement-breakpoint
CREATE INDEX "call_entries_unit_idx" ON "call_entries" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "call_objections_call_idx" ON "call_objections" USING btree ("call_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "call_rounds_call_seq_key" ON "call_rounds" USING btree ("call_id","seq");--> statement-breakpoint
CREATE INDEX "calls_unit_idx" ON "calls" USING btree ("unit_id","status");--> statement-breakpoint
CREATE INDEX "calls_parent_idx" ON "calls" USING btree ("parent_call_id");--> statement-breakpoint
CREATE UNIQUE INDEX "judge_assignments_key" ON "judge_assignments" USING btree ("round_id","entry_id","judge_user_id");--> statement-breakpoint
CREATE INDEX "judge_assignments_judge_idx" ON "judge_assignments" USING btree ("judge_user_id","round_id");--> statement-breakpoint
CREATE UNIQUE INDEX "judge_conflicts_key" ON "judge_conflicts" USING btree ("call_id","judge_user_id","entry_id","source");--> statement-breakpoint
CREATE INDEX "judge_conflicts_entry_idx" ON "judge_conflicts" USING btree ("entry_id");--> statement-breakpoint
CREATE UNIQUE INDEX "work_entrants_work_position_key" ON "work_entrants" USING btree ("work_id","position");--> statement-breakpoint
CREATE INDEX "work_entrants_youth_idx" ON "work_entrants" USING btree ("youth_id");--> statement-breakpoint
CREATE INDEX "work_entrants_id_number_idx" ON "work_entrants" USING btree ("id_number_idx");--> statement-breakpoint
CREATE INDEX "work_entrants_phone_idx" ON "work_entrants" USING btree ("phone_idx");--> statement-breakpoint
CREATE INDEX "work_files_work_idx" ON "work_files" USING btree ("work_id");--> statement-breakpoint
CREATE INDEX "works_call_idx" ON "works" USING btree ("call_id");--> statement-breakpoint
CREATE INDEX "works_unit_idx" ON "works" USING btree ("unit_id");