import { sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  EventDetail,
  EventFilter,
  EventListItem,
  createEvent,
  eventFields,
  exportEvents,
  listEvents,
  updateEvent,
} from '../../../common/contracts/events';
import { EVENT_SORTS, eventKindLabel } from '../../../common/contracts/events';
import { normalizeText } from '../../../common/validators';
import type { RequestContext } from '../../platform/http/context';
import { assertUnitInScope } from '../../platform/access/scope';
import { beijingTime, writeXlsx, type XlsxColumn } from '../../platform/excel/xlsx-writer';
import { badRequest, notFound, staleVersion } from '../../platform/http/errors';
import * as repo from './events.repo';
import { presentFile } from './events-files.service';
import { addWorksInTx, assertCallForUnit, presentWork } from './events-works.service';

export type EventsCtx = Pick<RequestContext, 'db' | 'viewer' | 'audit' | 'keys'>;
type Ctx = EventsCtx;
type ListQuery = z.output<NonNullable<(typeof listEvents)['query']>>;
type ExportQuery = z.output<NonNullable<(typeof exportEvents)['query']>>;
type CreateBody = z.output<NonNullable<(typeof createEvent)['body']>>;
type UpdateBody = z.output<NonNullable<(typeof updateEvent)['body']>>;
type SpeakerInput = NonNullable<z.output<typeof eventFields>['speakers']>[number];

export const iso = (v: Date | string | null): string | null =>
  v === null ? null : (v instanceof Date ? v : new Date(v)).toISOString();

export function presentEventItem(r: repo.EventRow): EventListItem {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    date: r.date,
    place: r.place,
    unit: { id: r.unitId, name: r.unitName },
    speakers: r.speakers ?? [],
    participants: r.participants,
    signedIn: r.signedIn,
    files: r.files,
    hasReport: Boolean(r.report),
    call: r.callId === null ? null : { id: r.callId, title: r.callTitle ?? '' },
    works: r.works,
    audience: r.audience,
    published: r.published,
    version: r.version,
  };
}

async function resolveFilter(ctx: Ctx, f: Partial<EventFilter>): Promise<repo.EventQuery> {
  if (f.dateFrom && f.dateTo && f.dateFrom > f.dateTo) throw badRequest('日期范围有误：开始日期晚于结束日期');
  const q = f.q ? normalizeText(f.q) : '';
  return {
    kind: f.kind,
    dateFrom: f.dateFrom,
    dateTo: f.dateTo,
    unit: f.unitId
      ? {
          id: f.unitId,
          path: await assertUnitInScope(ctx.db, f.unitId, ctx.viewer),
          includeDescendants: f.includeDescendants ?? true,
        }
      : undefined,
    q: q || undefined,
    callId: f.callId,
  };
}

function orderOf(sort: string | undefined): SQL {
  if (!sort) return sql`${repo.EVENT_ORDER.date} desc`;
  const desc = sort.startsWith('-');
  const key = desc ? sort.slice(1) : sort;
  const column = repo.EVENT_ORDER[key];
  if (!column) throw badRequest(`不支持按“${sort}”排序，可选：${Object.values(EVENT_SORTS).join('、')}`);
  return desc ? sql`${column} desc` : column;
}

export async function list(ctx: Ctx, query: ListQuery) {
  const q = await resolveFilter(ctx, query);
  const [rows, totals] = await Promise.all([
    repo.listEventRows(ctx.db, ctx.viewer, q, {
      order: orderOf(query.sort),
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    }),
    repo.eventTotals(ctx.db, ctx.viewer, q),
  ]);
  return {
    items: rows.map(presentEventItem),
    total: totals.events,
    page: query.page,
    pageSize: query.pageSize,
    totals,
  };
}

export async function detail(ctx: Pick<Ctx, 'db' | 'viewer'>, id: number): Promise<EventDetail> {
  const row = await repo.findEventRow(ctx.db, ctx.viewer, id);
  const [speakers, participants, files, works] = await Promise.all([
    repo.listSpeakers(ctx.db, id),
    repo.listParticipants(ctx.db, id),
    repo.listFiles(ctx.db, id),
    repo.listWorks(ctx.db, id),
  ]);
  return {
    ...presentEventItem(row),
    report: row.report,
    workList: works.map(presentWork),
    speakerList: speakers,
    participantList: participants.map((p) => ({
      youthId: p.youthId,
      name: p.name,
      unit: { id: p.unitId, name: p.unitName },
      stage: p.stage,
      category: p.category,
      signedIn: p.signedIn,
      signedAt: iso(p.signedAt),
    })),
    fileList: files.map(presentFile),
    createdBy: row.createdBy,
    createdAt: iso(row.createdAt)!,
    updatedAt: iso(row.updatedAt)!,
  };
}

