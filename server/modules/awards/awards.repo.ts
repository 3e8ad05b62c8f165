import { and, asc, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import { callEntries, callObjections, calls, units, users, workEntrants, works } from '../../db/schema';
import { inScope } from '../../platform/access/scope';
import type { Viewer } from '../../platform/access/viewer';

const callColumns = {
  id: calls.id,
  unitId: calls.unitId,
  slug: calls.slug,
  title: calls.title,
  status: calls.status,
  categories: calls.categories,
  awardLevels: calls.awardLevels,
  parentCallId: calls.parentCallId,
  recommendQuota: calls.recommendQuota,
  publicityDays: calls.publicityDays,
  publicityStartsAt: calls.publicityStartsAt,
  publicityEndsAt: calls.publicityEndsAt,
  awardsFinalAt: calls.awardsFinalAt,
  unitName: units.name,
  /** 共青团…委员会: who issues the certificates. */
  orgName: units.orgName,
  unitPath: units.path,
};

/** A call in the viewer's scope; `lock` takes its row for the rest of the transaction. */
export async function findCall(db: Db, id: number, viewer: Pick<Viewer, 'unitPath'>, lock = false) {
  const q = db
    .select(callColumns)
    .from(calls)
    .innerJoin(units, eq(units.id, calls.unitId))
    .where(and(eq(calls.id, id), inScope(calls.unitId, viewer)));
  const [row] = lock ? await q.for('update', { of: calls }) : await q;
  return row;
}
export type CallRow = NonNullable<Awaited<ReturnType<typeof findCall>>>;

/** A call by id whatever the viewer's scope: a higher unit's call a lower one recommends to. */
export async function findCallById(db: Db, id: number) {
  const [row] = await db
    .select(callColumns)
    .from(calls)
    .innerJoin(units, eq(units.id, calls.unitId))
    .where(eq(calls.id, id));
  return row;
}

export async function findCallBySlug(db: Db, slug: string) {
  const [row] = await db
    .select(callColumns)
    .from(calls)
    .innerJoin(units, eq(units.id, calls.unitId))
    .where(eq(calls.slug, slug));
  return row;
}

/** The entries awards are given among: eligible, with a final score, best first. */
export async function rankedEntries(db: Db, callId: number) {
  return db
    .select({
      id: callEntries.id,
      entryNo: callEntries.entryNo,
      workId: callEntries.workId,
      finalScore: callEntries.finalScore,
      awardLevelKey: callEntries.awardLevelKey,
      certificateCode: callEntries.certificateCode,
      title: works.title,
      categoryKey: works.categoryKey,
    })
    .from(callEntries)
    .innerJoin(works, eq(works.id, callEntries.workId))
    .where(
      and(
        eq(callEntries.callId, callId),
        eq(callEntries.status, 'eligible'),
        isNotNull(callEntries.finalScore),
      ),
    )
    .orderBy(desc(callEntries.finalScore), asc(callEntries.entryNo));
}
export type RankedEntry = Awaited<ReturnType<typeof rankedEntries>>[number] & { finalScore: number };

/** Replaces the call's awards: the listed entries get their level, every other entry none. */
export async function replaceAwards(tx: Db, callId: number, awards: { entryId: number; levelKey: string }[]) {
  await tx
    .update(callEntries)
    .set({ awardLevelKey: null, awardedAt: null, updatedAt: new Date() })
    .where(and(eq(callEntries.callId, callId), isNotNull(callEntries.awardLevelKey)));
  const now = new Date();
  for (const a of awards) {
    await tx
      .update(callEntries)
      .set({ awardLevelKey: a.levelKey, awardedAt: now, updatedAt: now })
      .where(and(eq(callEntries.callId, callId), eq(callEntries.id, a.entryId)));
  }
}

export async function setPublicity(tx: Db, callId: number, startsAt: Date, endsAt: Date) {
  await tx
    .update(calls)
    .set({ publicityStartsAt: startsAt, publicityEndsAt: endsAt, updatedAt: new Date() })
    .where(eq(calls.id, callId));
}

export async function issueCertificate(tx: Db, entryId: number, code: string, at: Date) {
  await tx
    .update(callEntries)
    .set({ certificateCode: code, certificateIssuedAt: at, updatedAt: at })
    .where(eq(callEntries.id, entryId));
}

export async function markFinal(tx: Db, callId: number, at: Date) {
  await tx.update(calls).set({ awardsFinalAt: at, updatedAt: at }).where(eq(calls.id, callId));
}

/** The awarded entries with what the public and the certificates show of their work. */
export async function awardedEntries(db: Db, callId: number) {
  return db
    .select({
      id: callEntries.id,
      entryNo: callEntries.entryNo,
      workId: callEntries.workId,
      awardLevelKey: callEntries.awardLevelKey,
      certificateCode: callEntries.certificateCode,
      certificateIssuedAt: callEntries.certificateIssuedAt,
      finalScore: callEntries.finalScore,
      title: works.title,
      categoryKey: works.categoryKey,
      groupName: works.groupName,
      publicityConsent: works.publicityConsent,
    })
    .from(callEntries)
    .innerJoin(works, eq(works.id, callEntries.workId))
    .where(and(eq(callEntries.callId, callId), isNotNull(callEntries.awardLevelKey)))
    .orderBy(desc(callEntries.finalScore), asc(callEntries.entryNo));
}

/** The people behind the works, lead entrant first. */
export async function entrantsOf(db: Db, workIds: number[]) {
  if (workIds.length === 0) return [];
  return db
    .select({ workId: workEntrants.workId, name: workEntrants.name, placeUnitId: workEntrants.placeUnitId })
    .from(workEntrants)
    .where(inArray(workEntrants.workId, workIds))
    .orderBy(asc(workEntrants.workId), asc(workEntrants.position));
}

/** A place as the public sees it: its city and county names only, never the street or community below. */
export async function cityCountyNames(db: Db, placeIds: number[]): Promise<Map<number, string>> {
  if (placeIds.length === 0) return new Map();
  const rows = await queryRows<{ id: number; name: string }>(
    db,
    sql`select p.id, string_agg(u.name, '' order by length(u.path)) as name
          from units p join units u on p.path like u.path || '%' and u.level in ('city', 'county')
         where p.id = any(${`{${placeIds.join(',')}}`}::int[])
         group by p.id`,
  );
  return new Map(rows.map((r) => [Number(r.id), r.name]));
}

export async function findByCertificateCode(db: Db, code: string) {
  const [row] = await db
    .select({
      workId: callEntries.workId,
      awardLevelKey: callEntries.awardLevelKey,
      issuedAt: callEntries.certificateIssuedAt,
      workTitle: works.title,
      callTitle: calls.title,
      awardLevels: calls.awardLevels,
      awardsFinalAt: calls.awardsFinalAt,
      unitName: units.orgName,
    })
    .from(callEntries)
    .innerJoin(calls, eq(calls.id, callEntries.callId))
    .innerJoin(units, eq(units.id, calls.unitId))
    .innerJoin(works, eq(works.id, callEntries.workId))
    .where(eq(callEntries.certificateCode, code));
  return row;
}

// —— 异议 ——

export async function insertObjection(tx: Db, o: typeof callObjections.$inferInsert) {
  const [row] = await tx.insert(callObjections).values(o).returning({ id: callObjections.id });
  return row.id;
}

const objectionColumns = {
  id: callObjections.id,
  callId: callObjections.callId,
  entryNo: callEntries.entryNo,
  content: callObjections.content,
  contactName: callObjections.contactName,
  contactPhoneEnc: callObjections.contactPhoneEnc,
  status: callObjections.status,
  response: callObjections.response,
  handledByName: users.displayName,
  handledAt: callObjections.handledAt,
  createdAt: callObjections.createdAt,
};

export async function listObjections(db: Db, callId: number) {
  return db
    .select(objectionColumns)
    .from(callObjections)
    .leftJoin(callEntries, eq(callEntries.id, callObjections.entryId))
    .leftJoin(users, eq(users.id, callObjections.handledBy))
    .where(eq(callObjections.callId, callId))
    .orderBy(desc(callObjections.createdAt), desc(callObjections.id));
}
export type ObjectionRow = Awaited<ReturnType<typeof listObjections>>[number];

export async function findObjection(db: Db, callId: number, id: number) {
  const [row] = await db
    .select(objectionColumns)
    .from(callObjections)
    .leftJoin(callEntries, eq(callEntries.id, callObjections.entryId))
    .leftJoin(users, eq(users.id, callObjections.handledBy))
    .where(and(eq(callObjections.callId, callId), eq(callObjections.id, id)));
  return row;
}

/** Answers an open objection; false when someone else answered it first. */
export async function answerObjection(
  tx: Db,
  id: number,
  o: { status: 'upheld' | 'dismissed'; response: string; handledBy: number },
): Promise<boolean> {
  const rows = await tx
    .update(callObjections)
    .set({ ...o, handledAt: new Date() })
    .where(and(eq(callObjections.id, id), eq(callObjections.status, 'open')))
    .returning({ id: callObjections.id });
  return rows.length > 0;
}

export async function objectionCounts(db: Db, callId: number, since: Date | null) {
  const [row] = await db
    .select({
      open: sql<number>`count(*) filter (where ${callObjections.status} = 'open')::int`,
      upheldSince: since
        ? sql<number>`count(*) filter (where ${callObjections.status} = 'upheld' and ${callObjections.handledAt} >= ${since.toISOString()})::int`
        : sql<number>`0`,
    })
    .from(callObjections)
    .where(eq(callObjections.callId, callId));
  return { open: Number(row.open), upheldSince: Number(row.upheldSince) };
}

export async function entryIdByNo(db: Db, callId: number, entryNo: number) {
  const [row] = await db
    .select({ id: callEntries.id })
    .from(callEntries)
    .where(
      and(
        eq(callEntries.callId, callId),
        eq(callEntries.entryNo, entryNo),
        isNotNull(callEntries.awardLevelKey),
      ),
    );
  return row?.id;
}
