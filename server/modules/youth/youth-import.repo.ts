import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import type { OnlineAccount } from '../../db/schema';
import { inScope } from '../../platform/access/scope';
import type { Viewer } from '../../platform/access/viewer';
import type { RowRange } from '../../platform/import/jobs/types';

type Scope = Pick<Viewer, 'unitPath'>;

/** A stored record as the import compares it with a row: identifiers by blind index only. */
export type ExistingYouth = {
  id: number;
  unitId: number;
  unitName: string;
  unitPath: string;
  name: string;
  gender: 'male' | 'female' | null;
  birthDate: string | null;
  idNumberIdx: string | null;
  phoneIdx: string | null;
  ethnicity: string | null;
  politicalStatus: string | null;
  education: string | null;
  residence: string | null;
  categoryId: number | null;
  occupation: string | null;
  platformOrg: string | null;
  worksAchievements: string | null;
  onlineAccounts: OnlineAccount[];
  sourceId: number | null;
  dream: string | null;
  needs: number[];
  needsText: string | null;
  tags: string[];
  remark: string | null;
  guardianConsent: boolean;
};

const COLUMNS = sql`y.id, y.unit_id as "unitId", u.name as "unitName", u.path as "unitPath", y.name, y.gender,
  y.birth_date::text as "birthDate", y.id_number_idx as "idNumberIdx", y.phone_idx as "phoneIdx", y.ethnicity,
  y.political_status as "politicalStatus", y.education, y.residence, y.category_id as "categoryId", y.occupation,
  y.platform_org as "platformOrg", y.works_achievements as "worksAchievements", y.online_accounts as "onlineAccounts",
  y.source_id as "sourceId", y.dream, y.needs, y.needs_text as "needsText", y.tags, y.remark,
  y.guardian_consent as "guardianConsent"`;
const FROM = sql`youth y join units u on u.id = y.unit_id`;

/**
 * A whole JS array as one bound parameter (drizzle would spread it into a parameter list), so the
 * statement text is the same for 1 row and 500: both drivers serialise the array themselves.
 */
function arrayParam<T>(type: 'text' | 'int' | 'date', rows: T[], pick: (row: T) => string | number): SQL {
  return sql`${sql.param(rows.map(pick))}::${sql.raw(type)}[]`;
}

/** Each key once: a name repeated in the file must not repeat the records it matches. */
function distinctBy<T>(items: T[], keyOf: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(keyOf(item))) seen.set(keyOf(item), item);
  return [...seen.values()];
}

/** Records with these ID numbers anywhere in the country (one person, one record). */
export async function findByIdTokens(db: Db, tokens: string[]): Promise<ExistingYouth[]> {
  if (tokens.length === 0) return [];
  const wanted = arrayParam('text', [...new Set(tokens)], (t) => t);
  return queryRows<ExistingYouth>(
    db,
    sql`select ${COLUMNS} from ${FROM} where y.id_number_idx = any(${wanted})`,
  );
}

