import type { FastifyInstance } from 'fastify';
import {
  createDepartment,
  deleteDepartment,
  getUnit,
  unitChildren,
  unitLookup,
  unitSearch,
  updateDepartment,
  updateUnit,
} from '../../../common/contracts/units';
import { route } from '../../platform/http/route';
import { presentDepartment, presentSearchItem, presentUnitDetail, presentUnitNode } from './units.present';
import * as service from './units.service';

export function registerUnitsRoutes(app: FastifyInstance) {
  route(app, unitChildren, async ({ query }, ctx) => {
    const rows = await service.unitChildren(ctx.db, ctx.viewer, query.parentId);
    return { items: rows.map(presentUnitNode) };
  });

  route(app, unitSearch, async ({ query }, ctx) => {
    const result = await service.searchUnits(ctx.db, ctx.viewer, query);
    return {
      items: result.rows.map(presentSearchItem),
      total: result.total,
      page: result.page,
      pageSize: result.pageSize,
    };
  });

  route(app, unitLookup, async ({ query }, ctx) => ({
    items: await service.lookupUnits(ctx.db, query),
  }));

  route(app, getUnit, async ({ params }, ctx) => {
    const { unit, parts } = await service.unitDetail(ctx.db, ctx.viewer, params.id);
    return presentUnitDetail(unit, parts);
  });

  route(app, updateUnit, async ({ params, body }, ctx) => {
    const { unit, parts } = await service.renameUnit(ctx, params.id, body);
    return presentUnitDetail(unit, parts);
  });

  route(app, createDepartment, async ({ params, body }, ctx) => {
    return presentDepartment(await service.createDepartment(ctx, params.id, body));
  });

  route(app, updateDepartment, async ({ params, body }, ctx) => {
    return presentDepartment(await service.updateDepartment(ctx, params.id, body));
  });

  route(app, deleteDepartment, async ({ params }, ctx) => {
    await service.deleteDepartment(ctx, params.id);
    return { ok: true as const };
  });
}
