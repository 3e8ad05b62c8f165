CREATE TABLE "contact_points" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"address" text,
	"contact_name" text,
	"contact_phone_enc" text,
	"relation" text NOT NULL,
	"since" date,
	"youth_estimate" integer,
	"remark" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coverage_counties" (
	"unit_id" integer PRIMARY KEY NOT NULL,
	"included" boolean DEFAULT true NOT NULL,
	"set_by" integer,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coverage_targets" (
	"province_unit_id" integer PRIMARY KEY NOT NULL,
	"start_date" date NOT NULL,
	"period_years" integer DEFAULT 3 NOT NULL,
	"min_member_groups" integer DEFAULT 3 NOT NULL,
	"min_league_societies" integer DEFAULT 1 NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "federation_member_steps" (
	"id" serial PRIMARY KEY NOT NULL,
	"member_id" integer NOT NULL,
	"step" text NOT NULL,
	"on_date" date NOT NULL,
	"outcome" text,
	"note" text,
	"file_id" integer,
	"by_user" integer,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "federation_members" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"society_id" integer,
	"name" text NOT NULL,
	"is_league" boolean DEFAULT false NOT NULL,
	"origin" text NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"before_registration" boolean DEFAULT false NOT NULL,
	"admitted_on" date,
	"exited_on" date,
	"exit_reason" text,
	"exit_note" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "federation_nominations" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"society_id" integer NOT NULL,
	"seats" integer NOT NULL,
	"granted_on" date NOT NULL,
	"note" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "league_branch_members" (
	"branch_id" integer NOT NULL,
	"youth_id" integer NOT NULL,
	"role" text NOT NULL,
	"joined_on" date NOT NULL,
	"left_on" date,
	"added_by" integer,
	CONSTRAINT "league_branch_members_branch_id_youth_id_pk" PRIMARY KEY("branch_id","youth_id")
);
--> statement-breakpoint
CREATE TABLE "league_branches" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"contact_point_id" integer,
	"society_id" integer,
	"host" text,
	"established_on" date NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"dissolved_on" date,
	"remark" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "society_backbones" (
	"society_id" integer NOT NULL,
	"youth_id" integer NOT NULL,
	"role" text NOT NULL,
	"note" text,
	"added_by" integer,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "society_backbones_society_id_youth_id_pk" PRIMARY KEY("society_id","youth_id")
);
--> statement-breakpoint
CREATE TABLE "society_contacts" (
	"id" serial PRIMARY KEY NOT NULL,
	"society_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"date" date NOT NULL,
	"kind" text NOT NULL,
	"summary" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "society_recommendations" (
	"id" serial PRIMARY KEY NOT NULL,
	"society_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"youth_id" integer NOT NULL,
	"kind" text NOT NULL,
	"recommended_on" date NOT NULL,
	"outcome" text DEFAULT 'pending' NOT NULL,
	"outcome_on" date,
	"note" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "youth_societies" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"name" text NOT NULL,
	"name_pinyin" text NOT NULL,
	"name_initials" text NOT NULL,
	"kind" text NOT NULL,
	"field_id" integer,
	"registration_authority" text,
	"credit_code" text,
	"registered_on" date,
	"supervisor" text,
	"league_affiliated" boolean DEFAULT false NOT NULL,
	"build_mode" text,
	"built_with" text[] DEFAULT '{}'::text[] NOT NULL,
	"leader_name" text,
	"leader_youth_id" integer,
	"secretary_name" text,
	"secretary_youth_id" integer,
	"member_count" integer,
	"activity_level" text,
	"online_accounts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"contact_user_id" integer,
	"last_contact_at" date,
	"has_league_org" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"remark" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contact_points" ADD CONSTRAINT "contact_points_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_points" ADD CONSTRAINT "contact_points_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coverage_counties" ADD CONSTRAINT "coverage_counties_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coverage_counties" ADD CONSTRAINT "coverage_counties_set_by_users_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coverage_targets" ADD CONSTRAINT "coverage_targets_province_unit_id_units_id_fk" FOREIGN KEY ("province_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coverage_targets" ADD CONSTRAINT "coverage_targets_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "federation_member_steps" ADD CONSTRAINT "federation_member_steps_member_id_federation_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."federation_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "federation_member_steps" ADD CONSTRAINT "federation_member_steps_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "federation_member_steps" ADD CONSTRAINT "federation_member_steps_by_user_users_id_fk" FOREIGN KEY ("by_user") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "federation_members" ADD CONSTRAINT "federation_members_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "federation_members" ADD CONSTRAINT "federation_members_society_id_youth_societies_id_fk" FOREIGN KEY ("society_id") REFERENCES "public"."youth_societies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "federation_members" ADD CONSTRAINT "federation_members_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "federation_nominations" ADD CONSTRAINT "federation_nominations_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "federation_nominations" ADD CONSTRAINT "federation_nominations_society_id_youth_societies_id_fk" FOREIGN KEY ("society_id") REFERENCES "public"."youth_societies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "federation_nominations" ADD CONSTRAINT "federation_nominations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "league_branch_members" ADD CONSTRAINT "league_branch_members_branch_id_league_branches_id_fk" FOREIGN KEY ("branch_id") REFERENCES "public"."league_branches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "league_branch_members" ADD CONSTRAINT "league_branch_members_youth_id_youth_id_fk" FOREIGN KEY ("youth_id") REFERENCES "public"."youth"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "league_branch_members" ADD CONSTRAINT "league_branch_members_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "league_branches" ADD CONSTRAINT "league_branches_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "league_branches" ADD CONSTRAINT "league_branches_contact_point_id_contact_points_id_fk" FOREIGN KEY ("contact_point_id") REFERENCES "public"."contact_points"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "league_branches" ADD CONSTRAINT "league_branches_society_id_youth_societies_id_fk" FOREIGN KEY ("society_id") REFERENCES "public"."youth_societies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "league_branches" ADD CONSTRAINT "league_branches_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "society_backbones" ADD CONSTRAINT "society_backbones_society_id_youth_societies_id_fk" FOREIGN KEY ("society_id") REFERENCES "public"."youth_societies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "society_backbones" ADD CONSTRAINT "society_backbones_youth_id_youth_id_fk" FOREIGN KEY ("youth_id") REFERENCES "public"."youth"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "society_backbones" ADD CONSTRAINT "society_backbones_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "society_contacts" ADD CONSTRAINT "society_contacts_society_id_youth_societies_id_fk" FOREIGN KEY ("society_id") REFERENCES "public"."youth_societies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "society_contacts" ADD CONSTRAINT "society_contacts_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "society_contacts" ADD CONSTRAINT "society_contacts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "society_recommendations" ADD CONSTRAINT "society_recommendations_society_id_youth_societies_id_fk" FOREIGN KEY ("society_id") REFERENCES "public"."youth_societies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "society_recommendations" ADD CONSTRAINT "society_recommendations_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "society_recommendations" ADD CONSTRAINT "society_recommendations_youth_id_youth_id_fk" FOREIGN KEY ("youth_id") REFERENCES "public"."youth"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "society_recommendations" ADD CONSTRAINT "society_recommendations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "youth_societies" ADD CONSTRAINT "youth_societies_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "youth_societies" ADD CONSTRAINT "youth_societies_field_id_dict_items_id_fk" FOREIGN KEY ("field_id") REFERENCES "public"."dict_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "youth_societies" ADD CONSTRAINT "youth_societies_leader_youth_id_youth_id_fk" FOREIGN KEY ("leader_youth_id") REFERENCES "public"."youth"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "youth_societies" ADD CONSTRAINT "youth_societies_secretary_youth_id_youth_id_fk" FOREIGN KEY ("secretary_youth_id") REFERENCES "public"."youth"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "youth_societies" ADD CONSTRAINT "youth_societies_contact_user_id_users_id_fk" FOREIGN KEY ("contact_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "youth_societies" ADD CONSTRAINT "youth_societies_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contact_points_unit_idx" ON "contact_points" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "federation_member_steps_member_idx" ON "federation_member_steps" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "federation_members_unit_idx" ON "federation_members" USING btree ("unit_id","status");--> statement-breakpoint
CREATE INDEX "federation_nominations_unit_idx" ON "federation_nominations" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "league_branch_members_youth_idx" ON "league_branch_members" USING btree ("youth_id");--> statement-breakpoint
CREATE INDEX "league_branches_unit_idx" ON "league_branches" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "society_contacts_society_idx" ON "society_contacts" USING btree ("society_id","date");--> statement-breakpoint
CREATE INDEX "society_recommendations_society_idx" ON "society_recommendations" USING btree ("society_id");--> statement-breakpoint
CREATE INDEX "youth_societies_unit_idx" ON "youth_societies" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "youth_societies_credit_code_key" ON "youth_societies" USING btree ("credit_code") WHERE "youth_societies"."credit_code" is not null;