import { z } from 'zod';
import { defineContract, idParams, okResponse, pageOf, sortedPageQuery, versioned } from '../contract';
import { UNIT_LEVELS } from '../access';

export const unitLevel = z.enum(Object.keys(UNIT_LEVELS) as [keyof typeof UNIT_LEVELS]);

export const unitNode = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  orgName: z.string(),
  level: unitLevel,
  parentId: z.number().int().nullable(),
  keyContactCity: z.boolean(),
  childCount: z.number().int(),
  descendantCount: z.number().int(),
});
export type UnitNode = z.infer<typeof unitNode>;

export const unitChildren = defineContract({
  method: 'GET',
  path: '/api/units/children',
  access: 'units.read',
  tag: 'units',
  summary: '下级组织（不传 parentId 时返回本人可见范围的根）',
  query: z.object({ parentId: z.coerce.number().int().positive().optional() }),
  response: z.object({ items: z.array(unitNode) }),
});

export const unitSearchItem = unitNode.extend({ pathNames: z.array(z.string()) });

export const unitSearch = defineContract({
  method: 'GET',
  path: '/api/units',
  access: 'units.read',
  tag: 'units',
  summary: '查询组织：名称、全拼或首字母；重点联系城市；层级',
  query: sortedPageQuery(['code', 'name', 'level']).extend({
    q: z.string().trim().max(50).optional(),
    keyContactCity: z.enum(['true', 'false']).optional(),
    level: unitLevel.optional(),
    withinId: z.coerce.number().int().positive().optional(),
  }),
  response: pageOf(unitSearchItem),
});

export const department = z.object({
  id: z.number().int(),
  unitId: z.number().int(),
  name: z.string(),
  sortOrder: z.number().int(),
  version: z.number().int(),
});

export const unitDetail = unitNode.extend({
  ancestors: z.array(z.object({ id: z.number().int(), name: z.string(), level: unitLevel })),
  countsBelow: z.object({ province: z.number().int(), city: z.number().int(), county: z.number().int() }),
  keyContactCitiesBelow: z.number().int(),
  accounts: z.number().int(),
  departments: z.array(department),
  version: z.number().int(),
});

export const getUnit = defineContract({
  method: 'GET',
  path: '/api/units/:id',
  access: 'units.read',
  tag: 'units',
  summary: '组织详情',
  params: idParams,
  response: unitDetail,
});

export const updateUnit = defineContract({
  method: 'PATCH',
  path: '/api/units/:id',
  access: 'units.manage',
  tag: 'units',
  summary: '修改组织全称',
  params: idParams,
  body: versioned.extend({ orgName: z.string().trim().min(2).max(60) }),
  response: unitDetail,
});

export const createDepartment = defineContract({
  method: 'POST',
  path: '/api/units/:id/departments',
  access: 'units.manage',
  tag: 'units',
  summary: '新增部门',
  params: idParams,
  body: z.object({ name: z.string().trim().min(2).max(30), sortOrder: z.number().int().optional() }),
  response: department,
});

export const updateDepartment = defineContract({
  method: 'PATCH',
  path: '/api/departments/:id',
  access: 'units.manage',
  tag: 'units',
  summary: '修改部门',
  params: idParams,
  body: versioned.extend({ name: z.string().trim().min(2).max(30), sortOrder: z.number().int().optional() }),
  response: department,
});

export const deleteDepartment = defineContract({
  method: 'DELETE',
  path: '/api/departments/:id',
  access: 'units.manage',
  tag: 'units',
  summary: '删除部门',
  params: idParams,
  response: okResponse,
});

export const unitLookupItem = z.object({
  id: z.number().int(),
  name: z.string(),
  level: unitLevel,
  /** The ancestors' names from the province down, to tell 西湖区 (南昌市) from 西湖区 (杭州市). */
  parentNames: z.array(z.string()),
});
export type UnitLookupItem = z.infer<typeof unitLookupItem>;

export const unitLookup = defineContract({
  method: 'GET',
  path: '/api/units/lookup',
  access: 'youth.transfer',
  tag: 'units',
  summary: '全国组织查找（转出青年时选择接收单位）：只有名称、层级和上级名称',
  query: z.object({
    q: z.string().trim().min(1, '请输入单位名称或拼音').max(50),
    level: unitLevel.optional(),
  }),
  response: z.object({ items: z.array(unitLookupItem) }),
});
