import { sql } from 'drizzle-orm';
import {
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
import { dictItems } from './dictionaries';
import { youth } from './youth';

export type NoticeSections = {
  /** 个人信息处理者 */
  controller: string;
  purpose: string;
  categories: string;
  retention: string;
  rights: string;
  contact: string;
};

/**
 * 个人信息处理规则: each unit's notice, shown on every public form. A change is a new version;
 * a version is never edited, so a consent record's (version, hash) always names the text the person saw.
 */
export const privacyNotices = pgTable(
  'privacy_notices',
  {
    id: serial('id').primaryKey(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    sections: jsonb('sections').$type<NoticeSections>().notNull(),
    /** SHA-256 (hex) of the canonical text: title and sections in a fixed order. */
    contentHash: text('content_hash').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('privacy_notices_unit_version_key').on(t.unitId, t.version)],
);

/**
 * One consent given on a public form: what was consented to (purpose), under which notice, when,
 * where and how; a withdrawal fills the withdrawn_* columns and never deletes the row.
 */
export const consentRecords = pgTable(
  'consent_records',
  {
    id: serial('id').primaryKey(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    /** registration: 线上招募 or an entry's entrant; publicity: showing a work in public. */
    purpose: text('purpose', { enum: ['registration', 'publicity'] }).notNull(),
    /** signup: 线上招募; work: an entry's entrant; objection: whoever raised an objection during 公示. */
    subjectKind: text('subject_kind', { enum: ['signup', 'work', 'objection'] }).notNull(),
    subjectId: integer('subject_id').notNull(),
    /** For a work: which entrant (work_entrants.position) gave it; each person consents for themself. */
    subjectPosition: integer('subject_position'),
    /** Set when the subject enters the registry, so the person page shows the consent. */
    youthId: integer('youth_id').references(() => youth.id),
    noticeId: integer('notice_id')
      .notNull()
      .references(() => privacyNotices.id),
    noticeVersion: integer('notice_version').notNull(),
    noticeHash: text('notice_hash').notNull(),
    /** The link's channel (?ch=…: 海报、微信群、公众号…), or 'web' without one. */
    channel: text('channel').notNull(),
    pagePath: text('page_path').notNull(),
    /** IPv4 with the last octet zeroed, IPv6 cut to /48. */
    ipAnon: text('ip_anon').notNull(),
    userAgent: text('user_agent').notNull(),
    /** Under 14 (PIPL Art. 31): the guardian who consented. */
    guardianName: text('guardian_name'),
    guardianRelation: text('guardian_relation'),
    givenAt: timestamp('given_at', { withTimezone: true }).notNull().defaultNow(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnChannel: text('withdrawn_channel'),
  },
  (t) => [
    index('consent_records_subject_idx').on(t.subjectKind, t.subjectId),
    index('consent_records_youth_idx').on(t.youthId),
    index('consent_records_unit_idx').on(t.unitId),
  ],
);

/** A unit's 线上招募 page: the public address is /m/s/<slug>. */
export const signupPages = pgTable(
  'signup_pages',
  {
    id: serial('id').primaryKey(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    slug: text('slug').notNull().unique(),
    title: text('title').notNull(),
    intro: text('intro').notNull().default(''),
    status: text('status', { enum: ['draft', 'open', 'closed'] })
      .notNull()
      .default('draft'),
    opensAt: timestamp('opens_at', { withTimezone: true }),
    closesAt: timestamp('closes_at', { withTimezone: true }),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('signup_pages_unit_idx').on(t.unitId)],
);

export type WorksLink = { title: string; url: string };

/**
 * One public sign-up. unit_id is the unit that handles it now (the page's unit, or the unit it was
 * forwarded to). ID number and phone are stored as in the registry: SM4 ciphertext + blind index.
 */
export const signups = pgTable(
  'signups',
  {
    id: serial('id').primaryKey(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    pageId: integer('page_id')
      .notNull()
      .references(() => signupPages.id),
    channel: text('channel').notNull(),
    /** Blind index of the receipt code (kind 'receipt'); the code itself is shown once and kept by the person. */
    receiptIdx: text('receipt_idx').notNull().unique(),
    name: text('name').notNull(),
    gender: text('gender', { enum: ['male', 'female'] }),
    birthDate: date('birth_date', { mode: 'string' }),
    idNumberEnc: text('id_number_enc'),
    idNumberIdx: text('id_number_idx'),
    phoneEnc: text('phone_enc'),
    phoneIdx: text('phone_idx'),
    /** The county (or city) the person lives in, from the unit tree. */
    placeUnitId: integer('place_unit_id').references(() => units.id),
    categoryId: integer('category_id').references(() => dictItems.id),
    field: text('field'),
    platformOrg: text('platform_org'),
    worksLinks: jsonb('works_links').$type<WorksLink[]>().notNull().default([]),
    needs: integer('needs')
      .array()
      .notNull()
      .default(sql`'{}'::int[]`),
    needsText: text('needs_text'),
    dream: text('dream'),
    /** adult (16+), minor (14–16, marked for the cadre), child (under 14, guardian consent on record). */
    ageBand: text('age_band', { enum: ['adult', 'minor', 'child'] }).notNull(),
    status: text('status', { enum: ['pending', 'accepted', 'merged', 'declined', 'withdrawn'] })
      .notNull()
      .default('pending'),
    decisionReason: text('decision_reason'),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** The registry record it became (accepted) or was merged into. */
    youthId: integer('youth_id').references(() => youth.id),
    /** Fields a cadre verified on acceptance: the person may no longer change them. */
    lockedFields: text('locked_fields')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    forwardedFromUnitId: integer('forwarded_from_unit_id').references(() => units.id),
    selfEditedAt: timestamp('self_edited_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('signups_unit_status_idx').on(t.unitId, t.status, t.id),
    index('signups_page_idx').on(t.pageId, t.channel),
    index('signups_id_number_idx').on(t.idNumberIdx),
    index('signups_phone_idx').on(t.phoneIdx),
  ],
);

/**
 * Fixed-window counters for the public routes (per address, per page), in the database so that every
 * server process shares them. Old windows are deleted by the daily sweep.
 */
export const publicRateCounters = pgTable(
  'public_rate_counters',
  {
    bucket: text('bucket').notNull(),
    key: text('key').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    count: integer('count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.key, t.windowStart] })],
);

/** Proof-of-work challenges already spent: each solves one submission, once. */
export const publicChallengesUsed = pgTable(
  'public_challenges_used',
  {
    challengeHash: text('challenge_hash').primaryKey(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('public_challenges_used_expiry_idx').on(t.expiresAt)],
);
