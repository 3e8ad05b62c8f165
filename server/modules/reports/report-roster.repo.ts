import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import { escapeLike } from '../../platform/search/like';
import type { RosterPerson } from '../youth/youth-export.service';
import { intArray } from './report-completeness.repo';

/**
 * The 花名册 snapshot of a submission. Entries copy the registry's fields, ciphertext included (ID
 * number and phone stay encrypted and are masked on the way out), so an accepted roster stays what was
 * accepted while the registry moves on. Each entry carries the submission's unit (its scope) and the
 * name of the unit keeping the person.
 */

const ENTRY_COLUMNS = sql.raw(`submission_id, unit_id, youth_id, seq, kept_by, name, gender, ethnicity,
  birth_date, id_number_enc, phone_enc, political_status, education, category, occupation, platform_org,
  works_achievements, remark`);

const PERSON_FIELDS = sql.raw(`y.name, y.gender, y.ethnicity, y.birth_date, y.id_number_enc, y.phone_enc,
  y.political_status, y.education, d.label, y.occupation, y.platform_org, y.works_achievements, y.remark`);

export async function clearRoster(db: Db, submissionId: number): Promise<void> {
  await db.execute(sql`delete from report_roster_entries where submission_id = ${submissionId}`);
}

/** 本级及下级: every key target kept by the unit or a unit below it, by unit code then name. */
export async function fillFromRegistry(
  db: Db,
  s: { id: number; unitId: number; unitPath: string },
): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`with ins as (
          insert into report_roster_entries (${ENTRY_COLUMNS})
          select ${s.id}::int, ${s.unitId}::int, y.id, row_number() over (order by ku.code, y.name_pinyin, y.id),
            ku.name, ${PERSON_FIELDS}
          from youth y join units ku on ku.id = y.unit_id left join dict_items d on d.id = y.category_id
          where y.stage = 'key' and ku.path like ${escapeLike(s.unitPath) + '%'}
          returning 1
        ) select count(*)::int as n from ins`,
  );
  return rows[0].n;
}

/**
 * 汇总: the unit's own key targets, then the entries of the accepted rosters it reviewed, each person
 * once (by registry id; the unit's own row wins, then the first roster by unit code).
 */
export async function fillConsolidated(
  db: Db,
  s: { id: number; unitId: number },
  acceptedIds: number[],
): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`with own as (
          select 0 as prio, ''::text as code, row_number() over (order by y.name_pinyin, y.id) as inner_seq,
            0 as entry_key, y.id as youth_id, ku.name as kept_by, ${PERSON_FIELDS}
          from youth y join units ku on ku.id = y.unit_id left join dict_items d on d.id = y.category_id
          where y.stage = 'key' and y.unit_id = ${s.unitId}
        ), below as (
          select 1, lu.code, e.seq, -e.id, e.youth_id, e.kept_by, e.name, e.gender, e.ethnicity, e.birth_date,
            e.id_number_enc, e.phone_enc, e.political_status, e.education, e.category, e.occupation,
            e.platform_org, e.works_achievements, e.remark
          from report_roster_entries e join report_submissions ls on ls.id = e.submission_id
            join units lu on lu.id = ls.unit_id
          where e.submission_id = any(${intArray(acceptedIds)})
        ), everyone as (select * from own union all select * from below),
        unique_people as (
          select distinct on (coalesce(youth_id, entry_key)) * from everyone
          order by coalesce(youth_id, entry_key), prio, code, inner_seq
        ), ins as (
          insert into report_roster_entries (${ENTRY_COLUMNS})
          select ${s.id}::int, ${s.unitId}::int, youth_id, row_number() over (order by prio, code, inner_seq), kept_by,
            name, gender, ethnicity, birth_date, id_number_enc, phone_enc, political_status, education, label,
            occupation, platform_org, works_achievements, remark
          from unique_people
          returning 1
        ) select count(*)::int as n from ins`,
  );
  return rows[0].n;
}

export type EntryRow = RosterPerson & { seq: number; keptBy: string; submissionId: number };

const ENTRY_SELECT = sql`e.submission_id as "submissionId", e.seq, e.kept_by as "keptBy", e.name, e.gender,
  e.ethnicity, e.birth_date::text as "birthDate", e.id_number_enc as "idNumberEnc", e.phone_enc as "phoneEnc",
  e.political_status as "politicalStatus", e.education, e.category, e.occupation, e.platform_org as "platformOrg",
  e.works_achievements as "worksAchievements", e.remark`;

export async function entryPage(
  db: Db,
  submissionId: number,
  q: string | undefined,
  page: { limit: number; offset: number },
): Promise<{ rows: EntryRow[]; total: number }> {
  const where: SQL = q
    ? sql`e.submission_id = ${submissionId} and (e.name like ${`%${escapeLike(q)}%`} or e.kept_by like ${`%${escapeLike(q)}%`})`
    : sql`e.submission_id = ${submissionId}`;
  const rows = await queryRows<EntryRow>(
    db,
    sql`select ${ENTRY_SELECT} from report_roster_entries e where ${where}
        order by e.seq limit ${page.limit} offset ${page.offset}`,
  );
  const [count] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from report_roster_entries e where ${where}`,
  );
  return { rows, total: count.n };
}

/** Every entry of the given submissions, by submission order given then seq (exports). */
export async function entriesOf(db: Db, submissionIds: number[]): Promise<EntryRow[]> {
  if (!submissionIds.length) return [];
  return queryRows<EntryRow>(
    db,
    sql`select ${ENTRY_SELECT} from report_roster_entries e
        where e.submission_id = any(${intArray(submissionIds)})
        order by array_position(${intArray(submissionIds)}, e.submission_id), e.seq`,
  );
}
