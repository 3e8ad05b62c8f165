import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { units } from './units';
import { users } from './accounts';
import { youth } from './youth';
import { files } from './files';
import { dictItems } from './dictionaries';

/**
 * 青年社团 (seed 003): registered social organisations, unregistered but active self-organisations,
 * and online communities, kept by a unit.
 */
export const youthSocieties = pgTable(
  'youth_societies',
  {
    id: serial('id').primaryKey(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    name: text('name').notNull(),
    namePinyin: text('name_pinyin').notNull(),
    nameInitials: text('name_initials').notNull(),
    kind: text('kind', { enum: ['registered', 'unregistered', 'community'] }).notNull(),
    /** The emerging-field dictionary item (网络文学、网络主播、文创、影视、自媒体、街舞、快递外卖 …). */
    fieldId: integer('field_id').references(() => dictItems.id),
    registrationAuthority: text('registration_authority'),
    /** 统一社会信用代码 (GB 32100), validated by its check character. */
    creditCode: text('credit_code'),
    registeredOn: date('registered_on', { mode: 'string' }),
    /** 业务主管单位 */
    supervisor: text('supervisor'),
    /** 团属 */
    leagueAffiliated: boolean('league_affiliated').notNull().default(false),
    /** 独立建 / 联合建 */
    buildMode: text('build_mode', { enum: ['independent', 'joint'] }),
    /** 联合建 with: 统战、网信、文联、作协 … */
    builtWith: text('built_with')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    leaderName: text('leader_name'),
    leaderYouthId: integer('leader_youth_id').references(() => youth.id),
    secretaryName: text('secretary_name'),
    secretaryYouthId: integer('secretary_youth_id').references(() => youth.id),
    memberCount: integer('member_count'),
    activityLevel: text('activity_level', { enum: ['high', 'medium', 'low'] }),
    onlineAccounts: jsonb('online_accounts')
      .$type<{ platform: string; handle: string; followers: number | null }[]>()
      .notNull()
      .default([]),
    /** The cadre who keeps contact. */
    contactUserId: integer('contact_user_id').references(() => users.id),
    lastContactAt: date('last_contact_at', { mode: 'string' }),
    /** A League organisation has been set up inside it. */
    hasLeagueOrg: boolean('has_league_org').notNull().default(false),
    status: text('status', { enum: ['active', 'dissolved'] })
      .notNull()
      .default('active'),
    remark: text('remark'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('youth_societies_unit_idx').on(t.unitId),
    uniqueIndex('youth_societies_credit_code_key')
      .on(t.creditCode)
      .where(sql`${t.creditCode} is not null`),
  ],
);

/** 联系与支持: visits, activities supported, help with registration, 场地/项目/活动 support. */
export const societyContacts = pgTable(
  'society_contacts',
  {
    id: serial('id').primaryKey(),
    societyId: integer('society_id')
      .notNull()
      .references(() => youthSocieties.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    date: date('date', { mode: 'string' }).notNull(),
    /** 走访、座谈、支持活动、协助注册、场地支持、项目支持、活动支持、其他 */
    kind: text('kind').notNull(),
    summary: text('summary').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('society_contacts_society_idx').on(t.societyId, t.date)],
);

/** 骨干: a society's leaders and backbone members, as people in the registry. */
export const societyBackbones = pgTable(
  'society_backbones',
  {
    societyId: integer('society_id')
      .notNull()
      .references(() => youthSocieties.id),
    youthId: integer('youth_id')
      .notNull()
      .references(() => youth.id),
    /** 负责人、秘书长、骨干 */
    role: text('role').notNull(),
    note: text('note'),
    addedBy: integer('added_by').references(() => users.id),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.societyId, t.youthId] })],
);

