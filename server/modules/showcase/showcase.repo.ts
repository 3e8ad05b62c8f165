import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import type { CallAwardLevel, CallCategory } from '../../db/schema';
import type { Viewer } from '../../platform/access/viewer';
import { inScope } from '../../platform/access/scope';
import { WORK_PUBLICITY_PROBLEM } from '../works/work-publicity.sql';

type Scope = Pick<Viewer, 'unitPath'>;

/**
 * Why an entry may not be on its unit's public page now, or null when it may. Read at query time
 * (alias e for the entry, w for its work, c for its call), so a work withdrawn, or a publicity consent
 * taken back after the cadre chose the work, leaves the public page at once without anyone acting.
 * The consent tests are WORK_PUBLICITY_PROBLEM's, the same a story's ground uses.
 */
export const SHOW_REFUSALS = {
  call_draft: '征集尚未发布，作品不能展示',
  work_withdrawn: '作品已撤回，不能展示',
  not_eligible: '只有形式审查合格或获奖的作品才能展示',
  no_publicity: '作者没有同意公开展示作品，不能展示',
  consent_withdrawn: '作者已撤回公开展示授权，不能展示',
  child_no_guardian: '作者中有未满 14 周岁的，须有监护人的公开展示同意才能展示',
} as const;
export type ShowRefusal = keyof typeof SHOW_REFUSALS;

const REFUSAL = sql`case
  when c.status = 'draft' then 'call_draft'
  else coalesce(${WORK_PUBLICITY_PROBLEM},
    case when e.status <> 'eligible' and e.award_level_key is null then 'not_eligible' end)
  end`;

const FROM = sql`call_entries e join works w on w.id = e.work_id join calls c on c.id = e.call_id`;

/** Showcased and still showable: the one test every public read of a work goes through. */
const SHOWN = sql`e.showcased and (${REFUSAL}) is null`;

// ---- the cadres' side ----

export type EntryShowcaseRow = {
  id: number;
  entryNo: number;
  unitId: number;
  unitCode: string;
  showcased: boolean;
  showcaseNote: string | null;
  showcasedAt: Date | string | null;
  showcasedByName: string | null;
  refusal: ShowRefusal | null;
};

export async function findEntryShowcase(
  db: Db,
  scope: Scope,
  id: number,
  lock = false,
): Promise<EntryShowcaseRow | undefined> {
  const [row] = await queryRows<EntryShowcaseRow>(
    db,
    sql`select e.id, e.entry_no as "entryNo", e.unit_id as "unitId", u.code as "unitCode", e.showcased,
          e.showcase_note as "showcaseNote", e.showcased_at as "showcasedAt",
          sb.display_name as "showcasedByName", (${REFUSAL}) as refusal
        from ${FROM} join units u on u.id = e.unit_id left join users sb on sb.id = e.showcased_by
        where e.id = ${id} and ${inScope(sql`e.unit_id`, scope)}
        ${lock ? sql`for update of e` : sql``}`,
  );
  return row;
}

/**
 * The switch is not part of the entry's review: it leaves `version` alone, so a drawer open on the entry
 * can still review it; concurrent switches are serialised by the row lock taken before.
 */
export async function writeShowcase(
  db: Db,
  id: number,
  v: { showcased: boolean; note: string | null; by: number },
): Promise<void> {
  await db.execute(
    v.showcased
      ? sql`update call_entries set showcased = true, showcase_note = ${v.note},
              showcased_at = coalesce(case when showcased then showcased_at end, now()), showcased_by = ${v.by},
              updated_at = now() where id = ${id}`
      : sql`update call_entries set showcased = false, showcase_note = null, showcased_at = null,
              showcased_by = null, updated_at = now() where id = ${id}`,
  );
}

export async function unitOf(db: Db, unitId: number) {
  const [row] = await queryRows<{ id: number; code: string; name: string; shown: number }>(
    db,
    sql`select u.id, u.code, u.name,
          (select count(*)::int from ${FROM} where e.unit_id = u.id and ${SHOWN}) as shown
        from units u where u.id = ${unitId}`,
  );
  return row;
}

// ---- the public side ----

