import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { queryRows, type Database, type Db } from '../../db/client';
import type { CallCategory, CallCriterion } from '../../db/schema';

/**
 * A call of thousands of entries, written in a few set-wise statements, for the scale test and
 * bench/calls-scale.bench.ts; and a recorder of the statements the database receives, so a test can
 * say that a request's SQL does not grow with the rows.
 */

export const SCALE_CATEGORIES: CallCategory[] = [
  { key: 'painting', label: '绘画', kinds: ['image', 'pdf'], maxFiles: 3, maxMb: 20 },
  { key: 'calligraphy', label: '书法', kinds: ['image', 'pdf'], maxFiles: 3, maxMb: 20 },
  { key: 'photo', label: '摄影', kinds: ['image'], maxFiles: 3, maxMb: 20 },
  { key: 'essay', label: '文学', kinds: ['pdf', 'text', 'document'], maxFiles: 2, maxMb: 5 },
  { key: 'film', label: '微电影', kinds: ['video'], maxFiles: 1, maxMb: 500 },
  { key: 'design', label: '设计', kinds: ['image', 'pdf'], maxFiles: 3, maxMb: 20 },
];

export const SCALE_RUBRIC: CallCriterion[] = [
  { key: 'theme', label: '主题立意', weight: 40, maxScore: 100, description: '' },
  { key: 'craft', label: '技法表现', weight: 60, maxScore: 100, description: '' },
];

/** Every `KEYWORD_EVERY`th work's title holds the keyword the searches look for. */
export const KEYWORD = '赣江';
export const KEYWORD_EVERY = 37;

/**
 * A published call of `unitId` with `entries` works, one entrant each (placed in `placeUnitId`), spread
 * over the six categories, entered with numbers 1…n and the given status. Returns the call's id.
 */
export async function seedScaleCall(
  db: Db,
  o: {
    unitId: number;
    placeUnitId: number;
    slug: string;
    entries: number;
    status: 'submitted' | 'eligible';
    opensAt?: Date;
    closesAt?: Date;
    awardLevels?: { key: string; label: string; count: number }[];
    parentCallId?: number | null;
    recommendQuota?: number;
    /** Each entrant a registry record of `unitId`, as the formal review leaves them. */
    registered?: boolean;
  },
): Promise<number> {
  const now = Date.now();
  const [call] = await queryRows<{ id: number }>(
    db,
    sql`insert into calls (unit_id, slug, title, theme, categories, rubric, award_levels, status, opens_at, closes_at,
          parent_call_id, recommend_quota)
        values (${o.unitId}, ${o.slug}, ${`规模测试征集 ${o.slug}`}, '青春 筑梦',
          ${JSON.stringify(SCALE_CATEGORIES)}::jsonb, ${JSON.stringify(SCALE_RUBRIC)}::jsonb,
          ${JSON.stringify(
            o.awardLevels ?? [
              { key: 'first', label: '一等奖', count: 10 },
              { key: 'second', label: '二等奖', count: 30 },
              { key: 'third', label: '三等奖', count: 60 },
            ],
          )}::jsonb,
          'published', ${(o.opensAt ?? new Date(now - 30 * 86_400_000)).toISOString()}::timestamptz,
          ${(o.closesAt ?? new Date(now - 86_400_000)).toISOString()}::timestamptz,
          ${o.parentCallId ?? null}, ${o.recommendQuota ?? 0})
        returning id`,
  );
  const keys = `{${SCALE_CATEGORIES.map((c) => c.key).join(',')}}`;
  await queryRows(
    db,
    sql`insert into works (unit_id, call_id, receipt_idx, title, category_key, description, originality_at, channel)
        select ${o.unitId}, ${call.id}, ${`scale-${o.slug}-`} || g,
          case when g % ${KEYWORD_EVERY} = 0 then ${KEYWORD} || '晨雾 ' || g else '青春的模样 ' || g end,
          (${keys}::text[])[1 + g % 6], '规模测试作品', now(), 'poster'
        from generate_series(1, ${o.entries}) g`,
  );
  await queryRows(
    db,
    sql`insert into work_entrants (work_id, position, name, age_band, place_unit_id)
        select w.id, 0, '作者' || w.id, 'adult', ${o.placeUnitId} from works w where w.call_id = ${call.id}`,
  );
  if (o.registered) {
    await queryRows(
      db,
      sql`with people as (
            insert into youth (unit_id, name, name_pinyin, name_initials)
            select ${o.unitId}, we.name, 'zuozhe' || we.id, 'zz' from work_entrants we
            join works w on w.id = we.work_id where w.call_id = ${call.id}
            returning id, name)
          update work_entrants we set youth_id = p.id from people p, works w
          where w.id = we.work_id and w.call_id = ${call.id} and we.name = p.name`,
    );
  }
  await queryRows(
    db,
    sql`insert into call_entries (call_id, work_id, unit_id, entry_no, origin, status, reviewed_at)
        select ${call.id}, w.id, ${o.unitId}, row_number() over (order by w.id), 'public', ${o.status},
          case when ${o.status} = 'eligible' then now() end
        from works w where w.call_id = ${call.id}`,
  );
  await queryRows(db, sql`analyze works`);
  await queryRows(db, sql`analyze call_entries`);
  await queryRows(db, sql`analyze work_entrants`);
  return call.id;
}

