import type { z } from 'zod';
import type { Db } from '../../db/client';
import type { checkYouthDuplicate } from '../../../common/contracts/youth';
import { pathInScope } from '../../platform/access/scope';
import { can } from '../../platform/access/viewer';
import { decryptField } from '../../platform/crypto/field-crypto';
import type { RequestContext } from '../../platform/http/context';
import { AppError, badRequest, conflict } from '../../platform/http/errors';
import type { YouthCtx as Ctx } from './youth.context';
import { idNumberToken, phoneToken } from './youth.input';
import * as limits from './youth-identity.repo';
import * as repo from './youth.repo';

/** ID number and phone: revealing them (audited with a reason) and the country-wide duplicate check. */

export function duplicateMessage(keeper: repo.KeeperRow, viewer: Ctx['viewer']) {
  return pathInScope(keeper.unitPath, viewer)
    ? conflict(`该身份证号已登记（${keeper.unitName}，记录编号 ${keeper.id}），请打开已有记录`)
    : conflict(`该青年已由「${keeper.unitName}」登记保管，可申请转入本单位`);
}

export async function reveal(ctx: Ctx, id: number, reason: string) {
  const row = await repo.findYouthDetail(ctx.db, ctx.viewer, id);
  const idNumber = row.idNumberEnc ? decryptField(ctx.keys, row.idNumberEnc) : null;
  const phone = row.phoneEnc ? decryptField(ctx.keys, row.phoneEnc) : null;
  // The reason goes into the audit log verbatim: it must not carry the very numbers being revealed.
  if (/\d{6,}/.test(reason.replace(/[\s-]/g, ''))) {
    throw badRequest('查看原因中不要填写身份证号、手机号等号码', [{ path: 'reason', message: '请去掉号码' }]);
  }
  await ctx.audit({
    action: 'youth.revealed',
    targetType: 'youth',
    targetId: id,
    targetLabel: row.name,
    detail: { reason, fields: [...(idNumber ? ['idNumber'] : []), ...(phone ? ['phone'] : [])] },
  });
  return { idNumber, phone };
}

type DuplicateBody = z.output<NonNullable<(typeof checkYouthDuplicate)['body']>>;
type Field = 'idNumber' | 'phone';
/** What each lookup found, for the audit log: the blind-index token, never the number. */
type Outcome = 'in_scope' | 'elsewhere' | 'not_found';

/** The duplicate check needs the limits from the configuration besides the usual context. */
export type IdentityCtx = Ctx & Pick<RequestContext, 'config'>;

function overLimit(ctx: IdentityCtx, used: { minute: number; day: number }) {
  const { duplicateCheckLimitPerMinute: perMinute, duplicateCheckLimitPerDay: perDay } = ctx.config;
  if (used.day >= perDay) {
    return {
      window: 'day' as const,
      max: perDay,
      message: `24 小时内查重次数已达上限（每个账号最多 ${perDay} 次），请稍后再试；核对成批名单请使用导入功能`,
    };
  }
  if (used.minute >= perMinute) {
    return {
      window: 'minute' as const,
      max: perMinute,
      message: `查重过于频繁（每个账号每分钟最多 ${perMinute} 次），请 1 分钟后再试`,
    };
  }
  return null;
}

/**
 * Runs `work` (the lookups and their audit event) only while the account is within its limits: per
 * minute and per day, counted under a per-account lock in the database every process shares. The
 * first refusal of a burst is audited once as an alert; the refusal itself is a 429.
 */