/** A mentor speaker must be registered in the viewer's scope; their name comes from the register. */
async function resolveSpeakers(ctx: Ctx, speakers: SpeakerInput[]) {
  const mentorIds = [...new Set(speakers.flatMap((s) => (s.mentorId ? [s.mentorId] : [])))];
  const mentors = mentorIds.length ? await repo.findMentors(ctx.db, ctx.viewer, { ids: mentorIds }) : [];
  const byId = new Map(mentors.map((m) => [m.id, m]));
  return speakers.map((s) => {
    if (s.mentorId) {
      const m = byId.get(s.mentorId);
      if (!m) throw notFound('梦想导师');
      return { mentorId: m.id, name: m.name, title: s.title || m.title || m.specialty };
    }
    return { mentorId: null, name: s.name!, title: s.title || null };
  });
}

export async function create(ctx: Ctx, body: CreateBody) {
  const unitId = body.unitId ?? ctx.viewer.unitId;
  const unitPath = await assertUnitInScope(ctx.db, unitId, ctx.viewer);
  const callId = body.callId ?? null;
  if (callId) await assertCallForUnit(ctx, callId, unitPath);
  if (body.entryIds?.length && !callId) throw badRequest('请先选择关联的作品征集，再选择展演作品');
  const speakers = await resolveSpeakers(ctx, body.speakers ?? []);
  const id = await ctx.db.transaction(async (tx) => {
    const eventId = await repo.insertEvent(tx, {
      unitId,
      kind: body.kind,
      title: body.title,
      date: body.date,
      place: body.place || null,
      report: body.report || null,
      callId,
      audience: body.audience ?? null,
      published: body.published ?? false,
      createdBy: ctx.viewer.userId,
    });
    await repo.replaceSpeakers(tx, eventId, speakers);
    const works =
      callId && body.entryIds?.length
        ? await addWorksInTx(tx, ctx, eventId, callId, [...new Set(body.entryIds)])
        : 0;
    await ctx.audit(
      {
        action: 'event.created',
        targetType: 'event',
        targetId: eventId,
        targetLabel: body.title,
        detail: {
          kind: body.kind,
          date: body.date,
          unitId,
          speakers: speakers.length,
          ...(callId ? { callId, works } : {}),
          ...(body.audience != null ? { audience: body.audience } : {}),
          ...(body.published ? { published: true } : {}),
        },
      },
      tx,
    );
    return eventId;
  });
  return detail(ctx, id);
}

export async function update(ctx: Ctx, id: number, body: UpdateBody) {
  const before = await repo.findEventRow(ctx.db, ctx.viewer, id);
  const unitMoves = body.unitId !== undefined && body.unitId !== before.unitId;
  const callMoves = body.callId !== undefined && body.callId !== before.callId;
  if (unitMoves) {
    const path = await assertUnitInScope(ctx.db, body.unitId!, ctx.viewer);
    const outside = await repo.participantsOutside(ctx.db, id, path);
    if (outside.length) {
      throw badRequest(`改为该组织单位后，${outside.join('、')}等参与青年不在其范围内，请先从参与名单中移除`);
    }
  }
  const callId = body.callId !== undefined ? body.callId : before.callId;
  if (callId && (unitMoves || callMoves)) {
    const path = unitMoves
      ? await assertUnitInScope(ctx.db, body.unitId!, ctx.viewer)
      : await unitPathOf(ctx, before.unitId);
    await assertCallForUnit(ctx, callId, path);
  }
  const speakers = body.speakers ? await resolveSpeakers(ctx, body.speakers) : undefined;
  const changed = Object.keys(body).filter(
    (k) => k !== 'version' && body[k as keyof UpdateBody] !== undefined,
  );
  await ctx.db.transaction(async (tx) => {
    await repo.lockEvent(tx, ctx.viewer, id);
    const ok = await repo.updateEvent(tx, id, body.version, {
      ...(body.kind !== undefined ? { kind: body.kind } : {}),
      ...(body.unitId !== undefined ? { unitId: body.unitId } : {}),
      ...(body.title !== undefined ? { title: body.title } : {}),
      ...(body.date !== undefined ? { date: body.date } : {}),
      ...(body.place !== undefined ? { place: body.place || null } : {}),
      ...(body.report !== undefined ? { report: body.report || null } : {}),
      ...(body.callId !== undefined ? { callId: body.callId } : {}),
      ...(body.audience !== undefined ? { audience: body.audience } : {}),
      ...(body.published !== undefined ? { published: body.published } : {}),
    });
    if (!ok) throw staleVersion();
    if (callMoves && (await repo.countWorks(tx, id)) > 0) {
      throw badRequest('活动已选展演作品：请先移除这些作品，再更换或取消关联的作品征集');
    }
    if (speakers) await repo.replaceSpeakers(tx, id, speakers);
    await ctx.audit(
      {
        action: 'event.updated',
        targetType: 'event',
        targetId: id,
        targetLabel: body.title ?? before.title,
        detail: { fields: changed },
      },
      tx,
    );
  });
  return detail(ctx, id);
}

