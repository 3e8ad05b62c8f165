import type {
  PublicShowcaseWork,
  PublicShowcaseWorkDetail,
  PublicStoryDetail,
  PublicStoryItem,
  PublicUnitPage,
} from '../../../common/contracts/showcase';
import { PUBLIC_PAGE_SIZE } from '../../../common/contracts/showcase';
import { eventKindLabel } from '../../../common/contracts/events';
import { maskName } from '../../../common/masking';
import { findFileRow, openFileStream } from '../../platform/files/file-store';
import { MEDIA_FILES } from '../../platform/files/file-types';
import type { RequestContext } from '../../platform/http/context';
import { AppError } from '../../platform/http/errors';
import { guardPublicRead } from '../../platform/public/guard';
import { cityCountyNames, entrantsOf } from '../awards/awards.repo';
import { categoryLabel, levelLabel } from '../awards/awards.service';
import { currentNotice } from '../privacy/privacy.service';
import { publishedStoriesOf, publishedStory, type PublicStory } from '../stories/stories.repo';
import { iso } from '../youth/youth.present';
import * as repo from './showcase.repo';
import { workPagePath } from './showcase.service';
import { sendPublicFile } from './range';

/**
 * The unit's public page, /m/u/<code>, and the pages and files under it. Every read is rate limited per
 * address and re-checks, in the same query, that a work is still showcased and may still be shown: a
 * file is never served for an entry that is not (404, as for anything that does not exist).
 */

type Unit = { id: number; code: string; name: string; orgName: string };

const noUnit = () => new AppError(404, 'not_found', '单位主页不存在，请核对链接');
const noWork = () => new AppError(404, 'not_found', '该作品未在单位主页展示或已撤下');
const noStory = () => new AppError(404, 'not_found', '该故事不存在或已撤下');

async function publicUnit(ctx: RequestContext, code: string): Promise<Unit> {
  await guardPublicRead(ctx, ctx.reply.request);
  const unit = await repo.unitByCode(ctx.db, code);
  if (!unit) throw noUnit();
  return unit;
}

const extensionOf = (mime: string) =>
  MEDIA_FILES.types.find((t) => t.mime === mime)?.extensions[0] ?? mime.split('/')[1] ?? 'bin';

const filePath = (unit: Unit, entryId: number, fileId: number) =>
  `/api/public/units/${unit.code}/works/${entryId}/files/${fileId}`;
const coverPath = (unit: Unit, storyId: number) => `/api/public/units/${unit.code}/stories/${storyId}/cover`;

async function presentWorks(ctx: RequestContext, unit: Unit, rows: repo.ShownWorkRow[]) {
  const people = await entrantsOf(
    ctx.db,
    rows.map((r) => r.workId),
  );
  const places = await cityCountyNames(ctx.db, [
    ...new Set(people.flatMap((p) => (p.placeUnitId ? [p.placeUnitId] : []))),
  ]);
  return rows.map((r): PublicShowcaseWork => {
    const own = people.filter((p) => p.workId === r.workId);
    const lead = own.find((p) => p.placeUnitId);
    return {
      entryId: r.entryId,
      title: r.title,
      categoryLabel: categoryLabel(r.categories, r.categoryKey),
      callTitle: r.callTitle,
      awardLabel: r.awardsFinal ? levelLabel(r.awardLevels, r.awardLevelKey) : null,
      names: own.map((p) => maskName(p.name)),
      groupName: r.groupName,
      place: lead?.placeUnitId ? (places.get(lead.placeUnitId) ?? null) : null,
      note: r.note,
      thumbnailPath: r.thumbnailId ? filePath(unit, r.entryId, r.thumbnailId) : null,
    };
  });
}

const storyItem = (unit: Unit, s: PublicStory): PublicStoryItem => ({
  id: s.id,
  title: s.title,
  summary: s.summary,
  publishedAt: s.publishedAt.toISOString(),
  coverPath: s.coverFileId ? coverPath(unit, s.id) : null,
});

const pageWindow = (page: number) => ({ limit: PUBLIC_PAGE_SIZE, offset: (page - 1) * PUBLIC_PAGE_SIZE });

async function worksPage(ctx: RequestContext, unit: Unit, page: number) {
  const { rows, total } = await repo.shownWorks(ctx.db, unit.id, pageWindow(page));
  return { items: await presentWorks(ctx, unit, rows), total, page, pageSize: PUBLIC_PAGE_SIZE };
}

async function storiesPage(ctx: RequestContext, unit: Unit, page: number) {
  const { items, total } = await publishedStoriesOf(ctx.db, unit.id, pageWindow(page));
  return { items: items.map((s) => storyItem(unit, s)), total, page, pageSize: PUBLIC_PAGE_SIZE };
}

