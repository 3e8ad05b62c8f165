import type { PublicCall } from '../../../common/contracts/calls-public';
import type { Db } from '../../db/client';
import type { RequestContext } from '../../platform/http/context';
import { AppError } from '../../platform/http/errors';
import { guardPublicRead } from '../../platform/public/guard';
import { unitIdsOnPath } from '../dictionaries/dictionaries.service';
import { currentNotice } from '../privacy/privacy.service';
import { publicOptions } from '../signup/signup.repo';
import { iso } from '../youth/youth.present';
import * as repo from './works.repo';

/** The call as the public sees it at /m/c/<slug>. */

export const callPath = (slug: string) => `/m/c/${slug}`;

export function callState(
  call: Pick<repo.PublicCallRow, 'status' | 'opensAt' | 'closesAt'>,
  now = new Date(),
): PublicCall['state'] {
  if (call.status !== 'published') return 'closed';
  if (new Date(call.opensAt) > now) return 'not_yet';
  if (new Date(call.closesAt) <= now) return 'closed';
  return 'open';
}

export async function publishedCall(db: Db, slug: string) {
  const call = await repo.findPublicCallBySlug(db, slug);
  if (!call) throw new AppError(404, 'not_found', '征集活动不存在或已下线');
  return call;
}

export const groupCap = (call: Pick<repo.PublicCallRow, 'allowGroups' | 'maxGroupSize'>) =>
  call.allowGroups ? call.maxGroupSize : 1;

export async function publicCall(ctx: RequestContext, slug: string): Promise<PublicCall> {
  await guardPublicRead(ctx, ctx.reply.request);
  const call = await publishedCall(ctx.db, slug);
  const [notice, options] = await Promise.all([
    currentNotice(ctx.db, call.unitId),
    publicOptions(ctx.db, unitIdsOnPath(call.unitPath)),
  ]);
  if (!notice) throw new AppError(404, 'not_found', '征集活动不存在或已下线');
  return {
    slug: call.slug,
    title: call.title,
    theme: call.theme,
    rules: call.rules,
    unitName: call.unitName,
    state: callState(call),
    opensAt: iso(call.opensAt)!,
    closesAt: iso(call.closesAt)!,
    categories: call.categories.map((c) => ({
      key: c.key,
      label: c.label,
      kinds: c.kinds,
      maxFiles: c.maxFiles,
      maxMb: c.maxMb,
      note: c.note ?? null,
    })),
    ageMin: call.ageMin,
    ageMax: call.ageMax,
    allowGroups: call.allowGroups,
    maxGroupSize: groupCap(call),
    notice: {
      id: notice.id,
      version: notice.version,
      title: notice.title,
      sections: notice.sections,
      contentHash: notice.contentHash,
    },
    youthCategories: options
      .filter((o) => o.dictType === 'category')
      .map((o) => ({ id: o.id, label: o.label })),
  };
}