const unitPathOf = (ctx: Ctx, unitId: number) => assertUnitInScope(ctx.db, unitId, ctx.viewer);

export async function speakerMentors(ctx: Ctx, q: string | undefined) {
  const text = q ? normalizeText(q) : '';
  const rows = await repo.findMentors(ctx.db, ctx.viewer, { text: text || undefined });
  return rows.map((m) => ({
    id: m.id,
    name: m.name,
    specialty: m.specialty,
    title: m.title,
    unit: m.unitName,
  }));
}

export const EXPORT_MAX_ROWS = 20_000;

const EXPORT_COLUMNS: XlsxColumn[] = [
  { header: '序号', key: 'seq', width: 6 },
  { header: '活动日期', key: 'date', width: 12 },
  { header: '活动类型', key: 'kind', width: 10 },
  { header: '活动名称', key: 'title', width: 32 },
  { header: '组织单位', key: 'unit', width: 16 },
  { header: '地点', key: 'place', width: 20 },
  { header: '主讲嘉宾', key: 'speakers', width: 20 },
  { header: '参与人次', key: 'participants', width: 10 },
  { header: '签到人次', key: 'signedIn', width: 10 },
  { header: '关联征集', key: 'call', width: 24 },
  { header: '展演作品', key: 'works', width: 10 },
  { header: '观众人次', key: 'audience', width: 10 },
  { header: '照片与纪要', key: 'files', width: 10 },
  { header: '简报', key: 'report', width: 40 },
];

export async function exportXlsx(ctx: Ctx, query: ExportQuery, now = new Date()) {
  const q = await resolveFilter(ctx, query);
  const [rows, totals] = await Promise.all([
    repo.listEventRows(ctx.db, ctx.viewer, q, {
      order: orderOf(query.sort),
      limit: EXPORT_MAX_ROWS,
      offset: 0,
    }),
    repo.eventTotals(ctx.db, ctx.viewer, q),
  ]);
  const range = [query.dateFrom ?? '', query.dateTo ?? ''].some(Boolean)
    ? `；日期 ${query.dateFrom ?? '不限'} 至 ${query.dateTo ?? '不限'}`
    : '';
  const buffer = await writeXlsx({
    sheetName: '活动列表',
    title: '青春沙龙等活动统计表',
    subtitleRows: [
      `导出时间：${beijingTime(now)}；导出人：${ctx.viewer.displayName}${query.kind ? `；类型 ${query.kind}` : ''}${range}`,
      `合计：活动 ${totals.events} 场，参与 ${totals.personTimes} 人次（签到 ${totals.signedIn} 人次），共 ${totals.persons} 人；观众 ${totals.audience} 人次（现场计数，不含参与青年名单）`,
    ],
    columns: EXPORT_COLUMNS,
    rows: rows.map((r, i) => ({
      seq: i + 1,
      date: r.date,
      kind: eventKindLabel(r.kind),
      title: r.title,
      unit: r.unitName,
      place: r.place,
      speakers: (r.speakers ?? []).join('、'),
      participants: r.participants,
      signedIn: r.signedIn,
      call: r.callTitle,
      works: r.callId === null ? null : r.works,
      audience: r.audience,
      files: r.files,
      report: r.report,
    })),
  });
  await ctx.audit({
    action: 'event.exported',
    targetType: 'event',
    targetLabel: '活动列表',
    detail: { filter: { ...query }, rows: rows.length, total: totals.events },
  });
  const stamp = beijingTime(now).replace(/[-:]/g, '').replace(' ', '-');
  return { buffer, filename: `活动列表-${stamp}.xlsx` };
}
