/** Messages between the main thread and an untrusted-task worker. */

/** What the worker is started with (workerData). */
export type TaskStart = {
  /** The task module's file URL. */
  module: string;
  /** Its export: an async function (one result) or an async generator function (a stream of items). */
  name: string;
  input: unknown;
  /** Stream tasks: items per batch. */
  batchSize: number;
};

/** Main → worker: send the next batch (a stream task does no work until asked). */
export type PullMessage = { type: 'pull' };

export type SerialisedError = { message: string; status?: number; code?: string; name?: string };

/** Worker → main. */
export type WorkerMessage =
  | { type: 'items'; items: unknown[] }
  | { type: 'done'; result: unknown }
  | { type: 'error'; error: SerialisedError };
