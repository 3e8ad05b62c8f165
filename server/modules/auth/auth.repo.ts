import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { units, users } from '../../db/schema';

export type UserRow = typeof users.$inferSelect;

export async function findUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  const rows = await db.select().from(users).where(eq(users.username, username)).limit(1);
  return rows[0];
}

export async function findUserById(db: Db, id: number): Promise<UserRow | undefined> {
  const rows = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return rows[0];
}

/** The user with their unit, for the `me` answer. */
export async function findUserWithUnit(db: Db, id: number) {
  const rows = await db
    .select({
      user: users,
      unit: { id: units.id, name: units.name, orgName: units.orgName, level: units.level },
    })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(eq(users.id, id))
    .limit(1);
  return rows[0];
}

export async function markLoggedIn(db: Db, id: number) {
  await db
    .update(users)
    .set({ lastLoginAt: sql`now()` })
    .where(eq(users.id, id));
}

export async function storePendingTotpSecret(db: Db, id: number, secretEnc: string) {
  await db
    .update(users)
    .set({ totpSecretEnc: secretEnc, updatedAt: sql`now()` })
    .where(and(eq(users.id, id), eq(users.totpEnabled, false)));
}

export async function setTotpEnabled(db: Db, id: number, enabled: boolean) {
  await db
    .update(users)
    .set(
      enabled
        ? { totpEnabled: true, updatedAt: sql`now()` }
        : { totpEnabled: false, totpSecretEnc: null, totpLastStep: null, updatedAt: sql`now()` },
    )
    .where(eq(users.id, id));
}

export async function updatePasswordHash(db: Db, id: number, passwordHash: string) {
  await db
    .update(users)
    .set({
      passwordHash,
      mustChangePassword: false,
      passwordChangedAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(eq(users.id, id));
}

/**
 * Records a TOTP time step as used, only if it is later than the last one: a code is good once.
 * One conditional UPDATE, so two requests racing with the same code cannot both pass.
 */
export async function acceptTotpStep(db: Db, id: number, step: number): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, id), sql`(${users.totpLastStep} is null or ${users.totpLastStep} < ${step})`))
    .returning({ id: users.id });
  return rows.length > 0;
}
