import type { z } from 'zod';
import type { PublicWorkStatus, updatePublicWork } from '../../../common/contracts/calls-public';
import { maskName } from '../../../common/masking';
import { discardBlob } from '../../platform/files/file-store';
import type { RequestContext } from '../../platform/http/context';
import { badRequest, conflict, staleVersion } from '../../platform/http/errors';
import { guardPublicForm, guardPublicRead } from '../../platform/public/guard';
import { entryLabel } from '../calls/call-entries.repo';
import { currentNotice, withdrawConsents } from '../privacy/privacy.service';
import { receiptIndex } from '../signup/signup-codes';
import { notFoundReceipt, STALE_NOTICE } from '../signup/signup-public.service';
import { iso } from '../youth/youth.present';
import { categoryOf, claimUploads } from './work-upload.service';
import { callPath, callState } from './works-call';
import { checkEntrantChoices, entrantRows, normaliseEntrants } from './works-input';
import { recordWorkConsents, workAudit } from './works-public.service';
import * as repo from './works.repo';

/**
 * What the entrant can do with their receipt code: see where the work stands, change it until the
 * deadline, and withdraw it. Nothing here shows more than their own work and a masked name.
 */

type UpdateBody = z.output<NonNullable<(typeof updatePublicWork)['body']>>;

/** How a withdrawal is recorded on the consent: by the person, with the receipt code. */
const WITHDRAWN_BY_RECEIPT = '回执码';
/** The old entrants' consents end when the person replaces the entrants; the new ones consent afresh. */
const WITHDRAWN_BY_EDIT = '回执码（修改参赛者）';

function statusText(w: repo.WorkRow): string {
  const reason = w.reviewReason ? `：${w.reviewReason}` : '';
  switch (w.entryStatus) {
    case 'submitted':
      return '已提交，等待形式审查';
    case 'eligible':
      return '形式审查通过，等待评审';
    case 'incomplete':
      return `材料不完整${reason}。请在截止前补充`;
    case 'ineligible':
      return `不符合参赛条件${reason}`;
    case 'duplicate':
      return `重复提交${reason}`;
    case 'withdrawn':
      return '已撤回';
  }
}

const reviewedOf = (w: repo.WorkRow) => w.entryStatus !== 'submitted' || w.reviewedAt !== null;

function editableOf(w: repo.WorkRow, call: repo.PublicCallRow) {
  const open =
    w.entryStatus === 'submitted' || w.entryStatus === 'eligible' || w.entryStatus === 'incomplete';
  return w.status === 'active' && open && callState(call) === 'open';
}

async function present(ctx: RequestContext, w: repo.WorkRow): Promise<PublicWorkStatus> {
  const [call, entrants, files] = await Promise.all([
    repo.findCallById(ctx.db, w.callId),
    repo.entrantsOf(ctx.db, w.id),
    repo.filesOf(ctx.db, w.id),
  ]);
  return {
    callSlug: call.slug,
    categoryKey: w.categoryKey,
    callTitle: call.title,
    unitName: call.unitName,
    leadName: entrants[0] ? maskName(entrants[0].name) : '',
    title: w.title,
    categoryLabel: call.categories.find((c) => c.key === w.categoryKey)?.label ?? w.categoryKey,
    entryLabel: entryLabel(w.entryNo),
    status: w.status === 'withdrawn' ? 'withdrawn' : w.entryStatus,
    statusText: w.status === 'withdrawn' ? '已撤回' : statusText(w),
    submittedAt: iso(w.createdAt)!,
    opensAt: iso(call.opensAt)!,
    closesAt: iso(call.closesAt)!,
    publicityStartsAt: iso(call.publicityStartsAt),
    publicityEndsAt: iso(call.publicityEndsAt),
    awardsFinalAt: iso(call.awardsFinalAt),
    editable: editableOf(w, call),
    reviewed: reviewedOf(w),
    entrantsEditable: editableOf(w, call) && !reviewedOf(w),
    publicityConsent: w.publicityConsent,
    description: w.description,
    groupName: w.groupName,
    entrantCount: entrants.length,
    entrantNames: entrants.map((e) => maskName(e.name)),
    files: files.map((f) => ({ id: f.id, kind: f.kind, name: f.name, size: f.size })),
  };
}

/** Every lookup by code counts against the address's read limit: a code cannot be guessed by trying. */
async function byCode(ctx: RequestContext, code: string) {
  await guardPublicRead(ctx, ctx.reply.request);
  const row = await repo.findWorkByReceipt(ctx.db, receiptIndex(ctx.keys, code));
  if (!row) throw notFoundReceipt();
  return row;
}

export async function status(ctx: RequestContext, code: string) {
  return present(ctx, await byCode(ctx, code));
}

/**
 * Until the deadline: everything; once a cadre has reviewed the entry only the description and the
 * files, and the change is marked for the cadre (selfEditedAt). Replacing the entrants replaces their
 * consents, given under the current notice.
 */
