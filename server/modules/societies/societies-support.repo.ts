import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import type { SocietyChanges } from './societies.repo';

/** Contacts, backbones, recommendations and nomination seats of one society (already checked in scope). */

export type ContactRow = {
  id: number;
  date: string;
  kind: string;
  summary: string;
  createdBy: string | null;
  createdAt: Date | string;
};

export async function listContactRows(db: Db, societyId: number): Promise<ContactRow[]> {
  return queryRows<ContactRow>(
    db,
    sql`select c.id, c.date::text as date, c.kind, c.summary, us.display_name as "createdBy",
          c.created_at as "createdAt"
        from society_contacts c left join users us on us.id = c.created_by
        where c.society_id = ${societyId} order by c.date desc, c.id desc`,
  );
}

export async function insertContact(
  db: Db,
  v: { societyId: number; unitId: number; date: string; kind: string; summary: string; createdBy: number },
): Promise<number> {
  const [row] = await queryRows<{ id: number }>(
    db,
    sql`insert into society_contacts (society_id, unit_id, date, kind, summary, created_by)
        values (${v.societyId}, ${v.unitId}, ${v.date}, ${v.kind}, ${v.summary}, ${v.createdBy}) returning id`,
  );
  return row.id;
}

/** 最近联系 moves forward only: a record of an older visit does not set it back. */
export async function touchLastContact(db: Db, societyId: number, date: string) {
  await db.execute(
    sql`update youth_societies set last_contact_at = greatest(coalesce(last_contact_at, ${date}::date), ${date}::date)
        where id = ${societyId}`,
  );
}

export type BackboneRow = {
  youthId: number;
  name: string;
  category: string | null;
  stage: string;
  unit: string;
  role: string;
  note: string | null;
  trainingsCompleted: number;
  recommendations: number;
  addedAt: Date | string;
};

export async function listBackboneRows(db: Db, societyId: number, youthId?: number): Promise<BackboneRow[]> {
  return queryRows<BackboneRow>(
    db,
    sql`select b.youth_id as "youthId", y.name, cat.label as category, y.stage, u.name as unit, b.role, b.note,
          (select count(*) from training_enrolments te where te.youth_id = b.youth_id and te.status = 'completed')::int
            as "trainingsCompleted",
          (select count(*) from society_recommendations r
            where r.society_id = b.society_id and r.youth_id = b.youth_id)::int as recommendations,
          b.added_at as "addedAt"
        from society_backbones b join youth y on y.id = b.youth_id join units u on u.id = y.unit_id
          left join dict_items cat on cat.id = y.category_id
        where b.society_id = ${societyId} ${youthId ? sql`and b.youth_id = ${youthId}` : sql``}
        order by case b.role when '负责人' then 0 when '秘书长' then 1 else 2 end, b.added_at, y.id`,
  );
}

/** Adds a backbone; false when the person is one already. */
export async function insertBackbone(
  db: Db,
  v: { societyId: number; youthId: number; role: string; note: string | null; addedBy: number },
): Promise<boolean> {
  const rows = await queryRows<{ youthId: number }>(
    db,
    sql`insert into society_backbones (society_id, youth_id, role, note, added_by)
        values (${v.societyId}, ${v.youthId}, ${v.role}, ${v.note}, ${v.addedBy})
        on conflict do nothing returning youth_id as "youthId"`,
  );
  return rows.length > 0;
}

/** The 负责人 and 秘书长 linked to the registry become backbones too (if they are not yet). */
export async function addLeaderBackbones(db: Db, societyId: number, values: SocietyChanges, addedBy: number) {
  if (values.leaderYouthId) {
    await insertBackbone(db, {
      societyId,
      youthId: values.leaderYouthId,
      role: '负责人',
      note: null,
      addedBy,
    });
  }
  if (values.secretaryYouthId) {
    await insertBackbone(db, {
      societyId,
      youthId: values.secretaryYouthId,
      role: '秘书长',
      note: null,
      addedBy,
    });
  }
}

