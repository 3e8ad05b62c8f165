import type { z } from 'zod';
import type { PublicSignupPage, submitPublicSignup } from '../../../common/contracts/public';
import { todayInChina } from '../../../common/validators';
import type { Db } from '../../db/client';
import { pathInScope } from '../../platform/access/scope';
import { recordAudit, type AuditEvent } from '../../platform/audit/audit';
import type { RequestContext } from '../../platform/http/context';
import { AppError, badRequest, conflict } from '../../platform/http/errors';
import { anonymiseIp, publicUserAgent } from '../../platform/public/client-address';
import { guardPublicForm, guardPublicRead } from '../../platform/public/guard';
import { unitIdsOnPath } from '../dictionaries/dictionaries.service';
import { currentNotice, recordConsent } from '../privacy/privacy.service';
import { iso } from '../youth/youth.present';
import * as youthRepo from '../youth/youth.repo';
import { newReceiptCode, receiptIndex } from './signup-codes';
import { normaliseSignup, type NormalisedSignup } from './signup-input';
import type { PageRow } from './signup-pages.repo';
import * as pages from './signup-pages.repo';
import { publicPath } from './signup-pages.service';
import * as repo from './signup.repo';

/** The public side of 线上招募: the page a young person opens from a poster or a WeChat group, and their submission. */

type SubmitBody = z.output<NonNullable<(typeof submitPublicSignup)['body']>>;

export const STALE_NOTICE = '个人信息处理规则已更新，请刷新页面后重新阅读';

/**
 * Public events are audited under the unit that handles the sign-up, without a name, a number or the
 * full address: the audit text is read by cadres, and the person is not one of them.
 */
export function publicAudit(ctx: Pick<RequestContext, 'ip'>, tx: Db, unitId: number, event: AuditEvent) {
  return recordAudit(tx, { unitId, ip: anonymiseIp(ctx.ip) }, { targetType: 'signup', ...event });
}

export function pageState(page: Pick<PageRow, 'status' | 'opensAt' | 'closesAt'>, now = new Date()) {
  if (page.status !== 'open') return 'closed' as const;
  if (page.opensAt && new Date(page.opensAt) > now) return 'not_yet' as const;
  if (page.closesAt && new Date(page.closesAt) <= now) return 'closed' as const;
  return 'open' as const;
}

async function publishedPage(db: Db, slug: string) {
  const page = await pages.findPublishedPageBySlug(db, slug);
  if (!page) throw new AppError(404, 'not_found', '页面不存在或已下线');
  return page;
}

export async function publicPage(ctx: RequestContext, slug: string): Promise<PublicSignupPage> {
  await guardPublicRead(ctx, ctx.reply.request);
  const page = await publishedPage(ctx.db, slug);
  const [notice, options] = await Promise.all([
    currentNotice(ctx.db, page.unitId),
    repo.publicOptions(ctx.db, unitIdsOnPath(page.unitPath)),
  ]);
  if (!notice) throw new AppError(404, 'not_found', '页面不存在或已下线');
  const option = (o: { id: number; label: string }) => ({ id: o.id, label: o.label });
  return {
    slug: page.slug,
    title: page.title,
    intro: page.intro,
    unitName: page.unitName,
    unitId: page.unitId,
    state: pageState(page),
    opensAt: iso(page.opensAt),
    closesAt: iso(page.closesAt),
    notice: {
      id: notice.id,
      version: notice.version,
      title: notice.title,
      sections: notice.sections,
      contentHash: notice.contentHash,
    },
    categories: options.filter((o) => o.dictType === 'category').map(option),
    needs: options.filter((o) => o.dictType === 'need').map(option),
  };
}

