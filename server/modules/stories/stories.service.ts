import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { sql } from 'drizzle-orm';
import { maskName } from '../../../common/masking';
import {
  STORY_STATUSES,
  type createStory,
  type listStories,
  type StoryDetail,
  type StoryListItem,
  type storyEntryOptions,
  type storyPersonOptions,
  type updateStory,
} from '../../../common/contracts/stories';
import type { Db } from '../../db/client';
import { assertUnitInScope } from '../../platform/access/scope';
import type { RequestContext } from '../../platform/http/context';
import type { UploadedFile } from '../../platform/http/upload';
import { badRequest, conflict, notFound, staleVersion } from '../../platform/http/errors';
import { openFileStream, storeFile, findFileRow } from '../../platform/files/file-store';
import { ALLOWED_FILE_TYPES, detectFileType, type FileTypeSet } from '../../platform/files/file-types';
import { escapeLike } from '../../platform/search/like';
import { scrubJpeg, scrubPng } from '../works/work-scrub';
import { iso } from '../youth/youth.present';
import * as repo from './stories.repo';

/** 青年故事: drafts, publication on a ground the person agreed to, 下线 with a reason. */

type Ctx = Pick<RequestContext, 'db' | 'viewer' | 'audit'>;
type FileCtx = Ctx & Pick<RequestContext, 'keys' | 'config'>;
type Body<C extends { body?: z.ZodType }> = z.output<NonNullable<C['body']>>;
type Query<C extends { query?: z.ZodType }> = z.output<NonNullable<C['query']>>;

/** A cover is a photo: JPEG or PNG, the two formats whose metadata we can remove. */
export const COVER_FILES: FileTypeSet = {
  types: ALLOWED_FILE_TYPES.filter((t) => t.mime === 'image/jpeg' || t.mime === 'image/png'),
  text: 'JPG 或 PNG 图片',
};

const problemText = (p: repo.GroundProblem | null) => (p ? (repo.GROUND_PROBLEMS[p] ?? p) : null);

function presentItem(r: repo.StoryRow): StoryListItem {
  return {
    id: r.id,
    unitId: r.unitId,
    unitName: r.unitName,
    title: r.title,
    summary: r.summary,
    status: r.status,
    consentBasis: r.consentBasis,
    person: r.youthId && r.youthName ? { id: r.youthId, maskedName: maskName(r.youthName) } : null,
    entry:
      r.entryId && r.entryNo !== null && r.callId !== null
        ? {
            id: r.entryId,
            entryNo: r.entryNo,
            workTitle: r.workTitle ?? '',
            callId: r.callId,
            callTitle: r.callTitle ?? '',
          }
        : null,
    hasCover: r.coverFileId !== null,
    groundProblem: problemText(r.groundProblem),
    groundLost: r.status === 'published' && r.groundProblem !== null,
    publishedAt: iso(r.publishedAt),
    publishedByName: r.publishedByName,
    updatedAt: iso(r.updatedAt)!,
    version: r.version,
  };
}

