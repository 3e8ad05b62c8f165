import { AppError } from '../../http/errors';
import { sealRaw, type SealedRecord } from './read-task';
import * as rows from './rows.repo';
import { ordinalOf, rowNumberOf, sheetLabel, type JobSheet } from './sheets';
import type { ImportScope, StagedRow } from './types';

/**
 * One staged row (what the import writes plus the original cells, encrypted) may take this much: a
 * roster row of 20 columns stages about 1.1 KB (measured), so a row past this is a paste gone wrong.
 */
export const STAGED_ROW_MAX_BYTES = 128 * 1024;
/**
 * All the staged rows of one job: about 950,000 such rows, above the 800,000 a 60 MB upload can hold,
 * yet a bound on what one upload can make the database store (a crafted file of huge cells cannot
 * stage gigabytes).
 */
export const STAGED_JOB_MAX_BYTES = 1024 * 1024 * 1024;

const MB = 1024 * 1024;

/** Writes analysed rows into import_job_rows, counting their bytes against the row and job caps. */
export class Stager {
  rows = 0;
  bytes = 0;

  constructor(
    private readonly scope: Pick<ImportScope, 'db' | 'keys' | 'jobId'>,
    private readonly limits = { row: STAGED_ROW_MAX_BYTES, job: STAGED_JOB_MAX_BYTES },
  ) {}

  /** Records sealed by the reading worker bring rawEnc; others are sealed here. */
  async stage(records: SealedRecord[], staged: StagedRow[], sheets: JobSheet[] | undefined) {
    const byRow = new Map(records.map((r) => [r.rowNumber, r]));
    const inserts = staged.map((s): rows.StagedInsert => {
      const payloadJson = s.payload === null || s.payload === undefined ? null : JSON.stringify(s.payload);
      const record = byRow.get(s.rowNumber);
      const rawEnc = record?.rawEnc ?? sealRaw(this.scope.keys, record?.raw ?? []);
      const size =
        Buffer.byteLength(payloadJson ?? '') +
        rawEnc.length +
        Buffer.byteLength(s.messages.join('')) +
        Buffer.byteLength(s.label ?? '') +
        Buffer.byteLength(s.matchKey ?? '');
      if (size > this.limits.row) throw rowTooLarge(s.rowNumber, sheets, this.limits.row);
      this.bytes += size;
      return { ...s, payloadJson, rawEnc };
    });
    if (this.bytes > this.limits.job) {
      throw new AppError(
        400,
        'import_too_large',
        `表格数据量超出一次导入的上限（检查结果已超过 ${Math.round(this.limits.job / MB)} MB），已停止检查。请拆分为多个文件后分别导入`,
      );
    }
    await rows.insertStagedRows(this.scope.db, this.scope.jobId, inserts);
    this.rows += records.length;
  }
}

function rowTooLarge(key: number, sheets: JobSheet[] | undefined, limit: number) {
  const sheet = sheets && sheets.length > 1 ? sheets[ordinalOf(key)] : undefined;
  const where = `${sheet ? sheetLabel(sheet) : ''}第 ${rowNumberOf(key)} 行`;
  return new AppError(
    400,
    'import_too_large',
    `${where}的内容过多（超过 ${Math.round(limit / 1024)} KB），已停止检查。请检查该行是否误粘贴了大段文字，修改后重新上传`,
  );
}