/** Rows without an ID number are matched within the viewer's scope by name and phone, or name and birth date. */
export async function findByNameAnd(
  db: Db,
  scope: Scope,
  pairs: { name: string; phoneIdx?: string; birthDate?: string }[],
): Promise<ExistingYouth[]> {
  const byPhone = distinctBy(
    pairs.flatMap((p) => (p.phoneIdx ? [{ name: p.name, phoneIdx: p.phoneIdx }] : [])),
    (p) => `${p.name}|${p.phoneIdx}`,
  );
  const byBirth = distinctBy(
    pairs.flatMap((p) => (!p.phoneIdx && p.birthDate ? [{ name: p.name, birthDate: p.birthDate }] : [])),
    (p) => `${p.name}|${p.birthDate}`,
  );
  const found: ExistingYouth[] = [];
  if (byPhone.length) {
    const names = arrayParam('text', byPhone, (p) => p.name);
    const phones = arrayParam('text', byPhone, (p) => p.phoneIdx);
    found.push(
      ...(await queryRows<ExistingYouth>(
        db,
        sql`select ${COLUMNS} from unnest(${names}, ${phones}) as k(name, phone_idx)
              join youth y on y.phone_idx = k.phone_idx and y.name = k.name
              join units u on u.id = y.unit_id
             where ${inScope(sql`y.unit_id`, scope)}`,
      )),
    );
  }
  if (byBirth.length) {
    const names = arrayParam('text', byBirth, (p) => p.name);
    const births = arrayParam('date', byBirth, (p) => p.birthDate);
    found.push(
      ...(await queryRows<ExistingYouth>(
        db,
        sql`select ${COLUMNS} from unnest(${names}, ${births}) as k(name, birth_date)
              join youth y on y.name = k.name and y.birth_date = k.birth_date
              join units u on u.id = y.unit_id
             where ${inScope(sql`y.unit_id`, scope)}`,
      )),
    );
  }
  return found;
}

/** Rows with a name only match a record of the same unit that has nothing else to tell them apart either. */
export async function findByNameOnly(
  db: Db,
  pairs: { name: string; unitId: number }[],
): Promise<ExistingYouth[]> {
  if (pairs.length === 0) return [];
  const wanted = distinctBy(pairs, (p) => `${p.name}|${p.unitId}`);
  const names = arrayParam('text', wanted, (p) => p.name);
  const unitIds = arrayParam('int', wanted, (p) => p.unitId);
  return queryRows<ExistingYouth>(
    db,
    sql`select ${COLUMNS} from unnest(${names}, ${unitIds}) as k(name, unit_id)
          join youth y on y.name = k.name and y.unit_id = k.unit_id
          join units u on u.id = y.unit_id
         where y.id_number_idx is null and y.phone_idx is null and y.birth_date is null`,
  );
}

export type UnitChoice = { id: number; name: string; path: string; parentName: string | null };

export async function unitsUnder(db: Db, path: string): Promise<UnitChoice[]> {
  return queryRows<UnitChoice>(
    db,
    sql`select u.id, u.name, u.path, p.name as "parentName"
          from units u left join units p on p.id = u.parent_id
         where u.path like ${`${path}%`}`,
  );
}

/** The staged rows of one chunk (alias r); bound values only, so the text is the same for every chunk. */
const inRange = (range: RowRange) =>
  sql`r.row_number > ${range.after}::int and r.row_number <= ${range.through}::int`;

/** New rows whose ID number was registered after the preview (by anyone, anywhere). */
export async function newRowsNowRegistered(db: Db, jobId: number, range: RowRange) {
  return queryRows<{ rowNumber: number; unitName: string; unitPath: string }>(
    db,
    sql`select r.row_number as "rowNumber", u.name as "unitName", u.path as "unitPath"
          from import_job_rows r
          join youth y on y.id_number_idx = r.payload->>'idNumberIdx'
          join units u on u.id = y.unit_id
         where r.job_id = ${jobId} and r.action = 'new' and ${inRange(range)}`,
  );
}

/** Update rows whose record has left the viewer's scope since the preview (transferred away). */
export async function updateRowsOutOfScope(db: Db, jobId: number, scope: Scope, range: RowRange) {
  return queryRows<{ rowNumber: number }>(
    db,
    sql`select r.row_number as "rowNumber" from import_job_rows r join youth y on y.id = r.target_id
         where r.job_id = ${jobId} and r.action = 'update' and ${inRange(range)}
           and not ${inScope(sql`y.unit_id`, scope)}`,
  );
}

const textArray = (json: SQL) => sql`array(select jsonb_array_elements_text(${json}))`;
const intArray = (json: SQL) => sql`array(select (jsonb_array_elements_text(${json}))::int)`;

