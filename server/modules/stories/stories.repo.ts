import { and, eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import { stories } from '../../db/schema';
import type { Viewer } from '../../platform/access/viewer';
import { inScope } from '../../platform/access/scope';
import { notFound } from '../../platform/http/errors';
import { WORK_PUBLICITY_PROBLEM } from '../works/work-publicity.sql';

type Scope = Pick<Viewer, 'unitPath'>;

/**
 * Why a story may not be public now, or null when its ground holds. Read at query time (alias s for the
 * story, e for its call entry, w for the work), so a consent withdrawn after publication takes the story
 * off the public page at once, without anyone having to act on it.
 *
 * - written: a person is linked and the note says how their (or the guardian's) written consent was obtained;
 * - work_publicity: the work is linked, active, its publicity consent given, no entrant's publicity consent
 *   withdrawn without a newer one, and every entrant under 14 has the guardian's publicity consent on record.
 */
export const GROUND_PROBLEMS = {
  no_person: '书面同意须关联到本人（青年库人员）',
  short_note: '书面同意须写明何时、以何种方式取得本人（监护人）书面同意（至少 10 个字）',
  no_entry: '以作品公开授权为依据时，须关联一件作品',
  work_withdrawn: '作品已撤回',
  no_publicity: '作品未获公开展示授权（或授权已撤回）',
  consent_withdrawn: '作者已撤回公开展示授权',
  child_no_guardian: '作者中有未满 14 周岁的，须有监护人的公开展示同意',
} as const;
export type GroundProblem = keyof typeof GROUND_PROBLEMS;

/** Why the linked work cannot be shown now (null: it can). */
const WORK_PROBLEM = sql`case when e.id is null then 'no_entry' else ${WORK_PUBLICITY_PROBLEM} end`;

export const GROUND_PROBLEM = sql`case
  when s.consent_basis = 'written' then case
    when s.youth_id is null then 'no_person'
    when char_length(coalesce(s.consent_note, '')) < 10 then 'short_note'
    else null end
  else ${WORK_PROBLEM} end`;

const STORY_FROM = sql`stories s left join call_entries e on e.id = s.entry_id left join works w on w.id = e.work_id`;

/** What the public page may show of a story: the cadre's own words, no name, ID number or phone. */
export type PublicStory = {
  id: number;
  title: string;
  summary: string | null;
  body: string;
  publishedAt: Date;
  coverFileId: number | null;
  /** The call entry of the work the story shows, only while that work may be shown in public. */
  entryId: number | null;
};

const PUBLIC_COLUMNS = sql`s.id, s.title, s.summary, s.body, s.published_at as "publishedAt",
  s.cover_file_id as "coverFileId", case when (${WORK_PROBLEM}) is null then s.entry_id else null end as "entryId"`;

const PUBLIC_WHERE = (unitId: number) =>
  sql`s.unit_id = ${unitId} and s.status = 'published' and (${GROUND_PROBLEM}) is null`;

const asDate = (v: Date | string) => (v instanceof Date ? v : new Date(v));

/**
 * The unit's published stories whose consent ground still holds, newest first: what its public page
 * lists. Only public fields.
 */
export async function publishedStoriesOf(
  db: Db,
  unitId: number,
  o: { limit: number; offset: number },
): Promise<{ items: PublicStory[]; total: number }> {
  const rows = await queryRows<PublicStory & { total: number }>(
    db,
    sql`select ${PUBLIC_COLUMNS}, count(*) over ()::int as total from ${STORY_FROM}
        where ${PUBLIC_WHERE(unitId)} order by s.published_at desc, s.id desc limit ${o.limit} offset ${o.offset}`,
  );
  return {
    items: rows.map(({ total: _total, ...r }) => ({ ...r, publishedAt: asDate(r.publishedAt) })),
    total: rows[0]?.total ?? 0,
  };
}

/** One published story of the unit whose ground still holds, or null (draft, withdrawn, consent gone, other unit). */
export async function publishedStory(db: Db, unitId: number, id: number): Promise<PublicStory | null> {
  const rows = await queryRows<PublicStory>(
    db,
    sql`select ${PUBLIC_COLUMNS} from ${STORY_FROM} where s.id = ${id} and ${PUBLIC_WHERE(unitId)}`,
  );
  return rows[0] ? { ...rows[0], publishedAt: asDate(rows[0].publishedAt) } : null;
}

// ---- the cadres' side ----

export type StoryRow = {
  id: number;
  unitId: number;
  unitName: string;
  youthId: number | null;
  youthName: string | null;
  entryId: number | null;
  entryNo: number | null;
  workTitle: string | null;
  callId: number | null;
  callTitle: string | null;
  title: string;
  summary: string | null;
  consentBasis: 'work_publicity' | 'written';
  consentNote: string | null;
  status: 'draft' | 'published' | 'withdrawn';
  coverFileId: number | null;
  groundProblem: GroundProblem | null;
  publishedAt: Date | string | null;
  publishedByName: string | null;
  createdByName: string | null;
  updatedAt: Date | string;
  version: number;
};

export type StoryFullRow = StoryRow & { body: string };

const COLUMNS = sql`s.id, s.unit_id as "unitId", u.name as "unitName", s.youth_id as "youthId", y.name as "youthName",
  s.entry_id as "entryId", e.entry_no as "entryNo", w.title as "workTitle", e.call_id as "callId",
  c.title as "callTitle", s.title, s.summary, s.consent_basis as "consentBasis", s.consent_note as "consentNote",
  s.status, s.cover_file_id as "coverFileId", (${GROUND_PROBLEM}) as "groundProblem",
  s.published_at as "publishedAt", pu.display_name as "publishedByName", cu.display_name as "createdByName",
  s.updated_at as "updatedAt", s.version`;

const FROM = sql`${STORY_FROM} join units u on u.id = s.unit_id left join calls c on c.id = e.call_id
  left join youth y on y.id = s.youth_id
  left join users pu on pu.id = s.published_by left join users cu on cu.id = s.created_by`;

export const STORY_ORDER: Record<string, SQL> = {
  updatedAt: sql`s.updated_at`,
  publishedAt: sql`s.published_at`,
  title: sql`s.title`,
};

export type StoryConditions = {
  unitId?: number;
  /** 含下级: the unit's subtree. */
  unitPath?: string;
  status?: StoryRow['status'];
  /** 已失去公开依据: published, but its ground no longer holds. */
  groundLost?: boolean;
  pattern?: string;
};

export async function listStoryRows(
  db: Db,
  scope: Scope,
  f: StoryConditions,
  o: { order: SQL; limit: number; offset: number },
): Promise<{ rows: StoryRow[]; total: number }> {
  const c: SQL[] = [inScope(sql`s.unit_id`, scope)];
  if (f.unitPath) c.push(inScope(sql`s.unit_id`, { unitPath: f.unitPath }));
  else if (f.unitId) c.push(sql`s.unit_id = ${f.unitId}`);
  if (f.status) c.push(sql`s.status = ${f.status}`);
  if (f.groundLost) c.push(sql`s.status = 'published' and (${GROUND_PROBLEM}) is not null`);
  if (f.pattern) c.push(sql`(s.title like ${f.pattern} or coalesce(s.summary, '') like ${f.pattern})`);
  const rows = await queryRows<StoryRow & { total: number }>(
    db,
    sql`select ${COLUMNS}, count(*) over ()::int as total from ${FROM}
        where ${sql.join(c, sql` and `)} order by ${o.order} nulls last, s.id desc limit ${o.limit} offset ${o.offset}`,
  );
  return { rows, total: rows[0]?.total ?? 0 };
}

export async function findStory(db: Db, scope: Scope, id: number, lock = false): Promise<StoryFullRow> {
  const rows = await queryRows<StoryFullRow>(
    db,
    sql`select ${COLUMNS}, s.body from ${FROM} where s.id = ${id} and ${inScope(sql`s.unit_id`, scope)}
        ${lock ? sql`for update of s` : sql``}`,
  );
  if (!rows[0]) throw notFound('青年故事');
  return rows[0];
}

export async function insertStory(db: Db, values: typeof stories.$inferInsert): Promise<number> {
  const [row] = await db.insert(stories).values(values).returning({ id: stories.id });
  return row.id;
}

export async function updateStoryRow(
  db: Db,
  id: number,
  version: number,
  values: Partial<typeof stories.$inferInsert>,
): Promise<boolean> {
  const rows = await db
    .update(stories)
    .set({ ...values, version: sql`${stories.version} + 1`, updatedAt: new Date() })
    .where(and(eq(stories.id, id), eq(stories.version, version)))
    .returning({ id: stories.id });
  return rows.length === 1;
}

/** Registry people in scope by name, for the picker (the name is masked when presented). */
export function personOptionRows(db: Db, scope: Scope, pattern: string | undefined, limit = 20) {
  return queryRows<{ id: number; name: string; unitName: string; birthYear: number | null }>(
    db,
    sql`select y.id, y.name, u.name as "unitName", extract(year from y.birth_date)::int as "birthYear"
        from youth y join units u on u.id = y.unit_id
        where ${inScope(sql`y.unit_id`, scope)} ${pattern ? sql`and y.name like ${pattern}` : sql``}
        order by y.id desc limit ${limit}`,
  );
}

export function findPersonInScope(db: Db, scope: Scope, id: number) {
  return queryRows<{ id: number; name: string }>(
    db,
    sql`select y.id, y.name from youth y where y.id = ${id} and ${inScope(sql`y.unit_id`, scope)}`,
  ).then((r) => r[0] ?? null);
}

export type EntryOptionRow = {
  id: number;
  entryNo: number;
  workTitle: string;
  callId: number;
  callTitle: string;
  unitName: string;
  workProblem: GroundProblem | null;
};

const ENTRY_OPTION_COLUMNS = sql`e.id, e.entry_no as "entryNo", w.title as "workTitle", c.id as "callId",
  c.title as "callTitle", u.name as "unitName", (${WORK_PROBLEM}) as "workProblem"`;
const ENTRY_OPTION_FROM = sql`call_entries e join works w on w.id = e.work_id join calls c on c.id = e.call_id
  join units u on u.id = c.unit_id`;

/** Entries of calls the cadre can read (the call's unit in scope), by work title, call title or entry number. */
export function entryOptionRows(db: Db, scope: Scope, pattern: string | undefined, limit = 20) {
  return queryRows<EntryOptionRow>(
    db,
    sql`select ${ENTRY_OPTION_COLUMNS} from ${ENTRY_OPTION_FROM}
        where ${inScope(sql`c.unit_id`, scope)}
        ${pattern ? sql`and (w.title like ${pattern} or c.title like ${pattern})` : sql``}
        order by (${WORK_PROBLEM}) is null desc, e.id desc limit ${limit}`,
  );
}

export function findEntryInScope(db: Db, scope: Scope, id: number) {
  return queryRows<EntryOptionRow>(
    db,
    sql`select ${ENTRY_OPTION_COLUMNS} from ${ENTRY_OPTION_FROM}
        where e.id = ${id} and ${inScope(sql`c.unit_id`, scope)}`,
  ).then((r) => r[0] ?? null);
}

/** The people behind a work entry who are in the registry: a story about the work is about them. */
export function entrantYouthIds(db: Db, entryId: number) {
  return queryRows<{ youthId: number }>(
    db,
    sql`select we.youth_id as "youthId" from call_entries e join work_entrants we on we.work_id = e.work_id
        where e.id = ${entryId} and we.youth_id is not null order by we.position`,
  ).then((r) => r.map((x) => x.youthId));
}
