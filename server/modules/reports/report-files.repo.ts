import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import { reportSubmissionFiles } from '../../db/schema';

export async function fileCount(db: Db, submissionId: number): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from report_submission_files where submission_id = ${submissionId}`,
  );
  return rows[0].n;
}

export async function link(db: Db, submissionId: number, fileId: number): Promise<void> {
  await db.insert(reportSubmissionFiles).values({ submissionId, fileId });
}

export async function isLinked(db: Db, submissionId: number, fileId: number): Promise<boolean> {
  const rows = await queryRows<{ fileId: number }>(
    db,
    sql`select file_id as "fileId" from report_submission_files
        where submission_id = ${submissionId} and file_id = ${fileId}`,
  );
  return rows.length > 0;
}

/** Removes the link; returns the file's name, or null when it was not attached to this report. */
export async function unlink(db: Db, submissionId: number, fileId: number): Promise<string | null> {
  const rows = await queryRows<{ name: string }>(
    db,
    sql`delete from report_submission_files sf using files f
        where sf.submission_id = ${submissionId} and sf.file_id = ${fileId} and f.id = sf.file_id
        returning f.name`,
  );
  return rows[0]?.name ?? null;
}