/** Copies a chunk's new rows into the registry in file order; one statement however many rows. */
export async function insertNewRows(
  db: Db,
  jobId: number,
  createdBy: number,
  range: RowRange,
): Promise<number> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`insert into youth (unit_id, name, name_pinyin, name_initials, gender, birth_date, ethnicity,
          id_number_enc, id_number_idx, phone_enc, phone_idx, political_status, education, residence,
          category_id, occupation, platform_org, works_achievements, online_accounts, source_id, dream,
          needs, needs_text, tags, remark, guardian_consent, created_by)
        select (p->>'unitId')::int, p->>'name', p->>'namePinyin', p->>'nameInitials', p->>'gender',
               (p->>'birthDate')::date, p->>'ethnicity', p->>'idNumberEnc', p->>'idNumberIdx',
               p->>'phoneEnc', p->>'phoneIdx', p->>'politicalStatus', p->>'education', p->>'residence',
               (p->>'categoryId')::int, p->>'occupation', p->>'platformOrg', p->>'worksAchievements',
               coalesce(p->'onlineAccounts', '[]'::jsonb), (p->>'sourceId')::int, p->>'dream',
               ${intArray(sql`coalesce(p->'needs', '[]'::jsonb)`)}, p->>'needsText',
               ${textArray(sql`coalesce(p->'tags', '[]'::jsonb)`)}, p->>'remark',
               coalesce((p->>'guardianConsent')::boolean, false), ${createdBy}::int
          from (select payload as p, r.row_number from import_job_rows r
                 where r.job_id = ${jobId} and r.action = 'new' and ${inRange(range)}
                 order by r.row_number) staged
         order by staged.row_number
        returning id`,
  );
  return rows.length;
}

/** Applies a chunk's update rows: a key present in the payload overwrites, tags are added to. */
export async function applyUpdateRows(db: Db, jobId: number, scope: Scope, range: RowRange): Promise<number> {
  const keep = (column: string, key: string, cast = '') =>
    sql.raw(`${column} = case when p ? '${key}' then (p->>'${key}')${cast} else y.${column} end`);
  const rows = await queryRows<{ id: number }>(
    db,
    sql`update youth y set
          ${keep('name', 'name')}, ${keep('name_pinyin', 'namePinyin')}, ${keep('name_initials', 'nameInitials')},
          ${keep('gender', 'gender')}, ${keep('birth_date', 'birthDate', '::date')}, ${keep('ethnicity', 'ethnicity')},
          ${keep('id_number_enc', 'idNumberEnc')}, ${keep('id_number_idx', 'idNumberIdx')},
          ${keep('phone_enc', 'phoneEnc')}, ${keep('phone_idx', 'phoneIdx')},
          ${keep('political_status', 'politicalStatus')}, ${keep('education', 'education')},
          ${keep('residence', 'residence')}, ${keep('category_id', 'categoryId', '::int')},
          ${keep('occupation', 'occupation')}, ${keep('platform_org', 'platformOrg')},
          ${keep('works_achievements', 'worksAchievements')}, ${keep('source_id', 'sourceId', '::int')},
          ${keep('dream', 'dream')}, ${keep('needs_text', 'needsText')}, ${keep('remark', 'remark')},
          ${keep('guardian_consent', 'guardianConsent', '::boolean')},
          online_accounts = case when p ? 'onlineAccounts' then p->'onlineAccounts' else y.online_accounts end,
          needs = case when p ? 'needs' then ${intArray(sql`p->'needs'`)} else y.needs end,
          tags = case when p ? 'tags'
                 then array(select distinct t from unnest(y.tags || ${textArray(sql`p->'tags'`)}) t)
                 else y.tags end,
          updated_at = now(), version = y.version + 1
        from (select r.target_id, r.payload as p from import_job_rows r
               where r.job_id = ${jobId} and r.action = 'update' and ${inRange(range)}) staged
        where y.id = staged.target_id and ${inScope(sql`y.unit_id`, scope)}
        returning y.id`,
  );
  return rows.length;
}
