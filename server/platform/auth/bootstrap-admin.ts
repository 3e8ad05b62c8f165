import { asc, eq } from 'drizzle-orm';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import { units, users } from '../../db/schema';
import { recordAudit } from '../audit/audit';
import { checkPasswordPolicy, generateInitialPassword, hashPassword } from './passwords';
import { ensureRoleSettings } from './role-settings.repo';

const ADMIN_DISPLAY_NAME = '系统管理员';

export type BootstrapResult = { created: boolean; username: string; generatedPassword?: string };

/**
 * The first system administrator, at the root unit. There is no default password: either
 * ADMIN_PASSWORD (which must pass the policy) or a random one, returned so the CLI prints it once
 * and forces a change at the first sign-in. Also seeds the roles' two-factor settings.
 */
export async function ensureSystemAdmin(db: Db, config: Config): Promise<BootstrapResult> {
  await ensureRoleSettings(db);
  const existing = await db
    .select({ username: users.username })
    .from(users)
    .where(eq(users.role, 'system_admin'))
    .orderBy(asc(users.id))
    .limit(1);
  if (existing[0]) return { created: false, username: existing[0].username };

  const username = config.adminUsername.trim().toLowerCase();
  const [root] = await db
    .select({ id: units.id, name: units.name, orgName: units.orgName })
    .from(units)
    .where(eq(units.level, 'central'))
    .orderBy(asc(units.id))
    .limit(1);
  if (!root) throw new Error('尚未导入组织树（缺少中央级单位），无法创建系统管理员');
  const taken = await db.select({ id: users.id }).from(users).where(eq(users.username, username));
  if (taken[0]) {
    throw new Error(
      `用户名 ${username} 已被非管理员账号占用：请通过 ADMIN_USERNAME 指定其他系统管理员用户名`,
    );
  }

  let password = config.adminPassword;
  let generatedPassword: string | undefined;
  if (password) {
    const problem = checkPasswordPolicy(password, config, {
      username,
      displayName: ADMIN_DISPLAY_NAME,
      unitNames: [root.name, root.orgName],
    });
    if (problem) throw new Error(`ADMIN_PASSWORD 不符合密码规则：${problem}。请修改后重新启动`);
  } else {
    password = generatedPassword = generateInitialPassword(config);
  }

  const created = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(users)
      .values({
        unitId: root.id,
        username,
        displayName: ADMIN_DISPLAY_NAME,
        role: 'system_admin',
        passwordHash: await hashPassword(password),
        mustChangePassword: Boolean(generatedPassword),
      })
      .onConflictDoNothing()
      .returning({ id: users.id });
    if (!row) return false;
    await recordAudit(
      tx as unknown as Db,
      {},
      {
        action: 'system.admin_created',
        targetType: 'user',
        targetId: row.id,
        targetLabel: username,
        detail: { passwordSource: generatedPassword ? 'generated' : 'ADMIN_PASSWORD' },
      },
    );
    return true;
  });
  // Another process won the race: report its admin, without a password we did not set.
  if (!created) return { created: false, username };
  return { created: true, username, ...(generatedPassword ? { generatedPassword } : {}) };
}
