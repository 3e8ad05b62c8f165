import type { AuditAction } from '../../../common/audit-actions';
import type { Account } from '../../../common/contracts/accounts';
import { defaultRequiresTotp, ROLE_KEYS, ROLES, type Role } from '../../../common/access';
import type { Db } from '../../db/client';
import type { RequestContext } from '../../platform/http/context';
import { assertUnitInScope } from '../../platform/access/scope';
import { badRequest, conflict, forbidden, notFound, staleVersion } from '../../platform/http/errors';
import { checkPasswordPolicy, generateInitialPassword, hashPassword } from '../../platform/auth/passwords';
import { revokeUserSessions } from '../../platform/auth/session.repo';
import { loadRoleTotpRequirements, saveRoleRequiresTotp } from '../../platform/auth/role-settings.repo';
import { rememberPassword } from '../../platform/auth/password-history';
import { insertAccountNotice, type NoticeKind } from '../../platform/auth/account-notices.repo';
import { liftSignInLocks } from '../auth/lockout.repo';
import * as repo from './accounts.repo';
import { mayGrant, mayManage, presentAccount, presentRole } from './accounts.present';

const accountNotFound = () => notFound('账号');

function assertGrantable(actor: Role, role: Role) {
  if (!mayGrant(actor, role)) throw forbidden(`您不能授予「${ROLES[role].label}」角色`);
}

/**
 * Loads a target account the viewer may act on: in scope (else 404), not above them and not a
 * peer administrator of their own unit (else 403, audited under the action refused).
 */
async function loadManageable(ctx: RequestContext, id: number, action: AuditAction) {
  const { viewer } = ctx;
  const row = await repo.findAccount(ctx.db, viewer, id, ctx.config.sessionIdleMinutes);
  if (!row) throw accountNotFound();
  if (!mayGrant(viewer.role, row.role as Role)) {
    throw forbidden('不能管理角色高于您的账号');
  }
  const target = { role: row.role as Role, unitPath: row.unit.path };
  if (id !== viewer.userId && !mayManage(viewer, target)) {
    await ctx.audit({ action, outcome: 'denied', ...targetOf(row), detail: { reason: 'peer_admin' } });
    throw forbidden('同级管理员的账号须由上级单位的管理员或更高角色的管理员管理');
  }
  return row;
}

/** Who acted, as the affected user will read it at their next sign-in: 江西省 单位管理员 张三. */
async function actorLabel(ctx: RequestContext): Promise<string> {
  const { viewer } = ctx;
  const self = await repo.findAccount(ctx.db, viewer, viewer.userId);
  const unit = self?.unit.name ?? '';
  return `${unit} ${ROLES[viewer.role].label} ${viewer.displayName}`.trim();
}

/** Read before the transaction opens: the embedded database has one connection. */
async function noticeWriter(ctx: RequestContext, row: repo.AccountRow, kind: NoticeKind) {
  const label = await actorLabel(ctx);
  return (tx: Db) =>
    insertAccountNotice(tx, { userId: row.id, unitId: row.unit.id, kind, actorLabel: label });
}

const targetOf = (row: { id: number; username: string }) => ({
  targetType: 'user',
  targetId: row.id,
  targetLabel: row.username,
});

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === '23505' || e?.cause?.code === '23505';
}

export async function listAccounts(ctx: RequestContext, filters: repo.AccountFilters) {
  const { items, total } = await repo.listAccounts(
    ctx.db,
    ctx.viewer,
    filters,
    ctx.config.sessionIdleMinutes,
  );
  return { items: items.map(presentAccount), total, page: filters.page, pageSize: filters.pageSize };
}

