import type ExcelJS from 'exceljs';
import { decryptField } from '../../crypto/field-crypto';
import { streamingWorkbook } from '../../excel/xlsx-writer';
import type { Keys } from '../../crypto/keys';
import type { Db } from '../../../db/client';
import type { RawValue } from '../types';
import { rawText } from './raw-text';
import * as rows from './rows.repo';
import { ordinalOf, rowNumberOf, RowNamer, type JobSheet } from './sheets';

const REPORT_PAGE = 1000;
const TEXT = '@';
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };

type Target = { ws: ExcelJS.Worksheet; width: number };

/** Excel refuses sheet names over 31 characters or containing : \ / ? * [ ]. */
const safeName = (name: string) => name.replace(/[:\\/?*[\]]/g, '_').slice(0, 31) || '错误报告';

function addSheet(book: ExcelJS.stream.xlsx.WorkbookWriter, name: string, headers: string[]): Target {
  const labels = headers.map((h, i) => h || `第 ${i + 1} 列`);
  const ws = book.addWorksheet(safeName(name), { views: [{ state: 'frozen', ySplit: 1 }] });
  // Every column is a text column: what is written stays the text it is, also when edited in Excel.
  ws.columns = [
    { width: 8 },
    ...labels.map((h) => ({ width: Math.min(30, Math.max(10, h.length * 2 + 4)), style: { numFmt: TEXT } })),
    { width: 60, style: { numFmt: TEXT } },
  ];
  const header = ws.getRow(1);
  ['原行号', ...labels, '错误原因'].forEach((text, i) => {
    const cell = header.getCell(i + 1);
    cell.value = text;
    cell.numFmt = TEXT;
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
  });
  header.commit();
  return { ws, width: labels.length };
}

/**
 * The error rows as uploaded, plus 错误原因, to fix and upload again: every original cell written back
 * as the text it was read as (an ID number Excel kept as a number stays those digits, a leading zero
 * stays, text starting with `=` stays text in a text-formatted cell and is never a formula). A workbook
 * read from several sheets gets one sheet per source sheet, each under its own header.
 */
export async function writeErrorReport(
  db: Db,
  keys: Keys,
  job: { id: number; headers: string[]; sheets: JobSheet[] | undefined },
): Promise<{ buffer: Buffer; rows: number }> {
  const { book, finish } = streamingWorkbook();
  const namer = new RowNamer(job.sheets);
  const targets = new Map<number, Target>();
  const targetFor = (key: number): Target => {
    const ordinal = namer.multiSheet ? ordinalOf(key) : 0;
    let target = targets.get(ordinal);
    if (!target) {
      const sheet = job.sheets?.[ordinal];
      target = namer.multiSheet
        ? addSheet(book, sheet?.name ?? `工作表${ordinal + 1}`, sheet?.headers ?? [])
        : addSheet(book, '错误报告', job.headers);
      targets.set(ordinal, target);
    }
    return target;
  };
  let written = 0;
  let after = -1;
  for (;;) {
    const page = await rows.errorRowsAfter(db, job.id, after, REPORT_PAGE);
    for (const r of page) {
      const { ws, width } = targetFor(r.rowNumber);
      const raw = r.rawEnc ? (JSON.parse(decryptField(keys, r.rawEnc)) as unknown[]) : [];
      const cells = raw.map((v) => rawText(v as RawValue));
      const values: (string | number | null)[] = [rowNumberOf(r.rowNumber)];
      for (let c = 0; c < width; c += 1) values.push(cells[c] ?? null);
      values.push(r.messages.map((m) => namer.rewrite(m)).join('；'));
      // Cells past the header (a row wider than its table) follow the reason rather than being lost.
      values.push(...cells.slice(width));
      const row = ws.addRow(values);
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        if (col > 1) cell.numFmt = TEXT;
      });
      row.commit();
      written += 1;
    }
    if (page.length < REPORT_PAGE) break;
    after = page[page.length - 1].rowNumber;
  }
  for (const { ws } of targets.values()) ws.commit();
  return { buffer: await finish(), rows: written };
}
