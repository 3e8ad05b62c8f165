import type { z } from 'zod';
import type { checkYouthDuplicate } from '../../../common/contracts/youth';
import { pathInScope } from '../../platform/access/scope';
import { can } from '../../platform/access/viewer';
import { decryptField } from '../../platform/crypto/field-crypto';
import { badRequest, conflict } from '../../platform/http/errors';
import type { YouthCtx as Ctx } from './youth.context';
import { idNumberToken, phoneToken } from './youth.input';
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

export async function checkDuplicate(ctx: Ctx, body: DuplicateBody) {
  const matches = [];
  const lookups: ['idNumber' | 'phone', repo.KeeperRow[]][] = [];
  if (body.idNumber) {
    const { token } = idNumberToken(ctx.keys, body.idNumber);
    lookups.push(['idNumber', await repo.findKeepersByIndex(ctx.db, 'id_number_idx', token)]);
  }
  if (body.phone) {
    const { token } = phoneToken(ctx.keys, body.phone);
    lookups.push(['phone', await repo.findKeepersByIndex(ctx.db, 'phone_idx', token)]);
  }
  const mayTransfer = can(ctx.viewer, 'youth.transfer');
  for (const [field, keepers] of lookups) {
    for (const k of keepers.filter((x) => x.id !== body.excludeId)) {
      const mine = pathInScope(k.unitPath, ctx.viewer);
      matches.push({
        field,
        inScope: mine,
        youthId: mine ? k.id : null,
        name: mine ? k.name : null,
        keepingUnitName: k.unitName,
        canRequestTransfer: !mine && field === 'idNumber' && mayTransfer,
      });
    }
  }
  await ctx.audit({
    action: 'youth.duplicate_checked',
    targetType: 'youth',
    detail: {
      fields: lookups.map(([f]) => f),
      matches: matches.length,
      elsewhere: matches.filter((m) => !m.inScope).length,
    },
  });
  const warnings = matches.some((m) => !m.inScope && m.field === 'idNumber')
    ? ['该青年已由其他单位登记保管，不能重复登记；如其已迁入本地，可申请转入']
    : [];
  return { matches, warnings };
}
