import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import { callEntries, files, workEntrants, workFiles, works, type CallCategory } from '../../db/schema';

/** The public side of works: a visitor reaches rows only through a call's slug or their receipt code. */

export type PublicCallRow = {
  id: number;
  unitId: number;
  unitName: string;
  unitPath: string;
  slug: string;
  title: string;
  theme: string;
  rules: string;
  categories: CallCategory[];
  ageMin: number;
  ageMax: number;
  allowGroups: boolean;
  maxGroupSize: number;
  status: 'draft' | 'published' | 'finished';
  opensAt: Date | string;
  closesAt: Date | string;
  publicityStartsAt: Date | string | null;
  publicityEndsAt: Date | string | null;
  awardsFinalAt: Date | string | null;
};

const CALL_COLUMNS = sql`c.id, c.unit_id as "unitId", u.name as "unitName", u.path as "unitPath", c.slug,
  c.title, c.theme, c.rules, c.categories, c.age_min as "ageMin", c.age_max as "ageMax",
  c.allow_groups as "allowGroups", c.max_group_size as "maxGroupSize", c.status,
  c.opens_at as "opensAt", c.closes_at as "closesAt", c.publicity_starts_at as "publicityStartsAt",
  c.publicity_ends_at as "publicityEndsAt", c.awards_final_at as "awardsFinalAt"`;

/** A call the public may see: published or finished, never a draft. */
export async function findPublicCallBySlug(db: Db, slug: string): Promise<PublicCallRow | null> {
  const rows = await queryRows<PublicCallRow>(
    db,
    sql`select ${CALL_COLUMNS} from calls c join units u on u.id = c.unit_id
        where c.slug = ${slug} and c.status <> 'draft'`,
  );
  return rows[0] ?? null;
}

export type UploadedFileRow = { id: number; unitId: number; name: string; size: number; linked: boolean };

/**
 * The uploaded files a submission names, locked so two submissions naming one file cannot both link it;
 * `linked`: a work already uses it.
 */
export async function lockUploadedFiles(tx: Db, ids: number[]): Promise<UploadedFileRow[]> {
  if (!ids.length) return [];
  return queryRows<UploadedFileRow>(
    tx,
    sql`select f.id, f.unit_id as "unitId", f.name, f.size::int as size,
          exists (select 1 from work_files w where w.file_id = f.id) as linked
        from files f where f.id in ${ids} order by f.id for update of f`,
  );
}

export type WorkValues = typeof works.$inferInsert;
export type EntrantValues = Omit<typeof workEntrants.$inferInsert, 'workId'>;
export type WorkFileValues = Omit<typeof workFiles.$inferInsert, 'workId'>;

export async function insertWork(tx: Db, values: WorkValues): Promise<number> {
  const [row] = await tx.insert(works).values(values).returning({ id: works.id });
  return row.id;
}

export async function insertEntrants(tx: Db, workId: number, rows: EntrantValues[]) {
  await tx.insert(workEntrants).values(rows.map((r) => ({ ...r, workId })));
}

export async function insertWorkFiles(tx: Db, workId: number, rows: WorkFileValues[]) {
  if (rows.length) await tx.insert(workFiles).values(rows.map((r) => ({ ...r, workId })));
}

export type WorkRow = {
  id: number;
  callId: number;
  unitId: number;
  title: string;
  categoryKey: string;
  description: string;
  groupName: string | null;
  publicityConsent: boolean;
  channel: string;
  status: 'active' | 'withdrawn';
  createdAt: Date | string;
  version: number;
  entryId: number;
  entryNo: number;
  entryStatus: 'submitted' | 'eligible' | 'incomplete' | 'ineligible' | 'duplicate' | 'withdrawn';
  reviewReason: string | null;
  reviewedAt: Date | string | null;
};

/** The work a receipt code names, with its entry in its own call (the public one). */
export async function findWorkByReceipt(db: Db, receiptIdx: string, lock = false): Promise<WorkRow | null> {
  const rows = await queryRows<WorkRow>(
    db,
    sql`select w.id, w.call_id as "callId", w.unit_id as "unitId", w.title, w.category_key as "categoryKey",
          w.description, w.group_name as "groupName", w.publicity_consent as "publicityConsent", w.channel,
          w.status, w.created_at as "createdAt", w.version, e.id as "entryId", e.entry_no as "entryNo",
          e.status as "entryStatus", e.review_reason as "reviewReason", e.reviewed_at as "reviewedAt"
        from works w join call_entries e on e.work_id = w.id and e.call_id = w.call_id and e.origin = 'public'
        where w.receipt_idx = ${receiptIdx} ${lock ? sql`for update of w` : sql``}`,
  );
  return rows[0] ?? null;
}

