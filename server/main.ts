import path from 'node:path';
import { loadConfig, type Config } from './config';
import { openDatabase, type Database } from './db/client';
import { loadKeys } from './platform/crypto/keys';
import { buildApp } from './app';
import { reencryptAll } from './platform/crypto/rekey';
import { sweepUploads } from './platform/http/upload';
import { scheduleResumableSweep } from './modules/works/work-resumable';
import { scheduleFileSweep } from './platform/files/file-sweep';
import { schedulePublicSweep } from './platform/public/public-sweep';
import { prepareDatabase } from './prepare';
import { seedDemo } from './modules/demo/demo.seed';
import { backupDatabase, restoreDatabase } from './platform/backup/backup';
import { resetAccountFromCli } from './modules/accounts/reset-admin';

const USAGE = `用法: tsx server/main.ts <start [--demo] | migrate | seed-demo | backup [文件] | restore <文件> | rekey | reset-admin <用户名>>`;

function keysFor(config: Config) {
  return loadKeys(
    {
      dataKey: config.dataKey,
      indexKey: config.indexKey,
      previousDataKeys: config.previousDataKeys,
      dataDir: config.databaseUrl ? undefined : config.dataDir,
    },
    { allowGenerate: !config.databaseUrl },
  );
}

async function open(config: Config): Promise<Database> {
  return openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolMax: config.databasePoolMax,
  });
}

async function prepare(database: Database, config: Config) {
  const { unitsInserted, admin } = await prepareDatabase(database, config);
  if (unitsInserted) console.log(`已导入组织树：${unitsInserted} 个团组织`);
  if (admin.created) {
    console.log(`\n已创建系统管理员账号 ${admin.username}`);
    if (admin.generatedPassword) {
      console.log(`初始密码（仅显示这一次，请立即登录修改）：${admin.generatedPassword}\n`);
    }
  }
}

async function printDemo(database: Database, config: Config) {
  const demo = await database.exclusive((db) => seedDemo(db, config));
  if (!demo.accounts.length) {
    console.log('演示数据已存在，未重复创建（演示账号密码仅在首次创建时显示）。');
    return;
  }
  console.log('\n演示账号（密码仅显示这一次）：');
  for (const a of demo.accounts) {
    console.log(
      `  ${a.roleLabel.padEnd(5, '　')} ${a.unitName.padEnd(4, '　')}  ${a.username.padEnd(12)} ${a.password}`,
    );
  }
  console.log('');
}

async function resetAdmin(config: Config, username: string | undefined) {
  if (!username) throw new Error('请指定用户名：npm run reset-admin -- <用户名>');
  const database = await open(config);
  try {
    await prepare(database, config);
    const r = await resetAccountFromCli(database.db, config, username);
    console.log(
      `\n已重置账号 ${r.username}（${r.displayName}）：已解除登录锁定，已使 ${r.sessionsRevoked} 个会话下线`,
    );
    if (r.totpCleared) console.log('已清除双因素认证绑定，下次登录后需重新绑定');
    console.log(`一次性密码（仅显示这一次，登录后须立即修改）：${r.oneTimePassword}\n`);
    if (r.disabled) console.log('注意：该账号已停用，需由管理员在「账号管理」中启用后才能登录');
  } finally {
    await database.close();
  }
}

async function start(config: Config, withDemo: boolean) {
  const database = await open(config);
  await prepare(database, config);
  if (withDemo) await printDemo(database, config);
  await sweepUploads(config.dataDir);
  const keys = keysFor(config);
  const app = await buildApp({
    config,
    db: database.db,
    keys,
    webDir: path.resolve('dist/web'),
    logger: true,
  });
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info(`${signal} 收到，停止接收新连接，完成进行中的请求后退出`);
    const force = setTimeout(() => {
      app.log.error('等待超时，强制退出');
      process.exit(1);
    }, config.shutdownGraceSeconds * 1000);
    force.unref();
    // New connections go to the other processes; open ones are answered and told to close.
    await app.zmDrain();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  await app.listen({ port: config.port, host: config.host });
  scheduleFileSweep(database.db, config.dataDir, (message) => app.log.info(message));
  schedulePublicSweep(database.db, (message) => app.log.info(message));
  scheduleResumableSweep(config.dataDir, (message) => app.log.info(message));
  console.log(
    `筑梦已启动：http://localhost:${config.port}  （数据库：${database.kind === 'embedded' ? `内置 ${config.dataDir}` : 'PostgreSQL'}）`,
  );
}

async function main() {
  // Everything this process writes under DATA_DIR (uploads, stored files, backups, keys) is owner-only.
  process.umask(0o077);
  const [command = 'start', ...args] = process.argv.slice(2);
  const config = loadConfig();
  switch (command) {
    case 'start':
      return start(config, args.includes('--demo') || config.demo);
    case 'migrate': {
      const database = await open(config);
      await prepare(database, config);
      await database.close();
      console.log('数据库迁移完成');
      return;
    }
    case 'seed-demo': {
      const database = await open(config);
      await prepare(database, config);
      await printDemo(database, config);
      await database.close();
      return;
    }
    case 'backup': {
      const file = await backupDatabase(config, args[0]);
      console.log(`备份完成：${file}`);
      return;
    }
    case 'restore': {
      const file = args.find((a) => !a.startsWith('--'));
      if (!file) throw new Error('请指定备份文件：npm run restore -- <文件> [--force]');
      await restoreDatabase(config, file, { force: args.includes('--force') });
      console.log('恢复完成');
      return;
    }
    case 'reset-admin':
      return resetAdmin(
        config,
        args.find((a) => !a.startsWith('--')),
      );
    case 'rekey': {
      const database = await open(config);
      await prepare(database, config);
      const report = await reencryptAll(database.db, keysFor(config), config.dataDir);
      await database.close();
      console.log(
        `重新加密完成：${Object.entries(report.fields)
          .map(([table, n]) => `${table} ${n} 行`)
          .join(
            '，',
          )}，待导入行 ${report.stagedRows} 行，附件 ${report.files} 个。确认无误后可从 ZHUMENG_DATA_KEY_PREVIOUS 中移除旧密钥。`,
      );
      return;
    }
    default:
      console.error(USAGE);
      process.exit(2);
  }
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
