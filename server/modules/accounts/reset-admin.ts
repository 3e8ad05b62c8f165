import os from 'node:os';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import { recordAudit } from '../../platform/audit/audit';
import { insertAccountNotice } from '../../platform/auth/account-notices.repo';
import { rememberPassword } from '../../platform/auth/password-history';
import { generateInitialPassword, hashPassword } from '../../platform/auth/passwords';
import { revokeUserSessions } from '../../platform/auth/session.repo';
import { osUserName } from '../../platform/backup/restore-record';
import { findUserByUsername } from '../auth/auth.repo';
import { liftSignInLocks } from '../auth/lockout.repo';
import * as repo from './accounts.repo';

/** Who ran the command: the operating-system account on the server, as the restore records it. */
export type CliOperator = { osUser: string; host: string };

export function cliOperator(): CliOperator {
  return { osUser: osUserName(), host: os.hostname() };
}

export type CliResetResult = {
  username: string;
  displayName: string;
  oneTimePassword: string;
  totpCleared: boolean;
  sessionsRevoked: number;
  disabled: boolean;
};

/**
 * `npm run reset-admin -- <username>`: the way back in when no administrator above may reset an
 * account (two system administrators are peers). Same effects as an administrator's password and
 * second-factor resets, with the server's operator as the actor: a one-time password to change at
 * the next sign-in, the second factor to enrol again, locks lifted, sessions ended, the user told.
 */
export async function resetAccountFromCli(
  db: Db,
  config: Config,
  rawUsername: string,
  operator: CliOperator = cliOperator(),
): Promise<CliResetResult> {
  const username = rawUsername.trim().toLowerCase();
  if (!username) throw new Error('请指定用户名：npm run reset-admin -- <用户名>');
  const user = await findUserByUsername(db, username);
  if (!user) throw new Error(`没有用户名为 ${username} 的账号`);

  const oneTimePassword = generateInitialPassword(config);
  const passwordHash = await hashPassword(oneTimePassword);
  const label = `${operator.osUser}@${operator.host}（命令行）`;
  const totpCleared = user.totpEnabled || user.totpSecretEnc !== null;
  const target = { targetType: 'user', targetId: user.id, targetLabel: user.username };
  const via = { via: 'cli', osUser: operator.osUser, host: operator.host };

  const sessionsRevoked = await db.transaction(async (t) => {
    const tx = t as unknown as Db;
    await repo.resetPassword(tx, user.id, passwordHash);
    await rememberPassword(tx, { id: user.id, unitId: user.unitId }, passwordHash);
    await repo.clearTotp(tx, user.id);
    await liftSignInLocks(tx, user.username);
    const notice = { userId: user.id, unitId: user.unitId, actorLabel: label };
    await insertAccountNotice(tx, { ...notice, kind: 'password_reset' });
    if (totpCleared) await insertAccountNotice(tx, { ...notice, kind: 'totp_reset' });
    const revoked = await revokeUserSessions(tx, user.id, 'password_reset');
    // The account's unit, so the administrators who can see the account see who reset it.
    const actor = { username: label, unitId: user.unitId };
    await recordAudit(tx, actor, {
      action: 'account.password_reset',
      ...target,
      detail: { ...via, sessionsRevoked: revoked, locksLifted: true },
    });
    if (totpCleared) await recordAudit(tx, actor, { action: 'account.totp_reset', ...target, detail: via });
    return revoked;
  });

  return {
    username: user.username,
    displayName: user.displayName,
    oneTimePassword,
    totpCleared,
    sessionsRevoked,
    disabled: user.status === 'disabled',
  };
}