export async function list(ctx: Ctx, q: Query<typeof listStories>) {
  const unitPath = q.unitId ? await assertUnitInScope(ctx.db, q.unitId, ctx.viewer) : undefined;
  const desc = q.sort?.startsWith('-') ?? true;
  const key = q.sort?.replace(/^-/, '') ?? 'updatedAt';
  const column = Object.hasOwn(repo.STORY_ORDER, key) ? repo.STORY_ORDER[key] : repo.STORY_ORDER.updatedAt;
  const { rows, total } = await repo.listStoryRows(
    ctx.db,
    ctx.viewer,
    {
      unitPath: unitPath && q.includeDescendants ? unitPath : undefined,
      unitId: q.unitId,
      status: q.status,
      groundLost: q.groundLost === 'true',
      pattern: q.keyword ? `%${escapeLike(q.keyword)}%` : undefined,
    },
    { order: desc ? sql`${column} desc` : column, limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
  );
  return { items: rows.map(presentItem), total, page: q.page, pageSize: q.pageSize };
}

export async function detail(ctx: Pick<Ctx, 'db' | 'viewer'>, id: number): Promise<StoryDetail> {
  const r = await repo.findStory(ctx.db, ctx.viewer, id);
  return { ...presentItem(r), body: r.body, consentNote: r.consentNote, createdByName: r.createdByName };
}

/** The person and the work must be ones the cadre can see: a person in scope, an entry of a call in scope. */
async function assertLinks(db: Db, ctx: Ctx, links: { youthId?: number | null; entryId?: number | null }) {
  if (links.youthId && !(await repo.findPersonInScope(db, ctx.viewer, links.youthId))) {
    throw badRequest('关联的青年不存在或不在本单位范围内', [{ path: 'youthId', message: '请重新选择' }]);
  }
  if (links.entryId && !(await repo.findEntryInScope(db, ctx.viewer, links.entryId))) {
    throw badRequest('关联的作品不存在或不在本单位范围内', [{ path: 'entryId', message: '请重新选择' }]);
  }
}

export async function create(ctx: Ctx, body: Body<typeof createStory>) {
  const id = await ctx.db.transaction(async (tx) => {
    await assertLinks(tx, ctx, body);
    const newId = await repo.insertStory(tx, {
      unitId: ctx.viewer.unitId,
      youthId: body.youthId ?? null,
      entryId: body.entryId ?? null,
      title: body.title,
      summary: body.summary,
      body: body.body,
      consentBasis: body.consentBasis,
      consentNote: body.consentNote,
      createdBy: ctx.viewer.userId,
    });
    await ctx.audit(
      {
        action: 'stories.created',
        targetType: 'story',
        targetId: newId,
        targetLabel: body.title,
        detail: {
          consentBasis: body.consentBasis,
          youthId: body.youthId ?? null,
          entryId: body.entryId ?? null,
        },
      },
      tx,
    );
    return newId;
  });
  return detail(ctx, id);
}

/** The ground must hold before a story goes (or, edited, stays) public. */
async function assertGround(tx: Db, ctx: Ctx, id: number, doing: '发布' | '保存' = '发布') {
  const row = await repo.findStory(tx, ctx.viewer, id);
  if (!row.groundProblem) return;
  const why = problemText(row.groundProblem);
  if (doing === '发布') throw conflict(`没有公开依据，不能发布：${why}`);
  throw conflict(`故事正在公开，修改后将没有公开依据（${why}），不能保存；如需更换依据，请先下线`);
}

export async function update(ctx: Ctx, id: number, body: Body<typeof updateStory>) {
  const { version, ...changes } = body;
  await ctx.db.transaction(async (tx) => {
    const before = await repo.findStory(tx, ctx.viewer, id, true);
    if (before.version !== version) throw staleVersion();
    await assertLinks(tx, ctx, {
      youthId: changes.youthId !== before.youthId ? changes.youthId : undefined,
      entryId: changes.entryId !== before.entryId ? changes.entryId : undefined,
    });
    if (!(await repo.updateStoryRow(tx, id, version, changes))) throw staleVersion();
    if (before.status === 'published') await assertGround(tx, ctx, id, '保存');
    await ctx.audit(
      {
        action: 'stories.updated',
        targetType: 'story',
        targetId: id,
        targetLabel: changes.title ?? before.title,
        detail: {
          fields: Object.keys(changes).filter((k) => changes[k as keyof typeof changes] !== undefined),
        },
      },
      tx,
    );
  });
  return detail(ctx, id);
}

export async function publish(ctx: Ctx, id: number, version: number) {
  await ctx.db.transaction(async (tx) => {
    const before = await repo.findStory(tx, ctx.viewer, id, true);
    if (before.version !== version) throw staleVersion();
    if (before.status === 'published') throw conflict('该故事已发布');
    await assertGround(tx, ctx, id);
    const ok = await repo.updateStoryRow(tx, id, version, {
      status: 'published',
      publishedAt: new Date(),
      publishedBy: ctx.viewer.userId,
    });
    if (!ok) throw staleVersion();
    await ctx.audit(
      {
        action: 'stories.published',
        targetType: 'story',
        targetId: id,
        targetLabel: before.title,
        detail: {
          status: { from: before.status, to: 'published' },
          consentBasis: before.consentBasis,
          entryId: before.entryId,
          youthId: before.youthId,
        },
      },
      tx,
    );
  });
  return detail(ctx, id);
}

export async function withdraw(ctx: Ctx, id: number, version: number, reason: string) {
  await ctx.db.transaction(async (tx) => {
    const before = await repo.findStory(tx, ctx.viewer, id, true);
    if (before.version !== version) throw staleVersion();
    if (before.status !== 'published') throw conflict(`该故事${STORY_STATUSES[before.status]}，无需下线`);
    if (!(await repo.updateStoryRow(tx, id, version, { status: 'withdrawn' }))) throw staleVersion();
    await ctx.audit(
      {
        action: 'stories.withdrawn',
        targetType: 'story',
        targetId: id,
        targetLabel: before.title,
        detail: { status: { from: 'published', to: 'withdrawn' }, reason },
      },
      tx,
    );
  });
  return detail(ctx, id);
}

/** The photo without its EXIF/XMP/text metadata, in a temporary file beside the upload (removed by the caller). */
async function scrubbedCover(upload: UploadedFile): Promise<UploadedFile> {
  const type = await detectFileType(upload.path, upload.filename, upload.size, COVER_FILES);
  const scrub = type.mime === 'image/jpeg' ? scrubJpeg : scrubPng;
  const clean = scrub(await fs.promises.readFile(upload.path));
  if (!clean) throw badRequest('照片文件已损坏，无法读取，请换一张照片');
  const target = path.join(path.dirname(upload.path), `${crypto.randomUUID()}.scrubbed`);
  await fs.promises.writeFile(target, clean, { mode: 0o600 });
  const sha256 = crypto.createHash('sha256').update(clean).digest('hex');
  return { ...upload, path: target, size: clean.length, sha256 };
}

/**
 * Scope first, then the type by content (JPEG or PNG only), the metadata removed, and the cleaned photo
 * stored; the story points at it in the same transaction. A photo that cannot be cleaned is refused.
 */
export async function uploadCover(ctx: FileCtx, id: number, upload: UploadedFile) {
  const found = await repo.findStory(ctx.db, ctx.viewer, id);
  const clean = await scrubbedCover(upload);
  try {
    await storeFile(
      ctx,
      clean,
      async () => ({ unitId: found.unitId, createdBy: ctx.viewer.userId }),
      async (tx, file) => {
        const row = await repo.findStory(tx, ctx.viewer, id, true);
        if (!(await repo.updateStoryRow(tx, id, row.version, { coverFileId: file.id }))) throw staleVersion();
        await ctx.audit(
          {
            action: 'stories.cover_uploaded',
            targetType: 'story',
            targetId: id,
            targetLabel: row.title,
            detail: { fileId: file.id, size: file.size },
          },
          tx,
        );
      },
      COVER_FILES,
    );
  } finally {
    await fs.promises.rm(clean.path, { force: true });
  }
  return detail(ctx, id);
}

export async function cover(ctx: FileCtx, id: number) {
  const row = await repo.findStory(ctx.db, ctx.viewer, id);
  const file = row.coverFileId ? await findFileRow(ctx.db, row.coverFileId) : undefined;
  if (!file) throw notFound('封面照片');
  return {
    filename: file.name,
    mime: file.mime,
    size: Number(file.size),
    stream: await openFileStream(ctx, file),
  };
}

export async function personOptions(ctx: Ctx, q: Query<typeof storyPersonOptions>) {
  const rows = await repo.personOptionRows(
    ctx.db,
    ctx.viewer,
    q.keyword ? `${escapeLike(q.keyword)}%` : undefined,
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      maskedName: maskName(r.name),
      unitName: r.unitName,
      birthYear: r.birthYear,
    })),
  };
}

export async function entryOptions(ctx: Ctx, q: Query<typeof storyEntryOptions>) {
  const rows = await repo.entryOptionRows(
    ctx.db,
    ctx.viewer,
    q.keyword ? `%${escapeLike(q.keyword)}%` : undefined,
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      entryNo: r.entryNo,
      workTitle: r.workTitle,
      callId: r.callId,
      callTitle: r.callTitle,
      unitName: r.unitName,
      publicityProblem: problemText(r.workProblem),
    })),
  };
}
