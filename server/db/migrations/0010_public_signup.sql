CREATE TABLE "consent_records" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"purpose" text NOT NULL,
	"subject_kind" text NOT NULL,
	"subject_id" integer NOT NULL,
	"youth_id" integer,
	"notice_id" integer NOT NULL,
	"notice_version" integer NOT NULL,
	"notice_hash" text NOT NULL,
	"channel" text NOT NULL,
	"page_path" text NOT NULL,
	"ip_anon" text NOT NULL,
	"user_agent" text NOT NULL,
	"guardian_name" text,
	"guardian_relation" text,
	"given_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_channel" text
);
--> statement-breakpoint
CREATE TABLE "privacy_notices" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"sections" jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "public_challenges_used" (
	"challenge_hash" text PRIMARY KEY NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "public_rate_counters" (
	"bucket" text NOT NULL,
	"key" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "public_rate_counters_bucket_key_window_start_pk" PRIMARY KEY("bucket","key","window_start")
);
--> statement-breakpoint
CREATE TABLE "signup_pages" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"intro" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"opens_at" timestamp with time zone,
	"closes_at" timestamp with time zone,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "signup_pages_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "signups" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"page_id" integer NOT NULL,
	"channel" text NOT NULL,
	"receipt_idx" text NOT NULL,
	"name" text NOT NULL,
	"gender" text,
	"birth_date" date,
	"id_number_enc" text,
	"id_number_idx" text,
	"phone_enc" text,
	"phone_idx" text,
	"place_unit_id" integer,
	"category_id" integer,
	"field" text,
	"platform_org" text,
	"works_links" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"needs" integer[] DEFAULT '{}'::int[] NOT NULL,
	"needs_text" text,
	"dream" text,
	"age_band" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decision_reason" text,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"youth_id" integer,
	"locked_fields" text[] DEFAULT '{}'::text[] NOT NULL,
	"forwarded_from_unit_id" integer,
	"self_edited_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "signups_receipt_idx_unique" UNIQUE("receipt_idx")
);
--> statement-breakpoint
ALTER TABLE "consent_records" ADD CONSTRAINT "consent_records_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_records" ADD CONSTRAINT "consent_records_youth_id_youth_id_fk" FOREIGN KEY ("youth_id") REFERENCES "public"."youth"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_records" ADD CONSTRAINT "consent_records_notice_id_privacy_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."privacy_notices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_notices" ADD CONSTRAINT "privacy_notices_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_notices" ADD CONSTRAINT "privacy_notices_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signup_pages" ADD CONSTRAINT "signup_pages_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signup_pages" ADD CONSTRAINT "signup_pages_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signups" ADD CONSTRAINT "signups_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signups" ADD CONSTRAINT "signups_page_id_signup_pages_id_fk" FOREIGN KEY ("page_id") REFERENCES "public"."signup_pages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signups" ADD CONSTRAINT "signups_place_unit_id_units_id_fk" FOREIGN KEY ("place_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signups" ADD CONSTRAINT "signups_category_id_dict_items_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."dict_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signups" ADD CONSTRAINT "signups_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signups" ADD CONSTRAINT "signups_youth_id_youth_id_fk" FOREIGN KEY ("youth_id") REFERENCES "public"."youth"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signups" ADD CONSTRAINT "signups_forwarded_from_unit_id_units_id_fk" FOREIGN KEY ("forwarded_from_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consent_records_subject_idx" ON "consent_records" USING btree ("subject_kind","subject_id");--> statement-breakpoint
CREATE INDEX "consent_records_youth_idx" ON "consent_records" USING btree ("youth_id");--> statement-breakpoint
CREATE INDEX "consent_records_unit_idx" ON "consent_records" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "privacy_notices_unit_version_key" ON "privacy_notices" USING btree ("unit_id","version");--> statement-breakpoint
CREATE INDEX "public_challenges_used_expiry_idx" ON "public_challenges_used" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "signup_pages_unit_idx" ON "signup_pages" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "signups_unit_status_idx" ON "signups" USING btree ("unit_id","status","id");--> statement-breakpoint
CREATE INDEX "signups_page_idx" ON "signups" USING btree ("page_id","channel");--> statement-breakpoint
CREATE INDEX "signups_id_number_idx" ON "signups" USING btree ("id_number_idx");--> statement-breakpoint
CREATE INDEX "signups_phone_idx" ON "signups" USING btree ("phone_idx");