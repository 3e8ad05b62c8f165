import { z } from 'zod';
import { defineContract, idParams, pageOf, sortParam, sortedPageQuery } from '../contract';

/**
 * 青年社团 (seed 003 §三.4): every youth society a unit knows of — registered social organisations,
 * unregistered but active self-organisations, and online communities — with its field, registration,
 * whether it is 团属 and how it was built, its leaders (from the registry where they are there), and
 * the contact a cadre keeps with it.
 */

export const SOCIETY_KINDS = {
  registered: '已注册社会组织',
  unregistered: '未注册青年自组织',
  community: '青年社群',
} as const;
export type SocietyKind = keyof typeof SOCIETY_KINDS;
export const societyKind = z.enum(['registered', 'unregistered', 'community'], { message: '请选择社团类型' });

export const BUILD_MODES = { independent: '独立建', joint: '联合建' } as const;
export const buildMode = z.enum(['independent', 'joint'], { message: '请选择建设方式' });
/** 联合建 partners seed 003 §三.3 and §四.3 name; units may type others. */
export const BUILT_WITH_SUGGESTIONS = ['统战部', '网信办', '文联', '作协', '美协', '民政部门'] as const;

export const ACTIVITY_LEVELS = { high: '活跃', medium: '一般', low: '不活跃' } as const;
export const activityLevel = z.enum(['high', 'medium', 'low'], { message: '请选择活跃程度' });

export const SOCIETY_STATUSES = { active: '正常', dissolved: '已解散' } as const;
export const societyStatus = z.enum(['active', 'dissolved']);

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number, label: string) =>
  text(max)
    .max(max, `${label}不能超过 ${max} 个字`)
    .nullable()
    .optional()
    .transform((v) => (v === undefined ? undefined : v || null));
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const unitRef = z.object({ id: z.number().int(), name: z.string() });
const idRef = z.number().int().positive();

export const onlineAccount = z.object({
  platform: text(30).min(1, '请填写平台'),
  handle: text(100).min(1, '请填写账号名称'),
  followers: z.number().int().min(0, '粉丝数不能为负').nullable(),
});

/** A leader: linked to a registry person when they are there (name then from the registry), or a name. */
const personRef = z.object({ name: z.string(), youthId: z.number().int().nullable() });

export const societyListItem = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: societyKind,
  field: z.object({ id: z.number().int(), label: z.string() }).nullable(),
  unit: unitRef,
  creditCode: z.string().nullable(),
  leagueAffiliated: z.boolean(),
  buildMode: buildMode.nullable(),
  builtWith: z.array(z.string()),
  leader: personRef.nullable(),
  memberCount: z.number().int().nullable(),
  activityLevel: activityLevel.nullable(),
  contactUser: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  lastContactAt: z.string().nullable(),
  hasLeagueOrg: z.boolean(),
  status: societyStatus,
  version: z.number().int(),
});
export type SocietyListItem = z.infer<typeof societyListItem>;

