import { and, eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import { signups, type WorksLink } from '../../db/schema';
import type { Viewer } from '../../platform/access/viewer';
import { inScope } from '../../platform/access/scope';
import { notFound } from '../../platform/http/errors';

type Scope = Pick<Viewer, 'unitPath'>;

/** A list of ids as one array parameter: the SQL text stays the same whatever the batch's size. */
const idArray = (ids: number[]) => sql`${`{${ids.join(',')}}`}::int[]`;
type Status = 'pending' | 'accepted' | 'merged' | 'declined' | 'withdrawn';

export type SignupRow = {
  id: number;
  unitId: number;
  unitName: string;
  unitPath: string;
  pageId: number;
  pageTitle: string;
  channel: string;
  name: string;
  gender: 'male' | 'female' | null;
  birthDate: string | null;
  phoneEnc: string | null;
  placeName: string | null;
  categoryName: string | null;
  field: string | null;
  ageBand: 'adult' | 'minor' | 'child';
  status: Status;
  duplicate: boolean;
  forwardedFromUnitName: string | null;
  selfEditedAt: Date | string | null;
  createdAt: Date | string;
  version: number;
};

export type SignupFullRow = Omit<SignupRow, 'duplicate'> & {
  pageUnitId: number;
  idNumberEnc: string | null;
  idNumberIdx: string | null;
  phoneIdx: string | null;
  placeUnitId: number | null;
  categoryId: number | null;
  platformOrg: string | null;
  worksLinks: WorksLink[];
  needs: number[];
  needsText: string | null;
  dream: string | null;
  decisionReason: string | null;
  decidedByName: string | null;
  decidedAt: Date | string | null;
  youthId: number | null;
  lockedFields: string[];
};

/**
 * The registry already holds someone with this ID number or phone (not the record the sign-up became).
 * Correlated per row and answered from the blind-index indexes: the list stays one query.
 */
const DUPLICATE = sql`(
  (s.id_number_idx is not null and exists (select 1 from youth dy
     where dy.id_number_idx = s.id_number_idx and dy.id is distinct from s.youth_id))
  or (s.phone_idx is not null and exists (select 1 from youth dp
     where dp.phone_idx = s.phone_idx and dp.id is distinct from s.youth_id)))`;

const LIST_COLUMNS = sql`s.id, s.unit_id as "unitId", u.name as "unitName", u.path as "unitPath",
  s.page_id as "pageId", p.title as "pageTitle", s.channel, s.name, s.gender, s.birth_date::text as "birthDate",
  s.phone_enc as "phoneEnc", pl.name as "placeName", c.label as "categoryName", s.field, s.age_band as "ageBand",
  s.status, fu.name as "forwardedFromUnitName", s.self_edited_at as "selfEditedAt", s.created_at as "createdAt",
  s.version`;

const FULL_COLUMNS = sql`${LIST_COLUMNS}, p.unit_id as "pageUnitId", s.id_number_enc as "idNumberEnc",
  s.id_number_idx as "idNumberIdx", s.phone_idx as "phoneIdx", s.place_unit_id as "placeUnitId",
  s.category_id as "categoryId", s.platform_org as "platformOrg", s.works_links as "worksLinks", s.needs,
  s.needs_text as "needsText", s.dream, s.decision_reason as "decisionReason", du.display_name as "decidedByName",
  s.decided_at as "decidedAt", s.youth_id as "youthId", s.locked_fields as "lockedFields"`;

const FROM = sql`signups s join units u on u.id = s.unit_id join signup_pages p on p.id = s.page_id
  left join units pl on pl.id = s.place_unit_id left join dict_items c on c.id = s.category_id
  left join units fu on fu.id = s.forwarded_from_unit_id left join users du on du.id = s.decided_by`;

export type SignupConditions = {
  status?: Status | null;
  pageId?: number | null;
  channel?: string | null;
  ageBand?: 'adult' | 'minor' | 'child' | null;
  duplicatesOnly?: boolean;
  /** Name (contains), or an exact blind-index match on ID number or phone. */
  namePattern?: string;
  idNumberIdx?: string;
  phoneIdx?: string;
};

function whereOf(scope: Scope, f: SignupConditions): SQL {
  const c: SQL[] = [inScope(sql`s.unit_id`, scope)];
  if (f.status) c.push(sql`s.status = ${f.status}`);
  if (f.pageId) c.push(sql`s.page_id = ${f.pageId}`);
  if (f.channel) c.push(sql`s.channel = ${f.channel}`);
  if (f.ageBand) c.push(sql`s.age_band = ${f.ageBand}`);
  if (f.duplicatesOnly) c.push(DUPLICATE);
  const keyword: SQL[] = [];
  if (f.namePattern) keyword.push(sql`s.name like ${f.namePattern}`);
  if (f.idNumberIdx) keyword.push(sql`s.id_number_idx = ${f.idNumberIdx}`);
  if (f.phoneIdx) keyword.push(sql`s.phone_idx = ${f.phoneIdx}`);
  if (keyword.length) c.push(sql`(${sql.join(keyword, sql` or `)})`);
  return sql.join(c, sql` and `);
}

export async function searchSignupRows(
  db: Db,
  scope: Scope,
  f: SignupConditions,
  page: { limit: number; offset: number },
): Promise<{ rows: SignupRow[]; total: number }> {
  const where = whereOf(scope, f);
  const [rows, [count]] = await Promise.all([
    queryRows<SignupRow>(
      db,
      sql`select ${LIST_COLUMNS}, ${DUPLICATE} as duplicate from ${FROM} where ${where}
          order by (s.status = 'pending') desc, s.created_at desc, s.id desc limit ${page.limit} offset ${page.offset}`,
    ),
    queryRows<{ n: number }>(db, sql`select count(*)::int as n from signups s where ${where}`),
  ]);
  return { rows, total: count.n };
}

export async function findSignup(db: Db, scope: Scope, id: number): Promise<SignupFullRow> {
  const rows = await queryRows<SignupFullRow>(
    db,
    sql`select ${FULL_COLUMNS} from ${FROM} where s.id = ${id} and ${inScope(sql`s.unit_id`, scope)}`,
  );
  if (!rows[0]) throw notFound('报名');
  return rows[0];
}

/** The viewer's sign-ups among `ids`, unlocked: a batch's scope check before anything is written. */
export function signupsInScope(db: Db, scope: Scope, ids: number[]) {
  return queryRows<{ id: number; name: string }>(
    db,
    sql`select s.id, s.name from signups s where s.id = any(${idArray(ids)}) and ${inScope(sql`s.unit_id`, scope)}`,
  );
}

/**
 * Locks the viewer's sign-ups among `ids` for a decision, in id order (overlapping batches wait for
 * each other instead of deadlocking). Those outside the scope are not returned: the caller compares.
 */
export function lockSignups(db: Db, scope: Scope, ids: number[]): Promise<SignupFullRow[]> {
  return queryRows<SignupFullRow>(
    db,
    sql`select ${FULL_COLUMNS} from ${FROM} where s.id = any(${idArray(ids)}) and ${inScope(sql`s.unit_id`, scope)}
        order by s.id for update of s`,
  );
}

/** The ids among `ids` that the registry already holds by ID number or phone: one query for a batch. */
export async function duplicateIds(db: Db, ids: number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const rows = await queryRows<{ id: number }>(
    db,
    sql`select s.id from signups s where s.id = any(${idArray(ids)}) and ${DUPLICATE}`,
  );
  return new Set(rows.map((r) => r.id));
}

/** The public side: a sign-up found by its receipt code alone, locked when it is about to change. */
export async function findByReceipt(db: Db, receiptIdx: string, lock = false): Promise<SignupFullRow | null> {
  const rows = await queryRows<SignupFullRow>(
    db,
    sql`select ${FULL_COLUMNS} from ${FROM} where s.receipt_idx = ${receiptIdx} ${lock ? sql`for update of s` : sql``}`,
  );
  return rows[0] ?? null;
}

export type SignupValues = Omit<typeof signups.$inferInsert, 'id' | 'createdAt' | 'updatedAt' | 'version'>;

export async function insertSignup(db: Db, values: SignupValues): Promise<number> {
  const [row] = await db.insert(signups).values(values).returning({ id: signups.id });
  return row.id;
}

export async function updateSignupRow(
  db: Db,
  id: number,
  version: number,
  values: Partial<SignupValues>,
): Promise<boolean> {
  const rows = await db
    .update(signups)
    .set({ ...values, version: sql`${signups.version} + 1`, updatedAt: new Date() })
    .where(and(eq(signups.id, id), eq(signups.version, version)))
    .returning({ id: signups.id });
  return rows.length === 1;
}

export async function unitById(db: Db, id: number) {
  const rows = await queryRows<{ id: number; name: string; path: string }>(
    db,
    sql`select id, name, path from units where id = ${id}`,
  );
  return rows[0] ?? null;
}

/** The national 来源 item every accepted sign-up is registered under. */
export async function onlineSourceId(db: Db): Promise<number | null> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`select id from dict_items where dict_type = 'source' and label = '线上招募' and unit_id is null
        and enabled order by id limit 1`,
  );
  return rows[0]?.id ?? null;
}

/** The category and need items a unit's public form offers: national ones and those of the unit or above. */
export async function publicOptions(db: Db, unitIdsOnPath: number[]) {
  return queryRows<{ id: number; label: string; dictType: 'category' | 'need' }>(
    db,
    sql`select d.id, d.label, d.dict_type as "dictType" from dict_items d
        where d.dict_type in ('category', 'need') and d.enabled
          and (d.unit_id is null or d.unit_id in ${unitIdsOnPath.length ? unitIdsOnPath : [0]})
        order by d.dict_type, d.sort_order, d.id`,
  );
}
