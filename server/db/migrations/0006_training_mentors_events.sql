CREATE TABLE "training_attendance" (
	"lesson_id" integer NOT NULL,
	"enrolment_id" integer NOT NULL,
	"status" text NOT NULL,
	"source" text DEFAULT 'cadre' NOT NULL,
	"marked_by" integer,
	"marked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_attendance_lesson_id_enrolment_id_pk" PRIMARY KEY("lesson_id","enrolment_id")
);
--> statement-breakpoint
CREATE TABLE "training_classes" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"title" text NOT NULL,
	"institution_id" integer,
	"level" text NOT NULL,
	"target_categories" integer[] DEFAULT '{}'::int[] NOT NULL,
	"capacity" integer NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"mode" text NOT NULL,
	"place" text,
	"description" text,
	"completion_rule" jsonb DEFAULT '{"minAttendanceRate":0.8}'::jsonb NOT NULL,
	"follow_up_months" integer[] DEFAULT '{3,6}'::int[] NOT NULL,
	"status" text DEFAULT 'planning' NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_enrolments" (
	"id" serial PRIMARY KEY NOT NULL,
	"class_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"youth_id" integer NOT NULL,
	"status" text DEFAULT 'applied' NOT NULL,
	"key_target" boolean DEFAULT false NOT NULL,
	"waitlist_position" integer,
	"withdraw_reason" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_follow_ups" (
	"id" serial PRIMARY KEY NOT NULL,
	"enrolment_id" integer NOT NULL,
	"class_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"months_after" integer NOT NULL,
	"due_on" date NOT NULL,
	"done_on" date,
	"way" text,
	"summary" text,
	"done_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_institutions" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"backing" text,
	"contact_name" text,
	"contact_phone_enc" text,
	"address" text,
	"remark" text,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_lessons" (
	"id" serial PRIMARY KEY NOT NULL,
	"class_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"topic" text,
	"teacher" text,
	"starts_at" timestamp with time zone NOT NULL,
	"hours" numeric(4, 1) NOT NULL,
	"place" text,
	"sign_in_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mentor_logs" (
	"id" serial PRIMARY KEY NOT NULL,
	"pairing_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"date" date NOT NULL,
	"way" text NOT NULL,
	"content" text NOT NULL,
	"next_steps" text,
	"entered_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mentor_pairing_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"pairing_id" integer NOT NULL,
	"event" text NOT NULL,
	"from_end_date" date,
	"to_end_date" date,
	"note" text,
	"by_user" integer,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mentor_pairings" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"mentor_id" integer NOT NULL,
	"youth_id" integer NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"agreement_file_id" integer,
	"signed_on" date,
	"ended_on" date,
	"end_reason" text,
	"goals" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mentors" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"name" text NOT NULL,
	"name_pinyin" text NOT NULL,
	"name_initials" text NOT NULL,
	"source" text NOT NULL,
	"specialty" text NOT NULL,
	"employer" text,
	"title" text,
	"phone_enc" text,
	"phone_idx" text,
	"email" text,
	"max_mentees" integer DEFAULT 3 NOT NULL,
	"user_id" integer,
	"bio" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "youth_event_files" (
	"id" serial PRIMARY KEY NOT NULL,
	"event_id" integer NOT NULL,
	"file_id" integer NOT NULL,
	"kind" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "youth_event_participants" (
	"event_id" integer NOT NULL,
	"youth_id" integer NOT NULL,
	"signed_in" boolean DEFAULT false NOT NULL,
	"signed_at" timestamp with time zone,
	"added_by" integer,
	CONSTRAINT "youth_event_participants_event_id_youth_id_pk" PRIMARY KEY("event_id","youth_id")
);
--> statement-breakpoint
CREATE TABLE "youth_event_speakers" (
	"id" serial PRIMARY KEY NOT NULL,
	"event_id" integer NOT NULL,
	"mentor_id" integer,
	"name" text NOT NULL,
	"title" text
);
--> statement-breakpoint
CREATE TABLE "youth_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"date" date NOT NULL,
	"place" text,
	"report" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "training_attendance" ADD CONSTRAINT "training_attendance_lesson_id_training_lessons_id_fk" FOREIGN KEY ("lesson_id") REFERENCES "public"."training_lessons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_attendance" ADD CONSTRAINT "training_attendance_enrolment_id_training_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."training_enrolments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_attendance" ADD CONSTRAINT "training_attendance_marked_by_users_id_fk" FOREIGN KEY ("marked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_classes" ADD CONSTRAINT "training_classes_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_classes" ADD CONSTRAINT "training_classes_institution_id_training_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."training_institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_classes" ADD CONSTRAINT "training_classes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_enrolments" ADD CONSTRAINT "training_enrolments_class_id_training_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."training_classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_enrolments" ADD CONSTRAINT "training_enrolments_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_enrolments" ADD CONSTRAINT "training_enrolments_youth_id_youth_id_fk" FOREIGN KEY ("youth_id") REFERENCES "public"."youth"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_enrolments" ADD CONSTRAINT "training_enrolments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_follow_ups" ADD CONSTRAINT "training_follow_ups_enrolment_id_training_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."training_enrolments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_follow_ups" ADD CONSTRAINT "training_follow_ups_class_id_training_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."training_classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_follow_ups" ADD CONSTRAINT "training_follow_ups_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_follow_ups" ADD CONSTRAINT "training_follow_ups_done_by_users_id_fk" FOREIGN KEY ("done_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_institutions" ADD CONSTRAINT "training_institutions_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_institutions" ADD CONSTRAINT "training_institutions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_lessons" ADD CONSTRAINT "training_lessons_class_id_training_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."training_classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_lessons" ADD CONSTRAINT "training_lessons_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_logs" ADD CONSTRAINT "mentor_logs_pairing_id_mentor_pairings_id_fk" FOREIGN KEY ("pairing_id") REFERENCES "public"."mentor_pairings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_logs" ADD CONSTRAINT "mentor_logs_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_logs" ADD CONSTRAINT "mentor_logs_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_pairing_events" ADD CONSTRAINT "mentor_pairing_events_pairing_id_mentor_pairings_id_fk" FOREIGN KEY ("pairing_id") REFERENCES "public"."mentor_pairings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_pairing_events" ADD CONSTRAINT "mentor_pairing_events_by_user_users_id_fk" FOREIGN KEY ("by_user") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_pairings" ADD CONSTRAINT "mentor_pairings_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_pairings" ADD CONSTRAINT "mentor_pairings_mentor_id_mentors_id_fk" FOREIGN KEY ("mentor_id") REFERENCES "public"."mentors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_pairings" ADD CONSTRAINT "mentor_pairings_youth_id_youth_id_fk" FOREIGN KEY ("youth_id") REFERENCES "public"."youth"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_pairings" ADD CONSTRAINT "mentor_pairings_agreement_file_id_files_id_fk" FOREIGN KEY ("agreement_file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_pairings" ADD CONSTRAINT "mentor_pairings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentors" ADD CONSTRAINT "mentors_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentors" ADD CONSTRAINT "mentors_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentors" ADD CONSTRAINT "mentors_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "youth_event_files" ADD CONSTRAINT "youth_event_files_event_id_youth_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."youth_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "youth_event_files" ADD CONSTRAINT "youth_event_files_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "youth_event_files" ADD CONSTRAINT "youth_event_files_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "youth_event_participants" ADD CONSTRAINT "youth_event_participants_event_id_youth_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."youth_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "youth_event_participants" ADD CONSTRAINT "youth_event_participants_youth_id_youth_id_fk" FOREIGN KEY ("youth_id") REFERENCES "public"."youth"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "youth_event_participants" ADD CONSTRAINT "youth_event_participants_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "youth_event_speakers" ADD CONSTRAINT "youth_event_speakers_event_id_youth_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."youth_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "youth_event_speakers" ADD CONSTRAINT "youth_event_speakers_mentor_id_mentors_id_fk" FOREIGN KEY ("mentor_id") REFERENCES "public"."mentors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "youth_events" ADD CONSTRAINT "youth_events_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "youth_events" ADD CONSTRAINT "youth_events_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "training_classes_unit_idx" ON "training_classes" USING btree ("unit_id","start_date");--> statement-breakpoint
CREATE UNIQUE INDEX "training_enrolments_one_per_class" ON "training_enrolments" USING btree ("class_id","youth_id");--> statement-breakpoint
CREATE INDEX "training_enrolments_youth_idx" ON "training_enrolments" USING btree ("youth_id");--> statement-breakpoint
CREATE UNIQUE INDEX "training_follow_ups_one" ON "training_follow_ups" USING btree ("enrolment_id","months_after");--> statement-breakpoint
CREATE INDEX "training_follow_ups_due_idx" ON "training_follow_ups" USING btree ("unit_id","due_on");--> statement-breakpoint
CREATE INDEX "training_institutions_unit_idx" ON "training_institutions" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "training_lessons_class_idx" ON "training_lessons" USING btree ("class_id","starts_at");--> statement-breakpoint
CREATE INDEX "mentor_logs_pairing_idx" ON "mentor_logs" USING btree ("pairing_id","date");--> statement-breakpoint
CREATE INDEX "mentor_pairing_events_pairing_idx" ON "mentor_pairing_events" USING btree ("pairing_id");--> statement-breakpoint
CREATE INDEX "mentor_pairings_mentor_idx" ON "mentor_pairings" USING btree ("mentor_id","status");--> statement-breakpoint
CREATE INDEX "mentor_pairings_youth_idx" ON "mentor_pairings" USING btree ("youth_id");--> statement-breakpoint
CREATE INDEX "mentor_pairings_unit_idx" ON "mentor_pairings" USING btree ("unit_id","status");--> statement-breakpoint
CREATE INDEX "mentors_unit_idx" ON "mentors" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "mentors_user_key" ON "mentors" USING btree ("user_id") WHERE "mentors"."user_id" is not null;--> statement-breakpoint
CREATE INDEX "youth_event_files_event_idx" ON "youth_event_files" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "youth_event_participants_youth_idx" ON "youth_event_participants" USING btree ("youth_id");--> statement-breakpoint
CREATE INDEX "youth_event_speakers_event_idx" ON "youth_event_speakers" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "youth_events_unit_idx" ON "youth_events" USING btree ("unit_id","date");