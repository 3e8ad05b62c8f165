import { z } from 'zod';
import { defineContract, idParams, versioned } from '../contract';

export const DICTIONARY_TYPES = {
  category: '群体类别',
  source: '联系来源',
  need: '需求类型',
  department: '常设部门',
  ethnicity: '民族',
  political_status: '政治面貌',
  education: '学历',
  emerging_field: '新兴领域',
} as const;
export type DictionaryType = keyof typeof DICTIONARY_TYPES;
export const dictionaryType = z.enum(Object.keys(DICTIONARY_TYPES) as [DictionaryType, ...DictionaryType[]]);

export type DictItem = {
  id: number;
  label: string;
  /** Other ways the item is written (本科 for 大学本科); imports and searches accept them for the label. */
  aliases: string[];
  parentId: number | null;
  sortOrder: number;
  enabled: boolean;
  national: boolean;
  unitName: string | null;
  version: number;
  children?: DictItem[];
};

// A recursive schema needs a name for the OpenAPI document to reference it.
export const dictItem: z.ZodType<DictItem> = z
  .lazy(() =>
    z.object({
      id: z.number().int(),
      label: z.string(),
      aliases: z.array(z.string()),
      parentId: z.number().int().nullable(),
      sortOrder: z.number().int(),
      enabled: z.boolean(),
      national: z.boolean(),
      unitName: z.string().nullable(),
      version: z.number().int(),
      children: z.array(dictItem).optional(),
    }),
  )
  .meta({ id: 'DictItem' });

/** At most 30 aliases of up to 30 characters each; the server drops repeats and the label itself. */
export const dictAliases = z
  .array(z.string().trim().min(1, '别名不能为空').max(30, '别名最多 30 个字'))
  .max(30, '每个字典项最多 30 个别名');

export const getDictionary = defineContract({
  method: 'GET',
  path: '/api/dictionaries/:type',
  access: 'session',
  tag: 'dictionaries',
  summary: '字典项（全国通用项加本单位及上级单位自增项；树形）',
  params: z.object({ type: dictionaryType }),
  query: z.object({ includeDisabled: z.enum(['true', 'false']).default('false') }),
  response: z.object({ type: dictionaryType, label: z.string(), items: z.array(dictItem) }),
});

export const createDictItem = defineContract({
  method: 'POST',
  path: '/api/dictionaries/:type',
  access: 'dictionaries.manage',
  tag: 'dictionaries',
  summary: '新增字典项（系统管理员为全国通用项，单位管理员为本单位项），可同时填写别名',
  params: z.object({ type: dictionaryType }),
  body: z.object({
    label: z.string().trim().min(1).max(30),
    parentId: z.number().int().positive().optional(),
    aliases: dictAliases.optional(),
  }),
  response: dictItem,
});

export const updateDictItem = defineContract({
  method: 'PATCH',
  path: '/api/dictionary-items/:id',
  access: 'dictionaries.manage',
  tag: 'dictionaries',
  summary: '修改字典项：名称、别名（整体替换；不得与同一字典其他项的名称或别名相同）、排序、启用或停用',
  params: idParams,
  body: versioned.extend({
    label: z.string().trim().min(1).max(30).optional(),
    aliases: dictAliases.optional(),
    sortOrder: z.number().int().optional(),
    enabled: z.boolean().optional(),
  }),
  response: dictItem,
});