export async function createAccount(
  ctx: RequestContext,
  input: { username: string; displayName: string; role: Role; unitId: number; password?: string },
): Promise<{ account: Account; initialPassword: string | null }> {
  const { db, config, viewer } = ctx;
  await assertUnitInScope(db, input.unitId, viewer);
  assertGrantable(viewer.role, input.role);
  const username = input.username.toLowerCase();
  if (await repo.usernameTaken(db, username)) throw conflict('用户名已存在');

  let password = input.password || undefined;
  if (password) {
    const problem = checkPasswordPolicy(password, config, {
      username,
      displayName: input.displayName,
      unitNames: await repo.unitNames(db, input.unitId),
    });
    if (problem) throw badRequest(problem, [{ path: 'password', message: problem }]);
  }
  const initialPassword = password ? null : generateInitialPassword(config);
  password ??= initialPassword!;
  const passwordHash = await hashPassword(password);

  let id: number;
  try {
    id = await db.transaction(async (t) => {
      const tx = t as unknown as Db;
      // The administrator knows this password either way, so the user must replace it at first sign-in.
      const newId = await repo.insertAccount(tx, {
        username,
        displayName: input.displayName,
        role: input.role,
        unitId: input.unitId,
        passwordHash,
        mustChangePassword: true,
      });
      await rememberPassword(tx, { id: newId, unitId: input.unitId }, passwordHash);
      await ctx.audit(
        {
          action: 'account.created',
          ...targetOf({ id: newId, username }),
          detail: {
            role: input.role,
            unitId: input.unitId,
            passwordSource: initialPassword ? 'generated' : 'set',
          },
        },
        tx,
      );
      return newId;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('用户名已存在');
    throw err;
  }
  const row = await repo.findAccount(db, viewer, id, config.sessionIdleMinutes);
  return { account: presentAccount(row!), initialPassword };
}

export async function updateAccount(
  ctx: RequestContext,
  id: number,
  input: {
    version: number;
    displayName?: string;
    role?: Role;
    unitId?: number;
    status?: 'active' | 'disabled';
  },
): Promise<Account> {
  const { db, config, viewer } = ctx;
  const row = await loadManageable(ctx, id, 'account.updated');
  const changes: repo.AccountChanges = {};
  if (input.displayName !== undefined && input.displayName !== row.displayName) {
    changes.displayName = input.displayName;
  }
  if (input.role !== undefined && input.role !== row.role) changes.role = input.role;
  if (input.unitId !== undefined && input.unitId !== row.unit.id) changes.unitId = input.unitId;
  if (input.status !== undefined && input.status !== row.status) changes.status = input.status;

  if (id === viewer.userId && (changes.role || changes.unitId || changes.status)) {
    throw forbidden('不能修改本人的角色、所属单位或状态，请联系上级管理员');
  }
  if (!Object.keys(changes).length) {
    if (input.version !== row.version) throw staleVersion();
    return presentAccount(row);
  }
  if (changes.role) assertGrantable(viewer.role, changes.role as Role);
  if (changes.unitId) await assertUnitInScope(db, changes.unitId, viewer);

  await db.transaction(async (t) => {
    const tx = t as unknown as Db;
    if (!(await repo.updateAccountAtVersion(tx, id, input.version, changes))) throw staleVersion();
    // A new role, unit or a suspension must take effect now, not when old sessions expire.
    const revoked =
      changes.role || changes.unitId || changes.status === 'disabled'
        ? await revokeUserSessions(tx, id, 'account_changed')
        : 0;
    await ctx.audit(
      {
        action: 'account.updated',
        ...targetOf(row),
        detail: {
          fields: Object.keys(changes),
          ...(changes.role ? { role: { from: row.role, to: changes.role } } : {}),
          ...(changes.unitId ? { unitId: { from: row.unit.id, to: changes.unitId } } : {}),
          ...(changes.status ? { status: { from: row.status, to: changes.status } } : {}),
          ...(revoked ? { sessionsRevoked: revoked } : {}),
        },
      },
      tx,
    );
  });
  const updated = await repo.findAccount(db, viewer, id, config.sessionIdleMinutes);
  if (!updated) throw accountNotFound();
  return presentAccount(updated);
}

export async function resetPassword(ctx: RequestContext, id: number): Promise<{ initialPassword: string }> {
  if (id === ctx.viewer.userId) throw badRequest('请通过「修改密码」修改本人密码');
  const row = await loadManageable(ctx, id, 'account.password_reset');
  const initialPassword = generateInitialPassword(ctx.config);
  const passwordHash = await hashPassword(initialPassword);
  const notify = await noticeWriter(ctx, row, 'password_reset');
  await ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    await repo.resetPassword(tx, id, passwordHash);
    await rememberPassword(tx, { id, unitId: row.unit.id }, passwordHash);
    await liftSignInLocks(tx, row.username);
    await notify(tx);
    const revoked = await revokeUserSessions(tx, id, 'password_reset');
    await ctx.audit(
      { action: 'account.password_reset', ...targetOf(row), detail: { sessionsRevoked: revoked } },
      tx,
    );
  });
  return { initialPassword };
}

export async function unlockAccount(ctx: RequestContext, id: number) {
  const row = await loadManageable(ctx, id, 'account.unlocked');
  await ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    await repo.unlockAccount(tx, id);
    await liftSignInLocks(tx, row.username);
    await ctx.audit(
      { action: 'account.unlocked', ...targetOf(row), detail: { wasLocked: !!row.lockedUntil } },
      tx,
    );
  });
  return { ok: true as const };
}

export async function revokeSessions(ctx: RequestContext, id: number) {
  const row = await loadManageable(ctx, id, 'account.sessions_revoked');
  // Ending one's own sessions spares the one making the request.
  const except = id === ctx.viewer.userId ? ctx.viewer.sessionId : undefined;
  const revoked = await revokeUserSessions(ctx.db, id, 'admin_revoked', except);
  await ctx.audit({ action: 'account.sessions_revoked', ...targetOf(row), detail: { revoked } });
  return { revoked };
}

export async function resetTotp(ctx: RequestContext, id: number) {
  if (id === ctx.viewer.userId) throw badRequest('不能重置本人的双因素认证，请联系上级管理员');
  const row = await loadManageable(ctx, id, 'account.totp_reset');
  const notify = await noticeWriter(ctx, row, 'totp_reset');
  await ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    await repo.clearTotp(tx, id);
    await notify(tx);
    const revoked = await revokeUserSessions(tx, id, 'totp_reset');
    await ctx.audit(
      { action: 'account.totp_reset', ...targetOf(row), detail: { sessionsRevoked: revoked } },
      tx,
    );
  });
  return { ok: true as const };
}

export async function listRoles(ctx: RequestContext) {
  const required = await loadRoleTotpRequirements(ctx.db);
  return { items: ROLE_KEYS.map((role) => presentRole(role, required[role], ctx.viewer.role)) };
}

export async function updateRoleSettings(ctx: RequestContext, role: Role, requireTotp: boolean) {
  if (!requireTotp && defaultRequiresTotp(role)) {
    throw badRequest(`「${ROLES[role].label}」可查看或导出个人信息，必须启用双因素认证`);
  }
  const before = (await loadRoleTotpRequirements(ctx.db))[role];
  await ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    await saveRoleRequiresTotp(tx, role, requireTotp);
    await ctx.audit(
      {
        action: 'role.settings_updated',
        targetType: 'role',
        targetId: role,
        targetLabel: ROLES[role].label,
        detail: { requireTotp: { from: before, to: requireTotp } },
      },
      tx,
    );
  });
  return presentRole(role, requireTotp, ctx.viewer.role);
}
