import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { loadConfig } from '../../config';
import type { Database } from '../../db/client';
import { auditLog, roleSettings, users } from '../../db/schema';
import { seedUnitTree } from '../units/seed-units';
import { openTestDatabase } from '../../test/test-db';
import { ensureSystemAdmin } from './bootstrap-admin';
import { verifyPassword } from './passwords';

let database: Database;
beforeEach(async () => {
  database = await openTestDatabase();
  await seedUnitTree(database.db);
});
afterEach(async () => {
  await database?.close();
});

const admins = () => database.db.select().from(users).where(eq(users.role, 'system_admin'));

describe('ensureSystemAdmin', () => {
  it('creates the admin with a generated password, returned once, that must be changed', async () => {
    const first = await ensureSystemAdmin(database.db, loadConfig({}));
    expect(first.created).toBe(true);
    expect(first.username).toBe('admin');
    expect(first.generatedPassword).toMatch(/^.{14}$/);
    const [admin] = await admins();
    expect(admin.mustChangePassword).toBe(true);
    expect(await verifyPassword(admin.passwordHash, first.generatedPassword!)).toBe(true);

    const audit = await database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'system.admin_created'));
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0].detail)).not.toContain(first.generatedPassword);

    const again = await ensureSystemAdmin(database.db, loadConfig({}));
    expect(again).toEqual({ created: false, username: 'admin' });
    expect(await admins()).toHaveLength(1);
  });

  it('uses ADMIN_PASSWORD and ADMIN_USERNAME, places the admin at the central unit, seeds role settings', async () => {
    const config = loadConfig({ ADMIN_USERNAME: 'root_admin', ADMIN_PASSWORD: 'Hongqi#Piaopiao1921' });
    const result = await ensureSystemAdmin(database.db, config);
    expect(result).toEqual({ created: true, username: 'root_admin' });
    const [admin] = await admins();
    expect(admin.mustChangePassword).toBe(false);
    expect(await verifyPassword(admin.passwordHash, 'Hongqi#Piaopiao1921')).toBe(true);
    const roles = await database.db.select().from(roleSettings);
    expect(roles.find((r) => r.role === 'system_admin')?.requireTotp).toBe(true);
    expect(roles.find((r) => r.role === 'operator')?.requireTotp).toBe(false);
  });

  it('refuses to start with an ADMIN_PASSWORD that fails the policy', async () => {
    await expect(ensureSystemAdmin(database.db, loadConfig({ ADMIN_PASSWORD: 'admin123' }))).rejects.toThrow(
      /ADMIN_PASSWORD 不符合密码规则/,
    );
    await expect(ensureSystemAdmin(database.db, loadConfig({ ADMIN_PASSWORD: 'P@ssw0rd' }))).rejects.toThrow(
      /过于常见/,
    );
    expect(await admins()).toHaveLength(0);
  });
});
