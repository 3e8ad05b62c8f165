import type { RequestContext } from '../../platform/http/context';
import type { Viewer } from '../../platform/access/viewer';
import { badRequest, conflict, forbidden, notFound, staleVersion } from '../../platform/http/errors';
import { DICTIONARY_TYPES, type DictItem, type DictionaryType } from '../../../common/contracts/dictionaries';
import { aliasClash, cleanAliases, labelClash } from './dictionaries.clash';
import {
  findItem,
  findSiblingWithLabel,
  findVisibleItem,
  insertItem,
  listItemsSeenTogether,
  listVisibleItems,
  lockDictionary,
  nextSortOrder,
  updateItem,
  type DictRow,
} from './dictionaries.repo';
import type { Db } from '../../db/client';

/** Dictionaries with a second level; the others are flat lists. */
const TREE_TYPES = new Set<DictionaryType>(['category']);

/** '/1/12/345/' → [1, 12, 345]: the viewer's unit and its ancestors. */
export function unitIdsOnPath(path: string): number[] {
  return path.split('/').filter(Boolean).map(Number);
}

/** The system administrator of the root unit maintains the national items. */
function managesNational(viewer: Viewer): boolean {
  return viewer.role === 'system_admin' && unitIdsOnPath(viewer.unitPath).length === 1;
}

export function presentItem(row: DictRow): DictItem {
  return {
    id: row.id,
    label: row.label,
    aliases: row.aliases,
    parentId: row.parentId,
    sortOrder: row.sortOrder,
    enabled: row.enabled,
    national: row.unitId === null,
    unitName: row.unitName,
    version: row.version,
  };
}

function buildTree(rows: DictRow[]): DictItem[] {
  const byId = new Map(rows.map((r) => [r.id, presentItem(r)]));
  const roots: DictItem[] = [];
  for (const row of rows) {
    const item = byId.get(row.id)!;
    if (row.parentId === null) {
      roots.push(item);
      continue;
    }
    // A child whose parent is disabled (and so not listed) is hidden with it.
    const parent = byId.get(row.parentId);
    if (parent) (parent.children ??= []).push(item);
  }
  return roots;
}

export async function getDictionaryTree(ctx: RequestContext, type: DictionaryType, includeDisabled: boolean) {
  const rows = await listVisibleItems(ctx.db, type, unitIdsOnPath(ctx.viewer.unitPath), includeDisabled);
  return { type, label: DICTIONARY_TYPES[type], items: buildTree(rows) };
}

function duplicateMessage(label: string, clash: DictRow): string {
  const owner = clash.unitId === null ? '全国通用项' : `${clash.unitName ?? '其他单位'}新增项`;
  const disabled = clash.enabled ? '' : '，该项已停用，可将其重新启用';
  return `同一级下已有“${label}”（${owner}${disabled}），名称不能重复`;
}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === '23505' || e?.cause?.code === '23505';
}

/**
 * Refuses a label another item answers to as an alias, and aliases that are another item's label or
 * alias, among the items anyone would see together with this one. Runs under the dictionary's lock.
 */
async function checkAliasRules(
  tx: Db,
  viewer: Viewer,
  q: { type: DictionaryType; itemId: number; label?: string; newAliases: string[] },
): Promise<void> {
  await lockDictionary(tx, q.type);
  const others = (
    await listItemsSeenTogether(tx, q.type, unitIdsOnPath(viewer.unitPath), viewer.unitPath)
  ).filter((o) => o.id !== q.itemId);
  const clash =
    (q.label !== undefined ? labelClash(q.label, others) : undefined) ?? aliasClash(q.newAliases, others);
  if (clash) throw conflict(clash);
}

async function rethrowDuplicate<T>(label: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(`同一级下已有“${label}”，名称不能重复`);
    throw err;
  }
}

