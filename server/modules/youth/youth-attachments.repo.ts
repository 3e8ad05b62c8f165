import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import { youthAttachments } from '../../db/schema';
import type { Viewer } from '../../platform/access/viewer';
import { notFound } from '../../platform/http/errors';
import { whereOf } from './youth.repo';

type Scope = Pick<Viewer, 'unitPath'>;

/** The person, refused (as not found) outside the viewer's scope. */
export async function findYouthInScope(db: Db, scope: Scope, id: number) {
  const rows = await queryRows<{ id: number; name: string; unitId: number }>(
    db,
    sql`select y.id, y.name, y.unit_id as "unitId" from youth y where ${whereOf(scope, [sql`y.id = ${id}`])}`,
  );
  if (!rows[0]) throw notFound('青年记录');
  return rows[0];
}

export type AttachmentRow = {
  id: number;
  youthId: number;
  kind: string;
  note: string | null;
  fileId: number;
  fileName: string;
  mime: string;
  size: number;
  sha256: string;
  storageKey: string;
  uploadedBy: string | null;
  unitId: number;
  unitName: string;
  createdAt: Date | string;
};

const COLUMNS = sql`a.id, a.youth_id as "youthId", a.kind, a.note, f.id as "fileId", f.name as "fileName", f.mime,
  f.size::float8 as size, f.sha256, f.storage_key as "storageKey", cu.display_name as "uploadedBy",
  a.unit_id as "unitId", u.name as "unitName", a.created_at as "createdAt"`;

const FROM = sql`youth_attachments a join files f on f.id = a.file_id join units u on u.id = a.unit_id
  left join users cu on cu.id = a.created_by`;

/** A person's attachments, newest first; deleted ones are gone. The caller has checked the person's scope. */
export async function listAttachmentRows(db: Db, youthId: number): Promise<AttachmentRow[]> {
  return queryRows<AttachmentRow>(
    db,
    sql`select ${COLUMNS} from ${FROM} where a.youth_id = ${youthId} and a.deleted_at is null
        order by a.created_at desc, a.id desc`,
  );
}

export async function findAttachmentRow(
  db: Db,
  youthId: number,
  attachmentId: number,
): Promise<AttachmentRow> {
  const rows = await queryRows<AttachmentRow>(
    db,
    sql`select ${COLUMNS} from ${FROM}
        where a.id = ${attachmentId} and a.youth_id = ${youthId} and a.deleted_at is null`,
  );
  if (!rows[0]) throw notFound('附件');
  return rows[0];
}

export async function insertAttachment(
  db: Db,
  values: typeof youthAttachments.$inferInsert,
): Promise<number> {
  const [row] = await db.insert(youthAttachments).values(values).returning({ id: youthAttachments.id });
  return row.id;
}

/** Soft delete: the row and the stored file stay (for the audit trail and backups); lists skip it. */
export async function markAttachmentDeleted(db: Db, attachmentId: number, userId: number): Promise<boolean> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`update youth_attachments set deleted_at = now(), deleted_by = ${userId}
        where id = ${attachmentId} and deleted_at is null returning id`,
  );
  return rows.length > 0;
}
