import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { queryRows, type Db } from '../../db/client';

/** Verification after a restore: a database without the unit tree is not a usable 筑梦 database. */
export async function countUnitsIn(db: Db): Promise<number> {
  const rows = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from units`);
  return rows[0]?.n ?? 0;
}

/** The password goes through the environment, not the command line, where `ps` would show it. */
function connection(databaseUrl: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  return { dbname: url.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

function run(command: 'pg_dump' | 'pg_restore', args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') {
        reject(
          new Error(
            `未找到 ${command}：请安装与数据库服务器版本一致的 PostgreSQL 客户端` +
              '（Debian/Ubuntu：apt-get install postgresql-client），或把它加入 PATH。',
          ),
        );
      } else {
        reject(err);
      }
    });
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${command} 执行失败（退出码 ${code}）：${stderr.trim() || '无输出'}`));
    });
  });
}

export async function pgBackup(databaseUrl: string, file: string): Promise<void> {
  const { dbname, env } = connection(databaseUrl);
  const partial = `${file}.partial`;
  await run(
    'pg_dump',
    ['--format=custom', '--no-owner', '--no-privileges', `--file=${partial}`, `--dbname=${dbname}`],
    env,
  );
  fs.renameSync(partial, file);
}

async function unitCount(databaseUrl: string): Promise<number | null> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const exists = await client.query<{ ok: boolean }>(
      `select to_regclass('public.units') is not null as ok`,
    );
    if (!exists.rows[0]?.ok) return null;
    const res = await client.query<{ n: number }>('select count(*)::int as n from units');
    return res.rows[0]?.n ?? 0;
  } finally {
    await client.end();
  }
}

/** Restores into DATABASE_URL; a database that already holds data is only replaced with `force`. */
export async function pgRestore(databaseUrl: string, file: string, force: boolean): Promise<void> {
  const before = await unitCount(databaseUrl);
  if (before !== null && before > 0 && !force) {
    throw new Error(
      '目标数据库中已有数据。恢复会删除并替换其中的表：确认后加 --force 重新执行（建议先 npm run backup 备份现有数据）。',
    );
  }
  const { dbname, env } = connection(databaseUrl);
  await run(
    'pg_restore',
    [
      '--clean',
      '--if-exists',
      '--no-owner',
      '--no-privileges',
      '--single-transaction',
      `--dbname=${dbname}`,
      file,
    ],
    env,
  );
  const after = await unitCount(databaseUrl);
  if (!after) throw new Error('恢复后的数据库中没有团组织数据，备份文件可能不完整');
}
