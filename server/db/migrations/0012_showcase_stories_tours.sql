CREATE TABLE "youth_event_works" (
	"event_id" integer NOT NULL,
	"entry_id" integer NOT NULL,
	"added_by" integer,
	CONSTRAINT "youth_event_works_event_id_entry_id_pk" PRIMARY KEY("event_id","entry_id")
);
--> statement-breakpoint
CREATE TABLE "stories" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"youth_id" integer,
	"entry_id" integer,
	"title" text NOT NULL,
	"summary" text,
	"body" text NOT NULL,
	"cover_file_id" integer,
	"consent_basis" text NOT NULL,
	"consent_note" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"published_at" timestamp with time zone,
	"published_by" integer,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "youth_events" ADD COLUMN "call_id" integer;--> statement-breakpoint
ALTER TABLE "youth_events" ADD COLUMN "audience" integer;--> statement-breakpoint
ALTER TABLE "youth_events" ADD COLUMN "published" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "call_entries" ADD COLUMN "showcased_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "call_entries" ADD COLUMN "showcased_by" integer;--> statement-breakpoint
ALTER TABLE "call_entries" ADD COLUMN "showcase_note" text;--> statement-breakpoint
ALTER TABLE "youth_event_works" ADD CONSTRAINT "youth_event_works_event_id_youth_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."youth_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "youth_event_works" ADD CONSTRAINT "youth_event_works_entry_id_call_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."call_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "youth_event_works" ADD CONSTRAINT "youth_event_works_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stories" ADD CONSTRAINT "stories_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stories" ADD CONSTRAINT "stories_youth_id_youth_id_fk" FOREIGN KEY ("youth_id") REFERENCES "public"."youth"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stories" ADD CONSTRAINT "stories_entry_id_call_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."call_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stories" ADD CONSTRAINT "stories_cover_file_id_files_id_fk" FOREIGN KEY ("cover_file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stories" ADD CONSTRAINT "stories_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stories" ADD CONSTRAINT "stories_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "youth_event_works_entry_idx" ON "youth_event_works" USING btree ("entry_id");--> statement-breakpoint
CREATE INDEX "stories_unit_idx" ON "stories" USING btree ("unit_id","status","published_at");--> statement-breakpoint
CREATE INDEX "stories_youth_idx" ON "stories" USING btree ("youth_id");--> statement-breakpoint
CREATE INDEX "stories_entry_idx" ON "stories" USING btree ("entry_id");--> statement-breakpoint
ALTER TABLE "youth_events" ADD CONSTRAINT "youth_events_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_entries" ADD CONSTRAINT "call_entries_showcased_by_users_id_fk" FOREIGN KEY ("showcased_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "youth_events_call_idx" ON "youth_events" USING btree ("call_id");--> statement-breakpoint
CREATE INDEX "call_entries_showcase_idx" ON "call_entries" USING btree ("unit_id","showcased_at") WHERE "call_entries"."showcased";