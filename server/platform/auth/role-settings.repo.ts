import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { roleSettings } from '../../db/schema';
import { defaultRequiresTotp, ROLE_KEYS, type Role } from '../../../common/access';

/** Inserts the default two-factor rule for every role that has no row yet; never overwrites a setting. */
export async function ensureRoleSettings(db: Db): Promise<void> {
  await db
    .insert(roleSettings)
    .values(ROLE_KEYS.map((role) => ({ role, requireTotp: defaultRequiresTotp(role) })))
    .onConflictDoNothing();
}

/** Every role's two-factor requirement; a role without a row falls back to the default rule. */
export async function loadRoleTotpRequirements(db: Db): Promise<Record<Role, boolean>> {
  const rows = await db.select().from(roleSettings);
  const stored = new Map(rows.map((r) => [r.role, r.requireTotp]));
  return Object.fromEntries(
    ROLE_KEYS.map((role) => [role, stored.get(role) ?? defaultRequiresTotp(role)]),
  ) as Record<Role, boolean>;
}

export async function roleRequiresTotp(db: Db, role: Role): Promise<boolean> {
  const rows = await db
    .select({ requireTotp: roleSettings.requireTotp })
    .from(roleSettings)
    .where(eq(roleSettings.role, role));
  return rows[0]?.requireTotp ?? defaultRequiresTotp(role);
}

export async function saveRoleRequiresTotp(db: Db, role: Role, requireTotp: boolean): Promise<void> {
  await db
    .insert(roleSettings)
    .values({ role, requireTotp })
    .onConflictDoUpdate({ target: roleSettings.role, set: { requireTotp, updatedAt: sql`now()` } });
}
