import type { z } from 'zod';
import { sql } from 'drizzle-orm';
import type {
  createSignupPage,
  listSignupPages,
  SignupPage,
  updateSignupPage,
} from '../../../common/contracts/signup';
import { badRequest, conflict, staleVersion } from '../../platform/http/errors';
import type { RequestContext } from '../../platform/http/context';
import { assertUnitInScope } from '../../platform/access/scope';
import { iso } from '../youth/youth.present';
import { isUniqueViolation } from '../youth/youth.context';
import { currentNotice } from '../privacy/privacy.service';
import { newSlug } from './signup-codes';
import * as repo from './signup-pages.repo';

/** A unit's 线上招募 pages: made as drafts, opened only under the unit's current privacy notice. */

type Ctx = Pick<RequestContext, 'db' | 'viewer' | 'audit'>;
type Body<C extends { body?: z.ZodType }> = z.output<NonNullable<C['body']>>;
type Query = z.output<NonNullable<(typeof listSignupPages)['query']>>;

const STATUSES = ['pending', 'accepted', 'merged', 'declined', 'withdrawn'] as const;

export const publicPath = (slug: string) => `/m/s/${slug}`;

function present(row: repo.PageRow, counts: repo.PageCounts[]): SignupPage {
  const mine = counts.filter((c) => c.pageId === row.id);
  const byStatus = Object.fromEntries(
    STATUSES.map((s) => [s, mine.filter((c) => c.status === s).reduce((a, c) => a + c.n, 0)]),
  ) as Record<(typeof STATUSES)[number], number>;
  const channels = new Map<string, number>();
  for (const c of mine) channels.set(c.channel, (channels.get(c.channel) ?? 0) + c.n);
  return {
    id: row.id,
    unitId: row.unitId,
    unitName: row.unitName,
    slug: row.slug,
    path: publicPath(row.slug),
    title: row.title,
    intro: row.intro,
    status: row.status,
    opensAt: iso(row.opensAt),
    closesAt: iso(row.closesAt),
    counts: {
      total: mine.reduce((a, c) => a + c.n, 0),
      ...byStatus,
      byChannel: [...channels]
        .map(([channel, count]) => ({ channel, count }))
        .sort((a, b) => b.count - a.count || a.channel.localeCompare(b.channel)),
    },
    version: row.version,
    createdAt: iso(row.createdAt)!,
  };
}

export async function listPages(ctx: Ctx, q: Query) {
  const unitPath = q.unitId ? await assertUnitInScope(ctx.db, q.unitId, ctx.viewer) : undefined;
  const desc = q.sort?.startsWith('-') ?? true;
  const key = q.sort?.replace(/^-/, '') ?? 'createdAt';
  const column = Object.hasOwn(repo.PAGE_ORDER, key) ? repo.PAGE_ORDER[key] : repo.PAGE_ORDER.createdAt;
  const { rows, total } = await repo.listPageRows(ctx.db, ctx.viewer, {
    unitPath,
    order: desc ? sql`${column} desc` : column,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  const counts = await repo.countsByPage(
    ctx.db,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => present(r, counts)), total, page: q.page, pageSize: q.pageSize };
}

async function detail(ctx: Ctx, id: number) {
  const row = await repo.findPage(ctx.db, ctx.viewer, id);
  return present(row, await repo.countsByPage(ctx.db, [id]));
}

function checkDates(opensAt: string | null | undefined, closesAt: string | null | undefined) {
  if (opensAt && closesAt && new Date(closesAt) <= new Date(opensAt)) {
    throw badRequest('结束时间应晚于开始时间', [{ path: 'closesAt', message: '应晚于开始时间' }]);
  }
}

/** Slugs are random; a clash (one in 2^50 per pair) just draws again. */
export async function createPage(ctx: Ctx, body: Body<typeof createSignupPage>) {
  checkDates(body.opensAt, body.closesAt);
  for (let attempt = 0; ; attempt += 1) {
    try {
      const id = await ctx.db.transaction(async (tx) => {
        const newId = await repo.insertPage(tx, {
          unitId: ctx.viewer.unitId,
          slug: newSlug(),
          title: body.title,
          intro: body.intro,
          opensAt: body.opensAt ? new Date(body.opensAt) : null,
          closesAt: body.closesAt ? new Date(body.closesAt) : null,
          createdBy: ctx.viewer.userId,
        });
        await ctx.audit(
          {
            action: 'signup.page_created',
            targetType: 'signup_page',
            targetId: newId,
            targetLabel: body.title,
          },
          tx,
        );
        return newId;
      });
      return detail(ctx, id);
    } catch (err) {
      if (!isUniqueViolation(err) || attempt >= 3) throw err;
    }
  }
}

export async function updatePage(ctx: Ctx, id: number, body: Body<typeof updateSignupPage>) {
  const before = await repo.findPage(ctx.db, ctx.viewer, id);
  if (before.version !== body.version) throw staleVersion();
  const opensAt = body.opensAt === undefined ? iso(before.opensAt) : body.opensAt;
  const closesAt = body.closesAt === undefined ? iso(before.closesAt) : body.closesAt;
  checkDates(opensAt, closesAt);
  if (body.status === 'open' && before.status !== 'open' && !(await currentNotice(ctx.db, before.unitId))) {
    throw conflict('请先发布本单位的个人信息处理规则，再开放招募页面');
  }
  const changed = Object.keys(body).filter(
    (k) => k !== 'version' && body[k as keyof typeof body] !== undefined,
  );
  await ctx.db.transaction(async (tx) => {
    const ok = await repo.updatePageRow(tx, id, body.version, {
      ...(body.title !== undefined ? { title: body.title } : {}),
      ...(body.intro !== undefined ? { intro: body.intro } : {}),
      ...(body.status !== undefined ? { status: body.status } : {}),
      ...(body.opensAt !== undefined ? { opensAt: body.opensAt ? new Date(body.opensAt) : null } : {}),
      ...(body.closesAt !== undefined ? { closesAt: body.closesAt ? new Date(body.closesAt) : null } : {}),
    });
    if (!ok) throw staleVersion();
    await ctx.audit(
      {
        action: 'signup.page_updated',
        targetType: 'signup_page',
        targetId: id,
        targetLabel: body.title ?? before.title,
        detail: {
          fields: changed,
          ...(body.status && body.status !== before.status
            ? { status: { from: before.status, to: body.status } }
            : {}),
        },
      },
      tx,
    );
  });
  return detail(ctx, id);
}
