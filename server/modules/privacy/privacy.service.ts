import type { z } from 'zod';
import type { ConsentRecord, PrivacyNotice, publishPrivacyNotice } from '../../../common/contracts/privacy';
import type { Db } from '../../db/client';
import type { RequestContext } from '../../platform/http/context';
import { badRequest, notFound } from '../../platform/http/errors';
import { noticeContentHash, noticeTemplate, TEMPLATE_PLACEHOLDER } from './privacy-template';
import * as repo from './privacy.repo';

export type { NoticeRow } from './privacy.repo';
type PublishBody = z.output<NonNullable<(typeof publishPrivacyNotice)['body']>>;
type SubjectKind = repo.ConsentRow['subjectKind'];

export function presentNotice(r: repo.NoticeView): PrivacyNotice {
  return {
    id: r.id,
    unitId: r.unitId,
    unitName: r.unitName,
    version: r.version,
    title: r.title,
    sections: r.sections,
    contentHash: r.contentHash,
    createdAt: r.createdAt.toISOString(),
    createdByName: r.createdByName,
  };
}

export function presentConsent(r: repo.ConsentRow): ConsentRecord {
  return {
    id: r.id,
    purpose: r.purpose,
    noticeVersion: r.noticeVersion,
    noticeHash: r.noticeHash,
    noticeId: r.noticeId,
    channel: r.channel,
    pagePath: r.pagePath,
    ipAnon: r.ipAnon,
    userAgent: r.userAgent,
    guardianName: r.guardianName,
    guardianRelation: r.guardianRelation,
    givenAt: r.givenAt.toISOString(),
    withdrawnAt: r.withdrawnAt?.toISOString() ?? null,
    withdrawnChannel: r.withdrawnChannel,
  };
}

/** The viewer's own unit's versions, and the template (with the unit named) to start a first one from. */
export async function listNotices(ctx: RequestContext) {
  const unitId = ctx.viewer.unitId;
  const [versions, orgName] = await Promise.all([
    repo.noticesOfUnit(ctx.db, unitId),
    repo.unitOrgName(ctx.db, unitId),
  ]);
  return { versions: versions.map(presentNotice), template: noticeTemplate(orgName ?? '') };
}

export async function publishNotice(ctx: RequestContext, body: PublishBody): Promise<PrivacyNotice> {
  const unfilled = Object.entries(body.sections).find(([, text]) => text.includes(TEMPLATE_PLACEHOLDER));
  if (unfilled) {
    const message = `请把“${TEMPLATE_PLACEHOLDER}”替换为本单位的实际内容`;
    throw badRequest(message, [{ path: `sections.${unfilled[0]}`, message }]);
  }
  const unitId = ctx.viewer.unitId;
  const contentHash = noticeContentHash(body.title, body.sections);
  const id = await ctx.db.transaction(async (tx) => {
    const noticeId = await repo.insertNextNotice(tx, {
      unitId,
      title: body.title,
      sections: body.sections,
      contentHash,
      createdBy: ctx.viewer.userId,
    });
    const created = await repo.noticeById(tx, noticeId);
    await ctx.audit(
      {
        action: 'privacy.notice_published',
        targetType: 'privacy_notice',
        targetId: noticeId,
        targetLabel: `${body.title}（第 ${created?.version} 版）`,
        detail: { version: created?.version, contentHash },
      },
      tx,
    );
    return noticeId;
  });
  const notice = await repo.noticeById(ctx.db, id);
  if (!notice) throw notFound('个人信息处理规则');
  return presentNotice(notice);
}

/** The unit's latest version: what its public forms show and what a consent must name. */
export function currentNotice(db: Db, unitId: number): Promise<repo.NoticeRow | null> {
  return repo.latestNotice(db, unitId);
}

/** One consent, given under `notice` (its version and hash are copied, so the record names the exact text). */
export function recordConsent(
  tx: Db,
  o: {
    unitId: number;
    purpose: repo.ConsentRow['purpose'];
    subjectKind: SubjectKind;
    subjectId: number;
    notice: repo.NoticeRow;
    channel: string;
    pagePath: string;
    ipAnon: string;
    userAgent: string;
    guardianName?: string | null;
    guardianRelation?: string | null;
    /** A work's entrant (their position in the work). */
    subjectPosition?: number;
  },
): Promise<number> {
  return repo.insertConsent(tx, {
    unitId: o.unitId,
    purpose: o.purpose,
    subjectKind: o.subjectKind,
    subjectId: o.subjectId,
    subjectPosition: o.subjectPosition ?? null,
    noticeId: o.notice.id,
    noticeVersion: o.notice.version,
    noticeHash: o.notice.contentHash,
    channel: o.channel,
    pagePath: o.pagePath,
    ipAnon: o.ipAnon,
    userAgent: o.userAgent,
    guardianName: o.guardianName ?? null,
    guardianRelation: o.guardianRelation ?? null,
  });
}

/**
 * When a sign-up or an entrant becomes a registry record, its consents follow it to the person page;
 * for a work, only the consents that entrant (by position) gave.
 */
export function attachConsentsToYouth(
  tx: Db,
  subjectKind: SubjectKind,
  subjectId: number,
  youthId: number,
  position?: number,
) {
  return repo.setConsentsYouth(tx, subjectKind, subjectId, youthId, position);
}

/** Withdraws every open consent of the subject; the rows stay, saying when and through which channel. */
export async function withdrawConsents(
  tx: Db,
  subjectKind: SubjectKind,
  subjectId: number,
  channel: string,
): Promise<Date> {
  return (await repo.markWithdrawn(tx, subjectKind, subjectId, channel)) ?? new Date();
}

export async function listConsents(
  db: Db,
  where: { subjectKind: SubjectKind; subjectId: number } | { youthId: number },
): Promise<ConsentRecord[]> {
  return (await repo.consentsWhere(db, where)).map(presentConsent);
}
