import type { Me } from '../../../common/contracts/auth';
import { ROLE_PERMISSIONS, ROLES, type Role } from '../../../common/access';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import type { SessionRow } from '../../platform/auth/session.repo';
import { roleRequiresTotp } from '../../platform/auth/role-settings.repo';
import { acknowledgeAccountNotices, pendingAccountNotices } from '../../platform/auth/account-notices.repo';
import { unauthorized } from '../../platform/http/errors';
import { findUserWithUnit } from './auth.repo';

/**
 * The signed-in user as the web app sees them: never the hash, the secret or the lock internals.
 * Notices of an administrator's reset ride along until the sign-in completes; the answer at the
 * full stage carries them one last time and marks them shown.
 */
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
  const notices = await pendingAccountNotices(db, user.id);
  if (session.stage === 'full') {
    await acknowledgeAccountNotices(
      db,
      user.id,
      notices.map((n) => n.id),
    );
  }
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
    notices: notices.map((n) => ({
      kind: n.kind,
      at: new Date(n.createdAt).toISOString(),
      by: n.actorLabel,
    })),
  };
}
