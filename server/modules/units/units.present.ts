import type { z } from 'zod';
import type { department, unitDetail, unitSearchItem, UnitNode } from '../../../common/contracts/units';
import type { DepartmentRow, UnitDetailParts, UnitRow, UnitSearchRow } from './units.repo';

/** A unit as the tree and lists show it: no path (internal ids of ancestors), no timestamps. */
export function presentUnitNode(row: UnitRow): UnitNode {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    orgName: row.orgName,
    level: row.level,
    parentId: row.parentId,
    keyContactCity: row.keyContactCity,
    childCount: row.childCount,
    descendantCount: row.descendantCount,
  };
}

export function presentSearchItem(row: UnitSearchRow): z.input<typeof unitSearchItem> {
  return { ...presentUnitNode(row), pathNames: row.pathNames };
}

export function presentDepartment(row: DepartmentRow): z.input<typeof department> {
  return { id: row.id, unitId: row.unitId, name: row.name, sortOrder: row.sortOrder, version: row.version };
}

export function presentUnitDetail(row: UnitRow, parts: UnitDetailParts): z.input<typeof unitDetail> {
  const { keyContactCities, ...countsBelow } = parts.countsBelow;
  return {
    ...presentUnitNode(row),
    ancestors: parts.ancestors.map((a) => ({ id: a.id, name: a.name, level: a.level })),
    countsBelow,
    keyContactCitiesBelow: keyContactCities,
    accounts: parts.accounts,
    departments: parts.departments.map(presentDepartment),
    version: row.version,
  };
}
