import type { z } from 'zod';
import type { submitPublicWork } from '../../../common/contracts/calls-public';
import type { Db } from '../../db/client';
import type { RequestContext } from '../../platform/http/context';
import { conflict } from '../../platform/http/errors';
import { anonymiseIp, publicUserAgent } from '../../platform/public/client-address';
import { guardPublicForm } from '../../platform/public/guard';
import { insertCallEntry } from '../calls/call-entries.repo';
import { currentNotice, recordConsent, type NoticeRow } from '../privacy/privacy.service';
import { newReceiptCode, receiptIndex } from '../signup/signup-codes';
import { publicAudit, STALE_NOTICE } from '../signup/signup-public.service';
import { categoryOf, claimUploads } from './work-upload.service';
import { callPath, callState, publishedCall } from './works-call';
import { checkEntrantChoices, entrantRows, normaliseEntrants, type NormalisedEntrant } from './works-input';
import * as repo from './works.repo';

/** A work entered on the public site: one transaction for the work, its people, files, consents and entry. */

type SubmitBody = z.output<NonNullable<(typeof submitPublicWork)['body']>>;

export const workAudit = (
  ctx: Pick<RequestContext, 'ip'>,
  tx: Db,
  unitId: number,
  event: Parameters<typeof publicAudit>[3],
) => publicAudit(ctx, tx, unitId, { targetType: 'work', ...event });

/**
 * One registration consent per entrant (a child's names the guardian who gave it) and, only when given,
 * one publicity consent per entrant: the two are separate and withdrawn separately.
 */
export async function recordWorkConsents(
  ctx: RequestContext,
  tx: Db,
  o: {
    unitId: number;
    workId: number;
    notice: NoticeRow;
    channel: string;
    pagePath: string;
    entrants: NormalisedEntrant[];
    purposes: ('registration' | 'publicity')[];
  },
) {
  const req = ctx.reply.request;
  for (const purpose of o.purposes) {
    for (const [position, n] of o.entrants.entries()) {
      await recordConsent(tx, {
        subjectPosition: position,
        unitId: o.unitId,
        purpose,
        subjectKind: 'work',
        subjectId: o.workId,
        notice: o.notice,
        channel: o.channel,
        pagePath: o.pagePath,
        ipAnon: anonymiseIp(ctx.ip),
        userAgent: publicUserAgent(req),
        guardianName: n.guardian?.name,
        guardianRelation: n.guardian?.relation,
      });
    }
  }
}

export async function submit(ctx: RequestContext, slug: string, body: SubmitBody) {
  const call = await publishedCall(ctx.db, slug);
  const guard = await guardPublicForm(ctx, ctx.reply.request, {
    pageKey: `call:${call.id}`,
    challenge: body.challenge,
    nonce: body.nonce,
    website: body.website,
  });
  const state = callState(call);
  if (state === 'not_yet') throw conflict('征集尚未开始，请在开始时间后再提交');
  if (state === 'closed') throw conflict('征集已截止，不再接受作品');
  const category = categoryOf(call.categories, body.categoryKey);
  const entrants = normaliseEntrants(ctx.keys, call, body.entrants);
  const receiptCode = newReceiptCode();
  const ageBands = entrants.map((n) => n.values.ageBand);
  // Filled honeypot: the same answer as a real submission, and nothing stored.
  if (guard.robot) return { receiptCode, ageBands };

  const notice = await currentNotice(ctx.db, call.unitId);
  if (!notice || notice.id !== body.noticeId) throw conflict(STALE_NOTICE);
  await checkEntrantChoices(ctx.db, entrants, call.unitPath);
  const people = await entrantRows(ctx.db, entrants);
  const channel = body.channel || 'web';
  await ctx.db.transaction(async (tx) => {
    const files = await claimUploads(tx, ctx.keys, call, category, body.files, { used: 0, firstPosition: 0 });
    const workId = await repo.insertWork(tx, {
      unitId: call.unitId,
      callId: call.id,
      receiptIdx: receiptIndex(ctx.keys, receiptCode),
      title: body.title,
      categoryKey: category.key,
      description: body.description,
      groupName: people.length > 1 ? (body.groupName?.trim() ?? null) || null : null,
      originalityAt: new Date(),
      publicityConsent: body.publicityConsent,
      channel,
    });
    await repo.insertEntrants(tx, workId, people);
    await repo.insertWorkFiles(tx, workId, files);
    await recordWorkConsents(ctx, tx, {
      unitId: call.unitId,
      workId,
      notice,
      channel,
      pagePath: callPath(call.slug),
      entrants,
      purposes: body.publicityConsent ? ['registration', 'publicity'] : ['registration'],
    });
    const entry = await insertCallEntry(tx, { callId: call.id, workId, origin: 'public' });
    await workAudit(ctx, tx, call.unitId, {
      action: 'public.work_submitted',
      targetId: workId,
      detail: {
        callId: call.id,
        entryNo: entry.entryNo,
        category: category.key,
        entrants: people.length,
        files: files.length,
        ageBands,
        matched: people.filter((p) => p.matchedYouthId).length,
        publicityConsent: body.publicityConsent,
        channel,
        noticeVersion: notice.version,
      },
    });
  });
  return { receiptCode, ageBands };
}
