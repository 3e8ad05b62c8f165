import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { and, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { sessions } from '../../db/schema';
import { recordAudit } from '../audit/audit';

/** Who restored which file: the restore is run from the command line, so the actor is the OS account. */
export type RestoreOrigin = {
  file: string;
  path: string;
  sha256: string;
  osUser: string;
  host: string;
};

export function osUserName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? process.env.LOGNAME ?? `uid ${process.getuid?.() ?? '?'}`;
  }
}

export async function restoreOrigin(backupFile: string): Promise<RestoreOrigin> {
  const hash = crypto.createHash('sha256');
  await pipeline(fs.createReadStream(backupFile), hash);
  return {
    file: path.basename(backupFile),
    path: backupFile,
    sha256: hash.digest('hex'),
    osUser: osUserName(),
    host: os.hostname(),
  };
}

export const RESTORE_REVOKE_REASON = 'restore';

/**
 * Run on the restored database before anyone can use it. Every session in it is revoked: the backup
 * predates logouts, password changes and account locks made since, and would bring those sessions
 * back. The restored audit log then says that a restore happened, by whom and from which file.
 */
export async function markRestored(db: Db, origin: RestoreOrigin): Promise<{ sessionsRevoked: number }> {
  return db.transaction(async (tx) => {
    const revoked = await tx
      .update(sessions)
      .set({ revokedAt: sql`now()`, revokedReason: RESTORE_REVOKE_REASON })
      .where(and(isNull(sessions.revokedAt), gt(sessions.expiresAt, sql`now()`)))
      .returning({ id: sessions.id });
    await tx
      .update(sessions)
      .set({ revokedAt: sql`now()`, revokedReason: RESTORE_REVOKE_REASON })
      .where(isNull(sessions.revokedAt));
    await recordAudit(
      tx as unknown as Db,
      { username: `${origin.osUser}@${origin.host}（命令行）` },
      {
        action: 'system.restored',
        targetType: 'backup',
        targetLabel: origin.file,
        detail: {
          via: 'cli',
          osUser: origin.osUser,
          host: origin.host,
          file: origin.file,
          path: origin.path,
          sha256: origin.sha256,
          sessionsRevoked: revoked.length,
        },
      },
    );
    return { sessionsRevoked: revoked.length };
  });
}
