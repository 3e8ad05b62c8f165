import type { z } from 'zod';
import {
  CERTIFICATE_CODE_PATTERN,
  normaliseCertificateCode,
  type PublicCallResults,
  type submitObjection,
} from '../../../common/contracts/awards';
import { maskName } from '../../../common/masking';
import { parsePhone } from '../../../common/validators';
import { encryptField } from '../../platform/crypto/field-crypto';
import type { RequestContext } from '../../platform/http/context';
import { AppError, badRequest, conflict } from '../../platform/http/errors';
import { anonymiseIp, publicUserAgent } from '../../platform/public/client-address';
import { guardPublicForm, guardPublicRead } from '../../platform/public/guard';
import { entryLabel } from '../calls/call-entries.repo';
import { currentNotice, recordConsent } from '../privacy/privacy.service';
import { publicAudit, STALE_NOTICE } from '../signup/signup-public.service';
import { iso } from '../youth/youth.present';
import * as repo from './awards.repo';
import { categoryLabel, levelLabel, phaseOf, resultsPath } from './awards.service';

/** The public side of awards: the 公示 list, objections to it, and checking a certificate's code. */

type ObjectionBody = z.output<NonNullable<(typeof submitObjection)['body']>>;

const notPublished = () => new AppError(404, 'not_found', '获奖结果尚未公示');

async function publishedResults(ctx: RequestContext, slug: string) {
  const call = await repo.findCallBySlug(ctx.db, slug);
  if (!call || call.status === 'draft' || !call.publicityStartsAt || !call.publicityEndsAt)
    throw notPublished();
  return call;
}

export async function results(ctx: RequestContext, slug: string): Promise<PublicCallResults> {
  await guardPublicRead(ctx, ctx.reply.request);
  const call = await publishedResults(ctx, slug);
  const [awarded, notice] = await Promise.all([
    repo.awardedEntries(ctx.db, call.id),
    currentNotice(ctx.db, call.unitId),
  ]);
  if (!notice) throw notPublished();
  const shown = awarded.filter((e) => e.publicityConsent);
  const entrants = await repo.entrantsOf(
    ctx.db,
    shown.map((e) => e.workId),
  );
  const places = await repo.cityCountyNames(ctx.db, [
    ...new Set(entrants.flatMap((p) => (p.placeUnitId ? [p.placeUnitId] : []))),
  ]);
  const order = new Map(call.awardLevels.map((l, i) => [l.key, i]));
  awarded.sort(
    (a, b) => order.get(a.awardLevelKey!)! - order.get(b.awardLevelKey!)! || a.entryNo - b.entryNo,
  );
  const phase = phaseOf(call);
  return {
    title: call.title,
    unitName: call.unitName,
    state: phase === 'final' ? 'final' : phase === 'publicity' ? 'publicity' : 'closed',
    publicityStartsAt: iso(call.publicityStartsAt)!,
    publicityEndsAt: iso(call.publicityEndsAt)!,
    items: awarded.map((e) => {
      const people = entrants.filter((p) => p.workId === e.workId);
      const lead = people.find((p) => p.placeUnitId);
      return {
        entryNo: e.entryNo,
        label: entryLabel(e.entryNo),
        levelLabel: levelLabel(call.awardLevels, e.awardLevelKey)!,
        title: e.publicityConsent ? e.title : null,
        categoryLabel: e.publicityConsent ? categoryLabel(call.categories, e.categoryKey) : null,
        names: e.publicityConsent ? people.map((p) => maskName(p.name)) : null,
        place: e.publicityConsent && lead?.placeUnitId ? (places.get(lead.placeUnitId) ?? null) : null,
      };
    }),
    notice: {
      id: notice.id,
      version: notice.version,
      title: notice.title,
      sections: notice.sections,
      contentHash: notice.contentHash,
    },
  };
}

/**
 * An objection reaches the organiser only: never shown on the site, the phone encrypted, the address
 * kept anonymised. Its contact is given under the unit's notice, recorded as every public form's
 * consent is. A filled honeypot gets the same answer and stores nothing.
 */
export async function objection(ctx: RequestContext, slug: string, body: ObjectionBody) {
  const call = await publishedResults(ctx, slug);
  const guard = await guardPublicForm(ctx, ctx.reply.request, {
    pageKey: `call-results:${call.id}`,
    challenge: body.challenge,
    nonce: body.nonce,
    website: body.website,
  });
  if (phaseOf(call) !== 'publicity') throw conflict('公示期已结束，不再受理异议');
  const phone = parsePhone(body.phone);
  if (!phone.ok) throw badRequest(phone.error, [{ path: 'phone', message: phone.error }]);
  const entryId = body.entryNo ? await repo.entryIdByNo(ctx.db, call.id, body.entryNo) : null;
  if (body.entryNo && !entryId) {
    throw badRequest('没有这个编号的获奖作品，请核对', [{ path: 'entryNo', message: '编号不在获奖名单中' }]);
  }
  if (guard.robot) return { ok: true as const };
  const notice = await currentNotice(ctx.db, call.unitId);
  if (!notice || notice.id !== body.noticeId) throw conflict(STALE_NOTICE);
  const channel = body.channel || 'web';
  await ctx.db.transaction(async (tx) => {
    const id = await repo.insertObjection(tx, {
      callId: call.id,
      entryId,
      content: body.content,
      contactName: body.contactName,
      contactPhoneEnc: encryptField(ctx.keys, phone.value),
      ipAnon: anonymiseIp(ctx.ip),
    });
    await recordConsent(tx, {
      unitId: call.unitId,
      purpose: 'registration',
      subjectKind: 'objection',
      subjectId: id,
      notice,
      channel,
      pagePath: resultsPath(call.slug),
      ipAnon: anonymiseIp(ctx.ip),
      userAgent: publicUserAgent(ctx.reply.request),
    });
    await publicAudit(ctx, tx, call.unitId, {
      action: 'public.objection_submitted',
      targetType: 'call',
      targetId: call.id,
      targetLabel: call.title,
      detail: { objectionId: id, channel, noticeVersion: notice.version },
    });
  });
  return { ok: true as const };
}

const notFoundCertificate = () => new AppError(404, 'not_found', '未查到该证书编号，请核对后重新输入');

/**
 * A code that is malformed, unknown or not yet final gets one answer after the same single lookup, and
 * every try counts against the address's read limit: the codes cannot be enumerated by trying.
 */
export async function verify(ctx: RequestContext, raw: string) {
  await guardPublicRead(ctx, ctx.reply.request);
  const code = normaliseCertificateCode(raw);
  const row = await repo.findByCertificateCode(ctx.db, code);
  if (!row || !row.awardsFinalAt || !row.issuedAt || !CERTIFICATE_CODE_PATTERN.test(code)) {
    throw notFoundCertificate();
  }
  const entrants = await repo.entrantsOf(ctx.db, [row.workId]);
  return {
    code,
    callTitle: row.callTitle,
    unitName: row.unitName,
    levelLabel: levelLabel(row.awardLevels, row.awardLevelKey) ?? '',
    workTitle: row.workTitle,
    names: entrants.map((p) => maskName(p.name)),
    issuedAt: iso(row.issuedAt)!,
  };
}
