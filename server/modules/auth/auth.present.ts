import type { Me } from '../../../common/contracts/auth';
import { ROLE_PERMISSIONS, ROLES, type Role } from '../../../common/access';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import type { SessionRow } from '../../platform/auth/session.repo';
import { roleRequiresTotp } from '../../platform/auth/role-settings.repo';
import { unauthorized } from '../../platform/http/errors';
import { findUserWithUnit } from './auth.repo';

/** The signed-in user as the web app sees them: never the hash, the secret or the lock internals. */
export async function presentMe(
  db: Db,
  config: Config,
  userId: number,
  session: { stage: SessionRow['stage']; csrfToken: string },
): Promise<Me> {
  const found = await findUserWithUnit(db, userId);
  if (!found) throw unauthorized('登录已失效，请重新登录');
  const { user, unit } = found;
  const role = user.role as Role;
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role,
    roleLabel: ROLES[role]?.label ?? role,
    unit: { id: unit.id, name: unit.name, orgName: unit.orgName, level: unit.level },
    permissions: [...(ROLE_PERMISSIONS[role] ?? [])],
    totpEnabled: user.totpEnabled,
    totpRequired: await roleRequiresTotp(db, role),
    stage: session.stage,
    csrfToken: session.csrfToken,
    idleTimeoutMinutes: config.sessionIdleMinutes,
  };
}