/** Category and needs from the dictionaries the page's unit uses; the place from the unit tree. */
export async function checkChoices(db: Db, v: NormalisedSignup['values'], unitPath: string) {
  const wanted: [number, 'category' | 'need', string][] = [
    ...(v.categoryId ? [[v.categoryId, 'category', 'categoryId'] as [number, 'category', string]] : []),
    ...v.needs.map((id) => [id, 'need', 'needs'] as [number, 'need', string]),
  ];
  const found = await youthRepo.usableDictItems(
    db,
    wanted.map(([id]) => id),
    unitIdsOnPath(unitPath),
  );
  for (const [id, type, path] of wanted) {
    if (!found.some((d) => d.id === id && d.dictType === type)) {
      throw badRequest(`${type === 'category' ? '群体类别' : '需求'}选项不存在，请重新选择`, [
        { path, message: '选项无效' },
      ]);
    }
  }
  if (v.placeUnitId && !(await repo.unitById(db, v.placeUnitId))) {
    throw badRequest('所在地不存在，请重新选择', [{ path: 'placeUnitId', message: '选项无效' }]);
  }
}

/**
 * The registry's duplicate lookup as it stands when the sign-up arrives, for the audit record only
 * (counts, never the record or the token): the cadre's list and detail run it again when opened.
 */
async function arrivalDuplicates(db: Db, n: NormalisedSignup, unitPath: string) {
  const keepers = [
    ...(n.idNumber ? await youthRepo.findKeepersByIndex(db, 'id_number_idx', n.idNumber.token) : []),
    ...(n.phone ? await youthRepo.findKeepersByIndex(db, 'phone_idx', n.phone.token) : []),
  ];
  const inScope = keepers.filter((k) => pathInScope(k.unitPath, { unitPath })).length;
  return { inScope, elsewhere: keepers.length - inScope };
}

export async function submit(ctx: RequestContext, slug: string, body: SubmitBody) {
  const req = ctx.reply.request;
  const page = await publishedPage(ctx.db, slug);
  const guard = await guardPublicForm(ctx, req, {
    pageKey: `signup-page:${page.id}`,
    challenge: body.challenge,
    nonce: body.nonce,
    website: body.website,
  });
  const state = pageState(page);
  if (state === 'not_yet') throw conflict('招募尚未开始，请在开始时间后再提交');
  if (state === 'closed') throw conflict('招募已结束，不再接受报名');
  const n = normaliseSignup(ctx.keys, body, todayInChina());
  const receiptCode = newReceiptCode();
  // Filled honeypot: the same answer as a real submission, and nothing stored.
  if (guard.robot) return { receiptCode, ageBand: n.values.ageBand };

  const notice = await currentNotice(ctx.db, page.unitId);
  if (!notice || notice.id !== body.noticeId) throw conflict(STALE_NOTICE);
  await checkChoices(ctx.db, n.values, page.unitPath);
  const duplicates = await arrivalDuplicates(ctx.db, n, page.unitPath);
  const channel = body.channel || 'web';
  await ctx.db.transaction(async (tx) => {
    const id = await repo.insertSignup(tx, {
      ...n.values,
      unitId: page.unitId,
      pageId: page.id,
      channel,
      receiptIdx: receiptIndex(ctx.keys, receiptCode),
      idNumberEnc: n.idNumber?.enc ?? null,
      idNumberIdx: n.idNumber?.token ?? null,
      phoneEnc: n.phone?.enc ?? null,
      phoneIdx: n.phone?.token ?? null,
    });
    await recordConsent(tx, {
      unitId: page.unitId,
      purpose: 'registration',
      subjectKind: 'signup',
      subjectId: id,
      notice,
      channel,
      pagePath: publicPath(page.slug),
      ipAnon: anonymiseIp(ctx.ip),
      userAgent: publicUserAgent(req),
      guardianName: n.guardian?.name,
      guardianRelation: n.guardian?.relation,
    });
    await publicAudit(ctx, tx, page.unitId, {
      action: 'public.signup_submitted',
      targetId: id,
      detail: {
        pageId: page.id,
        channel,
        ageBand: n.values.ageBand,
        noticeVersion: notice.version,
        duplicates,
      },
    });
  });
  return { receiptCode, ageBand: n.values.ageBand };
}

export const notFoundReceipt = () => new AppError(404, 'not_found', '回执码不存在，请核对后重新输入');
