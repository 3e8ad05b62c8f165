import { and, asc, desc, eq, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { units, users } from '../../db/schema';
import type { Viewer } from '../../platform/access/viewer';
import { inScope } from '../../platform/access/scope';
import { escapeLike } from '../../platform/search/like';

export type AccountFilters = {
  q?: string;
  unitId?: number;
  includeDescendants: boolean;
  role?: string;
  status?: 'active' | 'disabled' | 'locked';
  sort?: string;
  page: number;
  pageSize: number;
};

const SORTS: Record<string, AnyColumn> = {
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  status: users.status,
  createdAt: users.createdAt,
  lastLoginAt: users.lastLoginAt,
  unit: units.path,
};

/** The latest of the account's locks: its hard lock and its sign-in locks, at any address. */
const lockEnd = sql`greatest(${users.lockedUntil},
  (select max(l.locked_until) from login_locks l where l.username = ${users.username}))`;

/** Columns every account answer needs; sessions still alive by both clocks count as active. */
function accountColumns(idleMinutes: number) {
  return {
    id: users.id,
    username: users.username,
    displayName: users.displayName,
    role: users.role,
    status: users.status,
    totpEnabled: users.totpEnabled,
    lockedUntil: sql<Date | string | null>`case when ${lockEnd} > now() then ${lockEnd} end`,
    lastLoginAt: users.lastLoginAt,
    createdAt: users.createdAt,
    version: users.version,
    unit: { id: units.id, name: units.name, orgName: units.orgName, path: units.path },
    activeSessions: sql<number>`(select count(*)::int from sessions s
      where s.user_id = ${users.id} and s.revoked_at is null and s.expires_at > now()
        and s.last_seen_at > now() - make_interval(mins => ${idleMinutes}))`,
  };
}

export type AccountRow = NonNullable<Awaited<ReturnType<typeof findAccount>>>;

function filterConditions(viewer: Viewer, f: AccountFilters): SQL | undefined {
  const conds: (SQL | undefined)[] = [inScope(users.unitId, viewer)];
  if (f.unitId) {
    conds.push(
      f.includeDescendants
        ? sql`${units.path} like (select fu.path from units fu where fu.id = ${f.unitId}) || '%'`
        : eq(users.unitId, f.unitId),
    );
  }
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    conds.push(sql`(${users.username} ilike ${like} or ${users.displayName} ilike ${like})`);
  }
  if (f.role) conds.push(eq(users.role, f.role));
  if (f.status === 'locked') conds.push(sql`${lockEnd} > now()`);
  else if (f.status) conds.push(eq(users.status, f.status));
  return and(...conds);
}

export async function listAccounts(db: Db, viewer: Viewer, f: AccountFilters, idleMinutes: number) {
  const where = filterConditions(viewer, f);
  const sortKey = f.sort?.replace(/^-/, '') ?? '';
  const sortCol = SORTS[sortKey];
  const order = sortCol
    ? [f.sort!.startsWith('-') ? desc(sortCol) : asc(sortCol), asc(users.id)]
    : [asc(units.path), asc(users.username)];
  const [items, counted] = await Promise.all([
    db
      .select(accountColumns(idleMinutes))
      .from(users)
      .innerJoin(units, eq(units.id, users.unitId))
      .where(where)
      .orderBy(...order)
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(users)
      .innerJoin(units, eq(units.id, users.unitId))
      .where(where),
  ]);
  return { items, total: Number(counted[0]?.n ?? 0) };
}

/** One account inside the viewer's scope, or undefined (outside the scope looks like absent). */
export async function findAccount(db: Db, viewer: Pick<Viewer, 'unitPath'>, id: number, idleMinutes = 30) {
  const rows = await db
    .select(accountColumns(idleMinutes))
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(and(eq(users.id, id), inScope(users.unitId, viewer)))
    .limit(1);
  return rows[0];
}

/** The unit's name and its committee's full name, for the password check (名称、拼音). */
export async function unitNames(db: Db, unitId: number): Promise<string[]> {
  const rows = await db
    .select({ name: units.name, orgName: units.orgName })
    .from(units)
    .where(eq(units.id, unitId))
    .limit(1);
  return rows[0] ? [rows[0].name, rows[0].orgName] : [];
}

export async function usernameTaken(db: Db, username: string): Promise<boolean> {
  const rows = await db.select({ id: users.id }).from(users).where(eq(users.username, username)).limit(1);
  return rows.length > 0;
}

export async function insertAccount(db: Db, row: typeof users.$inferInsert): Promise<number> {
  const [created] = await db.insert(users).values(row).returning({ id: users.id });
  return created.id;
}

export type AccountChanges = Partial<
  Pick<typeof users.$inferInsert, 'displayName' | 'role' | 'unitId' | 'status'>
>;

/** Applies the changes only at the version the editor read; false when someone saved in between. */
export async function updateAccountAtVersion(
  db: Db,
  id: number,
  version: number,
  changes: AccountChanges,
): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({ ...changes, updatedAt: sql`now()`, version: sql`${users.version} + 1` })
    .where(and(eq(users.id, id), eq(users.version, version)))
    .returning({ id: users.id });
  return rows.length > 0;
}

/** An administrator's reset also lifts a lock: the user is told the new password in person. */
export async function resetPassword(db: Db, id: number, passwordHash: string) {
  await db
    .update(users)
    .set({
      passwordHash,
      mustChangePassword: true,
      passwordChangedAt: sql`now()`,
      lockedUntil: sql`least(${users.lockedUntil}, now())`,
      updatedAt: sql`now()`,
    })
    .where(eq(users.id, id));
}

/** Ends the lock now; failures before this moment no longer count towards the next one. */
export async function unlockAccount(db: Db, id: number) {
  await db
    .update(users)
    .set({ lockedUntil: sql`now()`, updatedAt: sql`now()` })
    .where(eq(users.id, id));
}

export async function clearTotp(db: Db, id: number) {
  await db
    .update(users)
    .set({ totpEnabled: false, totpSecretEnc: null, totpLastStep: null, updatedAt: sql`now()` })
    .where(eq(users.id, id));
}
