import type { z } from 'zod';
import type { UnitLevel } from '../../../common/access';
import type { unitSearch } from '../../../common/contracts/units';
import type { Db } from '../../db/client';
import type { Viewer } from '../../platform/access/viewer';
import type { RequestContext } from '../../platform/http/context';
import { badRequest, conflict, staleVersion } from '../../platform/http/errors';
import {
  deleteDepartmentRow,
  findDepartmentByName,
  findDepartmentInScope,
  findUnitInScope,
  insertDepartment,
  listChildUnits,
  lookupUnits as lookupUnitRows,
  loadUnitDetailParts,
  searchUnits as searchUnitRows,
  updateDepartmentRow,
  updateUnitOrgName,
  type DepartmentRow,
  type UnitSearch,
} from './units.repo';

type Ctx = Pick<RequestContext, 'db' | 'viewer' | 'audit'>;

/** Without a parent, the tree starts at the viewer's own unit: nothing above it is shown. */
export async function unitChildren(db: Db, viewer: Viewer, parentId?: number) {
  if (parentId === undefined) return [await findUnitInScope(db, viewer, viewer.unitId)];
  return listChildUnits(db, viewer, parentId);
}

const SORTS = ['code', 'name', 'level'] as const;

function parseSort(sort: string | undefined): UnitSearch['sort'] {
  if (!sort) return null;
  const desc = sort.startsWith('-');
  const by = SORTS.find((s) => s === (desc ? sort.slice(1) : sort));
  if (!by) throw badRequest(`不支持按“${sort}”排序，可选：代码、名称、层级`);
  return { by, desc };
}

export async function searchUnits(
  db: Db,
  viewer: Viewer,
  query: z.output<NonNullable<(typeof unitSearch)['query']>>,
) {
  const within = query.withinId ? await findUnitInScope(db, viewer, query.withinId) : null;
  const result = await searchUnitRows(db, viewer, {
    q: query.q || undefined,
    level: query.level,
    keyContactCity: query.keyContactCity === undefined ? undefined : query.keyContactCity === 'true',
    withinPath: within?.path,
    sort: parseSort(query.sort),
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return { ...result, page: query.page, pageSize: query.pageSize };
}

const LOOKUP_LIMIT = 20;

/** Country-wide, unscoped: units are public; the caller picks where a record is pushed to. */
export function lookupUnits(db: Db, query: { q: string; level?: UnitLevel }) {
  return lookupUnitRows(db, { q: query.q, level: query.level, limit: LOOKUP_LIMIT });
}

export async function unitDetail(db: Db, viewer: Viewer, id: number) {
  const unit = await findUnitInScope(db, viewer, id);
  return { unit, parts: await loadUnitDetailParts(db, viewer, unit) };
}

export async function renameUnit(ctx: Ctx, id: number, body: { orgName: string; version: number }) {
  await ctx.db.transaction(async (tx) => {
    const unit = await findUnitInScope(tx, ctx.viewer, id);
    if (unit.version !== body.version) throw staleVersion();
    if (!(await updateUnitOrgName(tx, id, body.version, body.orgName))) throw staleVersion();
    await ctx.audit(
      {
        action: 'unit.updated',
        targetType: 'unit',
        targetId: id,
        targetLabel: unit.name,
        detail: { orgName: { from: unit.orgName, to: body.orgName } },
      },
      tx,
    );
  });
  return unitDetail(ctx.db, ctx.viewer, id);
}

const duplicateName = (name: string) => conflict(`本单位已有名为“${name}”的部门，请换一个名称`);

/** Two saves racing past the name check still meet the unique index: report it as the same conflict. */
function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === '23505' || e?.cause?.code === '23505';
}

function isForeignKeyViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === '23503' || e?.cause?.code === '23503';
}

export async function createDepartment(ctx: Ctx, unitId: number, body: { name: string; sortOrder?: number }) {
  try {
    return await ctx.db.transaction(async (tx) => {
      const unit = await findUnitInScope(tx, ctx.viewer, unitId);
      if (await findDepartmentByName(tx, unitId, body.name)) throw duplicateName(body.name);
      const row = await insertDepartment(tx, { unitId, name: body.name, sortOrder: body.sortOrder });
      await ctx.audit(
        {
          action: 'department.created',
          targetType: 'department',
          targetId: row.id,
          targetLabel: `${unit.name} ${row.name}`,
        },
        tx,
      );
      return row;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateName(body.name);
    throw err;
  }
}

export async function updateDepartment(
  ctx: Ctx,
  id: number,
  body: { name: string; sortOrder?: number; version: number },
): Promise<DepartmentRow> {
  try {
    return await ctx.db.transaction(async (tx) => {
      const before = await findDepartmentInScope(tx, ctx.viewer, id);
      if (before.version !== body.version) throw staleVersion();
      const namesake =
        body.name === before.name ? null : await findDepartmentByName(tx, before.unitId, body.name);
      if (namesake) throw duplicateName(body.name);
      const row = await updateDepartmentRow(tx, id, body.version, {
        name: body.name,
        sortOrder: body.sortOrder,
      });
      if (!row) throw staleVersion();
      await ctx.audit(
        {
          action: 'department.updated',
          targetType: 'department',
          targetId: id,
          targetLabel: row.name,
          detail: {
            name: { from: before.name, to: row.name },
            sortOrder: { from: before.sortOrder, to: row.sortOrder },
          },
        },
        tx,
      );
      return row;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateName(body.name);
    throw err;
  }
}

export async function deleteDepartment(ctx: Ctx, id: number) {
  try {
    await ctx.db.transaction(async (tx) => {
      const row = await findDepartmentInScope(tx, ctx.viewer, id);
      await deleteDepartmentRow(tx, id);
      await ctx.audit(
        { action: 'department.deleted', targetType: 'department', targetId: id, targetLabel: row.name },
        tx,
      );
    });
  } catch (err) {
    if (isForeignKeyViolation(err)) throw conflict('该部门已被其他记录引用（如工作任务），不能删除');
    throw err;
  }
}