export async function deleteBackbone(db: Db, societyId: number, youthId: number): Promise<boolean> {
  const rows = await queryRows<{ youthId: number }>(
    db,
    sql`delete from society_backbones where society_id = ${societyId} and youth_id = ${youthId}
        returning youth_id as "youthId"`,
  );
  return rows.length > 0;
}

export type RecommendationRow = {
  id: number;
  youthId: number;
  name: string;
  kind: string;
  recommendedOn: string;
  outcome: 'pending' | 'accepted' | 'declined';
  outcomeOn: string | null;
  note: string | null;
  createdAt: Date | string;
};

const RECOMMENDATION_COLUMNS = sql`r.id, r.youth_id as "youthId", y.name, r.kind, r.recommended_on::text as "recommendedOn",
  r.outcome, r.outcome_on::text as "outcomeOn", r.note, r.created_at as "createdAt"`;

export async function listRecommendationRows(db: Db, societyId: number): Promise<RecommendationRow[]> {
  return queryRows<RecommendationRow>(
    db,
    sql`select ${RECOMMENDATION_COLUMNS} from society_recommendations r join youth y on y.id = r.youth_id
        where r.society_id = ${societyId} order by r.recommended_on desc, r.id desc`,
  );
}

export async function findRecommendation(db: Db, societyId: number, id: number, lock = false) {
  const rows = await queryRows<RecommendationRow>(
    db,
    sql`select ${RECOMMENDATION_COLUMNS} from society_recommendations r join youth y on y.id = r.youth_id
        where r.society_id = ${societyId} and r.id = ${id} ${lock ? sql`for update of r` : sql``}`,
  );
  return rows[0];
}

export async function countRecommendations(db: Db, societyId: number, youthId: number): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from society_recommendations where society_id = ${societyId} and youth_id = ${youthId}`,
  );
  return row.n;
}

export async function insertRecommendation(
  db: Db,
  v: {
    societyId: number;
    unitId: number;
    youthId: number;
    kind: string;
    recommendedOn: string;
    note: string | null;
    createdBy: number;
  },
): Promise<number> {
  const [row] = await queryRows<{ id: number }>(
    db,
    sql`insert into society_recommendations (society_id, unit_id, youth_id, kind, recommended_on, note, created_by)
        values (${v.societyId}, ${v.unitId}, ${v.youthId}, ${v.kind}, ${v.recommendedOn}, ${v.note}, ${v.createdBy})
        returning id`,
  );
  return row.id;
}

export async function setOutcome(
  db: Db,
  id: number,
  v: { outcome: 'accepted' | 'declined'; outcomeOn: string; note: string | null },
) {
  await db.execute(
    sql`update society_recommendations set outcome = ${v.outcome}, outcome_on = ${v.outcomeOn},
          note = coalesce(${v.note}, note)
        where id = ${id}`,
  );
}

export type NominationRow = {
  id: number;
  seats: number;
  grantedOn: string;
  note: string | null;
  unit: string;
  createdAt: Date | string;
};

export async function listNominationRows(db: Db, societyId: number, id?: number): Promise<NominationRow[]> {
  return queryRows<NominationRow>(
    db,
    sql`select n.id, n.seats, n.granted_on::text as "grantedOn", n.note, u.name as unit, n.created_at as "createdAt"
        from federation_nominations n join units u on u.id = n.unit_id
        where n.society_id = ${societyId} ${id ? sql`and n.id = ${id}` : sql``}
        order by n.granted_on desc, n.id desc`,
  );
}

export async function insertNomination(
  db: Db,
  v: {
    societyId: number;
    unitId: number;
    seats: number;
    grantedOn: string;
    note: string | null;
    createdBy: number;
  },
): Promise<number> {
  const [row] = await queryRows<{ id: number }>(
    db,
    sql`insert into federation_nominations (society_id, unit_id, seats, granted_on, note, created_by)
        values (${v.societyId}, ${v.unitId}, ${v.seats}, ${v.grantedOn}, ${v.note}, ${v.createdBy}) returning id`,
  );
  return row.id;
}
