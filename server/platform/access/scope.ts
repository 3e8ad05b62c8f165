import { sql, type SQL, type AnyColumn } from 'drizzle-orm';
import type { Viewer } from './viewer';
import { queryRows, type Db } from '../../db/client';
import { notFound } from '../http/errors';

/**
 * Data scope: a viewer sees their own unit and every unit below it. Repositories call this where
 * they build a query; a unit-owned table filters on its unit_id column.
 */
export function inScope(unitIdColumn: AnyColumn | SQL, viewer: Pick<Viewer, 'unitPath'>): SQL {
  return sql`${unitIdColumn} in (select su.id from units su where su.path like ${viewer.unitPath + '%'})`;
}

/** True when the unit path lies within the viewer's subtree. */
export function pathInScope(path: string, viewer: Pick<Viewer, 'unitPath'>): boolean {
  return path.startsWith(viewer.unitPath);
}

/** Loads a unit's path, refusing (as not found, so existence does not leak) one outside the scope. */
export async function assertUnitInScope(db: Db, unitId: number, viewer: Pick<Viewer, 'unitPath'>) {
  const rows = await queryRows<{ path: string }>(db, sql`select path from units where id = ${unitId}`);
  const path = rows[0]?.path;
  if (!path || !pathInScope(path, viewer)) throw notFound('单位');
  return path;
}
