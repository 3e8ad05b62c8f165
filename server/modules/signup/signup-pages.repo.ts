import { and, eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import { signupPages } from '../../db/schema';
import type { Viewer } from '../../platform/access/viewer';
import { inScope } from '../../platform/access/scope';
import { notFound } from '../../platform/http/errors';

type Scope = Pick<Viewer, 'unitPath'>;

export type PageRow = {
  id: number;
  unitId: number;
  unitName: string;
  unitPath: string;
  slug: string;
  title: string;
  intro: string;
  status: 'draft' | 'open' | 'closed';
  opensAt: Date | string | null;
  closesAt: Date | string | null;
  version: number;
  createdAt: Date | string;
};

const COLUMNS = sql`p.id, p.unit_id as "unitId", u.name as "unitName", u.path as "unitPath", p.slug, p.title,
  p.intro, p.status, p.opens_at as "opensAt", p.closes_at as "closesAt", p.version, p.created_at as "createdAt"`;

export const PAGE_ORDER: Record<string, SQL> = { createdAt: sql`p.created_at`, title: sql`p.title` };

export async function listPageRows(
  db: Db,
  scope: Scope,
  o: { unitPath?: string; order: SQL; limit: number; offset: number },
): Promise<{ rows: PageRow[]; total: number }> {
  const where = sql.join(
    [
      inScope(sql`p.unit_id`, scope),
      ...(o.unitPath ? [inScope(sql`p.unit_id`, { unitPath: o.unitPath })] : []),
    ],
    sql` and `,
  );
  const rows = await queryRows<PageRow & { total: number }>(
    db,
    sql`select ${COLUMNS}, count(*) over ()::int as total from signup_pages p join units u on u.id = p.unit_id
        where ${where} order by ${o.order}, p.id desc limit ${o.limit} offset ${o.offset}`,
  );
  return { rows, total: rows[0]?.total ?? 0 };
}

export async function findPage(db: Db, scope: Scope, id: number): Promise<PageRow> {
  const rows = await queryRows<PageRow>(
    db,
    sql`select ${COLUMNS} from signup_pages p join units u on u.id = p.unit_id
        where p.id = ${id} and ${inScope(sql`p.unit_id`, scope)}`,
  );
  if (!rows[0]) throw notFound('招募页面');
  return rows[0];
}

/** The public side finds a page by its address only; drafts are not public. */
export async function findPublishedPageBySlug(db: Db, slug: string): Promise<PageRow | null> {
  const rows = await queryRows<PageRow>(
    db,
    sql`select ${COLUMNS} from signup_pages p join units u on u.id = p.unit_id
        where p.slug = ${slug} and p.status <> 'draft'`,
  );
  return rows[0] ?? null;
}

export type PageCounts = { pageId: number; status: string; channel: string; n: number };

/** Sign-ups per page, status and channel for a set of pages: one grouped query. */
export async function countsByPage(db: Db, pageIds: number[]): Promise<PageCounts[]> {
  if (!pageIds.length) return [];
  return queryRows<PageCounts>(
    db,
    sql`select page_id as "pageId", status, channel, count(*)::int as n from signups
        where page_id in ${pageIds} group by page_id, status, channel`,
  );
}

export type PageValues = Omit<typeof signupPages.$inferInsert, 'id' | 'createdAt' | 'updatedAt' | 'version'>;

export async function insertPage(db: Db, values: PageValues): Promise<number> {
  const [row] = await db.insert(signupPages).values(values).returning({ id: signupPages.id });
  return row.id;
}

export async function updatePageRow(
  db: Db,
  id: number,
  version: number,
  values: Partial<PageValues>,
): Promise<boolean> {
  const rows = await db
    .update(signupPages)
    .set({ ...values, version: sql`${signupPages.version} + 1`, updatedAt: new Date() })
    .where(and(eq(signupPages.id, id), eq(signupPages.version, version)))
    .returning({ id: signupPages.id });
  return rows.length === 1;
}