/** 举荐: a backbone recommended for 挂职、兼职、青联委员、团属青年社会组织, with the outcome. */
export const societyRecommendations = pgTable(
  'society_recommendations',
  {
    id: serial('id').primaryKey(),
    societyId: integer('society_id')
      .notNull()
      .references(() => youthSocieties.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    youthId: integer('youth_id')
      .notNull()
      .references(() => youth.id),
    kind: text('kind').notNull(),
    recommendedOn: date('recommended_on', { mode: 'string' }).notNull(),
    outcome: text('outcome', { enum: ['pending', 'accepted', 'declined'] })
      .notNull()
      .default('pending'),
    outcomeOn: date('outcome_on', { mode: 'string' }),
    note: text('note'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('society_recommendations_society_idx').on(t.societyId)],
);

/**
 * 青联会员团体 of a city or county federation (unit_id). The League itself is listed (is_league) but
 * never counted toward the targets. A group not in the society register is named in `name`.
 */
export const federationMembers = pgTable(
  'federation_members',
  {
    id: serial('id').primaryKey(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    societyId: integer('society_id').references(() => youthSocieties.id),
    name: text('name').notNull(),
    isLeague: boolean('is_league').notNull().default(false),
    /** 推荐 or 申请 */
    origin: text('origin', { enum: ['recommended', 'applied'] }).notNull(),
    /** 推荐或申请 → 资格审查 → 常委会审议 → 吸纳; or 未通过; later 已退出. */
    status: text('status', {
      enum: ['proposed', 'qualification', 'committee', 'admitted', 'rejected', 'exited'],
    })
      .notNull()
      .default('proposed'),
    /** Admitted before registration (seed 003 §三.5: led by 统战、网信、文联、作协 or League-affiliated). */
    beforeRegistration: boolean('before_registration').notNull().default(false),
    admittedOn: date('admitted_on', { mode: 'string' }),
    exitedOn: date('exited_on', { mode: 'string' }),
    /** 违反宪法和法律、违反青联章程、发挥作用不明显、其他 */
    exitReason: text('exit_reason', { enum: ['law', 'charter', 'ineffective', 'other'] }),
    exitNote: text('exit_note'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('federation_members_unit_idx').on(t.unitId, t.status)],
);

/** Every step of a membership: admission steps, annual reviews, the exit procedure; with a document. */
export const federationMemberSteps = pgTable(
  'federation_member_steps',
  {
    id: serial('id').primaryKey(),
    memberId: integer('member_id')
      .notNull()
      .references(() => federationMembers.id),
    /** recommended, applied, qualification, committee, admitted, rejected, annual_review, exit_proposed, exited */
    step: text('step').notNull(),
    onDate: date('on_date', { mode: 'string' }).notNull(),
    /** passed / failed, or the annual review's conclusion (合格、基本合格、不合格). */
    outcome: text('outcome'),
    note: text('note'),
    fileId: integer('file_id').references(() => files.id),
    byUser: integer('by_user').references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('federation_member_steps_member_idx').on(t.memberId)],
);

/** 青联委员推荐名额 given to an unregistered but influential group instead of membership. */
export const federationNominations = pgTable(
  'federation_nominations',
  {
    id: serial('id').primaryKey(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    societyId: integer('society_id')
      .notNull()
      .references(() => youthSocieties.id),
    seats: integer('seats').notNull(),
    grantedOn: date('granted_on', { mode: 'string' }).notNull(),
    note: text('note'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('federation_nominations_unit_idx').on(t.unitId)],
);

/**
 * The targets a province sets for its cities and qualifying counties (seed 003 §一): at least N
 * member groups besides the League and M League-affiliated emerging-field societies, within a period.
 */
export const coverageTargets = pgTable('coverage_targets', {
  provinceUnitId: integer('province_unit_id')
    .primaryKey()
    .references(() => units.id),
  startDate: date('start_date', { mode: 'string' }).notNull(),
  periodYears: integer('period_years').notNull().default(3),
  minMemberGroups: integer('min_member_groups').notNull().default(3),
  minLeagueSocieties: integer('min_league_societies').notNull().default(1),
  updatedBy: integer('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

/** Counties the province counts as 有条件的县 (every prefecture city counts). */
export const coverageCounties = pgTable('coverage_counties', {
  unitId: integer('unit_id')
    .primaryKey()
    .references(() => units.id),
  included: boolean('included').notNull().default(true),
  setBy: integer('set_by').references(() => users.id),
  setAt: timestamp('set_at', { withTimezone: true }).notNull().defaultNow(),
});

/** 联系点: 文创园区、互联网企业、平台企业、行业协会、艺术园区、文化街区 … where emerging youth gather. */
export const contactPoints = pgTable(
  'contact_points',
  {
    id: serial('id').primaryKey(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    address: text('address'),
    contactName: text('contact_name'),
    contactPhoneEnc: text('contact_phone_enc'),
    /** 签约 / 挂牌 / 日常联系 */
    relation: text('relation').notNull(),
    since: date('since', { mode: 'string' }),
    youthEstimate: integer('youth_estimate'),
    remark: text('remark'),
    active: boolean('active').notNull().default(true),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('contact_points_unit_idx').on(t.unitId)],
);

/** 流动团支部 and other League organisations set up among emerging youth. */
export const leagueBranches = pgTable(
  'league_branches',
  {
    id: serial('id').primaryKey(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    name: text('name').notNull(),
    /** 流动团支部、团支部、联合团支部、团总支、团工委 */
    kind: text('kind').notNull(),
    /** Where it is: a contact point (a courier company, a platform) or a society. */
    contactPointId: integer('contact_point_id').references(() => contactPoints.id),
    societyId: integer('society_id').references(() => youthSocieties.id),
    host: text('host'),
    establishedOn: date('established_on', { mode: 'string' }).notNull(),
    status: text('status', { enum: ['active', 'dissolved'] })
      .notNull()
      .default('active'),
    dissolvedOn: date('dissolved_on', { mode: 'string' }),
    remark: text('remark'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('league_branches_unit_idx').on(t.unitId)],
);

export const leagueBranchMembers = pgTable(
  'league_branch_members',
  {
    branchId: integer('branch_id')
      .notNull()
      .references(() => leagueBranches.id),
    youthId: integer('youth_id')
      .notNull()
      .references(() => youth.id),
    /** 书记、副书记、组织委员、宣传委员、团员、青年 */
    role: text('role').notNull(),
    joinedOn: date('joined_on', { mode: 'string' }).notNull(),
    leftOn: date('left_on', { mode: 'string' }),
    addedBy: integer('added_by').references(() => users.id),
  },
  (t) => [
    primaryKey({ columns: [t.branchId, t.youthId] }),
    index('league_branch_members_youth_idx').on(t.youthId),
  ],
);
