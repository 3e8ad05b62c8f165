import { Worker } from 'node:worker_threads';
import { AppError } from '../http/errors';
import type { SerialisedError, TaskStart, WorkerMessage } from './protocol';

/**
 * Work on files from outside (a spreadsheet, a Word document) runs in a worker thread with its own
 * heap limit: a file built to exhaust memory or loop forever ends that worker, never the server. The
 * task is an export of a module (a file URL), so a caller brings its own task file:
 *
 *   const plan = await runUntrusted<Plan>(task(import.meta.url, './docx-task.ts', 'readDocx'), { path });
 *   for await (const row of streamUntrusted<Row>(task(import.meta.url, './rows-task.ts', 'readRows'), input)) …
 *
 * The input and what comes back must survive structured cloning (plain objects, Map, Date, Buffer).
 */
export type TaskRef = { module: string; name: string };

/** Names an export of a module next to the caller: `task(import.meta.url, './x-task.ts', 'readX')`. */
export function task(base: string, relative: string, name: string): TaskRef {
  return { module: new URL(relative, base).href, name };
}

export type UntrustedLimits = {
  /** The worker's old-generation heap; past it the worker dies (256 MB by default). */
  maxHeapMb?: number;
  /**
   * How long the worker may take to answer: the whole task for `runUntrusted`, each batch for
   * `streamUntrusted` (time the caller spends between batches is not counted). 120 s by default.
   */
  timeoutMs?: number;
};

export type StreamOptions = UntrustedLimits & {
  /** Items per message; the worker runs at most one batch ahead of the caller (default 500). */
  batchSize?: number;
};

export type UntrustedFailure = 'memory' | 'crash' | 'timeout';

const FAILURE_MESSAGES: Record<UntrustedFailure, string> = {
  memory:
    '文件内容过大或结构异常，读取时超出内存上限，已停止读取。请检查文件，必要时拆分为多个文件后重新上传',
  crash: '读取文件时处理程序意外退出，已停止读取。请在 Excel、WPS 或 Word 中打开后重新保存再上传',
  timeout: '读取文件超时，已停止读取。请检查文件是否过大或结构异常，必要时拆分后重新上传',
};

/** The worker died or was stopped: the message is for the user, `reason` for the caller and the log. */
export class UntrustedTaskError extends AppError {
  constructor(
    public readonly reason: UntrustedFailure,
    public readonly detail?: string,
  ) {
    super(422, `untrusted_${reason}`, FAILURE_MESSAGES[reason]);
    this.name = 'UntrustedTaskError';
  }
}

const ENTRY = new URL('./worker-entry.mjs', import.meta.url);

/** An error thrown by the task itself: one meant for the user (an AppError) stays one. */
function rebuild(e: SerialisedError): Error {
  if (e.status !== undefined && e.code !== undefined) {
    const err = new AppError(e.status, e.code, e.message);
    if (e.name) err.name = e.name;
    return err;
  }
  return new Error(e.message);
}

function died(err: (Error & { code?: string }) | undefined, exitCode: number | undefined) {
  if (err?.code === 'ERR_WORKER_OUT_OF_MEMORY') return new UntrustedTaskError('memory', err.message);
  return new UntrustedTaskError('crash', err?.message ?? `exit code ${exitCode}`);
}

function startWorker(ref: TaskRef, input: unknown, limits: UntrustedLimits, batchSize: number) {
  const workerData: TaskStart = { module: ref.module, name: ref.name, input, batchSize };
  const worker = new Worker(ENTRY, {
    workerData,
    // Not the parent's flags: the entry registers tsx itself, the same way under tsx and under Vitest.
    execArgv: [],
    resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb ?? 256, maxYoungGenerationSizeMb: 32 },
  });
  const inbox: WorkerMessage[] = [];
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  worker.on('message', (m: WorkerMessage) => {
    inbox.push(m);
    notify();
  });
  worker.on('error', (err) => {
    failure = died(err, undefined);
    notify();
  });
  worker.on('exit', (code) => {
    failure ??= died(undefined, code);
    notify();
  });

  const timeoutMs = limits.timeoutMs ?? 120_000;
  /** The worker's next message; its death or silence past the timeout as an UntrustedTaskError. */
  const receive = async (): Promise<WorkerMessage> => {
    if (inbox.length === 0 && !failure) {
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(() => {
          failure ??= new UntrustedTaskError('timeout');
          resolve();
        }, timeoutMs);
      });
      clearTimeout(timer);
    }
    const next = inbox.shift();
    if (next) return next;
    throw failure!;
  };
  return { worker, receive };
}

/** Runs a one-result task in a worker and returns its result. */
export async function runUntrusted<R>(
  ref: TaskRef,
  input: unknown,
  limits: UntrustedLimits = {},
): Promise<R> {
  const { worker, receive } = startWorker(ref, input, limits, 1);
  try {
    const m = await receive();
    if (m.type === 'done') return m.result as R;
    if (m.type === 'error') throw rebuild(m.error);
    throw new Error(`task ${ref.name} streamed items; use streamUntrusted`);
  } finally {
    await worker.terminate();
  }
}

/**
 * Runs a task that is an async generator in a worker, yielding its items here. The worker reads one
 * batch ahead, then waits to be asked: memory on both sides stays at about two batches.
 */
export async function* streamUntrusted<T>(
  ref: TaskRef,
  input: unknown,
  options: StreamOptions = {},
): AsyncGenerator<T, void, undefined> {
  const { worker, receive } = startWorker(ref, input, options, options.batchSize ?? 500);
  try {
    worker.postMessage({ type: 'pull' });
    for (;;) {
      const m = await receive();
      if (m.type === 'error') throw rebuild(m.error);
      if (m.type === 'done') return;
      worker.postMessage({ type: 'pull' });
      yield* m.items as T[];
    }
  } finally {
    await worker.terminate();
  }
}
