ALTER TABLE "import_jobs" ADD COLUMN "owner" text;