export async function unitPage(ctx: RequestContext, code: string): Promise<PublicUnitPage> {
  const unit = await publicUnit(ctx, code);
  const [notice, pages, calls, events, works, stories] = await Promise.all([
    currentNotice(ctx.db, unit.id),
    repo.openSignupPages(ctx.db, unit.id),
    repo.openCalls(ctx.db, unit.id),
    repo.publishedEvents(ctx.db, unit.id),
    worksPage(ctx, unit, 1),
    storiesPage(ctx, unit, 1),
  ]);
  // Sign-up pages and calls open only under the unit's current notice: without one they answer 404.
  const forms = !!notice;
  return {
    code: unit.code,
    unitName: unit.name,
    orgName: unit.orgName,
    signupPages: forms
      ? pages.map((p) => ({
          title: p.title,
          path: `/m/s/${p.slug}`,
          intro: p.intro,
          closesAt: iso(p.closesAt),
        }))
      : [],
    calls: forms
      ? calls.map((c) => ({
          title: c.title,
          theme: c.theme,
          path: `/m/c/${c.slug}`,
          closesAt: iso(c.closesAt)!,
        }))
      : [],
    events: events.map((e) => ({
      id: e.id,
      kindLabel: eventKindLabel(e.kind),
      title: e.title,
      date: e.date,
      place: e.place,
    })),
    works,
    stories,
  };
}

export async function works(ctx: RequestContext, code: string, page: number) {
  return worksPage(ctx, await publicUnit(ctx, code), page);
}

export async function stories(ctx: RequestContext, code: string, page: number) {
  return storiesPage(ctx, await publicUnit(ctx, code), page);
}

export async function work(
  ctx: RequestContext,
  code: string,
  entryId: number,
): Promise<PublicShowcaseWorkDetail> {
  const unit = await publicUnit(ctx, code);
  const row = await repo.shownWork(ctx.db, unit.id, entryId);
  if (!row) throw noWork();
  const [[item], files] = await Promise.all([
    presentWorks(ctx, unit, [row]),
    repo.shownFiles(ctx.db, row.workId),
  ]);
  return {
    ...item,
    unitName: unit.name,
    description: row.description,
    files: files.map((f, i) => ({
      id: f.id,
      kind: f.kind,
      label: `文件 ${i + 1}.${extensionOf(f.mime)}`,
      mime: f.mime,
      size: f.size,
      path: filePath(unit, entryId, f.id),
    })),
  };
}

/** One file of a showcased work, checked on every request, streamed decrypted, with Range for players. */
export async function workFile(ctx: RequestContext, code: string, entryId: number, fileId: number) {
  const unit = await publicUnit(ctx, code);
  const row = await repo.shownWork(ctx.db, unit.id, entryId);
  if (!row) throw noWork();
  const files = await repo.shownFiles(ctx.db, row.workId);
  const index = files.findIndex((f) => f.id === fileId);
  if (index < 0) throw new AppError(404, 'not_found', '文件不存在');
  const file = files[index];
  return sendPublicFile(ctx.reply.request, ctx.reply, {
    filename: `${row.title}-${index + 1}.${extensionOf(file.mime)}`,
    mime: file.mime,
    size: file.size,
    open: () => openFileStream(ctx, file),
  });
}

const paragraphsOf = (body: string) =>
  body
    .split(/\n\s*\n|\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);

export async function story(ctx: RequestContext, code: string, id: number): Promise<PublicStoryDetail> {
  const unit = await publicUnit(ctx, code);
  const s = await publishedStory(ctx.db, unit.id, id);
  if (!s) throw noStory();
  const shown = s.entryId !== null && (await repo.isShown(ctx.db, unit.id, s.entryId));
  return {
    ...storyItem(unit, s),
    unitName: unit.name,
    paragraphs: paragraphsOf(s.body),
    workPath: shown ? workPagePath(unit.code, s.entryId!) : null,
  };
}

export async function storyCover(ctx: RequestContext, code: string, id: number) {
  const unit = await publicUnit(ctx, code);
  const s = await publishedStory(ctx.db, unit.id, id);
  const file = s?.coverFileId ? await findFileRow(ctx.db, s.coverFileId) : undefined;
  if (!s || !file || !file.mime.startsWith('image/')) throw noStory();
  return sendPublicFile(ctx.reply.request, ctx.reply, {
    filename: `${s.title}.${extensionOf(file.mime)}`,
    mime: file.mime,
    size: file.size,
    open: () => openFileStream(ctx, file),
  });
}
