import { and, eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import { trainingInstitutions } from '../../db/schema';
import { inScope } from '../../platform/access/scope';
import type { Viewer } from '../../platform/access/viewer';
import { escapeLike } from '../../platform/search/like';
import { notFound } from '../../platform/http/errors';

type Scope = Pick<Viewer, 'unitPath'>;

export type InstitutionRow = {
  id: number;
  unitId: number;
  unitName: string;
  name: string;
  kind: string;
  backing: string | null;
  contactName: string | null;
  contactPhoneEnc: string | null;
  address: string | null;
  remark: string | null;
  enabled: boolean;
  classCount: number;
  version: number;
};

const COLUMNS = sql`i.id, i.unit_id as "unitId", u.name as "unitName", i.name, i.kind, i.backing,
  i.contact_name as "contactName", i.contact_phone_enc as "contactPhoneEnc", i.address, i.remark, i.enabled,
  (select count(*)::int from training_classes c where c.institution_id = i.id) as "classCount", i.version`;

export async function listInstitutionRows(
  db: Db,
  scope: Scope,
  q: { q?: string; enabledOnly?: boolean; limit: number; offset: number },
): Promise<{ rows: InstitutionRow[]; total: number }> {
  const conds = [inScope(sql`i.unit_id`, scope)];
  if (q.q) {
    const like = `%${escapeLike(q.q)}%`;
    conds.push(sql`(i.name ilike ${like} or i.backing ilike ${like} or i.contact_name ilike ${like})`);
  }
  if (q.enabledOnly) conds.push(sql`i.enabled`);
  const where = sql.join(conds, sql` and `);
  const rows = await queryRows<InstitutionRow>(
    db,
    sql`select ${COLUMNS} from training_institutions i join units u on u.id = i.unit_id
        where ${where} order by i.enabled desc, i.name, i.id limit ${q.limit} offset ${q.offset}`,
  );
  const count = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from training_institutions i where ${where}`,
  );
  return { rows, total: count[0].n };
}

export async function findInstitution(db: Db, scope: Scope, id: number): Promise<InstitutionRow> {
  const rows = await queryRows<InstitutionRow>(
    db,
    sql`select ${COLUMNS} from training_institutions i join units u on u.id = i.unit_id
        where i.id = ${id} and ${inScope(sql`i.unit_id`, scope)}`,
  );
  if (!rows[0]) throw notFound('培训机构');
  return rows[0];
}

export type InstitutionValues = Omit<
  typeof trainingInstitutions.$inferInsert,
  'id' | 'createdAt' | 'updatedAt' | 'version'
>;

export async function insertInstitution(db: Db, values: InstitutionValues): Promise<number> {
  const [row] = await db
    .insert(trainingInstitutions)
    .values(values)
    .returning({ id: trainingInstitutions.id });
  return row.id;
}

export async function updateInstitutionRow(
  db: Db,
  id: number,
  version: number,
  values: Partial<InstitutionValues>,
): Promise<boolean> {
  const rows = await db
    .update(trainingInstitutions)
    .set({ ...values, version: sql`${trainingInstitutions.version} + 1`, updatedAt: new Date() })
    .where(and(eq(trainingInstitutions.id, id), eq(trainingInstitutions.version, version)))
    .returning({ id: trainingInstitutions.id });
  return rows.length === 1;
}

export async function deleteInstitutionRow(db: Db, id: number) {
  await db.delete(trainingInstitutions).where(eq(trainingInstitutions.id, id));
}
