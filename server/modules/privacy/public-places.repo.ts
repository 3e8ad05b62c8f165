import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';

export type PlaceRow = {
  id: number;
  name: string;
  level: 'central' | 'province' | 'city' | 'county';
  hasChildren: boolean;
};

/**
 * The unit tree as places to live in, for the public forms: the provinces, or one unit's children.
 * Names and levels only; nothing a unit keeps is reachable from here.
 */
export function places(db: Db, parentId: number | undefined): Promise<PlaceRow[]> {
  const where = parentId === undefined ? sql`u.level = 'province'` : sql`u.parent_id = ${parentId}`;
  return queryRows<PlaceRow>(
    db,
    sql`select u.id, u.name, u.level,
               exists (select 1 from units c where c.parent_id = u.id) as "hasChildren"
          from units u
         where ${where}
         order by u.sort_order, u.code`,
  );
}