/** `count` active 评委 accounts of `unitId` sharing `like`'s password hash: sign in as `like` only. */
export async function cloneJudges(db: Db, likeUserId: number, count: number, prefix: string) {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`insert into users (unit_id, username, display_name, role, password_hash)
        select u.unit_id, ${prefix} || g, '评委' || ${prefix} || g, 'judge', u.password_hash
        from users u, generate_series(1, ${count}) g where u.id = ${likeUserId}
        returning id`,
  );
  return rows.map((r) => r.id);
}

/** The panel a test sets: judge i covers categories i and i+1 (mod 6). */
export const panelOf = (judgeIds: number[]) =>
  judgeIds.map((userId, i) => ({
    userId,
    categoryKeys: [SCALE_CATEGORIES[i % 6].key, SCALE_CATEGORIES[(i + 1) % 6].key],
  }));

/** An organiser's conflict for every `every`th entry with the panel's judge its number points at. */
export async function seedConflicts(db: Db, callId: number, judgeIds: number[], every: number) {
  await queryRows(
    db,
    sql`insert into judge_conflicts (call_id, judge_user_id, entry_id, source, reason)
        select e.call_id, (${`{${judgeIds.join(',')}}`}::int[])[1 + e.entry_no % ${judgeIds.length}], e.id,
          'organiser', '规模测试回避'
        from call_entries e where e.call_id = ${callId} and e.entry_no % ${every} = 0`,
  );
}

/** Every sheet of the round submitted with scores that depend on the entry and the judge only. */
export async function scoreEverySheet(db: Db, roundId: number) {
  await queryRows(
    db,
    sql`update judge_assignments set status = 'submitted', submitted_at = now(),
          scores = jsonb_build_object('theme', (entry_id * 7 + judge_user_id * 3) % 61 + 40,
                                      'craft', (entry_id * 11 + judge_user_id * 5) % 51 + 50),
          total = round(0.4 * ((entry_id * 7 + judge_user_id * 3) % 61 + 40)
                      + 0.6 * ((entry_id * 11 + judge_user_id * 5) % 51 + 50), 2)
        where round_id = ${roundId}`,
  );
}

export type Statement = {
  /** The statement's text, whitespace collapsed, cut at 120 characters. */
  head: string;
  /** Length of the whole text in bytes. */
  textBytes: number;
  params: number;
  /** Rows the statement returned. */
  rows: number;
  /** From the statement's sending to its result (for the bench's report; tests assert no time). */
  ms: number;
};

/**
 * Records every statement the database receives while `work` runs: on PGlite from the wire protocol's
 * Parse and Query messages (and the parameter count of each Bind), on PostgreSQL from pg's Client.query.
 * Only for one request at a time: a statement from elsewhere in that moment would be counted too.
 */