export const societyDetail = societyListItem.extend({
  registrationAuthority: z.string().nullable(),
  registeredOn: z.string().nullable(),
  supervisor: z.string().nullable(),
  secretary: personRef.nullable(),
  onlineAccounts: z.array(onlineAccount),
  remark: z.string().nullable(),
  counts: z.object({
    contacts: z.number().int(),
    backbones: z.number().int(),
    recommendations: z.number().int(),
    nominationSeats: z.number().int(),
  }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SocietyDetail = z.infer<typeof societyDetail>;

const boolText = z.enum(['true', 'false']).optional();

export const societyFilter = z.object({
  /** 名称 (also 全拼 / 首字母), 统一社会信用代码 or 负责人. */
  q: text(50).optional(),
  kind: societyKind.optional(),
  fieldId: z.coerce.number().int().positive().optional(),
  leagueAffiliated: boolText,
  hasLeagueOrg: boolText,
  activityLevel: activityLevel.optional(),
  status: societyStatus.optional(),
  unitId: z.coerce.number().int().positive().optional(),
  includeDescendants: z.enum(['true', 'false']).default('true'),
  /** No contact recorded in the last N days (or never). */
  notContactedDays: z.coerce.number().int().min(1).max(3650).optional(),
});
export type SocietyFilter = z.output<typeof societyFilter>;

export const SOCIETY_SORTS = ['name', 'lastContactAt', 'memberCount', 'createdAt'] as const;

export const listSocieties = defineContract({
  method: 'GET',
  path: '/api/societies',
  access: 'orgs.read',
  tag: 'societies',
  summary: '青年社团名册（本单位及下级）',
  query: sortedPageQuery(SOCIETY_SORTS).extend(societyFilter.shape),
  response: pageOf(societyListItem),
});

export const exportSocieties = defineContract({
  method: 'GET',
  path: '/api/societies/export',
  access: 'orgs.read',
  tag: 'societies',
  summary: '导出青年社团名册（.xlsx，按当前筛选条件）',
  query: societyFilter.extend({ sort: sortParam(SOCIETY_SORTS) }),
  response: z.unknown(),
  binary: true,
});

export const societyFields = z.object({
  name: text(100).min(2, '请填写社团名称（至少 2 个字）'),
  kind: societyKind,
  fieldId: idRef.nullable().optional(),
  unitId: idRef.optional(),
  registrationAuthority: optionalText(100, '登记机关'),
  /** Validated on the server by its GB 32100 check character (common/validators/credit-code). */
  creditCode: optionalText(40, '统一社会信用代码'),
  registeredOn: isoDate.nullable().optional(),
  supervisor: optionalText(100, '业务主管单位'),
  leagueAffiliated: z.boolean().optional(),
  buildMode: buildMode.nullable().optional(),
  builtWith: z.array(text(30).min(1)).max(10, '联合建单位最多 10 个').optional(),
  leaderName: optionalText(50, '负责人姓名'),
  leaderYouthId: idRef.nullable().optional(),
  secretaryName: optionalText(50, '秘书长姓名'),
  secretaryYouthId: idRef.nullable().optional(),
  memberCount: z.number().int().min(0, '成员数不能为负').max(10_000_000).nullable().optional(),
  activityLevel: activityLevel.nullable().optional(),
  onlineAccounts: z.array(onlineAccount).max(20, '网络账号最多 20 个').optional(),
  contactUserId: idRef.nullable().optional(),
  hasLeagueOrg: z.boolean().optional(),
  status: societyStatus.optional(),
  remark: optionalText(2000, '备注'),
});
export type SocietyFields = z.input<typeof societyFields>;

export const createSociety = defineContract({
  method: 'POST',
  path: '/api/societies',
  access: 'orgs.write',
  tag: 'societies',
  summary: '登记青年社团（已注册的须填写登记机关、统一社会信用代码和登记日期）',
  body: societyFields,
  response: societyDetail,
});

export const getSociety = defineContract({
  method: 'GET',
  path: '/api/societies/:id',
  access: 'orgs.read',
  tag: 'societies',
  summary: '青年社团详情',
  params: idParams,
  response: societyDetail,
});

export const updateSociety = defineContract({
  method: 'PATCH',
  path: '/api/societies/:id',
  access: 'orgs.write',
  tag: 'societies',
  summary: '修改青年社团信息',
  params: idParams,
  body: societyFields.partial().extend({ version: z.number().int().positive() }),
  response: societyDetail,
});

/** The cadres who may keep contact with a society: active accounts of the viewer's unit and below. */
export const listSocietyCadres = defineContract({
  method: 'GET',
  path: '/api/societies/cadres',
  access: 'orgs.write',
  tag: 'societies',
  summary: '可选的联系团干部（本单位及下级的在用账号）',
  query: z.object({ q: text(50).optional() }),
  response: z.object({
    items: z.array(z.object({ id: z.number().int(), name: z.string(), unit: z.string() })),
  }),
});
