/**
 * An uploaded .docx plan as text for parsePlanText. The file comes from outside, so it is read in a worker
 * thread with its own heap and time limits (server/platform/worker), after the inflated-size, element and
 * depth limits of plan-docx-limits.ts: a ZIP bomb or a document built to exhaust mammoth is refused with a
 * Chinese message, and the server carries on.
 */
import { PLAN_TEXT_MAX } from '../../../common/contracts/plans';
import { AppError, badRequest } from '../../platform/http/errors';
import {
  runUntrusted,
  task,
  UntrustedTaskError,
  type UntrustedFailure,
  type UntrustedLimits,
} from '../../platform/worker/untrusted';
import type { DocxLimits } from './plan-docx-limits';

/** Room for mammoth at DOCX_LIMITS (about 200 MB at the element cap), and no more. */
export const DOCX_WORKER_LIMITS: UntrustedLimits = { maxHeapMb: 384, timeoutMs: 60_000 };

const EXTRACT = task(import.meta.url, './plan-docx-task.ts', 'extractPlanText');

const WORKER_FAILURES: Record<UntrustedFailure, string> = {
  memory:
    '该 Word 文档内容过多或结构异常，读取时超出内存上限，已停止读取。请在 Word 或 WPS 中“另存为”新的 .docx 后上传，或直接粘贴方案全文',
  timeout: '读取该 Word 文档超时，已停止读取。请检查文档是否过大或结构异常，或直接粘贴方案全文',
  crash:
    '读取该 Word 文档时处理程序意外退出，已停止读取。请在 Word 或 WPS 中重新保存后上传，或直接粘贴方案全文',
};

const thousands = (n: number) => n.toLocaleString('en-US');

/** Refuses a plan text longer than one import takes, saying how long it is and what the cap is. */
export function assertPlanTextLength(text: string) {
  if (text.length > PLAN_TEXT_MAX) {
    throw badRequest(
      `方案全文共 ${thousands(text.length)} 字，超过一次导入的上限 ${thousands(PLAN_TEXT_MAX)} 字。` +
        '请删去附件、附表等不属于任务的内容，或分成几部分分别导入',
    );
  }
}

export async function readPlanDocument(
  file: { path: string; size: number },
  limits?: { docx?: DocxLimits; worker?: UntrustedLimits },
): Promise<string> {
  let text: string;
  try {
    text = await runUntrusted<string>(
      EXTRACT,
      { path: file.path, size: file.size, limits: limits?.docx },
      limits?.worker ?? DOCX_WORKER_LIMITS,
    );
  } catch (error) {
    if (error instanceof UntrustedTaskError) {
      throw new AppError(error.status, error.code, WORKER_FAILURES[error.reason]);
    }
    throw error;
  }
  assertPlanTextLength(text);
  return text;
}