export async function findCallById(db: Db, id: number): Promise<PublicCallRow> {
  const [row] = await queryRows<PublicCallRow>(
    db,
    sql`select ${CALL_COLUMNS} from calls c join units u on u.id = c.unit_id where c.id = ${id}`,
  );
  return row;
}

export type EntrantRow = typeof workEntrants.$inferSelect;

export async function entrantsOf(db: Db, workId: number): Promise<EntrantRow[]> {
  return db.select().from(workEntrants).where(eq(workEntrants.workId, workId)).orderBy(workEntrants.position);
}

export type WorkFileRow = {
  id: number;
  fileId: number;
  kind: 'image' | 'pdf' | 'audio' | 'video' | 'text' | 'document';
  position: number;
  name: string;
  size: number;
  storageKey: string;
};

/** The work's current files (not removed), in order. */
export async function filesOf(db: Db, workId: number): Promise<WorkFileRow[]> {
  return queryRows<WorkFileRow>(
    db,
    sql`select wf.id, wf.file_id as "fileId", wf.kind, wf.position, f.name, f.size::int as size,
          f.storage_key as "storageKey"
        from work_files wf join files f on f.id = wf.file_id
        where wf.work_id = ${workId} and wf.removed_at is null order by wf.position, wf.id`,
  );
}

/** The highest position ever used, removed files included, so a new file never takes an old one's place. */
export async function lastFilePosition(tx: Db, workId: number): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    tx,
    sql`select coalesce(max(position), -1)::int as n from work_files where work_id = ${workId}`,
  );
  return row.n;
}

export async function markFilesRemoved(tx: Db, workId: number, ids: number[]) {
  if (!ids.length) return;
  await tx
    .update(workFiles)
    .set({ removedAt: new Date() })
    .where(and(eq(workFiles.workId, workId), inArray(workFiles.id, ids), isNull(workFiles.removedAt)));
}

/** Optimistic: false when the work changed since it was read. */
export async function updateWorkRow(
  tx: Db,
  id: number,
  version: number,
  values: Partial<Pick<WorkValues, 'title' | 'description' | 'groupName' | 'status' | 'selfEditedAt'>>,
): Promise<boolean> {
  const rows = await tx
    .update(works)
    .set({ ...values, updatedAt: new Date(), version: sql`${works.version} + 1` })
    .where(and(eq(works.id, id), eq(works.version, version)))
    .returning({ id: works.id });
  return rows.length === 1;
}

export async function deleteEntrants(tx: Db, workId: number) {
  await tx.delete(workEntrants).where(eq(workEntrants.workId, workId));
}

/** Every entry of the work, in every call it reached, leaves the competition. */
export async function withdrawEntries(tx: Db, workId: number) {
  await tx
    .update(callEntries)
    .set({ status: 'withdrawn', updatedAt: new Date(), version: sql`${callEntries.version} + 1` })
    .where(eq(callEntries.workId, workId));
}

/** Unlinks and deletes the work's files (rows); returns their storage keys for the blobs to be removed after commit. */
export async function deleteWorkFiles(tx: Db, workId: number): Promise<string[]> {
  const linked = await tx
    .delete(workFiles)
    .where(eq(workFiles.workId, workId))
    .returning({ fileId: workFiles.fileId });
  if (!linked.length) return [];
  const removed = await tx
    .delete(files)
    .where(
      inArray(
        files.id,
        linked.map((l) => l.fileId),
      ),
    )
    .returning({ storageKey: files.storageKey });
  return removed.map((r) => r.storageKey);
}

/** A withdrawn, never-reviewed work keeps only masked names, so the organiser's list still shows a row. */
export async function eraseEntrants(tx: Db, workId: number, maskedNames: Map<number, string>) {
  for (const [id, name] of maskedNames) {
    await tx
      .update(workEntrants)
      .set({
        name,
        gender: null,
        birthDate: null,
        idNumberEnc: null,
        idNumberIdx: null,
        phoneEnc: null,
        phoneIdx: null,
        placeUnitId: null,
        categoryId: null,
        matchedYouthId: null,
      })
      .where(and(eq(workEntrants.workId, workId), eq(workEntrants.id, id)));
  }
}
