import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';

/**
 * An import job as the preview leaves it, with `rows` new people staged in import_job_rows, made in
 * SQL: the commit path (tests, bench/) measured without minutes of reading a generated workbook.
 * Names and blind indexes are functions of `key` and the row number, so the same key stages the
 * same people again (a second upload of the same file, as far as the commit can tell).
 */
export async function stageNewPeople(
  db: Db,
  opts: { unitId: number; createdBy: number; rows: number; key: string },
): Promise<number> {
  const [job] = await queryRows<{ id: number }>(
    db,
    sql`insert into import_jobs (kind, unit_id, created_by, file_name, file_size, file_sha256, status, counts,
                                 progress_done, progress_total)
        values ('youth', ${opts.unitId}, ${opts.createdBy}, ${`${opts.key}.xlsx`}, 1, ${opts.key}, 'ready',
                ${JSON.stringify({ total: opts.rows, new: opts.rows, update: 0, duplicate: 0, error: 0, warning: 0 })}::jsonb,
                ${opts.rows}, ${opts.rows})
        returning id`,
  );
  await db.execute(
    sql`insert into import_job_rows (job_id, row_number, action, label, match_key, payload, raw_enc)
        select ${job.id}::int, i + 3, 'new', ${opts.key} || '-' || i, '身份证号|' || ${opts.key} || '-' || i,
               jsonb_build_object('unitId', ${opts.unitId}::int, 'name', ${opts.key} || '-' || i,
                 'namePinyin', 'ceshi' || i, 'nameInitials', 'cs', 'gender', case when i % 2 = 0 then 'female' else 'male' end,
                 'idNumberIdx', ${opts.key} || '-' || i, 'remark', '批量导入测试'),
               'staged-by-fixture'
          from generate_series(1, ${opts.rows}::int) as i`,
  );
  return job.id;
}
