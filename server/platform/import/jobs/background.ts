import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { AppError } from '../../http/errors';
import * as repo from './jobs.repo';
import * as rows from './rows.repo';
import type { ImportScope } from './types';

const HEARTBEAT_MS = 5_000;

/** This server process: jobs it runs carry it as their owner. */
export const INSTANCE_ID = randomUUID();

/** Jobs whose worker runs in this process now. */
const running = new Set<number>();
export const runningJobs = (): ReadonlySet<number> => running;

const inFlight = new Set<Promise<void>>();

/**
 * Starts work that outlives the request. Errors end up on the job; one that cannot even be recorded
 * (the database went away, the process is stopping) is logged, never left unhandled to kill the process.
 */
export function runInBackground(work: () => Promise<void>, log: FastifyBaseLogger) {
  const p = work()
    .catch((err: unknown) => log.error({ err }, 'import job could not record its outcome'))
    .finally(() => inFlight.delete(p));
  inFlight.add(p);
}

/** Waits for every background job of this process (tests; a graceful shutdown). */
export async function settleImportJobs(): Promise<void> {
  while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
}

/** Marks the job as this process's and beats its heart until the returned function is called. */
export function keepAlive(scope: ImportScope) {
  running.add(scope.jobId);
  const timer = setInterval(() => {
    void repo.updateJob(scope.db, scope.jobId, {}).catch(() => undefined);
  }, HEARTBEAT_MS);
  timer.unref();
  return () => {
    clearInterval(timer);
    running.delete(scope.jobId);
  };
}

export const userMessage = (err: unknown, fallback: string) =>
  err instanceof AppError ? err.message : fallback;

/** Empties a job's staging in the background: all of it, or all but the rows its error report needs. */
export function dropStaging(
  scope: Pick<ImportScope, 'db' | 'jobId'>,
  keepErrors: boolean,
  log: FastifyBaseLogger,
) {
  runInBackground(async () => {
    await rows.deleteStagedRows(scope.db, scope.jobId, { keepErrors });
  }, log);
}
