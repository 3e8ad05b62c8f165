import pg from 'pg';
import type { Db } from '../../../db/client';

/**
 * True on a PostgreSQL server (a pool of connections), false on the embedded database, whose one
 * connection runs on the main thread: how long a statement may hold it differs.
 */
export function onServer(db: Db): boolean {
  return (db as unknown as { $client?: unknown }).$client instanceof pg.Pool;
}
