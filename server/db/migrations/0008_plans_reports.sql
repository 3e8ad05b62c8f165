CREATE TABLE "plan_indicators" (
	"id" serial PRIMARY KEY NOT NULL,
	"task_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"name" text NOT NULL,
	"phrase" text,
	"comparator" text DEFAULT '≥' NOT NULL,
	"target" numeric,
	"measure" text,
	"period" text,
	"actual" numeric,
	"actual_on" date,
	"sort_order" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_milestones" (
	"id" serial PRIMARY KEY NOT NULL,
	"task_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"title" text NOT NULL,
	"due_date" date,
	"due_text" text,
	"done_on" date,
	"sort_order" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_progress" (
	"id" serial PRIMARY KEY NOT NULL,
	"task_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"date" date NOT NULL,
	"text" text NOT NULL,
	"status" text NOT NULL,
	"progress" integer NOT NULL,
	"actuals" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_progress_files" (
	"progress_id" integer NOT NULL,
	"file_id" integer NOT NULL,
	CONSTRAINT "plan_progress_files_progress_id_file_id_pk" PRIMARY KEY("progress_id","file_id")
);
--> statement-breakpoint
CREATE TABLE "plan_sections" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"number" text DEFAULT '' NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"intro" text DEFAULT '' NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_task_departments" (
	"task_id" integer NOT NULL,
	"department_id" integer NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "plan_task_departments_task_id_department_id_pk" PRIMARY KEY("task_id","department_id")
);
--> statement-breakpoint
CREATE TABLE "plan_tasks" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"section_id" integer,
	"unit_id" integer NOT NULL,
	"number" text DEFAULT '' NOT NULL,
	"title" text NOT NULL,
	"content" text DEFAULT '' NOT NULL,
	"departments_note" text DEFAULT '' NOT NULL,
	"lead_department_id" integer,
	"collective" text,
	"owner" text,
	"start_date" date,
	"deadline" date,
	"deadline_text" text,
	"status" text DEFAULT 'not_started' NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"completed_on" date,
	"last_progress_on" date,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "work_plans" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"year" integer NOT NULL,
	"doc_number" text,
	"issuer" text,
	"start_date" date,
	"end_date" date,
	"preamble" text DEFAULT '' NOT NULL,
	"closing" text DEFAULT '' NOT NULL,
	"source" text NOT NULL,
	"source_file_id" integer,
	"template_id" integer,
	"issued_at" timestamp with time zone,
	"status" text DEFAULT 'active' NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_collections" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"form" text NOT NULL,
	"title" text NOT NULL,
	"year" integer NOT NULL,
	"quarter" smallint,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"target_mode" text NOT NULL,
	"target_levels" text[] DEFAULT '{}'::text[] NOT NULL,
	"deadline" date NOT NULL,
	"deadline_by_level" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"instructions" text,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_at" timestamp with time zone,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_roster_entries" (
	"id" serial PRIMARY KEY NOT NULL,
	"submission_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"youth_id" integer,
	"seq" integer NOT NULL,
	"kept_by" text NOT NULL,
	"name" text NOT NULL,
	"gender" text,
	"ethnicity" text,
	"birth_date" date,
	"id_number_enc" text,
	"phone_enc" text,
	"political_status" text,
	"education" text,
	"category" text,
	"occupation" text,
	"platform_org" text,
	"works_achievements" text,
	"remark" text
);
--> statement-breakpoint
CREATE TABLE "report_submission_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"submission_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"action" text NOT NULL,
	"comment" text,
	"by_user" integer,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_submission_files" (
	"submission_id" integer NOT NULL,
	"file_id" integer NOT NULL,
	CONSTRAINT "report_submission_files_submission_id_file_id_pk" PRIMARY KEY("submission_id","file_id")
);
--> statement-breakpoint
CREATE TABLE "report_submissions" (
	"id" serial PRIMARY KEY NOT NULL,
	"collection_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"reviewer_unit_id" integer NOT NULL,
	"deadline" date NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"content" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"figures" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"figures_at" timestamp with time zone,
	"roster_source" text,
	"roster_at" timestamp with time zone,
	"consolidated_ids" integer[] DEFAULT '{}'::int[] NOT NULL,
	"first_submitted_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"submitted_by" integer,
	"reviewed_at" timestamp with time zone,
	"reviewed_by" integer,
	"return_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "plan_indicators" ADD CONSTRAINT "plan_indicators_task_id_plan_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."plan_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_indicators" ADD CONSTRAINT "plan_indicators_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_milestones" ADD CONSTRAINT "plan_milestones_task_id_plan_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."plan_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_milestones" ADD CONSTRAINT "plan_milestones_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_progress" ADD CONSTRAINT "plan_progress_task_id_plan_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."plan_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_progress" ADD CONSTRAINT "plan_progress_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_progress" ADD CONSTRAINT "plan_progress_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_progress_files" ADD CONSTRAINT "plan_progress_files_progress_id_plan_progress_id_fk" FOREIGN KEY ("progress_id") REFERENCES "public"."plan_progress"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_progress_files" ADD CONSTRAINT "plan_progress_files_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_sections" ADD CONSTRAINT "plan_sections_plan_id_work_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."work_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_sections" ADD CONSTRAINT "plan_sections_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_task_departments" ADD CONSTRAINT "plan_task_departments_task_id_plan_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."plan_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_task_departments" ADD CONSTRAINT "plan_task_departments_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_tasks" ADD CONSTRAINT "plan_tasks_plan_id_work_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."work_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_tasks" ADD CONSTRAINT "plan_tasks_section_id_plan_sections_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."plan_sections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_tasks" ADD CONSTRAINT "plan_tasks_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_tasks" ADD CONSTRAINT "plan_tasks_lead_department_id_departments_id_fk" FOREIGN KEY ("lead_department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_tasks" ADD CONSTRAINT "plan_tasks_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_plans" ADD CONSTRAINT "work_plans_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_plans" ADD CONSTRAINT "work_plans_source_file_id_files_id_fk" FOREIGN KEY ("source_file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_plans" ADD CONSTRAINT "work_plans_template_id_work_plans_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."work_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_plans" ADD CONSTRAINT "work_plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_collections" ADD CONSTRAINT "report_collections_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_collections" ADD CONSTRAINT "report_collections_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_roster_entries" ADD CONSTRAINT "report_roster_entries_submission_id_report_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."report_submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_roster_entries" ADD CONSTRAINT "report_roster_entries_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_roster_entries" ADD CONSTRAINT "report_roster_entries_youth_id_youth_id_fk" FOREIGN KEY ("youth_id") REFERENCES "public"."youth"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_submission_events" ADD CONSTRAINT "report_submission_events_submission_id_report_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."report_submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_submission_events" ADD CONSTRAINT "report_submission_events_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_submission_events" ADD CONSTRAINT "report_submission_events_by_user_users_id_fk" FOREIGN KEY ("by_user") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_submission_files" ADD CONSTRAINT "report_submission_files_submission_id_report_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."report_submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_submission_files" ADD CONSTRAINT "report_submission_files_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_submissions" ADD CONSTRAINT "report_submissions_collection_id_report_collections_id_fk" FOREIGN KEY ("collection_id") REFERENCES "public"."report_collections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_submissions" ADD CONSTRAINT "report_submissions_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_submissions" ADD CONSTRAINT "report_submissions_reviewer_unit_id_units_id_fk" FOREIGN KEY ("reviewer_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_submissions" ADD CONSTRAINT "report_submissions_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_submissions" ADD CONSTRAINT "report_submissions_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "plan_indicators_task_idx" ON "plan_indicators" USING btree ("task_id","sort_order");--> statement-breakpoint
CREATE INDEX "plan_milestones_task_idx" ON "plan_milestones" USING btree ("task_id","sort_order");--> statement-breakpoint
CREATE INDEX "plan_progress_task_idx" ON "plan_progress" USING btree ("task_id","date");--> statement-breakpoint
CREATE INDEX "plan_sections_plan_idx" ON "plan_sections" USING btree ("plan_id","sort_order");--> statement-breakpoint
CREATE INDEX "plan_task_departments_department_idx" ON "plan_task_departments" USING btree ("department_id");--> statement-breakpoint
CREATE INDEX "plan_tasks_plan_idx" ON "plan_tasks" USING btree ("plan_id","sort_order");--> statement-breakpoint
CREATE INDEX "plan_tasks_unit_idx" ON "plan_tasks" USING btree ("unit_id","deadline");--> statement-breakpoint
CREATE INDEX "plan_tasks_lead_idx" ON "plan_tasks" USING btree ("lead_department_id");--> statement-breakpoint
CREATE INDEX "work_plans_unit_idx" ON "work_plans" USING btree ("unit_id","year");--> statement-breakpoint
CREATE INDEX "work_plans_template_idx" ON "work_plans" USING btree ("template_id");--> statement-breakpoint
CREATE INDEX "report_collections_unit_idx" ON "report_collections" USING btree ("unit_id","year");--> statement-breakpoint
CREATE INDEX "report_roster_entries_submission_idx" ON "report_roster_entries" USING btree ("submission_id","seq");--> statement-breakpoint
CREATE INDEX "report_submission_events_submission_idx" ON "report_submission_events" USING btree ("submission_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "report_submissions_collection_unit_key" ON "report_submissions" USING btree ("collection_id","unit_id");--> statement-breakpoint
CREATE INDEX "report_submissions_unit_idx" ON "report_submissions" USING btree ("unit_id","status");--> statement-breakpoint
CREATE INDEX "report_submissions_reviewer_idx" ON "report_submissions" USING btree ("reviewer_unit_id","status");