import { and, eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import { youth, type OnlineAccount } from '../../db/schema';
import type { Viewer } from '../../platform/access/viewer';
import { inScope } from '../../platform/access/scope';
import { notFound } from '../../platform/http/errors';

type Scope = Pick<Viewer, 'unitPath'>;

export type YouthRow = {
  id: number;
  unitId: number;
  unitName: string;
  unitPath: string;
  name: string;
  gender: 'male' | 'female' | null;
  birthDate: string | null;
  idNumberEnc: string | null;
  phoneEnc: string | null;
  categoryId: number | null;
  categoryLabel: string | null;
  occupation: string | null;
  stage: 'contact' | 'key';
  tags: string[];
  lastContactAt: Date | string | null;
  version: number;
};

export type YouthDetailRow = YouthRow & {
  ethnicity: string | null;
  politicalStatus: string | null;
  education: string | null;
  residence: string | null;
  platformOrg: string | null;
  worksAchievements: string | null;
  onlineAccounts: OnlineAccount[];
  sourceId: number | null;
  sourceLabel: string | null;
  dream: string | null;
  needs: number[];
  needsText: string | null;
  remark: string | null;
  guardianConsent: boolean;
  createdAt: Date | string;
  updatedAt: Date | string;
};

/** Columns the list and exports show; ciphertexts are selected only so the presenter can mask them. */
const LIST_COLUMNS = sql`y.id, y.unit_id as "unitId", u.name as "unitName", u.path as "unitPath", y.name, y.gender,
  y.birth_date::text as "birthDate", y.id_number_enc as "idNumberEnc", y.phone_enc as "phoneEnc",
  y.category_id as "categoryId", c.label as "categoryLabel", y.occupation, y.stage, y.tags,
  y.last_contact_at as "lastContactAt", y.version`;

const DETAIL_COLUMNS = sql`${LIST_COLUMNS}, y.ethnicity, y.political_status as "politicalStatus", y.education,
  y.residence, y.platform_org as "platformOrg", y.works_achievements as "worksAchievements",
  y.online_accounts as "onlineAccounts", y.source_id as "sourceId", s.label as "sourceLabel", y.dream,
  y.needs, y.needs_text as "needsText", y.remark, y.guardian_consent as "guardianConsent",
  y.created_at as "createdAt", y.updated_at as "updatedAt"`;

const FROM = sql`youth y join units u on u.id = y.unit_id left join dict_items c on c.id = y.category_id`;

export type YouthQuery = {
  /** Resolved by the service: unit subtree, categories, age bounds, blind-index matches… */
  conditions: SQL[];
  order: SQL;
  limit: number;
  offset: number;
};

/** Every youth query goes through here: the viewer's scope is always the first condition. */
export function whereOf(scope: Scope, conditions: SQL[]): SQL {
  return sql.join([inScope(sql`y.unit_id`, scope), ...conditions], sql` and `);
}

export async function searchYouthRows(db: Db, scope: Scope, q: YouthQuery): Promise<YouthRow[]> {
  return queryRows<YouthRow>(
    db,
    sql`select ${LIST_COLUMNS} from ${FROM} where ${whereOf(scope, q.conditions)}
        order by ${q.order} limit ${q.limit} offset ${q.offset}`,
  );
}

/**
 * Counts at most `cap + 1` matching rows: the cost is bounded by the cap, not by the size of the
 * table, so a broad filter over a million people stays as cheap as a narrow one.
 */
export async function countYouthCapped(
  db: Db,
  scope: Scope,
  conditions: SQL[],
  cap: number,
): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from (select 1 from youth y where ${whereOf(scope, conditions)} limit ${cap + 1}) s`,
  );
  return rows[0].n;
}

export async function findYouthDetail(db: Db, scope: Scope, id: number): Promise<YouthDetailRow> {
  const rows = await queryRows<YouthDetailRow>(
    db,
    sql`select ${DETAIL_COLUMNS} from ${FROM} left join dict_items s on s.id = y.source_id
        where ${whereOf(scope, [sql`y.id = ${id}`])}`,
  );
  if (!rows[0]) throw notFound('青年记录');
  return rows[0];
}

/** Locks the row for a change; refuses (as not found) a record outside the viewer's scope. */
export async function lockYouth(db: Db, scope: Scope, id: number) {
  const rows = await queryRows<{
    id: number;
    unitId: number;
    stage: 'contact' | 'key';
    version: number;
    name: string;
  }>(
    db,
    sql`select y.id, y.unit_id as "unitId", y.stage, y.version, y.name from youth y
        where ${whereOf(scope, [sql`y.id = ${id}`])} for update`,
  );
  if (!rows[0]) throw notFound('青年记录');
  return rows[0];
}

export type KeeperRow = { id: number; name: string; unitId: number; unitName: string; unitPath: string };

/** A blind-index match anywhere in the country: for duplicate detection, deliberately unscoped. */
export async function findKeepersByIndex(db: Db, field: 'id_number_idx' | 'phone_idx', token: string) {
  return queryRows<KeeperRow>(
    db,
    sql`select y.id, y.name, y.unit_id as "unitId", u.name as "unitName", u.path as "unitPath"
        from youth y join units u on u.id = y.unit_id
        where ${sql.identifier(field)} = ${token} order by y.id limit 20`,
  );
}

export type YouthValues = Omit<typeof youth.$inferInsert, 'id' | 'createdAt' | 'updatedAt' | 'version'>;

export async function insertYouth(db: Db, values: YouthValues): Promise<number> {
  const [row] = await db.insert(youth).values(values).returning({ id: youth.id });
  return row.id;
}

export async function updateYouthRow(
  db: Db,
  id: number,
  version: number,
  values: Partial<YouthValues>,
): Promise<boolean> {
  const rows = await db
    .update(youth)
    .set({ ...values, version: sql`${youth.version} + 1`, updatedAt: new Date() })
    .where(and(eq(youth.id, id), eq(youth.version, version)))
    .returning({ id: youth.id });
  return rows.length === 1;
}

export async function loadSecrets(db: Db, id: number) {
  const rows = await db
    .select({ idNumberEnc: youth.idNumberEnc, phoneEnc: youth.phoneEnc })
    .from(youth)
    .where(eq(youth.id, id));
  return rows[0];
}

export type DictRef = { id: number; label: string; dictType: string; parentId: number | null };

/** Dictionary items by id that the viewer's unit may use: national ones and those of its unit or ancestors. */
export async function usableDictItems(db: Db, ids: number[], unitIdsOnPath: number[]): Promise<DictRef[]> {
  if (!ids.length) return [];
  return queryRows<DictRef>(
    db,
    sql`select d.id, d.label, d.dict_type as "dictType", d.parent_id as "parentId" from dict_items d
        where d.id in ${ids} and d.enabled
          and (d.unit_id is null or d.unit_id in ${unitIdsOnPath.length ? unitIdsOnPath : [0]})`,
  );
}

export async function dictLabels(db: Db, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await queryRows<{ id: number; label: string }>(
    db,
    sql`select id, label from dict_items where id in ${ids}`,
  );
  return new Map(rows.map((r) => [r.id, r.label]));
}

export async function unitPathOf(db: Db, unitId: number) {
  const rows = await queryRows<{ id: number; name: string; orgName: string; path: string }>(
    db,
    sql`select id, name, org_name as "orgName", path from units where id = ${unitId}`,
  );
  return rows[0] ?? null;
}

/** Rows for an export, with everything the 花名册 layout needs; capped by the caller. */
export async function exportYouthRows(db: Db, scope: Scope, q: YouthQuery): Promise<YouthDetailRow[]> {
  return queryRows<YouthDetailRow>(
    db,
    sql`select ${DETAIL_COLUMNS} from ${FROM} left join dict_items s on s.id = y.source_id
        where ${whereOf(scope, q.conditions)} order by ${q.order} limit ${q.limit} offset ${q.offset}`,
  );
}