export async function selfUpdate(ctx: RequestContext, body: UpdateBody) {
  const found = await byCode(ctx, body.receiptCode);
  await guardPublicForm(ctx, ctx.reply.request, {
    pageKey: `call:${found.callId}`,
    challenge: body.challenge,
    nonce: body.nonce,
  });
  const call = await repo.findCallById(ctx.db, found.callId);
  if (callState(call) !== 'open') throw conflict('征集已截止，不能再修改作品');
  if (!editableOf(found, call)) throw conflict('该作品已撤回或未通过审查，不能再修改');
  const reviewed = reviewedOf(found);
  const changesIdentity =
    (body.title !== undefined && body.title !== found.title) ||
    (body.groupName !== undefined && (body.groupName || null) !== found.groupName) ||
    body.entrants !== undefined;
  if (reviewed && changesIdentity) throw conflict('作品已经过形式审查，只能修改作品说明和文件');
  const category = categoryOf(call.categories, found.categoryKey);
  const entrants = body.entrants ? normaliseEntrants(ctx.keys, call, body.entrants) : null;
  const notice = entrants ? await currentNotice(ctx.db, call.unitId) : null;
  if (entrants) {
    if (!notice || notice.id !== body.noticeId) throw conflict(STALE_NOTICE);
    await checkEntrantChoices(ctx.db, entrants, call.unitPath);
  }
  const people = entrants ? await entrantRows(ctx.db, entrants) : null;
  const current = await repo.filesOf(ctx.db, found.id);
  const removing = [...new Set(body.removeFileIds)];
  if (removing.some((id) => !current.some((f) => f.id === id))) {
    throw badRequest('要删除的文件不存在，请刷新后重试', [{ path: 'removeFileIds', message: '文件不存在' }]);
  }
  if (current.length - removing.length + body.addFiles.length < 1) {
    throw badRequest('至少保留一个作品文件', [{ path: 'removeFileIds', message: '至少保留一个文件' }]);
  }
  const fields = [
    ...(body.title !== undefined && body.title !== found.title ? ['title'] : []),
    ...(body.description !== undefined && body.description !== found.description ? ['description'] : []),
    ...(body.groupName !== undefined && (body.groupName || null) !== found.groupName ? ['groupName'] : []),
    ...(people ? ['entrants'] : []),
  ];
  if (!fields.length && !removing.length && !body.addFiles.length) return present(ctx, found);
  await ctx.db.transaction(async (tx) => {
    const added = await claimUploads(tx, ctx.keys, call, category, body.addFiles, {
      used: current.length - removing.length,
      firstPosition: (await repo.lastFilePosition(tx, found.id)) + 1,
    });
    const groupSize = people?.length ?? (await repo.entrantsOf(tx, found.id)).length;
    const ok = await repo.updateWorkRow(tx, found.id, found.version, {
      title: body.title,
      description: body.description,
      groupName:
        groupSize > 1 ? (body.groupName === undefined ? found.groupName : body.groupName || null) : null,
      ...(reviewed ? { selfEditedAt: new Date() } : {}),
    });
    if (!ok) throw staleVersion();
    if (people && entrants && notice) {
      await repo.deleteEntrants(tx, found.id);
      await repo.insertEntrants(tx, found.id, people);
      await withdrawConsents(tx, 'work', found.id, WITHDRAWN_BY_EDIT);
      await recordWorkConsents(ctx, tx, {
        unitId: call.unitId,
        workId: found.id,
        notice,
        channel: found.channel,
        pagePath: callPath(call.slug),
        entrants,
        purposes: found.publicityConsent ? ['registration', 'publicity'] : ['registration'],
      });
    }
    await repo.markFilesRemoved(tx, found.id, removing);
    await repo.insertWorkFiles(tx, found.id, added);
    await workAudit(ctx, tx, found.unitId, {
      action: 'public.work_updated',
      targetId: found.id,
      detail: { fields, filesAdded: added.length, filesRemoved: removing.length, reviewed },
    });
  });
  const updated = await repo.findWorkByReceipt(ctx.db, receiptIndex(ctx.keys, body.receiptCode));
  return present(ctx, updated ?? found);
}

/**
 * The work leaves every call it is in and its consents are marked withdrawn. Never reviewed: its
 * people's data and its files are erased too (the masked names stay, so the organiser's list still shows
 * a row). Reviewed: the organiser keeps the record and decides about it; nothing more is removed from outside.
 */
export async function withdraw(
  ctx: RequestContext,
  body: { receiptCode: string; challenge: string; nonce: string },
) {
  const found = await byCode(ctx, body.receiptCode);
  await guardPublicForm(ctx, ctx.reply.request, {
    pageKey: `call:${found.callId}`,
    challenge: body.challenge,
    nonce: body.nonce,
  });
  if (found.status === 'withdrawn') throw conflict('您已撤回过该作品');
  const erase = !reviewedOf(found);
  const { withdrawnAt, blobs } = await ctx.db.transaction(async (tx) => {
    const row = await repo.findWorkByReceipt(tx, receiptIndex(ctx.keys, body.receiptCode), true);
    if (!row || row.version !== found.version) throw staleVersion();
    const at = await withdrawConsents(tx, 'work', row.id, WITHDRAWN_BY_RECEIPT);
    const ok = await repo.updateWorkRow(tx, row.id, row.version, {
      status: 'withdrawn',
      ...(erase ? { description: '' } : {}),
    });
    if (!ok) throw staleVersion();
    await repo.withdrawEntries(tx, row.id);
    let removed: string[] = [];
    if (erase) {
      const people = await repo.entrantsOf(tx, row.id);
      await repo.eraseEntrants(tx, row.id, new Map(people.map((p) => [p.id, maskName(p.name)])));
      removed = await repo.deleteWorkFiles(tx, row.id);
    }
    await workAudit(ctx, tx, row.unitId, {
      action: 'public.work_withdrawn',
      targetId: row.id,
      detail: { entryStatus: row.entryStatus, erased: erase, filesRemoved: removed.length },
    });
    return { withdrawnAt: at, blobs: removed };
  });
  for (const key of blobs) await discardBlob(ctx.config.dataDir, key);
  return { withdrawnAt: withdrawnAt.toISOString() };
}