export async function createDictionaryItem(
  ctx: RequestContext,
  type: DictionaryType,
  body: { label: string; parentId?: number; aliases?: string[] },
): Promise<DictItem> {
  const viewer = ctx.viewer;
  const unitIds = unitIdsOnPath(viewer.unitPath);
  const national = managesNational(viewer);
  const parentId = body.parentId ?? null;
  if (parentId !== null) {
    if (!TREE_TYPES.has(type)) throw badRequest(`${DICTIONARY_TYPES[type]}不分级，不能添加下级项`);
    const parent = await findVisibleItem(ctx.db, parentId, unitIds);
    if (!parent || parent.dictType !== type) throw notFound('上级字典项');
    if (parent.parentId !== null) {
      throw badRequest(`${DICTIONARY_TYPES[type]}最多两级，不能在“${parent.label}”下再添加下级项`);
    }
  }
  return rethrowDuplicate(body.label, () =>
    ctx.db.transaction(async (tx) => {
      const clash = await findSiblingWithLabel(tx, {
        type,
        parentId,
        label: body.label,
        unitIds,
        unitPath: viewer.unitPath,
      });
      if (clash) throw conflict(duplicateMessage(body.label, clash));
      const aliases = cleanAliases(body.label, body.aliases ?? []);
      await checkAliasRules(tx, viewer, { type, itemId: 0, label: body.label, newAliases: aliases });
      const { id } = await insertItem(tx, {
        dictType: type,
        unitId: national ? null : viewer.unitId,
        parentId,
        label: body.label,
        sortOrder: await nextSortOrder(tx, type, parentId),
        aliases,
      });
      await ctx.audit(
        {
          action: 'dictionary.created',
          targetType: 'dict_item',
          targetId: id,
          targetLabel: `${DICTIONARY_TYPES[type]}：${body.label}`,
          detail: { type, national, parentId, ...(aliases.length ? { aliases } : {}) },
        },
        tx,
      );
      return presentItem((await findItem(tx, id))!);
    }),
  );
}

export async function updateDictionaryItem(
  ctx: RequestContext,
  id: number,
  body: { version: number; label?: string; sortOrder?: number; enabled?: boolean; aliases?: string[] },
): Promise<DictItem> {
  const viewer = ctx.viewer;
  const unitIds = unitIdsOnPath(viewer.unitPath);
  const item = await findVisibleItem(ctx.db, id, unitIds);
  if (!item) throw notFound('字典项');
  if (item.unitId === null && !managesNational(viewer)) {
    throw forbidden('全国通用字典项只能由系统管理员修改；本单位需要的项目请另行新增');
  }
  if (item.unitId !== null && item.unitId !== viewer.unitId) {
    throw forbidden('只能修改本单位新增的字典项，上级单位新增的项目请联系上级管理员');
  }
  const label = body.label ?? item.label;
  return rethrowDuplicate(label, () =>
    ctx.db.transaction(async (tx) => {
      if (label !== item.label) {
        const clash = await findSiblingWithLabel(tx, {
          type: item.dictType,
          parentId: item.parentId,
          label,
          unitIds,
          unitPath: viewer.unitPath,
          excludeId: item.id,
        });
        if (clash) throw conflict(duplicateMessage(label, clash));
      }
      // A rename keeps the aliases, except one that now merely repeats the new label.
      const aliases = cleanAliases(label, body.aliases ?? item.aliases);
      const aliasesChanged = aliases.join('\n') !== item.aliases.join('\n');
      const before = new Set(item.aliases);
      const added = aliases.filter((a) => !before.has(a));
      if (label !== item.label || added.length) {
        await checkAliasRules(tx, viewer, {
          type: item.dictType,
          itemId: item.id,
          label: label !== item.label ? label : undefined,
          newAliases: added,
        });
      }
      const patch = {
        label: body.label,
        sortOrder: body.sortOrder,
        enabled: body.enabled,
        aliases: aliasesChanged ? aliases : undefined,
      };
      if (!(await updateItem(tx, id, body.version, patch))) throw staleVersion();
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      if (body.label !== undefined && body.label !== item.label)
        changes.label = { from: item.label, to: body.label };
      if (body.sortOrder !== undefined && body.sortOrder !== item.sortOrder) {
        changes.sortOrder = { from: item.sortOrder, to: body.sortOrder };
      }
      if (body.enabled !== undefined && body.enabled !== item.enabled) {
        changes.enabled = { from: item.enabled, to: body.enabled };
      }
      if (aliasesChanged) changes.aliases = { from: item.aliases, to: aliases };
      await ctx.audit(
        {
          action: 'dictionary.updated',
          targetType: 'dict_item',
          targetId: id,
          targetLabel: `${DICTIONARY_TYPES[item.dictType]}：${label}`,
          detail: { type: item.dictType, national: item.unitId === null, changes },
        },
        tx,
      );
      return presentItem((await findItem(tx, id))!);
    }),
  );
}
