import type { Account } from '../../../common/contracts/accounts';
import { canGrantRole, ROLE_PERMISSIONS, ROLES, type Role } from '../../../common/access';
import type { AccountRow } from './accounts.repo';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function presentAccount(row: AccountRow): Account {
  const role = row.role as Role;
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role,
    roleLabel: ROLES[role]?.label ?? role,
    unit: { id: row.unit.id, name: row.unit.name, orgName: row.unit.orgName },
    status: row.status,
    totpEnabled: row.totpEnabled,
    lockedUntil: iso(row.lockedUntil),
    lastLoginAt: iso(row.lastLoginAt),
    createdAt: iso(row.createdAt)!,
    activeSessions: Number(row.activeSessions),
    version: row.version,
  };
}

/** Only a system administrator may create another; others may grant their own rank or below. */
export function mayGrant(granter: Role, role: Role): boolean {
  if (role === 'system_admin') return granter === 'system_admin';
  return canGrantRole(granter, role);
}

/**
 * Whether an administrator may manage (reset the password or second factor of, edit, unlock…)
 * an account they may already see: one of a lower rank anywhere in their scope, one of their own
 * rank only in a unit below theirs. A peer — same rank, same unit — is left to the level above,
 * so no administrator can take over another by resetting their credentials.
 */
export function mayManage(
  actor: { role: Role; unitPath: string },
  target: { role: Role; unitPath: string },
): boolean {
  if (!mayGrant(actor.role, target.role)) return false;
  if (ROLES[target.role].rank < ROLES[actor.role].rank) return true;
  return target.unitPath !== actor.unitPath && target.unitPath.startsWith(actor.unitPath);
}

export function presentRole(role: Role, requireTotp: boolean, viewerRole: Role) {
  return {
    key: role,
    label: ROLES[role].label,
    rank: ROLES[role].rank,
    permissions: [...ROLE_PERMISSIONS[role]],
    requireTotp,
    grantable: mayGrant(viewerRole, role),
  };
}
