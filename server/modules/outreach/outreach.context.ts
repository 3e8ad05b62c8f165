import { sql, type SQL } from 'drizzle-orm';
import type { Viewer } from '../../platform/access/viewer';
import type { RequestContext } from '../../platform/http/context';
import { assertUnitInScope } from '../../platform/access/scope';
import { badRequest } from '../../platform/http/errors';

/** What every 联系点 and 团组织 service function needs from the request. */
export type OutreachCtx = Pick<RequestContext, 'db' | 'viewer' | 'audit' | 'keys'>;

export type Scope = Pick<Viewer, 'unitPath'>;

/** A unit filter of a list, its path already checked against the viewer's scope. */
export type UnitFilter = { id: number; path: string; includeDescendants: boolean };

export const iso = (v: Date | string | null): string | null =>
  v === null ? null : (v instanceof Date ? v : new Date(v)).toISOString();

export async function unitFilterOf(
  ctx: Pick<OutreachCtx, 'db' | 'viewer'>,
  unitId: number | undefined,
  includeDescendants: boolean | undefined,
): Promise<UnitFilter | undefined> {
  if (!unitId) return undefined;
  return {
    id: unitId,
    path: await assertUnitInScope(ctx.db, unitId, ctx.viewer),
    includeDescendants: includeDescendants ?? true,
  };
}

/** `sort` as `key` or `-key` against a whitelist of columns; unknown keys are refused in Chinese. */
export function orderOf(
  sort: string | undefined,
  columns: Record<string, SQL>,
  labels: Record<string, string>,
  fallback: SQL,
): SQL {
  if (!sort) return fallback;
  const desc = sort.startsWith('-');
  const column = columns[desc ? sort.slice(1) : sort];
  if (!column) throw badRequest(`不支持按“${sort}”排序，可选：${Object.values(labels).join('、')}`);
  return desc ? sql`${column} desc` : column;
}

/** Every kind of a fixed list with its count, zeros included, in the list's order (others after). */
export function countsInOrder(kinds: readonly string[], rows: { kind: string; count: number }[]) {
  const byKind = new Map(rows.map((r) => [r.kind, r.count]));
  const extra = rows.filter((r) => !kinds.includes(r.kind));
  return [...kinds.map((kind) => ({ kind, count: byKind.get(kind) ?? 0 })), ...extra];
}

/** The file name's stamp: 20260314-093000. */
export const stampOf = (beijing: string) => beijing.replace(/[-:]/g, '').replace(' ', '-');