export async function unitByCode(db: Db, code: string) {
  const [row] = await queryRows<{ id: number; code: string; name: string; orgName: string }>(
    db,
    sql`select id, code, name, org_name as "orgName" from units where code = ${code}`,
  );
  return row;
}

export type ShownWorkRow = {
  entryId: number;
  workId: number;
  title: string;
  description: string;
  categoryKey: string;
  groupName: string | null;
  callTitle: string;
  categories: CallCategory[];
  awardLevels: CallAwardLevel[];
  awardLevelKey: string | null;
  awardsFinal: boolean;
  note: string | null;
  thumbnailId: number | null;
};

const SHOWN_COLUMNS = sql`e.id as "entryId", e.work_id as "workId", w.title, w.description,
  w.category_key as "categoryKey", w.group_name as "groupName", c.title as "callTitle", c.categories,
  c.award_levels as "awardLevels", e.award_level_key as "awardLevelKey",
  (c.awards_final_at is not null) as "awardsFinal", e.showcase_note as note,
  (select wf.id from work_files wf where wf.work_id = w.id and wf.removed_at is null and wf.kind = 'image'
    order by wf.position limit 1) as "thumbnailId"`;

export async function shownWorks(
  db: Db,
  unitId: number,
  o: { limit: number; offset: number },
): Promise<{ rows: ShownWorkRow[]; total: number }> {
  const rows = await queryRows<ShownWorkRow & { total: number }>(
    db,
    sql`select ${SHOWN_COLUMNS}, count(*) over ()::int as total from ${FROM}
        where e.unit_id = ${unitId} and ${SHOWN}
        order by e.showcased_at desc, e.id desc limit ${o.limit} offset ${o.offset}`,
  );
  return { rows, total: rows[0]?.total ?? 0 };
}

export async function shownWork(db: Db, unitId: number, entryId: number): Promise<ShownWorkRow | undefined> {
  const [row] = await queryRows<ShownWorkRow>(
    db,
    sql`select ${SHOWN_COLUMNS} from ${FROM} where e.id = ${entryId} and e.unit_id = ${unitId} and ${SHOWN}`,
  );
  return row;
}

/** Whether the entry is on the unit's page now (a story links to its work only then). */
export async function isShown(db: Db, unitId: number, entryId: number): Promise<boolean> {
  return !!(await shownWork(db, unitId, entryId));
}

export type ShownFileRow = {
  id: number;
  kind: 'image' | 'pdf' | 'audio' | 'video' | 'text' | 'document';
  position: number;
  mime: string;
  size: number;
  storageKey: string;
  sha256: string;
};

export function shownFiles(db: Db, workId: number): Promise<ShownFileRow[]> {
  return queryRows<ShownFileRow>(
    db,
    sql`select wf.id, wf.kind, wf.position, f.mime, f.size::float8 as size, f.storage_key as "storageKey", f.sha256
        from work_files wf join files f on f.id = wf.file_id
        where wf.work_id = ${workId} and wf.removed_at is null order by wf.position, wf.id`,
  );
}

/** Open 线上招募 pages of the unit: open and within their window. */
export function openSignupPages(db: Db, unitId: number) {
  return queryRows<{ slug: string; title: string; intro: string; closesAt: Date | string | null }>(
    db,
    sql`select slug, title, intro, closes_at as "closesAt" from signup_pages
        where unit_id = ${unitId} and status = 'open' and (opens_at is null or opens_at <= now())
          and (closes_at is null or closes_at > now())
        order by closes_at nulls last, id desc limit 20`,
  );
}

/** Calls of the unit taking entries now. */
export function openCalls(db: Db, unitId: number) {
  return queryRows<{ slug: string; title: string; theme: string; closesAt: Date | string }>(
    db,
    sql`select slug, title, theme, closes_at as "closesAt" from calls
        where unit_id = ${unitId} and status = 'published' and opens_at <= now() and closes_at > now()
        order by closes_at, id limit 20`,
  );
}

export function publishedEvents(db: Db, unitId: number) {
  return queryRows<{ id: number; kind: string; title: string; date: string; place: string | null }>(
    db,
    sql`select id, kind, title, date::text as date, place from youth_events
        where unit_id = ${unitId} and published order by date desc, id desc limit 20`,
  );
}
