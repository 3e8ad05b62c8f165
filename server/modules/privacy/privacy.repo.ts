import { and, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import { consentRecords, privacyNotices, units, users } from '../../db/schema';

export type NoticeRow = typeof privacyNotices.$inferSelect;
export type NoticeView = NoticeRow & { unitName: string; createdByName: string | null };
export type ConsentRow = typeof consentRecords.$inferSelect;
export type NewConsent = Omit<
  typeof consentRecords.$inferInsert,
  'id' | 'givenAt' | 'withdrawnAt' | 'withdrawnChannel'
>;

const noticeView = {
  id: privacyNotices.id,
  unitId: privacyNotices.unitId,
  version: privacyNotices.version,
  title: privacyNotices.title,
  sections: privacyNotices.sections,
  contentHash: privacyNotices.contentHash,
  createdBy: privacyNotices.createdBy,
  createdAt: privacyNotices.createdAt,
  unitName: units.name,
  createdByName: users.displayName,
};

function selectNotices(db: Db, where: SQL | undefined) {
  return db
    .select(noticeView)
    .from(privacyNotices)
    .innerJoin(units, eq(units.id, privacyNotices.unitId))
    .leftJoin(users, eq(users.id, privacyNotices.createdBy))
    .where(where)
    .orderBy(desc(privacyNotices.version));
}

/** Every version of one unit's notice, newest first. */
export function noticesOfUnit(db: Db, unitId: number): Promise<NoticeView[]> {
  return selectNotices(db, eq(privacyNotices.unitId, unitId));
}

export async function noticeById(db: Db, id: number): Promise<NoticeView | undefined> {
  return (await selectNotices(db, eq(privacyNotices.id, id)))[0];
}

export async function latestNotice(db: Db, unitId: number): Promise<NoticeRow | null> {
  const [row] = await db
    .select()
    .from(privacyNotices)
    .where(eq(privacyNotices.unitId, unitId))
    .orderBy(desc(privacyNotices.version))
    .limit(1);
  return row ?? null;
}

export async function unitOrgName(db: Db, unitId: number): Promise<string | undefined> {
  const [row] = await db.select({ orgName: units.orgName }).from(units).where(eq(units.id, unitId));
  return row?.orgName;
}

/**
 * The next version of a unit's notice. The unit's row is locked first, so two publishers one moment
 * apart get versions n+1 and n+2 rather than one of them a unique-key error.
 */
export async function insertNextNotice(
  tx: Db,
  o: Pick<NoticeRow, 'unitId' | 'title' | 'sections' | 'contentHash' | 'createdBy'>,
): Promise<number> {
  await queryRows(tx, sql`select 1 from units where id = ${o.unitId} for update`);
  const [row] = await queryRows<{ id: number }>(
    tx,
    sql`insert into privacy_notices (unit_id, version, title, sections, content_hash, created_by)
        select ${o.unitId}, coalesce(max(version), 0) + 1, ${o.title}, ${JSON.stringify(o.sections)}::jsonb,
               ${o.contentHash}, ${o.createdBy}
          from privacy_notices where unit_id = ${o.unitId}
        returning id`,
  );
  return row.id;
}

export async function insertConsent(tx: Db, values: NewConsent): Promise<number> {
  const [row] = await tx.insert(consentRecords).values(values).returning({ id: consentRecords.id });
  return row.id;
}

const subjectIs = (kind: ConsentRow['subjectKind'], id: number) =>
  and(eq(consentRecords.subjectKind, kind), eq(consentRecords.subjectId, id));

export async function setConsentsYouth(
  tx: Db,
  kind: ConsentRow['subjectKind'],
  id: number,
  youthId: number,
  position?: number,
) {
  const who = position === undefined ? undefined : eq(consentRecords.subjectPosition, position);
  await tx
    .update(consentRecords)
    .set({ youthId })
    .where(and(subjectIs(kind, id), who));
}

/** Marks the subject's open consents withdrawn; returns when (the earliest, if all were withdrawn before). */
export async function markWithdrawn(
  tx: Db,
  kind: ConsentRow['subjectKind'],
  id: number,
  channel: string,
): Promise<Date | null> {
  const updated = await tx
    .update(consentRecords)
    .set({ withdrawnAt: sql`now()`, withdrawnChannel: channel })
    .where(and(subjectIs(kind, id), isNull(consentRecords.withdrawnAt)))
    .returning({ at: consentRecords.withdrawnAt });
  if (updated[0]?.at) return updated[0].at;
  const [earlier] = await tx
    .select({
      at: sql<Date | null>`min(${consentRecords.withdrawnAt})`.mapWith((v) => (v ? new Date(v) : null)),
    })
    .from(consentRecords)
    .where(subjectIs(kind, id));
  return earlier?.at ?? null;
}

export function consentsWhere(
  db: Db,
  where: { subjectKind: ConsentRow['subjectKind']; subjectId: number } | { youthId: number },
): Promise<ConsentRow[]> {
  const filter =
    'youthId' in where
      ? eq(consentRecords.youthId, where.youthId)
      : subjectIs(where.subjectKind, where.subjectId);
  return db
    .select()
    .from(consentRecords)
    .where(filter)
    .orderBy(desc(consentRecords.givenAt), desc(consentRecords.id));
}
