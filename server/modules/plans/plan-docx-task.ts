/**
 * The part of the plan import that touches the uploaded .docx, run in a worker thread (plan-docx.ts): the
 * limits first, then mammoth. Whatever the file does to this thread, the server's own heap is not involved.
 */
import { readFile } from 'node:fs/promises';
import { AppError } from '../../platform/http/errors';
import { ImportError } from '../../platform/import';
import { assertDocxWithinLimits, DOCX_LIMITS, type DocxLimits } from './plan-docx-limits';
import { docxToPlanText } from './plan-docx-text';

export const UNREADABLE_DOCX =
  '无法读取该 Word 文档，文件可能已损坏；请在 Word 或 WPS 中重新保存后上传，或直接粘贴方案全文';

export async function extractPlanText(input: { path: string; size: number; limits?: DocxLimits }) {
  try {
    await assertDocxWithinLimits(input.path, input.size, input.limits ?? DOCX_LIMITS);
  } catch (error) {
    // The platform's ZIP reader speaks of spreadsheets; a damaged Word document gets its own message.
    if (error instanceof ImportError) throw new AppError(400, 'document_unreadable', UNREADABLE_DOCX);
    throw error;
  }
  try {
    return await docxToPlanText(await readFile(input.path));
  } catch {
    throw new AppError(400, 'document_unreadable', UNREADABLE_DOCX);
  }
}
