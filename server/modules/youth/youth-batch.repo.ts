import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import type { Viewer } from '../../platform/access/viewer';
import { whereOf } from './youth.repo';

export type BatchYouthRow = {
  id: number;
  unitId: number;
  stage: 'contact' | 'key';
  version: number;
  name: string;
  tags: string[];
};

/**
 * Locks the viewer's records among `ids` for a batch change, in id order (two batches over
 * overlapping selections then wait for each other instead of deadlocking). Records outside the
 * scope are simply not returned: the caller compares the count.
 */
export function lockYouthRows(db: Db, scope: Pick<Viewer, 'unitPath'>, ids: number[]) {
  return queryRows<BatchYouthRow>(
    db,
    sql`select y.id, y.unit_id as "unitId", y.stage, y.version, y.name, y.tags from youth y
        where ${whereOf(scope, [sql`y.id in ${ids}`])} order by y.id for update`,
  );
}