export async function recordStatements<T>(
  database: Database,
  work: () => Promise<T>,
): Promise<{ value: T; statements: Statement[] }> {
  const statements: (Statement & { start: number })[] = [];
  const collapse = (text: string) => text.replace(/\s+/g, ' ').trim().slice(0, 120);
  const restore: (() => void)[] = [];
  if (database.pglite) {
    const client = database.pglite as unknown as {
      execProtocolStream: (message: Uint8Array, opts?: unknown) => Promise<unknown>;
    };
    const original = client.execProtocolStream;
    const decoder = new TextDecoder();
    const cstring = (m: Uint8Array, from: number) => {
      const end = m.indexOf(0, from);
      return { text: decoder.decode(m.subarray(from, end)), next: end + 1 };
    };
    client.execProtocolStream = function (message: Uint8Array, opts?: unknown) {
      const kind = String.fromCharCode(message[0]);
      if (kind === 'P') {
        const name = cstring(message, 5);
        const end = message.indexOf(0, name.next);
        const text = decoder.decode(message.subarray(name.next, end));
        statements.push({
          head: collapse(text),
          textBytes: end - name.next,
          params: 0,
          rows: 0,
          ms: 0,
          start: performance.now(),
        });
      } else if (kind === 'Q') {
        const end = message.indexOf(0, 5);
        const text = decoder.decode(message.subarray(5, end));
        statements.push({
          head: collapse(text),
          textBytes: end - 5,
          params: 0,
          rows: 0,
          ms: 0,
          start: performance.now(),
        });
      } else if (kind === 'B' && statements.length) {
        const portal = cstring(message, 5);
        const stmt = cstring(message, portal.next);
        const view = new DataView(message.buffer, message.byteOffset, message.byteLength);
        const formats = view.getInt16(stmt.next);
        statements[statements.length - 1].params = view.getInt16(stmt.next + 2 + 2 * formats);
      }
      const last = statements[statements.length - 1];
      const result = original.call(this, message, opts);
      if ((kind !== 'E' && kind !== 'Q') || !last) return result;
      return result.then((messages) => {
        if (Array.isArray(messages)) {
          last.rows += messages.filter((m: { name?: string }) => m?.name === 'dataRow').length;
        }
        last.ms = performance.now() - last.start;
        return messages;
      });
    };
    restore.push(() => {
      client.execProtocolStream = original;
    });
  } else {
    const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
    const original = proto.query;
    proto.query = function (this: unknown, ...args: unknown[]) {
      const [config, values] = args as [string | { text?: string; values?: unknown[] }, unknown];
      const text = typeof config === 'string' ? config : (config?.text ?? '');
      const params = Array.isArray(values)
        ? values.length
        : typeof config === 'object' && Array.isArray(config?.values)
          ? config.values.length
          : 0;
      const statement = {
        head: collapse(text),
        textBytes: Buffer.byteLength(text),
        params,
        rows: 0,
        ms: 0,
        start: performance.now(),
      };
      statements.push(statement);
      const done = (r: { rows?: unknown[] } | undefined) => {
        statement.rows = r?.rows?.length ?? 0;
        statement.ms = performance.now() - statement.start;
      };
      // pg.Pool.query hands its client a callback; a client used directly returns a promise.
      const callback = args[args.length - 1];
      if (typeof callback === 'function') {
        args[args.length - 1] = (err: unknown, r: { rows?: unknown[] }) => {
          done(r);
          return (callback as (e: unknown, r: unknown) => unknown)(err, r);
        };
      }
      const result = original.apply(this, args);
      if (result instanceof Promise) {
        return result.then((r: { rows?: unknown[] }) => {
          done(r);
          return r;
        });
      }
      return result;
    };
    restore.push(() => {
      proto.query = original;
    });
  }
  try {
    return { value: await work(), statements };
  } finally {
    for (const r of restore) r();
  }
}

/** What a test compares between a small and a large run of the same request. */
export const statementShape = (statements: Statement[]) => ({
  count: statements.length,
  maxTextBytes: Math.max(0, ...statements.map((s) => s.textBytes)),
  maxParams: Math.max(0, ...statements.map((s) => s.params)),
});

/** The most rows one statement returned: for a one-entry action, the same whatever the round's size. */
export const maxRows = (statements: Statement[]) => Math.max(0, ...statements.map((s) => s.rows));