async function withinLimits<T>(ctx: IdentityCtx, work: (tx: Db) => Promise<T>): Promise<T> {
  const userId = ctx.viewer.userId;
  const result = await ctx.db.transaction(async (tx) => {
    await limits.lockAccountChecks(tx, userId);
    const used = await limits.countAccountChecks(tx, userId);
    const limit = overLimit(ctx, used);
    if (!limit) return { refused: null, value: await work(tx) };
    if (!(await limits.burstAlreadyAlerted(tx, userId))) {
      await ctx.audit(
        {
          action: 'youth.duplicate_check_limited',
          outcome: 'denied',
          targetType: 'youth',
          detail: { window: limit.window, limit: limit.max, lastMinute: used.minute, last24Hours: used.day },
        },
        tx,
      );
    }
    return { refused: limit.message, value: null };
  });
  if (result.refused !== null) throw new AppError(429, 'rate_limited', result.refused);
  return result.value as T;
}

/** The one deliberately unscoped lookup, so it is bounded and each check is audited (tokens, outcomes). */
export async function checkDuplicate(ctx: IdentityCtx, body: DuplicateBody) {
  const tokens: [Field, 'id_number_idx' | 'phone_idx', string][] = [];
  if (body.idNumber) tokens.push(['idNumber', 'id_number_idx', idNumberToken(ctx.keys, body.idNumber).token]);
  if (body.phone) tokens.push(['phone', 'phone_idx', phoneToken(ctx.keys, body.phone).token]);
  const lookups = await withinLimits(ctx, async (tx) => {
    const found: [Field, string, repo.KeeperRow[]][] = [];
    for (const [field, column, token] of tokens) {
      const keepers = await repo.findKeepersByIndex(tx, column, token);
      found.push([field, token, keepers.filter((k) => k.id !== body.excludeId)]);
    }
    await ctx.audit(
      {
        action: 'youth.duplicate_checked',
        targetType: 'youth',
        detail: {
          lookups: found.map(([field, token, keepers]) => auditedLookup(ctx, field, token, keepers)),
        },
      },
      tx,
    );
    return found;
  });
  return present(ctx, lookups);
}

/**
 * Registering or editing a record whose ID number another unit keeps answers with that unit's name:
 * the same answer as the duplicate check, so it is counted, limited and audited as one. A record in
 * the viewer's own scope tells them nothing new and is refused as before.
 */
export async function duplicateRefusal(
  ctx: IdentityCtx,
  keeper: repo.KeeperRow,
  token: string,
  via: 'create' | 'update',
): Promise<AppError> {
  if (pathInScope(keeper.unitPath, ctx.viewer)) return duplicateMessage(keeper, ctx.viewer);
  await withinLimits(ctx, (tx) =>
    ctx.audit(
      {
        action: 'youth.duplicate_checked',
        targetType: 'youth',
        detail: { via, lookups: [auditedLookup(ctx, 'idNumber', token, [keeper])] },
      },
      tx,
    ),
  );
  return duplicateMessage(keeper, ctx.viewer);
}

function auditedLookup(ctx: IdentityCtx, field: Field, token: string, keepers: repo.KeeperRow[]) {
  const inScope = keepers.filter((k) => pathInScope(k.unitPath, ctx.viewer)).length;
  const elsewhere = keepers.length - inScope;
  const outcome: Outcome = elsewhere ? 'elsewhere' : inScope ? 'in_scope' : 'not_found';
  return { field, token, outcome, inScope, elsewhere };
}

function present(ctx: IdentityCtx, lookups: [Field, string, repo.KeeperRow[]][]) {
  const mayTransfer = can(ctx.viewer, 'youth.transfer');
  const matches = lookups.flatMap(([field, , keepers]) =>
    keepers.map((k) => {
      const mine = pathInScope(k.unitPath, ctx.viewer);
      return {
        field,
        inScope: mine,
        youthId: mine ? k.id : null,
        name: mine ? k.name : null,
        keepingUnitName: k.unitName,
        canRequestTransfer: !mine && field === 'idNumber' && mayTransfer,
      };
    }),
  );
  const warnings = matches.some((m) => !m.inScope && m.field === 'idNumber')
    ? ['该青年已由其他单位登记保管，不能重复登记；如其已迁入本地，可申请转入']
    : [];
  return { matches, warnings };
}
